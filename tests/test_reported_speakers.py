"""A reported claim (no quote marks) given to another speaker (reported_speakers, slots)."""

from __future__ import annotations

import pytest

from overlap.reported_speakers import reports
from overlap.slots import compare_sentences, differs
from overlap.textnorm import tokenize

WIRE = (
    "Okafor said investigators have not ruled out arson, but said there was no evidence so far "
    "that the fire was set deliberately."
)


def speakers(text: str) -> list[str]:
    tokens = tokenize(text)
    return [" ".join(t.raw for t in r.speaker) for r in reports(tokens, text)]


def test_the_elided_subject_of_but_said_is_the_speaker_before_it():
    assert speakers(WIRE) == ["Okafor", "Okafor"]


def test_a_speaker_after_the_reported_words():
    text = (
        "The bank would not raise its rates this year, Finance Minister Gerhard Stoltenberg said."
    )
    assert speakers(text) == ["Finance Minister Gerhard Stoltenberg"]


@pytest.mark.parametrize(
    "claim",
    [
        "Voss said there was no evidence so far that the fire was set deliberately.",
        "There was no evidence so far that the fire was set deliberately, Voss said.",
    ],
)
def test_the_claim_given_to_another_speaker_is_a_speaker_difference(claim):
    [d] = differs(compare_sentences(claim, WIRE))
    assert (d.kind, d.here, d.there) == ("name", "Voss", "Okafor")
    assert d.message.startswith('speaker differs: "Voss" here, "Okafor"')


@pytest.mark.parametrize(
    "claim",
    [
        "Okafor said there was no evidence so far that the fire was set deliberately.",
        "Fire Chief Dana Okafor said there was no evidence that the fire was set deliberately.",
        # a pronoun or a description names no one: nothing to compare
        "He said there was no evidence so far that the fire was set deliberately.",
        "Investigators said there was no evidence so far that the fire was set deliberately.",
    ],
)
def test_the_same_speaker_or_no_named_speaker_is_no_difference(claim):
    assert differs(compare_sentences(claim, WIRE)) == []


def test_two_speakers_each_keep_their_own_words():
    claim = "Smith said the bank would cut rates, and Jones said it would not."
    assert differs(compare_sentences(claim, claim)) == []


def test_a_speaker_after_the_verb_stops_at_the_sentence_end():
    # METER: the source's sentence runs on into the next one ("... added Mr Dobson. James
    # Goudie QC, representing ..."); the speaker is Mr Dobson, not "Mr Dobson James Goudie QC"
    claim = '"We will review this guidance in the light of this judgment," added Mr Dobson.'
    source = claim[:-1] + ". James Goudie QC, representing the health authority, told the court."
    assert differs(compare_sentences(claim, source)) == []
    tokens = tokenize(source)
    assert [" ".join(t.raw for t in r.speaker) for r in reports(tokens, source)][0] == "Mr Dobson"


def test_a_first_person_pronoun_is_no_speaker_name():
    # The Sun against the Daily Mail (METER courts 08.12.99): the mother's own "I said" inside
    # her quotation is no second speaker
    claim = (
        "Sarah's mum Pat Rhodes said last night: \"We feel there has been unfinished business "
        'while Smith was free."'
    )
    source = (
        "Last night her mother Pat Rhodes, said: 'I said at the time that Smith would kill "
        "again and he has. We are very relieved at this result. Nothing will bring Sarah back, "
        "we know that, but we felt there has been unfinished business while Smith has been "
        "free.'"
    )
    assert [d for d in differs(compare_sentences(claim, source)) if d.kind == "name"] == []


def test_a_pronoun_speaker_is_never_compared_with_a_name():
    # "I" has its capital anywhere in a sentence, not only as its first word
    claim = "Last night Voss said there was no evidence so far that the fire was set deliberately."
    source = "Last night I said there was no evidence so far that the fire was set deliberately."
    assert differs(compare_sentences(claim, source)) == []
    assert differs(compare_sentences(source, claim)) == []


def test_a_possessive_opening_the_quotation_is_no_speaker():
    # METER courts shape: the paper's judge against the PA copy's named judge
    here = (
        "Sentencing Hobbs, who had refused to undergo psychiatric analysis, the judge said: "
        '"Your conduct was extremely wicked and your behaviour extremely callous."'
    )
    there = (
        "Sentencing Hobbs, who had refused to undergo psychiatric analysis, Mr Justice Blofeld "
        "said: Your conduct was extremely wicked and your behaviour extremely callous."
    )
    assert not [d for d in differs(compare_sentences(here, there)) if d.kind == "name"]


def test_a_name_inside_a_description_is_no_speaker():
    # PA (METER courts): "The head of the PGA" speaks; the PGA is not the speaker
    for text in (
        "The head of the PGA said he was unaware of any concerns about the dress code.",
        "A spokesman for Scotland Yard said the inquiry was continuing.",
    ):
        assert [r.speaker for r in reports(tokenize(text), text)] == []
    text = "Fire Chief Dana Okafor said the fire was out by noon."
    [r] = reports(tokenize(text), text)
    assert " ".join(t.raw for t in r.speaker) == "Fire Chief Dana Okafor"
