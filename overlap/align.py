"""Candidate sentence runs -> exact spans, a word-level diff, and a kind (verbatim, edited,
paraphrase, repeat) with a score.

Copies are cut to the densest stretch of shared words (a maximum-sum run over the LCS alignment),
so a quotation's attribution or a neighbouring sentence is not counted as copied text.

The word alignment itself (opcodes, densest stretch, word diff) is overlap/diff.py; cutting a
finding into the sentence pairs the judge reads is overlap/sentence_pairs.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

# word_diff, sentence_pairs and MAX_UNIT_WORDS stay importable from here: judge.py and its tests
# import them from align (they live in overlap/diff.py and overlap/sentence_pairs.py).
from .diff import (
    UNSHARED_COST,
    Opcode,
    densest,
    similarity,
    token_diff,
    token_opcodes,
    word_diff,  # noqa: F401
)
from .ids import finding_id
from .sentence_pairs import MAX_UNIT_WORDS, sentence_pairs  # noqa: F401
from .textnorm import Token, tokenize
from .types import (
    ArticlePair,
    Direction,
    Finding,
    Kind,
    PairScore,
    Segmented,
    SentencePair,
    SentenceRef,
    Span,
)


class SentenceRun(NamedTuple):
    """Sentences i0..i1 of one article paired with j0..j1 of the other (inclusive), and the
    sentence pairs that make the run."""

    i0: int
    i1: int
    j0: int
    j1: int
    members: list[SentencePair]


def sentence_runs(pairs: Iterable[SentencePair], gap: int = 1) -> list[SentenceRun]:
    """Chain sentence pairs (i, j) that follow each other on both sides (allowing `gap` skipped
    sentences, and one sentence split in two) into runs (i0, i1, j0, j1, members).

    >>> [r[:4] for r in sentence_runs([(1, 5), (2, 6), (3, 7), (9, 1)])]
    [(1, 3, 5, 7), (9, 9, 1, 1)]
    """
    runs: list[list] = []
    for i, j in sorted(set(pairs)):
        for run in runs:
            di, dj = i - run[1], j - run[3]
            if (
                0 <= di <= gap + 1
                and 0 <= dj <= gap + 1
                and (di or dj)
                and i >= run[0]
                and j >= run[2]
            ):
                run[1], run[3] = max(run[1], i), max(run[3], j)
                run[4].append((i, j))
                break
        else:
            runs.append([i, i, j, j, [(i, j)]])
    return [SentenceRun(r[0], r[1], r[2], r[3], r[4]) for r in runs]


def _span_tokens(seg: Segmented, first: int, last: int) -> list[Token]:
    start, end = seg.sentences[first].start, seg.sentences[last].end
    return tokenize(seg.article.text[start:end], start)


def _span(seg: Segmented, start: int, end: int) -> Span:
    return Span(seg.article.id, start, end, seg.article.text[start:end])


def align_copy(
    seg_a: Segmented,
    seg_b: Segmented,
    run: tuple[int, int, int, int],
    min_words: int,
    edited_min: float,
    semantic: float | None = None,
    repeat: bool = False,
) -> Finding | None:
    """The copied stretch of a sentence run, classed verbatim/edited (or repeat), else None."""
    i0, i1, j0, j1 = run
    ta, tb = _span_tokens(seg_a, i0, i1), _span_tokens(seg_b, j0, j1)
    ops = token_opcodes(ta, tb)
    dense = densest(ops)
    if dense is None:
        return None
    return _stretch(
        seg_a, seg_b, ta, tb, ops[dense[0] : dense[1] + 1], min_words, edited_min, semantic, repeat
    )


# When a stretch is too loose to be a copy (under edited_min), it is looked for again with an
# unshared word costing twice as much, up to this: at 2 a stretch is a run of shared words with
# at most an odd changed word in it (a clause copied into a rewritten sentence).
MAX_UNSHARED_COST = 2.0


def align_copies(
    seg_a: Segmented,
    seg_b: Segmented,
    run: tuple[int, int, int, int],
    min_words: int,
    edited_min: float,
    semantic: float | None = None,
) -> list[Finding]:
    """Every copied stretch of a sentence run, in order and not overlapping: the densest one,
    then the densest ones before and after it, and so on. A newspaper sentence that keeps two
    clauses of a wire sentence and rewrites the rest between them holds two copies; a stretch
    too loose to be a copy is searched again for the tighter runs of shared words inside it.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> a = segment(Article("a", "a.txt", "He was jailed for six years at the Old Bailey on "
    ...     "Monday after a trial that lasted many weeks and cost the taxpayer dearly.", "txt"))
    >>> b = segment(Article("b", "b.txt", "Yesterday he was jailed for six years at the Old "
    ...     "Bailey, which heard how he had robbed eleven post offices in three counties with a "
    ...     "replica pistol and a stolen car, after a trial that lasted many weeks and cost the "
    ...     "taxpayer dearly.", "txt"))
    >>> found = align_copies(a, b, (0, 0, 0, 0), 6, 0.7)
    >>> [f.b.text for f in found]  # doctest: +NORMALIZE_WHITESPACE
    ['he was jailed for six years at the Old Bailey',
     'after a trial that lasted many weeks and cost the taxpayer dearly']
    """
    i0, i1, j0, j1 = run
    ta, tb = _span_tokens(seg_a, i0, i1), _span_tokens(seg_b, j0, j1)
    ops = token_opcodes(ta, tb)
    out: list[Finding] = []
    todo = [(0, len(ops), UNSHARED_COST)]
    while todo:
        lo, hi, cost = todo.pop()
        if sum(o[2] - o[1] for o in ops[lo:hi] if o[0] == "equal") < min_words:
            continue
        dense = densest(ops[lo:hi], cost)
        if dense is None:
            continue
        first, last = lo + dense[0], lo + dense[1]
        f = _stretch(seg_a, seg_b, ta, tb, ops[first : last + 1], min_words, edited_min, semantic)
        if f is None:
            if cost < MAX_UNSHARED_COST:
                todo.append((lo, hi, cost * 2))
            continue
        out.append(f)
        todo += [(lo, first, cost), (last + 1, hi, cost)]
    return _without_overlaps(out)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """In order of `a`; growing a stretch over matching words can reach into its neighbour's:
    of two that overlap on either side, the first is kept."""
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: f.a.start):
        if kept and (f.a.start < kept[-1].a.end or f.b.start < kept[-1].b.end):
            continue
        kept.append(f)
    return kept


def _stretch(
    seg_a: Segmented,
    seg_b: Segmented,
    ta: list[Token],
    tb: list[Token],
    ops: list[Opcode],
    min_words: int,
    edited_min: float,
    semantic: float | None = None,
    repeat: bool = False,
) -> Finding | None:
    """The copy the opcodes `ops` (a stretch of the alignment of `ta` and `tb`) span, else None."""
    first, last = ops[0], ops[-1]
    a0, a1, b0, b1 = first[1], last[2], first[3], last[4]
    # LCS may pair a stray early word ("if ... Mexico") and leave the true start of the copied
    # block outside the stretch; grow the stretch over words that still match on both sides.
    while a0 > 0 and b0 > 0 and ta[a0 - 1].norm == tb[b0 - 1].norm:
        a0, b0 = a0 - 1, b0 - 1
    while a1 < len(ta) and b1 < len(tb) and ta[a1].norm == tb[b1].norm:
        a1, b1 = a1 + 1, b1 + 1
    ta, tb = ta[a0:a1], tb[b0:b1]
    ops = token_opcodes(ta, tb)
    shared, lexical = similarity(ops)
    if shared < min_words or lexical < edited_min:
        return None
    verbatim = [t.raw for t in ta] == [t.raw for t in tb]
    kind = Kind.REPEAT if repeat else Kind.VERBATIM if verbatim else Kind.EDITED
    a, b = _span(seg_a, ta[0].start, ta[-1].end), _span(seg_b, tb[0].start, tb[-1].end)
    return Finding(
        finding_id(a, b),
        kind,
        round(lexical, 4),
        round(lexical, 4),
        None if semantic is None else round(semantic, 4),
        a,
        b,
        token_diff(ta, tb, ops),
        Direction.UNKNOWN,
        "",
    )


def align_paraphrase(
    seg_a: Segmented,
    seg_b: Segmented,
    run: tuple[int, int, int, int],
    probability: float,
    semantic: float,
    min_words: int,
) -> Finding | None:
    """A reworded sentence run: whole sentences on both sides, scored by the paraphrase
    scorer's probability; `semantic` is the embedding cosine."""
    i0, i1, j0, j1 = run
    ta, tb = _span_tokens(seg_a, i0, i1), _span_tokens(seg_b, j0, j1)
    if len(ta) < min_words or len(tb) < min_words:
        return None
    ops = token_opcodes(ta, tb)
    _, lexical = similarity(ops)
    a = _span(seg_a, seg_a.sentences[i0].start, seg_a.sentences[i1].end)
    b = _span(seg_b, seg_b.sentences[j0].start, seg_b.sentences[j1].end)
    return Finding(
        finding_id(a, b),
        Kind.PARAPHRASE,
        round(probability, 4),
        round(lexical, 4),
        round(semantic, 4),
        a,
        b,
        token_diff(ta, tb, ops),
        Direction.UNKNOWN,
        "",
    )


