"""Numbers, money, percentages and dates on two aligned sentences: each mention paired with
the mention the word alignment gives it on the other side, and compared as an amount or a date.

A figure paired with one of another time ("last year's 35.4"), of another kind (an age against
a count) or of a list the other side also gives is no difference; a date the other side gives
elsewhere, as precisely, was moved rather than changed.
"""

from __future__ import annotations

from collections.abc import Set

from .dates import DateMention, same_date
from .quantities import Quantity
from .slot_alignment import Alignment, SlotDiff, quote, tok_range
from .slot_figures import court_stage, of_another_time


def quantity_diffs(
    al: Alignment,
    qa: list[Quantity],
    qb: list[Quantity],
    used_b: set[int],
    ages: Set[int] = frozenset(),
) -> list[SlotDiff]:
    """Paired quantities; `ages`: ids of the mentions written as a person's age."""
    out: list[SlotDiff] = []
    for x in qa:
        cands = [y for y in al.counterparts(x, qb) if id(y) not in used_b and _comparable(x, y)]
        if not cands:
            continue
        y = cands[0]
        used_b.add(id(y))
        if of_another_time(al.ta, x) != of_another_time(al.tb, y):
            continue  # one figure is dated to an earlier moment: not the same amount's two sides
        if (id(x) in ages) != (id(y) in ages):
            continue  # a person's age against another figure about them: two attributes
        stages = court_stage(al.ta, x), court_stage(al.tb, y)
        if None not in stages and stages[0] != stages[1]:
            continue  # charges convicted of against charges jailed on: two counts
        kind = x.kind if x.kind in ("money", "percent") else "number"
        if x.text == y.text and x.unit == y.unit:
            continue  # the same words: nothing to report
        if _same_amount(x, y):
            rel, m = "same", f"{kind} agrees: {quote(x.describe())} ~ {quote(y.describe())}"
        elif not _substituted(al, x, y) and (
            any(_same_figure(x, z) for z in qb if z is not y)
            or any(_same_figure(w, y) for w in qa if w is not x)
        ):
            # Each figure is in the other sentence too, beside another one: the window paired
            # two figures of a list. "Encor last year earned 35.4 mln dlrs" against "Net loss
            # 406.6 mln vs profit 35.4 mln Revs 138.1 mln vs 211.9 mln" (Reuters, 1987) holds
            # the 35.4 million; 211.9 is another line of the table. Not where one figure was
            # written in place of the other (the words beside it align): "16 charges ... a boy
            # under 16" changed from "12 charges" is a changed count.
            continue
        else:
            rel, m = "differs", al.msg(kind, x.describe(), y.describe())
        out.append(
            SlotDiff(kind, rel, x.describe(), y.describe(), (x.start, x.end), (y.start, y.end), m)
        )
    return out


def date_diffs(
    al: Alignment, da: list[DateMention], db: list[DateMention], used_b: set[int]
) -> list[SlotDiff]:
    out: list[SlotDiff] = []
    for x in da:
        for y in al.counterparts(x, db):
            same = same_date(x, y)
            if same is None or id(y) in used_b:
                continue
            if same is False and _moved(x, y, [z for z in db if id(z) not in used_b]):
                break
            used_b.add(id(y))
            if x.text == y.text and same:
                break
            kind = (
                "time"
                if x.kind == "time"
                else "weekday"
                if (x.kind == "weekday" and y.kind == "weekday")
                else "date"
            )
            m = (
                f"{kind} agrees: {x.describe()} ~ {y.describe()}"
                if same
                else f"{kind} differs: {x.describe()} here, {y.describe()} in {al.there}"
            )
            rel = "same" if same else "differs"
            out.append(SlotDiff(kind, rel, x.text, y.text, (x.start, x.end), (y.start, y.end), m))
            break
    return out


# Dates written out, as opposed to relative words and weekdays that stand for one only through
# the article's date ("yesterday" and "Tuesday" may be one day without being one mention).
_WRITTEN_DATES = frozenset({"date", "month", "year"})


