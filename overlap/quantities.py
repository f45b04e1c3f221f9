"""Numbers a passage mentions, with their units, qualifiers and spans.

"nine points", "1,954-mile border", "over 60,000 deaths", "as many as 25,000", "$2.5 billion",
"$1M", "£2.5bn", "5k", "two dozen", "10-12", "between 10 and 12", "5 per cent", Reuters'
"5.5 mln dlrs" and "3 pct", and tokenised text ("13, 000" is 13000, "19. 8" is 19.8).
Years, dates and clock times are not quantities (dates.py reads them); nor are labels such as
"9/11", "G7", "Boeing 747" or "Article 5".

The unit is the counted noun as written ("countries"); comparisons use its lemma ("country"),
which is never shown to a reader. A hand-written reader: `word2number` and `number-parser` read
only words, `quantulum3` guesses units from a physics dictionary ("5 Reuters" as rupees) and
none reads wire abbreviations (mln, dlrs, pct).
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

from .dates import DateMention, find_dates

__all__ = ["DateMention", "Quantity", "find_dates", "find_labels", "find_quantities", "lemma"]

_SMALL = {
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
}
_SCALE_WORDS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
    "mln": 1e6,
    "bln": 1e9,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# Suffixes glued to a number: "5k", "$1M", "£2.5bn". A bare "m" means million only with money
# ("£5m"); "a 100m sprint" is metres.
_GLUED_SCALE = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# "#" is the pound sign in PA wire copy (METER: "#500 bonds"), the teletype had no "£".
_CURRENCY_SYMBOLS = {"$": "dollar", "£": "pound", "€": "euro", "¥": "yen", "#": "pound"}
_CURRENCY_WORDS = {
    "dollar": "dollar",
    "dollars": "dollar",
    "dlr": "dollar",
    "dlrs": "dollar",
    "usd": "dollar",
    "pound": "pound",
    "pounds": "pound",
    "stg": "pound",
    "sterling": "pound",
    "gbp": "pound",
    "euro": "euro",
    "euros": "euro",
    "eur": "euro",
    "yen": "yen",
    "yuan": "yuan",
    "franc": "franc",
    "francs": "franc",
    "mark": "mark",
    "marks": "mark",
    "peso": "peso",
    "pesos": "peso",
    "rupee": "rupee",
    "rupees": "rupee",
    "cent": "cent",
    "cents": "cent",
    "cts": "cent",
    "ct": "cent",
    "pence": "penny",
    "p": "penny",
    "guilders": "guilder",
    "lire": "lira",
    "lira": "lira",
    "riyals": "riyal",
    "rand": "rand",
    "crowns": "crown",
}
_PERCENT_WORDS = ("%", "percent", "per cent", "pct", "per-cent")
# Qualifiers before the number. approx: within 10 %; lower: the amount is at least this;
# upper: at most this.
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
            "an approximate",
            "circa",
            "just under",
            "just over",
            "about a",
            "around a",
            "nearly a",
            "some a",
        ),
    ),
    (
        "lower",
        (
            "more than",
            "over",
            "at least",
            "upwards of",
            "above",
            "in excess of",
            "no fewer than",
            "no less than",
            "exceeding",
            "a minimum of",
            "in excess of a",
        ),
    ),
    (
        "upper",
        (
            "as many as",
            "up to",
            "fewer than",
            "less than",
            "under",
            "at most",
            "below",
            "no more than",
            "a maximum of",
            "as much as",
            "as high as",
            "not more than",
        ),
    ),
]
# Words that never name what is counted: a number followed by one of these has no unit.
_NOT_UNITS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "but",
        "nor",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "than",
        "as",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "if",
        "then",
        "so",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "said",
        "says",
        "say",
        "told",
        "also",
        "not",
        "no",
        "yes",
        "up",
        "down",
        "out",
        "off",
        "per",
        "via",
        "vs",
        "versus",
        "against",
        "after",
        "before",
        "between",
        "during",
        "since",
        "until",
        "till",
        "through",
        "among",
        "across",
        "toward",
        "towards",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "him",
        "her",
        "them",
        "us",
        "me",
        "his",
        "hers",
        "their",
        "our",
        "my",
        "your",
        "one",
        "ones",
        "each",
        "every",
        "all",
        "some",
        "any",
        "more",
        "most",
        "less",
        "least",
        "another",
        "such",
        "only",
        "just",
        "even",
        "still",
        "again",
        "ago",
        "here",
        "there",
        "now",
        "later",
        "earlier",
        "last",
        "next",
        "first",
        "second",
        "third",
        "new",
        "own",
        "same",
        "very",
        "too",
        "how",
        "why",
        "whether",
        "because",
        "though",
        "although",
        "yet",
        "either",
        "neither",
        "both",
        "nil",
    ]
)
_LABEL_BEFORE = frozenset(
    [
        "no",
        "nos",
        "number",
        "article",
        "chapter",
        "section",
        "page",
        "pages",
        "room",
        "flight",
        "route",
        "level",
        "grade",
        "class",
        "type",
        "model",
        "phase",
        "stage",
        "rule",
        "resolution",
        "proposition",
        "channel",
        "apollo",
        "boeing",
        "airbus",
        "figure",
        "table",
        "item",
        "act",
        "clause",
        "paragraph",
        "vol",
        "volume",
        "issue",
        "highway",
        "interstate",
        "platform",
        "gate",
        "terminal",
        "unit",
        "ward",
        "block",
        "lot",
        "box",
        "suite",
        "floor",
        "row",
        "seat",
        "version",
        "windows",
        "xbox",
        "playstation",
        "series",
        "division",
    ]
)
_ADJECTIVES = frozenset(
    [
        "former",
        "current",
        "other",
        "new",
        "old",
        "senior",
        "junior",
        "major",
        "minor",
        "top",
        "key",
        "young",
        "elder",
        "extra",
        "further",
        "full",
        "last",
        "past",
        "previous",
        "recent",
        "early",
        "late",
        "long",
        "short",
        "small",
        "large",
        "big",
        "high",
        "low",
    ]
)
_IRREGULAR = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "dlrs": "dollar",
    "dlr": "dollar",
    "pct": "percent",
    "cts": "cent",
    "km": "km",
    "kms": "km",
    "yrs": "year",
    "mths": "month",
    "mins": "minute",
    "hrs": "hour",
    "kg": "kg",
    "kgs": "kg",
    "lbs": "lb",
    "data": "data",
    "series": "series",
    "species": "species",
    "news": "news",
    "tonnes": "tonne",
    "metres": "metre",
    "pence": "penny",
    "in": "inch",
    "ft": "foot",
    "indices": "index",
    "analyses": "analysis",
    "crises": "crisis",
}


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


@dataclass(frozen=True)
class Quantity:
    """An amount: `value` (and `high` for a range), in `unit`, with a qualifier.

    `unit` is the lemma of the counted noun or the currency ("mile", "country", "dollar",
    "percent"); `unit_text` is the unit as written ("miles", "dlrs", "%"). `kind` is money,
    percent or count. `start`/`end`/`text` cover the number with its currency sign, scale and
    qualifier words ("more than $1.5 billion"); `phrase` runs on to the unit ("2,000-mile").
    """

    value: float
    unit: str | None
    qualifier: str | None  # approx | lower | upper | None
    start: int
    end: int
    text: str
    high: float | None = None
    unit_text: str | None = None
    kind: str = "count"
    phrase: str = ""

    @property
    def low(self) -> float:
        return self.value

    def consistent_with(self, other: Quantity) -> bool:
        """Could both mentions describe the same amount? Ranges overlap; "about" allows 10 %;
        "more than"/"up to" bound one side. Units are compared elsewhere."""
        a_lo, a_hi = _bounds(self)
        b_lo, b_hi = _bounds(other)
        return a_lo <= b_hi * (1 + 1e-9) and b_lo <= a_hi * (1 + 1e-9)

    def describe(self) -> str:
        """The mention as a reader wrote it: '2,000-mile', '$1 million', 'about 60,000 deaths'."""
        return self.phrase or self.text


def _bounds(q: Quantity) -> tuple[float, float]:
    lo, hi = q.value, q.high if q.high is not None else q.value
    if q.qualifier == "approx":
        return lo * 0.9, hi * 1.1
    if q.qualifier == "lower":
        return lo, math.inf
    if q.qualifier == "upper":
        return 0.0, hi
    return lo, hi


_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,954
    r"|\d{1,3}(?:,\s\d{3}(?![\d,]))+"  # tokenised 13, 000
    r"|\d{1,3}\.\s\d{1,2}(?=\s*(?:%|per\b|pct|percent|million|billion|mln|bln))"  # tokenised 19. 8
    r"|\d+(?:\.\d+)?|\.\d+"
)
_NUMBER_WORD = "|".join(
    sorted(
        [*_SMALL, "hundred", "thousand", "million", "billion", "trillion", "dozen"],
        key=len,
        reverse=True,
    )
)
_DIGITS = re.compile(
    rf"(?P<cur>(?:US|U\.S\.|A|C|HK|NZ|S)?[$£€¥]\s?|#(?=\d))?(?<![\w./])(?P<num>{_NUM})"
    rf"(?P<glue>k|K|m|M|mn|mln|bn|b|B|bln|tn|trn)?(?P<measure>mph|kph|km|kg|cm|mm|ft|in|lb|lbs|mg|ml|kw|mw|gw|kwh|ghz|mhz|gb|mb)?(?![\w/])",
)
_SCALE_RX = "hundred|thousand|million|billion|trillion|dozen"
_WORDS = re.compile(
    rf"\b(?P<words>(?:(?:a|an|half\s+a)\s+(?=(?:{_SCALE_RX})\b))?(?:{_NUMBER_WORD})"
    rf"(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*)\b",
    re.I,
)
_BARE_FRACTION = re.compile(r"(?<![\w/.-])(\d{1,2})/(2|3|4|8|16|32|64)(?![\d/])")
_FRACTION = re.compile(r"(?:[\s-])?(\d{1,2})/(2|3|4|8|16|32|64)\b")
_TOKEN_AFTER = re.compile(r"[\s-]*(?:\(\s*)?([A-Za-z][A-Za-z'’.]*|%)")


def _parse_words(words: str) -> float | None:
    """'two dozen' 24, 'a million' 1e6, 'one hundred and twenty' 120, 'twenty-five' 25."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w != "and"]
    total, current, seen = 0.0, 0.0, False
    for k, w in enumerate(parts):
        if w in ("a", "an"):
            current = current or 1.0  # "a million"; "half a million" keeps the half
            continue
        if w == "half":
            current = 0.5
            continue
        if w in _SMALL:
            current += _SMALL[w]
            seen = True
        elif w in _SCALE_WORDS:
            scale = _SCALE_WORDS[w]
            current = (current or 1.0) * scale
            seen = True
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        del k
    return total + current if seen else None


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    """The qualifier just before `start` and where its words begin."""
    before = text[max(0, start - 30) : start]
    low = before.lower()
    for name, phrases in _QUALIFIERS:
        for p in sorted(phrases, key=len, reverse=True):
            m = re.search(rf"(?:^|\W)({re.escape(p)})\s+$", low)
            if m:
                return name, start - (len(before) - m.start(1))
    return None, start


