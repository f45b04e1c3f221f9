"""Sentences rewritten from another article: the reuse a journalist leaves after rewording wire
copy, found by the words a sentence keeps, not by its meaning.

A sub-editor rewriting a wire story keeps its names, numbers and rare words and some of its
phrases, but rarely a run of eight words (a copy) or a whole sentence's structure (a paraphrase
the scorer accepts); short sentences (under `min_paraphrase_words`) are never paraphrase
evidence, and a summary sentence often merges two wire sentences. On METER courts these were
most of what journalists marked Rewrite, and wholly derived articles rewritten throughout scored
a reused share near 0 (reports/benchmarks.md, "METER courts (issue 12)").

So each sentence of one article (from `min_words` words) is set against its best sentence of the
other, or the best sentence together with a neighbour (a merged summary sentence): it counts as
rewritten from there when at least `min_containment` of its content words, weighted by rarity
(paraphrase.Rarity: a story's names weigh, "court" and "said" hardly), and at least `min_bigrams`
of its word pairs are found there, and at least `min_reverse` of the source side's content words
are in the sentence. A long sentence that does not match whole is cut into clauses (at commas,
semicolons, dashes and words that open a clause: `clauses`), and each clause is matched the same
way against the clauses of its best source sentence (ClauseBars): a wire clause kept inside a
sentence otherwise the paper's own is reuse that a whole-sentence match misses, and the source
side stays one clause, not the whole wire sentence. Word pairs keep a sentence about the same
story but written independently (METER's non-derived articles share the topic and its names)
from counting.
Thresholds fitted on METER courts dev stories (benchmarks/meter_rewrite.py).

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> def seg(i, text):
    ...     return segment(Article(i, i, text, "txt"))
    >>> wire = seg("pa", "Fred Bloggs, 43, of Leeds, was jailed for six years at Leeds Crown "
    ...     "Court on Monday. He had robbed the Halifax bank in Otley with a replica pistol. "
    ...     "Judge Mary Smith said the cashiers had been terrified.")
    >>> paper = seg("sun", "Raider Fred Bloggs, 43, got six years for robbing a Halifax "
    ...     "bank in Otley.")
    >>> [f.b.text for f in rewritten_sentences([wire, paper], [(0, 1)], {}, set())]
    ['Raider Fred Bloggs, 43, got six years for robbing a Halifax bank in Otley.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import fsum  # exact sums: a set's order (string hashing) must not move a tie

from .diff import word_diff
from .ids import finding_id
from .paraphrase import Rarity, content_words
from .textnorm import folded_words
from .types import (
    ArticlePair,
    Direction,
    Finding,
    Kind,
    Segmented,
    SentenceRef,
    Span,
)

# Fitted on the METER courts dev stories (benchmarks/meter_rewrite.py; stable hash folds 0-2):
# of the grid tried, the best derived-vs-non AUC (0.832) whose span precision stays above 0.8.
# MIN_REVERSE: both sides of a finding count as reused, so the source side must be mostly in the
# rewritten sentence too (rarity-weighted); without it a short wire sentence found inside a long
# newspaper sentence marked the whole sentence (dev span precision 0.75 instead of 0.81).
MIN_WORDS = 4
MIN_CONTAINMENT = 0.4
MIN_BIGRAMS = 0.2
MIN_REVERSE = 0.3


class _Sentences:
    """The sentences of one article as content-word sets and word-pair sets."""

    def __init__(self, seg: Segmented):
        self.seg = seg
        self.words = [content_words(x.text) for x in seg.sentences]
        self.pairs = [_bigrams(x.text) for x in seg.sentences]
        self.lengths = [len(folded_words(x.text)) for x in seg.sentences]


def _bigrams(text: str) -> set[tuple[str, str]]:
    w = folded_words(text)
    return set(zip(w, w[1:], strict=False))


def best_source(
    words: set[str], pairs: set[tuple[str, str]], other: _Sentences, rarity: Rarity
) -> tuple[float, float, int, int]:
    """(containment, word-pair share, first, last) of the best sentence of `other`, or of it
    with a neighbour, for a sentence with content `words` and word pairs `pairs`."""
    weight = fsum(map(rarity, words))
    if weight <= 0 or not other.words:
        return 0.0, 0.0, 0, 0

    def score(first: int, last: int) -> tuple[float, float]:
        src_words = set().union(*other.words[first : last + 1])
        src_pairs = set().union(*other.pairs[first : last + 1])
        contained = fsum(map(rarity, words & src_words)) / weight
        return contained, len(pairs & src_pairs) / max(len(pairs), 1)

    singles = [score(j, j) for j in range(len(other.words))]
    j = max(range(len(singles)), key=lambda k: sum(singles[k]))
    best = (*singles[j], j, j)
    for first, last in ((j - 1, j), (j, j + 1)):
        if first >= 0 and last < len(other.words):
            c, b = score(first, last)
            if c + b > best[0] + best[1]:
                best = (c, b, first, last)
    return best


def rewritten_sentences(
    segs: Sequence[Segmented],
    article_pairs: Iterable[ArticlePair],
    found: dict[ArticlePair, list[Finding]],
    hidden: set[SentenceRef],
    min_words: int = MIN_WORDS,
    min_containment: float = MIN_CONTAINMENT,
    min_bigrams: float = MIN_BIGRAMS,
    min_reverse: float = MIN_REVERSE,
    clause: ClauseBars | None = None,
) -> list[Finding]:
    """Paraphrase findings for the sentences of each article pair rewritten from the other
    article (both ways), leaving out sentences a finding of that pair (`found`) already covers
    and sentences in `hidden` (repeats)."""
    clause = clause or CLAUSE_BARS
    min_clause_words = clause.min_words
    rarity = Rarity(x.text for seg in segs for x in seg.sentences)
    cache: dict[int, _Sentences] = {}
    out: dict[str, Finding] = {}
    for ai, bj in sorted({(min(p), max(p)) for p in article_pairs if p[0] != p[1]}):
        for k in (ai, bj):
            if k not in cache:
                cache[k] = _Sentences(segs[k])
        sa, sb = cache[ai], cache[bj]
        spans = [s for f in found.get((ai, bj), []) + found.get((bj, ai), []) for s in (f.a, f.b)]
        for mine, other, m in ((sb, sa, bj), (sa, sb, ai)):
            taken, theirs = _covered(mine.seg, spans), _covered(other.seg, spans)
            for x in mine.seg.sentences:
                if mine.lengths[x.index] < min_words or x.index in taken or (m, x.index) in hidden:
                    continue
                c, b, first, last = best_source(
                    mine.words[x.index], mine.pairs[x.index], other, rarity
                )
                whole = c >= min_containment and b >= min_bigrams
                if whole and _reverse(mine.words[x.index], other, first, last, rarity) >= (
                    min_reverse
                ):
                    if all(k in theirs for k in range(first, last + 1)):
                        continue  # the source side is found already: nothing new on that side
                    src = other.seg.sentences
                    matches = [(x.start, x.end, c, b, src[first].start, src[last].end)]
                elif mine.lengths[x.index] >= 2 * min_clause_words:
                    # A clause's source sentence is often found already (another clause of it
                    # copied): the clause itself is still new reuse on this side.
                    matches = _clause_matches(x.text, x.start, other, rarity, clause)
                else:
                    continue
                for start, end, c, b, src_start, src_end in matches:
                    if _mostly_inside(mine.seg.article.id, start, end, spans):
                        continue  # found the other way round (a clause matched back)
                    a_span = _span(other.seg, src_start, src_end)
                    b_span = _span(mine.seg, start, end)
                    f = Finding(
                        finding_id(a_span, b_span),
                        Kind.PARAPHRASE,
                        round(c, 4),
                        round(b, 4),
                        None,
                        a_span,
                        b_span,
                        word_diff(a_span, b_span),
                        Direction.UNKNOWN,
                        "",
                    )
                    out.setdefault(f.id, f)
                    # The other way round, a sentence found here is not looked up again.
                    spans += [a_span, b_span]
    return list(out.values())


def _reverse(words: set[str], other: _Sentences, first: int, last: int, rarity: Rarity) -> float:
    """Rarity-weighted share of the source side's content words that `words` keeps. Both sides
    of a finding count as reused, so the source side must be reused too: a long sentence
    holding a short one's words is not all taken from it."""
    src_words = set().union(*other.words[first : last + 1])
    w = fsum(map(rarity, src_words))
    return fsum(map(rarity, src_words & words)) / w if w else 0.0


