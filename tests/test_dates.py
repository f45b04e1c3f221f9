from __future__ import annotations

import datetime as dt

import pytest

from overlap.dates import earlier, normalise_date


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
