"""The words of English reporting clauses, shared by the quotation reader (quotes.py) and the
pronoun resolver (quote_pronouns.py): reporting verbs, how a name is written, and the cleaning
of a name a pattern caught ("But Valdés" -> "Valdés")."""

from __future__ import annotations

import re

from .attribution import last_sentence
from .lexicon import THIRD_PERSON_SUBJECTS

VERBS = (
    r"(?:said|says|stated|states|told|tells|added|adds|wrote|writes|explained|noted|argued|"
    r"warned|insisted|believes|concluded|declared|reported|recalled|replied|continued|"
    r"responded|answered|asked|conceded|observed|admitted|claimed|denied|vowed|"
    r"revealed|announced|remarked|commented|exclaimed|pleaded|"
    # the reporting verbs of tabloid court copy ("Sandy Strover fumed: 'I feel let down.'")
    r"fumed|snapped|snarled|sobbed|boasted|bragged|joked|shouted|screamed|whispered|yelled|"
    r"muttered|sneered|raged|"
    # reported in the passive: "Mr McKay was heard to say:", "was quoted as saying", "was
    # said to have joked" (METER courts papers)
    r"(?:was|were|is|are|had\s+been)\s+(?:heard|quoted|recorded|overheard)\s+"
    r"(?:to\s+say|as\s+saying|saying)|"
    r"(?:was|were)\s+said\s+to\s+have\s+(?:said|joked|told|boasted|remarked)|"
    r"according to)"
)
# Words of a name are apart by spaces or one line break (hard-wrapped wire copy:
# "said Mr\nSimpson"), never by a blank line, which ends the paragraph.
SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_CAP = r"[A-Z][\w.’'\-]*"
_PLAIN_NAME = rf"{_CAP}(?:{SP}(?:(?:de|del|la|van|von|of|the){SP})?{_CAP})*"
# A firm after "of" may hold an "and" ("Bruce Lazier of Prescott Ball and Turben said",
# Reuters-21578): one speaker, not two; "Smith and Jones said" stays two names.
_OF_FIRM_WITH_AND = (
    rf"{_PLAIN_NAME}{SP}of{SP}{_CAP}(?:{SP}{_CAP})*{SP}(?:and|&){SP}{_CAP}(?:{SP}{_CAP})*"
)
NAME = rf"(?:{_OF_FIRM_WITH_AND}|{_PLAIN_NAME})"
# "he said", "He said": either case, the pronoun as the text wrote it.
PRONOUN = f"(?:{'|'.join([*THIRD_PERSON_SUBJECTS, *map(str.capitalize, THIRD_PERSON_SUBJECTS)])})"
# "Karen King, of Newbury, Berks, said": an apposition may hold commas of its own, but no
# sentence end (BBC tech: "... such as the firewall in Windows XP, have been given away free.
# But Mike Nash, vice president ..., said" is Mike Nash speaking, not Windows XP); a full stop
# after a title or initials ("Dr.", "U.S.") ends no sentence. The verb may be a relative
# clause's ("Penelope Tomkins, 49, who admitted soliciting her husband's murder, was jailed
# ... she wrote:" is hers, PA courts, a draft).
_APPOSITION = r"(?:(?!(?<![A-Z][a-z])(?<![A-Z])(?<!Mrs)[.!?]\s+[A-Z])[^“”\"]){1,120}?"
# An adverb of time or addition between the speaker and the verb: "He later told reporters:",
# "Charles Kennedy also said".
WHEN = r"(?:(?:later|also|then|again|earlier|subsequently|yesterday|today)\s+)?"
NAMED_SPEAKER = re.compile(
    rf"(?P<name>{NAME})(?:,(?P<app>{_APPOSITION}),)?(?:,?\s+who)?\s+{WHEN}(?:says|said|believes|told|tells|"
    r"argues|argued|added|stated|wrote|warned|explained|insisted|recalled|claimed|admitted|"
    r"denied|replied|asked)\b"
)

_LEADING = re.compile(
    r"^(?:(?:But|And|So|Yet|Now|Still|Then|Also|Meanwhile|However|While|When|"
    r"As|If|Even|Instead|Passing|Sentencing|Speaking|Outside|Afterwards|Later|Earlier|"
    r"Despite|Yesterday|Today|Last night)(?:\s+|$))+"
)
_WHOLE_NAME = re.compile(rf"\s*{NAME}\s*")


def named(m: re.Match[str]) -> str | None:
    """The speaker a "NAME[, apposition,] said" match names. A sentence opener taken for the
    name ("However, another witness, Helen Merrall, who drove away, said") leaves the name to
    the apposition: its first comma-separated piece that is a name and nothing else."""
    name = clean(m.group("name"))
    app = m.groupdict().get("app")
    if name is None and app:
        pieces = [x for x in app.split(",") if _WHOLE_NAME.fullmatch(x)]
        name = clean(pieces[0]) if pieces else None
    return name


# An apposition piece that names: "Marie Cross", or a role before the name ("midwife Marie
# Cross", "his brother John").
_ROLE_THEN_NAME = re.compile(rf"\s*(?:[a-z][\w\-]*\s+){{0,3}}(?P<name>{NAME})\s*")


def apposed_name(app: str | None) -> str | None:
    """The name an apposition gives a described speaker: "His widow, midwife Marie Cross, told
    the hearing" (the Daily Express, METER courts) is Marie Cross speaking, whom the PA copy
    calls Mrs Cross, not an unnamed widow. The first comma-separated piece that is a name,
    with at most three lower-case words before it."""
    for piece in (app or "").split(","):
        if m := _ROLE_THEN_NAME.fullmatch(piece):
            return clean(m.group("name"))
    return None


def clean(name: str | None) -> str | None:
    if not name:
        return None
    # a run of capitals that crossed a sentence end ("by Hobbs. She") keeps its last sentence
    name = re.sub(r"(?<!\n)[ \t]*\n[ \t]*(?!\n)", " ", name)  # a wrapped line, not a break
    name = _LEADING.sub("", last_sentence(name).strip().rstrip(".,;: "))
    name = re.sub(r"\s+", " ", name)
    if name in ("I", "We", "QC", "MP"):  # a voice inside a quote, or letters after a name
        return None
    return name or None
