"""Two sentences that report different periods: their figures differ because the moment does.

Wire services file the same report every week or month ("U.S. roastings of green coffee in the
week ended March 7 were about 325,000 bags" and, four weeks later, "... in the week ended April
4 were about 275,000 bags"; Reuters-21578). Aligned word by word, those sentences differ in a
date and in every figure: that is two periods' reports, not two outlets disagreeing about one
fact. The same holds for the same relative words read against two article dates ("last
Monday's offering" a week apart names two Mondays).

What counts as another period, from the typed differences of one aligned sentence pair
(slots.compare_sentences):
- a date, weekday or clock time that differs, together with a figure (number, money, percent)
  that differs too: the sentence dates its figures, and both moved;
- the same date words on both sides that stand for different days ("last Monday", "yesterday"
  in articles of different dates): no writer changed a word.
- a full date that differs by as much as the two articles' dates do (within `SAME_SHIFT_DAYS`):
  each article dates its report the same way before its own day ("the week ended March 7" in
  an article of March 16, "April 4" in one of April 13), so each is that week's report.
Otherwise a date that differs alone is still a changed date (a contradiction, or a correction
reissued the same day): a figure must move with it, or the date with the article's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .dates import find_dates
from .slots import SlotDiff
from .textnorm import fold

# Differences that date a sentence, and those that a period carries with it.
_WHEN = frozenset({"date", "weekday", "time"})
_FIGURES = frozenset({"number", "money", "percent"})
# A weekly report is dated a few days before the story that files it, not always the same
# number of days (a Friday figure filed on Monday or Tuesday).
SAME_SHIFT_DAYS = 3


def _day(text: str, article_date: str | None) -> dt.date | None:
    """The one full date `text` names (read against its article's date), else None."""
    found = [d for d in find_dates(text, 0, article_date) if len(d.value) == 10]
    if len(found) != 1:
        return None
    try:
        return dt.date.fromisoformat(found[0].value)
    except ValueError:
        return None


def _shifted_with_articles(x: SlotDiff, a_date: str | None, b_date: str | None) -> bool:
    """x's two dates lie as far apart as the two articles' dates (and those differ)."""
    try:
        da, db = dt.date.fromisoformat(str(a_date)[:10]), dt.date.fromisoformat(str(b_date)[:10])
    except ValueError:
        return False
    here, there = _day(x.here, a_date), _day(x.there, b_date)
    if here is None or there is None or da == db:
        return False
    return abs((here - there).days - (da - db).days) <= SAME_SHIFT_DAYS


def other_period(
    diffs: Sequence[SlotDiff], a_date: str | None = None, b_date: str | None = None
) -> SlotDiff | None:
    """The date difference that puts the two sentences in different periods (see the module
    docstring), or None when they report one moment. `a_date`/`b_date`: the two articles'
    dates (ISO), which relative words and dates without a year are read against.

    >>> def d(kind, here, there):
    ...     return SlotDiff(kind, "differs", here, there, None, None, f"{kind} differs")
    >>> other_period([d("date", "March 7", "April 4"), d("number", "325,000", "275,000")]).here
    'March 7'
    >>> other_period([d("date", "March 7", "April 4")]) is None
    True
    >>> other_period([d("weekday", "last Monday", "last Monday")]).here
    'last Monday'
    >>> other_period([d("date", "March 7", "April 4")], "1987-03-16", "1987-04-13").here
    'March 7'
    """
    differing = [x for x in diffs if x.relation == "differs"]
    when = [x for x in differing if x.kind in _WHEN]
    if not when:
        return None
    for x in when:
        if fold(x.here).split() == fold(x.there).split():
            return x  # the same words, read against two article dates
    if any(x.kind in _FIGURES for x in differing):
        return when[0]
    for x in when:
        if x.kind == "date" and _shifted_with_articles(x, a_date, b_date):
            return x
    return None


def period_reason(first: SlotDiff, period: SlotDiff) -> str:
    """The reason a reader is given: the difference, then the periods it belongs to."""
    if first is period:
        return f"{period.message}: the same words on two dates, so two different periods"
    return f"{first.message}, but the two report different periods ({period.message})"


__all__ = ["other_period", "period_reason"]
