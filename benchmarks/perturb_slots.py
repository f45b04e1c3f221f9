"""The slot rules of the perturbation suite (benchmarks/perturb.py): each changes one fact of a
real news sentence (a number, a date, a name, a negation, a quantifier, a modal) outside its
quotations, or returns None when the sentence has no such slot."""

from __future__ import annotations

import random
import re

from .perturb_words import (
    MONTHS,
    ORG,
    ORG_SUFFIX,
    PLACE,
    PLACE_TYPE,
    WEEKDAYS,
    Context,
    fresh_name,
    pick,
    quote_spans,
    replace_span,
    unquoted,
    word_pairs,
)


def _bump(text: str, rng: random.Random) -> str:
    """A clearly different value written the way `text` is (commas, decimals kept)."""
    plain = text.replace(",", "")
    if "." in plain:
        whole, frac = plain.split(".")
        value = float(plain)
        new = value + max(1.0, round(value * rng.choice([0.3, 0.5, 0.7]), len(frac)))
        out = f"{new:.{len(frac)}f}"
    else:
        value = int(plain)
        if value < 10:
            new = value + rng.choice([2, 3, 4, 5])
        else:
            new = value + max(2, round(value * rng.choice([0.2, 0.3, 0.5])))
            if len(plain) >= 3 and plain.endswith("00"):  # keep round numbers round
                step = 10 ** (len(plain) - len(plain.rstrip("0")))
                new = (new // step + 1) * step
        out = str(new)
    if "," in text:
        out = f"{int(float(out)):,}" if "." not in out else out
    return out


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?:(?:US)?\$|£|€)\s?(?P<n>{_NUM})(?:\s?(?:million|billion|mln|bln|m|bn|k)\b)?"
    rf"|\b(?P<n2>{_NUM})\s(?:(?:mln|bln|million|billion)\s)?"
    r"(?:dlrs|dollars|pounds|stg|sterling|yen|marks|francs|guilders|lire|pence|p)\b"
)
_PERCENT = re.compile(rf"\b(?P<n>{_NUM})\s?(?:%|pct\b|per cent\b|percent\b)")
_YEAR = r"(?:19[4-9]\d|20[0-2]\d)"
_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|"
    r"November|December|May(?= \d)|(?<=in )May|(?<=since )May|(?<=of )May|"
    r"(?<=until )May|(?<=last )May|(?<=next )May|(?<=early )May|(?<=late )May)\b"
)
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_RELATIVE = word_pairs(
    "yesterday:last week|today:last month|tomorrow:next month|last week:last year|"
    "next week:next year|last month:last year|next month:next year|last year:this year|"
    "this year:last year|next year:last year|this week:last month|last night:last month|"
    "this month:last year|last weekend:last year|recently:years ago"
)
_RELATIVE_RE = re.compile(
    r"\b(" + "|".join(sorted(_RELATIVE, key=len, reverse=True)) + r")\b", re.I
)
_PLAIN_NUM = re.compile(
    rf"(?<![\w.,$£€/-])(?P<n>{_NUM})(?![\w%/-]|\.\d|,\d)"
    r"(?!\s?(?:pct|per ?cent|percent|mln|bln|million|billion|dlrs|dollars|"
    r"pounds|stg|yen|marks|francs|p\b|pence|am\b|pm\b|a\.m|p\.m))"
)


def r_number(s: str, c: Context) -> tuple[str, str] | None:
    if re.search(r"\d, \d|\d\. \d", s):  # tokenised "13, 000": a reader test, not this one
        return None
    ms = [
        m
        for m in unquoted(_PLAIN_NUM, s)
        if not re.match(r" [A-Z]", s[m.end() :])  # "60 Minutes", "386 PC": names
        and not re.fullmatch(_YEAR, m.group("n"))
        and not re.search(r"(?:" + "|".join(MONTHS) + r"|No\.?|Article|Section)\s$", s[: m.start()])
        and not re.match(r"(?:st|nd|rd|th)?\s(?:" + "|".join(MONTHS) + ")", s[m.end() :])
    ]
    m = pick(ms, c.rng)
    if not m:
        return None
    new = _bump(m.group("n"), c.rng)
    return replace_span(s, m.start("n"), m.end("n"), new), f"'{m.group('n')}' -> '{new}'"


def _slot(regex: re.Pattern, s: str, c: Context) -> tuple[str, str] | None:
    ms = unquoted(regex, s)
    m = pick(ms, c.rng)
    if not m:
        return None
    group = "n" if m.group("n") else "n2"
    old = m.group(group)
    new = _bump(old, c.rng)
    return (
        replace_span(s, m.start(group), m.end(group), new),
        f"'{m.group(0)}' -> '{m.group(0).replace(old, new, 1)}'",
    )


