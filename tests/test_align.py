from __future__ import annotations

from overlap.align import align_copy, align_paraphrase, align_repeats, sentence_runs
from overlap.ids import finding_id
from overlap.segment import segment
from overlap.types import Article, Kind, PairScore, Span

SOURCE = (
    "Officials met on Tuesday. The election of Peña Nieto sparked vocal concerns among US "
    "political leaders over his stated desire to move priorities away from arrests. "
    "Nothing else was said."
)
COPY = (
    "In other news, “The election of Pena Nieto sparked vocal concerns among U.S. political "
    "leaders over his stated desire to move priorities away from arrests,” the website stated."
)


def seg(text, ident):
    return segment(Article(ident, f"{ident}.txt", text, "txt"))


def test_runs_chain_consecutive_pairs_and_allow_a_split_sentence():
    runs = sentence_runs([(0, 0), (1, 1), (1, 2), (2, 3), (7, 9)])
    assert [r[:4] for r in runs] == [(0, 2, 0, 3), (7, 7, 9, 9)]


def test_copy_is_cut_to_the_copied_words_with_edits_marked():
    a, b = seg(SOURCE, "a"), seg(COPY, "b")
    f = align_copy(a, b, (1, 1, 0, 0), min_words=8, edited_min=0.7)
    assert f is not None and f.kind is Kind.EDITED
    assert f.a.text.startswith("The election of Peña Nieto") and f.a.text.endswith("from arrests")
    assert f.b.text.startswith("The election of Pena Nieto") and f.b.text.endswith("from arrests")
    assert SOURCE[f.a.start : f.a.end] == f.a.text and COPY[f.b.start : f.b.end] == f.b.text
    changes = {
        (SOURCE[d.a_start : d.a_end], COPY[d.b_start : d.b_end]) for d in f.diff if d.op != "equal"
    }
    assert changes == {("Peña", "Pena"), ("US", "U.S.")}


def test_identical_words_are_verbatim_even_with_different_quote_marks():
    text = "He said the plan to expand the border program would start in the spring of next year."
    a, b = seg(text, "a"), seg("“" + text[:-1] + ",” he said.", "b")
    f = align_copy(a, b, (0, 0, 0, 0), min_words=8, edited_min=0.7)
    assert f.kind is Kind.VERBATIM and f.lexical == 1.0


def test_short_or_loose_overlap_is_not_a_copy():
    a = seg("The two countries agreed on a plan for the border region this week.", "a")
    b = seg("The two countries argued about everything except the weather, officials said.", "b")
    assert align_copy(a, b, (0, 0, 0, 0), min_words=8, edited_min=0.7) is None


def test_paraphrase_keeps_whole_sentences():
    a = seg("Mexico ordered a halt to direct contact between the agencies of both nations.", "a")
    b = seg("All requests must now be routed through the Interior Ministry in Mexico City.", "b")
    f = align_paraphrase(a, b, (0, 0, 0, 0), 0.6, 0.7, min_words=5)
    assert f.kind is Kind.PARAPHRASE and f.score == 0.6 and f.semantic == 0.7
    assert f.a.text == a.article.text and f.b.text == b.article.text


def test_repeat_within_one_article_needs_separate_places():
    body = "The same long sentence about the border strategy appears here once. "
    s = seg(body + "Something in between happens now. " + body, "a")
    found = align_repeats([s], {0: [(0, 2)]}, min_words=8, edited_min=0.7)
    assert len(found) == 1 and found[0].kind is Kind.REPEAT
    assert found[0].a.end <= found[0].b.start
    assert align_repeats([s], {0: [(0, 0)]}, 8, 0.7) == []


def test_finding_id_is_stable_under_case_and_accents():
    a1, b1 = Span("x", 0, 4, "Peña said"), Span("y", 5, 9, "it was")
    a2 = Span("x", 10, 14, "pena SAID")
    assert finding_id(a1, b1) == finding_id(a2, b1)
    assert finding_id(a1, b1) != finding_id(b1, a1)


def test_long_texts_are_aligned_in_blocks_without_losing_shared_words():
    # Issue 10, D1: the LCS bit matrix of two 1 MB articles is 3.6 GB; blocks keep it small.
    import random

    from rapidfuzz.distance import Indel

    from overlap.diff import opcodes

    rng = random.Random(3)
    a = [f"w{rng.randrange(500)}" for _ in range(9000)]
    b = ["changed" if k % 40 == 39 else w for k, w in enumerate(a)]
    b = b[:3000] + ["inserted"] * 30 + b[3000:5000] + b[5100:]
    ops = opcodes(a, b, block=1000)
    at_a = at_b = 0
    for tag, a0, a1, b0, b1 in ops:  # contiguous, and equal steps are equal words
        assert (a0, b0) == (at_a, at_b)
        assert tag != "equal" or a[a0:a1] == b[b0:b1]
        at_a, at_b = a1, b1
    assert (at_a, at_b) == (len(a), len(b))
    shared = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag == "equal")
    whole = sum(o.src_end - o.src_start for o in Indel.opcodes(a, b) if o.tag == "equal")
    assert shared >= 0.99 * whole


WIRE = (
    "The defendant, who denies the charges, was remanded in custody until next month by "
    "magistrates in Leeds, and his lawyer said he would apply for bail at the crown court "
    "as soon as the papers were served."
)
PAPER = (
    "Police cordoned off the street for several hours on Friday, and the defendant was "
    "remanded in custody until next month by magistrates in Leeds while neighbours "
    "gathered outside the house to lay flowers for the family of the young victim."
)


def test_a_clause_copied_into_a_long_sentence_is_found_on_its_own():
    from overlap.align import align_across, align_copies

    a, b = seg(WIRE, "a"), seg(PAPER, "b")
    # The sentences share one clause, a verbatim copy; the rest of each is its own.
    [f] = align_copies(a, b, (0, 0, 0, 0), min_words=8, edited_min=0.7)
    assert f.kind is Kind.VERBATIM
    assert f.b.text == "was remanded in custody until next month by magistrates in Leeds"
    assert f.a.text == f.b.text
    # align_across reports it, and leaves both sentences (mostly not copied) to the
    # paraphrase stage: a paraphrase of the whole pair is still taken.
    found = align_across(
        [a, b],
        {(0, 1): [(0, 0)]},
        {(0, 1): {(0, 0): PairScore(0.9, 0.8)}},
        set(),
        8,
        0.7,
        7,
        threshold=0.5,
        threshold_related=0.5,
    )
    assert [x.kind for x in found] == [Kind.VERBATIM, Kind.PARAPHRASE]


def test_two_clauses_of_one_sentence_are_two_copies_in_order():
    from overlap.align import align_copies

    a = seg(
        "Jones was fined 500 pounds and banned from driving for two years at the hearing "
        "today. He told reporters outside court that he would appeal against the ban.",
        "a",
    )
    b = seg(
        "Jones was fined 500 pounds and banned from driving, said to have been the "
        "longest ban the bench had ever given a first offender in that town, and told "
        "reporters outside court that he would appeal against the ban.",
        "b",
    )
    found = align_copies(a, b, (0, 1, 0, 0), min_words=6, edited_min=0.7)
    assert [f.b.text for f in found] == [
        "Jones was fined 500 pounds and banned from driving",
        "told reporters outside court that he would appeal against the ban",
    ]
    assert found[0].b.end < found[1].b.start and found[0].a.end < found[1].a.start
