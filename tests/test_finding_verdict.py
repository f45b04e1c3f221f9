"""A finding's judgement folded from the judgements of its aligned sentence pairs."""

from __future__ import annotations

from overlap.finding_verdict import combine
from overlap.types import (
    Direction,
    EvidenceCheck,
    Finding,
    Judgement,
    Kind,
    NLIProbs,
    NLIScores,
    Span,
    Verdict,
)

FIRST = "The council approved the new budget on Tuesday night after a long debate."
SECOND = "The mayor said taxes would rise."
TEXT = f"{FIRST} {SECOND}"


def pairs() -> list[tuple[Span, Span]]:
    cut = len(FIRST)
    return [
        (Span("a", 0, cut, FIRST), Span("b", 0, cut, FIRST)),
        (Span("a", cut + 1, len(TEXT), SECOND), Span("b", cut + 1, len(TEXT), SECOND)),
    ]


def finding() -> Finding:
    whole_a, whole_b = Span("a", 0, len(TEXT), TEXT), Span("b", 0, len(TEXT), TEXT)
    return Finding(
        "f1", Kind.PARAPHRASE, 0.9, 0.5, 0.9, whole_a, whole_b, (), Direction.UNKNOWN, ""
    )


def verdict(v: Verdict, confidence: float, reason: str, nli: NLIScores | None = None) -> Judgement:
    return Judgement(v, confidence, (reason,), (), nli)


def test_one_contradicted_pair_makes_the_finding_contradicted_with_its_reason_first():
    scores = NLIScores(NLIProbs(0.0, 0.1, 0.9), NLIProbs(0.0, 0.2, 0.8))
    j = combine(
        finding(),
        pairs(),
        [
            verdict(Verdict.AGREE, 0.9, "reworded with no typed difference"),
            verdict(Verdict.CONTRADICT, 0.8, "number differs: 2 here, 3 there", scores),
        ],
    )
    assert j.verdict is Verdict.CONTRADICT
    assert j.reasons[0] == "number differs: 2 here, 3 there"
    assert j.nli == scores
    sentences = [e for e in j.evidence if e.check is EvidenceCheck.SENTENCE]
    assert [(e.relation, e.a.text if e.a else None) for e in sentences] == [
        ("agree", FIRST),
        ("contradict", SECOND),
    ]


def test_pairs_holding_most_words_agreeing_make_it_agree_at_their_lowest_confidence():
    j = combine(
        finding(),
        pairs(),
        [
            verdict(Verdict.AGREE, 0.9, "reworded with no typed difference"),
            verdict(Verdict.UNCLEAR, 0.3, "no typed difference"),
        ],
    )
    assert j.verdict is Verdict.AGREE and j.confidence == 0.9


def test_pairs_holding_most_words_unclear_make_it_unclear():
    j = combine(
        finding(),
        pairs(),
        [
            verdict(Verdict.UNCLEAR, 0.3, "no typed difference"),
            verdict(Verdict.AGREE, 0.9, "reworded with no typed difference"),
        ],
    )
    assert j.verdict is Verdict.UNCLEAR and j.reasons[0] == "no typed difference"


def test_same_words_pairs_are_not_repeated_as_sentence_evidence():
    same = verdict(Verdict.AGREE, 1.0, "the same words")
    j = combine(finding(), pairs(), [same, same])
    assert j.verdict is Verdict.AGREE
    assert j.reasons == ("the same words",)
    assert not [e for e in j.evidence if e.check is EvidenceCheck.SENTENCE]


def test_no_pair_is_unclear_and_one_pair_is_that_pair():
    assert combine(finding(), [], []).verdict is Verdict.UNCLEAR
    only = verdict(Verdict.CONTRADICT, 0.7, "date differs")
    assert combine(finding(), pairs()[:1], [only]) is only
