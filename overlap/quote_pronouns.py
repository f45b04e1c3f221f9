"""Who "he", "she", "they", "it" (and "him", "her") are when a text credits a quotation to one.

A pronoun is the nearest person before it that it can stand for: a named speaker ("Mr Irving
said"), a described one ("his wife revealed", "the judge told"), or a named person the text makes
the subject of a clause ("Miss Coughlan can stay", "Denning, who has ..."). A candidate of the
other sex is passed over, where the text tells the sex: a title anywhere ("Mr Okoro"), the noun
of a description ("wife", "man"), or a "he/she said" the text already gave that person. "They" is
the group an earlier sentence named ("EC officials said", "both officers"), "it" the body ("The
Appeal Court ruled", "the Belgian government"). An object pronoun ("heard him say") may stand for
anyone the text names, not only a speaker.
"""

from __future__ import annotations

import re

from .attribution import full_name
from .lexicon import FUNCTION_WORDS, SPEAKER_PRONOUNS, THIRD_PERSON_SUBJECTS
from .speaker_names import ROLE_BEFORE_NAME
from .speech_patterns import NAME, NAMED_SPEAKER, VERBS, WHEN, named
from .textnorm import fold
from .types import Quote

# Titles that tell a person's sex, so that "she said" is not resolved to "Mr Clarke".
_MALE = ("Mr ", "Mr. ", "Sir ", "Lord ", "Sergeant ", "Father ")
_FEMALE = ("Mrs ", "Mrs. ", "Miss ", "Ms ", "Ms. ", "Lady ", "Dame ")
_TITLED = re.compile(
    r"\b(Mr|Mrs|Miss|Ms|Sir|Lord|Lady|Dame)\.?[ \t]+(?:[A-Z][\w’'\-]+[ \t]+)*([A-Z][\w’'\-]+)\b"
)
# Nouns of a description that tell the sex ("his wife revealed", "the woman told the jury");
# the others ("the judge", "the witness") fit either pronoun.
_SHE_NOUNS = (
    "woman|wife|mother|mum|girl|widow|daughter|sister|girlfriend|grandmother|lady|"
    "spokeswoman|actress|fiancee|policewoman|businesswoman"
)
_HE_NOUNS = (
    "man|husband|father|dad|boy|son|brother|boyfriend|grandfather|widower|spokesman|"
    "fiance|policeman|businessman"
)
_ANY_NOUNS = (
    "judge|coroner|magistrate|recorder|prosecutor|witness|victim|teenager|nurse|driver|"
    "defendant|officer|doctor|teacher|pensioner|student|neighbour|landlord|owner|[\\w\\-]+-old"
)
_DESCRIBED_SUBJECT = re.compile(
    r"(?P<desc>\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa])\s+(?:[\w\-]+\s+){0,3}?"
    rf"(?P<noun>{_SHE_NOUNS}|{_HE_NOUNS}|{_ANY_NOUNS}))\s+(?:(?:then|also|later)\s+)?"
    rf"{VERBS}\b"
)
# A named person as the subject of a clause: a finite verb, an auxiliary or "who" after the
# name ("Denning, who has already spent ...", "Miss Coughlan can stay", "Cobb was disturbed").
_SUBJECT_MENTION = re.compile(
    rf"(?P<name>{NAME})(?:,(?P<app>[^,“”\"\n]{{1,60}}),|\s+[-–]\s+who\b|,\s+who\b)?\s+"
    r"(?:(?:then|also|later|had|has|was|is|can|could|would|will|did|may|must)\b|[a-z]+ed\b)"
)
# A role held for a named person, just before the name that speaks ("an aide to Lyng said", "a
# lawyer for the Smith family said", "a spokesman of Kent Police said"): the role speaks, not
# the person it is held for (Reuters 1987: "But the aide to Lyng said it was doubtful ...
# 'How are you going to stop the tide,' he said" is the aide's).
_ROLE_OF = re.compile(rf"\b{ROLE_BEFORE_NAME}$")
# A named subject whose reporting verb comes after another verb of the same sentence: "Mr Howard
# acknowledged the prince's apology and said ... But he told BBC Radio 4:" (BBC politics) is Mr
# Howard speaking.
_COORDINATED_SPEAKER = re.compile(
    rf"(?P<name>{NAME})\s+{WHEN}[a-z]+(?:ed|s)\b(?:(?![.!?]\s)[^“”\"]){{1,150}}?\band\s+{WHEN}"
    r"(?:said|told|added|argued|insisted|warned|claimed|admitted)\b"
)
# Anyone the text names (for "heard him say"): a run of capitalised words.
_MENTION = re.compile(rf"(?P<name>{NAME})")
# "he said" wherever the text has it, paired quote marks or not, to learn who is a "she".
_PRONOUN_CLAUSE = re.compile(rf"\b(?P<pron>[Hh]e|[Ss]he)\s+{VERBS}\b")
_GROUP_NOUNS = (
    r"officials|police|detectives|officers|lawyers|parents|prosecutors|ministers|campaigners|"
    r"residents|witnesses|doctors|teachers"
)
_BODY_NOUNS = (
    r"court|Court|commission|Commission|council|Council|government|Government|ministry|"
    r"Ministry|inquiry|Inquiry|tribunal|Tribunal|committee|Committee|report|company|board|"
    r"Board|authority|Authority|trust|Trust"
)
# "EC officials said yesterday they were ... They said that ...": "they" is the group named
# as the subject of an earlier reporting verb; failing that, the group the text last names
# ("shot by both officers after they challenged him").
_GROUP_SUBJECT = re.compile(rf"(?P<group>(?:[A-Z][\w\-]*\s+)*(?:{_GROUP_NOUNS}))\s+{VERBS}\b")
_GROUP_MENTION = re.compile(
    rf"(?P<group>\b(?:(?:the|The|both|Both|two|three|four|armed|[A-Z][\w\-]*)\s+)+(?:{_GROUP_NOUNS}))\b"
)
# "The Appeal Court ruled yesterday that ... And it said ...": "it" is the body before it;
# failing that, the body the text last names ("the Belgian government for its claims").
_BODY_SUBJECT = re.compile(
    rf"(?P<group>\b(?:the|The)\s+(?:[A-Z][\w\-]*\s+)*(?:{_BODY_NOUNS}))\s+"
    rf"(?:{VERBS}|ruled|found|decided|concluded)\b"
)
_BODY_MENTION = re.compile(rf"(?P<group>\b(?:the|The)\s+(?:[A-Z][\w\-]*\s+)*(?:{_BODY_NOUNS}))\b")
_OBJECT = {"him": "he", "her": "she", "them": "they"}
# A person whose description tells the sex, as the subject of any clause, with the name an
# apposition gives ("Mr Lee's wife, Nan Joo, was woken", "Nan Joo, the wife of Mr Lee, had",
# "The victim's mother later told"). Such a person, nearer than a speaker whose sex the text
# does not tell, is who "she" is (METER: "Judge Alan Taylor told the jury ... Mr Lee's wife, Nan
# Joo, was woken ... She later told police:" is Nan Joo).
_SEX_NOUN = rf"(?P<noun>{_SHE_NOUNS}|{_HE_NOUNS})"
_FINITE = (
    r"(?:(?:then|also|later)\s+)?(?:had|has|was|is|can|could|would|will|did|[a-z]+ed|told|said)\b"
)
_SEXED_DESCRIPTION = re.compile(
    rf"(?P<desc>\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?(?:’s|'s))\s+"
    rf"(?:[\w\-]+(?:’s|'s)?\s+){{0,3}}?{_SEX_NOUN})\b(?:,\s+(?P<who>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){{0,3}}),)?"
    rf"\s+{_FINITE}"
)
_NAME_THEN_SEXED = re.compile(
    rf"(?P<who>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){{0,3}}),\s+(?:the|a|his|her)\s+"
    rf"(?:[\w\-]+\s+){{0,2}}?{_SEX_NOUN}\b[^,“”\"\n]{{0,40}},\s+{_FINITE}"
)

