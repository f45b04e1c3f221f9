"""overlap check keeps evidence with the sentence it is about (issue 13 item 1) when one reworded
finding covers two draft sentences, and says each contradiction once. The source is a real BBC
article (politics: Gen Musharraf's security papers); the draft is reworded from it. Real models:
the reworded finding is the paraphrase stage's."""

from __future__ import annotations

import pytest

from overlap.config import Settings
from overlap.draft import check
from overlap.draft_links import links_of
from overlap.segment import segment
from overlap.types import (
    Article,
    Direction,
    Finding,
    Judgement,
    Kind,
    LinkRelation,
    SentenceClass,
    Span,
    Verdict,
)

pytestmark = pytest.mark.slow

BBC = (
    "Security papers 'found in street'\n\n"
    "An inquiry is under way after files containing security details about the Pakistani "
    "president's visit to London were found by a member of the public.\n\n"
    "The files are believed to contain detailed security arrangements for Gen Pervez "
    "Musharraf's visit this week, including police codes. Scotland Yard said the policing "
    "operation had been reviewed. A spokesman said President Musharraf's safety had not been "
    "compromised, as the papers had been handed in promptly.\n"
)
DRAFT = (
    "According to BBC News, the papers held the police codes for Gen Pervez Musharraf's visit.\n\n"
    "Scotland Yard said President Musharraf's safety had been compromised.\n"
)


@pytest.fixture
def result(tmp_path, write, real_models):
    write(tmp_path, "src/bbc.txt", BBC)
    draft = write(tmp_path, "draft.md", DRAFT)
    return check(str(draft), [str(tmp_path / "src")], Settings(cache_path=None), models=real_models)


def test_the_negation_dropped_in_one_sentence_does_not_contradict_its_neighbour(result):
    first, second = result.sentences
    assert first.cls is not SentenceClass.CONTRADICTED
    assert LinkRelation.CONTRADICTS not in {x.relation for x in first.links}
    # what the source says of the codes is hedged ("are believed to"): reported, not confirmed
    assert first.cls is SentenceClass.UNSUPPORTED
    assert [x.relation for x in first.links] == [LinkRelation.REPORTS]
    assert '"are believed to"' in first.links[0].reasons[0]


def test_the_sentence_that_drops_the_negation_is_contradicted_once(result):
    second = result.sentences[1]
    assert second.cls is SentenceClass.CONTRADICTED
    [link] = [x for x in second.links if x.relation is LinkRelation.CONTRADICTS]
    assert link.reasons[0].startswith("negation differs")
    assert "had not been compromised" in link.span.text
    assert not second.sources_disagree


def test_a_sentence_the_reworded_source_words_are_not_about_gets_no_link():
    # PA court copy (METER courts, 17.04.00) and a draft: one paraphrase finding covered two
    # draft paragraphs against the PA sentence about the accused; the first paragraph, about
    # where the incident happened, shares "St Peter's" with it and nothing else, and was
    # "supported" by it
    source = (
        "Cobb, of Yateley, Hampshire, who worked in the A&E of St Peter's and who is married to "
        "a GP, is accused of drugging women with an anaesthetic in order to rape or sexually "
        "assault them.\n"
    )
    draft = (
        "The incident happened at St Peter's Hospital in Chertsey, Surrey, in January last "
        "year, when she was admitted with severe chest pains.\n\n"
        "Cobb, a married father from Yateley, is accused of drugging women with an anaesthetic "
        "to rape or assault them.\n"
    )
    judged = Judgement(Verdict.AGREE, 0.8, ("reworded with no typed difference",), (), None)
    links = _links(draft, source, judged)
    assert [x.draft.text[:5] for x in links] == ["Cobb,"]


def test_a_paraphrase_contradicted_in_one_sentence_still_supports_its_other_sentence():
    # BBC politics/050 and a draft: one paraphrase finding covers two draft sentences; the
    # second's "by a majority" is the source's "unanimously", and the first, which the model
    # does not object to, is said by the source all the same (it was left unsupported)
    from overlap.judge import REWORDED
    from overlap.types import Evidence, EvidenceCheck, NLIProbs, NLIScores

    source = (
        "He said fines of up to £2,500 would be levied on employers and licences would be "
        "removed for non-compliance. Earlier, the Scottish Executive agreed unanimously to "
        "introduce an all-out ban.\n"
    )
    draft = (
        "He said employers would face fines of up to £2,500 and lose their licences. The "
        "Scottish Executive agreed by a majority to introduce an all-out ban.\n"
    )
    at_d, at_s = draft.index("majority"), source.index("unanimously")
    quantifier = Evidence(
        EvidenceCheck.QUANTIFIER,
        "differs",
        'quantifier differs: "majority" here, "unanimously" in the source',
        Span("draft", at_d, at_d + 8, "majority"),
        Span("pa", at_s, at_s + 11, "unanimously"),
    )
    calm = NLIProbs(0.6, 0.3, 0.1)
    judged = Judgement(
        Verdict.CONTRADICT, 0.7, (quantifier.message,), (quantifier,), NLIScores(calm, calm)
    )
    first, second = _links(draft, source, judged)
    assert first.draft.text.startswith("He said employers")
    assert first.relation is LinkRelation.SUPPORTS and first.reasons == (REWORDED,)
    assert second.relation is LinkRelation.CONTRADICTS
    assert second.reasons[0] == quantifier.message


