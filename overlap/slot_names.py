"""Is a capitalised word in a slot a name, and are two names one name written two ways?

A sentence's first word is capitalised whatever it is, so there capitals say nothing: "Households
within half a mile" against "Residents within half a mile" is two common nouns, not two names.
Such a word is read as a common word when a cased English word list has it in lower case (or
its singular) and not capitalised: Webster's Second International (web2, public domain, via the
`english-words` package), where proper nouns are written with capitals ("Paris", "Jones") and
common words without ("resident", "household"). A word the list does not have at all ("Obama",
"Okafor") stays a name, so a sentence-initial speaker swap is still seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from functools import cache, lru_cache

from .lexicon import (
    COUNTY_SHORT_FORMS,
    FUNCTION_WORDS,
    MILITARY_RANKS,
    NAME_HEADS,
    NEGATIONS,
    POLICE_RANKS,
    TITLES,
    WIRE_TABLE_LABELS,
)
from .textnorm import Token, fold
from .types import Finding, Segmented

# Words before a name that are not the name: a rank swapped for another names no other person.
_BEFORE_NAMES = TITLES | POLICE_RANKS | MILITARY_RANKS


@cache
def _cased_words() -> frozenset[str]:
    # Loaded on first use (about 0.2 s): most runs compare no sentence-initial slot.
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2"]))


def _singulars(word: str) -> list[str]:
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    return out


def _stems(word: str) -> list[str]:
    """A word's plain forms for the list: singulars, and the stem of an -ing, -ed or -ier form
    ("Sentencing" -> sentence, "Jailing" -> jail, "Earlier" -> early), which web2 mostly leaves
    out: a sentence opener in such a form is a common word like its stem."""
    out = _singulars(word)
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            out += [stem, stem + "e"]
            if stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "Jabbing" -> jab
    if word.endswith("ier") and len(word) > 5:
        out.append(word[:-3] + "y")
    return out


def common_word(raw: str) -> bool:
    """A word English writes in lower case: in the cased list in lower case (or as its
    singular), and not there capitalised.

    >>> [common_word(w) for w in ("Households", "Residents", "Obama", "Paris", "Jones")]
    [True, True, False, False, False]
    >>> [common_word(w) for w in ("Sentencing", "Jailing", "Earlier", "AUTHOR")]
    [True, True, True, True]
    """
    word = raw.strip(".,;:’'\"")
    if not word.isalpha() or not word[:1].isupper():
        return False
    words = _cased_words()
    lower = word.lower()
    forms = _stems(lower)
    if any(f.capitalize() in words for f in forms) and word[1:].islower():
        return False  # "Paris", "Jones": the list writes it as a name
    return any(f in words for f in forms)


def known_word(word: str) -> bool:
    """An English word of the cased list, in either case, or an inflection of one (its stem
    there: "walked", "stones")."""
    words = _cased_words()
    lower = word.lower()
    forms = _stems(lower)
    american = _american(lower)
    if american != lower:
        forms += _stems(american)  # the list is American: "behaviour" is "behavior" there
    return any(f in words or f.capitalize() in words for f in forms)


# British spellings and their American forms, as the cased list spells them ("behaviour",
# "centre", "organise", "defence", "analyse", "catalogue").
_BRITISH = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able)"), "or"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"is(?=e[sd]?$|ing$|ation)"), "iz"),
    (re.compile(r"ys(?=e[sd]?$|ing$)"), "yz"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ogue(?=s?$)"), "og"),
)


def _american(word: str) -> str:
    for rx, american in _BRITISH:
        word = rx.sub(american, word)
    return word


def is_name(tokens: list[Token], first_index: int, stop: frozenset[str]) -> bool:
    """Capitalised words, not only function words (`stop`), titles or negations; the
    sentence's first word alone is not a name when it is a function word ("The", "He")."""
    if not all(t.raw[:1].isupper() for t in tokens):
        return False
    content = [
        t
        for k, t in enumerate(tokens)
        if t.norm not in stop
        and t.norm not in _BEFORE_NAMES
        and t.norm not in NEGATIONS
        and not _capitals_of_a_common_word(t)
        # the sentence's first word, a common word, before other words of the slot: "Earlier,
        # Mrs Ferrier had told" is a title and no name (alone, the caller decides: Trump)
        and not (first_index == 0 and k == 0 and len(tokens) > 1 and common_word(t.raw))
    ]
    if not content:
        return False
    return not (first_index == 0 and len(tokens) == 1 and tokens[0].norm in stop)


