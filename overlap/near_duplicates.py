"""Whether two articles are one story: an exact duplicate, a near-duplicate (the same story
reissued, corrected or updated), or two stories that only share some passages.

The evidence is the share of the shorter article's *distinctive* words that the pair's reuse
findings match in the other article (`NEAR_SHARE`, and at least `NEAR_MIN_WORDS` such words).
Words inside stock wording do not count on either side of the share: wire services file many
stories on one form (dividend notices, money-market reports, bond terms), and two such stories
share their form sentence for sentence while every fact differs.

Stock wording is decided from the compared set, like page chrome (overlap/chrome.py), never from
a word list: a run of `STOCK_SHINGLE` words (any number counting as one and the same word) is
stock when it recurs in `STOCK_MIN_VARIANTS` or more *different* sentences of as many articles
(a sentence told apart with its neighbours). Counting different sentences, not articles, keeps
a story copied whole by many outlets (the same sentences again and again) from turning its own
wording into stock: a form recurs with new facts each time, a copied story with the same ones.
The numbers that fill a form in are never stock: they are the facts that tell two notices apart.

An exact duplicate needs no finding: two texts with the same words (folded) are one, even when
their lines are too short to become copy candidates or recur so often that they are chrome
(dividend notices).

    >>> from overlap.types import Article
    >>> from overlap.segment import segment
    >>> a = Article("a", "a.txt", "Acme said profit rose ten pct in the year.", "txt")
    >>> b = Article("b", "b.txt", "Acme said profit rose ten pct in the year.", "txt")
    >>> [(p.a, p.b, str(p.label)) for p in pair_duplication([segment(a), segment(b)], [])]
    [('a', 'b', 'exact')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .linked_articles import names_in
from .textnorm import folded_words, tokenize
from .types import Duplication, Finding, Kind, PairDuplication, Segmented

REUSE_KINDS = (Kind.VERBATIM, Kind.EDITED, Kind.PARAPHRASE)
# Stock wording: a run of this many words in at least this many different sentences, of at least
# this many articles. Four words is a phrase of a form ("to holders of record", "said it had
# provided"); five variants is more than one story's reissues and corrections usually make
# (Reuters-21578's largest group of identical bodies holds 4, and most chains of reissues found
# there are 2 to 4 stories) and fewer than a form that recurs weekly makes in a few months.
STOCK_SHINGLE = 4
STOCK_MIN_VARIANTS = 5
# A near-duplicate: the pair's findings match at least this share of the shorter article's
# distinctive words in the other. Chosen on the labelled Reuters-21578 sample of seed 12 (the
# pairs are listed in benchmarks/labels/reuters_near_duplicates.csv; see the Reuters-21578
# section of reports/benchmarks.md): 7 of its 8 true pairs kept, none of its 92 false ones. On
# a fresh sample (seed 2026) of 100 pairs it calls near: 52 true (Wilson 95 % 42-62 %); most
# false ones are short notices on one form whose figures happen to agree (a prime-rate wave).
NEAR_SHARE = 0.6
# ...and at least this many distinctive words matched: a name and a figure or two shared by two
# notices on one form are too little to call them one story (on that sample, the two false
# pairs above the share matched 2 and 4 such words, the true ones 15 or more).
NEAR_MIN_WORDS = 5
# ...and the facts agree: a reissue or correction repeats the story's figures and names, while a
# weekly report filed again, or a form filled in for another company, keeps the wording and
# changes them (a table's figures, the week's date, the bank's name). Of the shorter article's
# figures (as a multiset), at least FIGURES_KEPT must be in the other; of its names (runs of
# capitalised words, `linked_articles.names_in`), at least NAMES_KEPT. An article without any
# passes that test. Chosen on the labelled sample of seed 2026
# (benchmarks/labels/reuters_pair_decision.csv): the pair of bars kept 51 of its 52 true pairs
# and removed 29 of its 48 false ones (precision 52 -> 76 %); a corrected figure or an added
# name still passes. A fresh sample measures it (the Reuters-21578 section).
FIGURES_KEPT = 0.6
NAMES_KEPT = 0.5

_PRIME = np.uint64(1_000_003)
_NUMBER = "\x00number"  # the one word every number is to the stock shingles


@dataclass(frozen=True)
class _Words:
    """One article's words (inside its sentences, so outside chrome): where each starts, and
    whether it lies inside stock wording."""

    starts: np.ndarray  # int64 character offsets, ascending
    stock: np.ndarray  # bool
    # Hash of the whole text's folded words in order, None when it has none. The whole text, not
    # only the sentences: a notice whose every line recurs elsewhere is all chrome, yet two
    # copies of it are still one story.
    key: int | None
    figures: Counter[str]  # the numbers its sentences write, with how often
    names: frozenset[str]  # the names its sentences write (`names_in`)


def pair_duplication(
    segs: Sequence[Segmented], findings: Sequence[Finding]
) -> tuple[PairDuplication, ...]:
    """One PairDuplication per article pair with a reuse finding between them, and per pair of
    bodies with the same words; sorted by article ids."""
    words = _words(segs)
    matched: dict[tuple[str, str], dict[str, list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for f in findings:
        if f.kind not in REUSE_KINDS or f.a.article == f.b.article:
            continue
        pair = (
            (f.a.article, f.b.article) if f.a.article < f.b.article else (f.b.article, f.a.article)
        )
        sides = matched[pair]
        for side, span, ranges in (
            (f.a.article, f.a, [(op.a_start, op.a_end) for op in f.diff if op.op == "equal"]),
            (f.b.article, f.b, [(op.b_start, op.b_end) for op in f.diff if op.op == "equal"]),
        ):
            # A paraphrase shares its meaning, not its words: the whole passage is matched.
            whole = f.kind == Kind.PARAPHRASE or not f.diff
            sides[side].extend([(span.start, span.end)] if whole else ranges)
    same_body: dict[int, list[str]] = defaultdict(list)
    for seg in segs:
        w = words[seg.article.id]
        if w.key is not None:
            same_body[w.key].append(seg.article.id)
    pairs = set(matched)
    for ids in same_body.values():
        ids = sorted(ids)
        pairs.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :])
    return tuple(_decide(a, b, words, matched.get((a, b), {})) for a, b in sorted(pairs))


def _decide(
    a: str, b: str, words: dict[str, _Words], matched: dict[str, list[tuple[int, int]]]
) -> PairDuplication:
    wa, wb = words[a], words[b]
    shorter = a if len(wa.starts) <= len(wb.starts) else b
    w = words[shorter]
    n = len(w.starts)
    hit = _inside(w.starts, matched.get(shorter, []))
    distinctive = ~w.stock
    n_distinctive = int(distinctive.sum())
    share_matched = float(hit.sum()) / n if n else 0.0
    share_stock = 1.0 - n_distinctive / n if n else 0.0
    own_matched = int((hit & distinctive).sum())
    share = own_matched / n_distinctive if n_distinctive else 0.0
    if wa.key is not None and wa.key == wb.key:
        label = Duplication.EXACT
    elif (
        share >= NEAR_SHARE
        and own_matched >= NEAR_MIN_WORDS
        and _same_facts(w, wb if w is wa else wa)
    ):
        label = Duplication.NEAR
    else:
        label = Duplication.PARTIAL
    return PairDuplication(
        a, b, shorter, n, round(share_matched, 4), round(share_stock, 4), round(share, 4), label
    )


def _same_facts(shorter: _Words, other: _Words) -> bool:
    """Whether the other article repeats enough of the shorter one's figures and names to be the
    same story told again (`FIGURES_KEPT`, `NAMES_KEPT`)."""
    n_figures = sum(shorter.figures.values())
    if n_figures and sum((shorter.figures & other.figures).values()) < FIGURES_KEPT * n_figures:
        return False
    return not shorter.names or len(shorter.names & other.names) >= NAMES_KEPT * len(shorter.names)


def _inside(starts: np.ndarray, ranges: list[tuple[int, int]]) -> np.ndarray:
    """Which words start inside one of the [start, end) character ranges."""
    hit = np.zeros(len(starts), dtype=bool)
    for lo, hi in ranges:
        hit[np.searchsorted(starts, lo) : np.searchsorted(starts, hi)] = True
    return hit


def _words(segs: Sequence[Segmented]) -> dict[str, _Words]:
    """Every article's words, with stock wording marked from the whole set."""
    vocab: dict[str, int] = {_NUMBER: 0}
    # Per article: its id, word starts, which are numbers, sentences as (first word, words),
    # body key.
    per_article: list[tuple[str, list[int], list[bool], list[tuple[int, int]], int | None]] = []
    facts: list[tuple[Counter[str], frozenset[str]]] = []  # per article: figures, names
    shingles: list[np.ndarray] = []  # per sentence, in article order
    sentence_keys: list[int] = []
    article_of: list[int] = []
    for ai, seg in enumerate(segs):
        starts: list[int] = []
        numeric: list[bool] = []
        ids: list[int] = []
        sentences = []
        figures: Counter[str] = Counter()
        names: set[str] = set()
        own: list[int] = []  # each sentence's words as one hash, for its context below
        for sent in seg.sentences:
            toks = tokenize(sent.text, sent.start)
            if not toks:
                continue
            tid = [vocab.setdefault(t.norm, len(vocab)) for t in toks]
            digits = [not t.norm.isalpha() for t in toks]  # a token is letters or has a digit
            sentences.append((len(starts), len(toks)))
            starts.extend(t.start for t in toks)
            numeric.extend(digits)
            ids.extend(tid)
            own.append(hash(tuple(tid)))
            figures.update(t.norm for t, d in zip(toks, digits, strict=True) if d)
            names |= names_in(sent.text)
            article_of.append(ai)
        # A form's wording is the same whatever figures fill it in: numbers are one word to the
        # shingles, so "arranged 1.5 billion dlrs of" and "arranged 2 billion dlrs of" are one
        # run found in two different sentences.
        form = np.where(np.array(numeric, dtype=bool), 0, np.array(ids, dtype=np.int64))
        shingles.extend(_sentence_shingles(form.astype(np.uint64), sentences))
        # A sentence's variant is its words with the sentences either side: a form cut into
        # short sentences ("The Federal Reserve entered the U.S.") repeats each piece word for
        # word, and its figures sit in the next piece; a copied story repeats its neighbours too.
        padded = [0, *own, 0]
        sentence_keys.extend(hash(tuple(padded[i : i + 3])) for i in range(len(own)))
        facts.append((figures, frozenset(names)))
        body = folded_words(seg.article.text)
        per_article.append(
            (seg.article.id, starts, numeric, sentences, hash(tuple(body)) if body else None)
        )
    is_stock = _stock(shingles, sentence_keys, article_of)
    out: dict[str, _Words] = {}
    at = 0  # the next sentence's first shingle in is_stock
    for (ident, starts, numeric, sentences, key), (counted, named) in zip(
        per_article, facts, strict=True
    ):
        stock = np.zeros(len(starts), dtype=bool)
        for first, length in sentences:
            runs = max(1, length - STOCK_SHINGLE + 1)
            for k in np.nonzero(is_stock[at : at + runs])[0]:
                stock[first + k : first + k + min(STOCK_SHINGLE, length)] = True
            at += runs
        # ...but the figures themselves are the facts that fill the form in, never stock: two
        # notices on one form differ in them, a reissue of one notice repeats them.
        stock &= ~np.array(numeric, dtype=bool)
        out[ident] = _Words(np.array(starts, dtype=np.int64), stock, key, counted, named)
    return out


