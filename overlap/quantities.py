"""Numbers a passage mentions, with their units, qualifiers and spans.

"nine points", "1,954-mile border", "over 60,000 deaths", "as many as 25,000", "$2.5 billion",
"$1M", "£2.5bn", "5k", "two dozen", "10-12", "between 10 and 12", "5 per cent", Reuters'
"5.5 mln dlrs" and "3 pct", and tokenised text ("13, 000" is 13000, "19. 8" is 19.8).
Years, dates and clock times are not quantities (dates.py reads them); nor are labels such as
"9/11", "G7", "Boeing 747" or "Article 5" (number_labels.py).

The reader in parts: number words (number_words.py), units and currencies (units.py), labels
(number_labels.py); this module finds the mentions and joins scales, ranges and qualifiers.
A hand-written reader: `word2number` and `number-parser` read only words, `quantulum3` guesses
units from a physics dictionary ("5 Reuters" as rupees) and none reads wire abbreviations
(mln, dlrs, pct).
"""

from __future__ import annotations

import dataclasses
import re

from .amounts import Quantity
from .dates import DateMention, find_dates
from .number_labels import BARE_FRACTION, FRACTION, find_labels, is_label
from .number_words import (
    AND_FRACTION,
    GLUED_SCALE,
    LONE_FRACTION,
    NUMBER_WORD_RX,
    SCALE_RX,
    SCALE_WORDS,
    fraction_value,
    parse_number_words,
)
from .units import CURRENCY_SYMBOLS, CURRENCY_WORDS, lemma, measure_lemma, read_unit, unit_like

# The names other modules import from here (dates and labels are read elsewhere, re-exported).
__all__ = ["DateMention", "Quantity", "find_dates", "find_labels", "find_quantities", "lemma"]

# Qualifiers before the number. approx: within 10 %; lower: the amount is at least this;
# upper: at most this.
_QUALIFIERS = [
    ("approx", (
        "about", "around", "roughly", "nearly", "almost", "approximately", "some", "close to",
        "an estimated", "estimated", "an approximate", "circa", "just under", "just over",
        "about a", "around a", "nearly a", "some a",
    )),
    ("lower", (
        "more than", "over", "at least", "upwards of", "above", "in excess of", "no fewer than",
        "no less than", "exceeding", "a minimum of", "in excess of a",
    )),
    ("upper", (
        "as many as", "up to", "fewer than", "less than", "under", "at most", "below",
        "no more than", "a maximum of", "as much as", "as high as", "not more than",
    )),
]  # fmt: skip


_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,954
    r"|\d{1,3}(?:,\s\d{3}(?![\d,]))+"  # tokenised 13, 000
    r"|\d{1,3}\.\s\d{1,2}(?=\s*(?:%|per\b|pct|percent|million|billion|mln|bln))"  # tokenised 19. 8
    r"|\d+(?:\.\d+)?|\.\d+"
)
_DIGITS = re.compile(
    rf"(?P<cur>(?:US|U\.S\.|A|C|HK|NZ|S)?[$£€¥]\s?|#(?=\d))?(?<![\w./])(?P<num>{_NUM})"
    rf"(?P<glue>k|K|m|M|mn|mln|bn|b|B|bln|tn|trn)?(?P<measure>mph|kph|km|kg|cm|mm|ft|in|lb|lbs|mg|ml|kw|mw|gw|kwh|ghz|mhz|gb|mb)?(?![\w/])",
)
_WORDS = re.compile(
    rf"\b(?P<words>(?:(?:a|an|half\s+a)\s+(?=(?:{SCALE_RX})\b))?(?:{NUMBER_WORD_RX})"
    rf"(?:[\s-]+(?:and\s+)?(?:{NUMBER_WORD_RX}))*)\b",
    re.I,
)
# "for a week", "within a month", "a year later": one span of time, as "for six weeks" is six
# ("lay undiscovered in the flat for a week" / "... for a month", METER courts, a draft). Not a
# rate ("£300 a week", "twice a month") nor a span that is no count ("a week on Monday"): only
# after a preposition of duration, or before "ago", "later", "earlier", "before", "after"; and
# not "a year and a half", which is no one year.
_A_SPAN_OF_TIME = re.compile(
    r"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bin )|(?<=\bafter )|(?<=\bnearly )|(?<=\balmost )"
    r"|(?<=\bjust )|(?<=\bonly )|(?<=\bover )|(?<=\bmore than )|(?<=\bless than ))"
    r"(?P<one>an?)\s+(?=(?:day|week|fortnight|month|year|decade|hour|minute)\b"
    r"(?!\s+(?:when|that|which|of|in which|and an?)\b))"
    r"|\b(?P<later>an?)\s+(?=(?:day|week|fortnight|month|year|decade)\s+(?:ago|later|earlier|before)\b)",
    re.I,
)
_SCALE_AFTER = re.compile(
    r"[\s-]*(million|billion|trillion|thousand|mln|bln|bn|mn|tn|dozen|hundred)\b", re.I
)
# After the second number of a range only the large scales count ("1 to 2 million").
_RANGE_SCALE_AFTER = re.compile(r"[\s-]*(million|billion|trillion|thousand|mln|bln|bn|mn)\b", re.I)
# Scales that number words never include: "five mln" is five million ("five million" is read
# whole by the number-word reader, so only these are joined after words).
_ABBREVIATED_SCALES = frozenset(["mln", "bln", "bn", "mn", "tn"])
_CURRENCY_WORD_AFTER = re.compile(rf"\s+(?:{'|'.join(CURRENCY_WORDS)})\b")

