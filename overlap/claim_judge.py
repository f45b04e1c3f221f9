"""The verdict on a related claim: two passages about the same thing that are not reused text,
so their words are not aligned (judge.py hands them here, step by step in its order)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .types import Evidence, Judgement, NLIScores, Verdict

if TYPE_CHECKING:
    from .judge import Thresholds

# Reasons in words: the model's probabilities stay in the JSON (`nli`), not in the reasons.
MODEL_CONTRADICTS = "the model reads the two sentences as contradicting each other"
MODEL_ENTAILS = "the model reads one sentence as saying what the other says"


def judge_claim(
    evidence: tuple[Evidence, ...],
    nli: NLIScores | None,
    t: Thresholds,
    done: Callable[..., Judgement],
    contradiction: Callable[[float, str], Judgement],
    anchored: bool = True,
    told_twice: bool = True,
    denied: str | None = None,
) -> Judgement:
    """Two passages that are not reuse, only about the same thing. Their words are not aligned,
    so a typed difference alone proves little (two sentences may count different things): a
    contradiction needs the NLI model to see one too, and the two sentences to name something in
    common (`anchored`, claims.same_subject): else they may be about two different things. A
    typed difference needs more: the two must share most of their words (`told_twice`,
    claims.restated). Reuters' OPEC stories name OPEC in every sentence, and "a Reuter survey
    found OPEC production in early March was 14.7 mln bpd" against "IEA says OPEC February crude
    output 16.1 mln bpd" is two sources measuring two periods, not one fact told wrong."""
    if nli is None:
        return done(Verdict.UNCLEAR, 0.0, "related claim; no NLI model ran")
    contra_max = max(nli.a_to_b.contradiction, nli.b_to_a.contradiction)
    contra_min = min(nli.a_to_b.contradiction, nli.b_to_a.contradiction)
    typed = [
        e
        for e in evidence
        if e.relation == "differs" and e.check in ("number", "date", "direction", "opposite")
    ]
    if not anchored and (typed or contra_min >= t.contradict):
        return done(
            Verdict.UNCLEAR,
            0.0,
            (f"related claim: {typed[0].message}, but " if typed else "related claim: ")
            + "the two sentences share no name and few words, so they may not be about one thing",
        )
    if denied is not None and anchored:
        # One side denies the clause both say (claims.denies): never support; a contradiction
        # when the model reads one either way, as for a changed figure.
        if contra_max >= t.direction:
            return contradiction(0.5 + 0.5 * contra_max, denied)
        return done(
            Verdict.UNCLEAR,
            1.0 - contra_max,
            f"related claim: {denied}, but the model does not read a contradiction",
        )
    if typed and not told_twice:
        return done(
            Verdict.UNCLEAR,
            0.0,
            f"related claim: {typed[0].message}, but the sentences say different things around "
            "it, so the figures may count different things (another period, place or source)",
        )
    if typed and contra_max >= t.direction:
        return contradiction(0.5 + 0.5 * contra_max, typed[0].message)
    if contra_min >= t.contradict:
        return contradiction(contra_min, MODEL_CONTRADICTS)
    ab, ba = nli.a_to_b, nli.b_to_a
    entail, other = max((ab.entailment, ba.contradiction), (ba.entailment, ab.contradiction))
    if entail >= t.entail and other < entail and not typed:
        return done(Verdict.AGREE, entail, MODEL_ENTAILS)
    if typed:
        return done(
            Verdict.UNCLEAR,
            1.0 - contra_max,
            f"related claim: {typed[0].message}, but "
            "the model does not read a contradiction (the two may not be about one thing)",
        )
    return done(Verdict.UNCLEAR, 1.0 - contra_max, "related claim without a clear contradiction")
