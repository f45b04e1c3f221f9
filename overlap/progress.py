"""How long-running stages report progress without knowing who listens (the CLI draws bars:
progress_bars.py), and how long each stage took (`StageClock`, for the run's stats).

Three kinds of report: a counted stage (`start`, `advance`, `finish`: a bar with counts and an
ETA), and a status line for work without a count (`status`: model loading, a stage's uncounted
steps). `announced` wraps the run's models so that loading them and long NLI batches report
too, without the model code knowing about progress.
"""

from __future__ import annotations

import dataclasses
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from .models import Models


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def finish(self) -> None: ...

    def status(self, label: str) -> AbstractContextManager[None]:
        """A line saying what runs while the block runs (no count: loading, an uncounted step)."""
        ...

    def advance_within(self, n: int) -> None:
        """`n` items of the current step done, before the step's own `advance` (which then
        sets the count): a model's batches move the bar between a stage's larger steps."""
        ...


class NoProgress:
    """The default: report nothing."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass

    def status(self, label: str) -> AbstractContextManager[None]:
        return nullcontext()

    def advance_within(self, n: int) -> None:
        pass


class StageClock:
    """Wall seconds per stage: each lap is the time since the previous one (or `began`)."""

    def __init__(self, began: float):
        self.last = began
        self.laps: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self.last, 3)
        self.last = now


# Who hears of a model's batches: set by AnnouncedEmbedder around its model's call, so the model
# reports (`batch_done`) without being handed a callback through every wrapper (memo, cache).
_batch_listener: ContextVar[Callable[[int], None] | None] = ContextVar(
    "batch_listener", default=None
)


def batch_done(n: int) -> None:
    """A model ran a batch of `n` items (embed.MiniLM.encode calls this): the current stage's
    bar moves. Nothing when nobody listens."""
    listener = _batch_listener.get()
    if listener is not None:
        listener(n)


@contextmanager
def batches_to(listener: Callable[[int], None]) -> Iterator[None]:
    token = _batch_listener.set(listener)
    try:
        yield
    finally:
        _batch_listener.reset(token)


# Models already loaded under a status line: a second run in the same process (the next draft
# of `check`) does not show "loading" for a load that does nothing.
_loaded: weakref.WeakSet[Any] = weakref.WeakSet()


class _Announced:
    """A model that shows a status line the first time it loads. The shipped models load on
    first use (`_load`, which does nothing once loaded); a model without one (a test's fake)
    is used as it is. Every other attribute is the wrapped model's (model_id, dim, describe),
    so cache keys and the report's model list do not change."""

    def __init__(self, model: Any, progress: Progress, what: str):
        self._inner = model
        self._progress = progress
        self._what = what

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def _ready(self) -> None:
        load = getattr(self._inner, "_load", None)
        if callable(load) and self._inner not in _loaded:
            with self._progress.status(f"loading the {self._what}"):
                load()
            _loaded.add(self._inner)


class AnnouncedEmbedder(_Announced):
    """Also moves the embedding bar batch by batch: the stage advances once per chunk of 256
    texts (embed_texts), several seconds apart on a CPU; smaller chunks would make smaller
    batches of one length and embed 2.2x slower (652 BBC sentences: 9.5 s -> 20.6 s)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts):
            self._ready()
        with batches_to(self._progress.advance_within):
            return self._inner.encode(texts)


class AnnouncedNLI(_Announced):
    """Also shows a bar with counts over a call of many pairs (the judge sends all of a run's
    pairs in one), moved by the model's batches (nli.NLIModel.predict reports each). The call
    reaches the model whole, as without a bar: the same batches, the same scores."""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        if not len(pairs):
            return self._inner.predict(pairs)
        self._ready()
        self._progress.start("judging: sentence pairs (NLI)", len(pairs))
        try:
            with batches_to(self._progress.advance_within):
                scores = self._inner.predict(pairs)
            self._progress.advance(len(pairs))
        finally:
            self._progress.finish()
        return scores


def announced(models: Models, progress: Progress) -> Models:
    """`models` reporting their loading (and long NLI batches) to `progress` (as they are when
    they already do: check wraps them once for all its drafts)."""
    if isinstance(models.embedder, AnnouncedEmbedder):
        return models
    nli = AnnouncedNLI(models.nli, progress, "NLI model") if models.nli is not None else None
    embedder = AnnouncedEmbedder(models.embedder, progress, "embedding model")
    return dataclasses.replace(models, embedder=embedder, nli=nli)
