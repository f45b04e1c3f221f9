"""Short runs of words an article keeps from a source it is already reused from: the wire phrases
("was jailed for life", "at Leeds Crown Court") a sub-editor leaves inside sentences that are
otherwise rewritten or the paper's own.

A copy needs `min_copy_words` shared words in a pair of candidate sentences, and a rewrite needs
most of a sentence's content words; a four-word phrase kept inside a new sentence is neither.
On METER courts those phrases were most of the verbatim characters still missed (dev stories:
of 23.5k missed characters, 9k in runs of 4 words or more, nearly all of the rest in runs of 2-3
words; reports/benchmarks.md, "METER courts (issue 12)").

So, in an article pair where one side is already at least `min_share` reused from the other (by
the findings found so far), the words not yet inside a finding are tiled greedily with the
longest runs of at least `min_words` consecutive words found in the other article (Greedy String
Tiling, as the METER project measured reuse: Clough et al. 2002), a run holding at least
`min_content` words that are not stop words. Runs may cross a sentence end: a kept phrase often
runs from the end of one sentence into the next. The share gate is what keeps stock phrases
("said in a statement", "told the court that") shared by two independently written articles
about one event from being reported: between such articles there is no other reuse.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article, Kind
    >>> wire = segment(Article("pa", "pa", "Dean Marsh, 29, was jailed for life at Leeds "
    ...     "Crown Court on Monday for the murder of a taxi driver.", "txt"))
    >>> paper = segment(Article("sun", "sun", "Cab killer Marsh stabbed the driver over a "
    ...     "fare. Yesterday he was jailed for life at Leeds.", "txt"))
    >>> [f.b.text for f in shared_runs([wire, paper], [(0, 1)], {}, set(), min_share=0.0)]
    ['was jailed for life at Leeds']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .diff import word_diff
from .ids import finding_id
from .paraphrase import stop_words
from .textnorm import Token, tokenize
from .types import ArticlePair, Direction, Finding, Kind, Segmented, SentenceRef, Span

# Chosen on the METER courts dev stories (benchmarks/meter_rewrite.py product --split dev, after
# the rewrites) -> AUC, macro-F1 (CV), span precision, verbatim / rewrite recall. No runs: 0.827
# 0.602 0.807 0.837 0.471. (4 words, 1 content word, share 0.2), taken: 0.829 0.615 0.803 0.864
# 0.485. (3, 2): 0.831 0.583 0.800 0.881 0.496, but on the seeds 6 findings of names ("the United
# States", "Enrique Pena Nieto's"), none at (4, 1). (5, 1): Rv 0.848; (4, 2): 0.858; share 0: Rv
# 0.866, and the seeds' stock "to make sure that" found between two articles with no other reuse.
MIN_WORDS = 4
MIN_CONTENT = 1
MIN_SHARE = 0.2
# Where one side is mostly reused already (an article rewritten from the wire throughout), the
# rest of what METER marks Verbatim is pairs of names and rare words kept ("Crown Court", "pleaded
# guilty"): there, runs from SHORT_WORDS words count when all are SHORT_CONTENT content words.
# Dev: (2, 2, share 0.5) 0.830 0.612 0.802 0.880 0.497; the same anchored to sentences holding a
# finding at share 0.2 instead, 0.830 0.592 0.801 0.882 0.494 (non-derived articles gained share);
# at share 0.2 the seeds gained 17 two-word findings ("White House"), at 0.3 and 0.5 none.
# Off by default (SHORT_WORDS = MIN_WORDS): on Reuters-21578 the tier moved the hand-labelled
# pair decision below its floor (tests/test_quality.py, 59 -> 56 of 100 pairs decided as
# labelled), and on one METER story folder it took compare from 661 to 944 findings, 288 of them
# under 4 words: a report a reader cannot use. Pass short_words=2 to measure it.
SHORT_WORDS = MIN_WORDS
SHORT_CONTENT = 2
SHORT_SHARE = 0.5


def shared_runs(
    segs: Sequence[Segmented],
    article_pairs: Iterable[ArticlePair],
    found: dict[ArticlePair, list[Finding]],
    hidden: set[SentenceRef],
    min_words: int = MIN_WORDS,
    min_content: int = MIN_CONTENT,
    min_share: float = MIN_SHARE,
    short_words: int = SHORT_WORDS,
    short_content: int = SHORT_CONTENT,
    short_share: float = SHORT_SHARE,
) -> list[Finding]:
    """Verbatim (or edited: same words, other case) findings for the runs of words of each
    article pair, outside the pair's findings in `found` and the sentences in `hidden`, when
    one article of the pair is at least `min_share` inside those findings (runs shorter than
    `min_words`, from `short_words`, when it is at least `short_share` inside them, with at
    least `short_content` content words)."""
    stop = stop_words()

    def keep(toks: Sequence[Token | None]) -> bool:
        content = sum(t is not None and t.norm not in stop for t in toks)
        return content >= (min_content if len(toks) >= min_words else short_content)

    out: dict[str, Finding] = {}
    for ai, bj in sorted({(min(p), max(p)) for p in article_pairs if p[0] != p[1]}):
        seg_a, seg_b = segs[ai], segs[bj]
        pair_found = found.get((ai, bj), []) + found.get((bj, ai), [])
        spans = [s for f in pair_found for s in (f.a, f.b)]
        pair_share = max(_share(seg_a, spans), _share(seg_b, spans))
        if pair_share < min_share:
            continue
        shortest = min(short_words, min_words) if pair_share >= short_share else min_words
        # Each side in turn is tiled: its words outside the pair's findings, by the other's
        # words anywhere (a wire phrase already copied once may be kept again elsewhere).
        open_a, open_b = _free_tokens(seg_a, [], hidden, ai), _free_tokens(seg_b, [], hidden, bj)
        for side in ("b", "a"):
            free_a = _free_tokens(seg_a, spans, hidden, ai) if side == "a" else open_a
            free_b = _free_tokens(seg_b, spans, hidden, bj) if side == "b" else open_b

            if side == "b":
                runs = tiles(free_a, free_b, shortest, keep)
            else:
                runs = [(ra, rb) for rb, ra in tiles(free_b, free_a, shortest, keep)]
            for (a0, a1), (b0, b1) in runs:
                f = _finding(seg_a, seg_b, free_a[a0:a1], free_b[b0:b1])
                if f.id not in out:
                    out[f.id] = f
                    spans += [f.a, f.b]  # the other way round, not found again
    return list(out.values())


def tiles(
    ta: Sequence[Token | None],
    tb: Sequence[Token | None],
    min_words: int,
    keep: Callable[[Sequence[Token | None]], bool] | None = None,
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Greedy tiling of `tb` by the longest runs (of at least `min_words` tokens) also in `ta`,
    left to right: ((a_start, a_end), (b_start, b_end)) token ranges. None tokens (words already
    found) match nothing, so a run never crosses a finding. A word of `ta` may be matched more
    than once: a paper repeats a wire phrase in its headline and its first paragraph. A run
    `keep` refuses (stop words only) takes no words: the next run may start inside it.

    >>> toks = lambda s: tokenize(s)
    >>> a, b = toks("x he was jailed for life at the court"), toks("he was jailed for life")
    >>> tiles(a, b, 4)
    [((1, 6), (0, 5))]
    """
    index: dict[tuple[str, ...], list[int]] = {}
    na = [t.norm if t else None for t in ta]
    nb = [t.norm if t else None for t in tb]
    for j in range(len(na) - min_words + 1):
        gram = na[j : j + min_words]
        if None not in gram:
            index.setdefault(tuple(gram), []).append(j)  # type: ignore[arg-type]
    out = []
    i = 0
    while i <= len(nb) - min_words:
        gram = nb[i : i + min_words]
        best = (0, -1)
        if None not in gram:
            for j in index.get(tuple(gram), ()):  # type: ignore[arg-type]
                n = min_words
                while i + n < len(nb) and j + n < len(na) and nb[i + n] is not None:
                    if nb[i + n] != na[j + n]:
                        break
                    n += 1
                if n > best[0]:
                    best = (n, j)
        if best[0] and (keep is None or keep(tb[i : i + best[0]])):
            n, j = best
            out.append(((j, j + n), (i, i + n)))
            i += n
        else:
            i += 1
    return out


