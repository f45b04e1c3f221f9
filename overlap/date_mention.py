"""A date, weekday or time a passage names, and whether two such mentions can name one day.

The typed result of overlap/dates.py (which reads mentions out of text), and the comparison the
slot checks make between two of them (overlap/slots.py): on their common precision, a week or
weekend span against a day, vague eras only with each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Day words and the days they lie from the article's date.
DAY_SHIFT = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


@dataclass(frozen=True)
class DateMention:
    """A date, weekday or time named in a passage.

    `value` is an ISO prefix (YYYY, YYYY-MM, YYYY-MM-DD) when it is known, else "" (a weekday
    or "yesterday" without an article date). `weekday` is 0 (Monday) .. 6 when the text names
    one or it follows from a full date; `time` is "HH:MM" for clock times ("3 p.m." is "15:00").
    `kind` is date | month | year | weekday | relative | vague | time. `month` and `day` are
    kept as written even when no year is known ("on 13 June" in an undated article), so two
    such mentions still compare; `span` is the first and last ISO day of a week ("last week"
    against the article's date); `era` is recent or past for vague words ("recently", "years
    ago"), which compare only with each other. `guessed`: part of `value` is the reader's
    guess, not the writer's words: the year of a month or day written without one ("April 10"
    in an article of March), or which side of the article's date a bare weekday lies.
    """

    value: str
    start: int
    end: int
    text: str
    kind: str = "date"
    weekday: int | None = None
    time: str | None = None
    month: int | None = None
    day: int | None = None
    span: tuple[str, str] | None = None
    era: str | None = None
    guessed: bool = False

    def describe(self) -> str:
        """The words as written, with the resolved date when it was not written out and not
        guessed (a year given to a bare "May" is the reader's guess, not the article's word)."""
        if self.value and self.value not in self.text and not self.guessed:
            return f'"{self.text}" ({self.value})'
        return f'"{self.text}"'


def same_date(x: DateMention, y: DateMention) -> bool | None:
    """True if the two mentions can name the same day (compared on their common precision),
    False if they surely do not, None if they cannot be compared (a time and a month)."""
    if x.kind == "time" or y.kind == "time":
        if x.time and y.time:
            return x.time == y.time
        return None
    if x.era or y.era:
        return x.era == y.era if x.era and y.era else None
    if x.value and y.value and (x.guessed or y.guessed):
        return _same_as_written(x, y)
    if x.value and y.value:
        n = min(len(x.value), len(y.value))
        return x.value[:n] == y.value[:n]
    if x.span or y.span:
        return _in_span(x, y) if x.span else _in_span(y, x)
    if x.month and y.month and not (x.value and y.value):
        # no year on one side (an undated article): the month and day as written
        return x.month == y.month and (x.day is None or y.day is None or x.day == y.day)
    if x.weekday is not None and y.weekday is not None:
        return x.weekday == y.weekday
    if not x.value and not y.value and x.kind == y.kind == "relative":
        # as written, but for case and line breaks ("SIX YEARS AGO" in a headline, "six\nyears
        # ago" in hard-wrapped wire copy)
        return _undated_relative_same(
            " ".join(x.text.lower().split()), " ".join(y.text.lower().split())
        )
    return None


def _same_as_written(x: DateMention, y: DateMention) -> bool:
    """Two dated mentions, one partly guessed: compared on what was written. A year the writer
    did not write is no difference ("April 10" read as 1986 in a story of March 1987 is Reuters'
    "April 10, 1987" reissued); a bare weekday may be the coming one as well as the last
    ("Monday" in a story of Saturday is the "today" of Monday's rerun)."""
    if x.kind == "weekday" or y.kind == "weekday":
        if x.weekday is None or y.weekday is None or x.weekday != y.weekday:
            return False
        if len(x.value) < 10 or len(y.value) < 10:
            return True
        apart = abs(_ordinal(x.value) - _ordinal(y.value))
        return apart <= 7 if (x.guessed or y.guessed) else apart == 0
    (xm, xd), (ym, yd) = _month_day(x), _month_day(y)
    if xm is None or ym is None:
        n = min(len(x.value), len(y.value), 4)
        return x.value[:n] == y.value[:n] if not (x.guessed or y.guessed) else True
    return xm == ym and (xd is None or yd is None or xd == yd)


def _ordinal(iso: str) -> int:
    return dt.date.fromisoformat(iso[:10]).toordinal()


def _month_day(d: DateMention) -> tuple[int | None, int | None]:
    """The month and day a mention names, as written or from its ISO value."""
    month = d.month or (int(d.value[5:7]) if len(d.value) >= 7 else None)
    day = d.day or (int(d.value[8:10]) if len(d.value) >= 10 else None)
    return month, day


def _undated_relative_same(a: str, b: str) -> bool | None:
    """Two relative mentions with no article date to resolve them, compared by their words.

    Day words one day apart are not a difference: undated articles may be written a day apart,
    and wire copy's "today" is the next morning's paper's "yesterday" (METER's PA copy against
    the papers written from it). Two days or more apart, or other words, are.
    """
    if a == b:
        return True
    if a in DAY_SHIFT and b in DAY_SHIFT:
        return None if abs(DAY_SHIFT[a] - DAY_SHIFT[b]) <= 1 else False
    return False


def _in_span(week: DateMention, other: DateMention) -> bool | None:
    """Does `other` fall in the week `week.span`? Compared on the common precision."""
    assert week.span is not None
    first, last = week.span
    if other.span:
        return other.span == week.span
    if not other.value:
        return None
    n = min(len(other.value), 10)
    return first[:n] <= other.value[:n] <= last[:n]
