"""What a number counts: a percent, a currency or the counted noun after it, and its lemma.

The unit is the counted noun as written ("countries"); comparisons use its lemma ("country"),
which is never shown to a reader. Currencies come as symbols ("$", "£", PA's "#"), words
("dollars", "sterling") and wire abbreviations ("dlrs", "stg", "cts").
"""

from __future__ import annotations

import re

from .lexicon import FUNCTION_WORDS, PRONOUNS, word_set

# "#" is the pound sign in PA wire copy (METER: "#500 bonds"), the teletype had no "£".
CURRENCY_SYMBOLS = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "#": "pound"}
# Ordered: quantities.py builds a regex alternation from the keys.
CURRENCY_WORDS = {
    "dollar": "dollar", "dollars": "dollar", "dlr": "dollar", "dlrs": "dollar", "usd": "dollar",
    "pound": "pound", "pounds": "pound", "stg": "pound", "sterling": "pound", "gbp": "pound",
    "euro": "euro", "euros": "euro", "eur": "euro", "yen": "yen", "yuan": "yuan",
    "franc": "franc", "francs": "franc", "mark": "mark", "marks": "mark", "peso": "peso",
    "pesos": "peso", "rupee": "rupee", "rupees": "rupee", "cent": "cent", "cents": "cent",
    "cts": "cent", "ct": "cent", "pence": "penny", "p": "penny", "guilders": "guilder",
    "lire": "lira", "lira": "lira", "riyals": "riyal", "rand": "rand", "crowns": "crown",
}  # fmt: skip
# Words that never name what is counted: a number followed by one of these has no unit.
NOT_UNITS = (
    FUNCTION_WORDS
    | PRONOUNS
    | word_set(
        "nor into onto over under about than which who whom whose what when where while if then "
        "so being do does did will would can could may might shall should must say told also "
        "not no yes up down out off per via vs versus against after before between during "
        "since until till through among across toward towards one ones each every all some any "
        "more most less least another such only just even still again ago here there now later "
        "earlier last next first second third new own same very too how why whether because "
        "though although yet either neither both nil"
    )
)
# Adjectives a counted noun may follow ("5 former officials"), besides those the suffixes
# below recognise ("3 federal judges").
_ADJECTIVES = word_set(
    "former current other new old senior junior major minor top key young elder extra further "
    "full last past previous recent early late long short small large big high low"
)
_ADJECTIVE_ENDINGS = (
    "ed", "al", "ic", "ive", "ous", "ful", "ary", "ent", "ant", "ern", "ese", "ish", "ian",
)  # fmt: skip
_IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife",
    "knives": "knife", "halves": "half", "dlrs": "dollar", "dlr": "dollar", "pct": "percent",
    "cts": "cent", "km": "km", "kms": "km", "yrs": "year", "mths": "month", "mins": "minute",
    "hrs": "hour", "kg": "kg", "kgs": "kg", "lbs": "lb", "data": "data", "series": "series",
    "species": "species", "news": "news", "tonnes": "tonne", "metres": "metre",
    "pence": "penny", "in": "inch", "ft": "foot", "indices": "index", "analyses": "analysis",
    "crises": "crisis",
}  # fmt: skip
_TOKEN_AFTER = re.compile(r"[\s-]*(?:\(\s*)?([A-Za-z][A-Za-z'’.]*|%)")
# "5 pct", "5%", "a 50-pct owned unit", "a 10-per-cent rise": a hyphen joins the unit too
_PERCENT = re.compile(r"(?:\s*|-)(%|per[\s-]?cent|percent|pct)(?:age)?(\s+points?)?", re.I)
_PERCENTAGE_POINTS = re.compile(r"\s+percentage\s+points?\b", re.I)

# (unit lemma, unit as written, kind, end of the unit): what `read_unit` hands back.
UnitReading = tuple[str | None, str | None, str, int]


def lemma(word: str) -> str:
    """The singular, lower-case form used to compare units ("countries" -> "country"). Only for
    comparison: a reader always sees the word as written.

    >>> [lemma(w) for w in ("countries", "miles", "dlrs", "people", "boxes", "status")]
    ['country', 'mile', 'dollar', 'person', 'box', 'status']
    """
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith(("ss", "us", "is", "ics")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def measure_lemma(written: str) -> str:
    """The lemma of a unit glued to a number ("50kg", "4ft", "2lbs"): abbreviations as written."""
    return _IRREGULAR.get(written.lower(), written.lower())


def word_after(text: str, end: int) -> tuple[str | None, int, int]:
    """The word after a number that could name what is counted, with its span; None if there
    is no word (a digit, punctuation or the end follows)."""
    m = _TOKEN_AFTER.match(text, end)
    if not m:
        return None, end, end
    word = m.group(1).rstrip(".")
    return word, m.start(1), m.start(1) + len(word)


def unit_like(text: str, end: int) -> bool:
    """Is the next word a lower-case noun that a number could count ("one man", not "one of")?"""
    word, _, _ = word_after(text, end)
    return bool(word) and word is not None and word.islower() and word not in NOT_UNITS


def read_unit(text: str, end: int, cur: str | None) -> UnitReading:
    """(unit lemma, unit as written, kind, end of the unit) for the number ending at `end`;
    `cur` is the currency of a sign before the number, if any.

    >>> read_unit("5 mln dlrs", 5, None), read_unit("3 pct", 1, None)
    (('dollar', 'dlrs', 'money', 10), ('percent', 'pct', 'percent', 5))
    """
    rest = text[end : end + 40]
    pm = _PERCENT.match(rest)
    if pm:
        written = pm.group(0).strip()
        unit = "percentage point" if pm.group(2) else "percent"
        return unit, written, "percent", end + pm.end()
    pm = _PERCENTAGE_POINTS.match(rest)
    if pm:
        return "percentage point", pm.group(0).strip(), "percent", end + pm.end()
    if cur:
        return cur, None, "money", end
    # "5 mln dlrs", "12 cts", "300 pounds", "5 billion euros": the currency word is the unit
    word, ws, we = word_after(text, end)
    if word is None:
        return None, None, "count", end
    if word.lower() in CURRENCY_WORDS and (word.islower() or word.isupper()):
        if word.lower() in ("p", "mark", "marks") and not re.match(r"\d", text[end - 1 : end]):
            return None, None, "count", end
        if word.lower() == "p" and text[end:ws] != "":
            return None, None, "count", end
        return CURRENCY_WORDS[word.lower()], word, "money", we
    if text[end : end + 1] == "-" and word.islower() and word not in NOT_UNITS:
        return lemma(word), word, "count", we  # "1,954-mile border" measures miles
    return _counted_noun(text, end)


def _counted_noun(text: str, end: int) -> UnitReading:
    """The counted noun: the next lower-case word, past up to two adjectives joined by "and"."""
    pos, candidates = end, list[tuple[str, int]]()
    for _ in range(4):
        w, _s, e2 = word_after(text, pos)
        if w is None or not w.islower() or w in NOT_UNITS or not w.isalpha():
            if w in ("and", "or") and candidates:
                pos = e2
                continue
            break
        candidates.append((w, e2))
        adjective = w in _ADJECTIVES or w.endswith(_ADJECTIVE_ENDINGS)
        if not adjective or re.match(r"\s*[,.;:)]", text[e2:]):
            break
        pos = e2
    if not candidates:
        return None, None, "count", end
    w, e2 = candidates[-1]
    return lemma(w), w, "count", e2
