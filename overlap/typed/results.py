"""What a comparison run returns: findings, per-pair derivation and duplication, run stats."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .findings import Finding
from .text import Article, Segmented, Skipped


@dataclass(frozen=True)
class RunStats:
    passages: int
    embedded: int
    embedded_from_cache: int
    seconds: float
    # Wall seconds per pipeline stage, in run order (where a large corpus spends its time).
    stages: dict[str, float] = field(default_factory=dict)


class DerivationLabel(StrEnum):
    """The METER corpus's three labels for how much of an article is derived from a source."""

    WHOLLY = "wholly"
    PARTIALLY = "partially"
    NON = "non"


@dataclass(frozen=True)
class Derivation:
    """How much of `article` is reused from `sources` (shares of its non-space characters, per
    kind; they add up to `share_total`), the share of its distinct content words the sources use
    too (`words_kept`), and the METER-style label those earn (overlap/derivation.py)."""

    article: str
    sources: tuple[str, ...]
    share_verbatim: float
    share_edited: float
    share_paraphrase: float
    share_total: float
    words_kept: float
    label: DerivationLabel


class Duplication(StrEnum):
    """Whether two articles are one story (overlap/near_duplicates.py)."""

    EXACT = "exact"  # the same words throughout
    NEAR = "near"  # the same story reissued, corrected or updated
    PARTIAL = "partial"  # two stories sharing some passages (or only stock wording)


@dataclass(frozen=True)
class PairDuplication:
    """An article pair (ids `a` < `b`) and whether it is one story: of the `shorter` article's
    `words`, the share the pair's findings match in the other (`share_matched`), the share that
    is stock wording of the compared set (`share_stock`), and the share of its other, distinctive
    words matched (`share_distinctive`, the evidence for `label`)."""

    a: str
    b: str
    shorter: str
    words: int
    share_matched: float
    share_stock: float
    share_distinctive: float
    label: Duplication


@dataclass(frozen=True)
class Result:
    articles: tuple[Article, ...]
    segmented: tuple[Segmented, ...]
    skipped: tuple[Skipped, ...]
    findings: tuple[Finding, ...]
    settings: dict[str, object]
    models: tuple[dict[str, str], ...] = ()
    stats: RunStats | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Per ordered article pair sharing reused text (article against its source); see derivation.py.
    derivations: tuple[Derivation, ...] = ()
    # Per article pair sharing reused text or the same body: one story or not; near_duplicates.py.
    pair_duplication: tuple[PairDuplication, ...] = ()
