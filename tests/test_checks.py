"""Typed checks on real sentences from the seeds and their near variants."""

from __future__ import annotations

from overlap.align import word_diff
from overlap.checks import (
    check_dates,
    check_direction,
    check_hedging,
    check_names,
    check_negation,
    check_numbers,
    run_checks,
)
from overlap.types import Span


def span(text, article="a", start=0):
    return Span(article, start, start + len(text), text)


def pair(x, y):
    a, b = span(x, "a"), span(y, "b", 100)
    return a, b, word_diff(a, b)


def test_number_with_comma_differs_and_shows_both():
    a, b, _ = pair(
        "the two leaders discussed drones along the 1,954-mile shared border",
        "the two leaders discussed drones along the 2,000-mile shared border",
    )
    same, [ev] = ([e for e in check_numbers(a, b) if e.relation == r] for r in ("same", "differs"))
    assert [e.message for e in same] == ["number agrees: two leaders ~ two leaders"]
    assert ev.relation == "differs" and ev.message == "number differs: 1,954 miles vs 2,000 miles"
    assert (
        ev.a.text == "1,954" and ev.b.text == "2,000" and ev.b.start == 100 + b.text.index("2,000")
    )


def test_number_in_words_equals_digits():
    a, b, _ = pair(
        "The report describes nine strategic objectives.", "The strategy illustrated 9 objectives."
    )
    [ev] = check_numbers(a, b)
    assert ev.relation == "same"


def test_hedged_number_agrees():
    a, b, _ = pair("the nearly 2,000-mile border", "the 1,954-mile border")
    assert check_numbers(a, b)[0].relation == "same"


def test_dates_in_different_formats_agree_and_differ():
    a, b, _ = pair("Obama arrived on May 2, 2013.", "Obama arrived on 2 May 2013.")
    assert check_dates(a, b, None, None)[0].relation == "same"
    a, b, _ = pair("Obama arrived on May 2, 2013.", "Obama arrived on May 9, 2013.")
    assert check_dates(a, b, None, None)[0].relation == "differs"
    # "back in May" resolved with each article's own date
    a, b, _ = pair("Obama met his counterpart back in May.", "Obama met him in May 2013.")
    assert check_dates(a, b, "2013-07-05", None)[0].relation == "same"


def test_spelling_variant_is_one_person_but_another_name_differs():
    a, b, diff = pair(
        "make sure that Peña Nieto is on the same page as Obama",
        "make sure that Pena Nieto is on the same page as Obama",
    )
    [ev] = check_names(a, b, diff)
    assert ev.relation == "variant" and "Peña" in ev.message
    a, b, diff = pair(
        "make sure that Peña Nieto is on the same page as Obama",
        "make sure that Peña Nieto is on the same page as Calderón",
    )
    [ev] = check_names(a, b, diff)
    assert ev.relation == "differs" and ev.message == "name differs: Obama vs Calderón"


def test_negation_inserted():
    a, b, diff = pair(
        "The new arrangement would damage its security partnership.",
        "The new arrangement would not damage its security partnership.",
    )
    [ev] = check_negation(a, b, diff)
    assert ev.relation == "differs" and ev.b.text == "not" and ev.a is None


def test_opposite_direction_predicates():
    a, b, _ = pair(
        "The report highlights a strategic shift toward forgoing a closer working relationship.",
        "The strategy calls for deepening cooperation.",
    )
    [ev] = check_direction(a, b)
    assert ev.relation == "differs" and "forgoing" in ev.message and "deepening" in ev.message
    a, b, _ = pair("Intelligence sharing will increase.", "Intelligence sharing will grow.")
    assert check_direction(a, b) == []


def test_hedge_versus_assertion():
    a, b, _ = pair(
        "This new policy could hamper cooperation.", "This new policy hampers cooperation."
    )
    [ev] = check_hedging(a, b)
    assert ev.relation == "hedged" and ev.a.text == "could"


def test_identical_sentences_give_no_differences():
    text = "Despite scarce details, the two leaders discussed the 1,954-mile border in May 2013."
    a, b, diff = pair(text, text)
    assert [e for e in run_checks(a, b, diff) if e.relation == "differs"] == []