def _after_unit(text: str, end: int) -> tuple[str | None, int, int]:
    """The word after a number that could name what is counted, with its span; None if the
    next word is a function word, capitalised (a name) or absent."""
    m = _TOKEN_AFTER.match(text, end)
    if not m:
        return None, end, end
    word = m.group(1).rstrip(".")
    return word, m.start(1), m.start(1) + len(word)


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Quantities in `text`; offsets shifted by `offset`. Years, dates and times are dates.

    >>> found = find_quantities("over 60,000 deaths and nine points")
    >>> [(q.value, q.unit, q.qualifier) for q in found]
    [(60000.0, 'death', 'lower'), (9.0, 'point', None)]
    >>> [(q.value, q.unit) for q in find_quantities("$1M, or £2.5bn")]
    [(1000000.0, 'dollar'), (2500000000.0, 'pound')]
    """
    dates = find_dates(text)
    taken = [(d.start, d.end) for d in dates]
    raw: list[tuple[int, int, float, str | None, str | None]] = []  # start, end, value, cur, glue
    for m in _BARE_FRACTION.finditer(text):
        if int(m.group(1)) < int(m.group(2)) and not any(
            m.start() < de and m.end() > ds for ds, de in taken
        ):
            # "down 1/8", "pays 5/8 pct": a fraction, as wire prices are quoted
            raw.append((m.start(), m.end(), int(m.group(1)) / int(m.group(2)), None, None))
            taken.append((m.start(), m.end()))
    pos = 0
    while (m := _DIGITS.search(text, pos)) is not None:
        s, e = m.start("num"), m.end()
        pos = e
        clash = [de for ds, de in taken if s < de and e > ds]
        if clash:
            # "March 13, 500 protesters": the date ends inside the match; read on after it
            pos = max(min(clash), s + 1)
            continue
        if _is_label(text, m.start("num"), m.end("num"), m.group("glue")):
            continue
        num = re.sub(r"[,\s]", "", m.group("num"))
        value = float(num)
        cur = _CURRENCY_SYMBOLS[m.group("cur").strip()[-1]] if m.group("cur") else None
        glue = m.group("glue")
        if (
            glue
            and glue.lower() == "m"
            and not cur
            and not re.match(rf"\s+(?:{'|'.join(_CURRENCY_WORDS)})\b", text[e:])
        ):
            # "100m" without a currency: metres ("a 100m sprint"), unless money follows.
            raw.append((m.start(), m.end("num"), value, cur, "m-unit"))
            continue
        if glue and glue.lower() == "b" and not cur:
            continue  # "5b" alone is a label (a section, a flat)
        if m.group("measure"):
            if m.group("glue"):
                continue
            # "50mph", "4ft 10in", "50kg": a unit glued to the number
            unit_word = m.group("measure")
            raw.append((s, m.end("num"), value, None, "measure:" + unit_word))
            continue
        fm = _FRACTION.match(text, e)
        if fm and not glue and int(fm.group(1)) < int(fm.group(2)):
            # "11-1/2", "1-1/8 pct": a mixed fraction, as wire prices are quoted
            value += int(fm.group(1)) / int(fm.group(2))
            e = fm.end()
        raw.append((m.start() if cur else s, e, value, cur, glue))
    for m in _WORDS.finditer(text):
        s, e = m.start(), m.end()
        if any(s < re_ and e > rs for rs, re_, *_ in raw) or any(
            s < de and e > ds for ds, de in taken
        ):
            continue
        words = m.group("words")
        cut = re.search(r"(?<!hundred)(?<!thousand)[\s-]+and\s", words, re.I)
        if cut:  # "half a million and one hundred": two numbers; "and" joins only after hundred
            words = words[: cut.start()]
            e = s + len(words)
        if words[0].isupper() and text[:s].strip() and not re.search(r"[.!?\"“]\s*$", text[:s]):
            continue  # "Formula One", "Channel Four": a name, not a count
        value = _parse_words(words)
        if value is None:
            continue
        lw = words.lower()
        if lw.split()[0] in _SCALE_WORDS and re.search(r"\d[\s-]*$", text[:s]):
            continue  # the scale of a number in digits: "1.2 million"
        if lw in ("one", "a", "an", "half a") or (
            lw in ("hundred", "thousand", "dozen")
            and not text[:s].rstrip().endswith(("$", "£"))
            and not re.match(r"\s+of\b", text[e:])
        ):
            # "one of the", "no one": a lone "one" is a pronoun far more often than a count
            if not (lw == "one" and _unit_like(text, e)):
                continue
        if re.match(r"\s*(?:-|\s)?(?:st|nd|rd|th)\b", text[e:]) or lw in ("a", "an"):
            continue
        raw.append((s, e, value, None, "words"))
    raw.sort()
    out: list[Quantity] = []
    k = 0
    while k < len(raw):
        s, e, value, cur, glue = raw[k]
        high: float | None = None
        # A scale word after the number: "1.2 million", "5 mln", "two dozen" (already in words)
        scale_m = re.match(
            r"[\s-]*(million|billion|trillion|thousand|mln|bln|bn|mn|tn|dozen|"
            r"hundred)\b",
            text[e:],
            re.I,
        )
        if glue in _GLUED_SCALE or (glue and glue.lower() in _GLUED_SCALE):
            value *= _GLUED_SCALE[glue.lower()]
        elif scale_m and glue != "words":
            value *= _SCALE_WORDS[scale_m.group(1).lower()]
            e += scale_m.end()
        # Ranges: "10-12", "10 to 12", "between 10 and 12" (not "from 10 to 12", a change)
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        if nxt is not None:
            gap = text[e : nxt[0]]
            before = text[max(0, s - 12) : s].lower()
            is_range = (
                re.fullmatch(r"\s*(-|–|to|or)\s*", gap) is not None
                and not before.rstrip().endswith("from")
                and not (gap.strip() == "-" and nxt[2] < value)  # "won 3-2" is a score
            ) or (
                re.fullmatch(r"\s+and\s+", gap) is not None and before.rstrip().endswith("between")
            )
            if is_range and nxt[2] >= value * 0.0 and nxt[4] != "m-unit":
                ns, ne, nv, ncur, nglue = nxt
                if nglue and nglue.lower() in _GLUED_SCALE:
                    nv *= _GLUED_SCALE[nglue.lower()]
                nscale = re.match(
                    r"[\s-]*(million|billion|trillion|thousand|mln|bln|bn|mn)\b", text[ne:], re.I
                )
                if nscale:
                    nv *= _SCALE_WORDS[nscale.group(1).lower()]
                    ne += nscale.end()
                if scale_m is None and nscale is not None and nv > value:
                    value *= _SCALE_WORDS[nscale.group(1).lower()]  # "1 to 2 million"
                if nv >= value:
                    high, e = nv, ne
                    cur = cur or ncur
                    k += 1
        qual, qs = _qualifier(text, s)
        if re.match(r"\s*between\s*$", text[max(0, s - 9) : s], re.I) and high is not None:
            qs = s - len(text[max(0, s - 9) : s].lstrip())
        unit, unit_text, kind, u_end = _unit(text, e, cur, glue)
        if kind == "percent":
            pass
        elif glue == "m-unit":
            unit, unit_text, kind, u_end = "metre", "m", "count", e + 1
            e += 1
        elif glue and glue.startswith("measure:"):
            unit_text = glue.split(":", 1)[1]
            unit, kind, u_end = (
                _IRREGULAR.get(unit_text.lower(), unit_text.lower()),
                "count",
                e + len(unit_text),
            )
            e = u_end
        phrase_end = max(e, u_end)
        out.append(
            Quantity(
                value,
                unit,
                qual,
                qs + offset,
                e + offset,
                text[qs:e],
                high,
                unit_text,
                kind,
                text[qs:phrase_end],
            )
        )
        k += 1
    # "from 10 to 12 pct", "3 or 4 pct": the first number shares the unit written after the second
    for n in range(len(out) - 1):
        q, r = out[n], out[n + 1]
        if (
            q.unit is None
            and r.kind in ("percent", "money")
            and re.fullmatch(r"\s*(?:to|or|and|-|–)\s*", text[q.end - offset : r.start - offset])
        ):
            out[n] = dataclasses.replace(q, unit=r.unit, unit_text=r.unit_text, kind=r.kind)
    return out


def find_labels(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of digits that name rather than count: '9/11', 'G7', 'F-16', 'Article 5', '3rd'.

    >>> find_labels("the G7 met after 9/11 under Article 5")
    [(5, 6), (17, 18), (19, 21), (36, 37)]
    """
    out = []
    mixed = [(m.start(), m.end()) for m in re.finditer(r"\d+-\d{1,2}/\d{1,2}\b", text)]
    mixed += [
        (m.start(), m.end())
        for m in _BARE_FRACTION.finditer(text)
        if int(m.group(1)) < int(m.group(2))
    ]
    for m in re.finditer(r"\d+", text):
        s, e = m.start(), m.end()
        if any(a <= s and e <= b for a, b in mixed):
            continue
        glued = re.match(r"[A-Za-z]", text[e : e + 1]) and not re.match(
            r"(?:k|m|mn|mln|bn|b|bln|tn|trn|s|pm|am|p\.m|a\.m|mph|kph|km|kg|cm|mm|ft|in|lb|lbs|mg|ml|kw|"
            r"mw|gw|kwh|ghz|mhz|gb|mb)\b",
            text[e:],
            re.I,
        )
        if (s > 0 and text[s - 1].isalpha()) or glued or _is_label(text, s, e, None):
            out.append((s + offset, e + offset))
    return out


