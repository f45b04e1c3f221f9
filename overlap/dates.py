"""Dates a passage mentions: dates, weekdays, times (an article's own date: publication_dates).

Mentions are read with regular expressions rather than `dateparser.search.search_dates`
(installed with htmldate): on news sentences it took over a second a sentence and read the modal
verb "may" as the month of May; here a month name is a date only in a date-like frame.
Relative mentions ("back in May", "last Tuesday", "yesterday") are resolved against the
article's own date, so two articles written a month apart compare the days they meant.
The mention type, and whether two mentions can name one day, are in overlap/date_mention.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .date_mention import DAY_SHIFT, DateMention
from .date_mention import same_date as same_date  # where slots.py, tests and benchmarks import it
from .number_words import COUNT_WORDS

_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Full names, or abbreviations with a dot or before a day number; "may" only in a date frame
# (the modal verb is far more common). "Sept" is the Reuters spelling.
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WD = (
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
)
_Y = r"((?:1[5-9]|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?(?![.,]\d|\d)"
_ISO = re.compile(rf"\b{_Y}-(\d\d)-(\d\d)\b")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})/((?:19|20)?\d\d)(?![\d/])")
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_Y}\b)?", re.I)
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_Y}\b)?", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_Y}\b", re.I)
_REL_MONTH = re.compile(
    rf"\b(back in|in|last|this|next|since|until|till|by|early|late|mid|during|of|from|before"
    rf"|after)[\s-]+{_MONTH}(?![\s.]+\d)",
    re.I,
)
_WEEKDAY = re.compile(rf"\b(?:(last|this|next|on|since|until|by|early|late)\s+)?{_WD}\b\.?", re.I)
_RELATIVE_DAY = re.compile(
    r"\b(the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)\b",
    re.I,
)
_RELATIVE_SPAN = re.compile(r"\b(last|this|next)\s+(weekend|week|month|year)\b", re.I)
_AGO = re.compile(
    rf"\b({'|'.join(COUNT_WORDS)}|\d+)\s+(day|week|month|year)s?\s+ago\b",
    re.I,
)
_YEAR = re.compile(rf"(?<![\d,.$£€#-]){_Y}(?:/\d\d)?(?!\d|,\d|\.\d|-[a-z])")
_DECADE = re.compile(r"(?<![\d,.])((?:19|20)\d0)s\b")
_CLOCK = re.compile(
    r"(?<![\d.:,])(\d{1,2})(?:[:.](\d\d))?\s*(a\.m\.|p\.m\.|am\b|pm\b)"
    r"|(?<![\d.:,])(\d{1,2}):(\d\d)(?![\d:])(?:\s*(?:GMT|BST|EST|EDT|CET|UTC|local time))?"
    r"|(?<![\d.,])([01]\d|2[0-3])([0-5]\d)\s*(?:GMT|BST|EST|EDT|CET|UTC|hours|hrs|local)\b",
    re.I,
)


def _month(name: str) -> int:
    return _MONTH_NAMES.index(name[:3].lower()) + 1


def _weekday(name: str) -> int:
    return [w[:3] for w in _WEEKDAYS].index(name[:3].lower())


def _base(article_date: str | None) -> dt.date | None:
    if article_date and re.fullmatch(r"\d{4}-\d\d-\d\d", article_date[:10]):
        try:
            return dt.date.fromisoformat(article_date[:10])
        except ValueError:
            return None
    return None


@dataclass
class _Reading:
    """One pass over a text: the mentions found so far and the article date to resolve with."""

    text: str
    offset: int
    article_date: str | None
    found: list[DateMention] = field(default_factory=list)

    def __post_init__(self) -> None:
        d = self.article_date
        self.base = _base(d)
        self.base_year = int(d[:4]) if d and d[:4].isdigit() else None
        self.base_month = int(d[5:7]) if d and re.match(r"\d{4}-\d\d", d) else None

    def add(
        self,
        m: re.Match[str],
        value: str,
        kind: str,
        weekday: int | None = None,
        time: str | None = None,
        group: int = 0,
        month: int | None = None,
        day: int | None = None,
        span: tuple[str, str] | None = None,
        era: str | None = None,
        guessed: bool = False,
    ) -> None:
        """Keep a mention unless an earlier reader already took its words."""
        s, e, offset = m.start(group), m.end(group), self.offset
        if any(s < d.end - offset and e > d.start - offset for d in self.found):
            return
        if weekday is None and len(value) == 10:
            try:
                weekday = dt.date.fromisoformat(value).weekday()
            except ValueError:
                return  # "February 30": not a date
        mention = DateMention(
            value,
            s + offset,
            e + offset,
            self.text[s:e],
            kind,
            weekday,
            time,
            month,
            day,
            span,
            era,
            guessed,
        )
        self.found.append(mention)

    def year_for(self, month: int, word: str = "") -> int | None:
        """A month without a year is the latest such month up to the article's date ("back in
        May" written in June); "last May" is before the article's month, "next May" after."""
        if self.base_year is None:
            return None
        base_year, word, now = self.base_year, word.lower(), self.base_month or 12
        if word == "next":
            return base_year if month > now else base_year + 1
        if word == "this":
            return base_year
        if word == "last":
            return base_year if month < now else base_year - 1
        return base_year if month <= now else base_year - 1


