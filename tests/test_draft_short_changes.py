"""overlap check on sentences that restate a source sentence with one word changed: too short
to be found as copies, or copies with a word replaced by its opposite, and a source quotation
lifted without its credit (issue 13 items 2, 3 and 6). Real sentences of BBC News (tech:
the PSP's launch; business: the tobacco ruling) and PA court copy (METER courts, Pinochet); the
fake embedder and a neutral NLI model stand in for the real ones, so only the rules decide."""

from __future__ import annotations

import pytest

from overlap.config import Settings
from overlap.draft import check
from overlap.types import LinkRelation, SentenceClass

BBC_TECH = (
    "Sony said the much-anticipated gadget would most likely start shipping in March for the US "
    "and Europe. It went on sale in Japan before Christmas. There were only two PSPs embedded in "
    "glass cabinets at the show though and no representatives to discuss further details.\n"
)
BBC_BUSINESS = (
    "The tobacco companies deny that they illegally conspired to promote smoking and defraud the "
    "public. Shares of tobacco companies closed higher after the ruling, with Altria rising 5% "
    "and Reynolds showing gains of 4.5%.\n"
)
PA_COURTS = (
    'The first was that Pinochet "is not responsible for the criminal conduct which he is '
    'accused of". "His hand is not on the deeds," said Mr Nicholls. He would also argue that '
    "there was no real evidence to implicate Pinochet in the crimes alleged.\n"
)


@pytest.fixture(autouse=True)
def fakes(fake_models):
    """The fake embedder and a neutral NLI model (conftest)."""


def one(tmp_path, write, source: str, draft: str):
    write(tmp_path, "src/source.txt", source)
    path = write(tmp_path, "draft.txt", draft + "\n")
    [sentence] = check(str(path), [str(tmp_path / "src")], Settings(cache_path=None)).sentences
    return sentence


@pytest.mark.parametrize(
    ("draft", "changed"),
    [
        ("It went on sale in Greece before Christmas.", ('"Greece"', '"Japan"')),  # place
        ("It went on sale in Japan before Easter.", ('"Easter"', '"Christmas"')),  # date
    ],
)
def test_a_short_restatement_with_one_fact_changed_is_contradicted(tmp_path, write, draft, changed):
    s = one(tmp_path, write, BBC_TECH, draft)
    assert s.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in s.links if x.relation is LinkRelation.CONTRADICTS]
    assert all(word in link.reasons[0] for word in changed)
    assert "in otherwise the same words" in link.reasons[0]
    assert link.span.text == "It went on sale in Japan before Christmas."


def test_the_same_short_sentence_is_not_contradicted(tmp_path, write):
    s = one(tmp_path, write, BBC_TECH, "It went on sale in Japan before Christmas.")
    assert s.cls is not SentenceClass.CONTRADICTED
    assert LinkRelation.CONTRADICTS not in {x.relation for x in s.links}


@pytest.mark.parametrize(
    ("draft", "here", "there"),
    [
        (
            "Shares of tobacco companies closed lower after the ruling, with Altria rising 5% "
            "and Reynolds showing gains of 4.5%.",
            "lower",
            "higher",
        ),
        (
            "The tobacco companies admit that they illegally conspired to promote smoking and "
            "defraud the public.",
            "admit",
            "deny",
        ),
    ],
)
def test_a_copy_with_a_word_replaced_by_its_opposite_is_contradicted(
    tmp_path, write, draft, here, there
):
    s = one(tmp_path, write, BBC_BUSINESS, draft)
    assert s.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in s.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0] == f'opposite words: "{here}" here, "{there}" in the source'
    assert "the rest of the sentence is copied" in " ".join(link.reasons)


def test_a_copy_with_an_unpaired_word_changed_is_only_copied(tmp_path, write):
    # "closed firmer" is no word of a pair: the copy is reported, no contradiction invented
    s = one(
        tmp_path,
        write,
        BBC_BUSINESS,
        "Shares of tobacco companies closed firmer after the ruling, with Altria rising 5% and "
        "Reynolds showing gains of 4.5%.",
    )
    assert s.cls is SentenceClass.COPIED


