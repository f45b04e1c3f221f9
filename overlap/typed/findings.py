"""A reused passage pair: its kind, word diff, direction and attribution."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .judgement import Judgement
from .text import Span


class Kind(StrEnum):
    """What sort of reuse a finding is."""

    VERBATIM = "verbatim"  # the same words; only spacing, quote style or punctuation differ
    EDITED = "edited"  # the same text with small edits (Peña/Pena, U.S./US, a changed word)
    PARAPHRASE = "paraphrase"  # reworded: little shared wording, the same meaning
    REPEAT = "repeat"  # an article repeating a passage of itself
    CLAIM = "claim"  # not reused text: two passages about the same claim that disagree


class DiffTag(StrEnum):
    """What one step of a word diff does (the words of a become those of b)."""

    EQUAL = "equal"
    REPLACE = "replace"
    DELETE = "delete"  # words of a only
    INSERT = "insert"  # words of b only


@dataclass(frozen=True)
class DiffOp:
    """One step of the word-level diff, with absolute offsets into each article."""

    op: DiffTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class Attribution:
    """How the copying article presents the reused text."""

    quoted: bool  # inside quote marks
    credited: bool  # credits the source outlet, its author or the quoted speaker
    credit: str | None = None  # the credit as written ("ABC News", "Insight Crime")
    speaker: str | None = None


class Direction(StrEnum):
    """Which side of a finding is the likely source."""

    A_TO_B = "a->b"  # a is the likely source, b the copy
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """A reused passage pair. When the direction is known, `a` is the source and `b` the copy."""

    id: str
    kind: Kind
    score: float
    lexical: float
    semantic: float | None
    a: Span
    b: Span
    diff: tuple[DiffOp, ...]
    direction: Direction
    direction_reason: str
    attribution: Attribution | None = None  # None for repeats within one article
    judgement: Judgement | None = None  # None until judged (or when judging is off)
