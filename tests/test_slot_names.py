"""Sentence-initial capitalised words: a common noun there is not a name (slot_names)."""

from __future__ import annotations

import pytest

from overlap.slot_names import common_word, full_names
from overlap.slots import compare_sentences, differs


@pytest.mark.parametrize(
    "word", ["Households", "Residents", "Investigators", "Officials", "Analysts"]
)
def test_capitalised_common_nouns_are_common_words(word):
    assert common_word(word)


@pytest.mark.parametrize("word", ["Obama", "Okafor", "Paris", "Jones", "Brussels"])
def test_names_the_word_list_writes_with_capitals_or_does_not_know_are_not(word):
    assert not common_word(word)


def test_two_common_nouns_opening_the_sentences_are_not_two_names():
    # the second demo story's wire and Ashford Gazette, the draft copying the wire
    claim = (
        "Residents within half a mile of the plant were told to keep their windows and doors "
        "closed until noon."
    )
    source = (
        "Households within half a mile were told to keep their windows shut until noon, and "
        "the county health department said its air samples showed no readings above safety "
        "limits."
    )
    assert differs(compare_sentences(claim, source)) == []


def test_analysts_and_dealers_opening_a_reuters_sentence_are_not_names():
    claim = "Analysts said the Bank of England was unlikely to cut interest rates this week."
    source = "Dealers said the Bank of England was unlikely to cut interest rates this week."
    assert differs(compare_sentences(claim, source)) == []


@pytest.mark.parametrize(
    "claim, source",
    [
        # "trump" is a common word in the list, "Obama" an unknown one: still two names
        (
            "Obama said the talks would resume on Monday.",
            "Trump said the talks would resume on Monday.",
        ),
        ("Jones said the jury had been misled.", "Smith said the jury had been misled."),
    ],
)
def test_a_sentence_initial_speaker_swap_is_still_a_name_difference(claim, source):
    [d] = differs(compare_sentences(claim, source))
    assert d.kind == "name" and {d.here, d.there} == {claim.split()[0], source.split()[0]}


def test_a_person_named_in_full_then_shortened_is_one_name():
    # METER courts 08.12.99 (body): the papers write "Sarah Crump's mother", PA "Sarah's mother",
    # and "Miss Crump" where another paper names her in full; a title alone is not a name.
    from overlap.slots import compare_sentences, differs

    def kinds(a: str, b: str) -> set[str]:
        return {d.kind for d in differs(compare_sentences(a, b, 0, 0, None, None))}

    assert not kinds(
        "Sarah Crump's mother said she was relieved.", "Sarah's mother said she was relieved."
    )
    assert not kinds(
        "Miss Crump was found dead in her flat.", "Sarah Crump was found dead in her flat."
    )
    assert not kinds("David Smith was jailed for life.", "Smith was jailed for life.")
    assert kinds(
        "Sarah Crump was found dead in her flat.", "Sarah Jones was found dead in her flat."
    ) == {"name"}


def test_a_county_and_its_short_form_are_one_place():
    from overlap.slots import compare_sentences, differs

    # METER courts, 28.09.99 sleep (PA / The Independent)
    pa = "Price, of Windmill Road, North Leigh, Oxon, was convicted of causing fear in July."
    paper = (
        "Price, of Windmill Road, North Leigh, Oxfordshire, was convicted of causing fear in July."
    )
    assert not differs(compare_sentences(pa, paper))
    assert differs(compare_sentences(pa, paper.replace("Oxfordshire", "Berkshire")))


def test_a_police_rank_swapped_is_one_officer():
    from overlap.slots import compare_sentences, differs

    # METER courts, 09.08.99 spray (PA / Daily Mail; The Independent / The Telegraph)
    pa = "The court heard that Pc Davidson then arrived and was in the middle of a crowd of people"
    mail = (
        "The court heard that WPC Davidson then arrived and was in the middle of a crowd of people"
    )
    assert not differs(compare_sentences(pa, mail))
    independent = "Constable Andrew Bateson, of the Greater Manchester force, was charged"
    telegraph = "Pc Andrew Bateson, 28, of Greater Manchester Police, had denied three charges"
    assert not differs(compare_sentences(independent, telegraph))
    # another officer is another name
    assert differs(compare_sentences(pa, pa.replace("Davidson", "Bateson")))


