"""The verdict rule with a fake NLI model (fixed probabilities per pair)."""

from __future__ import annotations

import dataclasses

import numpy as np

from overlap.align import align_copy, align_paraphrase
from overlap.attribution import attribute
from overlap.judge import Thresholds, judge_all
from overlap.segment import segment
from overlap.types import Article, Kind, Verdict


class FakeNLI:
    """Returns the same (entailment, neutral, contradiction) for every pair, and counts calls."""

    model_id = "fake-nli"

    def __init__(self, probs=(0.1, 0.8, 0.1)):
        self.probs = probs
        self.seen = []

    def predict(self, pairs):
        self.seen.extend(pairs)
        return np.array([self.probs] * len(pairs))


def seg(text, ident, **meta):
    return segment(Article(ident, f"{ident}.txt", text, "txt", **meta))


def copy_finding(a, b):
    f = align_copy(a, b, (0, len(a.sentences) - 1, 0, len(b.sentences) - 1), 8, 0.7)
    return attribute(f, a, b)


DEFAULTS = Thresholds()


def judged(findings, segs, nli, t=DEFAULTS):
    return judge_all(findings, {s.article.id: s for s in segs}, nli, t)


BORDER = "the two leaders discussed the use of drones along the 1,954-mile shared border today"


def test_changed_number_in_a_copy_is_a_contradiction():
    a, b = (
        seg(f"Officials said {BORDER}.", "a"),
        seg(f"Officials said {BORDER.replace('1,954', '2,000')}.", "b"),
    )
    nli = FakeNLI((0.2, 0.2, 0.6))
    [f] = judged([copy_finding(a, b)], [a, b], nli)
    j = f.judgement
    assert (
        j.verdict is Verdict.CONTRADICT
        and j.reasons[0] == 'number differs: "1,954-mile" here, "2,000-mile" in the source'
    )
    assert j.nli["a->b"] == (0.2, 0.2, 0.6) and len(nli.seen) == 2  # both directions


def test_typed_difference_overruled_by_mutual_entailment_is_unclear():
    a, b = (
        seg(f"Officials said {BORDER}.", "a"),
        seg(f"Officials said {BORDER.replace('1,954', '2,000')}.", "b"),
    )
    [f] = judged([copy_finding(a, b)], [a, b], FakeNLI((0.95, 0.04, 0.01)))
    assert f.judgement.verdict is Verdict.UNCLEAR


def test_credited_quote_is_never_a_contradiction_but_a_misquote_is_flagged():
    quote = (
        "However, the US strategy displays no sign of this friction, only expressing a desire "
        "to increase cooperation, which despite the public murmurings is likely to be the case."
    )
    source = seg(quote, "ic", outlet="InSight Crime")
    copy = seg(
        f"“{quote.replace('murmurings', 'murmuring').replace('US', 'U.S.')}” Insight Crime stated.",
        "fox",
        outlet="Fox",
    )
    f = copy_finding(copy, source)
    assert f.attribution.quoted and f.attribution.credited
    [f] = judged([f], [source, copy], FakeNLI((0.0, 0.0, 1.0)))  # even an NLI "contradiction"
    assert f.judgement.verdict is Verdict.AGREE
    assert f.judgement.misquote == ("'murmurings' -> 'murmuring'",)


def test_paraphrase_agrees_unless_the_nli_model_objects():
    a = seg("Mexico ordered a halt to direct contact between the agencies of the two nations.", "a")
    b = seg(
        "All contact between the two nations' agencies must now pass through one ministry.", "b"
    )
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    [agree] = judged([f], [a, b], FakeNLI((0.3, 0.5, 0.2)))
    assert agree.judgement.verdict is Verdict.AGREE
    assert agree.judgement.reasons[0].startswith("reworded with no typed difference")
    [objection] = judged([f], [a, b], FakeNLI((0.02, 0.03, 0.95)))
    assert objection.judgement.verdict is Verdict.CONTRADICT
    [no_model] = judged([f], [a, b], None)
    assert no_model.judgement.verdict is Verdict.AGREE and no_model.judgement.nli is None


def test_related_claim_needs_the_nli_model():
    a = seg("Mexico ordered a halt to direct contact between the agencies of the two nations.", "a")
    b = seg("The museum reopened its ancient coins gallery with rare silver pieces.", "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [unclear] = judged([claim], [a, b], None)
    assert (
        unclear.judgement.verdict is Verdict.UNCLEAR
        and "no NLI model" in unclear.judgement.reasons[0]
    )
    [agree] = judged([claim], [a, b], FakeNLI((0.9, 0.05, 0.05)))
    assert agree.judgement.verdict is Verdict.AGREE


def test_opposite_direction_needs_nli_support():
    # Opposite-direction words count only on the aligned subject (issue 13: word lists alone
    # never make a contradiction), so the two sentences share the words around them.
    a = seg("The report says security cooperation between the two countries will deepen.", "a")
    b = seg("The report says security cooperation between the two countries will weaken.", "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [yes] = judged([claim], [a, b], FakeNLI((0.1, 0.5, 0.4)))
    assert (
        yes.judgement.verdict is Verdict.CONTRADICT
        and "opposite direction" in yes.judgement.reasons[0]
    )
    [no] = judged([claim], [a, b], FakeNLI((0.1, 0.85, 0.05)))
    assert no.judgement.verdict is Verdict.UNCLEAR


def test_repeats_are_not_judged():
    body = "The same long sentence about the border strategy appears here once more. "
    s = seg(body + "Something else entirely happens in between now. " + body, "a")
    from overlap.align import align_repeats

    [r] = align_repeats([s], {0: [(0, 2)]}, 8, 0.7)
    nli = FakeNLI()
    [out] = judged([r], [s], nli)
    assert out.judgement is None and nli.seen == []
