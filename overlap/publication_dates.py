"""Publication dates: an article's own date from metadata to ISO 8601, and which of two is first.

Kept apart from `dates.py` (dates a passage mentions): these read one metadata value in a known
format, while mentions are found in running text.
"""

from __future__ import annotations

import datetime as dt
import re

_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",  # Reuters-21578 <DATE>: " 3-MAR-1987 00:43:42.82"
    "%m/%d/%Y",
    "%Y-%m",
    "%Y",
)


def normalise_date(value: object) -> str | None:
    """ISO date (or a YYYY / YYYY-MM prefix) from a date, datetime or string; None if unclear.

    >>> normalise_date("May 2, 2013"), normalise_date("2013-07"), normalise_date("soon")
    ('2013-05-02', '2013-07', None)
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    # A clock time after the date ("3-MAR-1987 00:43:42.82") says nothing about the day.
    text = re.sub(r"\s+\d\d?:\d\d(:\d\d(\.\d+)?)?\S*$", "", text)
    for fmt in _FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y":
            return f"{parsed.year:04d}"
        if fmt == "%Y-%m":
            return f"{parsed.year:04d}-{parsed.month:02d}"
        return parsed.date().isoformat()
    return None


def earlier(a: str | None, b: str | None) -> int:
    """-1 if date a is surely before b, 1 if surely after, 0 if unknown or the same day.

    Dates of different precision compare on their common prefix ("2013" vs "2013-05-02" is 0).
    """
    if not a or not b or not re.match(r"\d{4}", a) or not re.match(r"\d{4}", b):
        return 0
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return 0
    return -1 if a[:n] < b[:n] else 1