def test_a_court_office_opening_the_sentence_is_no_name():
    # METER courts 08.12.99, PA against The Sun: "The Recorder" is the judge's office
    pa = (
        "The Recorder of London, Judge Michael Hyam, told Smith it was evident he killed Miss "
        "Walker ``to satisfy your perverted sexual obsession. You are without pity or remorse''."
    )
    sun = (
        'Jailing Smith, of Hampton, South West London, Judge Michael Hyam said he was "without '
        'pity or remorse" and "extremely dangerous" to women.'
    )
    assert differs(compare_sentences(pa, sun)) == []
    # an office against the name of who holds it is no other person; two names still differ
    assert not differs(
        compare_sentences("The Coroner told the inquest", "Mr Jones told the inquest")
    )
    assert differs(compare_sentences("Mr Smith told the inquest", "Mr Jones told the inquest"))


STAR = (
    "Miss Crump's mother, Pat Rhodes, said yesterday that she always thought Smith would kill in "
    "the future."
)
EXPRESS = (
    "Sarah's mother Pat Rhodes said last night: \"Nothing will bring her back, but we feel there "
    'was unfinished business while Smith was free. I said he would kill again and he has."'
)


def test_title_and_surname_against_first_name_of_one_full_name_is_one_person():
    # METER courts 08.12.99: The Star and the Daily Express both name "Sarah Crump" and
    # "Amanda Walker" in full, then call them "Miss Crump" and "Sarah", "Amanda" and "Ms Walker"
    names = full_names("Sarah Crump was murdered in 1993. Amanda Walker, 21, was from Leeds.")
    assert "name" not in {d.kind for d in differs(compare_sentences(STAR, EXPRESS, names=names))}
    [d] = compare_sentences(
        "while awaiting trial for Amanda's murder.",
        "While awaiting trial for Ms Walker's murder,",
        names=names,
    )
    assert (d.kind, d.relation) == ("name", "variant")
    # without the full name, or with another person's, they are two names
    assert "name" in {d.kind for d in differs(compare_sentences(STAR, EXPRESS))}
    other = full_names("Sarah Jones and Amanda Walker")
    assert "name" in {d.kind for d in differs(compare_sentences(STAR, EXPRESS, names=other))}


def test_full_names_leave_out_titles_possessives_and_function_words():
    names = full_names("Miss Sarah Crump's mother, Mrs Pat Rhodes, at The Old Bailey")
    assert names == {frozenset({"sarah", "crump"}), frozenset({"pat", "rhodes"}),
                     frozenset({"old", "bailey"})}  # fmt: skip


# METER courts shapes: a rank written out or abbreviated, a name's head noun against a place.
def test_a_service_rank_is_no_name():
    from overlap.slots import compare_sentences, differs

    here = "Pte Lee Smith, 19, was cleared of the charge at the court martial."
    there = "Private Lee Smith, 19, was cleared of the charge at the court martial."
    assert not differs(compare_sentences(here, there))


def test_the_head_noun_of_a_name_is_no_name_of_its_own():
    from overlap.slots import compare_sentences, differs

    here = "He appeared before Dale Street magistrates, Liverpool, when he was bailed."
    there = "He appeared before the City Magistrates Court when he was bailed."
    assert not [d for d in differs(compare_sentences(here, there)) if d.kind == "name"]
    # two places still differ
    other = "He appeared before Dale Street magistrates, Manchester, when he was bailed."
    assert [d.kind for d in differs(compare_sentences(here, other))] == ["name"]


def test_wire_table_row_labels_are_no_names():
    # Reuters-21578 results and dividend tables filed twice or for two companies
    for a, b in (
        ("Revs 2.3 mln vs 2.0 mln", "Sales 2,303,000 vs 2,006,000"),
        ("Qtly div 7-1/2 cts vs 7-1/2 cts prior", "Semi div 7-1/2 cts vs 7-1/2 cts prior"),
    ):
        assert [d for d in compare_sentences(a, b) if d.kind == "name"] == []
    # a name against a name at the line's start is still read
    got = compare_sentences(
        "Obama met the Mexican president today.", "Calderon met the Mexican president today."
    )
    assert [d.relation for d in got if d.kind == "name"] == ["differs"]


def test_a_name_with_its_words_cut_short_is_the_same_name():
    # BBC politics: "But Lib Dem leader Charles Kennedy said" / "Liberal Democrat leader Charles
    # Kennedy also said": one party, no name differing (the sentence's "But" is no name word)
    claim = "Liberal Democrat leader Charles Kennedy said Harry should apologise in person."
    source = "But Lib Dem leader Charles Kennedy said Harry should apologise in person."
    assert differs(compare_sentences(claim, source)) == []
    # a word that only starts like the other is another name
    claim = "Labour leader Charles Kennedy said Harry should apologise in person."
    assert [d.kind for d in differs(compare_sentences(claim, source))] == ["name"]
