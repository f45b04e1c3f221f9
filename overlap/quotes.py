"""Quotations in a paragraph (and across paragraphs), and who the text credits for them.

Handles the shapes news copy uses: “…,” Sanchez said · “…,” said Videgaray · “…,” X, a security
analyst at Y, told ABC News · “…,” the report stated · the agency stated, “…” · X said: “…” ·
“…,” said a security analyst at Y, Alex Sanchez · X said in a statement · according to the L.A.
Times. Marks: straight, curly, guillemets, TeX-style ``…'' and `…' (PA wire copy), single quotes
nested inside double ones. Pronouns (“…,” he said) are resolved to the nearest earlier named
speaker, and a surname ("Sanchez said") to the full name the text gave earlier ("Alex Sanchez").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .attribution import credit_kind
from .lexicon import POLICE_RANKS, THIRD_PERSON_SUBJECTS, TITLES
from .quote_marks import Pair, continues, pairs
from .quote_pronouns import resolve as _resolve
from .speech_clauses import claim_owner, clause_speaker, reporting_subjects
from .speech_patterns import NAME as _NAME
from .speech_patterns import PRONOUN as _PRONOUN
from .speech_patterns import SP as _SP
from .speech_patterns import VERBS as _VERBS
from .speech_patterns import WHEN as _WHEN
from .speech_patterns import apposed_name
from .speech_patterns import clean as _clean
from .speech_patterns import named as _named
from .textnorm import fold
from .types import Quote

# "the report stated", "the state environmental agency's notice stated": a body or a document,
# the words before it lower case, possessives allowed.
_DEFINITE = (
    # Capitalised words too: "the former Chilean dictator's lawyers told".
    r"(?:the|The)\s+(?:[A-Za-z][\w\-]*(?:[’']s)?\s+){0,5}?(?:report|agency|statement|strategy|"
    r"document|paper|study|ministry|department|government|official|officials|spokesman|"
    r"spokeswoman|judge|court|prosecutor|prosecutors|lawyer|lawyers|detectives|police|"
    r"officers|parents|family|jury|letter|ruling|notice|filing|memo|order|complaint|"
    r"indictment|lawsuit|warning|bulletin|survey|audit|review|inquiry)\b"
)
# "a police source", "A hospital spokesman", "one of the defence lawyers", "a spokeswoman for
# the RSPCA": someone the text describes but does not name.
_DESCRIBED = (
    r"(?:[Aa]n?|[Oo]ne(?:\s+of\s+(?:the|his|her|their))?)\s+(?:[a-z][\w\-]*\s+){0,3}?"
    r"(?:spokesman|spokeswoman|spokesperson|source|sources|official|officials|officer|officers|"
    r"lawyer|lawyers|friend|relative|neighbour|witness|detective|detectives|colleague|"
    r"insider|aide|member|worker|resident)\b"
    rf"(?:\s+(?:for|of|at)\s+(?:the\s+)?{_NAME})?"
)
_WHO = (
    rf"(?:(?P<desc>{_DESCRIBED})|(?:the\s+|The\s+)?(?:[\w\-]+\s+){{0,6}}?(?P<name>{_NAME})"
    rf"|(?P<pron>{_PRONOUN})|(?P<def>{_DEFINITE}))"
)
# After the closing mark: ", X[, apposition,] said [to] OUTLET" or ", said X".
_AFTER_SUBJECT = re.compile(
    rf"^\s*,?\s*{_WHO}\s*(?:,[^,“”\"]{{1,120}},\s*)?{_VERBS}\b"
    rf"(?:\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,4}}(?P<credit>{_NAME}))?"
)
_AFTER_VERB = re.compile(rf"^\s*,?\s*{_VERBS}\s+(?:(?P<desc>{_DESCRIBED})|(?P<name>{_NAME}))")
# A court transcript's turn: "Mr Browne: 'He was drunk, was he not?'"
_DIALOGUE = re.compile(rf"^\s*(?P<name>{_NAME})\s*:\s*$")
# Reported speech with the quoted words inside it, in one sentence: "Mr Carman branded the
# goalkeeper 'a serial liar'", "Alun Jones QC, opening the case, said they were '...'".
# The apposition may hold commas ("Richard Hulett, coroner at Stoke Mandeville, Bucks, said",
# whose speaker is not the place) or be a relative clause ("Mr Sumption, who said ... his
# 'undesirable continued detention,' said"); the subject may be a group the text does not name
# ("what the detectives called a 'callous' attack", "the boy's parents, John and Carol, said").
_GROUP = (
    r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w\-]+(?:[’']s)?\s+){0,3}?(?:detectives|police|officers|"
    r"officials|parents|family|lawyers|prosecution|jury|judge|court|coroner|magistrate|wife|"
    r"husband|mother|father|widow|woman|man|boy|girl|witness)\b"
)
_REPORTED = re.compile(
    rf"(?:(?P<name>{_NAME})|(?P<desc>{_GROUP})|\b(?P<pron>he|she|it|they)\b)"
    rf"(?:,(?P<app>[^“”\"]{{1,120}}?),|,\s+who)?\s+{_WHEN}"
    rf"(?:{_VERBS}|branded|described|called|"
    r"accused|claimed|denied|admitted|insisted|hoped|urged|asked|agreed|suggested|alleged|"
    r"condemned|dismissed|ruled|told)\b"
)
# ", said a security analyst at the Council on Hemispheric Affairs, Alex Sanchez" and
# ", a security analyst at ..., Alex Sanchez, said": the description first, the name last.
_APPOSED = re.compile(
    rf"^\s*,?\s*(?:{_VERBS}\s+)?(?:an?|the|his|her|its|their)\s+[a-z][^,“”\"]{{0,100}},\s*"
    rf"(?P<name>{_NAME})\s*(?:,|\.|$|{_VERBS}\b)"
)
_TOLD = re.compile(rf"\b(?:told|tells)\s+(?:the\s+)?(?P<credit>{_NAME})")
# Before the opening mark: "X said:", "the agency stated,".
# ... with an apposition between the name and the verb: "James Clappison, a Conservative
# education spokesman, said:", "Graham Parkins, QC, defending, told Mr Justice Owen:" (two
# parts).
# ... or a verb of stance and a participle of saying: "Home Secretary Charles Clarke disagreed,
# saying:" (BBC politics).
_SAYING = r"(?:[a-z]+(?:ed|s),?\s+(?:saying|adding|insisting|arguing|warning|explaining|telling))"
_BEFORE = re.compile(
    rf"{_WHO}(?:,[^,“”\"]{{1,120}}(?:,[^,“”\"]{{1,40}})?,|,)?\s+{_WHEN}(?:{_VERBS}|{_SAYING})(?:\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,4}}"
    rf"(?P<credit>{_NAME}))?"
    r"(?:\s+(?:in|from|after|outside|before|at)\s+(?:an?|the|its|his|her|their)\s+"
    r"(?:[\w\-]+\s+){0,3}?[\w\-]+)?"
    r"\s*[:,]?\s*$"
)
_ACCORDING = re.compile(
    rf"(?:according to|interview with|reported by|in remarks to)\s+(?:the\s+)?"
    rf"(?:[a-z][\w\-]*\s+){{0,4}}(?P<credit>{_NAME})"
)
# "said in a statement", "wrote in a letter to the court": the words come from a document.
_DOCUMENT = re.compile(
    r"\b(?:in|from|by)\s+(?P<doc>(?:an?|the|its|his|her|their)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:statement|report|letter|memo|memorandum|filing|press release|release|e-?mail|post|"
    r"tweet|document|speech|book|article|op-ed|column|ruling|judgment|judgement|affidavit|"
    r"testimony|submission|strategy))\b"
)
# Passive: "was told by Mr Justice Smedley:", "had been told by Judge Jeremy Griggs:".
_TOLD_BY = re.compile(rf"\btold{_SP}by{_SP}(?P<name>{_NAME})\s*[:,]?\s*$")
# "... and added:", ", adding:": no subject of its own, the sentence's earlier speaker's words.
_RUN_ON = re.compile(r"(?:\band|,)\s+(?:then\s+)?(?:added|adding|went on|continued)\s*[:,]?\s*$")
_SUBJECT = re.compile(
    rf"(?:\b(?P<pron>{_PRONOUN})|(?P<name>{_NAME})(?:,[^“”\"]{{1,120}}?,)?)\s+{_VERBS}\b"
)
# After a possessive name: "['s] barrister Robert Howe", "['s] lawyer, Tomas Matusek".
_OWNER = re.compile(rf"(?<=[’']s)\s+(?:[a-z][\w\-]*\s+){{1,3}},?\s*(?P<name>{_NAME})")
_OUTLET_VERB = re.compile(r"^(told|tells|wrote|reported|according to)$")


class _Said(NamedTuple):
    speaker: str | None
    credit: str | None
    document: str | None
    context: str  # the attribution clause, for telling an outlet from a person


@dataclass(frozen=True)
class Quotation:
    """One quotation with its words and its credit, as offsets into the text as read.

    `parts` are the quoted words' spans: more than one when a quotation is continued over
    paragraphs (an open quote at a paragraph's end, an open quote on the next). `speaker` is who
    the text says spoke, resolved ("Sanchez said" -> "Alex Sanchez", "he said" -> the nearest
    named speaker before it); `said_as` is how the attribution wrote it. `speaker_kind` is
    person / organisation / outlet / document; `outlet` an outlet the quote is credited to
    ("told ABC News", "according to the L.A. Times"); `document` a document it comes from ("said
    in a statement"). `depth` 1 is a quotation inside another one.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    text: str
    speaker: str | None = None
    said_as: str | None = None
    speaker_kind: str | None = None
    outlet: str | None = None
    document: str | None = None
    depth: int = 0

    @property
    def credited(self) -> bool:
        """Credited to someone or something named (an unresolved "he" is no credit)."""
        named = self.speaker is not None and self.speaker.lower() not in THIRD_PERSON_SUBJECTS
        return named or self.outlet is not None or self.document is not None


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations inside the paragraph text[start:end], with speaker and credit where stated.

    >>> t = '“We will act,” Sanchez said, a day after “talks,” he told ABC News.'
    >>> [(text_of(t, q), q.speaker, q.credit) for q in find_quotes(t, 0, len(t))]
    [('We will act,', 'Sanchez', None), ('talks,', 'Sanchez', 'ABC News')]
    """
    quotes = []
    for p in pairs(text, start, end):
        if p.depth == 0:
            said = _credit(text, start, end, p)
            quotes.append(
                Quote(p.start, p.end, p.inner_start, p.inner_end, said.speaker, said.credit)
            )
    return _resolve(text, _continue_speakers(_share_sentences(text, quotes)))


def quotations(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Quotation]:
    """Every quotation of a text cut into paragraphs (start, end), nested ones included.

    >>> t = "``We will not act,'' said Mr Justice Owen. ``The case is closed.''"
    >>> [(q.text, q.speaker) for q in quotations(t, [(0, len(t))])]
    [('We will not act,', 'Mr Justice Owen'), ('The case is closed.', 'Mr Justice Owen')]
    """
    # Per paragraph: its quotations (depth 0 with their credit), and whether its first one
    # opens the paragraph and its last one is left open, for joining continued quotations.
    found: list[tuple[int, Pair, _Said | None]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        for p in pairs(text, p_start, p_end):
            said = _credit(text, p_start, p_end, p) if p.depth == 0 else None
            found.append((n, p, said))
    merged: list[tuple[int, list[Pair], _Said | None]] = []
    for n, p, said in found:
        if merged and p.depth == 0 and continues(text, merged[-1][1][-1], p):
            n0, parts, first = merged[-1]
            keep = first if first is not None and first.speaker else said
            merged[-1] = (n0, [*parts, p], keep)
        else:
            merged.append((n, [p], said))
    plain = [
        Quote(
            ps[0].start,
            ps[-1].end,
            ps[0].inner_start,
            ps[-1].inner_end,
            s.speaker if s else None,
            s.credit if s else None,
        )
        for _, ps, s in merged
    ]
    # An unattributed quotation continues the credited one before it in its paragraph; one
    # that opens its paragraph continues the speaker of the paragraph before (news copy gives
    # a speaker once, then runs their words on over paragraphs).
    top: list[int] = []
    continued: list[Quote] = []
    for n in dict.fromkeys(m[0] for m in merged):
        here = [i for i, m in enumerate(merged) if m[0] == n and m[1][0].depth == 0]
        top += here
        opening = [plain[i] for i in here]
        if opening and opening[0].speaker is None and n > 0:
            p_start = paragraphs[n][0]
            if not text[p_start : opening[0].start].strip():
                who = _last_speaker(text, paragraphs[n - 1], continued)
                if who is not None:
                    q0 = opening[0]
                    opening[0] = Quote(q0.start, q0.end, q0.inner_start, q0.inner_end, who, None)
        continued += _continue_speakers(_share_sentences(text, opening))
    resolved = dict(zip(top, _resolve(text, continued), strict=True))
    out = []
    for i, (_, ps, said) in enumerate(merged):
        q = resolved.get(i, plain[i])
        spans = tuple((p.inner_start, p.inner_end) for p in ps)
        words = " ".join(text[s:e].strip() for s, e in spans)
        kind = credit_kind(q.speaker, said.context if said else "")
        out.append(
            Quotation(
                ps[0].start,
                ps[-1].end,
                spans,
                words,
                q.speaker,
                said.speaker if said else None,
                kind,
                q.credit,
                said.document if said else None,
                ps[0].depth,
            )
        )
    return out


def text_of(text: str, quote: Quote) -> str:
    return text[quote.inner_start : quote.inner_end]


def _credit(text: str, p_start: int, p_end: int, p: Pair) -> _Said:
    tail = _clause(text[p.end : p_end])
    head = text[p_start : p.start]
    # a full stop before a small letter ends no sentence ("his girl. friend")
    stop = max((m.start() for m in _HEAD_STOP.finditer(head)), default=-1)
    cut = max(stop, head.rfind("”"), head.rfind('"'), head.rfind("''"))
    head = head[cut + 1 :].lstrip("' ")
    speaker = credit = None
    # A quote that ends its sentence ("... wherever it is provided.") followed by a capital
    # starts a new sentence after it ("Ms Coughlan said she was pleased"): no attribution.
    words = text[p.inner_start : p.inner_end].rstrip(" '’\"")
    if words.endswith((".", "!", "?")) and re.match(r"\s*[A-Z]", tail):
        tail = ""
    m = _AFTER_VERB.match(tail)
    if (a := _APPOSED.match(tail)) is not None:
        speaker = a.group("name")
        m = _TOLD.search(tail, a.end("name"))
        credit = m.group("credit") if m else None
    elif m and not _OUTLET_VERB.match(m.group(0).strip(" ,").split()[0]):
        speaker = m.group("desc") or m.group("name")
        if speaker and (owner := _OWNER.match(tail, m.end())):
            # "conceded Collins's barrister Robert Howe": the speaker is the one named last
            speaker = owner.group("name")
    elif d := _DIALOGUE.match(head):
        speaker = d.group("name")
    elif t := _TOLD_BY.search(head):
        speaker = t.group("name")
    else:
        m = _AFTER_SUBJECT.match(tail) or _BEFORE.search(head)
        if m:
            speaker = m.group("desc") or m.group("name") or m.group("pron") or m.group("def")
            credit = m.group("credit")
        elif _RUN_ON.search(head) and (s := _SUBJECT.search(head)):
            speaker = s.group("pron") or _named(s)
        elif who := clause_speaker(head):
            speaker = who
        elif said := _REPORTED.search(head):
            # the sentence's first reporting subject: "He said Obama agreed to 'cooperate'"
            # reports his words, not Obama's; a claim's owner after it, the claim's
            claim = claim_owner(head)
            if claim is not None and claim[0] > said.start():
                speaker = claim[1]
            else:
                desc = said.group("desc")
                speaker = (desc and apposed_name(said.group("app"))) or desc
                speaker = speaker or said.group("pron") or _named(said)
        elif claim := claim_owner(head):
            speaker = claim[1]
        elif not head.strip():
            # The quote opens its sentence with no attribution: the person the paragraph
            # last reports ("..., Mr Morris said. “He gave her a strong drink ...”", "He told
            # the magistrate that .... 'It is facile ...'").
            quoted = [(x.start, x.end) for x in pairs(text, p_start, p_end)]
            subjects = reporting_subjects(text, p_start, p.start, quoted)
            speaker = subjects[-1] if subjects else None
    speaker = _clean(speaker)
    sentence = head + " " + tail
    if credit is None and (m2 := _ACCORDING.search(sentence)):
        credit = m2.group("credit")
    doc = _DOCUMENT.search(sentence)
    return _Said(
        speaker, _outlet_credit(_clean(credit)), doc.group("doc") if doc else None, sentence
    )


def _outlet_credit(credit: str | None) -> str | None:
    """The credit unless it is a person told the words: a name led by a title or rank ("told
    Mr Justice Owen:", "told Judge Hyam", "told President Reagan") is a listener, no outlet or
    document the quote could be checked against.

    >>> _outlet_credit("Mr Justice Owen"), _outlet_credit("ABC News")
    (None, 'ABC News')
    """
    if credit is None:
        return None
    first = fold(credit.split()[0].rstrip("."))
    return None if first in TITLES or first in POLICE_RANKS else credit


def _clause(tail: str) -> str:
    # The attribution ends at the sentence end or where the next quotation opens.
    # A full stop after an initial ("the L.A. Times") does not end it.
    end = _SENTENCE_END.search(tail)
    cut = end.start() if end else len(tail)
    # A line break inside a paragraph is a hard-wrapped line (wire copy), not an end.
    for stop in ("“", "``", '"', "«", "„"):
        i = tail.find(stop)
        if i != -1:
            cut = min(cut, i)
    return tail[:cut]


_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])\.\s")
_HEAD_STOP = re.compile(r"\.\s(?!\s*[a-z])")


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


def _share_sentences(text: str, quotes: list[Quote]) -> list[Quote]:
    """An unattributed quotation takes the speaker of the next one in its sentence: "others
    were 'simple cases of police brutality' found in many countries, 'including Britain', the
    general's lawyers told the hearing" credits both phrases to the lawyers."""
    out = list(quotes)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        between = text[q.inner_end : nxt.start]
        words = text[q.inner_start : q.inner_end].rstrip(" '’\"")
        if (
            q.speaker is None
            and nxt.speaker is not None
            and not words.endswith((".", "!", "?"))
            and not re.search(r"[.!?;:]", between)
        ):
            out[i] = Quote(q.start, q.end, q.inner_start, q.inner_end, nxt.speaker, nxt.credit)
    return out


def _last_speaker(text: str, paragraph: tuple[int, int], before: list[Quote]) -> str | None:
    """Who speaks last in a paragraph: its last credited quotation's speaker, or the last
    person it reports ("Helen Merral told the jury that ...")."""
    start, end = paragraph
    said = [q.speaker for q in before if start <= q.start < end and q.speaker]
    if said:
        return said[-1]
    quoted = [(q.start, q.end) for q in before if start <= q.start < end]
    subjects = reporting_subjects(text, start, end, quoted)
    return subjects[-1] if subjects else None
