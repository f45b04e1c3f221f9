"""The draft-quote outcomes issue 13 item 2 lists, each on a real sentence: METER courts PA copy
(01.03.00/chemists, Mr Justice Forbes sentencing) as the source, a draft quoting it.

Quoted with an ellipsis or a bracketed insertion that keeps the meaning; misquoted where the
ellipsis hides a negation; misattributed; unverified; "sources differ" judged against the credited
source is in test_quote_match.py (the breeder PA / Guardian pair), as are the seeds' cases.
"""

from __future__ import annotations

from overlap.quote_match import Outcome, article_quotes, match_quote
from overlap.quotes import quotations
from overlap.types import Article

CHEMISTS = Article(
    "pa",
    "chemists2.txt",
    (
        "Mr Justice Forbes said: ``It is an extremely sad and tragic case for all concerned. "
        "One's heart goes out to the parents of the boy who died so tragically and so young. "
        "But I accept that neither of you are criminally responsible for that death.''"
    ),
    "txt",
    outlet="PA News",
)


def verdict(draft: str):
    [q] = quotations(draft, [(0, len(draft))])
    return match_quote(q, [article_quotes(CHEMISTS)])


def test_an_ellipsis_for_left_out_words_is_quoted():
    v = verdict("“It is an extremely sad ... case for all concerned,” Mr Justice Forbes said.")
    assert v.outcome is Outcome.QUOTED and v.changes == ()
    assert v.source is not None and v.source.speaker == "Mr Justice Forbes"


def test_an_ellipsis_that_hides_a_negation_is_a_misquote():
    v = verdict(
        "“But I accept that ... you are criminally responsible for that death,” "
        "Mr Justice Forbes said."
    )
    assert v.outcome is Outcome.MISQUOTED
    assert v.changes == ("'neither of' dropped",)


def test_a_bracketed_name_in_place_of_the_source_s_words_is_quoted():
    v = verdict(
        "“One's heart goes out to the parents of [Daniel] who died so tragically and so "
        "young,” Mr Justice Forbes said."
    )
    assert v.outcome is Outcome.QUOTED, v.reason


def test_the_judge_s_words_in_the_prosecutor_s_mouth_are_misattributed():
    v = verdict(
        "“It is an extremely sad and tragic case for all concerned,” the prosecutor, "
        "Mr Alan Reed, said."
    )
    assert v.outcome is Outcome.MISATTRIBUTED
    assert "Mr Justice Forbes" in v.reason and "Mr Alan Reed" in v.reason


def test_words_the_pa_copy_does_not_have_are_unverified():
    v = verdict(
        "“I will be writing to the Home Secretary about this case,” Mr Justice Forbes said."
    )
    assert v.outcome is Outcome.UNVERIFIED and v.source is None


def test_words_nested_in_a_witness_s_quote_are_not_the_witness_s():
    # PA shape (METER noye): the witness reports what the victim said, in nested marks; the
    # paper gives the words to the victim by his first name. Not misattributed.
    pa = Article(
        "pa",
        "noye3.txt",
        (
            "Another witness, Ann Webb, told the court she saw Mr Moore holding his side.\n\n"
            "``I heard him say to his girlfriend `I have been cut.'''"
        ),
        "txt",
        outlet="PA News",
    )
    draft = (
        "She said she saw Rob holding his side and heard him say to his girlfriend, Jo Hall: "
        "'I've been cut.'"
    )
    [q] = quotations(draft, [(0, len(draft))])
    assert q.speaker == "Rob"
    v = match_quote(q, [article_quotes(pa)])
    assert v.outcome is Outcome.QUOTED, v.reason


def test_truncated_quote_is_quoted_unless_it_drops_a_negation():
    v = verdict("“One's heart goes out to the parents of the boy,” Mr Justice Forbes said.")
    assert v.outcome is Outcome.QUOTED, v.reason
    v = verdict("“You are criminally responsible for that death,” Mr Justice Forbes said.")
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'neither' dropped",)
    # the Mirror's version leaves words out of the middle without an ellipsis
    v = verdict('"It is an extremely sad case for all concerned," Mr Justice Forbes said.')
    assert v.outcome is Outcome.MISQUOTED and v.changes == ("'and tragic' dropped",)
