"""How much of an article is reused from its sources, and whether it is wholly, partially or
non-derived from them (the three labels of the METER corpus).

A share is a fraction of the article's non-space characters (spacing and blank lines are layout,
not text) that lie inside a span reused from a source. A character inside spans of several kinds
counts once, for the closest kind (verbatim before edited before paraphrase), so the three shares
add up to the total.

The label is decided by a second, article-level measure: the share of the article's distinct
content words (stop words left out, page chrome left out) that its sources use too
(`words_kept`). Reused spans need a passage matched as a copy, a rewrite or a paraphrase; a
sub-editor who rewrites wire copy throughout leaves few such passages but keeps the wire's
vocabulary, while an article written independently about the same event shares its names and
topic words and little else. On METER courts dev stories the span share separated derived from
non-derived articles with AUC 0.835 and the words kept with AUC 0.876; as the label's signal
the words kept reach a three-way macro-F1 of 0.668 by cross-validation over stories (the span
share 0.605; a logistic mix of the two, and of n-gram containments, did no better). The shares
stay in the result: they say where the reuse is, the label how much of the article came from
the source.

    >>> s = reused_shares("aaaa bbbb cccc dddd", [("verbatim", 0, 9)])
    >>> round(s.verbatim, 2), round(s.total, 2)
    (0.5, 0.5)
    >>> words_kept(["Fred Bloggs was jailed for six years"], ["Bloggs, 43, was jailed"])
    0.5
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .paraphrase import content_words
from .types import Derivation, DerivationLabel, Direction, Finding, Segmented

# Closest first. Repeats (within one article) and claims (disagreeing passages) are not reuse.
REUSE_KINDS = ("verbatim", "edited", "paraphrase")


@dataclass(frozen=True)
class Thresholds:
    """Words kept at or above `partially` is partially derived, at or above `wholly` wholly."""

    partially: float
    wholly: float


# Fitted on METER courts dev stories (stable hash folds 0-2: 125 stories, 456 articles; the 81
# test stories chose nothing), each article against all the PA files of its story, by 5-fold
# GroupKFold over stories (each fold's pair chosen for macro-F1 on the other folds' articles):
# the folds chose (0.57, 0.85) (0.55, 0.85) (0.57, 0.84) (0.59, 0.86) (0.55, 0.85), and all of
# dev (0.57, 0.85), taken. Stable because the words kept spread the three classes apart (dev
# means: wholly 0.87, partially 0.69, non 0.52) where the span share did not (its `partially`
# bar wandered from 0.15 to 0.37 between folds). See the `METER courts (issue 12)` section of
# reports/benchmarks.md (`python -m benchmarks run meter.track_courts --set split=dev`).
# Refit when what counts as a content word, or as chrome, changes.
THRESHOLDS = Thresholds(partially=0.57, wholly=0.85)


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


def vocabulary(passages: Iterable[str]) -> set[str]:
    """The distinct content words (folded, stop words left out) of `passages`."""
    return set().union(*map(content_words, passages))


def sentence_vocabulary(seg: Segmented) -> set[str]:
    """An article's vocabulary from its sentences: chrome (bylines, wire slugs, page furniture)
    is not its wording, and every wire file's slug would otherwise be "kept" by every paper."""
    return vocabulary(x.text for x in seg.sentences)


def words_kept(article: Iterable[str], sources: Iterable[str]) -> float:
    """The share of the distinct content words of the `article` passages that the `sources`
    passages use too (0 for an article without content words)."""
    return _kept(vocabulary(article), vocabulary(sources))


def _kept(own: set[str], used: set[str]) -> float:
    return len(own & used) / len(own) if own else 0.0


def label_for(kept: float, thresholds: Thresholds = THRESHOLDS) -> DerivationLabel:
    """wholly | partially | non for a share of words kept."""
    if kept >= thresholds.wholly:
        return DerivationLabel.WHOLLY
    if kept >= thresholds.partially:
        return DerivationLabel.PARTIALLY
    return DerivationLabel.NON


def derive(
    article: Segmented,
    sources: Sequence[Segmented],
    findings: Iterable[Finding],
    thresholds: Thresholds = THRESHOLDS,
    vocabulary_of: Callable[[Segmented], set[str]] = sentence_vocabulary,
) -> Derivation:
    """`article` against `sources` (together): the spans of `article` that the findings pair with
    a source passage, as shares, the share of its words the sources use, and the label.
    `vocabulary_of` reads an article's words (derive_pairs passes one that remembers)."""
    wanted = {s.article.id for s in sources}
    me = article.article
    spans = []
    for f in findings:
        if f.kind.value not in REUSE_KINDS:
            continue
        for mine, other in ((f.b, f.a), (f.a, f.b)):
            if mine.article == me.id and other.article in wanted:
                spans.append((f.kind.value, mine.start, mine.end))
    s = reused_shares(me.text, spans)
    kept = _kept(vocabulary_of(article), set().union(*map(vocabulary_of, sources)))
    return Derivation(
        me.id,
        tuple(sorted(wanted)),
        round(s.verbatim, 4),
        round(s.edited, 4),
        round(s.paraphrase, 4),
        round(s.total, 4),
        round(kept, 4),
        label_for(kept, thresholds),
    )


def derive_pairs(
    segs: Sequence[Segmented], findings: Sequence[Finding], thresholds: Thresholds = THRESHOLDS
) -> tuple[Derivation, ...]:
    """One Derivation per ordered article pair sharing reused text: the later article against its
    source when a finding knows the direction ("a->b"), both ways while any is unknown."""
    by_id = {s.article.id: s for s in segs}
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
    # An article is in many pairs at scale: its vocabulary is read once.
    vocabularies: dict[str, set[str]] = {}

    def vocabulary_of(seg: Segmented) -> set[str]:
        if seg.article.id not in vocabularies:
            vocabularies[seg.article.id] = sentence_vocabulary(seg)
        return vocabularies[seg.article.id]

    return tuple(
        derive(by_id[art], [by_id[src]], between[frozenset((art, src))], thresholds, vocabulary_of)
        for art, src in sorted(pairs)
    )