@dataclass(frozen=True)
class ClauseBars:
    """What a clause of a long sentence must keep of its best source sentence (or pair)."""

    min_words: int
    min_containment: float
    min_bigrams: float
    # Word pairs kept, counted: in a clause of four or five words one shared pair ("in Otley")
    # is already a third of them, and names of the story's places are shared by papers that
    # wrote it themselves.
    min_pairs: int
    # Both sides are marked reused: the source clause's words must be mostly in this clause.
    min_reverse: float


# Chosen on the METER courts dev stories (benchmarks/meter_rewrite.py product --split dev) with the
# whole-sentence bars above. -> AUC, macro-F1 (CV), span precision, verbatim / rewrite recall.
# No clauses: 0.828 0.586 0.813 0.81 0.44. A clause against whole wire sentences (no source
# clause, no reverse bar) marked the whole wire sentence for a few shared words: (4, 0.5, 0.3)
# 0.838 0.591 0.741 0.90 0.63, and on the seeds 7 findings such as "This belief that Mexico"
# against a 40-word quotation. Clause to clause, (4, 0.5, 0.3, 2 pairs) with reverse 0.3:
# 0.838 0.601 0.800 0.86 0.51 (seeds +3, one a shared agency name); reverse 0.5 (taken): 0.830
# 0.607 0.810 0.84 0.47 (seeds +1: "agencies like the DEA").
CLAUSE_BARS = ClauseBars(
    min_words=4, min_containment=0.5, min_bigrams=0.3, min_pairs=2, min_reverse=0.5
)