# --- corpus-level alignment -------------------------------------------------------------------


def align_repeats(
    segs: Sequence[Segmented],
    within: dict[int, list[SentencePair]],
    min_words: int,
    edited_min: float,
) -> list[Finding]:
    """Passages an article repeats of itself (a page printing its post twice, a pull quote)."""
    out = []
    for ai, pairs in sorted(within.items()):
        for i0, i1, j0, j1, _ in sentence_runs(pairs):
            if i1 >= j0:  # the runs overlap: a sentence echoing its neighbour, not a repeat
                continue
            f = align_copy(segs[ai], segs[ai], (i0, i1, j0, j1), min_words, edited_min, repeat=True)
            if f:
                out.append(f)
    return out


def article_index(segs: Sequence[Segmented]) -> dict[str, int]:
    """Article id -> its position in `segs`."""
    return {seg.article.id: ai for ai, seg in enumerate(segs)}


def sentences_under(
    segs: Sequence[Segmented], spans: Iterable[Span], index: dict[str, int] | None = None
) -> set[SentenceRef]:
    """(article index, sentence index) of every sentence overlapping one of the spans.

    Callers asking once per finding pass `index` (article_index(segs)), built once: rebuilding it
    per call made that loop findings x articles."""
    index = article_index(segs) if index is None else index
    out: set[SentenceRef] = set()
    for span in spans:
        ai = index[span.article]
        out.update(
            (ai, x.index) for x in segs[ai].sentences if x.start < span.end and x.end > span.start
        )
    return out


