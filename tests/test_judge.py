"""The verdict rule with a fake NLI model (fixed probabilities per pair)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from overlap.align import align_copy, align_paraphrase
from overlap.attribution import attribute
from overlap.judge import Thresholds, judge_all
from overlap.segment import segment
from overlap.textnorm import word_count
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


def test_typed_difference_is_never_vetoed_by_the_model():
    # issue 13: NLI models are blind to numbers, so mutual entailment cannot overrule a changed
    # number on aligned words.
    a, b = (
        seg(f"Officials said {BORDER}.", "a"),
        seg(f"Officials said {BORDER.replace('1,954', '2,000')}.", "b"),
    )
    [f] = judged([copy_finding(a, b)], [a, b], FakeNLI((0.95, 0.04, 0.01)))
    assert f.judgement.verdict is Verdict.CONTRADICT
    assert f.judgement.reasons[0] == 'number differs: "1,954-mile" here, "2,000-mile" in the source'


def test_quantifier_and_modality_on_aligned_words_contradict():
    text = "Officials said all of the border crossings will reopen to trucks on Monday."
    a = seg(text, "a")
    some = seg(text.replace("all of", "some of"), "b")
    [f] = judged([copy_finding(a, some)], [a, some], FakeNLI((0.9, 0.05, 0.05)))
    assert f.judgement.verdict is Verdict.CONTRADICT
    assert f.judgement.reasons[0] == 'quantifier differs: "all" here, "some" in the source'
    may = seg(text.replace("will reopen", "may reopen"), "c")
    [g] = judged([copy_finding(a, may)], [a, may], FakeNLI((0.9, 0.05, 0.05)))
    assert g.judgement.verdict is Verdict.CONTRADICT
    assert g.judgement.reasons[0] == 'modality differs: "will" here, "may" in the source'


def test_reasons_hold_no_model_probabilities():
    a = seg("Mexico ordered a halt to direct contact between the agencies of the two nations.", "a")
    b = seg("The museum reopened its ancient coins gallery with rare silver pieces.", "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    for probs in ((0.9, 0.05, 0.05), (0.02, 0.03, 0.95), (0.3, 0.4, 0.3)):
        [out] = judged([dataclasses.replace(f, kind=Kind.CLAIM, diff=())], [a, b], FakeNLI(probs))
        j = out.judgement
        assert j.nli["a->b"] == probs  # the probabilities stay in the JSON
        assert not any(c.isdigit() for r in j.reasons for c in r), j.reasons
    assert j.reasons[0] == "related claim without a clear contradiction"


def test_far_apart_articles_have_changed_over_time():
    # Dated four years apart (seeds: ABC News 2013, Marfa Public Radio 2017), a changed figure
    # is not a plain contradiction: either may have been right when written.
    a = seg(f"Officials said {BORDER}.", "a", date="2013-05-02")
    b = seg(f"Officials said {BORDER.replace('1,954', '2,000')}.", "b", date="2017-02-20")
    [f] = judged([copy_finding(a, b)], [a, b], FakeNLI((0.2, 0.2, 0.6)))
    j = f.judgement
    assert j.verdict is Verdict.CHANGED and j.verdict.value == "changed over time"
    assert j.reasons[0].startswith('number differs: "1,954-mile" here, "2,000-mile"')
    assert "1390 days apart" in j.reasons[0]
    close = seg(f"Officials said {BORDER.replace('1,954', '2,000')}.", "c", date="2013-05-07")
    a2 = seg(f"Officials said {BORDER}.", "a2", date="2013-05-02")
    [g] = judged([copy_finding(a2, close)], [a2, close], FakeNLI((0.2, 0.2, 0.6)))
    assert g.judgement.verdict is Verdict.CONTRADICT  # 5 days: the same news
    far = Thresholds(days_apart=5000)
    [h] = judged([copy_finding(a, b)], [a, b], FakeNLI((0.2, 0.2, 0.6)), far)
    assert h.judgement.verdict is Verdict.CONTRADICT  # the setting decides what "far" is


def test_credited_quote_is_never_a_contradiction_but_a_misquote_is_flagged():
    quote = (
        "However, the US strategy displays no sign of this friction, only expressing a desire "
        "to increase cooperation, which despite the public murmurings is likely to be the case."
    )
    source = seg(quote, "ic", outlet="InSight Crime")
    copy = seg(
        f"“{quote.replace('friction', 'tension').replace('US', 'U.S.')}” Insight Crime stated.",
        "fox",
        outlet="Fox",
    )
    f = copy_finding(copy, source)
    assert f.attribution.quoted and f.attribution.credited
    [f] = judged([f], [source, copy], FakeNLI((0.0, 0.0, 1.0)))  # even an NLI "contradiction"
    assert f.judgement.verdict is Verdict.AGREE
    # quote_match's words: US/U.S. is no change, a changed word is
    assert f.judgement.misquote == ("'friction' -> 'tension'",)
    assert f.judgement.nli is None  # a quotation is judged by its words, not by the model


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
    # a doubt (the model reads a contradiction short of the bar) is not agreement either
    [doubt] = judged([f], [a, b], FakeNLI((0.3, 0.1, 0.6)))
    assert doubt.judgement.verdict is Verdict.UNCLEAR
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
    assert "opposite direction" in no.judgement.reasons[0]  # the hint is the reason
    [no_model] = judged([claim], [a, b], None)
    assert no_model.judgement.verdict is Verdict.UNCLEAR


def test_a_claim_that_denies_the_shared_clause_is_never_supported():
    # BBC politics/045: "said no complaint had been made against Mr McLetchie"; the model's
    # lexical-overlap bias reads the two as entailing each other
    a = seg("A complaint had been made against Mr McLetchie over his work, the BBC reported.", "a")
    b = seg(
        "Its correspondent Glenn Campbell said no complaint had been made against Mr McLetchie "
        "over his work, but questions were raised about his dual role.",
        "b",
    )
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [entailed] = judged([claim], [a, b], FakeNLI((0.9, 0.05, 0.05)))
    assert entailed.judgement.verdict is Verdict.UNCLEAR
    assert 'negation differs: "no"' in entailed.judgement.reasons[0]
    [objection] = judged([claim], [a, b], FakeNLI((0.5, 0.2, 0.3)))
    assert objection.judgement.verdict is Verdict.CONTRADICT
    # the same two claims without the "no": agreement as before
    b2 = seg(b.article.text.replace("said no complaint", "said a complaint"), "b")
    f2 = attribute(align_paraphrase(a, b2, (0, 0, 0, 0), 0.6, 0.7, 5), a, b2)
    claim2 = dataclasses.replace(f2, kind=Kind.CLAIM, diff=())
    [agree] = judged([claim2], [a, b2], FakeNLI((0.9, 0.05, 0.05)))
    assert agree.judgement.verdict is Verdict.AGREE


def test_direction_words_in_a_copy_need_the_model_too():
    # issue 13: word lists alone never make a contradiction, even inside a copy.
    text = "The report says security cooperation between the two countries will deepen soon."
    a, b = seg(text, "a"), seg(text.replace("deepen", "weaken"), "b")
    [no_model] = judged([copy_finding(a, b)], [a, b], None)
    assert no_model.judgement.verdict is Verdict.UNCLEAR
    assert no_model.judgement.reasons[0].startswith('opposite direction: "deepen" here')
    [model] = judged([copy_finding(a, b)], [a, b], FakeNLI((0.1, 0.5, 0.4)))
    assert model.judgement.verdict is Verdict.CONTRADICT


def test_unrelated_direction_words_are_no_contradiction():
    # The seeds' invented contradictions: 'closing' vs 'closer' in sentences about other things.
    a = seg("The agencies are closing the offices that shared intelligence on cartels.", "a")
    b = seg("Washington wants a closer partnership with the new government in Mexico City.", "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [out] = judged([claim], [a, b], FakeNLI((0.1, 0.6, 0.3)))
    assert out.judgement.verdict is Verdict.UNCLEAR
    assert not [e for e in out.judgement.evidence if e.check == "direction"]


def test_repeats_are_not_judged():
    body = "The same long sentence about the border strategy appears here once more. "
    s = seg(body + "Something else entirely happens in between now. " + body, "a")
    from overlap.align import align_repeats

    [r] = align_repeats([s], {0: [(0, 2)]}, 8, 0.7)
    nli = FakeNLI()
    [out] = judged([r], [s], nli)
    assert out.judgement is None and nli.seen == []


# --- long passages are judged sentence pair by sentence pair (issue 10, D1) -----------------

NEWS = [
    "The central bank raised its main interest rate by half a point on Thursday.",
    "Analysts had expected a smaller move after inflation eased in the spring.",
    "The governor said further increases could not be ruled out this year.",
    "Shares in the country's largest lenders rose sharply in early trading.",
    "The currency gained against the dollar for the third day in a row.",
]


def long_pair(sentences=60, punctuation=True, change_every=0):
    words = " ".join(NEWS[k % len(NEWS)] for k in range(sentences))
    if not punctuation:
        words = " ".join(w.strip(".,'").lower() for w in words.split())
    copy = words.split()
    if change_every:
        copy = [
            "changed" if k % change_every == change_every - 1 else w for k, w in enumerate(copy)
        ]
    return seg(words, "a"), seg(" ".join(copy), "b")


class RecordingNLI(FakeNLI):
    """Says `probs` for every pair and records the longest text it was given, in words."""

    def __init__(self, probs=(0.1, 0.8, 0.1)):
        super().__init__(probs)
        self.longest = 0

    def predict(self, pairs):
        self.longest = max([self.longest, *(len(x.split()) for p in pairs for x in p)])
        return super().predict(pairs)


def test_a_long_edited_copy_never_reaches_the_model_whole():
    from overlap.align import MAX_UNIT_WORDS, sentence_pairs

    a, b = long_pair(sentences=60, change_every=37)
    f = copy_finding(a, b)
    assert len(f.a.text.split()) > 600  # one finding over the whole text
    nli = RecordingNLI()
    [out] = judged([f], [a, b], nli)
    assert nli.seen and nli.longest <= MAX_UNIT_WORDS
    # Nothing is cut away: the pairs hold every word of the copy, each sentence apart.
    pairs = sentence_pairs(f, a, b)
    assert sum(word_count(y.text) for _, y in pairs) == word_count(f.b.text)
    assert all(x.text.count(".") == 0 for x, _ in pairs)  # a pair never spans two sentences
    assert out.judgement.verdict is not Verdict.CONTRADICT


def test_text_without_punctuation_is_read_in_capped_windows():
    from overlap.align import MAX_UNIT_WORDS, sentence_pairs

    a, b = long_pair(sentences=40, punctuation=False, change_every=40)
    assert len(a.sentences) == 1  # no sentence ends at all
    f = copy_finding(a, b)
    pairs = sentence_pairs(f, a, b)
    assert len(pairs) > 5 and all(
        len(x.text.split()) <= MAX_UNIT_WORDS and len(y.text.split()) <= MAX_UNIT_WORDS
        for x, y in pairs
    )
    assert sum(word_count(y.text) for _, y in pairs) == word_count(f.b.text)
    nli = RecordingNLI()
    judged([f], [a, b], nli)
    assert 0 < nli.longest <= MAX_UNIT_WORDS


def test_a_long_related_claim_is_read_in_windows_too():
    a, b = long_pair(sentences=30, punctuation=False)
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    nli = RecordingNLI()
    judged([claim], [a, b], nli)
    from overlap.align import MAX_UNIT_WORDS

    assert nli.longest <= MAX_UNIT_WORDS


# --- the same words are never a contradiction, whatever the model says (issue 10, D12) ------


def test_a_verbatim_copy_is_never_contradicted_and_costs_no_model_call():
    a, b = long_pair(sentences=12)
    nli = RecordingNLI((0.005, 0.005, 0.99))
    [f] = judged([copy_finding(a, b)], [a, b], nli)
    assert f.kind is Kind.VERBATIM and f.judgement.verdict is Verdict.AGREE
    assert nli.seen == []
    one = seg(NEWS[0], "x"), seg(NEWS[0], "y")
    [g] = judged([copy_finding(*one)], list(one), nli)
    assert g.judgement.verdict is Verdict.AGREE and g.judgement.reasons[0] == "the same words"


def test_identical_claim_and_paraphrase_pairs_are_never_contradicted():
    nli = RecordingNLI((0.005, 0.005, 0.99))
    a, b = seg(NEWS[1], "a"), seg(NEWS[1].upper().replace(".", "!"), "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    for kind in (Kind.PARAPHRASE, Kind.CLAIM):
        [out] = judged([dataclasses.replace(f, kind=kind)], [a, b], nli)
        assert out.judgement.verdict is Verdict.AGREE, kind


def test_near_identical_copy_contradicts_only_on_a_typed_difference():
    nli = RecordingNLI((0.005, 0.005, 0.99))
    text = "The governor said on Thursday that 12 further increases could come this year."
    a = seg(text, "a")
    reworded = seg(text.replace("could come", "might come"), "b")
    [f] = judged([copy_finding(a, reworded)], [a, reworded], nli)
    assert f.judgement.verdict is not Verdict.CONTRADICT
    number = seg(text.replace("12", "15"), "c")
    [g] = judged([copy_finding(a, number)], [a, number], nli)
    assert g.judgement.verdict is Verdict.CONTRADICT and "12" in g.judgement.reasons[0]
    negated = seg(text.replace("could come", "could not come"), "d")
    [h] = judged([copy_finding(a, negated)], [a, negated], nli)
    assert h.judgement.verdict is Verdict.CONTRADICT and "not" in h.judgement.reasons[0]


def test_evidence_stays_with_its_sentence_pair():
    first = "The ministry said 40 schools would close across the northern region next month."
    second = "Teachers in the affected towns were told to prepare for online lessons instead."
    a = seg(f"{first} {second}", "a")
    b = seg(f"{first.replace('40', '55')} {second}", "b")
    [f] = judged([copy_finding(a, b)], [a, b], RecordingNLI())
    j = f.judgement
    assert j.verdict is Verdict.CONTRADICT
    [pair] = [e for e in j.evidence if e.check == "sentence"]
    assert pair.relation == "contradict" and pair.b.text.startswith("The ministry said 55")
    assert "Teachers" not in pair.b.text
    numbers = [e for e in j.evidence if e.check == "number"]
    assert numbers and all(e.b.start < b.sentences[1].start for e in numbers)


# Real BBC business sentences (../shared/data/news/bbc) from two different stories that the
# related-claims step paired by meaning: different firms' profits, different countries' output.
UNRELATED_CLAIMS = [
    (
        "Its pre-tax earnings in the fourth quarter were 77m euros (£53m; $100m), up from 38m in "
        "the same period of 2003.",
        "Analysts predict the firm is likely to report a slight drop in annual pre-tax profits to "
        "£170m from £194m last year.",
    ),
    (
        "Industrial output grew 15.7% in the year to October, down from 23% in February, and "
        "inflation slowed to 4.3% - although retail sales are still booming.",
        "Also on Friday, France's industrial output for December was released, showing 0.7% "
        "growth.",
    ),
]


@pytest.mark.parametrize(("text_a", "text_b"), UNRELATED_CLAIMS)
def test_a_number_that_differs_between_claims_about_different_things_is_no_contradiction(
    text_a, text_b
):
    a, b = seg(text_a, "a"), seg(text_b, "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [judged_claim] = judged([claim], [a, b], FakeNLI((0.05, 0.45, 0.5)))
    assert judged_claim.judgement.verdict is Verdict.UNCLEAR
    assert "may not be about one thing" in judged_claim.judgement.reasons[0]


def test_a_number_that_differs_between_claims_naming_the_same_firm_is_a_contradiction():
    a = seg("Nestle's pre-tax profit rose to 77m euros in the fourth quarter.", "a")
    b = seg("Analysts said Nestle made a pre-tax profit of 53m euros in the quarter.", "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [judged_claim] = judged([claim], [a, b], FakeNLI((0.05, 0.45, 0.5)))
    assert judged_claim.judgement.verdict is Verdict.CONTRADICT
    assert "77m euros" in judged_claim.judgement.reasons[0]


# Reuters-21578 (reut2-002, crude): related claims about OPEC output from different sources
# and periods; every sentence names OPEC, so a shared name is no proof of one fact.
OPEC_CLAIMS = [
    (
        "A Reuter survey found OPEC production in early March was 14.7 mln bpd.",
        "IEA SAYS OPEC FEBRUARY CRUDE OUTPUT 16.1 MLN BPD",
    ),
    (
        "A Reuter survey found OPEC production in early March was 14.7 mln bpd.",
        "OPEC produced an average 16.1 mln barrels per day (bpd) of crude oil in February, down "
        "from 16.5 mln the previous month and an overall 17.3 mln bpd in 1986.",
    ),
]


@pytest.mark.parametrize(("text_a", "text_b"), OPEC_CLAIMS)
def test_a_figure_between_claims_that_say_different_things_around_it_is_unclear(text_a, text_b):
    a, b = seg(text_a, "a"), seg(text_b, "b")
    f = attribute(align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, 5), a, b)
    claim = dataclasses.replace(f, kind=Kind.CLAIM, diff=())
    [out] = judged([claim], [a, b], FakeNLI((0.05, 0.3, 0.65)))
    assert out.judgement.verdict is Verdict.UNCLEAR
    assert "may count different things" in out.judgement.reasons[0]


def test_the_opec_claims_told_apart_by_their_subject_words():
    from overlap.claims import restated

    # Reuters-21578 reut2-002: the cartel's output against one member's quota; a posted price
    # against the spot price; the same firm's profit told twice (a figure that differs there is
    # one figure told two ways)
    assert not restated(
        "OPEC produced an average 16.1 mln barrels per day (bpd) of crude oil in February.",
        "Ecuador's OPEC oil output quota is 210,000 barrels per day (bpd).",
    )
    assert not restated(
        "The raise brought its posted prices for West texas Intermediate up by 50 cts to 17.00 "
        "dlrs a barrel.",
        "The U.S. benchmark crude West Texas Intermediate rose to 18.15 dlrs a barrel today, a "
        "rise of 1.50 dlrs this week.",
    )
    assert restated(
        "Nestle's pre-tax profit rose to 77m euros in the fourth quarter.",
        "Analysts said Nestle made a pre-tax profit of 53m euros in the quarter.",
    )


def test_names_in_full_come_from_the_articles_linked_to_either():
    # METER courts shape: the paper says "Miss Sheridan", one PA take "Janice", and only another
    # take (which the paper copies: a finding links them) names "Janice Sheridan".
    from types import SimpleNamespace as NS

    from overlap.slot_names import shared_names

    def seg(text):
        return NS(article=NS(text=text))

    def found(a, b):
        return NS(a=NS(article=a), b=NS(article=b))

    by_id = {
        "paper": seg("Miss Sheridan had been stabbed once in the back."),
        "take1": seg("Janice had been stabbed once in the back."),
        "take2": seg("The body of Janice Sheridan, 45, was found at the cottage."),
        "other": seg("Mary Smith was at home."),
    }
    findings = [found("paper", "take1"), found("paper", "take2")]
    names = shared_names(findings, by_id)("paper", "take1")
    assert frozenset({"janice", "sheridan"}) in names
    assert frozenset({"mary", "smith"}) not in names  # shares no finding with the pair
