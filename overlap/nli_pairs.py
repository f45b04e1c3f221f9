"""Both-way NLI probabilities for text pairs: one batch, cached by content.

The judge's model input (overlap/judge.py): each pair is read both ways (a as premise, then b),
and with a store the scores are kept like embeddings, keyed by the NLI model's id and the hash of
the text pair (overlap/cache.py), so a second run on the same corpus runs the model on nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .cache import EmbeddingStore, text_key
from .nli import NLI
from .types import Finding, NLIProbs, NLIScores


def nli_scores(
    nli: NLI | None, findings: Sequence[Finding], store: EmbeddingStore | None = None
) -> list[NLIScores | None]:
    """Both-way NLI probabilities for every finding taken whole, in one batch (short pairs
    only: judge_all reads long passages by sentence pairs)."""
    return pair_scores(nli, [(f.a.text, f.b.text) for f in findings], store)


def pair_scores(
    nli: NLI | None, texts: Sequence[tuple[str, str]], store: EmbeddingStore | None = None
) -> list[NLIScores | None]:
    """Both-way NLI probabilities for every (a, b) text pair, in one batch. With a store, scores
    are cached like embeddings (keyed by model id and the hash of the text pair), so a second run
    on the same corpus runs the model on nothing."""
    if nli is None or not texts:
        return [None] * len(texts)
    pairs = [(a, b) for a, b in texts] + [(b, a) for a, b in texts]
    keys = [text_key(a + "\u0000" + b) for a, b in pairs]
    known = store.get_many(nli.model_id, list(dict.fromkeys(keys))) if store else {}
    todo = list(dict.fromkeys(k for k in keys if k not in known))
    if todo:
        by_key = dict(zip(keys, pairs, strict=True))
        fresh = np.asarray(nli.predict([by_key[k] for k in todo]), dtype=np.float32)
        computed = dict(zip(todo, fresh, strict=True))
        if store:
            store.put_many(nli.model_id, computed)
        known = {**known, **computed}
    probs = np.asarray([known[k] for k in keys], dtype=float)
    n = len(texts)
    return [NLIScores(_triple(probs[k]), _triple(probs[n + k])) for k in range(n)]


def _triple(row: np.ndarray) -> NLIProbs:
    return NLIProbs(round(float(row[0]), 4), round(float(row[1]), 4), round(float(row[2]), 4))
