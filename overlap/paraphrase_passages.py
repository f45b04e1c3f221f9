"""The passages the paraphrase stage embeds, their vectors, and the paragraph pairs worth scoring.

Step 1 and 2 of the paraphrase candidates (overlap/candidates.py): which sentences and paragraphs
are embedded (headlines and short sentences only as related claims), their vectors from the
encoder or the cache, and the paragraph neighbour pairs the configured `paragraph_vectors` mode
finds. The scoring of those neighbours stays in candidates.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cache import EmbeddingStore
from .config import Settings
from .embed import Embedder, embed_texts
from .neighbours import ScoredPair, mean_vectors, neighbour_pairs
from .progress import Progress
from .textnorm import word_count
from .types import ParagraphRef, ParagraphVectors, Segmented, Sentence, SentenceRef

# Sentences from this many words are claims the judge compares (issue 13: a headline is a claim).
MIN_CLAIM_WORDS = 4


def is_heading(seg: Segmented, sentence: Sentence) -> bool:
    """A one-sentence paragraph with no closing punctuation: a headline or subhead, not a claim."""
    para = seg.paragraphs[sentence.paragraph]
    return para.text == sentence.text and not sentence.text.rstrip("”\"’')").endswith(
        (".", "!", "?", "…", ":")
    )


# --- step 1: which passages are embedded -------------------------------------------------------


@dataclass(frozen=True)
class Passages:
    """What the paraphrase stage embeds: sentences (some as claims only) and paragraphs."""

    sentences: list[SentenceRef]  # every sentence embedded, in article and sentence order
    # Headlines and short sentences: paired as related claims only, never paraphrase evidence.
    claims_only: set[SentenceRef]
    paragraphs: list[ParagraphRef]  # paragraphs holding a paraphrase-length sentence
    # The paraphrase-length sentences of each paragraph: a paragraph pair is read through them.
    in_paragraph: dict[ParagraphRef, list[SentenceRef]]


def select_passages(segs: Sequence[Segmented], hidden: set[SentenceRef], s: Settings) -> Passages:
    """The sentences (not `hidden`, from MIN_CLAIM_WORDS words) and paragraphs to embed."""
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
    return Passages(sent_keys, claims_only, para_keys, dict(in_paragraph))


# --- step 2: embeddings and paragraph neighbours -----------------------------------------------


@dataclass(frozen=True)
class PassageVectors:
    """The embedded sentences' vectors and the paragraph neighbour pairs, with cache counts."""

    sentence_vectors: np.ndarray  # one row per Passages.sentences
    row: dict[SentenceRef, int]  # a sentence's row in sentence_vectors
    paragraph_pairs: list[ScoredPair]  # rows of Passages.paragraphs, with their cosine
    passages: int  # texts embedded or read from the cache
    fresh: int
    cached: int


def embed_passages(
    passages: Passages,
    segs: Sequence[Segmented],
    embedder: Embedder,
    store: EmbeddingStore | None,
    s: Settings,
    progress: Progress,
) -> PassageVectors:
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
    return PassageVectors(
        sent_vecs, row, para_pairs, len(texts) + extra[0], fresh + extra[1], cached + extra[2]
    )


def _paragraph_pairs(
    passages: Passages,
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
