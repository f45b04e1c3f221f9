"""overlap check on what a sentence stands behind: a source that only reports a claim
("reportedly", "appears to") does not confirm it, and a question asserts nothing (issue 13 items
4 and 6). Real BBC sentences (bbc/tech: IBM's patents), the draft reworded from them; each test
beside its control, the same draft against the same source where the rule does not apply."""

from __future__ import annotations

import dataclasses

import pytest

from overlap.config import Settings
from overlap.draft import check
from overlap.stance_words import asks, hedge_word
from overlap.types import LinkRelation, SentenceClass

pytestmark = pytest.mark.slow

BBC = (
    "IBM patents\n\n"
    "IBM was granted 3,248 patents in 2004, more than any other firm in the US, the New York "
    "Times reports. For each of the past 12 years IBM has been granted more US patents than any "
    "other company. IBM has received 25,772 US patents in that period and {hedge}has more than "
    "40,000 current patents.\n"
)
REWORDED = (
    "IBM holds more than 40,000 current patents, and it has received 25,772 US patents over "
    "that period."
)


def one(tmp_path, write, models, draft: str, source: str):
    write(tmp_path, "src/bbc.txt", source)
    path = write(tmp_path, "draft.txt", draft + "\n")
    result = check(str(path), [str(tmp_path / "src")], Settings(cache_path=None), models=models)
    [sentence] = result.sentences
    return sentence


def test_a_source_that_only_reports_a_claim_does_not_confirm_it(tmp_path, write, real_models):
    s = one(tmp_path, write, real_models, REWORDED, BBC.format(hedge="reportedly "))
    assert s.cls is SentenceClass.UNSUPPORTED
    [link] = s.links  # the source's words are still shown, with why they confirm nothing
    assert link.relation is LinkRelation.REPORTS
    assert link.reasons[0] == 'the source only reports this ("reportedly"): it does not confirm it'
    assert "reportedly has more than 40,000" in link.span.text


def test_the_same_source_asserting_it_supports_it(tmp_path, write, real_models):
    s = one(tmp_path, write, real_models, REWORDED, BBC.format(hedge=""))
    assert s.cls is SentenceClass.SUPPORTED
    assert [x.relation for x in s.links] == [LinkRelation.SUPPORTS]


def test_a_rewording_the_model_doubts_is_not_support(tmp_path, write, real_models):
    # The same rewording against the same source, with a model that reads every pair as a
    # contradiction short of the bar either way: the judge calls the paraphrase unclear, and
    # unclear is no support (it was shown as "supports" with the judge's unclear reason)
    class Doubting:
        model_id = "doubting"

        def predict(self, pairs):
            import numpy as np

            return np.tile([0.3, 0.1, 0.6], (len(pairs), 1))

    write(tmp_path, "src/bbc.txt", BBC.format(hedge=""))
    path = write(tmp_path, "draft.txt", REWORDED + "\n")
    result = check(
        str(path),
        [str(tmp_path / "src")],
        Settings(cache_path=None),
        models=dataclasses.replace(real_models, nli=Doubting()),
    )
    [s] = result.sentences
    assert s.cls is SentenceClass.UNSUPPORTED
    assert LinkRelation.SUPPORTS not in {x.relation for x in s.links}


def test_a_draft_that_hedges_as_the_source_does_is_not_reported_only(tmp_path, write, real_models):
    hedged = REWORDED.replace("IBM holds", "IBM reportedly holds")
    s = one(tmp_path, write, real_models, hedged, BBC.format(hedge="reportedly "))
    assert LinkRelation.REPORTS not in {x.relation for x in s.links}


def test_a_hedge_in_the_next_sentence_is_not_the_sources(tmp_path, write, real_models):
    # BBC tech/015 (Xbox cables): the passage found for the second draft sentence runs on into
    # the first words of the source's next sentence, which hedges; the sentence the draft
    # rewords does not
    xbox = (
        "Xbox cables\n\n"
        "Consumers can order a new cable from the Xbox website. Microsoft said customers would "
        "get replacement cords within two to four weeks from the time of order. It advised users "
        "to turn off their Xboxes when not in use. A follow-up to Xbox is expected to released at "
        "the end of this year or the beginning of 2006.\n"
    )
    draft = (
        "Replacement cords should arrive two to four weeks after they are ordered.\n\n"
        "Users were advised to switch their Xboxes off when they are not using them.\n\n"
        "The next Xbox is expected at the end of the year or early in 2006.\n"
    )
    write(tmp_path, "src/bbc.txt", xbox)
    path = write(tmp_path, "draft.txt", draft)
    result = check(
        str(path), [str(tmp_path / "src")], Settings(cache_path=None), models=real_models
    )
    advised = next(x for x in result.sentences if "advised" in x.span.text)
    assert advised.cls is SentenceClass.SUPPORTED
    # the draft's own "is expected" hedges as the source's "expected to" does: not reported only
    expected = next(x for x in result.sentences if "next Xbox" in x.span.text)
    assert LinkRelation.REPORTS not in {x.relation for x in expected.links}


