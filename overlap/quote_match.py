"""Is a draft's quotation what its sources printed, said by whom the draft says? The one home
of quote matching: `check` and the judge ask `match_quote`.

A draft quote is looked for in the sources' quotations first, the source it credits (an outlet
named in its credit) before the others, then in their body text (a source may print the words
without marks). Words are compared folded (Peña = Pena), with spelling variants (honour/honor),
the draft's ellipses (a gap where source words may be left out) and bracketed insertions
("[the president]") allowed, and a quote may be a contiguous part of the source's: a shorter
quote is still quoted, unless what it leaves out is a negation. The word-level alignment is
overlap/quote_alignment.py; this module picks the source and decides the outcome.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .attribution import names_article
from .lexicon import SPEAKER_PRONOUNS
from .quote_alignment import MIN_WORDS as MIN_WORDS  # where misquotes.py imports it from
from .quote_alignment import QuoteWord, WordMatch, align_quote, quote_words
from .quotes import Quotation, quotations
from .speaker_names import AFFILIATION, a_name, role_held_for, same_person, surname
from .textnorm import folded_words, normalise_line, tokenize
from .types import Article, Segmented


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
    # Per change, the draft words it is about (quote_alignment.WordMatch.where): offsets into
    # the draft's text when match_quote was given it, else into the quotation's `text`.
    where: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class QuoteVerdict:
    outcome: Outcome
    quote: Quotation
    source: SourceQuote | None
    changes: tuple[str, ...]
    others: tuple[SourceQuote, ...]
    sources_differ: bool
    reason: str
    # Quoted words whose source gives them to no named person ("won concessions from the
    # judges that: ..."), where the draft names one: the speaker is not confirmed, not wrong.
    speaker_unconfirmed: bool = False
    # A misquote whose source gives the words to another named person than the draft does
    # ("'... a lot higher ...,' Rosario Ilaqua said" where Bruce Lazier said "a little higher").
    speaker_differs: bool = False


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


def _names_person(quote: Quotation, article: Article) -> bool:
    """Does the article name the person the quote is credited to (their surname anywhere)?"""
    who = quote.speaker
    if quote.speaker_kind != "person" or not who or who.lower() in SPEAKER_PRONOUNS:
        return True
    words = AFFILIATION.sub("", who).split()
    if not words or not words[-1][:1].isupper():
        return True  # "the minister": a description, not a name to look for
    if len(words) == 1:
        return True  # a bare word may be a first name ("Stephen" for Mr Cameron), as same_person
    # as words of the text, so a hyphenated name ("Leigh-Pemberton") reads as it does there
    return f" {normalise_line(surname(who))} " in f" {normalise_line(article.text)} "


def _credits(quote: Quotation, article: Article) -> bool:
    return any(names_article(name, article) for name in (quote.outlet, quote.speaker))


def match_quote(
    draft_quote: Quotation, sources: Sequence[ArticleQuotes], text: str | None = None
) -> QuoteVerdict:
    """Judge one draft quotation against the sources. `text`, the draft's text the quotation's
    offsets are into, places each change in it (`SourceQuote.where`).

    >>> src = article_quotes(Article("m", "m.txt", "“Mexico has limits,” said Videgaray.",
    ...                              "txt", outlet="Marfa Public Radio"))
    >>> t = "“Mexico has limits,” Peña Nieto said."
    >>> [q] = quotations(t, [(0, len(t))])
    >>> v = match_quote(q, [src])
    >>> v.outcome.value, v.source.speaker
    ('misattributed', 'Videgaray')
    """
    if text is None:
        draft = quote_words(draft_quote.text, [(0, len(draft_quote.text))])
    else:
        draft = quote_words(text, draft_quote.parts)
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
    same = (
        same_person(draft_quote.speaker, best.speaker)
        if draft_quote.speaker_kind == "person" and best.marked
        else None
    )
    if best.changes:
        return QuoteVerdict(
            Outcome.MISQUOTED,
            draft_quote,
            best,
            best.changes,
            others,
            differ,
            f"words differ from {best.label}: " + "; ".join(best.changes) + note,
            # changed words put in another person's mouth: both are wrong, and told
            speaker_differs=same is False and not best.credited,
        )
    held_for = role_held_for(best.speaker) if best.marked else None
    # "a spokesman for Smith said" printed, "Smith said" written: the words are the spokesman's,
    # put in the mouth of the person he speaks for
    speaks_for = (
        held_for is not None
        and draft_quote.speaker_kind == "person"
        and bool(same_person(draft_quote.speaker, held_for))
    )
    if speaks_for or same is False and not best.credited:
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
    if not best.names_speaker and _someone_else(best):
        # The source gives the words to another speaker (or prints them without quote marks)
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
    # Not confirmed: the source never names the draft's speaker, or names them elsewhere but
    # gives these words to a role held for someone else ("the aide to Lyng"; the draft:
    # "Grassley said").
    unnamed = not best.names_speaker
    if unnamed or held_for is not None and draft_quote.speaker_kind == "person":
        given = f"to {best.speaker}" if best.speaker else "to no one"
        never = f" and never names {draft_quote.speaker}" if unnamed else ""
        return QuoteVerdict(
            Outcome.QUOTED,
            draft_quote,
            best,
            (),
            others,
            differ,
            f"the same words as {best.label}, which gives them {given}{never}: the speaker is "
            "not confirmed" + note,
            speaker_unconfirmed=True,
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


def _someone_else(found: SourceQuote) -> bool:
    """Does the source give the words it prints to a speaker of its own: a named person or a
    pronoun standing for one, or its narrative (no quote marks)? A description ("the judges",
    "a spokesman") or no speaker at all may be the person a draft names, so it contradicts no
    attribution: a paper naming the one judge of three who read the judgment is not wrong."""
    if not found.marked:
        return True
    who = found.speaker
    if not who:
        return False
    return who.lower() in SPEAKER_PRONOUNS or a_name(who)


def _in_source(draft: list[QuoteWord], quote: Quotation, src: ArticleQuotes) -> SourceQuote | None:
    art = src.article
    credited = _credits(quote, art)
    best: tuple[WordMatch, Quotation | None] | None = None
    for sq in src.quotations:
        m = align_quote(draft, quote_words(art.text, sq.parts))
        if m is not None and m.changes:
            # The writer may have moved a quote mark by a word: "and 'the only Englishman to
            # be so honoured'" against PA's "and the ``only Englishman to be so honoured''"
            # (METER courts). The words next to the source's marks, read with it, are the
            # same words when they account for what the quote seemed to add.
            wide = align_quote(draft, quote_words(art.text, _widened(art.text, sq.parts)))
            if wide is not None and len(wide.changes) < len(m.changes):
                m = wide
        if m is not None and (best is None or _better(m, best[0]) or _nested_in(sq, m, best)):
            best = (m, sq)
    if len(src.quotations) > 1:
        # A writer may join two of the source's quotations into one ("A," he said. "B."):
        # all its quotations' words in order, the speaker the one where the match starts.
        parts = [span for sq in src.quotations if sq.depth == 0 for span in sq.parts]
        m = align_quote(draft, quote_words(art.text, parts))
        if m is not None and (best is None or _better(m, best[0])):
            at = next((sq for sq in src.quotations if sq.start <= m.start < sq.end), None)
            best = (m, at)
    if best is None or best[0].changes:  # the words may stand in the source without marks
        for s, e in src.paragraphs:
            m = align_quote(draft, quote_words(art.text, [(s, e)]))
            if m is not None and (best is None or _better(m, best[0])):
                best = (m, None)
    if best is None:
        return None
    m, q = best
    m = _stitched(m, art.text)
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
        m.where,
    )


_ADDED = re.compile(r"^'(?P<words>.+)' added$")
# The fewest words of an "added" stretch found elsewhere in the source that make it the
# source's own words (a short phrase may stand anywhere).
STITCHED_WORDS = 5


def _stitched(m: WordMatch, source_text: str) -> WordMatch:
    """The match without the "added" stretches the source prints elsewhere, word for word: a
    quote stitched from two of the speaker's statements ("I was such a fat kid I could hardly
    feel the kicks at all. Occasionally I ate pastie and chips ...", a paper against two PA
    quotations in the other order, METER courts) adds nothing they did not say."""
    text = " " + " ".join(folded_words(source_text)) + " "
    keep = [
        k
        for k, change in enumerate(m.changes)
        if not (
            (added := _ADDED.match(change))
            and len(words := folded_words(added.group("words"))) >= STITCHED_WORDS
            and f" {' '.join(words)} " in text
        )
    ]
    if len(keep) == len(m.changes):
        return m
    where = tuple(m.where[k] for k in keep) if len(m.where) == len(m.changes) else m.where
    return dataclasses.replace(m, changes=tuple(m.changes[k] for k in keep), where=where)


_NEXT_TO_MARKS = 2  # how many words beside a source's quote marks a moved mark may take in
_LOOK = 80  # characters read on each side for those words


def _widened(text: str, parts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A quotation's parts with up to _NEXT_TO_MARKS words before its first part and after its
    last, within the sentence (no ".", "?" or "!" crossed)."""
    (s0, _), (_, e1) = parts[0], parts[-1]
    lo = max(0, s0 - _LOOK)
    start = s0
    for t in reversed(tokenize(text[lo:s0], lo)[-_NEXT_TO_MARKS:]):
        if re.search(r"[.?!]", text[t.start : start]):
            break
        start = t.start
    end = e1
    for t in tokenize(text[e1 : e1 + _LOOK], e1)[:_NEXT_TO_MARKS]:
        if re.search(r"[.?!]", text[end : t.start]):
            break
        end = t.end
    if len(parts) == 1:
        return [(start, end)]
    return [(start, parts[0][1]), *parts[1:-1], (parts[-1][0], end)]


def _nested_in(sq: Quotation, m: WordMatch, best: tuple[WordMatch, Quotation | None]) -> bool:
    """The same words found in a quotation nested in the one found before: the words are the
    inner speaker's ("I heard him say `I have been stabbed.'" is not the witness's)."""
    outer = best[1]
    return outer is not None and sq.depth > outer.depth and not _better(best[0], m)


def _better(a: WordMatch, b: WordMatch) -> bool:
    return (len(a.changes), -a.matched) < (len(b.changes), -b.matched)
