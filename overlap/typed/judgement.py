"""The judge's verdict on a passage pair: typed evidence and the NLI model's probabilities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from .text import Span


class Verdict(StrEnum):
    """Whether two passages make the same claim."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    UNCLEAR = "unclear"
    # Articles far apart in time that say different things: the facts may have moved on.
    CHANGED = "changed over time"


class EvidenceCheck(StrEnum):
    """Which check made an observation (overlap/evidence.py, overlap/judge.py)."""

    NUMBER = "number"  # numbers, money and percentages
    DATE = "date"  # dates, weekdays and clock times
    NAME = "name"
    NEGATION = "negation"
    QUANTIFIER = "quantifier"
    MODALITY = "modality"
    DIRECTION = "direction"  # opposite direction words (rose / fell)
    OPPOSITE = "opposite"  # one word for its opposite in the same words (higher / lower)
    HEDGE = "hedge"  # one side hedges where the other asserts
    SENTENCE = "sentence"  # the NLI verdict on one aligned sentence pair


@dataclass(frozen=True)
class Evidence:
    """One typed observation about a passage pair, with the words involved on each side.

    `relation` is differs (points to a contradiction), same (points to agreement), variant (a
    spelling variant, same thing), hedged; for a sentence check, that sentence pair's verdict.
    """

    check: EvidenceCheck
    relation: str
    message: str  # e.g. "number differs: 1,954 miles vs 2,000 miles"
    a: Span | None = None
    b: Span | None = None


class NLIProbs(NamedTuple):
    """The NLI model's probabilities for one premise -> hypothesis reading."""

    entailment: float
    neutral: float
    contradiction: float


@dataclass(frozen=True)
class NLIScores:
    """Both readings of a passage pair: a as premise (a_to_b) and b as premise (b_to_a)."""

    a_to_b: NLIProbs
    b_to_a: NLIProbs

    def __getitem__(self, key: str) -> NLIProbs:
        """By the JSON document's keys, "a->b" and "b->a" (tests and benchmarks read these)."""
        if key == "a->b":
            return self.a_to_b
        if key == "b->a":
            return self.b_to_a
        raise KeyError(key)


@dataclass(frozen=True)
class Judgement:
    """The verdict on a finding and why. `nli` holds the NLI model's both-way probabilities,
    when it ran."""

    verdict: Verdict
    confidence: float
    reasons: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    nli: NLIScores | None = None
    misquote: tuple[str, ...] = ()  # changed words inside a credited quotation
