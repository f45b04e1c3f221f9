"""Whether two speakers' names are one person, as quote matching asks them (quote_match.py):
titles, court ranks and affiliations left out ("Det Insp John Hendley" is John Hendley, "Febres
Cordero of BankAmerica" is Febres Cordero), surnames spelt one letter apart taken as one, and a
role held for someone ("the aide to Lyng") told from the person it is held for.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from .lexicon import SPEAKER_PRONOUNS, TITLES, word_set
from .textnorm import fold

# What follows a person's name in an attribution ("Bourdain of BankAmerica", "Ana Ruiz, the
# director"): the affiliation, not the name; cut before the surname is read.
AFFILIATION = re.compile(r"\s+(?:of|at|from|for)\s.*$|\s*[,(].*$")


# Words that name an office, not a person: before "of" they start a title ("Secretary of State
# George Shultz"), not an affiliation, and the surname is the name's last word.
_OFFICES = TITLES | word_set(
    "secretary chairman chairwoman chief director head governor spokesman spokeswoman officer "
    "executive manager analyst economist leader member professor prof general"
)


# Letters after a name ("Adrian Redgrave QC") and court titles before it ("Det Insp", "Recorder"):
# neither is the surname.
_AFTER_NAME = word_set("qc kc mp mep jp jr sr obe mbe cbe")
_BEFORE_NAME = _OFFICES | word_set(
    "miss dame det insp detective inspector superintendent supt sergeant sgt constable pc dc "
    "recorder prosecutor prosecuting counsel coroner magistrate sheriff councillor mayor"
)


def _name_words(name: str) -> list[str]:
    """A name's words, folded, hyphens as spaces, letters after it left off."""
    words = [fold(w) for w in re.split(r"[\s\-]+", name) if w]
    while words and words[-1] in _AFTER_NAME:
        words.pop()
    return words


def surname(name: str) -> str:
    """The surname of a credited name, without its affiliation ("Bourdain of BankAmerica" ->
    "bourdain", "U.S. Secretary of State George Shultz" -> "shultz", "Adrian Redgrave QC" ->
    "redgrave")."""
    cut = AFFILIATION.search(name)
    head = _name_words(name[: cut.start()]) if cut else []
    if head and head[-1] not in _OFFICES:
        return head[-1]
    words = _name_words(name) or [fold(name.split()[-1])]
    return words[-1]


def same_person(a: str | None, b: str | None) -> bool | None:
    """True / False for two named speakers, None when either is unnamed, not a person, or
    named by one word that cannot be told from a first name ("Richard" against "Richard
    Thomas"). Surnames spelt one letter apart (Merrall / Merral) are one person.

    >>> same_person("Febres Cordero of BankAmerica", "Bourdain of BankAmerica")
    False
    >>> same_person("Adrian Redgrave QC", "Mr Redgrave"), same_person("the judge", "Mr Owen")
    (True, None)
    """
    if not a or not b or a.lower() in SPEAKER_PRONOUNS or b.lower() in SPEAKER_PRONOUNS:
        return None
    if not (a_name(a) and a_name(b)):
        return None
    wa, wb = _given(a), _given(b)
    if len(wa) < 2 or len(wb) < 2:
        # one word: a surname with a title ("Mr Redgrave") compares; a bare word may be a
        # first name or a nickname, which only agreement can tell
        if set(wa) & set(wb) or _close(surname(a), surname(b)):
            return True
        titled = [len(_name_words(n)) > len(w) for n, w in ((a, wa), (b, wb))]
        return False if all(titled) else None
    return _close(surname(a), surname(b)) or set(wa) == set(wb)


# A role held for someone ("the aide to Lyng", "a lawyer for John Smith", "the wife of Mr
# Okoro"): a speaker who is not the person named. ROLE_BEFORE_NAME is its words up to the name,
# the one pattern for it (quote_pronouns reads it before a named speaker).
ROLE_BEFORE_NAME = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w\-]*\s+){1,3}?(?:to|for|of)\s+"
)
_ROLE_HELD_FOR = re.compile(rf"{ROLE_BEFORE_NAME}(?P<name>\S.*)")


def role_held_for(speaker: str | None) -> str | None:
    """The person a described speaker holds a role for, or None.

    >>> role_held_for("the aide to Lyng"), role_held_for("Mr Lyng"), role_held_for("the judge")
    ('Lyng', None, None)
    """
    found = _ROLE_HELD_FOR.fullmatch(speaker or "")
    return found.group("name") if found and a_name(found.group("name")) else None


def a_name(name: str) -> bool:
    """A person's name, not a description ("the judge", "Counsel", "a police source")."""
    first = name.split()[0]
    return (
        first[:1].isupper() and fold(first) not in {"the", "a", "an", "one"} and bool(_given(name))
    )


def _given(name: str) -> list[str]:
    """A name's words without titles and court ranks ("Det Insp John Hendley" -> john hendley)."""
    cut = AFFILIATION.search(name)
    head = _name_words(name[: cut.start()]) if cut else []
    # "Secretary of State George Shultz": an office before "of", not an affiliation after it
    words = head if head and head[-1] not in _OFFICES else _name_words(name)
    return [w for w in words if w not in _BEFORE_NAME and w not in ("the", "s", "of", "state")]


def _close(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1)
