"""Frozen dataclasses and str enums passed between stages (a facade).

The types live in `overlap/typed/`, one module per job: the article as read and segmented
(text), the candidate search's hand-offs (search), the judge's verdict (judgement), a reused
passage pair (findings), a comparison run's result (results) and the draft check's (draft_check).
Every stage imports them from here, so moving a type between those modules touches no caller.
"""

from __future__ import annotations

from .typed.draft_check import (
    AGREEING,
    COPY_KINDS,
    CheckResult,
    LinkRelation,
    SentenceCheck,
    SentenceClass,
    SourceLink,
)
from .typed.findings import (
    Attribution,
    DiffOp,
    DiffTag,
    Direction,
    Finding,
    Kind,
)
from .typed.judgement import (
    Evidence,
    EvidenceCheck,
    Judgement,
    NLIProbs,
    NLIScores,
    Verdict,
)
from .typed.results import (
    Derivation,
    DerivationLabel,
    Duplication,
    PairDuplication,
    Result,
    RunStats,
)
from .typed.search import (
    ArticlePair,
    PairScore,
    ParagraphRef,
    ParagraphVectors,
    Precision,
    SentencePair,
    SentenceRef,
)
from .typed.text import (
    Article,
    Chrome,
    Paragraph,
    Quote,
    Segmented,
    Sentence,
    Skipped,
    Span,
)

__all__ = [
    "AGREEING",
    "COPY_KINDS",
    "Article",
    "ArticlePair",
    "Attribution",
    "CheckResult",
    "Chrome",
    "Derivation",
    "DerivationLabel",
    "DiffOp",
    "DiffTag",
    "Direction",
    "Duplication",
    "Evidence",
    "EvidenceCheck",
    "Finding",
    "Judgement",
    "Kind",
    "LinkRelation",
    "NLIProbs",
    "NLIScores",
    "PairDuplication",
    "PairScore",
    "Paragraph",
    "ParagraphRef",
    "ParagraphVectors",
    "Precision",
    "Quote",
    "Result",
    "RunStats",
    "Segmented",
    "Sentence",
    "SentenceCheck",
    "SentenceClass",
    "SentencePair",
    "SentenceRef",
    "Skipped",
    "SourceLink",
    "Span",
    "Verdict",
]