def _unit_like(text: str, end: int) -> bool:
    word, _, _ = _after_unit(text, end)
    return bool(word) and word is not None and word.islower() and word not in _NOT_UNITS


def _is_label(text: str, s: int, e: int, glue: str | None) -> bool:
    """'9/11', 'G7', 'F-16', 'COVID-19', 'Article 5', 'Boeing 747', '3rd', 'No. 10'."""
    before, after = text[max(0, s - 1) : s], text[e : e + 3]
    if re.match(r"-[A-Z]", after):
        return True  # "3-Series"
    if (
        after[:1] == "/"
        and _FRACTION.match(text, e - len(text[s:e]) - (1 if before in "- " else 0))
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


def _unit(
    text: str, end: int, cur: str | None, glue: str | None
) -> tuple[str | None, str | None, str, int]:
    """(unit lemma, unit as written, kind, end of the unit) for the number ending at `end`."""
    rest = text[end : end + 40]
    pm = re.match(r"\s*(%|per[\s-]?cent|percent|pct)(?:age)?(\s+points?)?", rest, re.I)
    if pm:
        written = pm.group(0).strip()
        unit = "percentage point" if pm.group(2) else "percent"
        return unit, written, "percent", end + pm.end()
    pm = re.match(r"\s+percentage\s+points?\b", rest, re.I)
    if pm:
        return "percentage point", pm.group(0).strip(), "percent", end + pm.end()
    if cur:
        return cur, None, "money", end
    # "5 mln dlrs", "12 cts", "300 pounds", "5 billion euros": the currency word is the unit
    word, ws, we = _after_unit(text, end)
    if word is None:
        return None, None, "count", end
    if word.lower() in _CURRENCY_WORDS and (word.islower() or word.isupper()):
        if word.lower() in ("p", "mark", "marks") and not re.match(r"\d", text[end - 1 : end]):
            return None, None, "count", end
        if word.lower() == "p" and text[end:ws] != "":
            return None, None, "count", end
        return _CURRENCY_WORDS[word.lower()], word, "money", we
    if text[end : end + 1] == "-" and word.islower() and word not in _NOT_UNITS:
        return lemma(word), word, "count", we  # "1,954-mile border" measures miles
    # The counted noun: the next lower-case word, past up to two adjectives joined by "and".
    pos, candidates = end, []
    for _ in range(4):
        w, s2, e2 = _after_unit(text, pos)
        if w is None or not w.islower() or w in _NOT_UNITS or not w.isalpha():
            if w in ("and", "or") and candidates:
                pos = e2
                continue
            break
        candidates.append((w, e2))
        if (
            w not in _ADJECTIVES
            and not w.endswith(
                (
                    "ed",
                    "al",
                    "ic",
                    "ive",
                    "ous",
                    "ful",
                    "ary",
                    "ent",
                    "ant",
                    "ern",
                    "ese",
                    "ish",
                    "ian",
                )
            )
            or re.match(r"\s*[,.;:)]", text[e2:])
        ):
            break
        pos = e2
    if not candidates:
        return None, None, "count", end
    w, e2 = candidates[-1]
    return lemma(w), w, "count", e2
