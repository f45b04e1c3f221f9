"""A finding cut into aligned sentence pairs: the unit the judge reads (overlap/judge.py).

A long passage is read piece by piece, each piece of `a` with the words of `b` the word diff
pairs it with, so no model input grows with the passage.

A piece is read on to the close of a short quotation it stops inside (to_quote_close). A copy
is cut to its densest run of shared words (align.py), so it stops at the last shared word: a
paper's "because WPC Davidson was 'doing nothing' to stop the trouble" against PA's "because Pc
Davidson was not doing her job" is cut after "'doing", and the cut text says that Davidson was
doing, against "was not doing": a negation dropped (the Daily Mail against PA, METER courts
09.08.99). Quoted words are one unit of what was said, so the typed checks read the rest of
the quotation (QUOTE_TAIL words at most); the finding's spans stay as aligned.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .reported_speakers import REPORTING_VERBS
from .textnorm import Token, tokenize, word_count
from .types import DiffOp, DiffTag, Finding, Segmented, Span

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

    >>> from overlap.align import align_copy
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
    out = [_unit(seg_a, seg_b, ta, tb, group) for group in _group_atoms(atoms, sa, sb, max_words)]
    return [(x, y) for x, y in out if x.text and y.text]


def _group_atoms(
    atoms: list[tuple[int, int, int, int]], sa: list[int], sb: list[int], max_words: int
) -> list[list[tuple[int, int, int, int]]]:
    """Consecutive atoms in groups that end where a sentence ends on either side (`sa`, `sb`:
    each token's sentence) or before a side would pass `max_words` words."""
    out: list[list[tuple[int, int, int, int]]] = []
    cur: list[tuple[int, int, int, int]] = []
    na = nb = 0
    for k, (a0, a1, b0, b1) in enumerate(atoms):
        if cur and (na + a1 - a0 > max_words or nb + b1 - b0 > max_words):
            out.append(cur)
            cur, na, nb = [], 0, 0
        cur.append((a0, a1, b0, b1))
        na, nb = na + a1 - a0, nb + b1 - b0
        nxt = atoms[k + 1] if k + 1 < len(atoms) else None
        ends = nxt is None or (
            (a1 > a0 and nxt[1] > nxt[0] and sa[a1 - 1] != sa[nxt[0]])
            or (b1 > b0 and nxt[3] > nxt[2] and sb[b1 - 1] != sb[nxt[2]])
        )
        if ends:
            out.append(cur)
            cur, na, nb = [], 0, 0
    return out


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
    starts_a, starts_b = [t.start for t in ta], [t.start for t in tb]
    ends_a, ends_b = [t.end for t in ta], [t.end for t in tb]
    out: list[tuple[int, int, int, int]] = []
    for d in diff:
        a0 = bisect_left(starts_a, d.a_start)
        a1 = bisect_left(ends_a, d.a_end) + (d.a_end > d.a_start)
        b0 = bisect_left(starts_b, d.b_start)
        b1 = bisect_left(ends_b, d.b_end) + (d.b_end > d.b_start)
        a1, b1 = max(a0, min(a1, len(ta))), max(b0, min(b1, len(tb)))
        if d.op == DiffTag.EQUAL and a1 - a0 == b1 - b0:
            out.extend((a0 + k, a0 + k + 1, b0 + k, b0 + k + 1) for k in range(a1 - a0))
            continue
        pieces = max(1, -(-max(a1 - a0, b1 - b0) // max_words))
        for p in range(pieces):
            out.append(
                (
                    a0 + (a1 - a0) * p // pieces,
                    a0 + (a1 - a0) * (p + 1) // pieces,
                    b0 + (b1 - b0) * p // pieces,
                    b0 + (b1 - b0) * (p + 1) // pieces,
                )
            )
    return out


def _unit(
    seg_a: Segmented,
    seg_b: Segmented,
    ta: list[Token],
    tb: list[Token],
    atoms: list[tuple[int, int, int, int]],
) -> tuple[Span, Span]:
    a0, a1 = min(x[0] for x in atoms), max(x[1] for x in atoms)
    b0, b1 = min(x[2] for x in atoms), max(x[3] for x in atoms)
    return _side(seg_a, ta, a0, a1), _side(seg_b, tb, b0, b1)


def _side(seg: Segmented, tokens: list[Token], i0: int, i1: int) -> Span:
    if i1 <= i0:
        pos = tokens[min(i0, len(tokens) - 1)].start
        return Span(seg.article.id, pos, pos, "")
    start, end = tokens[i0].start, tokens[i1 - 1].end
    return Span(seg.article.id, start, end, seg.article.text[start:end])


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
    seg_a: Segmented,
    seg_b: Segmented,
    ta: list[Token],
    tb: list[Token],
    sa: list[int],
    sb: list[int],
    max_words: int,
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


# The most words a passage is read on by to reach a quotation's close: a short quoted phrase
# ("'doing nothing'", "a ``bit of fun''"), not the rest of a long quoted sentence.
QUOTE_TAIL = 3


def to_quote_close(seg: Segmented, span: Span) -> Span:
    """`span` read on to the close of a quotation it ends inside, when that is at most
    QUOTE_TAIL words on; else `span` itself.

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> text = "He said Davidson was 'doing nothing' to stop it."
    >>> seg = segment(Article("a", "a.txt", text, "txt"))
    >>> to_quote_close(seg, Span("a", 0, 27, text[:27])).text
    "He said Davidson was 'doing nothing"
    """
    text = seg.article.text
    for q in seg.quotes:
        if not q.inner_start < span.end < q.inner_end or span.start >= q.inner_end:
            continue
        if 0 < word_count(text[span.end : q.inner_end]) <= QUOTE_TAIL:
            return Span(span.article, span.start, q.inner_end, text[span.start : q.inner_end])
    return span


# How far back from a span, inside its sentence, the reporting verb it reports may stand ("He
# told the Scottish Parliament on Wednesday that a ban ... would be introduced": 8 words).
REPORT_LEAD = 10
# Verbs that only report: "claimed", "denied" and "admitted" take a stance (a hedge, a denial)
# the other side's words would be read against.
_NEUTRAL_REPORTING = REPORTING_VERBS - {
    "claimed",
    "claims",
    "denied",
    "denies",
    "admitted",
    "admits",
}


def from_reporting_verb(seg: Segmented, span: Span) -> Span:
    """`span` read back to the reporting verb its clause reports, when one stands at most
    REPORT_LEAD words before it in the same sentence; else `span` itself. A copy that starts
    after "He told MPs that" is reported speech, and its "would" is the speaker's "will".

    >>> from overlap.segment import segment
    >>> from overlap.types import Article
    >>> text = "He told MPs on Wednesday that a ban would be introduced."
    >>> seg = segment(Article("a", "a.txt", text, "txt"))
    >>> from_reporting_verb(seg, Span("a", 30, 56, text[30:56])).text
    'told MPs on Wednesday that a ban would be introduced.'
    """
    text = seg.article.text
    sentence = next((s for s in seg.sentences if s.start <= span.start < s.end), None)
    if sentence is None or sentence.start == span.start:
        return span
    lead = tokenize(text[sentence.start : span.start], sentence.start)[-REPORT_LEAD:]
    verb = next((t for t in reversed(lead) if t.norm in _NEUTRAL_REPORTING), None)
    if verb is None:
        return span
    return Span(span.article, verb.start, span.end, text[verb.start : span.end])