# A clause boundary: a comma, semicolon, colon, dash or bracket, or a word that opens a clause.
_CLAUSE_BREAK = re.compile(
    r"[,;:()]\s*|\s+[-\u2013\u2014]+\s+|\s+(?=(?:and|but|who|which|after|when|while|because|"
    r"before|where|although|as|that)\b)",
    re.IGNORECASE,
)


# A range's first figure just before the break: "measured between 6.5 | and seven on the
# Mercalli scale" (Reuters, 1987 Ecuador quake) cut there left "and seven", read as a reading of
# seven against another report's six.
_RANGE_OPENED = re.compile(
    r"\bbetween\s+[$£€#]?\d[\d.,]*\s*\w*$|\bbetween\s+[a-z]+$", re.IGNORECASE
)


def _inside_figure(text: str, m: re.Match[str]) -> bool:
    """The break is inside one figure: a thousands comma ("14,000-acre") or the "and" of a
    range ("between 6.5 and seven")."""
    if m.group().startswith(",") and text[m.start() - 1 : m.start()].isdigit():
        return text[m.end() : m.end() + 1].isdigit()
    rest = text[m.end() :]
    return rest[:4].lower() == "and " and bool(_RANGE_OPENED.search(text[: m.start()]))


def clauses(text: str, min_words: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of `text`, a piece shorter than `min_words` words
    joined to the clause after it (the last to the one before).

    >>> t = "Bloggs, who denied robbery, was jailed for six years after a trial at Leeds"
    >>> [t[a:b] for a, b in clauses(t, 4)]
    ['Bloggs, who denied robbery,', 'was jailed for six years', 'after a trial at Leeds']
    """
    breaks = [m for m in _CLAUSE_BREAK.finditer(text) if not _inside_figure(text, m)]
    cuts = [0] + [m.end() for m in breaks] + [len(text)]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in pieces:
        start = a if pending is None else pending
        if len(folded_words(text[start:b])) < min_words:
            pending = start
            continue
        out.append((start, b))
        pending = None
    if pending is not None:
        if out:
            out[-1] = (out[-1][0], len(text))
        else:
            out.append((pending, len(text)))
    return [(a, len(text[:b].rstrip())) for a, b in out]


def _clause_matches(
    text: str, offset: int, other: _Sentences, rarity: Rarity, bars: ClauseBars
) -> list[tuple[int, int, float, float, int, int]]:
    """Runs of clauses of a long sentence, each rewritten from a clause (or two adjacent ones)
    of `other`, as (start, end, containment, word pairs, source start, source end), offsets in
    the two articles. Clause-level reuse inside a long sentence (a wire clause kept, the rest the
    paper's own) is what a whole-sentence match misses; matching clause to clause keeps the
    source side as narrow as the clause, so a few words shared with a long sentence do not mark
    that whole sentence reused."""
    found: list[tuple[int, int, float, float, int, int]] = []
    for a, b in clauses(text, bars.min_words):
        piece = text[a:b]
        words, pairs = content_words(piece), _bigrams(piece)
        c, bg, first, last = best_source(words, pairs, other, rarity)
        if c < bars.min_containment or bg < bars.min_bigrams:
            continue
        window = _source_clauses(words, pairs, other, first, last, rarity, bars.min_words)
        if window is None:
            continue
        c, bg, src_start, src_end, src_words = window
        if (
            c < bars.min_containment
            or bg < bars.min_bigrams
            or round(bg * len(pairs)) < bars.min_pairs
            or _weighted_share(src_words, words, rarity) < bars.min_reverse
        ):
            continue
        if (
            found
            and found[-1][1] >= offset + a - 2
            and found[-1][4] <= src_end + 2
            and (src_start <= found[-1][5] + 2)
        ):
            prev = found[-1]
            found[-1] = (
                prev[0],
                offset + b,
                min(prev[2], c),
                min(prev[3], bg),
                min(prev[4], src_start),
                max(prev[5], src_end),
            )
        else:
            found.append((offset + a, offset + b, c, bg, src_start, src_end))
    return found


def _source_clauses(
    words: set[str],
    pairs: set[tuple[str, str]],
    other: _Sentences,
    first: int,
    last: int,
    rarity: Rarity,
    min_words: int,
) -> tuple[float, float, int, int, set[str]] | None:
    """The clause, or two adjacent clauses, of sentences `first`..`last` of `other` that keep
    most of `words` and `pairs`: (containment, word-pair share, start, end, its content words)."""
    units = []
    for k in range(first, last + 1):
        x = other.seg.sentences[k]
        for ca, cb in clauses(x.text, min_words):
            piece = x.text[ca:cb]
            units.append((x.start + ca, x.start + cb, content_words(piece), _bigrams(piece)))
    weight = fsum(map(rarity, words))
    if not units or weight <= 0:
        return None
    best: tuple[float, float, int, int, set[str]] | None = None
    # Single clauses first: a pair must add something to be preferred (ties keep the narrower).
    windows = [(i, i) for i in range(len(units))] + [(i, i + 1) for i in range(len(units) - 1)]
    for i, j in windows:
        src_words = units[i][2] | units[j][2]
        src_pairs = units[i][3] | units[j][3]
        c = fsum(map(rarity, words & src_words)) / weight
        bg = len(pairs & src_pairs) / max(len(pairs), 1)
        if best is None or c + bg > best[0] + best[1] + 1e-9:
            best = (c, bg, units[i][0], units[j][1], src_words)
    return best


def _weighted_share(part: set[str], whole: set[str], rarity: Rarity) -> float:
    """Rarity-weighted share of `part`'s words found in `whole`."""
    w = fsum(map(rarity, part))
    return fsum(map(rarity, part & whole)) / w if w else 0.0


def _covered(seg: Segmented, spans: Sequence[Span]) -> set[int]:
    """Sentences of `seg` at least half inside `spans` (those of its own article) taken together:
    a quote copied and a clause copied beside it leave no rest of the sentence to find."""
    out: set[int] = set()
    mine = [sp for sp in spans if sp.article == seg.article.id]
    for x in seg.sentences:
        inside = [
            (max(x.start, sp.start), min(x.end, sp.end))
            for sp in mine
            if sp.start < x.end and sp.end > x.start
        ]
        covered, reach = 0, x.start
        for a, b in sorted(inside):
            covered += max(0, b - max(a, reach))
            reach = max(reach, b)
        if inside and 2 * covered >= x.end - x.start:
            out.add(x.index)
    return out


def _mostly_inside(article: str, start: int, end: int, spans: Sequence[Span]) -> bool:
    """Whether at least half of `article`[start:end] lies inside `spans` of that article."""
    inside = sorted(
        (max(start, sp.start), min(end, sp.end))
        for sp in spans
        if sp.article == article and sp.start < end and sp.end > start
    )
    covered, reach = 0, start
    for a, b in inside:
        covered += max(0, b - max(a, reach))
        reach = max(reach, b)
    return 2 * covered >= end - start > 0


def _span(seg: Segmented, start: int, end: int) -> Span:
    return Span(seg.article.id, start, end, seg.article.text[start:end])