def test_a_sentence_pair_crossing_a_draft_sentence_end_contradicts_where_its_number_is():
    # BBC sport/150 and a draft: the judge's sentence pair ran from 'but his team were "not
    # afraid of anyone".' over the sentence end into "Spurs are three places above"; its
    # changed number is in the second sentence, and the first was contradicted on it
    from overlap.types import Evidence, EvidenceCheck

    source = (
        "Jol said Newcastle were always difficult. He added that his side, who are four places "
        'above the Magpies, were "not afraid of anyone".\n'
    )
    draft = (
        'Jol said Newcastle were always difficult, but his team were "not afraid of anyone". '
        "Spurs are three places above the Magpies.\n"
    )
    message = 'number differs: "three places" here, "four places" in the source'
    number = _number_differs(draft, source, "three", "four", message)
    d0, d1 = draft.index("but his"), draft.index(" the Magpies")
    s0 = source.index("He added")
    pair_ = Evidence(
        EvidenceCheck.SENTENCE,
        "contradict",
        message,
        Span("draft", d0, d1, draft[d0:d1]),
        Span("pa", s0, len(source) - 1, source[s0:-1]),
    )
    judged = Judgement(Verdict.CONTRADICT, 0.7, (message,), (number, pair_), None)
    first, second = _links(draft, source, judged, Kind.EDITED)
    assert first.relation is not LinkRelation.CONTRADICTS
    assert message not in first.reasons
    assert second.relation is LinkRelation.CONTRADICTS and second.reasons[0] == message


def _number_differs(draft: str, source: str, here: str, there: str, message: str):
    """The judge's number evidence between the draft's words `here` and the PA text's `there`."""
    from overlap.types import Evidence, EvidenceCheck

    at_d, at_s = draft.index(here), source.index(there)
    return Evidence(
        EvidenceCheck.NUMBER,
        "differs",
        message,
        Span("draft", at_d, at_d + len(here), here),
        Span("pa", at_s, at_s + len(there), there),
    )


def _links(draft: str, source: str, judged: Judgement, kind: Kind = Kind.PARAPHRASE):
    """links_of for one finding of `kind` covering the whole draft against the whole PA text
    (each ends with a newline the finding leaves out), judged as `judged`."""
    segs = {
        "draft": segment(Article("draft", "draft.md", draft, "md")),
        "pa": segment(Article("pa", "pa.txt", source, "txt")),
    }
    lexical, semantic = (0.8, 0.5) if kind is Kind.EDITED else (0.5, 0.8)
    f = Finding(
        "f1",
        kind,
        0.8,
        lexical,
        semantic,
        Span("draft", 0, len(draft) - 1, draft[:-1]),
        Span("pa", 0, len(source) - 1, source[:-1]),
        (),
        Direction.UNKNOWN,
        "",
        judgement=judged,
    )
    return links_of(f, segs["draft"], segs)


def test_a_copy_judged_whole_gives_its_changed_number_to_its_own_sentence_only():
    # METER courts (axe) and a draft: one edited copy runs from the judge's recommendation
    # into his quotation; its number changed in the first sentence was a reason of the second
    source = (
        "Mr Justice Blofeld recommended he should serve at least 20 years before parole. He "
        'added: "Your conduct was extremely wicked."\n'
    )
    draft = (
        "Mr Justice Blofeld recommended he should serve at least 25 years before parole. He "
        'added: "Your conduct was extremely wicked."\n'
    )
    message = 'number differs: "at least 25 years" here, "at least 20 years" in the source'
    number = _number_differs(draft, source, "at least 25", "at least 20", message)
    # judged whole (no sentence pairs), and not called a contradiction as a whole
    judged = Judgement(Verdict.AGREE, 0.7, (message,), (number,), None)
    first, second = _links(draft, source, judged, Kind.EDITED)
    assert message in first.reasons
    assert message not in second.reasons