def r_money(s: str, c: Context) -> tuple[str, str] | None:
    return _slot(_MONEY, s, c)


def r_percent(s: str, c: Context) -> tuple[str, str] | None:
    ms = unquoted(_PERCENT, s)
    m = pick(ms, c.rng)
    if not m:
        return None
    new = _bump(m.group("n"), c.rng)
    if float(m.group("n").replace(",", "")) < 100 <= float(new.replace(",", "")):
        new = _bump(m.group("n"), c.rng)
        new = str(round(float(m.group("n").replace(",", "")) / 2, 1)).removesuffix(".0")
    return (
        replace_span(s, m.start("n"), m.end("n"), new),
        f"'{m.group(0)}' -> '{new}{m.group(0)[len(m.group('n')) :]}'",
    )


def r_date(s: str, c: Context) -> tuple[str, str] | None:
    months = unquoted(_MONTH, s)
    years = [
        m
        for m in unquoted(rf"(?<![\d/-]){_YEAR}(?![\d/-])", s)
        if not re.match(r"\s?(?:pct|%)", s[m.end() :])
    ]
    if months and (not years or c.rng.random() < 0.6):
        m = c.rng.choice(months)
        old = m.group(1)
        choices = [x for x in MONTHS if x != old and x not in s]
        new = c.rng.choice(choices)
        return replace_span(s, m.start(1), m.end(1), new), f"'{old}' -> '{new}'"
    if years:
        m = c.rng.choice(years)
        # a decade ("the 1940s") moves by decades: "the 1943s" is no date at all
        decade = s[m.end() : m.end() + 1] == "s" or s[m.end() : m.end() + 2] in ("'s", "’s")
        shifts = [-20, -10, 10, 20] if decade and m.group(0).endswith("0") else [-3, -2, 2, 3]
        new = str(int(m.group(0)) + c.rng.choice(shifts))
        if new in s:
            return None
        return replace_span(s, m.start(), m.end(), new), f"'{m.group(0)}' -> '{new}'"
    return None


def r_weekday(s: str, c: Context) -> tuple[str, str] | None:
    m = pick(
        [m for m in unquoted(_WEEKDAY, s) if not re.match(r" [A-Z]", s[m.end() :])],
        c.rng,
    )  # not "Sunday Mail"
    if not m:
        return None
    new = c.rng.choice([d for d in WEEKDAYS if d not in s and d not in c.passage])
    return replace_span(s, m.start(), m.end(), new), f"'{m.group(0)}' -> '{new}'"


def r_relative(s: str, c: Context) -> tuple[str, str] | None:
    m = pick(unquoted(_RELATIVE_RE, s), c.rng)
    if not m:
        return None
    old = m.group(0)
    new = _RELATIVE[old.lower()]
    new = new[0].upper() + new[1:] if old[0].isupper() else new
    if c.date and _same_day_possible(old, new, c.date):
        # "yesterday" in a Monday paper is in "last week", "last night" on the 1st is in "last
        # month": on this article's date the new words may name the same day, so no change
        return None
    return replace_span(s, m.start(), m.end(), new), f"'{old}' -> '{new}'"


def _same_day_possible(old: str, new: str, date: str) -> bool:
    from overlap.dates import find_dates, same_date

    a, b = find_dates(old, 0, date), find_dates(new, 0, date)
    return bool(a and b and same_date(a[0], b[0]))


def r_person(s: str, c: Context) -> tuple[str, str] | None:
    if quote_spans(s) or '"' in s or re.search(r"(?:^|\s)'[A-Z]", s):
        # a name next to a quote is a speaker: another kind
        return None
    found = sorted(
        {
            m.group(1)
            for m in c.lex.person_re.finditer(s)
            if not re.match(rf"\s*{ORG_SUFFIX}\b|'s? (?:{ORG_SUFFIX})\b", s[m.end() :])
            and s[m.start() - 1 : m.start()] != "<"
        }
    )
    if not found:
        return None
    old = c.rng.choice(found)
    new = fresh_name(c.lex.persons, c.passage, c.rng, old)
    if not new:
        return None
    return s.replace(old, new), f"'{old}' -> '{new}'"


