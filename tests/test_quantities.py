from __future__ import annotations

import pytest

from overlap.quantities import find_dates, find_quantities


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("the use of drones along the 1,954-mile shared border", 1954, "mile", None),
        ("a 2,000 mile border", 2000, "mile", None),
        ("worn out by over 60,000 deaths", 60000, "death", "lower"),
        ("as many as 25,000 forced disappearances", 25000, "disappearance", "upper"),
        ("illustrated nine points that focus on interdiction", 9, "point", None),
        ("interviews with over four dozen current and former diplomats", 48, "current", "lower"),
        ("sold it to Safeway for $1.8 billion in 1998", 1.8e9, "dollar", None),
        ("12 percent of all Mexican-made illicit cigarettes", 12, "percent", None),
        ("nearly 2,000 miles of border", 2000, "mile", "approx"),
    ],
)
def test_quantities_from_real_sentences(text, value, unit, qualifier):
    q = find_quantities(text)[0]
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)
    assert text[q.start : q.end] == q.text


def test_years_and_labels_are_not_quantities():
    assert find_quantities("in the post-9/11 era, back in 2013") == []


def test_consistency_respects_qualifiers():
    near, exact, other = (
        find_quantities(t)[0] for t in ("nearly 2,000 miles", "1,954 miles", "1,594 miles")
    )
    assert near.consistent_with(exact) and exact.consistent_with(near)
    assert not near.consistent_with(other)
    more = find_quantities("more than 60,000 deaths")[0]
    assert more.consistent_with(find_quantities("70,000 deaths")[0])
    assert not more.consistent_with(find_quantities("50,000 deaths")[0])


@pytest.mark.parametrize(
    "text, article_date, values",
    [
        ("President Obama arrives on May 2, 2013", None, ["2013-05-02"]),
        ("MEXICO / 3 JUL 2013 BY JAMES BARGENT", None, ["2013-07-03"]),
        ("published 2017-02-20 at noon", None, ["2017-02-20"]),
        ("the meeting in May 2013", None, ["2013-05"]),
        ("met his counterpart back in May", "2013-07-05", ["2013-05"]),
        ("occurred last December with the inauguration", "2013-04-30", ["2012-12"]),
        ("was taken in last year near Los Mochis", "2017-02-20", ["2016"]),
        ("met his counterpart back in May", None, []),
    ],
)
def test_dates_in_several_formats(text, article_date, values):
    found = find_dates(text, 0, article_date)
    assert [d.value for d in found] == values
    for d in found:
        assert text[d.start : d.end] == d.text
