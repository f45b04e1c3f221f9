"""Different periods (overlap/time_frames.py) on Reuters-21578 sentences (1987 wire copy): a
recurring report is no contradiction of last week's; a corrected date reissued the same day is."""

from __future__ import annotations

from overlap.evidence import slot_evidence
from overlap.time_frames import other_period, period_reason
from overlap.types import Span

COFFEE_MARCH = (
    "U.S. roastings of green coffee in the week ended March 7 were about 325,000 (60-kilo) "
    "bags, including that used for soluble production, compared with 290,000 bags in the "
    "corresponding week of last year."
)
COFFEE_APRIL = (
    "U.S. roastings of green coffee in the week ended April 4 were about 275,000 (60-kilo) "
    "bags, including that used for soluble production, compared with 215,000 bags in the "
    "corresponding week of last year."
)


def _period(a: str, b: str, a_date: str | None, b_date: str | None):
    found = slot_evidence(Span("a", 0, len(a), a), Span("b", 0, len(b), b), a_date, b_date)
    diffs = [e for e in found if e.relation == "differs"]
    return diffs, other_period(diffs, a_date, b_date)


def _kinds(diffs) -> set[str]:
    return {str(e.check) for e in diffs}


def test_a_weekly_report_with_other_figures_is_another_week():
    diffs, period = _period(COFFEE_MARCH, COFFEE_APRIL, "1987-03-16", "1987-04-13")
    assert _kinds(diffs) == {"number", "date"}
    assert period is not None and (period.a.text, period.b.text) == ("March 7", "April 4")


TENDER_APRIL_6 = (
    "The Bank of France said it will offer negotiable Treasury bills at its next weekly "
    "tender on April 6."
)
TENDER_APRIL_13 = TENDER_APRIL_6.replace("April 6", "April 13")


def test_a_date_dated_like_its_article_is_that_weeks_report():
    # filed a week apart, each naming the next Monday's tender: the same shift as the articles
    diffs, period = _period(TENDER_APRIL_6, TENDER_APRIL_13, "1987-04-01", "1987-04-08")
    assert _kinds(diffs) == {"date"}
    assert period is not None and period.b.text == "April 13"


def test_a_date_that_moved_with_its_figures_is_another_period():
    diffs, period = _period(
        "Graan Elevator Mij said its balance in port of grains, oilseeds and derivatives rose "
        "to 136,000 tonnes on March 7 from 31,000 a week earlier.",
        "Graan Elevator Mij (GEM) said its balance in port of grains, oilseeds and derivatives "
        "rose to 70,000 tonnes on March 21 compared with 10,000 a week earlier.",
        None,
        None,  # undated articles: the figures moving with the date are enough
    )
    assert _kinds(diffs) == {"number", "date"}
    assert period is not None and str(period.check) == "date"
    reason = period_reason(diffs[0], period)
    assert reason.startswith('number differs: "136,000 tonnes" here')
    assert "different periods" in reason and "March 21" in reason


def test_the_same_relative_words_on_two_dates_are_two_days():
    diffs, period = _period(
        "Yields on certificates of deposit offered by the United Arab Emirates central bank "
        "were mostly lower than last Monday's offering, the bank said.",
        "Yields on certificates of deposit (CD) offered by the United Arab Emirates Central "
        "Bank were higher than last Monday's offering, the bank said.",
        "1987-03-23",
        "1987-04-13",
    )
    assert period is not None and str(period.check) == "date"
    assert "the same words on two dates" in period_reason(period, period)


def test_a_date_changed_alone_on_one_day_is_no_other_period():
    # General Motors' plant closures, reissued the same day as CORRECTED (August -> April)
    diffs, period = _period(
        "General Motors Corp will idle six of its car assembly plants in August.",
        "General Motors Corp will idle six of its car assembly plants in April.",
        "1987-04-01",
        "1987-04-01",
    )
    assert _kinds(diffs) == {"date"}
    assert period is None


def test_a_date_moved_by_other_than_the_articles_distance_is_a_changed_date():
    diffs, period = _period(TENDER_APRIL_6, TENDER_APRIL_13, "1987-04-01", "1987-04-03")
    assert _kinds(diffs) == {"date"} and period is None


def test_a_figure_changed_without_a_date_is_no_period():
    diffs, period = _period(
        "American Telephone and Telegraph Co said it formed a 600-member sales force.",
        "American Telephone and Telegraph Co said it formed a 500-member sales force.",
        "1987-03-24",
        "1987-03-24",
    )
    assert _kinds(diffs) == {"number"} and period is None


def test_the_morning_and_the_afternoon_prices_of_one_day_are_two_moments():
    # Reuters-21578: the LME's morning ring against its afternoon ring, filed the same day
    diffs, period = _period(
        "LME morning ring dealings in copper ended with three months Grade A business at 883 "
        "stg per tonne, equivalent to 1,417 dlrs per tonne.",
        "LME afternoon ring dealings in copper ended with three months Grade A business at 879 "
        "stg per tonne, equivalent to 1,410 dlrs per tonne.",
        "1987-04-07",
        "1987-04-07",
    )
    assert period is not None and period.a.text == "morning"
