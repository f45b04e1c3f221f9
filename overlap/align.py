"""Candidate sentence runs -> exact spans, a word-level diff, and a kind (verbatim, edited,
paraphrase, repeat) with a score.

Copies are cut to the densest stretch of shared words (a maximum-sum run over the LCS alignment),
so a quotation's attribution or a neighbouring sentence is not counted as copied text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Indel

from .ids import finding_id
from .textnorm import Token, tokenize
from .types import DiffOp, Finding, Kind, Segmented, Span

# In the densest-stretch search a shared word scores +1 and an unshared word on either side
# -UNSHARED_COST: a stretch may absorb about one changed word per two shared ones.
UNSHARED_COST = 0.5


def sentence_runs(
    pairs: Iterable[tuple[int, int]], gap: int = 1
) -> list[tuple[int, int, int, int, list[tuple[int, int]]]]:
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
    return [(r[0], r[1], r[2], r[3], r[4]) for r in runs]


def _span_tokens(seg: Segmented, first: int, last: int) -> list[Token]:
    start, end = seg.sentences[first].start, seg.sentences[last].end
    return tokenize(seg.article.text[start:end], start)


# The LCS alignment keeps a bit matrix of len(a) x len(b) words: 3.6 GB for two 1 MB articles.
# Longer texts are aligned in blocks of this many words (2 MB of bits each), each block cut after
# its last shared word in the first half, so a copy is followed through its whole length.
ALIGN_BLOCK = 4000


def _opcodes(ta: list[Token], tb: list[Token]) -> list[tuple[str, int, int, int, int]]:
    return opcodes([t.norm for t in ta], [t.norm for t in tb])


def opcodes(a: Sequence[str], b: Sequence[str], block: int = ALIGN_BLOCK
            ) -> list[tuple[str, int, int, int, int]]:
    """Indel (LCS) opcodes of two word lists, in blocks when both are long (memory stays
    bounded; a block boundary can only miss a better pairing across it).

    >>> opcodes(list("abxd"), list("abyd"), block=2)  # doctest: +NORMALIZE_WHITESPACE
    [('equal', 0, 2, 0, 2), ('insert', 2, 2, 2, 3), ('delete', 2, 3, 3, 3),
     ('equal', 3, 4, 3, 4)]
    """
    if len(a) <= block or len(b) <= block:
        whole = Indel.opcodes(a, b)
        return [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in whole]
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    while i < len(a) or j < len(b):
        ea, eb = min(len(a), i + block), min(len(b), j + block)
        ops: list[tuple[str, int, int, int, int]] = [
            (o.tag, o.src_start + i, o.src_end + i, o.dest_start + j, o.dest_end + j)
            for o in Indel.opcodes(a[i:ea], b[j:eb])]
        if ea == len(a) and eb == len(b):
            out.extend(ops)
            break
        half_a, half_b = i + (ea - i) // 2, j + (eb - j) // 2
        last = max((k for k, o in enumerate(ops) if o[0] == "equal"
                    and (o[1] < half_a or ea == len(a)) and (o[3] < half_b or eb == len(b))),
                   default=None)
        if last is None:  # nothing shared in the first half: a changed stretch
            step_a, step_b = max(half_a, i + (ea > i)), max(half_b, j + (eb > j))
            out.append(("replace" if step_a > i and step_b > j else
                        "delete" if step_a > i else "insert", i, step_a, j, step_b))
            i, j = step_a, step_b
            continue
        out.extend(ops[: last + 1])
        i, j = ops[last][2], ops[last][4]
    return [o for o in out if o[2] > o[1] or o[4] > o[3]]


def _densest(
    ops: list[tuple[str, int, int, int, int]], cost: float = UNSHARED_COST
) -> tuple[int, int] | None:
    """Index range [first, last] of opcodes forming the highest-scoring stretch (Kadane), an
    unshared word costing `cost`."""
    best, best_range = 0.0, None
    current, start = 0.0, 0
    for k, (tag, a0, a1, b0, b1) in enumerate(ops):
        gain = (a1 - a0) if tag == "equal" else -cost * ((a1 - a0) + (b1 - b0))
        # Strict comparisons: a stretch that breaks even stays open, so a changed word between
        # shared ones ("Bemis is/was a neighborhood") stays inside the copy.
        if current + gain < 0 and tag != "equal":
            current, start = 0.0, k + 1
            continue
        if current < 0:
            current, start = 0.0, k
        current += gain
        if tag == "equal" and current >= best:  # on a tie, the longer stretch
            best, best_range = current, (start, k)
    if best_range is None:
        return None
    first, last = best_range
    # A word or two changed at the very start or end of the passage ("The new link" / "A new
    # link") belongs to the copy: it is an edit, not a boundary.
    if _small_edit(ops[:first]):
        first = 0
    if _small_edit(ops[last + 1:]):
        last = len(ops) - 1
    return first, last


def _small_edit(ops: list[tuple[str, int, int, int, int]], words: int = 2) -> bool:
    """A word or two replaced by a word or two (words on both sides, none shared). Words on one
    side only are where the copy ends ("…,” he said), not an edit."""
    a = sum(op[2] - op[1] for op in ops)
    b = sum(op[4] - op[3] for op in ops)
    return all(op[0] != "equal" for op in ops) and 1 <= a <= words and 1 <= b <= words


def _diff(
    ta: list[Token], tb: list[Token], ops: list[tuple[str, int, int, int, int]]
) -> tuple[DiffOp, ...]:
    """Word diff with absolute offsets. Words equal only after folding (Peña/Pena, U.S./US) are
    changes too, so the small edits of an edited copy show; neighbouring changes merge."""
    steps: list[tuple[str, int, int, int, int]] = []
    for tag, a0, a1, b0, b1 in ops:
        if tag != "equal":
            steps.append(("change", a0, a1, b0, b1))
            continue
        for k in range(a1 - a0):
            same = ta[a0 + k].raw == tb[b0 + k].raw
            steps.append(("equal" if same else "change", a0 + k, a0 + k + 1, b0 + k, b0 + k + 1))
    merged: list[tuple[str, int, int, int, int]] = []
    for step in steps:
        if merged and merged[-1][0] == step[0]:
            prev = merged[-1]
            merged[-1] = (prev[0], prev[1], step[2], prev[3], step[4])
        else:
            merged.append(step)
    out = []
    for tag, a0, a1, b0, b1 in merged:
        if tag == "change":
            tag = "replace" if a1 > a0 and b1 > b0 else "delete" if a1 > a0 else "insert"
        out.append(DiffOp(tag, *_offsets(ta, a0, a1), *_offsets(tb, b0, b1)))
    return tuple(out)


def _offsets(tokens: list[Token], i0: int, i1: int) -> tuple[int, int]:
    if i1 > i0:
        return tokens[i0].start, tokens[i1 - 1].end
    pos = tokens[i0 - 1].end if i0 > 0 else (tokens[0].start if tokens else 0)
    return pos, pos


def _similarity(ops: list[tuple[str, int, int, int, int]]) -> tuple[int, float]:
    shared = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag == "equal")
    total = sum((a1 - a0) + (b1 - b0) for _, a0, a1, b0, b1 in ops)
    return shared, (2 * shared / total if total else 0.0)


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
    ops = _opcodes(ta, tb)
    dense = _densest(ops)
    if dense is None:
        return None
    return _stretch(seg_a, seg_b, ta, tb, ops[dense[0]: dense[1] + 1], min_words, edited_min,
                    semantic, repeat)


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
    ops = _opcodes(ta, tb)
    out: list[Finding] = []
    todo = [(0, len(ops), UNSHARED_COST)]
    while todo:
        lo, hi, cost = todo.pop()
        if sum(o[2] - o[1] for o in ops[lo:hi] if o[0] == "equal") < min_words:
            continue
        dense = _densest(ops[lo:hi], cost)
        if dense is None:
            continue
        first, last = lo + dense[0], lo + dense[1]
        f = _stretch(seg_a, seg_b, ta, tb, ops[first: last + 1], min_words, edited_min, semantic)
        if f is None:
            if cost < MAX_UNSHARED_COST:
                todo.append((lo, hi, cost * 2))
            continue
        out.append(f)
        todo += [(lo, first, cost), (last + 1, hi, cost)]
    out.sort(key=lambda f: f.a.start)
    # Growing a stretch over matching words can reach into its neighbour's: keep the first.
    kept: list[Finding] = []
    for f in out:
        if kept and (f.a.start < kept[-1].a.end or f.b.start < kept[-1].b.end):
            continue
        kept.append(f)
    return kept


