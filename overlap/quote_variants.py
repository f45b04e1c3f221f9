"""One word of a quotation spelt two ways: what a quote may differ from its source by without
changing what was said.

British and American spellings (honour/honor, travelled/traveled), abbreviated calendar words
(Aug/August), a British past tense (learnt/learned), one slip of the keys that makes no other
English word, a censored word and the word it hides. Never a number, a negation prefix
("unable"/"able") or another inflection of the word ("increased"/"increases"): those change the
words, and quote_alignment reports them as changes.
"""

from __future__ import annotations

import os

from rapidfuzz import fuzz

# Word endings that make another form of the same word (number, tense, comparison): two words
# that differ only in these are not one word spelt two ways ("murmurings" is not "murmuring",
# "increased" is not "increases"), and a quote that changes one has changed the speaker's words.
_INFLECTIONS = frozenset(["", "s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "y", "ies"])


# Calendar words as wire copy and newspapers abbreviate them ("Aug 28" / "August 28"). Not
# "mar", "may", "sat", "sun", "wed": words of their own.
_CALENDAR_SHORT = {
    "jan": "january",
    "feb": "february",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
    "tue": "tuesday",
    "tues": "tuesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
}


def _british_past(a: str, b: str) -> bool:
    """learnt / learned, burnt / burned, spelt / spelled, leapt / leaped: one past tense in
    two spellings."""
    t, ed = (a, b) if a.endswith("t") else (b, a)
    if not t.endswith("t") or len(t) < 5:
        return False
    return ed in (t[:-1] + "ed", t[:-1] + "led")


def _y_or_ie(a: str, b: str) -> bool:
    """pasty / pastie, nighty / nightie, aunty / auntie: one word ending in "-y" or "-ie" (a
    paper's "pastie" against PA's "pasty", METER courts)."""
    y, ie = (a, b) if a.endswith("y") else (b, a)
    return len(y) >= 4 and y.endswith("y") and ie == y[:-1] + "ie"


def _typo(a: str, b: str) -> bool:
    """One slip of the keys: the two words one edit apart (a letter changed, added, dropped or
    two swapped: "recieve" / "receive", "wrold" / "world"), and exactly one of them an English word
    (web2, its inflections read through their stems). A slip that makes another word ("beer" /
    "been", a PA typo of METER courts) stays a change: a word list cannot tell it from a word
    the writer changed, and a changed word must not pass for spelling."""
    from rapidfuzz.distance import OSA

    from .slot_names import known_word

    # Four letters at least: in a short word one letter is the meaning ("has" / "had", which
    # web2 misses as an inflection, "is" / "it").
    if min(len(a), len(b)) < 4 or not (a.isalpha() and b.isalpha()):
        return False
    return OSA.distance(a, b) == 1 and known_word(a) != known_word(b)


def variant(a: str, b: str) -> bool:
    """Spelling variants (honour/honor, organise/organize, travelled/traveled,
    programme/program, learnt/learned, Aug/August), never a number, a negation or another
    inflection of the word."""
    if a == b:
        return True
    if "*" in a or "*" in b:
        return _censored(a, b)
    if _CALENDAR_SHORT.get(a, a) == _CALENDAR_SHORT.get(b, b) or _british_past(a, b):
        return True
    if _y_or_ie(a, b):
        return True
    if _typo(a, b):
        return True
    if min(len(a), len(b)) < 5 or a[:2] != b[:2] or any(c.isdigit() for c in a + b):
        return False
    for neg in ("un", "in", "im", "non", "dis", "ir", "il"):
        if a == neg + b or b == neg + a:
            return False
    stem = len(os.path.commonprefix([a, b]))
    if a[stem:] in _INFLECTIONS and b[stem:] in _INFLECTIONS:
        return False
    return fuzz.ratio(a, b) >= 85


def _censored(a: str, b: str) -> bool:
    """A censored word ("b******") and the word the source prints: the same first letters and
    as many letters in all (papers keep the length: "bastard")."""
    starred, word = (a, b) if "*" in a else (b, a)
    shown = starred.rstrip("*")
    return "*" not in word and word.startswith(shown) and len(word) == len(starred)


__all__ = ["variant"]
