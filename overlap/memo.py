"""Models that remember their answers for one run over several drafts (`check_many`).

Every draft is checked against the same sources, so without this the sources' sentences would be
embedded (and their NLI pairs scored) once per draft. The wrappers answer a text (or text pair)
seen before from memory and send only new ones to the model; every other attribute (model_id,
dim, describe) is the wrapped model's own, so cache keys and the report's model list do not
change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


class _Remembering:
    def __init__(self, model: Any):
        self._model = model
        self._seen: dict[Any, np.ndarray] = {}

    def __getattr__(self, name: str) -> Any:  # model_id, dim, describe, ...
        return getattr(self._model, name)

    def _answer(self, keys: Sequence[Any], run: Any) -> np.ndarray:
        new = list(dict.fromkeys(k for k in keys if k not in self._seen))
        if new:
            rows = np.asarray(run(new))
            self._seen.update(zip(new, rows, strict=True))
        if not keys:
            return np.asarray(run([]))
        return np.stack([self._seen[k] for k in keys])


class RememberingEmbedder(_Remembering):
    """An Embedder that embeds each distinct text once.

    >>> class Count:
    ...     model_id, calls = "count@1", 0
    ...     def encode(self, texts):
    ...         Count.calls += len(texts)
    ...         return np.ones((len(texts), 2), dtype=np.float32)
    >>> e = RememberingEmbedder(Count())
    >>> e.encode(["a", "b"]).shape, e.encode(["b", "a", "c"]).shape, Count.calls, e.model_id
    ((2, 2), (3, 2), 3, 'count@1')
    """

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._answer(list(texts), self._model.encode)


class RememberingNLI(_Remembering):
    """An NLI model that scores each distinct (premise, hypothesis) pair once."""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return self._answer([tuple(p) for p in pairs], self._model.predict)
