"""Quotations in a paragraph, and who the text credits for them.

Handles the shapes news copy uses: “…,” Sanchez said · “…,” said Videgaray · “…,” X, a security
analyst at Y, told ABC News · “…,” the report stated · the agency stated, “…” · X said: “…”.
Pronouns (“…,” he said) are resolved to the nearest earlier named speaker, when there is one.
"""

from __future__ import annotations

import re

from .types import Quote

_MARKS = '“”"„«»'
_OPENERS = '“"„«'
_VERBS = (
    r"(?:said|says|stated|states|told|tells|added|adds|wrote|writes|explained|noted|argued|"
    r"warned|insisted|believes|concluded|declared|reported|according to)"
)
_NAME = r"(?:[A-Z][\w.’'\-]*(?:\s+(?:(?:de|del|la|van|von|of|the)\s+)?[A-Z][\w.’'\-]*)*)"
_PRONOUN = r"(?:he|she|they|it|He|She|They|It)"
_DEFINITE = (
    r"(?:the|The)\s+(?:[a-z][\w\-]*\s+){0,5}?(?:report|agency|statement|strategy|document|"
    r"paper|study|ministry|department|government|official|officials|spokesman|spokeswoman)"
)
_WHO = (rf"(?:(?:the\s+|The\s+)?(?:[\w\-]+\s+){{0,6}}?(?P<name>{_NAME})"
        rf"|(?P<pron>{_PRONOUN})|(?P<def>{_DEFINITE}))")
# After the closing mark: ", X[, apposition,] said [to] OUTLET" or ", said X".
_AFTER_SUBJECT = re.compile(
    rf"^\s*,?\s*{_WHO}\s*(?:,[^,“”\"]{{1,120}},\s*)?{_VERBS}\b"
    rf"(?:\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,4}}(?P<credit>{_NAME}))?"
)
_AFTER_VERB = re.compile(rf"^\s*,?\s*{_VERBS}\s+(?P<name>{_NAME})")
# Before the opening mark: "X said:", "the agency stated,".
_BEFORE = re.compile(
    rf"{_WHO}\s+{_VERBS}(?:\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,4}}"
    rf"(?P<credit>{_NAME}))?\s*[:,]?\s*$"
)
_ACCORDING = re.compile(rf"according to (?:the\s+)?(?:[a-z][\w\-]*\s+){{0,4}}(?P<credit>{_NAME})")
_NAMED_SPEAKER = re.compile(rf"(?P<name>{_NAME})\s+(?:says|said|believes|told|argues|added)\b")
_OUTLET_VERB = re.compile(r"^(told|tells|wrote|reported|according to)$")


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside the paragraph text[start:end], with speaker and credit where stated.

    >>> t = '“We will act,” Sanchez said, a day after “talks,” he told ABC News.'
    >>> [(text_of(t, q), q.speaker, q.credit) for q in find_quotes(t, 0, len(t))]
    [('We will act,', 'Sanchez', None), ('talks,', 'Sanchez', 'ABC News')]
    """
    marks = [i for i in range(start, end) if text[i] in _MARKS]
    quotes = []
    for k in range(0, len(marks) - 1, 2):
        open_at, close_at = marks[k], marks[k + 1]
        quotes.append(_credit(text, start, end, open_at, close_at + 1))
    if len(marks) % 2 == 1 and text[marks[-1]] in _OPENERS:
        # An opening mark left unclosed: the quotation runs on to the paragraph's end.
        quotes.append(_credit(text, start, end, marks[-1], end))
    return _resolve_pronouns(text, _continue_speakers(quotes))


def text_of(text: str, quote: Quote) -> str:
    return text[quote.inner_start : quote.inner_end]


def _credit(text: str, p_start: int, p_end: int, q_start: int, q_end: int) -> Quote:
    inner_end = q_end - 1 if q_end > q_start + 1 and text[q_end - 1] in _MARKS else q_end
    tail = _clause(text[q_end:p_end])
    head = text[p_start:q_start]
    head = head[max(head.rfind(". "), head.rfind("”"), head.rfind('"')) + 1 :]
    speaker = credit = None
    m = _AFTER_VERB.match(tail)
    if m and not _OUTLET_VERB.match(m.group(0).strip(" ,").split()[0]):
        speaker = m.group("name")
    else:
        m = _AFTER_SUBJECT.match(tail) or _BEFORE.search(head)
        if m:
            speaker = m.group("name") or m.group("pron") or m.group("def")
            credit = m.group("credit")
    speaker = _clean(speaker)
    sentence = head + text[q_start:q_end] + tail
    if credit is None and (m2 := _ACCORDING.search(sentence)):
        credit = m2.group("credit")
    return Quote(q_start, q_end, q_start + 1, inner_end, speaker, _clean(credit))


def _clause(tail: str) -> str:
    # The attribution ends at the sentence end or where the next quotation opens.
    cut = len(tail)
    for stop in (". ", "“", "\n"):
        i = tail.find(stop)
        if i != -1:
            cut = min(cut, i)
    return tail[:cut]


_LEADING = re.compile(
    r"^(?:(?:But|And|So|Yet|Now|Still|Then|Also|Meanwhile|However|While|When|"
    r"As|If|Even|Instead)\s+)+"
)


def _clean(name: str | None) -> str | None:
    if not name:
        return None
    name = _LEADING.sub("", name.rstrip(".,;: "))
    return name or None


def _continue_speakers(quotes: list[Quote]) -> list[Quote]:
    # A quotation with no attribution right after a credited one in the same paragraph continues
    # it: “A,” the report stated. “B.”
    out: list[Quote] = []
    for q in quotes:
        if q.speaker is None and out and out[-1].speaker is not None:
            prev = out[-1]
            q = Quote(q.start, q.end, q.inner_start, q.inner_end, prev.speaker, prev.credit)
        out.append(q)
    return out


def _resolve_pronouns(text: str, quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    for q in quotes:
        if q.speaker and q.speaker.lower() in {"he", "she"}:
            names = _NAMED_SPEAKER.findall(text[: q.start])
            earlier = [
                p.speaker
                for p in out
                if p.speaker and p.speaker.lower() not in {"he", "she", "they", "it"}
            ]
            name = _clean(names[-1]) if names else (earlier[-1] if earlier else None)
            if name:
                q = Quote(q.start, q.end, q.inner_start, q.inner_end, name, q.credit)
        out.append(q)
    return out
