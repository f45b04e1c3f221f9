"""An amount a passage mentions (`Quantity`), and when two mentions can be one amount.

Ranges overlap, "about" allows 10 %, "more than" and "up to" bound one side, and one figure
written two ways is one amount: "Revs 2.3 mln" and "Sales 2,303,000" (Reuters filed the same
results both ways), "1,982,000" rounded from "1,981,681". quantities.py finds the mentions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    """An amount: `value` (and `high` for a range), in `unit`, with a qualifier.

    `unit` is the lemma of the counted noun or the currency ("mile", "country", "dollar",
    "percent"); `unit_text` is the unit as written ("miles", "dlrs", "%"). `kind` is money,
    percent or count. `start`/`end`/`text` cover the number with its currency sign, scale and
    qualifier words ("more than $1.5 billion"); `phrase` runs on to the unit ("2,000-mile").
    """

    value: float
    unit: str | None
    qualifier: str | None  # approx | lower | upper | None
    start: int
    end: int
    text: str
    high: float | None = None
    unit_text: str | None = None
    kind: str = "count"
    phrase: str = ""

    @property
    def low(self) -> float:
        return self.value

    def consistent_with(self, other: Quantity) -> bool:
        """Could both mentions describe the same amount? Ranges overlap; "about" allows 10 %;
        "more than"/"up to" bound one side. Units are compared elsewhere. Two mentions with
        the same qualifier ("more than 30" and "more than 45"), or two ranges ("73-82" and
        "73-107"), are two writers bounding one amount the same way: their figures must then
        agree as written."""
        ranges = self.high is not None and other.high is not None
        if ranges or (self.qualifier is not None and self.qualifier == other.qualifier):
            same_high = (self.high or self.value) == (other.high or other.value)
            return self.value == other.value and same_high
        if _rounds_to(self, other) or _rounds_to(other, self):
            return True
        a_lo, a_hi = _bounds(self)
        b_lo, b_hi = _bounds(other)
        return a_lo <= b_hi * (1 + 1e-9) and b_lo <= a_hi * (1 + 1e-9)

    def describe(self) -> str:
        """The mention as a reader wrote it: '2,000-mile', '$1 million', 'about 60,000 deaths'."""
        return self.phrase or self.text


_LITERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _shown(q: Quantity) -> tuple[float, int] | None:
    """(scale, decimals shown) of a single figure written with digits: "2.3 mln" is (1e6, 1),
    "2,303,000" is (1.0, 0); None for number words, ranges and qualified figures."""
    m = _LITERAL.search(q.text)
    if m is None or q.high is not None or q.qualifier is not None:
        return None
    literal = float(m.group().replace(",", ""))
    if literal == 0:
        return None
    decimals = len(m.group().partition(".")[2])
    return q.value / literal, decimals


def _rounded_digits(q: Quantity) -> tuple[float, int] | None:
    """(step, significant digits) of a whole figure in full digits that ends in zeros:
    "1,982,000" is (1000, 4), "4,000" is (1000, 1)."""
    m = _LITERAL.search(q.text)
    if m is None or "." in m.group() or q.high is not None or q.qualifier is not None:
        return None
    digits = m.group().replace(",", "")
    kept = digits.rstrip("0")
    zeros = len(digits) - len(kept)
    return (10.0**zeros, len(kept)) if zeros >= 3 and kept else None


def _rounds_to(scaled: Quantity, full: Quantity) -> bool:
    """`scaled` is written with a scale word ("2.3 mln", "$1.5bn"), or in full digits ending in
    zeros ("1,982,000"), and `full` in full digits ("2,303,000", "1,981,681") that round to it
    at the precision `scaled` shows: one figure written two ways (Reuters filed the same
    results as "Revs 2.3 mln" and "Sales 2,303,000"). Two figures that both carry a scale ("2
    million" and "2.3 million") are compared as written."""
    a, b = _shown(scaled), _shown(full)
    if a is None or b is None or b[0] != 1.0 or abs(full.value) < 1000:
        return False
    rounded = _rounded_digits(scaled)
    if a[0] == 1.0 and rounded is not None and rounded[1] >= 3:
        # "1,982,000" for "1,981,681" (Reuters filed the same results rounded): at least three
        # significant digits kept, so "4,000" against "4,400" is still two figures
        exact = _rounded_digits(full)
        if exact is None or exact[0] < rounded[0]:
            return abs(full.value - scaled.value) < 0.5 * rounded[0] * (1 - 1e-9)
        return False
    if a[0] < 1000:
        return False
    half_step = 0.5 * a[0] * 10.0 ** -a[1]
    # strictly inside: "2.35 million" is not both 2.3 and 2.4 million
    return abs(full.value - scaled.value) < half_step * (1 - 1e-9)


def _bounds(q: Quantity) -> tuple[float, float]:
    lo, hi = q.value, q.high if q.high is not None else q.value
    if q.qualifier == "approx":
        return lo * 0.9, hi * 1.1
    if q.qualifier == "lower":
        return lo, math.inf
    if q.qualifier == "upper":
        return 0.0, hi
    return lo, hi


__all__ = ["Quantity"]