Candidate = tuple[int, str, str | None]  # offset, who, the sex the text tells (None: either)


def sexes(text: str) -> dict[str, str]:
    """Surname -> "he" / "she" where the text's titles tell it ("Mr Cameron" anywhere makes
    "Cameron" a man); a surname given both (Mr and Mrs Smith) is left out."""
    seen: dict[str, set[str]] = {}
    for m in _TITLED.finditer(text):
        seen.setdefault(m.group(2), set()).add("she" if f"{m.group(1)} " in _FEMALE else "he")
    return {name: next(iter(s)) for name, s in seen.items() if len(s) == 1}


def _title_sex(name: str) -> str | None:
    return "he" if name.startswith(_MALE) else "she" if name.startswith(_FEMALE) else None


def fits(pronoun: str, cand: Candidate, known: dict[str, str]) -> bool:
    """May the pronoun stand for the candidate: neither its description or what the text
    taught (`known`) nor its title tells the other sex."""
    _, name, sex = cand
    pronoun = pronoun.lower()
    told = sex or known.get(name.split()[-1])
    return all(x is None or x == pronoun for x in (told, _title_sex(name)))


def _sex_of(noun: str) -> str | None:
    if re.fullmatch(_SHE_NOUNS, noun.lower()):
        return "she"
    return "he" if re.fullmatch(_HE_NOUNS, noun.lower()) else None