def _sentence_shingles(form: np.ndarray, sentences: list[tuple[int, int]]) -> list[np.ndarray]:
    """Each sentence's shingles (`_shingles`), cut from one pass over the article's words."""
    whole = _shingles(form) if len(form) >= STOCK_SHINGLE else form[:0]
    return [
        whole[first : first + length - STOCK_SHINGLE + 1]
        if length >= STOCK_SHINGLE
        else _shingles(form[first : first + length])
        for first, length in sentences
    ]


def _shingles(tid: np.ndarray) -> np.ndarray:
    """Hashes of a sentence's runs of STOCK_SHINGLE words, in order (a shorter sentence is one
    run); position k covers words k .. k + STOCK_SHINGLE - 1."""
    n = min(STOCK_SHINGLE, len(tid))
    windows = np.lib.stride_tricks.sliding_window_view(tid, n)
    powers = _PRIME ** np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return (windows * powers).sum(axis=1, dtype=np.uint64) + np.uint64(n)


def _stock(shingles: list[np.ndarray], sentences: list[int], articles: list[int]) -> np.ndarray:
    """Per shingle (all sentences' shingles in order): whether its words are found in
    STOCK_MIN_VARIANTS or more different sentences and as many articles."""
    if not shingles:
        return np.zeros(0, dtype=bool)
    sizes = [len(h) for h in shingles]
    sh = np.concatenate(shingles)
    varied = _distinct_at_least(sh, np.repeat(np.array(sentences, dtype=np.int64), sizes))
    spread = _distinct_at_least(sh, np.repeat(np.array(articles, dtype=np.int64), sizes))
    return np.isin(sh, np.intersect1d(varied, spread))


def _distinct_at_least(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The keys that come with STOCK_MIN_VARIANTS or more distinct values."""
    order = np.lexsort((values, keys))
    k, v = keys[order], values[order]
    new_row = np.ones(len(k), dtype=bool)
    new_row[1:] = (k[1:] != k[:-1]) | (v[1:] != v[:-1])
    distinct_keys, counts = np.unique(k[new_row], return_counts=True)
    return distinct_keys[counts >= STOCK_MIN_VARIANTS]
