"""The models a run uses, loaded in one place and handed to the stages as one value.

`load_models(settings)` is the only code that builds the real models; every stage takes them as
arguments, so a test passes `Models(FakeEmbedder(), NeutralNLI())` and loads nothing. Loading is
cheap here (paths, checksums, a JSON file): torch is imported only when a model first runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .config import Settings
from .embed import Embedder
from .nli import NLI

if TYPE_CHECKING:
    from .paraphrase import ParaphraseModel


@dataclass(frozen=True)
class Models:
    """The embedder, the NLI model (None: judge without it) and the paraphrase scorer (None:
    the paraphrase stage loads the shipped one)."""

    embedder: Embedder
    nli: NLI | None = None
    scorer: ParaphraseModel | None = None
    # Why `nli` is None though judging was asked for: the run's notes say so.
    nli_problem: str | None = None

    def records(self, judging: bool) -> tuple[dict[str, Any], ...]:
        """What the report lists under `models`: the embedder, and the NLI model when it judged."""
        used: list[Any] = [self.embedder]
        if judging and self.nli is not None:
            used.append(self.nli)
        return tuple(_record(m) for m in used)


def _record(model: Any) -> dict[str, Any]:
    describe = getattr(model, "describe", None)
    return describe() if describe else {"name": model.model_id}


def load_models(
    settings: Settings, embedder: Embedder | None = None, nli: NLI | None = None
) -> Models:
    """The shipped models for `settings`, except those given. The NLI model is loaded only when
    `settings.judge`; when it cannot be, judging goes on without it and `nli_problem` says why.

    >>> load_models(Settings(judge=False), embedder=FakeEmbedder()).nli  # doctest: +SKIP
    """
    if embedder is None:
        embedder = load_embedder(settings)
    problem = None
    if settings.judge and nli is None:
        nli, problem = load_nli()
    return Models(embedder, nli, load_scorer(), problem)


def load_embedder(settings: Settings) -> Embedder:
    from . import embed  # looked up at call time: tests replace embed.MiniLM

    return embed.MiniLM(settings.batch_size, settings.embed_precision)


def load_nli() -> tuple[NLI | None, str | None]:
    """The shipped NLI model, or None and the reason it could not be loaded."""
    from .errors import ModelError

    try:
        from .nli import NLIModel
    except ImportError as exc:
        return None, f"NLI model code unavailable ({exc})"
    try:
        return NLIModel(), None
    except ModelError as exc:
        return None, str(exc)


def load_scorer() -> ParaphraseModel:
    """The shipped paraphrase scorer (models/paraphrase_scorer.json)."""
    from .paraphrase import load_model

    return load_model()
