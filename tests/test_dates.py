from __future__ import annotations

import datetime as dt

import pytest

from overlap.dates import find_dates, same_date
from overlap.publication_dates import earlier, normalise_date


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2013-07-03", "2013-07-03"),
        ("2013-07-03T10:15:00Z", "2013-07-03"),
        ("2013-07-03T23:59:00+05:00", "2013-07-03"),  # the date as written, not converted to UTC
        ("2013/07/03", "2013-07-03"),
        ("July 3, 2013", "2013-07-03"),
        ("Jul 3, 2013", "2013-07-03"),
        ("3 July 2013", "2013-07-03"),
        ("3 Jul 2013", "2013-07-03"),
        ("07/03/2013", "2013-07-03"),  # US order: month first
        ("  May 2, 2013 ", "2013-05-02"),
        ("2013-07", "2013-07"),
        ("2013", "2013"),
        (2013, "2013"),  # YAML front matter gives a bare year as an int
        (dt.date(2017, 2, 20), "2017-02-20"),
        (dt.datetime(2017, 2, 20, 9, 40), "2017-02-20"),
    ],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    "value", ["soon", "", "May 2013 or so", "2013-13-01", "31/12/2013", "May 2, 2013, 1:21 PM"]
)
def test_normalise_date_unclear_is_none(value):
    assert normalise_date(value) is None


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        ("2013-04-30", "2013-05-02", -1),
        ("2013-05-02", "2013-04-30", 1),
        ("2013-05-02", "2013-05-02", 0),
        ("2013", "2013-05-02", 0),  # same year: not surely before or after
        ("2013-05", "2013-05-02", 0),
        ("2012", "2013-05-02", -1),
        ("2017-02-20", "2013", 1),
        (None, "2013-05-02", 0),
        ("2013-05-02", None, 0),
        ("", "2013", 0),
        ("someday", "2013", 0),
    ],
)
def test_earlier(a, b, order):
    assert earlier(a, b) == order


def test_normalise_reuters_date_with_clock_time():
    assert normalise_date(" 3-MAR-1987 00:43:42.82") == "1987-03-03"


# Mentions in running text, resolved with the article's date where they are relative.
@pytest.mark.parametrize(
    ("text", "article_date", "found"),
    [
        ("President Obama arrives on May 2, 2013", None, [("2013-05-02", "date")]),
        ("MEXICO / 3 JUL 2013 BY JAMES BARGENT", None, [("2013-07-03", "date")]),
        ("published 2017-02-20 at noon", None, [("2017-02-20", "date")]),
        ("the meeting in May 2013", None, [("2013-05", "month")]),
        ("met his counterpart back in May", "2013-06-01", [("2013-05", "month")]),
        ("met his counterpart back in May", None, [("", "month")]),
        ("occurred last December with the inauguration", "2013-04-30", [("2012-12", "month")]),
        ("will visit next March", "2013-04-30", [("2014-03", "month")]),
        ("was taken in last year near Los Mochis", "2017-02-20", [("2016", "relative")]),
        # 2013-06-01 is a Saturday: "last Tuesday" is May 28, "on Friday" the day before
        ("said last Tuesday", "2013-06-01", [("2013-05-28", "weekday")]),
        ("the talks on Friday", "2013-06-01", [("2013-05-31", "weekday")]),
        ("arrived yesterday", "2013-06-01", [("2013-05-31", "relative")]),
        ("three days ago", "2013-06-01", [("2013-05-29", "relative")]),
        ("Shares rose 5 pct on Tuesday", None, [("", "weekday")]),
        ("closed at 10:30 GMT", None, [("", "time")]),
        ("adjourned until 2.15pm.", None, [("", "time")]),
        (
            "Production on March 3, 1987 and in the 1990s",
            None,
            [("1987-03-03", "date"), ("199", "year")],
        ),
    ],
)
def test_find_dates_in_running_text(text, article_date, found):
    mentions = find_dates(text, 0, article_date)
    assert [(d.value, d.kind) for d in mentions] == found
    for d in mentions:
        assert text[d.start : d.end] == d.text


def test_modal_may_and_counts_are_not_dates():
    assert find_dates("Prices may rise, it may be 2000 people") == []
    assert find_dates("the sun sat on the wed") == []


def test_weekday_and_time_values():
    [tue] = find_dates("on Tuesday", 0, None)
    assert tue.weekday == 1 and tue.value == ""
    [pm] = find_dates("at 3 p.m. local time")
    assert pm.time == "15:00"


def test_same_date_compares_common_precision():
    a, b, c = (
        find_dates(t, 0, "2013-06-01")[0]
        for t in ("back in May", "on May 20, 2013", "in April 2013")
    )
    assert same_date(a, b) is True and same_date(a, c) is False
    tue, wed = find_dates("on Tuesday")[0], find_dates("on Wednesday")[0]
    assert same_date(tue, wed) is False and same_date(tue, tue) is True
    assert same_date(find_dates("at 10:30")[0], a) is None