def r_place(s: str, c: Context) -> tuple[str, str] | None:
    ms = [m for m in unquoted(PLACE, s) if not re.match(r"[- ](?:based|born)", s[m.end() :])]
    m = pick(ms, c.rng)
    if not m:
        return None
    kind = PLACE_TYPE[m.group(1)]
    pool = [p for p, t in PLACE_TYPE.items() if t == kind and p not in c.passage]
    new = c.rng.choice(pool)
    return replace_span(s, m.start(), m.end(), new), f"'{m.group(1)}' -> '{new}'"


def r_org(s: str, c: Context) -> tuple[str, str] | None:
    found = [m for m in ORG.finditer(s) if m.group(1) in c.lex.org_set]
    m = pick(found, c.rng)
    if not m:
        return None
    new = fresh_name(c.lex.orgs, c.passage, c.rng, m.group(1))
    if not new:
        return None
    return replace_span(s, m.start(1), m.end(1), new), f"'{m.group(1)}' -> '{new}'"


_AUX = r"is|are|was|were|will|would|can|could|has|have|had|should|must|does|did"
# An auxiliary before a participle ("was sold", "has been") or a modal before a verb: the
# places where "not" reads naturally ("as is practicable" is not one).
_NEG_ADD = re.compile(
    r"(?<!\bas )\b(?:(is|are|was|were|has|have|had)(?= (?:been|[a-z]+(?:ed|en|ing))\b)"
    r"|(will|would|can|could|should|must|did|does)(?= (?!not\b|also\b|be\b)"
    r"[a-z]{3,}\b))"
)
_NEG_DEL = re.compile(
    rf"\b({_AUX}|do) (not|never) |\b(is|are|was|were|has|have|had|does|did|do|"
    r"could|would|should)n't\b|\b(won't|can't|cannot)\b"
)


def r_negation_added(s: str, c: Context) -> tuple[str, str] | None:
    if re.search(r"\b(not|n't|never|no)\b|n't", s):
        return None
    ms = unquoted(_NEG_ADD, s)
    m = pick(ms[:1], c.rng)  # the first auxiliary: most often the main clause's
    if not m:
        return None
    aux = m.group(1) or m.group(2)
    return replace_span(s, m.end(), m.end(), " not"), f"'{aux}' -> '{aux} not'"


def r_negation_removed(s: str, c: Context) -> tuple[str, str] | None:
    ms = unquoted(_NEG_DEL, s)
    m = pick(ms[:1], c.rng)
    if not m:
        return None
    old = m.group(0)
    if m.group(1):
        new = m.group(1) + " "
    elif m.group(3):
        new = m.group(3)
    else:
        new = {"won't": "will", "can't": "can", "cannot": "can"}[m.group(4).lower()]
    return replace_span(s, m.start(), m.end(), new), f"'{old.strip()}' -> '{new.strip()}'"


_QUANT = word_pairs(
    "all:some|most:few|many:few|few:many|some:no|several:no|every:no|none:all|always:rarely|"
    "never:often"
)
_QUANT_RE = re.compile(
    r"(?<!at )(?<!of )\b(all|most|many|few|some|several|every|none|always|never)\b"
    r"(?! of all| but\b| the same| in all)"
)


def r_quantifier(s: str, c: Context) -> tuple[str, str] | None:
    ms = [
        m
        for m in unquoted(_QUANT_RE, s)
        if not re.search(r"\ba $", s[: m.start()])  # "a few" is not "few"
        # "we're all better off": an adverb, not a quantifier
        and not (
            m.group(1) == "all"
            and re.search(r"(?:'re|'s|\b(?:are|were|is|was|be)) $", s[: m.start()])
        )
    ]
    m = pick(ms, c.rng)
    if not m:
        return None
    new = _QUANT[m.group(1)]
    if re.match(r" (?:the|their|his|her|its|our|these|those|my|your)\b", s[m.end() :]):
        new = {
            "all": "some of",
            "most": "few of",
            "some": "none of",
            "several": "none of",
            "many": "few of",
            "few": "many of",
        }.get(m.group(1), new)  # "all their" -> "some of their"
    return replace_span(s, m.start(), m.end(), new), f"'{m.group(1)}' -> '{new}'"


_MODAL = word_pairs("will:may|would:might|must:may|shall:may|may:will|might:will|could:will")
_MODAL_RE = re.compile(r"(?<!the )\b(will|would|must|shall|may|might|could)\b(?= [a-z])")


def r_modality(s: str, c: Context) -> tuple[str, str] | None:
    ms = [m for m in unquoted(_MODAL_RE, s) if not re.match(r" not\b|n't", s[m.end() :])]
    m = pick(ms, c.rng)
    if not m:
        return None
    new = _MODAL[m.group(1)]
    return replace_span(s, m.start(), m.end(), new), f"'{m.group(1)}' -> '{new}'"
