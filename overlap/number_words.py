"""Numbers written in words: "two dozen", "half a million", "one hundred and twenty".

The one home of number words: the quantity reader parses them (quantities.py) and the date
reader counts with them ("three weeks ago", dates.py).
"""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Multipliers written as words, with the wire abbreviations (Reuters "5 mln", "2 bln"; "£2bn").
SCALE_WORDS = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12.0, "mln": 1e6, "bln": 1e9, "mn": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Suffixes glued to a number: "5k", "$1M", "£2.5bn". A bare "m" means million only with money
# ("£5m"); "a 100m sprint" is metres.
GLUED_SCALE = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
# The scale words spelt out, as a regex alternation ("a million", "1.2 million").
SCALE_RX = "hundred|thousand|million|billion|trillion|dozen"
# Any single number word, longest first so "seventeen" is not read as "seven".
NUMBER_WORD_RX = "|".join(sorted([*NUMBER_WORDS, *SCALE_RX.split("|")], key=len, reverse=True))
# Ordinal numbers written as words ("the world's fourth-largest", "a second term"): a rank swapped
# for another in an aligned slot is a changed number (slots.py).
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip
_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
# Small counts before a unit of time ("a week ago", "three years ago"): dates.py.
COUNT_WORDS = {"a": 1, "an": 1, **{w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 10}}


def parse_number_words(words: str) -> float | None:
    """The value of number words; None if a word is not one.

    >>> [parse_number_words(w) for w in ("two dozen", "a million", "one hundred and twenty",
    ...                                  "twenty-five", "half a million", "many")]
    [24.0, 1000000.0, 120.0, 25.0, 500000.0, None]
    """
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    total, current, seen = 0.0, 0.0, False
    for w in parts:
        if w in ("a", "an"):
            current = current or 1.0  # "a million"; "half a million" keeps the half
            continue
        if w == "half":
            current = 0.5
            continue
        if w in NUMBER_WORDS:
            current += NUMBER_WORDS[w]
            seen = True
        elif w in SCALE_WORDS:
            scale = SCALE_WORDS[w]
            current = (current or 1.0) * scale
            seen = True
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current if seen else None


# A fraction spoken after a whole number ("two and a half", "eleven and three-quarters") or alone
# before a percent unit ("a half percentage point", "half a percentage point").
AND_FRACTION = re.compile(r"[\s-]+and[\s-]+(a[\s-]half|a[\s-]quarter|three[\s-]quarters)\b", re.I)
LONE_FRACTION = re.compile(
    r"\b(?:a[\s-]half|half[\s-]an?|a[\s-]quarter(?:[\s-]of[\s-]an?)?|three[\s-]quarters(?:[\s-]of[\s-]an?)?)"
    r"(?=\s+(?:percentage\s+points?|per[\s-]?cent|percent|pct)\b)",
    re.I,
)
_FRACTION_VALUES = {"half": 0.5, "quarter": 0.25, "quarters": 0.75}


def fraction_value(words: str) -> float:
    """The value of a spoken fraction ("a half", "three-quarters", "a quarter of a")."""
    word = (
        "quarters"
        if "quarters" in words.lower()
        else next(w for w in ("half", "quarter") if w in words.lower())
    )
    return _FRACTION_VALUES[word]


def ordinal_value(word: str) -> int | None:
    """The rank an ordinal word or figure gives ("fourth" 4, "22nd" 22); None if not one.

    >>> [ordinal_value(w) for w in ("Fourth", "22nd", "second", "seconds", "4")]
    [4, 22, 2, None, None]
    """
    w = word.lower()
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    m = _DIGIT_ORDINAL.fullmatch(w)
    return int(m.group(1)) if m else None
