"""One name written two ways that a spelling list cannot know: a typing slip, a nickname and a
country's name, code or people (initials are slot_names.abbreviates).

Wire copy is typed fast and reissued: "Braodacasting" / "Broadacasting", "Internatinal" /
"International", "Word Economic Forum" / "World Economic Forum" (Reuters-21578 reissues). Read
as two names, each was a "name differs" contradiction between a story and its reissue.

A slip is one letter added, dropped, or two neighbours swapped, in a word of at least
`MIN_SLIP_LETTERS` letters with the same first letter: a letter *replaced* is not taken as a
slip, since that is how different names differ ("Jones" / "Jonas", "Hall" / "Hill").

A nickname is a given name and its familiar form as the `nicknames` package's hand-curated list
has them ("Connie" / "Constance", "Bob" / "Robert";
METER courts: the PA copy names the woman one way, the paper the other). A country is one
whether named, coded or by its people, as the `countryinfo` package's data writes them
("American" / "U.S.", "Japanese" / "Japan's", "British" / "UK"; Reuters reissues).
"""

from __future__ import annotations

from collections.abc import Set
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from nicknames import NickNamer

MIN_SLIP_LETTERS = 5


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
    # one edit (OSA: a letter changed, added or dropped, or two neighbours swapped), and not a
    # changed letter: of two words of one length that is a swap only if they hold one multiset
    return OSA.distance(x, y) == 1 and (len(x) != len(y) or sorted(x) == sorted(y))


# A letter changed is a misspelling, not another name, only in a name this long whose right
# spelling the article gives in full elsewhere ("Jones" / "Jonas" are two names).
MIN_MISSPELT_LETTERS = 7


def misspelt(a: str, b: str, spelt_out: Set[str]) -> bool:
    """One letter changed, added or dropped in a long name, where one form is a word of a full
    name the articles write out (`spelt_out`, folded) and the other is not: PA's "Mr Brettwodd
    was taken to the hospital" in a story that names "Billy Brettwood" six times (METER courts
    04.10.99) is a slip of the keys, and a draft that spells him right does not contradict it.

    >>> misspelt("Brettwood", "Brettwodd", {"billy", "brettwood"})
    True
    >>> misspelt("Jones", "Jonas", {"jones"})
    False
    """
    x, y = a.lower(), b.lower()
    if not (x.isalpha() and y.isalpha()) or x == y or x[0] != y[0]:
        return False
    if min(len(x), len(y)) < MIN_MISSPELT_LETTERS or OSA.distance(x, y) != 1:
        return False
    return (x in spelt_out) != (y in spelt_out)


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


@cache
def _countries() -> dict[str, str]:
    """Folded name, code or demonym -> the country's key. Codes only as their capitals are
    written (read by `_country_key`): "US" and "IT" are words in lower case."""
    from countryinfo import all_countries  # late: the data is read only when a slot needs it

    countries = all_countries()
    out: dict[str, str] = {}
    for c in countries:
        key = c.name().lower()
        for form in [key, *(c.alt_spellings() or [])]:
            if folded := _fold_country(form):
                out.setdefault(folded, key)
    # A demonym several territories share ("American": the United States, American Samoa, the
    # Northern Mariana Islands) is the most populous one's.
    people: dict[str, tuple[int, str]] = {}
    for c in countries:
        folded, size = _fold_country(c.demonym() or ""), int(c.population() or 0)
        if folded and (folded not in people or size > people[folded][0]):
            people[folded] = (size, c.name().lower())
    for folded, (_, key) in people.items():
        out.setdefault(folded, key)
    return out


def _fold_country(text: str) -> str:
    words = text.replace(".", "").replace("’", "'").split()
    if words and words[-1].lower().endswith("'s"):
        words[-1] = words[-1][:-2]
    return " ".join(words).lower()


def _country_key(words: str) -> str | None:
    folded = _fold_country(words)
    raw = words.replace(".", "")
    if len(folded) <= 3 and not raw.isupper():
        return None  # a code is a code only in capitals ("US", not "us")
    countries = _countries()
    key = countries.get(folded)
    if key is None and folded.endswith("s"):
        key = countries.get(folded[:-1])  # "Americans"
    return key


def same_country(a: str, b: str) -> bool:
    """Two different words for one country: its name, a code or its people.

    >>> same_country("American", "U.S."), same_country("Japan's", "Japanese")
    (True, True)
    >>> same_country("British", "French"), same_country("us", "American")
    (False, False)
    """
    if _fold_country(a) == _fold_country(b):
        return False
    ka, kb = _country_key(a), _country_key(b)
    return ka is not None and ka == kb


__all__ = ["nickname_of", "same_country", "typing_slip"]
