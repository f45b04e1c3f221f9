"""The perturbation rules of benchmarks/perturb.py: each changes only the slot it is about, and
fires only where the sentence has that slot (sentences written here, no corpus needed)."""

from __future__ import annotations

import random

import pytest

from benchmarks import perturb, stance_data

LEX = perturb.Lexicon(
    ["John Smith", "Mary Jones", "Peter Brown"],
    ["Brown", "Jones", "Smith"],
    ["Acme Corp", "Globex Inc"],
)


def ctx(passage: str, seed: int = 1) -> perturb.Context:
    return perturb.Context(passage, LEX, random.Random(seed), lambda: "Another story entirely.")


def test_number_changes_one_plain_number_and_leaves_years_and_percents():
    s = "The company sold 12 plants in 1986 and its share fell 5 pct."
    claim, change = perturb.r_number(s, ctx(s))
    assert "1986" in claim and "5 pct" in claim
    assert "12 plants" not in claim and change.startswith("'12' -> ")


def test_money_and_percent_keep_their_units():
    s = "Profit rose to 4.5 mln dlrs, up 12 pct, the company said."
    money, _ = perturb.r_money(s, ctx(s))
    pct, _ = perturb.r_percent(s, ctx(s))
    assert "mln dlrs" in money and "4.5 mln" not in money
    assert "pct" in pct and "12 pct" not in pct and "4.5 mln dlrs" in pct


def test_rules_need_their_slot():
    s = "The council met to discuss the plan for the new bridge."
    for rule in (
        perturb.r_number,
        perturb.r_money,
        perturb.r_weekday,
        perturb.r_speaker,
        perturb.r_quote_words,
        perturb.r_credit_removed,
    ):
        assert rule(s, ctx(s)) is None


def test_weekday_swap_skips_newspaper_names():
    s = "The Sunday Times reported the deal on Monday."
    claim, change = perturb.r_weekday(s, ctx(s))
    assert claim.startswith("The Sunday Times") and "Monday" not in claim
    assert change.startswith("'Monday' -> ")


def test_person_swap_uses_a_lexicon_name_not_in_the_passage():
    s = "The deal was signed by John Smith in Paris."
    passage = s + " Mary Jones was there too."
    claim, _ = perturb.r_person(s, ctx(passage))
    assert claim == "The deal was signed by Peter Brown in Paris."


def test_speaker_swap_and_credit_removal_on_a_credited_quote():
    s = '"We will fight this decision all the way," Mr Smith said.'
    swapped, change = perturb.r_speaker(s, ctx(s))
    assert swapped.startswith('"We will fight this decision all the way," Mr ')
    assert "Smith" not in swapped and "speaker 'Mr Smith'" in change
    bare, _ = perturb.r_credit_removed(s, ctx(s))
    assert bare == "\u201cWe will fight this decision all the way.\u201d"


def test_negation_added_after_an_auxiliary_and_removed():
    added, _ = perturb.r_negation_added("The plant was closed last year.", ctx(""))
    assert added == "The plant was not closed last year."
    removed, _ = perturb.r_negation_removed("The bank did not raise its rate.", ctx(""))
    assert removed == "The bank did raise its rate."


def test_split_is_stable_and_by_article():
    assert perturb.split_of("reuters/17") == perturb.split_of("reuters/17")
    splits = {perturb.split_of(f"bbc/tech/{n:03d}") for n in range(40)}
    assert splits == {"dev", "test"}
    assert stance_data.split_of("12", "fnc1") in ("dev", "test")


@pytest.mark.parametrize("kind", list(perturb.KINDS))
def test_every_kind_has_a_rule_and_an_expected_class(kind):
    expected, also, _ = perturb.KINDS[kind]
    assert kind in perturb.RULES
    assert expected in {"misquoted", "contradicted", "copied", "quoted", "supported", "unsupported"}


def test_a_change_inside_a_quote_open_from_another_sentence_is_seen():
    # PA court copy: a quote opened in this sentence runs on into the next, or one opened in
    # the previous sentence closes here; a slot change inside it is a misquote.
    opened = 'He added: "Two jurors did not agree to convict her.'
    assert perturb.changed_inside_quote(opened, opened.replace("did not", "did"))
    closed = (
        'It was for the prosecution to make me sure she was not acting in self-defence," she said.'
    )
    assert perturb.changed_inside_quote(closed, closed.replace("was not", "was"))
    assert not perturb.changed_inside_quote(closed, closed.replace("she said", "he said"))
    plain = "The jury was not sent home when it failed to reach a verdict."
    assert not perturb.changed_inside_quote(plain, plain.replace("was not", "was"))
    assert perturb.quoted_regions('“We will act,” Sanchez said, "then leave') == [(0, 14), (29, 40)]


@pytest.mark.parametrize("seed", range(6))
def test_a_decade_moves_by_decades(seed):
    s = "His reputation as a sculptor grew in the 1980s, while he taught in Rome."
    claim, change = perturb.r_date(s, ctx(s, seed))
    decade = claim.split("the ")[1][:5]
    assert decade.endswith("0s") and decade != "1980s", (claim, change)


def test_a_relative_date_that_may_name_the_same_day_is_no_change():
    # 1999-07-12 was a Monday: its "yesterday" (Sunday) lies in "last week"
    s = "A court was told yesterday that the official passed on the names."
    c = perturb.Context(s, LEX, random.Random(1), lambda: "Another story.", "1999-07-12")
    assert perturb.r_relative(s, c) is None
    c = perturb.Context(s, LEX, random.Random(1), lambda: "Another story.", "1999-07-14")
    claim, change = perturb.r_relative(s, c)
    assert "last week" in claim and change == "'yesterday' -> 'last week'"