def _free_tokens(
    seg: Segmented, spans: Sequence[Span], hidden: set[SentenceRef], ai: int
) -> list[Token | None]:
    """The article's word tokens, None where a word is inside a finding or a hidden sentence."""
    taken = bytearray(len(seg.article.text) + 1)
    for s in spans:
        if s.article == seg.article.id:
            taken[s.start : s.end] = b"\x01" * (s.end - s.start)
    for x in seg.sentences:
        if (ai, x.index) in hidden:
            taken[x.start : x.end] = b"\x01" * (x.end - x.start)
    for c in seg.chrome:
        # page chrome is not the article (a wire slug's "08/12/99: Page 1 (HHH) COURTS")
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    out: list[Token | None] = []
    for t in tokenize(seg.article.text):
        out.append(None if any(taken[t.start : t.end]) else t)
    return out


def _share(seg: Segmented, spans: Sequence[Span]) -> float:
    """Share of the article's non-space characters inside `spans` (those of this article)."""
    text = seg.article.text
    inside = bytearray(len(text))
    for s in spans:
        if s.article == seg.article.id:
            inside[s.start : s.end] = b"\x01" * (s.end - s.start)
    chars = [k for k, ch in enumerate(text) if not ch.isspace()]
    return sum(inside[k] for k in chars) / len(chars) if chars else 0.0


def _finding(seg_a: Segmented, seg_b: Segmented, ra: Sequence, rb: Sequence) -> Finding:
    a = Span(
        seg_a.article.id, ra[0].start, ra[-1].end, seg_a.article.text[ra[0].start : ra[-1].end]
    )
    b = Span(
        seg_b.article.id, rb[0].start, rb[-1].end, seg_b.article.text[rb[0].start : rb[-1].end]
    )
    same = [t.raw for t in ra] == [t.raw for t in rb]
    return Finding(
        finding_id(a, b),
        Kind.VERBATIM if same else Kind.EDITED,
        1.0,
        1.0,
        None,
        a,
        b,
        word_diff(a, b),
        Direction.UNKNOWN,
        "",
    )