def _mostly_under(
    segs: Sequence[Segmented], spans: Iterable[Span], index: dict[str, int]
) -> set[SentenceRef]:
    """The sentences at least half inside one of the spans. A clause copied out of a sentence
    leaves the rest of it free to be found a paraphrase of the whole (which the copy is part of)."""
    out: set[SentenceRef] = set()
    for span in spans:
        ai = index[span.article]
        for x in segs[ai].sentences:
            inside = min(x.end, span.end) - max(x.start, span.start)
            if inside > 0 and 2 * inside >= x.end - x.start:
                out.add((ai, x.index))
    return out


def align_across(
    segs: Sequence[Segmented],
    copies: dict[ArticlePair, list[SentencePair]],
    paraphrases: dict[ArticlePair, dict[SentencePair, PairScore]],
    hidden: set[SentenceRef],
    min_copy_words: int,
    edited_min: float,
    min_paraphrase_words: int,
    threshold: float = 0.0,
    threshold_related: float = 0.0,
) -> list[Finding]:
    """Copies first (exact spans, diff); then paraphrases of sentences no copy already covers.

    A paraphrase needs the scorer's probability at `threshold_related` between two articles
    that also share copied text (reuse makes more reuse likely), at `threshold` otherwise."""
    out: list[Finding] = []
    index = article_index(segs)
    for ai, bj in sorted(set(copies) | set(paraphrases)):
        visible = [
            (i, j)
            for i, j in copies.get((ai, bj), [])
            if (ai, i) not in hidden and (bj, j) not in hidden
        ]
        found, covered = _align_copied(
            segs, ai, bj, visible, paraphrases.get((ai, bj), {}), index, min_copy_words, edited_min
        )
        out += found
        bar = threshold_related if found else threshold
        out += _align_paraphrased(
            segs, ai, bj, paraphrases.get((ai, bj), {}), covered, bar, min_paraphrase_words
        )
    return out


def _align_copied(
    segs: Sequence[Segmented],
    ai: int,
    bj: int,
    visible: list[SentencePair],
    scored: dict[SentencePair, PairScore],
    index: dict[str, int],
    min_copy_words: int,
    edited_min: float,
) -> tuple[list[Finding], set[SentenceRef]]:
    """The copies between articles ai and bj, and the sentences they mostly cover."""
    out: list[Finding] = []
    covered: set[SentenceRef] = set()
    # A copied block ends where a sentence is skipped: two separate reuses, two findings.
    for i0, i1, j0, j1, members in sentence_runs(visible, gap=0):
        cosines = [scored[m].cosine for m in members if m in scored]
        for f in align_copies(
            segs[ai],
            segs[bj],
            (i0, i1, j0, j1),
            min_copy_words,
            edited_min,
            max(cosines) if cosines else None,
        ):
            out.append(f)
            covered |= _mostly_under(segs, [f.a, f.b], index)
    return out, covered


def _align_paraphrased(
    segs: Sequence[Segmented],
    ai: int,
    bj: int,
    scored: dict[SentencePair, PairScore],
    covered: set[SentenceRef],
    bar: float,
    min_paraphrase_words: int,
) -> list[Finding]:
    """The paraphrases between articles ai and bj: runs of pairs at the bar, outside copies."""
    loose = [
        m
        for m, (prob, _) in scored.items()
        if prob >= bar and (ai, m[0]) not in covered and (bj, m[1]) not in covered
    ]
    out = []
    for i0, i1, j0, j1, members in sentence_runs(loose):
        prob = max(scored[m].probability for m in members)
        cosine = max(scored[m].cosine for m in members)
        f = align_paraphrase(
            segs[ai], segs[bj], (i0, i1, j0, j1), prob, cosine, min_paraphrase_words
        )
        if f:
            out.append(f)
    return out
