"""Reporting clauses before a quotation that name its speaker in a roundabout way.

quotes.py reads the plain shapes ("X said:", "..., said X"); these are the rest seen in court
copy, each a shape of English, not of one story:

- perception: "heard him say to his girlfriend, Jane Roe: '...'" (the one heard, not the one
  who heard or the one spoken to);
- a described subject: "Mr Jones claimed the former TV presenter then snarled: '...'" (the
  last reporting verb before the colon, its subject a description);
- words given with a noun: "they challenged him with the warning: '...'";
- a claim's owner: "the Belgian government for its claims that he had acted '...'".

A pronoun found here ("him", "its") is resolved by quote_pronouns.resolve.
"""

from __future__ import annotations

import re

from .speech_patterns import NAME, NAMED_SPEAKER, VERBS, named

_PERCEPTION = re.compile(
    rf"\b(?:heard|hear|hears|saw|recalled|remembered)\s+(?P<who>him|her|them|{NAME})\s+"
    r"(?:say|shout|scream|yell|cry|cri|ask|tell|whisper|mutter)(?:ing|ed|s)?\b"
    r"[^“”\"]{0,80}?[:,]?\s*$"
)
_DESCRIBED_BEFORE = re.compile(
    r"(?P<who>\b(?:the|his|her|their|The|His|Her|Their)\s+(?:[\w’'\-]+\s+){0,4}?(?!(?:and|or|but|then)\b)[a-z][\w\-]+)"
    rf"\s+(?:(?:then|also|later|again)\s+)?{VERBS}\s*:\s*$"
)
_WITH_WORDS = re.compile(
    rf"(?:(?P<name>{NAME})|\b(?P<who>he|she|they|He|She|They)\b)\s+(?:[\w\-]+\s+){{1,4}}?"
    r"with\s+(?:the|a|an|these|this)\s+(?:[a-z]+\s+)?(?:words?|warning|shout|cry|remark|"
    r"message|comment|plea|threat|question)\s*[:,]?\s*$"
)
_CLAIM_OWNER = re.compile(
    rf"(?:\b(?P<who>its|their|his|her|Its|Their|His|Her)|(?P<name>{NAME})[’']s)\s+"
    r"(?:[a-z]+\s+)?(?:claims?|allegations?|assertions?|accusations?|suggestion|argument|"
    r"complaint|description)\s+(?:that|of)\b"
)
_POSSESSIVE = {"its": "it", "their": "they", "his": "he", "her": "she"}
# A reporting subject anywhere, pronouns included: "He told the magistrate that ...".
_PRONOUN_SPEAKER = re.compile(rf"\b(?P<who>He|he|She|she|They|they)\s+{VERBS}\b")


def clause_speaker(head: str) -> str | None:
    """The speaker the clause before a quotation names in one of the shapes above."""
    for pattern in (_PERCEPTION, _DESCRIBED_BEFORE, _WITH_WORDS):
        if m := pattern.search(head):
            return m.groupdict().get("name") or m.group("who")
    return None


def claim_owner(head: str) -> tuple[int, str] | None:
    """Where a claim's owner stands in the clause, and who it is ("its claims that" -> it)."""
    found = list(_CLAIM_OWNER.finditer(head))
    if not found:
        return None
    m = found[-1]  # the claim nearest the quotation
    who = m.group("name") or _POSSESSIVE[m.group("who").lower()]
    return m.start(), who


def reporting_subjects(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[str]:
    """The subjects of the reporting verbs in text[start:end] outside quote marks, in order,
    pronouns included ("She said:" ending a paragraph introduces the next one's quotation)."""
    found = [(m.start(), named(m)) for m in NAMED_SPEAKER.finditer(text, start, end)]
    found += [(m.start(), m.group("who")) for m in _PRONOUN_SPEAKER.finditer(text, start, end)]
    outside = [
        (at, who)
        for at, who in sorted(found)
        if who and who.lower() not in ("i", "we") and not any(s <= at < e for s, e in quoted)
    ]
    return [who for _, who in outside]
