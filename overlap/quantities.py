"""Numbers and dates mentioned in a passage, with their spans, units and qualifiers.

"nine points", "1,954-mile border", "over 60,000 deaths", "as many as 25,000", "$2.5 billion",
"four dozen officials"; "May 2, 2013", "3 JUL 2013", "2013-05-02", "back in May" (resolved with
the article's own date), "last year".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textnorm import Token, tokenize

_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12,
}
# Qualifiers read from the words just before the number. Their meaning for comparison:
# approx: within 10 %; lower: the true value is above; upper: the true value is at most.
_QUALIFIERS = [
    (
        "approx",
        (
            "about",
            "around",
            "roughly",
            "nearly",
            "almost",
            "approximately",
            "some",
            "close to",
            "an estimated",
            "estimated",
        ),
    ),
    ("lower", ("more than", "over", "at least", "upwards of", "above")),
    ("upper", ("as many as", "up to", "fewer than", "less than", "under", "at most", "below")),
]
# Units of measure name what is counted even when a noun follows ("2,000 mile border").
_MEASURES = {
    "mile",
    "kilometer",
    "km",
    "meter",
    "metre",
    "foot",
    "feet",
    "inch",
    "percent",
    "dollar",
    "peso",
    "euro",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "ton",
    "tonne",
    "pound",
    "kilogram",
    "kg",
    "gallon",
    "liter",
    "litre",
    "acre",
}
_ADJECTIVE_ENDINGS = ("ed", "al", "ic", "ive", "ous", "ful", "ary", "ing", "ent", "ant")
_STOP_UNITS = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "that",
    "this",
    "was",
    "were",
    "is",
    "are",
    "be",
    "has",
    "have",
    "had",
    "said",
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str | None  # the counted noun, singular and folded ("mile", "death", "percent")
    qualifier: str | None  # approx | lower | upper | None
    start: int
    end: int
    text: str

    def consistent_with(self, other: Quantity) -> bool:
        """Could both mentions describe the same amount?"""
        a, b = self, other
        if a.value == b.value:
            return True
        for x, y in ((a, b), (b, a)):
            if x.qualifier == "approx" and abs(x.value - y.value) <= 0.1 * max(x.value, y.value):
                return True
            if x.qualifier == "lower" and y.value > x.value:
                return True
            if x.qualifier == "upper" and y.value <= x.value:
                return True
        return False


@dataclass(frozen=True)
class DateMention:
    value: str  # ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD
    start: int
    end: int
    text: str


def _number(tok: Token) -> float | None:
    raw = tok.raw.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return float(raw)
    return float(_UNITS_WORDS[tok.norm]) if tok.norm in _UNITS_WORDS else None


def _is_year(tok: Token, nxt: Token | None) -> bool:
    return re.fullmatch(r"(1[89]|20)\d\d", tok.raw) is not None and (
        nxt is None or nxt.norm not in {"mile", "miles", "people", "deaths", "km"}
    )


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Quantities in `text`; offsets shifted by `offset`. Years are dates, not quantities.

    >>> found = find_quantities("over 60,000 deaths and nine points")
    >>> [(q.value, q.unit, q.qualifier) for q in found]
    [(60000.0, 'death', 'lower'), (9.0, 'point', None)]
    """
    toks = tokenize(text, offset)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        value = _number(toks[i])
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            value is None
            or _is_year(toks[i], nxt)
            or _ordinal_or_part_of_name(text, toks[i], offset)
        ):
            i += 1
            continue
        first = i
        # "four dozen", "2.5 billion", "twenty five": multiply scales, add small words
        while i + 1 < len(toks) and (
            toks[i + 1].norm in _SCALES
            or (
                toks[i + 1].norm in _UNITS_WORDS
                and _UNITS_WORDS[toks[i + 1].norm] < 10
                and value >= 20
                and value % 10 == 0
            )
        ):
            nxt_word = toks[i + 1].norm
            value = (
                value * _SCALES[nxt_word] if nxt_word in _SCALES else value + _UNITS_WORDS[nxt_word]
            )
            i += 1
        if toks[first].norm in _UNITS_WORDS and value == 1 and first == i:
            i += 1  # "one" alone is usually a pronoun ("one of the"), not a count
            continue
        # The counted noun is the first word after the number, past adjectives: "25,000 forced
        # disappearances" counts disappearances, "two leaders discussed drones" counts leaders.
        unit = None
        j = i + 1
        while (
            j < len(toks)
            and j <= i + 3
            and toks[j].norm not in _STOP_UNITS
            and _number(toks[j]) is None
            and toks[j].raw.islower()
        ):
            unit = _singular(toks[j].norm)
            adjective = toks[j].norm.endswith(_ADJECTIVE_ENDINGS) and unit not in _MEASURES
            if not adjective or text[toks[j].end - offset : toks[j].end - offset + 1] in ",.;:)":
                break
            j += 1
        if text[toks[i].end - offset : toks[i].end - offset + 1] == "-" and i + 1 < len(toks):
            unit = _singular(toks[i + 1].norm)  # "1,954-mile border" measures miles
        if "%" in text[toks[i].end - offset : toks[i].end - offset + 2]:
            unit = "percent"
        elif text[max(0, toks[first].start - offset - 1) : toks[first].start - offset] == "$":
            unit = "dollar"
        out.append(
            Quantity(
                value,
                unit,
                _qualifier(text, toks[first].start - offset),
                toks[first].start,
                toks[i].end,
                text[toks[first].start - offset : toks[i].end - offset],
            )
        )
        i += 1
    return out


