"""Is a draft's quotation what its sources printed, said by whom the draft says? The one home
of quote matching: `check` and the judge ask `match_quote`.

A draft quote is looked for in the sources' quotations first, the source it credits (an outlet
named in its credit) before the others, then in their body text (a source may print the words
without marks). Words are compared folded (Peña = Pena), with spelling variants (honour/honor),
the draft's ellipses (a gap where source words may be left out) and bracketed insertions
("[the president]") allowed, and a quote may be a contiguous part of the source's: a shorter
quote is still quoted, unless what it leaves out is a negation.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .attribution import names_article
from .lexicon import NEGATION_WORDS, SPEAKER_PRONOUNS, TITLES, word_set
from .quotes import Quotation, quotations
from .textnorm import fold, normalise_line, tokenize
from .types import Article, Segmented

# A quote this short is matched too (issue 13: "quotes under 10 words are never matched").
MIN_WORDS = 3
# A shorter quote that leaves out one of these changes what was said. Wider than a clause's
# negation markers: "none", "nowhere" and "without" dropped from a quotation reverse it too.
_NEGATIONS = NEGATION_WORDS | {"none", "without", "nowhere"}
_BRACKET = re.compile(r"\[[^\]]*\]")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_IRREGULAR_NOT = {"won": "will", "can": "can", "shan": "shall", "ain": "is"}


class Outcome(StrEnum):
    QUOTED = "quoted"
    MISQUOTED = "misquoted"
    MISATTRIBUTED = "misattributed"
    UNVERIFIED = "unverified quote"


@dataclass(frozen=True)
class ArticleQuotes:
    """A source article with its quotations and paragraphs (start, end) for body-text search."""

    article: Article
    quotations: tuple[Quotation, ...]
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SourceQuote:
    """Where a source has the quoted words: `start`/`end` are offsets into its text."""

    article: str
    label: str
    start: int
    end: int
    text: str
    speaker: str | None
    marked: bool  # inside the source's own quote marks, not only in its body text
    credited: bool  # the draft's credit names this source
    changes: tuple[str, ...]  # the draft's changed words against this source
    # The source names the person the draft credits (their surname, anywhere in its text);
    # True where the draft credits no named person.
    names_speaker: bool = True


@dataclass(frozen=True)
class QuoteVerdict:
    outcome: Outcome
    quote: Quotation
    source: SourceQuote | None
    changes: tuple[str, ...]
    others: tuple[SourceQuote, ...]
    sources_differ: bool
    reason: str


def article_quotes(
    article: Article, paragraphs: Sequence[tuple[int, int]] | None = None
) -> ArticleQuotes:
    """An article's quotations; paragraphs default to blocks between blank lines."""
    if paragraphs is None:
        paragraphs = [
            (m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", article.text)
        ]
    paras = tuple(paragraphs)
    return ArticleQuotes(article, tuple(quotations(article.text, paras)), paras)


def from_segmented(seg: Segmented) -> ArticleQuotes:
    return article_quotes(seg.article, [(p.start, p.end) for p in seg.paragraphs])


@dataclass(frozen=True)
class _Word:
    norm: str
    raw: str
    start: int
    end: int
    soft: bool  # inside brackets: an editor's insertion, not the speaker's words
    gap: bool  # an ellipsis before it: source words may be missing here


def _words(text: str, spans: Sequence[tuple[int, int]]) -> list[_Word]:
    out: list[_Word] = []
    for s, e in spans:
        part = text[s:e]
        soft = [(m.start() + s, m.end() + s) for m in _BRACKET.finditer(part)]
        gaps = [m.end() + s for m in _ELLIPSIS.finditer(part)]
        for t in tokenize(part, s):
            is_soft = any(a <= t.start < b for a, b in soft)
            gap = any(
                prev_end <= g <= t.start for g in gaps for prev_end in [out[-1].end if out else s]
            )
            for norm in _expand(t.raw, t.norm):
                out.append(_Word(norm, t.raw, t.start, t.end, is_soft, gap))
                gap = False
    return out


def _expand(raw: str, norm: str) -> list[str]:
    # "won't" -> will not, "don't" -> do not: a negation is a word of its own.
    low = raw.lower().replace("’", "'")
    if low.endswith("n't") and len(low) > 3:
        stem = fold(low[:-3])
        return [_IRREGULAR_NOT.get(stem, stem), "not"]
    return [norm]


# Word endings that make another form of the same word (number, tense, comparison): two words
# that differ only in these are not one word spelt two ways ("murmurings" is not "murmuring",
# "increased" is not "increases"), and a quote that changes one has changed the speaker's words.
_INFLECTIONS = frozenset(["", "s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "y", "ies"])


def _variant(a: str, b: str) -> bool:
    """Spelling variants (honour/honor, organise/organize, travelled/traveled,
    programme/program), never a number, a negation or another inflection of the word."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:2] != b[:2] or any(c.isdigit() for c in a + b):
        return False
    for neg in ("un", "in", "im", "non", "dis", "ir", "il"):
        if a == neg + b or b == neg + a:
            return False
    stem = len(os.path.commonprefix([a, b]))
    if a[stem:] in _INFLECTIONS and b[stem:] in _INFLECTIONS:
        return False
    return fuzz.ratio(a, b) >= 85


@dataclass(frozen=True)
class _Match:
    matched: int
    start: int
    end: int
    changes: tuple[str, ...]


def _align(draft: list[_Word], source: list[_Word]) -> _Match | None:
    """The draft's words laid on the source's; None when the source does not have them."""
    vocab = {w.norm for w in source}
    d_norm = [
        w.norm if w.norm in vocab else next((v for v in vocab if _variant(w.norm, v)), w.norm)
        for w in draft
    ]
    s_norm = [w.norm for w in source]
    ops = [op for op in Indel.opcodes(d_norm, s_norm)]
    equal = [op for op in ops if op.tag == "equal"]
    if not equal:
        return None
    matched = sum(op.src_end - op.src_start for op in equal)
    longest = max(op.src_end - op.src_start for op in equal)
    n = len([w for w in draft if not w.soft])
    s0, s1 = equal[0].dest_start, equal[-1].dest_end
    # A short quote may differ by one word and still be this quote, misquoted.
    if (
        matched < min(MIN_WORDS, n)
        or (longest < min(4, n) and matched < n - 1)
        or matched < (0.75 if n < 10 else 0.6) * n
        or s1 - s0 > 2 * n + 5
    ):
        return None
    changes: list[str] = []
    # Source words just before the quote's first word: leaving out a "not" there reverses it.
    lead = [w.raw for w in source[max(0, s0 - 2) : s0] if w.norm in _NEGATIONS]
    if lead and equal[0].src_start == 0:
        changes.append(f"'{' '.join(lead)}' dropped")
    inner = [
        op
        for op in ops
        if op.tag != "equal"
        and s0 <= op.dest_start
        and op.dest_end <= s1
        and not (
            op.tag == "delete"
            and (op.src_end <= equal[0].src_start or op.src_start >= equal[-1].src_end)
        )
    ]
    # Draft words outside the matched stretch are words the source does not have either.
    edge = [
        op
        for op in ops
        if op.tag == "delete"
        and (op.src_end <= equal[0].src_start or op.src_start >= equal[-1].src_end)
    ]
    i = 0
    while i < len(inner):
        op = inner[i]
        d_words, s_words = draft[op.src_start : op.src_end], source[op.dest_start : op.dest_end]
        # a deletion next to an insertion is one replaced stretch: 'dignity' -> 'honor'
        if (
            i + 1 < len(inner)
            and inner[i + 1].tag != op.tag
            and (inner[i + 1].src_start == op.src_end or inner[i + 1].dest_start == op.dest_end)
        ):
            nxt = inner[i + 1]
            d_words = d_words + draft[nxt.src_start : nxt.src_end]
            s_words = s_words + source[nxt.dest_start : nxt.dest_end]
            i += 1
        i += 1
        change = _change(d_words, s_words, draft, op.src_start)
        if change:
            changes.append(change)
    for op in edge:
        words = [w for w in draft[op.src_start : op.src_end] if not w.soft]
        if words:
            changes.append(f"'{' '.join(w.raw for w in words)}' added")
    return _Match(matched, source[s0].start, source[s1 - 1].end, tuple(changes))


def _change(d_words: list[_Word], s_words: list[_Word], draft: list[_Word], at: int) -> str | None:
    d_hard = [w for w in d_words if not w.soft]
    s_hard = [w for w in s_words if not w.soft]
    if not d_hard and (d_words or not s_hard):
        return None  # a bracketed insertion in place of the source's words
    if not s_hard and not d_hard:
        return None
    said, wrote = " ".join(w.raw for w in s_hard), " ".join(w.raw for w in d_hard)
    if not d_hard:
        nxt = draft[at] if at < len(draft) else None
        negation = [w.raw for w in s_hard if w.norm in _NEGATIONS]
        if nxt is not None and nxt.gap and not negation:
            return None  # left out at the draft's ellipsis
        return f"'{said}' dropped"
    if not s_hard:
        return f"'{wrote}' added"
    return f"'{said}' -> '{wrote}'"


# What follows a person's name in an attribution ("Bourdain of BankAmerica", "Ana Ruiz, the
# director"): the affiliation, not the name; cut before the surname is read.
_AFFILIATION = re.compile(r"\s+(?:of|at|from|for)\s.*$|\s*[,(].*$")


# Words that name an office, not a person: before "of" they start a title ("Secretary of State
# George Shultz"), not an affiliation, and the surname is the name's last word.
_OFFICES = TITLES | word_set(
    "secretary chairman chairwoman chief director head governor spokesman spokeswoman officer "
    "executive manager analyst economist leader member professor prof general"
)


def _surname(name: str) -> str:
    """The surname of a credited name, without its affiliation ("Bourdain of BankAmerica" ->
    "bourdain", "U.S. Secretary of State George Shultz" -> "shultz")."""
    cut = _AFFILIATION.search(name)
    head = name[: cut.start()].split() if cut else []
    if head and fold(head[-1]) not in _OFFICES:
        return fold(head[-1])
    return fold(name.split()[-1])


def _same_person(a: str | None, b: str | None) -> bool | None:
    """True / False for two named speakers, None when either is unnamed or not a person.

    >>> _same_person("Febres Cordero of BankAmerica", "Bourdain of BankAmerica")
    False
    """
    if not a or not b or a.lower() in SPEAKER_PRONOUNS or b.lower() in SPEAKER_PRONOUNS:
        return None
    return _surname(a) == _surname(b)


def _names_person(quote: Quotation, article: Article) -> bool:
    """Does the article name the person the quote is credited to (their surname anywhere)?"""
    who = quote.speaker
    if quote.speaker_kind != "person" or not who or who.lower() in SPEAKER_PRONOUNS:
        return True
    words = _AFFILIATION.sub("", who).split()
    if not words or not words[-1][:1].isupper():
        return True  # "the minister": a description, not a name to look for
    # as words of the text, so a hyphenated name ("Leigh-Pemberton") reads as it does there
    return f" {normalise_line(_surname(who))} " in f" {normalise_line(article.text)} "


def _credits(quote: Quotation, article: Article) -> bool:
    return any(names_article(name, article) for name in (quote.outlet, quote.speaker))


def match_quote(draft_quote: Quotation, sources: Sequence[ArticleQuotes]) -> QuoteVerdict:
    """Judge one draft quotation against the sources.

    >>> src = article_quotes(Article("m", "m.txt", "“Mexico has limits,” said Videgaray.",
    ...                              "txt", outlet="Marfa Public Radio"))
    >>> t = "“Mexico has limits,” Peña Nieto said."
    >>> [q] = quotations(t, [(0, len(t))])
    >>> v = match_quote(q, [src])
    >>> v.outcome.value, v.source.speaker
    ('misattributed', 'Videgaray')
    """
    draft = _words(draft_quote.text, [(0, len(draft_quote.text))])
    found: list[SourceQuote] = []
    if len([w for w in draft if not w.soft]) >= MIN_WORDS:
        for src in sources:
            hit = _in_source(draft, draft_quote, src)
            if hit is not None:
                found.append(hit)
    if not found:
        return QuoteVerdict(
            Outcome.UNVERIFIED, draft_quote, None, (), (), False, "no source has these words"
        )
    # The credited source first; then the closest: fewest changes, in marks before body text.
    found.sort(key=lambda h: (not h.credited, len(h.changes) > 0, not h.marked, len(h.changes)))
    best, others = found[0], tuple(found[1:])
    differ = len({h.changes for h in found}) > 1
    note = ""
    if differ:
        versions = "; ".join(
            f"{h.label}: {', '.join(h.changes) or 'the same words'}" for h in others
        )
        note = f" (sources differ: {versions})"
    if best.changes:
        return QuoteVerdict(
            Outcome.MISQUOTED,
            draft_quote,
            best,
            best.changes,
            others,
            differ,
            f"words differ from {best.label}: " + "; ".join(best.changes) + note,
        )
    same = (
        _same_person(draft_quote.speaker, best.speaker)
        if draft_quote.speaker_kind == "person" and best.marked
        else None
    )
    if same is False and not best.credited:
        return QuoteVerdict(
            Outcome.MISATTRIBUTED,
            draft_quote,
            best,
            (),
            others,
            differ,
            f"credited to {draft_quote.speaker}, but {best.label} gives these "
            f"words to {best.speaker}",
        )
    if not best.names_speaker:
        # The source prints the words (with no speaker, or another one, or without quote marks)
        # and never names the person the draft puts them in the mouth of.
        return QuoteVerdict(
            Outcome.MISATTRIBUTED,
            draft_quote,
            best,
            (),
            others,
            differ,
            f"credited to {draft_quote.speaker}, but {best.label} does not name "
            f"{draft_quote.speaker}",
        )
    who = draft_quote.speaker or draft_quote.outlet or draft_quote.document
    return QuoteVerdict(
        Outcome.QUOTED,
        draft_quote,
        best,
        (),
        others,
        differ,
        f"the same words as {best.label}" + (f", credited to {who}" if who else "") + note,
    )


def _in_source(draft: list[_Word], quote: Quotation, src: ArticleQuotes) -> SourceQuote | None:
    art = src.article
    credited = _credits(quote, art)
    best: tuple[_Match, Quotation | None] | None = None
    for sq in src.quotations:
        m = _align(draft, _words(art.text, sq.parts))
        if m is not None and (best is None or _better(m, best[0])):
            best = (m, sq)
    if best is None:  # the words may stand in the source without quote marks
        for s, e in src.paragraphs:
            m = _align(draft, _words(art.text, [(s, e)]))
            if m is not None and (best is None or _better(m, best[0])):
                best = (m, None)
    if best is None:
        return None
    m, q = best
    return SourceQuote(
        art.id,
        art.label,
        m.start,
        m.end,
        art.text[m.start : m.end],
        q.speaker if q else None,
        q is not None,
        credited,
        m.changes,
        _names_person(quote, art),
    )


def _better(a: _Match, b: _Match) -> bool:
    return (len(a.changes), -a.matched) < (len(b.changes), -b.matched)