def _capitals_of_a_common_word(t: Token) -> bool:
    """A common word set in capitals, as headings and bylines set them ("THE AUTHOR", "JAILED
    FOR LIFE"): no name. Four letters at least: "US" or "UN" in capitals names a country."""
    return len(t.raw) >= 4 and t.raw.isupper() and common_word(t.raw)


def initial_common_word(tokens: list[Token], first_index: int) -> bool:
    """A slot that is only the sentence's first word, a common word there ("Households")."""
    return first_index == 0 and len(tokens) == 1 and common_word(tokens[0].raw)


def two_names(
    pa: list[Token],
    i1: int,
    pb: list[Token],
    j1: int,
    stop: frozenset[str],
    known: Set[str] = frozenset(),
) -> bool:
    """Both slots read as names. Two sentence-initial common words ("Households" / "Residents")
    are not; one of them against a word the list does not know ("Trump" / "Obama", where web2
    has "trump" as a card game) still is, so a swapped sentence-initial speaker is seen. `known`:
    folded words of people the articles name in full: a common word that is one of them is a
    name at a sentence's start too ("Keys leads Billboard nominations" / "Usher leads ...",
    where the text names Alicia Keys)."""
    if not (is_name(pa, i1, stop) and is_name(pb, j1, stop)):
        return False
    if any(_shouted_words(side) for side in (pa, pb)):
        return False
    if any(all(t.norm in NAME_HEADS for t in side) for side in (pa, pb)):
        return False  # "Court" against "Liverpool": the head of a longer name, no name itself
    if any(len(side) == 1 and side[0].norm in WIRE_TABLE_LABELS for side in (pa, pb)):
        return False  # "Revs" against "Sales": a results table's row labels
    if any(len(side) == 1 and side[0].norm in known for side in (pa, pb)):
        return True
    return not (initial_common_word(pa, i1) and initial_common_word(pb, j1))


def _shouted_words(side: list[Token]) -> bool:
    """Two or more words in capitals that are all English words: a headline in capitals
    ("BEHAVIOUR ORDER FOR SCHOOLBOY", PA), where the capitals name nothing. One such word
    may still be a name ("BUSH SAYS")."""
    return len(side) >= 2 and all(t.raw.isupper() and known_word(t.norm) for t in side)


def abbreviates(pa: list[Token], pb: list[Token]) -> bool:
    """One name written as the initials of the other ("U.S." / "United States", "EU" /
    "European Union"): one name, not two."""

    def initials(tokens: list[Token]) -> str:
        return "".join(t.raw[0] for t in tokens if t.raw[:1].isupper()).lower()

    return any(
        short is not None and len(full) >= 2 and short == initials(full)
        for short, full in ((_acronym(pa), pb), (_acronym(pb), pa))
    )


def _acronym(tokens: list[Token]) -> str | None:
    """The letters of a slot that is one word in capitals ("EC", "U.S."), folded; else None."""
    raw = "".join(t.raw for t in tokens).replace(".", "")
    return raw.lower() if len(tokens) == 1 and raw.isupper() and len(raw) >= 2 else None


def _name_words(tokens: list[Token]) -> frozenset[str]:
    """A name's words folded, without titles and the possessive ("Miss Sarah Crump's" ->
    {sarah, crump})."""
    words = (t.norm[:-1] if t.raw.endswith(("'s", "’s")) else t.norm for t in tokens)
    return frozenset(w for w in words if w and w not in _BEFORE_NAMES)


def _county(word: str) -> str:
    return COUNTY_SHORT_FORMS.get(word, word)


def same_name(pa: list[Token], pb: list[Token]) -> bool:
    """The same words folded (Peña / Pena), one the initials of the other, or one the other
    shortened: a person named in full, then by first name or surname ("Sarah Crump's" /
    "Sarah's", "David Smith" / "Smith"); another name in either ("Sarah Jones") is not."""
    if [t.norm for t in pa] == [t.norm for t in pb] or abbreviates(pa, pb):
        return True
    if len(pa) == len(pb) == 1 and _county(pa[0].norm) == _county(pb[0].norm):
        return True  # "Oxon" / "Oxfordshire"
    a, b = _name_words(pa), _name_words(pb)
    return bool(a and b) and (a <= b or b <= a) or _clipped(pa, pb)