# A mention before scales, ranges and units are joined: (start, end, value, currency, glue).
# `glue` is a scale suffix ("k", "bn"), "words" for number words, "m-unit" for metres ("100m")
# or "measure:<unit>" for a unit glued to the digits ("50kg").
_Raw = tuple[int, int, float, str | None, str | None]
_Spans = list[tuple[int, int]]


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Quantities in `text`; offsets shifted by `offset`. Years, dates and times are dates.

    >>> found = find_quantities("over 60,000 deaths and nine points")
    >>> [(q.value, q.unit, q.qualifier) for q in found]
    [(60000.0, 'death', 'lower'), (9.0, 'point', None)]
    >>> [(q.value, q.unit) for q in find_quantities("$1M, or £2.5bn")]
    [(1000000.0, 'dollar'), (2500000000.0, 'pound')]
    """
    taken: _Spans = [(d.start, d.end) for d in find_dates(text)]
    raw = _fractions(text, taken)
    raw += _bid_offer(text, taken)
    raw += _digit_mentions(text, taken)
    raw += _word_mentions(text, raw, taken)
    raw.sort()
    out: list[Quantity] = []
    k = 0
    while k < len(raw):
        quantity, used = _quantity(text, raw, k, offset)
        out.append(quantity)
        k += used
    return _share_units(text, out, offset)


def _overlaps(s: int, e: int, spans: _Spans) -> bool:
    return any(s < b and e > a for a, b in spans)


def _fractions(text: str, taken: _Spans) -> list[_Raw]:
    """ "down 1/8", "pays 5/8 pct": a fraction, as wire prices are quoted; added to `taken`."""
    raw: list[_Raw] = []
    for m in BARE_FRACTION.finditer(text):
        if int(m.group(1)) < int(m.group(2)) and not _overlaps(m.start(), m.end(), taken):
            raw.append((m.start(), m.end(), int(m.group(1)) / int(m.group(2)), None, None))
            taken.append((m.start(), m.end()))
    return raw


# A wire rate quoted as bid/offer with the offer's last digits only ("3.85/95 pct" is 3.85 and
# 3.95, "13.75/14.00 pct" 13.75 and 14.00): read as two rates, the second written in full.
_BID_OFFER = re.compile(
    r"(?<![\w./])(\d{1,3}\.(\d{1,4}))/(\d{1,3}(?:\.\d{1,4})?)(?=\s*(?:%|pct\b|per\s?cent\b|percent\b))",
    re.I,
)
# A percent unit after a number ("one per cent", "seven and nine pct").
_PERCENT_NEXT = re.compile(r"(?:\s*|-)(?:%|(?:per[\s-]?cent|percent|pct|percentage)\b)", re.I)


def _bid_offer(text: str, taken: _Spans) -> list[_Raw]:
    """ "3.85/95 pct": the bid and the offer as two mentions (the offer with the bid's leading
    digits when written short); added to `taken`."""
    raw: list[_Raw] = []
    for m in _BID_OFFER.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        bid, decimals, offer = m.group(1), m.group(2), m.group(3)
        if "." in offer or len(offer) > len(decimals):
            high = float(offer)
        else:
            high = float(bid[: len(bid) - len(offer)] + offer)
        raw.append((m.start(1), m.end(1), float(bid), None, None))
        raw.append((m.start(3), m.end(3), high, None, None))
        taken.append((m.start(), m.end()))
    return raw


def _digit_mentions(text: str, taken: _Spans) -> list[_Raw]:
    raw: list[_Raw] = []
    pos = 0
    while (m := _DIGITS.search(text, pos)) is not None:
        s, e = m.start("num"), m.end()
        pos = e
        clash = [de for ds, de in taken if s < de and e > ds]
        if clash:
            # "March 13, 500 protesters": the date ends inside the match; read on after it
            pos = max(min(clash), s + 1)
            continue
        if is_label(text, m.start("num"), m.end("num"), m.group("glue")):
            continue
        mention = _digit_mention(text, m)
        if mention is not None:
            raw.append(mention)
    return raw


def _digit_mention(text: str, m: re.Match[str]) -> _Raw | None:
    """One match of `_DIGITS` as a raw mention; None for a label such as "5b"."""
    s, e = m.start("num"), m.end()
    value = float(re.sub(r"[,\s]", "", m.group("num")))
    cur = CURRENCY_SYMBOLS[m.group("cur").strip()[-1]] if m.group("cur") else None
    glue = m.group("glue")
    if glue == "m" and not cur and not _CURRENCY_WORD_AFTER.match(text[e:]):
        # "100m" without a currency: metres ("a 100m sprint"), unless money follows; a capital
        # "72M" is a million ("scores 72M playing the stock market"), as "$1M" is.
        return (m.start(), m.end("num"), value, cur, "m-unit")
    if glue and glue.lower() == "b" and not cur:
        return None  # "5b" alone is a label (a section, a flat)
    if m.group("measure"):
        if glue:
            return None
        # "50mph", "4ft 10in", "50kg": a unit glued to the number
        return (s, m.end("num"), value, None, "measure:" + m.group("measure"))
    fm = FRACTION.match(text, e)
    if fm and not glue and int(fm.group(1)) < int(fm.group(2)):
        # "11-1/2", "1-1/8 pct": a mixed fraction, as wire prices are quoted
        value += int(fm.group(1)) / int(fm.group(2))
        e = fm.end()
    return (m.start() if cur else s, e, value, cur, glue)


def _word_mentions(text: str, digits: list[_Raw], taken: _Spans) -> list[_Raw]:
    """Numbers in words ("two dozen", "nine points") outside the digit mentions and dates."""
    raw: list[_Raw] = []
    for m in _WORDS.finditer(text):
        if any(m.start() < re_ and m.end() > rs for rs, re_, *_ in digits):
            continue
        # "half a million and one hundred", "between seven and nine": two numbers; "and" joins
        # only after hundred or thousand ("one hundred and twenty"), so each part is read
        s = m.start()
        for part in re.split(
            r"((?<!hundred)(?<!thousand)[\s-]+and\s+)", m.group("words"), flags=re.I
        ):
            e = s + len(part)
            if part and not part.isspace() and part.strip().lower() != "and":
                _add_words(text, s, e, part, taken, raw)
            s = e
    for m in _A_SPAN_OF_TIME.finditer(text):
        if not _overlaps(m.start(), m.end(), taken) and not any(
            m.start() < re_ and m.end() > rs for rs, re_, *_ in digits + raw
        ):
            one = m.group("one") or m.group("later")
            raw.append((m.start(), m.start() + len(one), 1.0, None, "words"))
    for m in LONE_FRACTION.finditer(text):
        if not _overlaps(m.start(), m.end(), taken) and not any(
            m.start() < re_ and m.end() > rs for rs, re_, *_ in digits + raw
        ):
            raw.append((m.start(), m.end(), fraction_value(m.group(0)), None, "words"))
    return raw


def _add_words(text: str, s: int, e: int, words: str, taken: _Spans, raw: list[_Raw]) -> None:
    """The number words at text[s:e] as a raw mention, with a spoken fraction after them
    ("two and a half"), unless they name or point rather than count."""
    if _overlaps(s, e, taken) or words.lower() in ("and", "a", "an"):
        return
    value = parse_number_words(words)
    fraction = AND_FRACTION.match(text, e)
    if value is not None and fraction:
        value += fraction_value(fraction.group(1))
        taken.append((e, fraction.end()))  # "three-quarters" is no count of quarters
        e = fraction.end()
    if value is not None and _counts(text, s, e, words):
        raw.append((s, e, value, None, "words"))


def _counts(text: str, s: int, e: int, words: str) -> bool:
    """Do the number words at text[s:e] count something here, rather than name or point?"""
    if (
        words[0].isupper()
        and text[:s].strip()
        and not re.search(r"[.!?\"“]\s*$", text[:s])
        and not _shouted(text, s, e)
    ):
        return False  # "Formula One", "Channel Four": a name, not a count
    lw = words.lower()
    if lw.split()[0] in SCALE_WORDS and re.search(r"\d[\s-]*$", text[:s]):
        return False  # the scale of a number in digits: "1.2 million"
    lone = lw in ("one", "a", "an", "half a") or (
        lw in ("hundred", "thousand", "dozen")
        and not text[:s].rstrip().endswith(("$", "£"))
        and not re.match(r"\s+of\b", text[e:])
    )
    if lone and not (lw == "one" and (unit_like(text, e) or _PERCENT_NEXT.match(text, e))):
        return False  # "one of the", "no one": a lone "one" is a pronoun more often than a count
    return not (re.match(r"\s*(?:-|\s)?(?:st|nd|rd|th)\b", text[e:]) or lw in ("a", "an"))


def _shouted(text: str, s: int, e: int) -> bool:
    """Is text[s:e] in a stretch of capitals (a wire headline: "MEXICO FUND TO BUY BACK TWO
    MLN SHARES"), where a capital says nothing of a name?"""
    letters = [c for c in text[max(0, s - 30) : e + 30] if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _quantity(text: str, raw: list[_Raw], k: int, offset: int) -> tuple[Quantity, int]:
    """The mention raw[k] with its scale, range, qualifier and unit; and how many raw mentions
    it used (2 when raw[k + 1] is the top of its range)."""
    s, e, value, cur, glue = raw[k]
    # A scale word after the number: "1.2 million", "5 mln", "two dozen" (already in words)
    scale_m = _SCALE_AFTER.match(text[e:])
    if glue in GLUED_SCALE or (glue and glue.lower() in GLUED_SCALE):
        value *= GLUED_SCALE[glue.lower()]
    elif scale_m and (glue != "words" or scale_m.group(1).lower() in _ABBREVIATED_SCALES):
        value *= SCALE_WORDS[scale_m.group(1).lower()]
        e += scale_m.end()
    high, used = None, 1
    if k + 1 < len(raw):
        value, top = _range_top(text, s, e, value, raw[k + 1], scale_m is not None)
        if top is not None:
            high, e, used = top[0], top[1], 2
            cur = cur or raw[k + 1][3]
    qual, qs = _qualifier(text, s)
    if re.match(r"\s*between\s*$", text[max(0, s - 9) : s], re.I) and high is not None:
        qs = s - len(text[max(0, s - 9) : s].lstrip())
    unit, unit_text, kind, u_end = read_unit(text, e, cur)
    if kind == "percent":
        pass
    elif glue == "m-unit":
        unit, unit_text, kind, u_end = "metre", "m", "count", e + 1
        e += 1
    elif glue and glue.startswith("measure:"):
        unit_text = glue.split(":", 1)[1]
        unit, kind, u_end = measure_lemma(unit_text), "count", e + len(unit_text)
        e = u_end
    phrase = text[qs : max(e, u_end)]
    quantity = Quantity(
        value, unit, qual, qs + offset, e + offset, text[qs:e], high, unit_text, kind, phrase
    )
    return quantity, used


def _range_top(
    text: str, s: int, e: int, value: float, nxt: _Raw, scaled: bool
) -> tuple[float, tuple[float, int] | None]:
    """Is `nxt` the top of a range that starts with the number at text[s:e]? "10-12", "10 to
    12", "between 10 and 12" (not "from 10 to 12", a change). Returns the first value (scaled
    by the second's scale in "1 to 2 million") and (top value, end of the range) or None."""
    gap = text[e : nxt[0]]
    before = text[max(0, s - 12) : s].lower()
    is_range = (
        re.fullmatch(r"\s*(-|–|to|or)\s*", gap) is not None
        and not before.rstrip().endswith("from")
        and not (gap.strip() == "-" and nxt[2] < value)  # "won 3-2" is a score
    ) or (re.fullmatch(r"\s+and\s+", gap) is not None and before.rstrip().endswith("between"))
    if not (is_range and nxt[2] >= value * 0.0 and nxt[4] != "m-unit"):
        return value, None
    _ns, ne, nv, _ncur, nglue = nxt
    if nglue and nglue.lower() in GLUED_SCALE:
        nv *= GLUED_SCALE[nglue.lower()]
    nscale = _RANGE_SCALE_AFTER.match(text[ne:])
    if nscale:
        nv *= SCALE_WORDS[nscale.group(1).lower()]
        ne += nscale.end()
    if not scaled and nscale is not None and nv > value:
        value *= SCALE_WORDS[nscale.group(1).lower()]  # "1 to 2 million"
    if nv < value and gap.strip() == "and":
        # "between 189 and 147": a range however the writer ordered its ends
        return nv, (value, ne)
    return value, ((nv, ne) if nv >= value else None)


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


def _share_units(text: str, out: list[Quantity], offset: int) -> list[Quantity]:
    """ "from 10 to 12 pct", "3 or 4 pct": the first number shares the unit written after the
    second."""
    for n in range(len(out) - 1):
        q, r = out[n], out[n + 1]
        if (
            q.unit is None
            and r.kind in ("percent", "money")
            and re.fullmatch(r"\s*(?:to|or|and|-|–|/)\s*", text[q.end - offset : r.start - offset])
        ):
            out[n] = dataclasses.replace(q, unit=r.unit, unit_text=r.unit_text, kind=r.kind)
    return out