def _stretch(
    seg_a: Segmented,
    seg_b: Segmented,
    ta: list[Token],
    tb: list[Token],
    ops: list[tuple[str, int, int, int, int]],
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
    ops = _opcodes(ta, tb)
    shared, lexical = _similarity(ops)
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
        _diff(ta, tb, ops),
        "unknown",
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
    ops = _opcodes(ta, tb)
    _, lexical = _similarity(ops)
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
        _diff(ta, tb, ops),
        "unknown",
        "",
    )


# --- corpus-level alignment -------------------------------------------------------------------

Pair = tuple[int, int]


def align_repeats(
    segs: Sequence[Segmented], within: dict[int, list[Pair]], min_words: int, edited_min: float
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
) -> set[Pair]:
    """(article index, sentence index) of every sentence overlapping one of the spans.

    Callers asking once per finding pass `index` (article_index(segs)), built once: rebuilding it
    per call made that loop findings x articles."""
    index = article_index(segs) if index is None else index
    out: set[Pair] = set()
    for span in spans:
        ai = index[span.article]
        out.update(
            (ai, x.index) for x in segs[ai].sentences if x.start < span.end and x.end > span.start
        )
    return out


def _mostly_under(
    segs: Sequence[Segmented], spans: Iterable[Span], index: dict[str, int]
) -> set[Pair]:
    """The sentences at least half inside one of the spans. A clause copied out of a sentence
    leaves the rest of it free to be found a paraphrase of the whole (which the copy is part of)."""
    out: set[Pair] = set()
    for span in spans:
        ai = index[span.article]
        for x in segs[ai].sentences:
            inside = min(x.end, span.end) - max(x.start, span.start)
            if inside > 0 and 2 * inside >= x.end - x.start:
                out.add((ai, x.index))
    return out