QUESTION = (
    "Has IBM really been awarded more American patents than any rival firm in every one of the "
    "last twelve years?"
)


def test_a_question_is_neither_supported_nor_contradicted(tmp_path, write, real_models):
    s = one(tmp_path, write, real_models, QUESTION, BBC.format(hedge=""))
    assert s.cls is SentenceClass.UNSUPPORTED and s.links == ()
    assert "a question: it asserts nothing for a source to support or contradict" in s.notes


def test_the_question_asked_as_a_statement_is_supported(tmp_path, write, real_models):
    statement = QUESTION.replace("Has IBM really been awarded", "IBM has been awarded")
    s = one(
        tmp_path, write, real_models, statement.replace("years?", "years."), BBC.format(hedge="")
    )
    assert s.cls is SentenceClass.SUPPORTED and not s.notes


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Anna Wintour reportedly has a major rat infestation at her Vogue office", "reportedly"),
        ("Islamic State militants appear to have killed missing American journalist", "appear to"),
        ("Local media reports that the mayor resigned on Friday", "media reports"),
        ("The merger is expected to close in the second quarter", "expected to"),
        (
            "Cesar Millan has died of a heart attack, reports the site noticiasunam.com",
            "reports the site",
        ),
        ("A follow-up to Xbox is expected at the end of this year", "is expected"),
        ("Profits were higher than expected, the company said", None),
        ("Police said the man fled the scene on foot", None),
        # "claim" the noun (BBC business): a claim filed, not a report passed on
        (
            "A US government claim accusing the country's biggest tobacco companies of covering up "
            "the effects of smoking has been thrown out by an appeal court.",
            None,
        ),
        ("Catholic priest claims he was dead for 48 minutes", "claims"),
        # another outlet's report passed on (FNC-1 dev bodies labelled discuss)
        (
            "North Korean leader Kim Jong-un has been hospitalized after surgery on both ankles "
            "earlier this month, a South Korean newspaper reported.",
            "newspaper reported",
        ),
        (
            "Seth Rogen will play Steve Wozniak alongside Christian Bale, reports Variety.",
            "reports Variety",
        ),
        ("A site called iKwiz is reporting that Abrams has asked Disney", "is reporting that"),
        ("The company reported a net profit of 5.2 mln dlrs for the quarter", None),
        # Reuters (Texaco): "could not comment" says what was so, it hedges nothing
        ("Texaco spokesmen said they could not comment on the analysts meeting.", None),
        ("The ruling could open the company up to a takeover bid.", "could"),
    ],
)
def test_hedge_words_of_real_sentences(text, word):
    found = hedge_word(text)
    assert (found.group(0) if found else None) == word


def test_questions_and_reported_questions():
    assert asks("Anyone for dog meat soup?")
    assert not asks('"Why now?" he asked the committee.') and not asks("It rained all week.")


def test_a_draft_that_says_whose_claim_it_tells_is_not_reported_only(tmp_path, write, real_models):
    # BBC tech/212 and a draft: "research suggests" against "..., according to research by
    # Ericsson": both pass the claim on, and agree on it (before, "only reports")
    source = (
        "Lifestyle 'governs mobile choice'\n\n"
        "Faster, better or funkier hardware alone is not going to help phone firms sell more "
        "handsets, research suggests.\n"
    )
    flat = "Better hardware on its own will not help phone makers sell more handsets."
    s = one(tmp_path, write, real_models, flat, source)
    assert [x.relation for x in s.links] == [LinkRelation.REPORTS]
    s = one(
        tmp_path, write, real_models, flat[:-1] + ", according to research by Ericsson.", source
    )
    assert s.cls is SentenceClass.SUPPORTED
    assert [x.relation for x in s.links] == [LinkRelation.SUPPORTS]