def _ordinal_or_part_of_name(text: str, tok: Token, offset: int) -> bool:
    # "9/11", "Article 5": numbers glued to slashes or right after a capitalised noun are labels.
    before = text[max(0, tok.start - offset - 1) : tok.start - offset]
    after = text[tok.end - offset : tok.end - offset + 1]
    return before == "/" or after == "/"


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _qualifier(text: str, start: int) -> str | None:
    before = " ".join(text[max(0, start - 24) : start].lower().split())
    for name, phrases in _QUALIFIERS:
        if any(before.endswith(p) for p in phrases):
            return name
    return None


_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I)
_FULL_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH_RE}\s+((?:19|20)\d\d)\b", re.I)
_RELATIVE_MONTH = re.compile(
    rf"\b(back in|in|last|this|since|until|by|early|late)\s+"
    rf"{_MONTH_RE}(?!\s+\d)",
    re.I,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b(?![-,]?\s*(mile|km|people|deaths))")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next) year\b", re.I)


def find_dates(text: str, offset: int = 0, article_date: str | None = None) -> list[DateMention]:
    """Dates in `text` as ISO prefixes; relative ones need the article's date to resolve.

    >>> [d.value for d in find_dates("met back in May, and on May 2, 2013", 0, "2013-07-05")]
    ['2013-05', '2013-05-02']
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(value: str, m: re.Match[str]) -> None:
        if any(m.start() < e and m.end() > s for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(DateMention(value, m.start() + offset, m.end() + offset, m.group()))

    for m in _ISO.finditer(text):
        add(f"{m.group(1)}-{m.group(2)}-{m.group(3)}", m)
    for m in _FULL_MDY.finditer(text):
        add(f"{m.group(3)}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}", m)
    for m in _FULL_DMY.finditer(text):
        add(f"{m.group(3)}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}", m)
    for m in _MONTH_YEAR.finditer(text):
        add(f"{m.group(2)}-{_month(m.group(1)):02d}", m)
    base_year = int(article_date[:4]) if article_date and article_date[:4].isdigit() else None
    base_month = int(article_date[5:7]) if article_date and len(article_date) >= 7 else None
    if base_year:
        for m in _RELATIVE_MONTH.finditer(text):
            month = _month(m.group(2))
            year = base_year
            if m.group(1).lower() == "last" or (
                base_month and month > base_month and m.group(1).lower() != "this"
            ):
                year -= 1
            add(f"{year}-{month:02d}", m)
        for m in _RELATIVE_YEAR.finditer(text):
            shift = {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
            add(f"{base_year + shift}", m)
    for m in _YEAR.finditer(text):
        add(m.group(1), m)
    return sorted(found, key=lambda d: d.start)


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]