def _a_person(name: str | None) -> str | None:
    """The name if a pronoun may stand for it: not a pronoun ("I'm"), nor a sentence's first
    function word ("The Sydney jury", "It")."""
    if not name:
        return None
    first = re.split(r"[’']", name.split()[0])[0]
    return None if fold(first) in FUNCTION_WORDS | SPEAKER_PRONOUNS else name


def _a_speaker(name: str | None) -> str | None:
    """A quotation's speaker a later pronoun may stand for ("his wife", not "she")."""
    return name if name and name.lower() not in SPEAKER_PRONOUNS else None


def candidates(text: str, end: int, tier: str = "speakers") -> list[Candidate]:
    """The people before offset `end` a pronoun may stand for, with the sex their description
    tells: "speakers" (named or described subjects of reporting verbs), "subjects" (named
    subjects of any clause) or "anyone" (every name, for an object pronoun: "heard him say")."""
    if tier == "speakers":
        out: list[Candidate] = []
        found = [
            *NAMED_SPEAKER.finditer(text, 0, end),
            *_COORDINATED_SPEAKER.finditer(text, 0, end),
        ]
        for m in found:
            n = _a_person(named(m))
            if n is None:
                continue
            role = _ROLE_OF.search(text, max(0, m.start() - 80), m.start())
            # "the aide to Lyng said": the speaker is the aide, not Lyng
            out.append(
                (role.start(), text[role.start() : m.start()] + n, None)
                if role
                else (m.start(), n, None)
            )
        return out + [
            (m.start(), m.group("desc"), _sex_of(m.group("noun")))
            for m in _DESCRIBED_SUBJECT.finditer(text, 0, end)
        ]
    pattern = _SUBJECT_MENTION if tier == "subjects" else _MENTION
    return [
        (m.start(), n, None) for m in pattern.finditer(text, 0, end) if (n := _a_person(named(m)))
    ]


def _nearest_candidate(
    pronoun: str, cands: list[Candidate], known: dict[str, str]
) -> Candidate | None:
    fitting = [c for c in cands if fits(pronoun, c, known)]
    return max(fitting, key=lambda c: c[0]) if fitting else None


def _nearest(pronoun: str, cands: list[Candidate], known: dict[str, str]) -> str | None:
    found = _nearest_candidate(pronoun, cands, known)
    return found[1] if found else None


