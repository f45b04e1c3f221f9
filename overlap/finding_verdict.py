"""One judgement for a finding from the judgements of its aligned sentence pairs.

The judge (overlap/judge.py) reads a long passage sentence pair by sentence pair; this module
folds their verdicts into the finding's, keeping each pair's verdict as `sentence` evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from .textnorm import folded_words
from .types import Evidence, EvidenceCheck, Finding, Judgement, Span, Verdict


def combine(
    f: Finding, pairs: Sequence[tuple[Span, Span]], verdicts: Sequence[Judgement]
) -> Judgement:
    """One judgement for a finding from those of its sentence pairs: a contradicted pair makes
    the finding contradicted (with that pair's reasons first); else it agrees when pairs holding
    at least half its words agree. Each pair that is not the same words is also kept as
    `sentence` evidence (its spans and verdict), so a report can tell which sentence it was."""
    if len(verdicts) == 1:
        return verdicts[0]
    if not verdicts:
        return Judgement(Verdict.UNCLEAR, 0.0, ("no sentence pair to compare",))
    worst = next((j for j in verdicts if j.verdict is Verdict.CONTRADICT), None)
    words = [len(folded_words(a.text)) for a, _ in pairs]
    agreeing = sum(w for w, j in zip(words, verdicts, strict=True) if j.verdict is Verdict.AGREE)
    if worst is None:
        worst = (
            next((j for j in verdicts if j.verdict is Verdict.AGREE), verdicts[0])
            if 2 * agreeing >= sum(words)
            else next(j for j in verdicts if j.verdict is not Verdict.AGREE)
        )
    verdict = worst.verdict
    same_verdict = [j for j in verdicts if j.verdict is verdict]
    confidence = (
        min(j.confidence for j in same_verdict)
        if verdict is Verdict.AGREE
        else max(j.confidence for j in same_verdict)
    )
    # The deciding pair's reasons, then the first reason of each other pair with this verdict;
    # each once (a long copy would otherwise repeat "the same words" per sentence).
    reasons = dict.fromkeys([*worst.reasons, *(j.reasons[0] for j in same_verdict)])
    evidence: list[Evidence] = []
    for (a, b), j in zip(pairs, verdicts, strict=True):
        evidence.extend(j.evidence)
        if j.reasons[:1] != ("the same words",):
            evidence.append(Evidence(EvidenceCheck.SENTENCE, j.verdict.value, j.reasons[0], a, b))
    misquote = tuple(dict.fromkeys(m for j in verdicts for m in j.misquote))
    # The model's view of the deciding pair, else of the first pair it was asked about.
    scores = worst.nli or next((j.nli for j in same_verdict if j.nli), None)
    return Judgement(
        verdict, confidence, tuple(list(reasons)[:20]), tuple(evidence), scores, misquote
    )
