"""compare(): the stage order, nothing else. Each stage is a plain function in its own module."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from .align import align_copy, align_paraphrase, sentence_runs
from .attribution import attribute
from .candidates import copy_pairs, neighbour_pairs
from .chrome import find_chrome
from .config import Settings
from .embed import Embedder, embed_texts
from .errors import InputError
from .ingest import read_articles
from .progress import NoProgress, Progress
from .segment import segment
from .store import EmbeddingStore
from .textnorm import tokenize
from .types import Finding, Kind, Result, RunStats, Segmented

Pair = tuple[int, int]


def compare(inputs: Sequence[str], settings: Settings | None = None,
            embedder: Embedder | None = None, overrides: dict[str, str] | None = None,
            progress: Progress | None = None) -> Result:
    """Find reused and paraphrased passages across (and within) the articles at `inputs`.

    >>> result = compare(["seeds/"])  # doctest: +SKIP
    >>> result.findings[0].kind, result.findings[0].a.text[:40]  # doctest: +SKIP
    """
    settings = settings or Settings()
    progress = progress or NoProgress()
    began = time.perf_counter()
    articles, skipped = read_articles(inputs, settings.encoding, overrides)
    if not articles:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(f"no readable articles in the input{first}; give .txt, .md, .html or "
                         ".jsonl files, a folder of them, or a quoted glob")
    chrome = find_chrome(articles, settings.recurring_line_min_articles,
                         settings.recurring_line_max_words)
    segs = [segment(a, chrome[a.id]) for a in articles]

    units = [(ai, s.index) for ai, seg in enumerate(segs) for s in seg.sentences]
    tokens = [[t.norm for t in tokenize(segs[ai].sentences[si].text)] for ai, si in units]
    copies = copy_pairs(tokens, settings.shingle_size, settings.max_shingle_frequency,
                        settings.min_shared_shingles, settings.min_containment)
    within: dict[int, list[Pair]] = defaultdict(list)
    across: dict[Pair, list[Pair]] = defaultdict(list)
    for u, v, _ in copies:
        (ai, si), (bj, sj) = units[u], units[v]
        if ai == bj:
            within[ai].append((min(si, sj), max(si, sj)))
        else:
            across[(ai, bj)].append((si, sj))

    findings = _repeats(segs, within, settings)
    hidden = {(f_art, i) for f in findings for f_art, i in _sentences_in(segs, f.b)}

    if embedder is None:
        from .embed import MiniLM

        embedder = MiniLM(settings.batch_size)
    sims, para_pairs, stats = _embed(segs, hidden, embedder, settings, progress)
    findings += _cross(segs, across, para_pairs, sims, hidden, settings)
    findings = [f if f.kind is Kind.REPEAT else attribute(f, _seg(segs, f.a.article),
                                                           _seg(segs, f.b.article))
                for f in findings]
    findings = [f for f in findings if f.kind in settings.kinds and f.score >= settings.min_score]
    findings.sort(key=lambda f: (-f.score, f.a.article, f.a.start, f.b.article, f.b.start))
    models = (embedder.describe(),) if hasattr(embedder, "describe") else (
        {"name": getattr(embedder, "model_id", type(embedder).__name__)},)
    return Result(tuple(articles), tuple(segs), tuple(skipped), tuple(findings),
                  settings.to_dict(), models,
                  RunStats(stats[0], stats[1], stats[2], round(time.perf_counter() - began, 3)))


def _seg(segs: list[Segmented], article_id: str) -> Segmented:
    return next(s for s in segs if s.article.id == article_id)


def _sentences_in(segs: list[Segmented], span) -> list[Pair]:  # noqa: ANN001 - a Span
    ai = next(i for i, s in enumerate(segs) if s.article.id == span.article)
    return [(ai, s.index) for s in segs[ai].sentences if s.start < span.end and s.end > span.start]


def _repeats(segs: list[Segmented], within: dict[int, list[Pair]], s: Settings) -> list[Finding]:
    """Passages an article repeats of itself: reported once, later copy hidden from matching."""
    out = []
    for ai, pairs in sorted(within.items()):
        for i0, i1, j0, j1, _ in sentence_runs(pairs):
            if i1 >= j0:  # the two runs overlap: a sentence echoing its neighbour, not a repeat
                continue
            f = align_copy(segs[ai], segs[ai], (i0, i1, j0, j1), s.min_copy_words,
                           s.edited_min_similarity, repeat=True)
            if f:
                out.append(f)
    return out


class _Similarity:
    """Cosines between embedded sentences, looked up by (article, sentence) pairs."""

    def __init__(self, keys: list[Pair], vectors: np.ndarray):
        self.row = {k: r for r, k in enumerate(keys)}
        self.vectors = vectors

    def __call__(self, a: Pair, b: Pair) -> float | None:
        ra, rb = self.row.get(a), self.row.get(b)
        if ra is None or rb is None:
            return None
        return float(self.vectors[ra] @ self.vectors[rb])


def _embed(segs: list[Segmented], hidden: set[Pair], embedder: Embedder, s: Settings,
           progress: Progress) -> tuple[_Similarity, dict[Pair, list[Pair]], tuple[int, int, int]]:
    sent_keys = [(ai, x.index) for ai, seg in enumerate(segs) for x in seg.sentences
                 if (ai, x.index) not in hidden and len(tokenize(x.text)) >= s.min_paraphrase_words]
    para_keys = [(ai, p.index) for ai, seg in enumerate(segs) for p in seg.paragraphs
                 if len(tokenize(p.text)) >= s.min_paraphrase_words
                 and not all((ai, x.index) in hidden for x in seg.sentences if x.paragraph == p.index)]
    texts = [segs[a].sentences[i].text for a, i in sent_keys] + \
            [segs[a].paragraphs[i].text for a, i in para_keys]
    progress.start("embedding passages", len(set(texts)))
    store = EmbeddingStore(s.cache_path) if s.cache_path else None
    try:
        vectors, fresh, cached = embed_texts(embedder, texts, store, progress.advance)
    finally:
        if store:
            store.close()
        progress.finish()
    sent_vecs, para_vecs = vectors[:len(sent_keys)], vectors[len(sent_keys):]
    sims = _Similarity(sent_keys, sent_vecs)

    pairs: dict[Pair, list[Pair]] = defaultdict(list)
    groups = np.array([a for a, _ in sent_keys], dtype=np.int64)
    for u, v, _ in neighbour_pairs(sent_vecs, groups, s.sentence_paraphrase_min, s.neighbours):
        (ai, si), (bj, sj) = sent_keys[u], sent_keys[v]
        pairs[(ai, bj)].append((si, sj))
    groups = np.array([a for a, _ in para_keys], dtype=np.int64)
    for u, v, _ in neighbour_pairs(para_vecs, groups, s.paragraph_paraphrase_min, s.neighbours):
        (ai, pi), (bj, pj) = para_keys[u], para_keys[v]
        for x in segs[ai].sentences:
            if x.paragraph != pi:
                continue
            for y in segs[bj].sentences:
                cos = sims((ai, x.index), (bj, y.index)) if y.paragraph == pj else None
                if cos is not None and cos >= s.paragraph_sentence_min:
                    pairs[(ai, bj)].append((x.index, y.index))
    return sims, pairs, (len(texts), fresh, cached)


def _cross(segs: list[Segmented], copies: dict[Pair, list[Pair]], paraphrases: dict[Pair, list[Pair]],
           sims: _Similarity, hidden: set[Pair], s: Settings) -> list[Finding]:
    out: list[Finding] = []
    for ai, bj in sorted(set(copies) | set(paraphrases)):
        sa, sb = segs[ai], segs[bj]
        visible = [(i, j) for i, j in copies.get((ai, bj), [])
                   if (ai, i) not in hidden and (bj, j) not in hidden]
        covered_a: set[int] = set()
        covered_b: set[int] = set()
        for i0, i1, j0, j1, members in sentence_runs(visible):
            semantic = _best(sims, ai, bj, members)
            f = align_copy(sa, sb, (i0, i1, j0, j1), s.min_copy_words, s.edited_min_similarity,
                           semantic)
            if f:
                out.append(f)
                covered_a.update(x.index for x in sa.sentences if x.start < f.a.end and x.end > f.a.start)
                covered_b.update(x.index for x in sb.sentences if x.start < f.b.end and x.end > f.b.start)
        loose = [(i, j) for i, j in paraphrases.get((ai, bj), [])
                 if i not in covered_a and j not in covered_b]
        for i0, i1, j0, j1, members in sentence_runs(loose):
            semantic = _best(sims, ai, bj, members)
            if semantic is None:
                continue
            f = align_paraphrase(sa, sb, (i0, i1, j0, j1), semantic, s.min_paraphrase_words)
            if f:
                out.append(f)
    return out


def _best(sims: _Similarity, ai: int, bj: int, members: list[Pair]) -> float | None:
    scores = [c for i, j in members if (c := sims((ai, i), (bj, j))) is not None]
    return max(scores) if scores else None
