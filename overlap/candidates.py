"""Pairs of sentences worth aligning, found without comparing every pair of passages.

The corpus-level candidate stage: it turns segmented articles into typed candidate sets and
leaves the maths to two array modules.

- Copies: sentences sharing enough word shingles (overlap/shingles.py).
- Paraphrases: near neighbours of sentence and paragraph embeddings across articles
  (overlap/neighbours.py), kept where the paraphrase scorer accepts them (overlap/paraphrase.py,
  `load_model`). Embeddings are read from and written to the cache (overlap/cache.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .cache import EmbeddingStore
from .config import Settings
from .embed import Embedder, embed_texts

# copy_pairs and neighbour_pairs stay importable from here (benchmarks/field_speed.py).
from .neighbours import ScoredPair, mean_vectors, neighbour_pairs
from .progress import Progress
from .shingles import copy_pairs
from .textnorm import folded_words, word_count
from .types import (
    ArticlePair,
    PairScore,
    ParagraphRef,
    ParagraphVectors,
    Segmented,
    Sentence,
    SentencePair,
    SentenceRef,
)

if TYPE_CHECKING:
    from .paraphrase import ParaphraseModel, Rarity


@dataclass(frozen=True)
class CopyCandidates:
    """Sentence pairs sharing shingles: within one article, and across article pairs."""

    within: dict[int, list[SentencePair]]
    across: dict[ArticlePair, list[SentencePair]]


@dataclass(frozen=True)
class ParaphraseCandidates:
    """Sentence pairs judged paraphrases, per article pair: (i, j) -> (probability, cosine)."""

    pairs: dict[ArticlePair, dict[SentencePair, PairScore]]
    # Near neighbours the scorer did not accept: about the same thing, differently told.
    # (i, j) -> cosine, per article pair; the judge looks at them for contradictions.
    related: dict[ArticlePair, dict[SentencePair, float]]
    passages: int
    embedded: int
    from_cache: int
    threshold: float  # the scorer's bar between articles with no other reuse
    threshold_related: float  # its bar between articles that already share copied text


def copy_candidates(segs: Sequence[Segmented], s: Settings) -> CopyCandidates:
    units = [(ai, x.index) for ai, seg in enumerate(segs) for x in seg.sentences]
    tokens = [folded_words(segs[ai].sentences[si].text) for ai, si in units]
    within: dict[int, list[SentencePair]] = defaultdict(list)
    across: dict[ArticlePair, list[SentencePair]] = defaultdict(list)
    for u, v, _ in copy_pairs(
        tokens,
        s.shingle_size,
        s.max_shingle_frequency,
        s.min_shared_shingles,
        s.min_containment,
        s.min_clause_shingles,
    ):
        (ai, si), (bj, sj) = units[u], units[v]
        if ai == bj:
            within[ai].append((min(si, sj), max(si, sj)))
        else:
            across[(ai, bj)].append((si, sj))
    return CopyCandidates(dict(within), dict(across))


# Sentences from this many words are claims the judge compares (issue 13: a headline is a claim).
MIN_CLAIM_WORDS = 4


def is_heading(seg: Segmented, sentence: Sentence) -> bool:
    """A one-sentence paragraph with no closing punctuation: a headline or subhead, not a claim."""
    para = seg.paragraphs[sentence.paragraph]
    return para.text == sentence.text and not sentence.text.rstrip("”\"’')").endswith(
        (".", "!", "?", "…", ":")
    )


def paraphrase_candidates(
    segs: Sequence[Segmented],
    hidden: set[SentenceRef],
    embedder: Embedder,
    s: Settings,
    progress: Progress,
    scorer: ParaphraseModel | None = None,
    store: EmbeddingStore | None = None,
) -> ParaphraseCandidates:
    """Embed sentences and paragraphs (from `store`, the run's cache, where known), find near
    neighbours across articles, and keep the pairs the paraphrase scorer (`scorer`, else the
    shipped one) accepts. Paragraph pairs it accepts are pinned down to their mutually
    best-matching sentences."""
    from .paraphrase import Rarity, load_model

    passages = _select_passages(segs, hidden, s)
    embedded = _embed_passages(passages, segs, embedder, store, s, progress)
    model = scorer if scorer is not None else load_model()
    alone = s.paraphrase_threshold if s.paraphrase_threshold is not None else model.threshold
    related_min = (
        s.paraphrase_threshold_related
        if s.paraphrase_threshold_related is not None
        else model.threshold_related
    )
    # Keep everything the looser bar passes; align_across applies the bar that fits each article
    # pair once it knows whether the two also share copied text.
    scored = _Scored(passages.claims_only)
    bar = _Scorer(
        model, Rarity(x.text for seg in segs for x in seg.sentences), min(alone, related_min)
    )
    _score_sentence_pairs(scored, bar, passages, embedded, segs, s)
    _score_paragraph_pairs(scored, bar, passages, embedded, segs, s)
    _extend_to_next_sentences(scored, embedded, s)
    found, related = scored.result()
    return ParaphraseCandidates(
        found, related, embedded.passages, embedded.fresh, embedded.cached, alone, related_min
    )


# --- step 1: which passages are embedded -------------------------------------------------------


@dataclass(frozen=True)
class _Passages:
    sentences: list[SentenceRef]  # every sentence embedded, in article and sentence order
    # Headlines and short sentences: paired as related claims only, never paraphrase evidence.
    claims_only: set[SentenceRef]
    paragraphs: list[ParagraphRef]  # paragraphs holding a paraphrase-length sentence
    # The paraphrase-length sentences of each paragraph: a paragraph pair is read through them.
    in_paragraph: dict[ParagraphRef, list[SentenceRef]]


def _select_passages(segs: Sequence[Segmented], hidden: set[SentenceRef], s: Settings) -> _Passages:
    # Headlines and short sentences (from MIN_CLAIM_WORDS words) are claims too: they are
    # embedded and paired as related claims for the judge, but never made paraphrase evidence.
    sent_keys = [
        (ai, x.index)
        for ai, seg in enumerate(segs)
        for x in seg.sentences
        if (ai, x.index) not in hidden and word_count(x.text) >= MIN_CLAIM_WORDS
    ]
    claims_only = {
        (ai, si)
        for ai, si in sent_keys
        if is_heading(segs[ai], segs[ai].sentences[si])
        or word_count(segs[ai].sentences[si].text) < s.min_paraphrase_words
    }
    wanted = set(sent_keys) - claims_only
    para_keys = [
        (ai, p.index)
        for ai, seg in enumerate(segs)
        for p in seg.paragraphs
        if any((ai, x.index) in wanted for x in seg.sentences if x.paragraph == p.index)
    ]
    in_paragraph: dict[ParagraphRef, list[SentenceRef]] = defaultdict(list)
    for ai, si in sent_keys:
        if (ai, si) in wanted:
            in_paragraph[(ai, segs[ai].sentences[si].paragraph)].append((ai, si))
    return _Passages(sent_keys, claims_only, para_keys, dict(in_paragraph))


# --- step 2: embeddings and paragraph neighbours -----------------------------------------------


@dataclass(frozen=True)
class _Embedded:
    sentence_vectors: np.ndarray  # one row per _Passages.sentences
    row: dict[SentenceRef, int]  # a sentence's row in sentence_vectors
    paragraph_pairs: list[ScoredPair]  # rows of _Passages.paragraphs, with their cosine
    passages: int  # texts embedded or read from the cache
    fresh: int
    cached: int


def _embed_passages(
    passages: _Passages,
    segs: Sequence[Segmented],
    embedder: Embedder,
    store: EmbeddingStore | None,
    s: Settings,
    progress: Progress,
) -> _Embedded:
    """Sentence vectors (and, with paragraph_vectors = encode, paragraph vectors) from the
    encoder or the cache, and the paragraph pairs the configured paragraph mode finds."""
    sent_keys, para_keys = passages.sentences, passages.paragraphs
    encode_all = s.paragraph_vectors == ParagraphVectors.ENCODE
    texts = [segs[a].sentences[i].text for a, i in sent_keys] + [
        segs[a].paragraphs[i].text for a, i in para_keys if encode_all
    ]
    vectors, fresh, cached = _embed(embedder, texts, store, progress, "embedding passages")
    sent_vecs = vectors[: len(sent_keys)]
    row = {k: r for r, k in enumerate(sent_keys)}
    para_pairs, extra = _paragraph_pairs(passages, vectors, row, segs, embedder, store, s, progress)
    return _Embedded(
        sent_vecs, row, para_pairs, len(texts) + extra[0], fresh + extra[1], cached + extra[2]
    )


def _paragraph_pairs(
    passages: _Passages,
    vectors: np.ndarray,
    row: dict[SentenceRef, int],
    segs: Sequence[Segmented],
    embedder: Embedder,
    store: EmbeddingStore | None,
    s: Settings,
    progress: Progress,
) -> tuple[list[ScoredPair], tuple[int, int, int]]:
    """Paragraph neighbour pairs by the configured paragraph_vectors mode, and (passages,
    embedded, from cache) for any paragraphs encoded here (the shortlisted ones)."""
    para_keys = passages.paragraphs
    groups = np.array([a for a, _ in para_keys], dtype=np.int64)
    sent_vecs = vectors[: len(passages.sentences)]
    if s.paragraph_vectors == ParagraphVectors.ENCODE:  # encoded with the sentences
        para_vecs = vectors[len(passages.sentences) :]
        pairs = neighbour_pairs(para_vecs, groups, s.paragraph_candidate_min, s.neighbours)
        return pairs, (0, 0, 0)
    members = [[row[k] for k in passages.in_paragraph[p]] for p in para_keys]
    means = mean_vectors(sent_vecs, members)
    if s.paragraph_vectors == ParagraphVectors.MEAN:
        return neighbour_pairs(means, groups, s.paragraph_candidate_min, s.neighbours), (0, 0, 0)
    # Shortlist: twice the neighbours, as mean vectors rank near neighbours a little differently
    # from the encoder; confirm_paragraph_pairs keeps each paragraph's best k.
    shortlist = neighbour_pairs(
        means, groups, s.paragraph_candidate_min - SHORTLIST_MARGIN, 2 * s.neighbours
    )
    return confirm_paragraph_pairs(
        shortlist, means, para_keys, segs, passages.in_paragraph, embedder, store, s, progress
    )


# Paragraph pairs are shortlisted on mean sentence vectors at this much below
# paragraph_candidate_min, then confirmed on the encoder's own paragraph vectors (see
# confirm_paragraph_pairs): a mean-vector cosine differs from the encoder's by less than this for
# nearly every pair that matters (reports/benchmarks.md).
SHORTLIST_MARGIN = 0.1


def confirm_paragraph_pairs(
    shortlist: list[ScoredPair],
    means: np.ndarray,
    para_keys: Sequence[ParagraphRef],
    segs: Sequence[Segmented],
    in_paragraph: dict[ParagraphRef, list[SentenceRef]],
    embedder: Embedder,
    store: EmbeddingStore | None,
    s: Settings,
    progress: Progress,
) -> tuple[list[ScoredPair], tuple[int, int, int]]:
    """The shortlisted paragraph pairs whose encoder cosine reaches paragraph_candidate_min, with
    that cosine; and (passages, embedded, from cache) for the paragraphs it had to encode.

    Only shortlisted paragraphs are encoded. A paragraph that is one embedded sentence needs no
    encoding: the sentence's vector is the paragraph's.
    """
    rows = sorted({u for u, _, _ in shortlist} | {v for _, v, _ in shortlist})
    todo = [
        r
        for r in rows
        if segs[para_keys[r][0]].paragraphs[para_keys[r][1]].text
        != _only_sentence_text(segs, in_paragraph.get(para_keys[r], []))
    ]
    texts = [segs[para_keys[r][0]].paragraphs[para_keys[r][1]].text for r in todo]
    vectors, fresh, cached = _embed(
        embedder, texts, store, progress, "embedding shortlisted paragraphs"
    )
    true = {r: means[r] for r in rows}
    true.update(zip(todo, vectors, strict=True))
    pairs = [(u, v, float(true[u] @ true[v])) for u, v, _ in shortlist]
    pairs = [p for p in pairs if p[2] >= s.paragraph_candidate_min]
    # As neighbour_pairs does: a pair stays when either side is among the other's k best.
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for n, (u, v, cos) in enumerate(pairs):
        best[u].append((cos, n))
        best[v].append((cos, n))
    kept = {n for ranked in best.values() for _, n in sorted(ranked, reverse=True)[: s.neighbours]}
    return [p for n, p in enumerate(pairs) if n in kept], (len(texts), fresh, cached)


def _embed(
    embedder: Embedder,
    texts: Sequence[str],
    store: EmbeddingStore | None,
    progress: Progress,
    label: str,
) -> tuple[np.ndarray, int, int]:
    """embed_texts with a progress bar named `label`."""
    progress.start(label, len(set(texts)))
    try:
        return embed_texts(embedder, texts, store, progress.advance)
    finally:
        progress.finish()


def _only_sentence_text(segs: Sequence[Segmented], members: Sequence[SentenceRef]) -> str | None:
    if len(members) != 1:
        return None
    ai, si = members[0]
    return segs[ai].sentences[si].text


# --- step 3: scoring neighbours ----------------------------------------------------------------


class _Scorer:
    """The paraphrase scorer's probability for two passages, and the bar a pair must reach."""

    def __init__(self, model: ParaphraseModel, rarity: Rarity, threshold: float):
        self.model, self.rarity, self.threshold = model, rarity, threshold

    def probability(self, cosine: float, a: str, b: str) -> float:
        return self.model.score(cosine, a, b, self.rarity)


class _Scored:
    """The accepted pairs (best probability kept) and the related ones, per article pair."""

    def __init__(self, claims_only: set[SentenceRef]):
        self.claims_only = claims_only
        self.found: dict[ArticlePair, dict[SentencePair, PairScore]] = defaultdict(dict)
        self.related: dict[ArticlePair, dict[SentencePair, float]] = defaultdict(dict)

    def keep(self, ai: int, bj: int, si: int, sj: int, prob: float, cos: float) -> None:
        """An accepted pair: paraphrase evidence, unless a side is a claim-only sentence."""
        if (ai, si) in self.claims_only or (bj, sj) in self.claims_only:
            related = self.related[(ai, bj)]
            related[(si, sj)] = max(cos, related.get((si, sj), cos))
            return
        old = self.found[(ai, bj)].get((si, sj))
        if old is None or prob > old.probability:
            self.found[(ai, bj)][(si, sj)] = PairScore(prob, cos)

    def result(
        self,
    ) -> tuple[
        dict[ArticlePair, dict[SentencePair, PairScore]],
        dict[ArticlePair, dict[SentencePair, float]],
    ]:
        """(found, related), a pair found as a paraphrase no longer listed as related."""
        for key, pairs in self.found.items():
            for pair in pairs:
                self.related.get(key, {}).pop(pair, None)
        return dict(self.found), dict(self.related)


def _score_sentence_pairs(
    scored: _Scored,
    scorer: _Scorer,
    passages: _Passages,
    embedded: _Embedded,
    segs: Sequence[Segmented],
    s: Settings,
) -> None:
    """Sentence neighbours across articles: accepted at the scorer's bar, else related."""
    sent_keys = passages.sentences
    groups = np.array([a for a, _ in sent_keys], dtype=np.int64)
    vectors = embedded.sentence_vectors
    for u, v, cos in neighbour_pairs(vectors, groups, s.sentence_candidate_min, s.neighbours):
        (ai, si), (bj, sj) = sent_keys[u], sent_keys[v]
        prob = scorer.probability(cos, segs[ai].sentences[si].text, segs[bj].sentences[sj].text)
        if prob >= scorer.threshold:
            scored.keep(ai, bj, si, sj, prob, cos)
        else:
            scored.related[(ai, bj)][(si, sj)] = cos


def _score_paragraph_pairs(
    scored: _Scored,
    scorer: _Scorer,
    passages: _Passages,
    embedded: _Embedded,
    segs: Sequence[Segmented],
    s: Settings,
) -> None:
    """An accepted paragraph pair is pinned down to its mutually best-matching sentences."""
    vectors, row = embedded.sentence_vectors, embedded.row
    for u, v, cos in embedded.paragraph_pairs:
        (ai, pi), (bj, pj) = passages.paragraphs[u], passages.paragraphs[v]
        prob = scorer.probability(cos, segs[ai].paragraphs[pi].text, segs[bj].paragraphs[pj].text)
        if prob < scorer.threshold:
            continue
        left = passages.in_paragraph.get((ai, pi), [])
        right = passages.in_paragraph.get((bj, pj), [])
        if not left or not right:
            continue
        sims = vectors[[row[k] for k in left]] @ vectors[[row[k] for k in right]].T
        for x in range(len(left)):
            y = int(np.argmax(sims[x]))
            if int(np.argmax(sims[:, y])) == x and sims[x, y] >= s.paragraph_sentence_min:
                scored.keep(ai, bj, left[x][1], right[y][1], prob, float(sims[x, y]))


def _extend_to_next_sentences(scored: _Scored, embedded: _Embedded, s: Settings) -> None:
    """An accepted pair anchors a reworded passage; a sentence next to it on either side that is
    still close in meaning to the other side (candidate cosine) belongs to the same passage."""
    vectors, row = embedded.sentence_vectors, embedded.row
    for (ai, bj), pairs in list(scored.found.items()):
        for (si, sj), (prob, _) in list(pairs.items()):
            for ni, nj in ((si - 1, sj), (si + 1, sj), (si, sj - 1), (si, sj + 1)):
                ra, rb = row.get((ai, ni)), row.get((bj, nj))
                if ra is None or rb is None or (ni, nj) in pairs:
                    continue
                cos = float(vectors[ra] @ vectors[rb])
                if cos >= s.sentence_candidate_min:
                    scored.keep(ai, bj, ni, nj, prob, cos)
