"""amounts.Quantity.consistent_with: when two mentions can be one amount."""

import pytest

from overlap.quantities import find_quantities


def _one(text: str):
    (q,) = find_quantities(text)
    return q


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Revs 2.3 mln dlrs", "Sales 2,303,000 dlrs", True),  # Reuters: one figure two ways
        ("Revs 2.3 mln dlrs", "Sales 2,383,000 dlrs", False),
        ("sales of 1,982,000 dlrs", "sales of 1,981,681 dlrs", True),  # rounded to 4 digits
        ("4,000 people", "4,400 people", False),  # one significant digit: two figures
        ("about 60,000 deaths", "64,000 deaths", True),  # "about" allows 10 %
        ("about 60,000 deaths", "70,000 deaths", False),
        ("more than 30 people", "45 people", True),  # a lower bound
        ("more than 30 people", "more than 45 people", False),  # one bound, two figures
        ("up to 800 homes", "500 homes", True),
        ("73-82 seats", "73-107 seats", False),  # two ranges must agree as written
    ],
)
def test_consistent_with(a, b, same):
    x, y = _one(a), _one(b)
    assert x.consistent_with(y) is same and y.consistent_with(x) is same
