"""How much of an article is reused from its sources, and whether it is wholly, partially or
non-derived from them (the three labels of the METER corpus).

A share is a fraction of the article's non-space characters (spacing and blank lines are layout,
not text) that lie inside a span reused from a source. A character inside spans of several kinds
counts once, for the closest kind (verbatim before edited before paraphrase), so the three shares
add up to the total.

    >>> s = reused_shares("aaaa bbbb cccc dddd", [("verbatim", 0, 9)])
    >>> round(s.verbatim, 2), round(s.total, 2), str(label_for(s.total))
    (0.5, 0.5, 'partially')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .types import Article, Derivation, DerivationLabel, Direction, Finding

# Closest first. Repeats (within one article) and claims (disagreeing passages) are not reuse.
REUSE_KINDS = ("verbatim", "edited", "paraphrase")


@dataclass(frozen=True)
class Thresholds:
    """Total share at or above `partially` is partially derived, at or above `wholly` wholly."""

    partially: float
    wholly: float


# Fitted on METER courts dev stories (stable hash folds 0-2: 125 stories, 456 articles; the 81
# test stories chose nothing) with rewritten sentences found (overlap/rewrite.py). 5-fold
# GroupKFold over stories (each fold's pair chosen for macro-F1 on the other folds' articles)
# gives (0.32, 0.82) (0.17, 0.82) (0.28, 0.82) (0.29, 0.82) (0.15, 0.77): `wholly` 0.82, and
# `partially` wanders because dev macro-F1 is flat in it (0.609-0.617 from 0.14 to 0.32 with
# wholly 0.82). Of that plateau the lowest value within 0.01 of the best that keeps the seeds'
# Fox News Latino partially derived from ABC News (a credited quote, a clause and a paraphrase:
# 17 % reused) is taken: 0.17 (dev 0.611; the median fold pair (0.28, 0.82) scored 0.617).
# Test stories: macro-F1 0.601 ((0.28, 0.82): 0.617; before rewrites, (0.14, 0.72): 0.591). See
# the `METER courts (issue 12)` section of reports/benchmarks.md (benchmarks/meter_rewrite.py).
# Refit when reuse detection changes (the shares move with it). With clause-level rewrites
# (overlap/rewrite.py ClauseBars) the dev folds give (0.37, 0.82) (0.24, 0.82) (0.31, 0.83)
# (0.22, 0.82) (0.24, 0.82): `wholly` stays 0.82; `partially` was left at 0.17 (it wanders
# again, and 0.24 would call the seeds' Fox News Latino, 17 % from ABC News, non-derived) until
# a full `benchmarks/bench_meter.py run` measures the shares `compare` itself gives.
THRESHOLDS = Thresholds(partially=0.17, wholly=0.82)


@dataclass(frozen=True)
class Shares:
    verbatim: float
    edited: float
    paraphrase: float

    @property
    def total(self) -> float:
        return self.verbatim + self.edited + self.paraphrase


def reused_shares(text: str, spans: Iterable[tuple[str, int, int]]) -> Shares:
    """Shares of `text`'s non-space characters inside (kind, start, end) spans, per kind.

    >>> reused_shares("ab cd", [("edited", 0, 5), ("verbatim", 3, 5)])
    Shares(verbatim=0.5, edited=0.5, paraphrase=0.0)
    """
    rank = {kind: i for i, kind in enumerate(REUSE_KINDS)}
    best = [len(REUSE_KINDS)] * len(text)  # per character: rank of the closest kind covering it
    for kind, start, end in spans:
        r = rank.get(str(kind))
        if r is None:
            continue
        for k in range(max(start, 0), min(end, len(text))):
            if r < best[k]:
                best[k] = r
    counts = [0] * (len(REUSE_KINDS) + 1)
    chars = 0
    for ch, r in zip(text, best, strict=True):
        if not ch.isspace():
            chars += 1
            counts[r] += 1
    if chars == 0:
        return Shares(0.0, 0.0, 0.0)
    return Shares(counts[0] / chars, counts[1] / chars, counts[2] / chars)


def label_for(total: float, thresholds: Thresholds = THRESHOLDS) -> DerivationLabel:
    """wholly | partially | non for a total reused share."""
    if total >= thresholds.wholly:
        return DerivationLabel.WHOLLY
    if total >= thresholds.partially:
        return DerivationLabel.PARTIALLY
    return DerivationLabel.NON


def derive(
    article: Article,
    sources: Sequence[str],
    findings: Iterable[Finding],
    thresholds: Thresholds = THRESHOLDS,
) -> Derivation:
    """`article` against the articles whose ids are in `sources`: the spans of `article` that the
    findings pair with a source passage, as shares and a label."""
    wanted = set(sources)
    spans = []
    for f in findings:
        if f.kind.value not in REUSE_KINDS:
            continue
        for mine, other in ((f.b, f.a), (f.a, f.b)):
            if mine.article == article.id and other.article in wanted:
                spans.append((f.kind.value, mine.start, mine.end))
    s = reused_shares(article.text, spans)
    return Derivation(
        article.id,
        tuple(sorted(wanted)),
        round(s.verbatim, 4),
        round(s.edited, 4),
        round(s.paraphrase, 4),
        round(s.total, 4),
        label_for(s.total, thresholds),
    )


def derive_pairs(
    articles: Sequence[Article], findings: Sequence[Finding], thresholds: Thresholds = THRESHOLDS
) -> tuple[Derivation, ...]:
    """One Derivation per ordered article pair sharing reused text: the later article against its
    source when a finding knows the direction ("a->b"), both ways while any is unknown."""
    by_id = {a.id: a for a in articles}
    pairs: set[tuple[str, str]] = set()  # (article, source)
    # Each pair reads only its own findings: passing every finding to every pair made this
    # quadratic (a 10,000-article run spent longer here than in all the stages before it).
    between: dict[frozenset[str], list[Finding]] = {}
    for f in findings:
        if f.kind.value not in REUSE_KINDS or f.a.article == f.b.article:
            continue
        between.setdefault(frozenset((f.a.article, f.b.article)), []).append(f)
        pairs.add((f.b.article, f.a.article))
        if f.direction != Direction.A_TO_B:
            pairs.add((f.a.article, f.b.article))
    return tuple(
        derive(by_id[art], [src], between[frozenset((art, src))], thresholds)
        for art, src in sorted(pairs)
    )
