"""One name written two ways (overlap/name_forms.py), on Reuters-21578 reissues: a typing slip
or initials is a spelling variant in the slot checks, a replaced letter is another name."""

from __future__ import annotations

from overlap.name_forms import typing_slip
from overlap.slot_names import abbreviates
from overlap.slots import compare_sentences
from overlap.textnorm import tokenize


def _names(a: str, b: str) -> list[tuple[str, str]]:
    return [(d.relation, d.message) for d in compare_sentences(a, b) if d.kind == "name"]


def test_slips_are_added_dropped_or_swapped_letters():
    assert typing_slip("Internatinal", "International")  # a letter dropped
    assert typing_slip("Braodacasting", "Broadacasting")  # two neighbours swapped
    assert not typing_slip("Jones", "Jonas")  # a letter replaced: another name
    assert not typing_slip("Clark", "Blark")  # another first letter
    assert not typing_slip("Hill", "Hall")


def test_initials_are_read_on_the_words_around_the_slot():
    assert abbreviates(tokenize("EC"), tokenize("European Community"))
    assert abbreviates(tokenize("IMF"), tokenize("International Monetary Fund"))
    assert not abbreviates(tokenize("BoE"), tokenize("Bank of England"))  # not all capitals
    assert not abbreviates(tokenize("EC"), tokenize("European markets"))
    # the slot is "European" against "EC"; the run it abbreviates goes on past it
    assert _names(
        "Ministers called on the European Community to act on trade.",
        "Ministers called on the EC to act on trade.",
    ) == [("variant", "spelling variant: European Community / EC (same name)")]


def test_a_reissue_with_a_slip_or_initials_names_no_one_else():
    assert _names(
        "Ministers also called on the European Commission to prepare a report on trade.",
        "Ministers also called on the EC Commission to prepare a report on trade.",
    ) == [("variant", "one name written two ways: European / EC (initials)")]
    assert _names(
        "He spoke at the World Economic Forum in Davos on Friday.",
        "He spoke at the Word Economic Forum in Davos on Friday.",
    ) == [("variant", "spelling variant: World / Word (a typing slip)")]
    got = _names(
        "Mr Jones said the court heard the case.", "Mr Jonas said the court heard the case."
    )
    assert got == [("differs", 'name differs: "Jones" here, "Jonas" in the source')]


def test_a_nickname_is_the_same_person():
    # METER courts: PA names the witness Constance, the paper Connie
    assert _names(
        "Connie Smith, 43, told the court she had been afraid.",
        "Constance Smith, 43, told the court she had been afraid.",
    ) == [("variant", "one person named two ways: Connie / Constance (a nickname)")]
    got = _names(
        "Ann Smith told the court she was afraid.", "Jane Smith told the court she was afraid."
    )
    assert got == [("differs", 'name differs: "Ann" here, "Jane" in the source')]


def test_a_country_is_one_whether_named_coded_or_by_its_people():
    from overlap.name_forms import same_country

    # Reuters reruns: "the American government" / "the U.S. government"
    assert _names(
        "Japan warns the American government it may retaliate in the dispute.",
        "Japan warns the U.S. government it may retaliate in the dispute.",
    ) == [("variant", "one country named two ways: American / U.S.")]
    assert same_country("Japanese", "Japan's") and same_country("British", "UK")
    assert not same_country("Japanese", "British")
    assert not same_country("us", "American")  # a code only in capitals
    got = _names("The Japanese minister said so.", "The British minister said so.")
    assert got == [("differs", 'name differs: "Japanese" here, "British" in the source')]


def test_a_letter_changed_in_a_name_written_in_full_elsewhere_is_a_misspelling():
    # PA, METER courts 04.10.99 patient: "Mr Brettwodd" once, "Billy Brettwood" elsewhere
    names = {frozenset({"billy", "brettwood"})}
    here, there = (
        "Mr Milford said Mr Brettwood was taken to hospital in Sunderland.",
        "Mr Milford said Mr Brettwodd was taken to the hospital in Sunderland.",
    )
    got = [(d.relation, d.message) for d in compare_sentences(here, there, names=names)]
    assert got == [
        (
            "variant",
            "spelling variant: Brettwood / Brettwodd (a misspelling of a name written in full)",
        )
    ]
    # without the full name, or between two names of its length that are both spelt out, the
    # changed letter is another name
    assert _names(here, there)[0][0] == "differs"
    both = {frozenset({"billy", "brettwood"}), frozenset({"ann", "brettwodd"})}
    assert [d.relation for d in compare_sentences(here, there, names=both) if d.kind == "name"] == [
        "differs"
    ]