def find_dates(text: str, offset: int = 0, article_date: str | None = None) -> list[DateMention]:
    """Dates, weekdays and times in `text`; relative ones resolved with the article's date.

    >>> [d.value for d in find_dates("met back in May, and on May 2, 2013", 0, "2013-07-05")]
    ['2013-05', '2013-05-02']
    >>> [(d.value, d.weekday) for d in find_dates("said last Tuesday", 0, "2013-06-01")]
    [('2013-05-28', 1)]
    """
    r = _Reading(text, offset, article_date)
    # In this order: a reader keeps only words that no reader before it took.
    for read in (
        _full_dates,
        _months,
        _relative_days,
        _weekdays,
        _relative_spans,
        _vague_times,
        _clock_times,
        _years,
    ):
        read(r)
    return sorted(r.found, key=lambda d: d.start)


def _full_dates(r: _Reading) -> None:
    """ISO dates, US numeric dates and written dates ("May 2, 2013", "2 May")."""
    for m in _ISO.finditer(r.text):
        r.add(m, f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "date")
    for m in _NUMERIC.finditer(r.text):
        mo, d, y = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(y) if len(y) == 4 else 1900 + int(y) if int(y) > 30 else 2000 + int(y)
        if 1 <= mo <= 12 and 1 <= d <= 31:  # month first: the US wire convention
            r.add(m, f"{year}-{mo:02d}-{d:02d}", "date")
    for rx, mg, dg in ((_MDY, 1, 2), (_DMY, 2, 1)):
        for m in rx.finditer(r.text):
            month, day = _month(m.group(mg)), int(m.group(dg))
            if not 1 <= day <= 31 or not m.group(mg)[0].isupper():
                continue  # "may 5" in lower case is the verb before a number
            named = int(m.group(3)) if m.group(3) else r.year_for(month)
            value = f"{named}-{month:02d}-{day:02d}" if named else ""
            r.add(m, value, "date", month=month, day=day, guessed=bool(value and not m.group(3)))


def _months(r: _Reading) -> None:
    """ "May 2013", and months named without a year ("back in May", "last March")."""
    for m in _MONTH_YEAR.finditer(r.text):
        if m.group(1).lower() == "may" and not m.group(0)[0].isupper():
            continue
        month = _month(m.group(1))
        r.add(m, f"{m.group(2)}-{month:02d}", "month", month=month)
    for m in _REL_MONTH.finditer(r.text):
        name = m.group(2)
        if name.lower() == "may" and not name[0].isupper():
            continue  # "in may" is a modal verb after a preposition-like word, rarely a month
        if not name[0].isupper():
            continue
        month = _month(name)
        year = r.year_for(month, m.group(1))
        span_group = 0 if m.group(1).lower() in ("back in", "last", "this", "next") else 2
        value = f"{year}-{month:02d}" if year else ""
        # "last March" and "back in May" say which side of the article's date; "in May" not
        guessed = bool(value) and m.group(1).lower() not in ("back in", "last", "this", "next")
        r.add(m, value, "month", group=span_group, month=month, guessed=guessed)


_LAST_NIGHT = re.compile(r"\blast night\b", re.I)


def _relative_days(r: _Reading) -> None:
    for m in _LAST_NIGHT.finditer(r.text):
        # The evening before the article's date, or of that date itself (a paper written
        # overnight): either day agrees; a kind of its own, so two undated mentions are not
        # compared by their words ("last night" and "yesterday" may be one evening).
        span = None
        if r.base:
            span = ((r.base - dt.timedelta(days=1)).isoformat(), r.base.isoformat())
        r.add(m, "", "night", span=span)
    for m in _RELATIVE_DAY.finditer(r.text):
        shift = DAY_SHIFT[m.group(1).lower()]
        day = r.base + dt.timedelta(days=shift) if r.base else None
        r.add(m, day.isoformat() if day else "", "relative", day.weekday() if day else None)