def _clipped(pa: list[Token], pb: list[Token]) -> bool:
    """One name with its words cut short: "Lib Dem" / "Liberal Democrat", "Con" /
    "Conservative"; each word of one is the start (3 letters or more) of the other's word in
    its place. A sentence opener before the name ("But Lib Dem") is not part of it.

    >>> from overlap.textnorm import tokenize as t
    >>> _clipped(t("But Lib Dem"), t("Liberal Democrat")), _clipped(t("Lib"), t("Labour"))
    (True, False)
    >>> _clipped(t("The Lib Dems"), t("The Liberal Democrats"))
    True
    """

    def words(side: list[Token]) -> list[str]:
        out = [t.norm for t in side if t.norm not in _BEFORE_NAMES]
        while out and out[0] in FUNCTION_WORDS:
            out = out[1:]
        return out

    a, b = words(pa), words(pb)
    if not a or len(a) != len(b) or a == b:
        return False
    if a[-1].endswith("s") and b[-1].endswith("s"):  # "Lib Dems" / "Liberal Democrats"
        a, b = [*a[:-1], a[-1][:-1]], [*b[:-1], b[-1][:-1]]
    return all(
        len(short) >= 3 and long.startswith(short)
        for x, y in zip(a, b, strict=True)
        for short, long in [sorted((x, y), key=len)]
    )


# A full name as news writes it: two or three capitalised words joined by single spaces
# ("Sarah Crump", "Mrs Pat Rhodes", "Judge Michael Hyam"), titles left out afterwards.
_FULL_NAME = re.compile(
    r"\b[A-Z][a-z]+(?:['’-][A-Za-z]+)?(?: [A-Z][a-z]+(?:['’-][A-Za-z]+)?){1,3}\b"
)


@lru_cache(maxsize=512)
def full_names(text: str) -> frozenset[frozenset[str]]:
    """The folded words of each person an article names in full, titles and the possessive
    left out: what tells that "Miss Crump" and "Sarah" in two papers are one woman.

    >>> sorted(sorted(n) for n in full_names("Miss Sarah Crump's mother, Mrs Pat Rhodes, said"))
    [['crump', 'sarah'], ['pat', 'rhodes']]
    """
    out = set()
    for m in _FULL_NAME.finditer(text):
        # folded as tokens are (textnorm.fold drops the apostrophe: "Crump's" -> "crumps")
        words = [fold(w)[:-1] if w.endswith(("'s", "’s")) else fold(w) for w in m.group().split()]
        kept = frozenset(w for w in words if w and w not in _BEFORE_NAMES | FUNCTION_WORDS)
        if len(kept) >= 2:
            out.add(kept)
    return frozenset(out)


def parts_of_one_name(pa: list[Token], pb: list[Token], names: Set[frozenset[str]]) -> bool:
    """The two slots name two parts of one full name that an article of the pair gives: "Miss
    Crump's mother" / "Sarah's mother" (The Star / the Daily Express, both naming "Sarah Crump"),
    "Amanda's murder" / "Ms Walker's murder" (both naming "Amanda Walker"), METER courts
    08.12.99. Papers call one person by title and surname in one place, by first name in another;
    two people are seen only where no full name joins the two."""
    a, b = _name_words(pa), _name_words(pb)
    return bool(a and b) and not (a & b) and any(a | b <= name for name in names)


def short_forms_of_one_name(pa: list[Token], pb: list[Token], names: Set[frozenset[str]]) -> bool:
    """One slot is a name's initials and the other a word of the same name, the full name given
    by an article of the pair: "the Community" / "the EC" (Reuters, 1987: both stories name the
    "European Community", then call it by its last word in one place and by its initials in
    another). Only a name an article writes in full joins the two."""
    # a full name is a set of folded words: its initials are compared in any order
    for short, other in ((pa, pb), (pb, pa)):
        letters, words = _acronym(short), _name_words(other)
        if (
            letters
            and words
            and any(
                words < name and sorted(w[0] for w in name) == sorted(letters) for name in names
            )
        ):
            return True
    return False


def shared_names(findings: Sequence[Finding], by_id: dict[str, Segmented]):
    """For two articles, the people named in full by either of them or by an article that shares
    a finding with one of them: the same story's other copies. A newspaper calls a woman "Miss
    Sheridan" where one PA take calls her "Janice", and only another take, which the paper
    copies, names "Janice Sheridan" (METER courts 03.04.00). A check finds no pairs among its
    sources, so the draft's own neighbours are what join them; an article that shares nothing
    with the pair is another story's and names other people."""
    linked: dict[str, set[str]] = {}
    for f in findings:
        if f.a.article != f.b.article:
            linked.setdefault(f.a.article, set()).add(f.b.article)
            linked.setdefault(f.b.article, set()).add(f.a.article)

    def names(a: str, b: str) -> frozenset[frozenset[str]]:
        ids = {a, b} | linked.get(a, set()) | linked.get(b, set())
        return frozenset().union(*(full_names(by_id[i].article.text) for i in ids if i in by_id))

    return names
