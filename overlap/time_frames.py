"""Two sentences that report different periods: their figures differ because the moment does.

Wire services file the same report every week or month ("U.S. roastings of green coffee in the
week ended March 7 were about 325,000 bags" and, four weeks later, "... in the week ended April
4 were about 275,000 bags"; Reuters-21578). Aligned word by word, those sentences differ in a
date and in every figure: that is two periods' reports, not two outlets disagreeing about one
fact. The same holds for the same relative words read against two article dates ("last
Monday's offering" a week apart names two Mondays).

What counts as another period, from the typed evidence on one aligned sentence pair
(evidence.slot_evidence):
- a date, weekday or clock time that differs, together with a figure (number, money, percent)
  that differs too: the sentence dates its figures, and both moved;
- the same date words on both sides that stand for different days ("last Monday", "yesterday"
  in articles of different dates), when nothing else differs: no writer changed a word. With a
  figure that differs as well, that is the articles' own dates, which the judge's
  `days_apart` reads ("the 1,954-mile border today" against "the 2,000-mile border today"
  18 days later is one fact told two ways).
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
from .textnorm import fold
from .types import Evidence, EvidenceCheck

# Differences that date a sentence (dates, weekdays, clock times) and figures a period carries
# with it (numbers, money, percentages).
_WHEN, _FIGURES = EvidenceCheck.DATE, EvidenceCheck.NUMBER
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


def _words(e: Evidence) -> tuple[str, str]:
    """The words on each side ("" where a side has none)."""
    return (e.a.text if e.a else ""), (e.b.text if e.b else "")


def _shifted_with_articles(x: Evidence, a_date: str | None, b_date: str | None) -> bool:
    """x's two dates lie as far apart as the two articles' dates (and those differ)."""
    try:
        da, db = dt.date.fromisoformat(str(a_date)[:10]), dt.date.fromisoformat(str(b_date)[:10])
    except ValueError:
        return False
    words = _words(x)
    here, there = _day(words[0], a_date), _day(words[1], b_date)
    if here is None or there is None or da == db:
        return False
    return abs((here - there).days - (da - db).days) <= SAME_SHIFT_DAYS


def other_period(
    evidence: Sequence[Evidence], a_date: str | None = None, b_date: str | None = None
) -> Evidence | None:
    """The date difference that puts the two sentences in different periods (see the module
    docstring), or None when they report one moment. `a_date`/`b_date`: the two articles'
    dates (ISO), which relative words and dates without a year are read against.

    >>> from overlap.types import Span
    >>> def d(check, here, there):
    ...     return Evidence(check, "differs", f"{check} differs", Span("a", 0, len(here), here),
    ...                     Span("b", 0, len(there), there))
    >>> on = lambda *e: other_period(e, "1987-03-16", "1987-04-13")
    >>> on(d(_WHEN, "March 7", "April 4"), d(_FIGURES, "325,000", "275,000")).a.text
    'March 7'
    >>> other_period([d(_WHEN, "March 7", "April 4")], "1987-03-16", "1987-03-16") is None
    True
    >>> on(d(_WHEN, "last Monday", "last Monday")).a.text
    'last Monday'
    >>> on(d(_WHEN, "March 7", "April 4")).b.text  # each 9 days before its article
    'April 4'
    """
    differing = [x for x in evidence if x.relation == "differs"]
    when = [x for x in differing if x.check is _WHEN]
    same_words = [x for x in when if _same_words(x)]
    written = [x for x in when if not _same_words(x)]
    if same_words and len(same_words) == len(differing):
        return same_words[0]  # nothing else differs: the same words, read on two dates
    if written and any(x.check is _FIGURES for x in differing):
        return written[0]
    for x in written:
        if _shifted_with_articles(x, a_date, b_date):
            return x
    return None


def _same_words(x: Evidence) -> bool:
    here, there = _words(x)
    return bool(here) and fold(here).split() == fold(there).split()


def period_reason(first: Evidence, period: Evidence) -> str:
    """The reason a reader is given: the difference, then the periods it belongs to."""
    if first is period:
        return f"{period.message}: the same words on two dates, so two different periods"
    return f"{first.message}, but the two report different periods ({period.message})"


__all__ = ["other_period", "period_reason"]


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two article dates (ISO, as ingest keeps them); None unless both are known
    to the day.

    >>> days_apart("2013-05-02", "2017-02-20"), days_apart("2013-05", "2013-07-03")
    (1390, None)
    """
    try:
        da, db = dt.date.fromisoformat(str(a)[:10]), dt.date.fromisoformat(str(b)[:10])
    except ValueError:
        return None
    return abs((da - db).days)