def test_a_source_quotation_without_its_credit_is_copied(tmp_path, write):
    s = one(tmp_path, write, PA_COURTS, "“His hand is not on the deeds.”")
    assert s.cls is SentenceClass.COPIED
    assert s.notes[0].startswith("in quote marks but credited to no one")


def test_the_same_quotation_credited_is_quoted(tmp_path, write):
    s = one(tmp_path, write, PA_COURTS, "“His hand is not on the deeds,” said Mr Nicholls.")
    assert s.cls is SentenceClass.QUOTED


def test_two_sources_that_print_the_sentence_differently_disagree(tmp_path, write):
    write(tmp_path, "src/other.txt", BBC_TECH.replace("in Japan", "in Greece"))
    s = one(tmp_path, write, BBC_TECH, "It went on sale in Japan before Christmas.")
    assert s.cls is SentenceClass.CONTRADICTED  # against other.txt
    assert {x.source for x in s.links if x.relation is LinkRelation.CONTRADICTS} == {"other"}
    assert s.sources_disagree  # source.txt prints it as the draft does


def test_one_source_with_a_fact_changed_is_no_disagreement_between_sources(tmp_path, write):
    s = one(tmp_path, write, BBC_TECH, "It went on sale in Greece before Christmas.")
    assert s.cls is SentenceClass.CONTRADICTED and not s.sources_disagree


def test_a_long_sentence_joining_two_source_sentences_is_still_judged(tmp_path, write):
    # BBC tech (Microsoft buys Giant): no source sentence pairs with the whole draft sentence,
    # so no compare stage links it; read against its closest passages, the dropped "not" of
    # the second source sentence is a changed fact
    source = (
        "Microsoft's announcement about spyware comes after it bought small New York software "
        "firm Giant Company Software. Terms of the acquisition were not disclosed.\n"
    )
    draft = (
        "Microsoft bought Giant Company Software, a large California firm, and the terms of the "
        "deal were disclosed."
    )
    sentence = one(tmp_path, write, source, draft)
    assert sentence.cls is SentenceClass.CONTRADICTED
    assert "negation differs" in sentence.links[0].reasons[0]
    assert sentence.links[0].span.text == "Terms of the acquisition were not disclosed."


def test_a_long_unlinked_sentence_takes_no_debunk_or_support_from_the_closest_passage(
    tmp_path, write, monkeypatch
):
    # METER courts, a newspaper checked against PA: read like headlines, long sentences no
    # compare stage linked were "debunked" by a passage's "no evidence" and supported by
    # windows of other sentences; for them only a contradiction on the words both say counts
    from overlap import draft_links
    from overlap.short_claims import PassageJudgement
    from overlap.types import NLIProbs, NLIScores, Span

    source = "So far we can find no evidence to link him to any crimes during those years.\n"
    draft = (
        "Cotterell, 33, had based his whole life around the pursuit of money, but by the time "
        "of the killings he was deep in debt."
    )
    probs = NLIProbs(0.1, 0.1, 0.8)

    def judged(relation: str, reason: str, on_words: bool) -> None:
        verdict = PassageJudgement(
            relation,
            Span("source", 0, 77, source[:77]),
            reason,
            NLIScores(probs, probs),
            0.9,
            on_words,
        )
        monkeypatch.setattr(draft_links, "judge_short_claim", lambda *a: verdict)

    for relation in ("contradicts", "supports"):
        judged(relation, "it says so", False)
        sentence = one(tmp_path, write, source, draft)
        assert sentence.cls is SentenceClass.UNSUPPORTED and not sentence.links
    # the same passage as a difference on the words both say is a contradiction
    judged("contradicts", "negation differs", True)
    assert one(tmp_path, write, source, draft).cls is SentenceClass.CONTRADICTED