def align_across(
    segs: Sequence[Segmented],
    copies: dict[Pair, list[Pair]],
    paraphrases: dict[Pair, dict[Pair, tuple[float, float]]],
    hidden: set[Pair],
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
        sa, sb = segs[ai], segs[bj]
        scored = paraphrases.get((ai, bj), {})
        visible = [
            (i, j)
            for i, j in copies.get((ai, bj), [])
            if (ai, i) not in hidden and (bj, j) not in hidden
        ]
        covered: set[Pair] = set()
        copied = False
        # A copied block ends where a sentence is skipped: two separate reuses, two findings.
        for i0, i1, j0, j1, members in sentence_runs(visible, gap=0):
            cosines = [scored[m][1] for m in members if m in scored]
            for f in align_copies(
                sa,
                sb,
                (i0, i1, j0, j1),
                min_copy_words,
                edited_min,
                max(cosines) if cosines else None,
            ):
                out.append(f)
                copied = True
                covered |= _mostly_under(segs, [f.a, f.b], index)
        bar = threshold_related if copied else threshold
        loose = [m for m, (prob, _) in scored.items() if prob >= bar
                 and (ai, m[0]) not in covered and (bj, m[1]) not in covered]
        for i0, i1, j0, j1, members in sentence_runs(loose):
            prob = max(scored[m][0] for m in members)
            cosine = max(scored[m][1] for m in members)
            f = align_paraphrase(sa, sb, (i0, i1, j0, j1), prob, cosine, min_paraphrase_words)
            if f:
                out.append(f)
    return out


def word_diff(a: Span, b: Span) -> tuple[DiffOp, ...]:
    """The word-level diff of two spans (absolute offsets), for pairs not aligned as copies."""
    ta, tb = tokenize(a.text, a.start), tokenize(b.text, b.start)
    return _diff(ta, tb, _opcodes(ta, tb))


# --- sentence pairs inside a finding (the unit the judge reads) --------------------------------

# One side of an NLI input holds at most this many words. The NLI model reads a pair in 128
# tokens (nli.py); two sides of 50 words (about 60 tokens each) fit, so nothing is cut away,
# and no model input grows with the passage (a 100 KB passage pair took 11 GB whole).
MAX_UNIT_WORDS = 50


def sentence_pairs(
    f: Finding, seg_a: Segmented, seg_b: Segmented, max_words: int = MAX_UNIT_WORDS
) -> list[tuple[Span, Span]]:
    """The finding cut into aligned sentence pairs: each piece of `a` with the words of `b` the
    alignment pairs it with. Pieces end where a sentence ends on either side, and no piece holds
    more than `max_words` words on a side (text without punctuation is read in windows). Words
    on one side only (an inserted clause) stay with their neighbours; a pair whose `b` (or `a`)
    is empty is left out. A pair of short single sentences is the finding itself.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> a = segment(Article("a", "a.txt", "One two three four. Five six seven eight.", "txt"))
    >>> b = segment(Article("b", "b.txt", "One two three four. Five six seven nine.", "txt"))
    >>> f = align_copy(a, b, (0, 1, 0, 1), 4, 0.5)
    >>> [(x.text, y.text) for x, y in sentence_pairs(f, a, b)]  # doctest: +NORMALIZE_WHITESPACE
    [('One two three four', 'One two three four'),
     ('Five six seven eight', 'Five six seven nine')]
    """
    ta, tb = tokenize(f.a.text, f.a.start), tokenize(f.b.text, f.b.start)
    if not ta or not tb:
        return []
    sa, sb = _sentence_of(seg_a, ta), _sentence_of(seg_b, tb)
    if len(ta) <= max_words and len(tb) <= max_words and sa[0] == sa[-1] and sb[0] == sb[-1]:
        return [(f.a, f.b)]
    if not f.diff:  # not aligned word by word (a related claim): pair windows by shared words
        return _pair_windows(seg_a, seg_b, ta, tb, sa, sb, max_words)
    atoms = _atoms(f.diff, ta, tb, max_words)
    out: list[tuple[Span, Span]] = []
    cur: list[tuple[int, int, int, int]] = []
    na = nb = 0
    for k, (a0, a1, b0, b1) in enumerate(atoms):
        if cur and (na + a1 - a0 > max_words or nb + b1 - b0 > max_words):
            out.append(_unit(seg_a, seg_b, ta, tb, cur))
            cur, na, nb = [], 0, 0
        cur.append((a0, a1, b0, b1))
        na, nb = na + a1 - a0, nb + b1 - b0
        nxt = atoms[k + 1] if k + 1 < len(atoms) else None
        ends = nxt is None or (
            (a1 > a0 and nxt[1] > nxt[0] and sa[a1 - 1] != sa[nxt[0]])
            or (b1 > b0 and nxt[3] > nxt[2] and sb[b1 - 1] != sb[nxt[2]])
        )
        if ends:
            out.append(_unit(seg_a, seg_b, ta, tb, cur))
            cur, na, nb = [], 0, 0
    return [(x, y) for x, y in out if x.text and y.text]


def _sentence_of(seg: Segmented, tokens: list[Token]) -> list[int]:
    """The index of the sentence each token lies in (tokens and sentences are both in order)."""
    out, k = [], 0
    sentences = seg.sentences
    for t in tokens:
        while k + 1 < len(sentences) and sentences[k].end <= t.start:
            k += 1
        out.append(k)
    return out


def _atoms(
    diff: Sequence[DiffOp], ta: list[Token], tb: list[Token], max_words: int
) -> list[tuple[int, int, int, int]]:
    """Token ranges (a0, a1, b0, b1) that cannot be cut: one shared word, or one changed stretch
    (a stretch longer than `max_words` is cut into proportional pieces)."""
    from bisect import bisect_left

    starts_a, starts_b = [t.start for t in ta], [t.start for t in tb]
    ends_a, ends_b = [t.end for t in ta], [t.end for t in tb]
    out: list[tuple[int, int, int, int]] = []
    for d in diff:
        a0 = bisect_left(starts_a, d.a_start)
        a1 = bisect_left(ends_a, d.a_end) + (d.a_end > d.a_start)
        b0 = bisect_left(starts_b, d.b_start)
        b1 = bisect_left(ends_b, d.b_end) + (d.b_end > d.b_start)
        a1, b1 = max(a0, min(a1, len(ta))), max(b0, min(b1, len(tb)))
        if d.op == "equal" and a1 - a0 == b1 - b0:
            out.extend((a0 + k, a0 + k + 1, b0 + k, b0 + k + 1) for k in range(a1 - a0))
            continue
        pieces = max(1, -(-max(a1 - a0, b1 - b0) // max_words))
        for p in range(pieces):
            out.append((a0 + (a1 - a0) * p // pieces, a0 + (a1 - a0) * (p + 1) // pieces,
                        b0 + (b1 - b0) * p // pieces, b0 + (b1 - b0) * (p + 1) // pieces))
    return out


def _unit(
    seg_a: Segmented, seg_b: Segmented, ta: list[Token], tb: list[Token],
    atoms: list[tuple[int, int, int, int]],
) -> tuple[Span, Span]:
    a0, a1 = min(x[0] for x in atoms), max(x[1] for x in atoms)
    b0, b1 = min(x[2] for x in atoms), max(x[3] for x in atoms)
    return _side(seg_a, ta, a0, a1), _side(seg_b, tb, b0, b1)


def _side(seg: Segmented, tokens: list[Token], i0: int, i1: int) -> Span:
    if i1 <= i0:
        pos = tokens[min(i0, len(tokens) - 1)].start
        return Span(seg.article.id, pos, pos, "")
    return _span(seg, tokens[i0].start, tokens[i1 - 1].end)


def _windows(sentence: list[int], n: int, max_words: int) -> list[tuple[int, int]]:
    """Token ranges: each sentence, cut into windows of at most `max_words` words."""
    out: list[tuple[int, int]] = []
    start = 0
    for k in range(1, n + 1):
        if k == n or sentence[k] != sentence[start] or k - start >= max_words:
            out.append((start, k))
            start = k
    return out


def _pair_windows(
    seg_a: Segmented, seg_b: Segmented, ta: list[Token], tb: list[Token], sa: list[int],
    sb: list[int], max_words: int,
) -> list[tuple[Span, Span]]:
    """Each sentence (or window) of `a` with the window of `b` sharing most of its words."""
    wb = _windows(sb, len(tb), max_words)
    bags = [{t.norm for t in tb[b0:b1]} for b0, b1 in wb]
    out = []
    for a0, a1 in _windows(sa, len(ta), max_words):
        words = {t.norm for t in ta[a0:a1]}
        best = max(range(len(wb)), key=lambda k: (len(words & bags[k]), -k))
        out.append((_side(seg_a, ta, a0, a1), _side(seg_b, tb, *wb[best])))
    return out
