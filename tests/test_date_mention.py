"""Whether two date mentions can name the same day, on mentions built directly (no reading)."""

from __future__ import annotations

from overlap.date_mention import DateMention, same_date


def mention(value: str = "", kind: str = "date", text: str = "", **more) -> DateMention:
    return DateMention(value, 0, len(text or value), text or value, kind, **more)


def test_values_compare_on_their_common_precision():
    may = mention("2013-05", "month", "May")
    assert same_date(may, mention("2013-05-20")) is True
    assert same_date(may, mention("2013-04-30")) is False
    assert same_date(mention("2013", "year"), mention("2013-05-20")) is True


def test_a_week_span_holds_the_days_inside_it_only():
    last_week = mention("", "relative", "last week", span=("2013-05-20", "2013-05-26"))
    assert same_date(last_week, mention("2013-05-22")) is True
    assert same_date(mention("2013-05-27"), last_week) is False
    assert same_date(last_week, mention("2013-05", "month", "May")) is True
    assert same_date(last_week, mention("", "weekday", "Tuesday", weekday=1)) is None


def test_vague_eras_compare_only_with_each_other():
    recent = mention("", "vague", "recently", era="recent")
    assert same_date(recent, mention("", "vague", "lately", era="recent")) is True
    assert same_date(recent, mention("", "vague", "years ago", era="past")) is False
    assert same_date(recent, mention("2013-05-20")) is None


def test_times_compare_with_times_only():
    three = mention("", "time", "3 p.m.", time="15:00")
    assert same_date(three, mention("", "time", "15:00", time="15:00")) is True
    assert same_date(three, mention("", "time", "4 p.m.", time="16:00")) is False
    assert same_date(three, mention("2013-05-20")) is None


def test_undated_month_and_day_compare_as_written():
    june_13 = mention("", "date", "13 June", month=6, day=13)
    assert same_date(june_13, mention("", "date", "June 13", month=6, day=13)) is True
    assert same_date(june_13, mention("", "date", "14 June", month=6, day=14)) is False
    assert same_date(june_13, mention("", "month", "June", month=6)) is True


def test_describe_adds_the_resolved_date_only_when_not_written():
    assert mention("2013-05-28", "weekday", "last Tuesday").describe() == (
        '"last Tuesday" (2013-05-28)'
    )
    assert mention("2013-05-28").describe() == '"2013-05-28"'
    # a year the reader guessed for a bare month is not told as the article's ("late May" in an
    # April story may be next month)
    from overlap.dates import find_dates

    [may] = find_dates("should be released in late May", 0, "1987-04-08")
    assert may.guessed and may.describe() == '"May"'


def test_a_year_or_weekday_direction_the_writer_did_not_write_is_no_difference():
    from overlap.dates import find_dates

    # Reuters reissued "April 10, 1987" as "April 10" in a story of March 6: read as 1986
    [written] = find_dates("redeem on April 10, 1987", 0, "1987-03-06")
    [bare] = find_dates("redeem on April 10", 0, "1987-03-06")
    assert bare.guessed and not written.guessed
    assert same_date(written, bare) is True
    [other] = find_dates("redeem on April 30", 0, "1987-03-06")
    assert same_date(written, other) is False
    # "Monday" in a Saturday story is the coming Monday as well: Monday's rerun says "today"
    [monday] = find_dates("talks resume Monday", 0, "1987-04-11")
    [today] = find_dates("talks resume today", 0, "1987-04-13")
    assert same_date(monday, today) is True
    [tuesday] = find_dates("talks resume Tuesday", 0, "1987-04-11")
    assert same_date(tuesday, today) is False
