"""Digits that name rather than count: "9/11", "G7", "F-16", "COVID-19", "Article 5", "3rd".

The quantity reader skips them (quantities.py), and `find_labels` lists them so a test can
check that every digit in a text is read exactly once: as a quantity, a date or a label.
"""

from __future__ import annotations

import re

from .lexicon import word_set

# The nouns a number after them names ("Article 5", "Boeing 747", "Flight 17", "No. 10").
_LABEL_BEFORE = word_set(
    "no nos number article chapter section page pages room flight route level grade class type "
    "model phase stage rule resolution proposition channel apollo boeing airbus figure table item "
    "act clause paragraph vol volume issue highway interstate platform gate terminal unit ward "
    "block lot box suite floor row seat version windows xbox playstation series division"
)
# Fractions as wire prices are quoted: "down 1/8", and mixed after a hyphen, "11-1/2".
BARE_FRACTION = re.compile(r"(?<![\w/.-])(\d{1,2})/(2|3|4|8|16|32|64)(?![\d/])")
FRACTION = re.compile(r"(?:[\s-])?(\d{1,2})/(2|3|4|8|16|32|64)\b")
# Letters glued after digits that still count something: a scale, a plural, a clock, a measure.
_COUNTING_SUFFIX = re.compile(
    r"(?:k|m|mn|mln|bn|b|bln|tn|trn|s|pm|am|p\.m|a\.m|mph|kph|km|kg|cm|mm|ft|in|lb|lbs|mg|ml|kw|"
    r"mw|gw|kwh|ghz|mhz|gb|mb)\b",
    re.I,
)


def find_labels(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of digits that name rather than count: '9/11', 'G7', 'F-16', 'Article 5', '3rd'.

    >>> find_labels("the G7 met after 9/11 under Article 5")
    [(5, 6), (17, 18), (19, 21), (36, 37)]
    """
    out = []
    mixed = [(m.start(), m.end()) for m in re.finditer(r"\d+-\d{1,2}/\d{1,2}\b", text)]
    mixed += [
        (m.start(), m.end())
        for m in BARE_FRACTION.finditer(text)
        if int(m.group(1)) < int(m.group(2))
    ]
    for m in re.finditer(r"\d+", text):
        s, e = m.start(), m.end()
        if any(a <= s and e <= b for a, b in mixed):
            continue
        glued = re.match(r"[A-Za-z]", text[e : e + 1]) and not _COUNTING_SUFFIX.match(text, e)
        if (s > 0 and text[s - 1].isalpha()) or glued or is_label(text, s, e, None):
            out.append((s + offset, e + offset))
    return out


def is_label(text: str, s: int, e: int, glue: str | None) -> bool:
    """Do the digits at text[s:e] name a thing ('9/11', 'G7', 'F-16', 'COVID-19', 'Article 5',
    'Boeing 747', '3rd', 'No. 10')? `glue` is a scale suffix read with them ("5k"), if any."""
    before, after = text[max(0, s - 1) : s], text[e : e + 3]
    if re.match(r"-[A-Z]", after):
        return True  # "3-Series"
    if (
        after[:1] == "/"
        and FRACTION.match(text, e - len(text[s:e]) - (1 if before in "- " else 0))
        and before in ("-", " ", "")
    ):
        return False
    if before == "/" or after[:1] == "/" or re.match(r"(st|nd|rd|th)\b", after):
        return True
    if re.search(r"[A-Za-z]-$", text[max(0, s - 3) : s]) and not re.search(
        r"(?:^|\s)(?:a|an|the|up|some|about)-$", text[max(0, s - 6) : s].lower()
    ):
        return True  # F-16, COVID-19
    prev = re.search(r"([A-Za-z][A-Za-z.]*)\.?\s+$", text[max(0, s - 20) : s])
    if prev and prev.group(1).lower().rstrip(".") in _LABEL_BEFORE and not glue:
        return "," not in text[s:e] and "." not in text[s:e]
    return False
