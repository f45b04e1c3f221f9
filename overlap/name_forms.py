"""One name written two ways that a spelling list cannot know: a typing slip, initials and a
nickname.

Wire copy is typed fast and reissued: "Braodacasting" / "Broadacasting", "Internatinal" /
"International", "Word Economic Forum" / "World Economic Forum" (Reuters-21578 reissues), and
agencies shorten names to their initials ("the EC Commission" / "the European Commission").
Read as two names, each was a "name differs" contradiction between a story and its reissue.

A slip is one letter added, dropped, or two neighbours swapped, in a word of at least
`MIN_SLIP_LETTERS` letters with the same first letter: a letter *replaced* is not taken as a
slip, since that is how different names differ ("Jones" / "Jonas", "Hall" / "Hill").
Initials are an all-capitals word of two to five letters whose letters open the capitalised
words written on the other side from the same place ("EC" for "European Commission", function
words such as "of" skipped). A nickname is a given name and its familiar form as the
`nicknames` package's hand-curated list has them ("Connie" / "Constance", "Bob" / "Robert";
METER courts: the PA copy names the woman one way, the paper the other).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from .textnorm import Token

if TYPE_CHECKING:
    from nicknames import NickNamer

MIN_SLIP_LETTERS = 5
_SKIPPED = frozenset({"of", "and", "the", "for", "&"})


def typing_slip(a: str, b: str) -> bool:
    """One letter added or dropped, or two neighbours swapped, in a long enough word.

    >>> [typing_slip(*p) for p in [("Braodacasting", "Broadacasting"), ("World", "Word"),
    ...                            ("Jones", "Jonas"), ("Bryan", "Ryan"), ("Sasles", "Sales")]]
    [True, True, False, False, True]
    """
    if not (a.isalpha() and b.isalpha()) or a == b or a[0].lower() != b[0].lower():
        return False
    if max(len(a), len(b)) < MIN_SLIP_LETTERS:
        return False
    x, y = a.lower(), b.lower()
    if Indel.distance(x, y) == 1:
        return True
    if len(x) != len(y):
        return False
    apart = [k for k in range(len(x)) if x[k] != y[k]]
    return (
        len(apart) == 2
        and apart[1] == apart[0] + 1
        and x[apart[0]] == y[apart[1]]
        and (x[apart[1]] == y[apart[0]])
    )


def initials_of(short: Sequence[Token], long_from: Sequence[Token]) -> bool:
    """`short` is one all-capitals word of 2-5 letters (dots dropped: "E.C.") whose letters open
    the capitalised words of `long_from`, read from its first word on.

    >>> from overlap.textnorm import tokenize
    >>> initials_of(tokenize("EC"), tokenize("European Commission said"))
    True
    >>> initials_of(tokenize("EC"), tokenize("Economic Forum"))
    False
    """
    if len(short) != 1:
        return False
    letters = short[0].raw.replace(".", "")
    if not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()):
        return False
    opened: list[str] = []
    for t in long_from:
        if len(opened) == len(letters):
            break
        if t.norm in _SKIPPED and opened:
            continue
        if not t.raw[:1].isupper() or not t.raw.isalpha() or t.raw.isupper():
            return False
        opened.append(t.raw[0])
    return "".join(opened) == letters


@cache
def _nicknamer() -> NickNamer:
    from nicknames import NickNamer  # late: the list is read only when a name slot needs it

    return NickNamer()


def nickname_of(a: str, b: str) -> bool:
    """One word is a familiar form of the other given name (either way round).

    >>> nickname_of("Connie", "Constance"), nickname_of("Robert", "Bob"), nickname_of("Ann", "Bob")
    (True, True, False)
    """
    if not (a.isalpha() and b.isalpha()) or a.lower() == b.lower():
        return False
    names = _nicknamer()
    x, y = a.lower(), b.lower()
    return y in names.nicknames_of(x) or x in names.nicknames_of(y)


__all__ = ["initials_of", "nickname_of", "typing_slip"]