def sexed_people(text: str, end: int) -> list[Candidate]:
    """People before `end` whose description tells their sex, as subjects of a clause."""
    out: list[Candidate] = []
    for pattern in (_SEXED_DESCRIPTION, _NAME_THEN_SEXED):
        for m in pattern.finditer(text, 0, end):
            sex = _sex_of(m.group("noun"))
            who = _a_person(m.group("who")) or m.groupdict().get("desc")
            if sex and who:
                out.append((m.start(), who, sex))
    return out


def _told_sex(cand: Candidate, known: dict[str, str]) -> str | None:
    """The sex the text tells of the candidate (as fits reads it), None where it tells none."""
    _, name, sex = cand
    return sex or known.get(name.split()[-1]) or _title_sex(name)


def _person(
    pronoun: str, text: str, at: int, before: list[Quote], known: dict[str, str], obj: bool
) -> str | None:
    """The nearest speaker the pronoun fits, else the nearest named subject of a clause: a
    speaker is likelier to speak again than someone the text only tells about ("Mr Clarke saw
    ... Noye seemed to be 'out of puff'. He said: ..." is Mr Clarke). An object pronoun may
    be anyone the text names."""
    if obj:
        # before the object pronoun itself: "heard him say to his girlfriend, Jane Roe:" is
        # not Jane Roe
        word = {"he": "him", "she": "her"}[pronoun]
        said_at = [m.start() for m in re.finditer(rf"\b{word}\b", text[:at], re.IGNORECASE)]
        return _nearest(pronoun, candidates(text, said_at[-1] if said_at else at, "anyone"), known)
    said: list[Candidate] = [(p.start, n, None) for p in before if (n := _a_speaker(p.speaker))]
    found = _nearest_candidate(pronoun, candidates(text, at) + said, known)
    if found is None or _told_sex(found, known) is None:
        # a speaker of untold sex gives way to a nearer person the text tells is a "she"
        sexed = [c for c in sexed_people(text, at) if c[2] == pronoun]
        nearer = [c for c in sexed if found is None or c[0] > found[0]]
        if nearer:
            return max(nearer, key=lambda c: c[0])[1]
    if found is not None:
        return found[1]
    return _nearest(pronoun, candidates(text, at, "subjects"), known)


def _learn_sexes(text: str, known: dict[str, str]) -> None:
    """Every "he said" / "she said" of the text, resolved in order, tells its person's sex
    (quote marks the reader could not pair still say "she said")."""
    for m in _PRONOUN_CLAUSE.finditer(text):
        pronoun = m.group("pron").lower()
        found = _person(pronoun, text, m.start(), [], known, False)
        if found and found[:1].isupper():
            known.setdefault(found.split()[-1], pronoun)


def _group(name: str, text: str, at: int) -> str:
    subject, mention = (
        (_GROUP_SUBJECT, _GROUP_MENTION)
        if name.lower() == "they"
        else (_BODY_SUBJECT, _BODY_MENTION)
    )
    for pattern in (subject, mention):
        groups = list(pattern.finditer(text, 0, at))
        if groups:
            return groups[-1].group("group")
    return name


def resolve(text: str, quotes: list[Quote]) -> list[Quote]:
    """Pronouns to the nearest person before the quote they can stand for; surnames to full
    names."""
    out: list[Quote] = []
    known = sexes(text)
    _learn_sexes(text, known)
    for q in quotes:
        name = q.speaker
        low = name.lower() if name else ""
        if low in ("they", "it", "them"):
            name = _group("they" if low == "them" else low, text, q.start)
        elif low in ("he", "she", "him", "her"):
            pronoun = _OBJECT.get(low, low)
            found = _person(pronoun, text, q.start, out, known, low in _OBJECT)
            name = found or pronoun
            if found and found[:1].isupper():
                known.setdefault(found.split()[-1], pronoun)
        if name and name.lower() not in THIRD_PERSON_SUBJECTS:
            name = full_name(text, q.start, name)
        if name != q.speaker:
            q = Quote(q.start, q.end, q.inner_start, q.inner_end, name, q.credit)
        out.append(q)
    return out
