"""A copy opening with "it" or "he" about two differently named subjects (claims.other_subjects,
judge)."""

from __future__ import annotations

import numpy as np

from overlap.align import align_copies
from overlap.judge import Thresholds, judge_all
from overlap.segment import segment
from overlap.types import Article, Verdict

# Reuters-21578 reut2-002, crude (1987): two firms' own price rises, as the files wrap them
DIAMOND = (
    "DIAMOND SHAMROCK <DIA> RAISES CRUDE OIL POSTINGS\n\nDiamond Shamrock said it raised its\n"
    "posted prices for all grades of crude oil one dlr a barrel,\neffective yesterday.\n"
    "    The one dlr increase brings West Texas Intermediate to 17.00 dlrs a bbl.\n"
)
PERMIAN = (
    "PERMIAN <PBT> RAISES CRUDE PRICES\n\nPermian Corp said that effective march 5\n"
    "it raised its posted prices for crude oil 50 cts a barrel.\n"
    "    The raise brought its posted prices for West texas\nIntermediate up by 50 cts.\n"
)


class Neutral:
    model_id = "fake-nli"

    def predict(self, pairs):
        return np.array([(0.1, 0.8, 0.1)] * len(pairs))


def verdicts(a_text: str, b_text: str) -> list[Verdict]:
    a = segment(Article("a", "a.txt", a_text, "txt"))
    b = segment(Article("b", "b.txt", b_text, "txt"))
    found = align_copies(a, b, (1, 1, 1, 1), 8, 0.7)
    assert found
    judged = judge_all(found, {"a": a, "b": b}, Neutral(), Thresholds())
    return [f.judgement.verdict for f in judged]


def test_figures_of_two_firms_copied_after_it_are_no_contradiction():
    assert verdicts(DIAMOND, PERMIAN) == [Verdict.UNCLEAR]


def test_the_same_subject_with_another_figure_still_contradicts():
    assert verdicts(DIAMOND, PERMIAN.replace("Permian Corp", "Diamond Shamrock")) == [
        Verdict.CONTRADICT
    ]
    # and a subject the other sentence does not name at all gives no subject to compare
    assert verdicts(DIAMOND, PERMIAN.replace("Permian Corp said that", "Effective")) == [
        Verdict.CONTRADICT
    ]


def test_headlines_naming_different_subjects_make_two_stories():
    from overlap.claims import headline_subjects
    from overlap.segment import segment
    from overlap.types import Article

    def story(i: str, title: str, text: str):
        return segment(Article(i, f"{i}.txt", text, "txt", title=title))

    # Reuters-21578: one cattle report form for two markets, each under its own headline
    st_paul = story(
        "a",
        "ST PAUL CATTLE OPEN UP 1.00-1.50 DLR - PRIVATE",
        "Slaughter steers opened 1.00 to 1.50 dlr higher at St Paul, private sources said.",
    )
    omaha = story(
        "b",
        "OMAHA CATTLE OPEN STEADY/UP 0.25 DLR - PRIVATE",
        "Slaughter steers opened steady to 0.25 dlr higher at Omaha, private sources said.",
    )
    assert headline_subjects(st_paul, omaha) == ("PAUL", "OMAHA")
    # a reissue marked CORRECTED names the same subject: "CORRECTED" is no name in its text
    reissue = story("c", "CORRECTED - ST PAUL CATTLE OPEN UP", st_paul.article.text)
    assert headline_subjects(st_paul, reissue) is None
    # no headline: nothing to read
    untitled = segment(Article("d", "d.txt", omaha.article.text, "txt"))
    assert headline_subjects(st_paul, untitled) is None


def test_a_denial_needs_a_clause_both_say_not_a_noun_phrase():
    from overlap.claims import denies

    # BBC politics/045: "no complaint had been made against Mr McLetchie" denies the draft's
    # clause; "no conflicts of interest arise" shares only the noun phrase with "cleared of a
    # conflict of interest", and the two say one thing
    assert denies(
        "A complaint had been made against Mr McLetchie, BBC Scotland reported.",
        "Glenn Campbell said no complaint had been made against Mr McLetchie, but questions "
        "were raised about his dual role.",
    )
    assert (
        denies(
            "David McLetchie has been cleared of a conflict of interest by the standards "
            "committee.",
            "Mr McLetchie said he was quite clear that no conflicts of interest arise in his case.",
        )
        is None
    )
