"""One word of a closed class swapped for another alone in an aligned slot: a month, a part of
the day, a rank, a share of a whole. Each is a changed date, time or number whatever frame the
words are in, which the slot comparison (slots.py) reports as such.
"""

from __future__ import annotations

from .lexicon import word_set
from .number_words import ordinal_value
from .textnorm import Token

# Month names: one swapped for another in a slot is a date, whatever frame the words are in
# ("the February holiday", "January's 2.9 pct").
_MONTH_NAMES = word_set(
    "january february march april may june july august september october november december"
)


def _month_of(t: Token) -> str | None:
    norm = t.norm[:-1] if t.raw.lower().endswith(("'s", "’s")) else t.norm
    return norm if norm in _MONTH_NAMES and t.raw[:1].isupper() else None


# Parts of the day: one swapped for another is a time ("LME morning ring dealings" against
# "LME afternoon ring dealings", Reuters-21578), which dates the figures beside it.
_PARTS_OF_DAY = word_set("morning afternoon evening night overnight midday noon midnight")


def part_of_day_swap(pa: list[Token], pb: list[Token]) -> bool:
    """One part of the day for another, alone in the slot."""
    if len(pa) != 1 or len(pb) != 1:
        return False
    a, b = pa[0].norm, pb[0].norm
    return a != b and a in _PARTS_OF_DAY and b in _PARTS_OF_DAY


def rank_swap(pa: list[Token], pb: list[Token]) -> bool:
    """One ordinal for another, alone in the slot: "the world's fourth-largest producer" against
    "second-largest" is a changed number the NLI model reads as the same sentence when the rest
    is copied (BBC business/120, a draft written against it)."""
    ra, rb = _rank_of(pa), _rank_of(pb)
    return ra is not None and rb is not None and ra != rb


def _rank_of(slot: list[Token]) -> int | None:
    """The rank a slot holds, an ordinal word or a figure the tokenizer split ("22", "nd")."""
    glued = len(slot) == 2 and slot[0].end == slot[1].start
    if len(slot) != 1 and not glued:
        return None
    return ordinal_value("".join(t.norm for t in slot))


# Shares of a whole by their denominator: "half of the firm" against "a third of the firm"
# (BBC business/233, a draft written from it) is a changed figure.
_SHARE_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10,
}  # fmt: skip
_SHARE_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "nine": 9}


def share_swap(pa: list[Token], pb: list[Token]) -> bool:
    """One share of a whole for another, alone in the slot ("half" / "a third", "a quarter" /
    "two-thirds")."""
    sa, sb = _share_of(pa), _share_of(pb)
    return sa is not None and sb is not None and sa != sb


def _share_of(slot: list[Token]) -> float | None:
    """The share a slot says: "half", "a third", "two thirds", "two-thirds"; None otherwise
    (a bare "third" is a rank, "the third day")."""
    words = [w for t in slot for w in t.norm.split("-") if w]
    if words == ["half"]:
        return 0.5
    if len(words) != 2 or words[1] not in _SHARE_DENOMINATORS or words[0] not in _SHARE_COUNTS:
        return None
    count, denominator = _SHARE_COUNTS[words[0]], _SHARE_DENOMINATORS[words[1]]
    plural = words[1].endswith("s")
    if (count > 1) != plural:
        return None  # "a thirds", "two third": not a share as written
    return count / denominator


def month_swap(pa: list[Token], pb: list[Token]) -> bool:
    """One capitalised month name for another, alone in the slot."""
    if len(pa) != 1 or len(pb) != 1:
        return False
    ma, mb = _month_of(pa[0]), _month_of(pb[0])
    return ma is not None and mb is not None and ma != mb and "may" not in (ma, mb)