def _moved(x: DateMention, y: DateMention, others: list[DateMention]) -> bool:
    """The other side gives x's date elsewhere, as precisely as the y the window pairs it with:
    the writer moved the date, and y dates something else. "jailed ... at the Old Bailey in
    April 1997" against "jailed for 17 years in 1997 for ... a raid at an east London post office
    in 1996" (METER courts): 1997 is there, as a year like 1996. A bare "1987" elsewhere does not
    excuse "March 4, 1987" against "March 3, 1987": it is vaguer than the pair that differs.
    Only written dates: a "yesterday" changed to "today" is not excused by a weekday elsewhere."""
    if not all(d.value and d.kind in _WRITTEN_DATES for d in (x, y)):
        return False
    return any(
        z is not y
        and z.kind in _WRITTEN_DATES
        and len(z.value) >= len(y.value)
        and same_date(x, z) is True
        for z in others
    )


# Units of time in days: a span written in one unit and told in another ("six weeks" /
# "six months", METER courts PA against a draft) is compared in days.
_DAYS = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
    "month": 30.44, "year": 365.25, "decade": 3652.5,
}  # fmt: skip


def _two_time_units(x: Quantity, y: Quantity) -> bool:
    return x.unit != y.unit and x.unit in _DAYS and y.unit in _DAYS


def _same_span(x: Quantity, y: Quantity) -> bool:
    """Two spans of time in two units that last as long, within 5 % ("a fortnight" / "14
    days", "18 months" / "a year and a half")."""
    dx, dy = x.value * _DAYS[x.unit or ""], y.value * _DAYS[y.unit or ""]
    return abs(dx - dy) <= 0.05 * max(dx, dy)


def _same_amount(x: Quantity, y: Quantity) -> bool:
    """One amount, whatever the words: consistent values in one unit (or one side unitless)."""
    if _two_time_units(x, y):
        return _same_span(x, y)
    return x.consistent_with(y) and (x.unit == y.unit or None in (x.unit, y.unit))


def _substituted(al: Alignment, x: Quantity, y: Quantity) -> bool:
    """y stands where x stood: the word just before them, or just after, is aligned."""
    (i0, i1), (j0, j1) = tok_range(al.ta, x.start, x.end), tok_range(al.tb, y.start, y.end)
    if i0 < 0 or j0 < 0:
        return False
    return (i0 > 0 and al.amap.get(i0 - 1) == j0 - 1) or al.amap.get(i1) == j1


def _same_figure(x: Quantity, y: Quantity) -> bool:
    """The same figure written on both sides (one value, one range), in one unit or one side
    unitless: not merely consistent ("up to 800,000" is consistent with five)."""
    if _two_time_units(x, y):
        return x.high is None and y.high is None and _same_span(x, y)
    return (x.value, x.high) == (y.value, y.high) and (x.unit == y.unit or None in (x.unit, y.unit))


def _comparable(x: Quantity, y: Quantity) -> bool:
    if x.kind != y.kind:
        # A bare count beside money or a percentage ("280m" / "£300m") may be one figure written
        # two ways, so it is compared when the values agree or are of one order of magnitude;
        # far apart, the two count different things ("invested £280m" vs "sales rose to 80,600",
        # real BBC sentences), which is no difference.
        if "count" not in (x.kind, y.kind):
            return False
        count = x if x.kind == "count" else y
        if count.unit is not None:
            return False
        small, large = sorted((abs(x.value), abs(y.value)))
        return x.consistent_with(y) or (small > 0 and large / small <= 10)
    if x.kind == "money" and y.kind == "money":
        return True  # "$1M" vs "£1M": the currency is part of what differs
    return x.unit == y.unit or x.unit is None or y.unit is None or _two_time_units(x, y)


__all__ = ["date_diffs", "quantity_diffs"]
