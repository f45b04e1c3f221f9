"""Pairs of sentences worth aligning, found without comparing every pair of passages.

The corpus-level candidate stage: it turns segmented articles into typed candidate sets and
leaves the maths to two array modules.

- Copies: sentences sharing enough word shingles (overlap/shingles.py).
- Paraphrases: near neighbours of sentence and paragraph embeddings across articles
  (overlap/neighbours.py), kept where the paraphrase scorer accepts them (overlap/paraphrase.py,
  `load_model`). Which passages are embedded, and their vectors (read from and written to the
  cache), come from overlap/paraphrase_passages.py; this module scores the neighbours.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .cache import EmbeddingStore
from .config import Settings
from .embed import Embedder
from .neighbours import neighbour_pairs

# MIN_CLAIM_WORDS, SHORTLIST_MARGIN and is_heading moved with the passage selection to
# paraphrase_passages.py; they stay importable from here, where draft.py, archive/ and
# benchmarks/ import them (the redundant alias marks a re-export for ruff and mypy).
from .paraphrase_passages import MIN_CLAIM_WORDS as MIN_CLAIM_WORDS
from .paraphrase_passages import SHORTLIST_MARGIN as SHORTLIST_MARGIN
from .paraphrase_passages import Passages, PassageVectors, embed_passages, select_passages
from .paraphrase_passages import is_heading as is_heading
from .progress import Progress
from .shingles import copy_pairs
from .textnorm import folded_words
from .types import ArticlePair, PairScore, Segmented, SentencePair, SentenceRef

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


def copy_candidates(
    segs: Sequence[Segmented],
    s: Settings,
    pairs: Callable[..., list[tuple[int, int, float]]] = copy_pairs,
) -> CopyCandidates:
    """Sentence pairs sharing shingles. `pairs` has shingles.copy_pairs' signature and answer:
    copy_pairs itself here, the same on a Ray cluster (engines/ray_candidates.py)."""
    units = [(ai, x.index) for ai, seg in enumerate(segs) for x in seg.sentences]
    tokens = [folded_words(segs[ai].sentences[si].text) for ai, si in units]
    within: dict[int, list[SentencePair]] = defaultdict(list)
    across: dict[ArticlePair, list[SentencePair]] = defaultdict(list)
    for u, v, _ in pairs(
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

    passages = select_passages(segs, hidden, s)
    embedded = embed_passages(passages, segs, embedder, store, s, progress)
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
    passages: Passages,
    embedded: PassageVectors,
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
    passages: Passages,
    embedded: PassageVectors,
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


def _extend_to_next_sentences(scored: _Scored, embedded: PassageVectors, s: Settings) -> None:
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