def _weekdays(r: _Reading) -> None:
    for m in _WEEKDAY.finditer(r.text):
        name = m.group(2)
        if not name[0].isupper() or (
            len(name) <= 4
            and name.lower() in ("sun", "sat", "wed")
            and not m.group(0).endswith(".")
        ):
            continue  # "the sun", "sat down": abbreviations only with a dot
        wd = _weekday(name)
        word = (m.group(1) or "").lower()
        value = ""
        if r.base:
            base = r.base
            back = (base.weekday() - wd) % 7
            if word == "next":
                day = base + dt.timedelta(days=(wd - base.weekday()) % 7 or 7)
            elif word == "last":
                day = base - dt.timedelta(days=back or 7)
            else:
                # News reports the past: a bare weekday is the latest one up to the article date.
                day = base - dt.timedelta(days=back)
            value = day.isoformat()
        r.add(
            m,
            value,
            "weekday",
            wd,
            group=0 if word in ("last", "next", "this") else 2,
            guessed=bool(value) and word not in ("last", "next", "this"),
        )


def _relative_spans(r: _Reading) -> None:
    """ "last year", "next month", "this week"; and "three weeks ago"."""
    base, base_year = r.base, r.base_year
    for m in _RELATIVE_SPAN.finditer(r.text):
        shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
        unit = m.group(2).lower()
        value, span = "", None
        if unit == "year" and base_year:
            value = f"{base_year + shift}"
        elif unit == "month" and base:
            y, mo = divmod(base.year * 12 + base.month - 1 + shift, 12)
            value = f"{y}-{mo + 1:02d}"
        elif unit == "week" and base:
            # A week has no ISO prefix: it is the Monday-to-Sunday week, shifted from the
            # article's own, so "last week" and "yesterday" can be told apart.
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=shift)
            span = (monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
        elif unit == "weekend" and base:
            # Saturday and Sunday of that week; written on a weekend day, "last weekend" may
            # also be the one just ending, so the span runs on to the article's date.
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=shift)
            end = monday + dt.timedelta(days=6)
            if shift < 0 and base.weekday() >= 5:
                end = base
            span = ((monday + dt.timedelta(days=5)).isoformat(), end.isoformat())
        r.add(m, value, "relative", span=span)
    for m in _AGO.finditer(r.text):
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else COUNT_WORDS[word]
        unit = m.group(2).lower()
        value = ""
        if base and unit in ("day", "week"):
            value = (base - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        elif base and unit == "year":
            value = f"{base.year - n}"
        r.add(m, value if unit != "week" else "", "relative")


# Times named without a count: "recently" is not "years ago", but neither says which day, so
# they compare only with each other (an era each), never with a date.
_VAGUE = re.compile(
    r"\b(?P<recent>recently|lately|in recent (?:days|weeks))\b"
    r"|\b(?P<past>(?:many )?(?:years|decades) ago|long ago)\b",
    re.I,
)


def _vague_times(r: _Reading) -> None:
    for m in _VAGUE.finditer(r.text):
        r.add(m, "", "vague", era="recent" if m.group("recent") else "past")


def _clock_times(r: _Reading) -> None:
    for m in _CLOCK.finditer(r.text):
        if m.group(3):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if hour > 12:
                continue
            hour = hour % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        elif m.group(4):
            hour, minute = int(m.group(4)), int(m.group(5))
        else:
            hour, minute = int(m.group(6)), int(m.group(7))
        if hour > 23 or minute > 59:
            continue
        r.add(m, "", "time", time=f"{hour:02d}:{minute:02d}")


def _years(r: _Reading) -> None:
    """Decades ("the 1990s") and years, unless the number counts something ("2000 people")."""
    for m in _DECADE.finditer(r.text):
        r.add(m, m.group(1)[:3], "year")
    for m in _YEAR.finditer(r.text):
        if _counts_something(r.text, m.end()):
            continue
        r.add(m, m.group(1), "year")


_COUNTED = re.compile(
    r"[-\s]+(?:[a-z]+\s+)?(people|persons|men|women|children|soldiers|troops|workers|jobs|"
    r"deaths|miles|km|kilometres|kilometers|metres|meters|feet|tonnes|tons|dlrs|dollars|shares|"
    r"votes|cases|units|cars|homes|houses|acres|barrels|members|employees|students|staff|"
    r"pounds|euros|yen|points|calories|words|pages|times)\b"
)


def _counts_something(text: str, end: int) -> bool:
    """'2000 people': a four-digit number before a counted noun is a count, not a year."""
    return _COUNTED.match(text, end) is not None
