"""Pairs of sentences worth aligning, found without comparing every pair of passages.

Copies: an inverted index of word shingles (n-grams of folded tokens). Each sentence posts its
shingles; sentences sharing enough postings become candidates. Cost grows with the number of
shingles, not with the square of the corpus; stock phrases (shingles posted by very many
sentences) are dropped so they cannot make the index quadratic.

Paraphrases: nearest neighbours of L2-normalised embeddings (dot product = cosine), taken in
row blocks so memory stays at block x corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .config import Settings
from .embed import Embedder, embed_texts
from .progress import Progress
from .cache import EmbeddingStore
from .textnorm import folded_words, word_count
from .types import Segmented, Sentence

_PRIME = np.uint64(1_000_003)


def shingle_hashes(token_ids: np.ndarray, n: int) -> np.ndarray:
    """Distinct uint64 hashes of the n-grams of one token-id sequence (wrapping arithmetic)."""
    if len(token_ids) < n:
        return np.zeros(0, dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(token_ids.astype(np.uint64), n)
    powers = _PRIME ** np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        hashes = (windows * powers).sum(axis=1, dtype=np.uint64)
    return np.unique(hashes)


def copy_pairs(
    tokens: Sequence[Sequence[str]],
    n: int = 3,
    max_frequency: int = 50,
    min_shared: int = 2,
    min_containment: float = 0.25,
    min_shared_any: int | None = None,
) -> list[tuple[int, int, float]]:
    """Unit pairs (i < j, containment) sharing at least `min_shared` shingles covering at least
    `min_containment` of the smaller unit's shingles, or (when `min_shared_any` is given) at
    least `min_shared_any` shingles whatever share of the units they cover: a clause copied
    into a long sentence covers little of either sentence, yet a run of that many shared
    shingles is rarely chance.

    >>> copy_pairs([["a", "b", "c", "d"], ["x", "a", "b", "c", "d"], ["p", "q", "r"]], n=3)
    [(0, 1, 1.0)]
    """
    vocab: dict[str, int] = {}
    per_unit = []
    for unit in tokens:
        ids = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in unit), dtype=np.int64, count=len(unit)
        )
        per_unit.append(shingle_hashes(ids, n))
    sizes = np.array([len(h) for h in per_unit], dtype=np.int64)
    if sizes.sum() == 0:
        return []
    hashes = np.concatenate(per_unit)
    owners = np.repeat(np.arange(len(per_unit), dtype=np.int64), sizes)
    order = np.argsort(hashes, kind="stable")
    hashes, owners = hashes[order], owners[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, len(hashes)])
    keep = (counts >= 2) & (counts <= max_frequency)
    pair_codes = []
    total = len(per_unit)
    for size in np.unique(counts[keep]):
        # All groups of one size at once: an (groups x size) matrix of owners, then its pairs.
        group_starts = starts[keep & (counts == size)]
        members = owners[group_starts[:, None] + np.arange(size)[None, :]]
        left, right = np.triu_indices(int(size), k=1)
        a, b = members[:, left].ravel(), members[:, right].ravel()
        pair_codes.append(np.minimum(a, b) * total + np.maximum(a, b))
    if not pair_codes:
        return []
    codes, shared = np.unique(np.concatenate(pair_codes), return_counts=True)
    a, b = codes // total, codes % total
    smaller = np.minimum(sizes[a], sizes[b])
    containment = shared / np.maximum(smaller, 1)
    ok = (shared >= min_shared) & (containment >= min_containment)
    if min_shared_any is not None:
        ok |= shared >= min_shared_any
    ok &= a != b
    rows = zip(a[ok], b[ok], containment[ok], strict=True)
    return [(int(i), int(j), float(c)) for i, j, c in rows]


def neighbour_pairs(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    k: int = 10,
    block: int = 2048,
    exact_max: int = 40_000,
) -> list[tuple[int, int, float]]:
    """Pairs (i < j, cosine) where j is among i's k nearest neighbours from another group (or the
    reverse) and the cosine is at least `threshold`. Rows of `vectors` must be normalised.

    Up to `exact_max` rows every row is compared with every other, in blocks of `block` rows
    (exact). Above it an inverted-file index (overlap/knn.py) compares each row with the rows of
    its 16 nearest of about 4 x sqrt(rows) k-means cells: about rows^1.5 work instead of rows^2,
    for 380,000 sentences (10,000 articles) minutes instead of hours. Its recall of the exact pairs
    is measured in reports/benchmarks.md ("Measured against the field").

    >>> v = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)
    >>> [(i, j, round(c, 2)) for i, j, c in neighbour_pairs(v, np.arange(3), threshold=0.5, k=1)]
    [(0, 1, 0.8), (1, 2, 0.6)]
    """
    from .knn import dense_hits, ivf_hits, symmetric_pairs

    n = len(vectors)
    if n < 2:
        return []
    # The index needs a threshold to prune by; with none (<= 0) every pair may qualify anyway.
    if n > exact_max and threshold > 0:
        hits = ivf_hits(vectors, groups, threshold, k)
    else:
        hits = dense_hits(vectors, groups, threshold, k, block)
    return symmetric_pairs(*hits, n)


# Paragraph pairs are shortlisted on mean sentence vectors at this much below
# paragraph_candidate_min, then confirmed on the encoder's own paragraph vectors (see
# confirm_paragraph_pairs): a mean-vector cosine differs from the encoder's by less than this for
# nearly every pair that matters (reports/benchmarks.md).
SHORTLIST_MARGIN = 0.1


def confirm_paragraph_pairs(
    shortlist: list[tuple[int, int, float]],
    means: np.ndarray,
    para_keys: Sequence[Pair],
    segs: Sequence[Segmented],
    in_paragraph: dict[Pair, list[Pair]],
    embedder: Embedder,
    store: EmbeddingStore | None,
    s: Settings,
    progress: Progress,
) -> tuple[list[tuple[int, int, float]], tuple[int, int, int]]:
    """The shortlisted paragraph pairs whose encoder cosine reaches paragraph_candidate_min, with
    that cosine; and (passages, embedded, from cache) for the paragraphs it had to encode.

    Only shortlisted paragraphs are encoded. A paragraph that is one embedded sentence needs no
    encoding: the sentence's vector is the paragraph's.
    """
    rows = sorted({u for u, _, _ in shortlist} | {v for _, v, _ in shortlist})
    todo = [
        r for r in rows
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


def _only_sentence_text(segs: Sequence[Segmented], members: Sequence[Pair]) -> str | None:
    if len(members) != 1:
        return None
    ai, si = members[0]
    return segs[ai].sentences[si].text


def mean_vectors(vectors: np.ndarray, members: Sequence[Sequence[int]]) -> np.ndarray:
    """One normalised row per group of `members`: the mean of those rows of `vectors`.

    >>> v = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    >>> [[round(float(x), 3) for x in row] for row in mean_vectors(v, [[0, 1], [1]])]
    [[0.707, 0.707], [0.0, 1.0]]
    """
    out = np.zeros((len(members), vectors.shape[1]), dtype=np.float32)
    for r, rows in enumerate(members):
        if rows:
            out[r] = vectors[list(rows)].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


# --- corpus-level candidate search (uses the maths above) -----------------------------------

Pair = tuple[int, int]


@dataclass(frozen=True)
class CopyCandidates:
    """Sentence pairs sharing shingles: within one article, and across article pairs."""

    within: dict[int, list[Pair]]
    across: dict[Pair, list[Pair]]


@dataclass(frozen=True)
class ParaphraseCandidates:
    """Sentence pairs judged paraphrases, per article pair: (i, j) -> (probability, cosine)."""

    pairs: dict[Pair, dict[Pair, tuple[float, float]]]
    # Near neighbours the scorer did not accept: about the same thing, differently told.
    # (i, j) -> cosine, per article pair; the judge looks at them for contradictions.
    related: dict[Pair, dict[Pair, float]]
    passages: int
    embedded: int
    from_cache: int
    threshold: float  # the scorer's bar between articles with no other reuse
    threshold_related: float  # its bar between articles that already share copied text
    notes: tuple[str, ...] = ()  # what was wrong with the cache, for the run's notes


def copy_candidates(segs: Sequence[Segmented], s: Settings) -> CopyCandidates:
    units = [(ai, x.index) for ai, seg in enumerate(segs) for x in seg.sentences]
    tokens = [folded_words(segs[ai].sentences[si].text) for ai, si in units]
    within: dict[int, list[Pair]] = defaultdict(list)
    across: dict[Pair, list[Pair]] = defaultdict(list)
    for u, v, _ in copy_pairs(
        tokens, s.shingle_size, s.max_shingle_frequency, s.min_shared_shingles, s.min_containment,
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
    hidden: set[Pair],
    embedder: Embedder,
    s: Settings,
    progress: Progress,
) -> ParaphraseCandidates:
    """Embed sentences and paragraphs (cached), find near neighbours across articles, and keep
    the pairs the paraphrase scorer accepts. Paragraph pairs it accepts are pinned down to their
    mutually best-matching sentences."""
    from .paraphrase import Rarity, load_model

    # Headlines and short sentences (from MIN_CLAIM_WORDS words) are claims too: they are
    # embedded and paired as related claims for the judge, but never made paraphrase evidence.
    sent_keys = [
        (ai, x.index)
        for ai, seg in enumerate(segs)
        for x in seg.sentences
        if (ai, x.index) not in hidden and word_count(x.text) >= MIN_CLAIM_WORDS
    ]
    claims_only = {
        (ai, si) for ai, si in sent_keys
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
    encode_all = s.paragraph_vectors == "encode"
    texts = [segs[a].sentences[i].text for a, i in sent_keys] + [
        segs[a].paragraphs[i].text for a, i in para_keys if encode_all
    ]
    store = EmbeddingStore(s.cache_path) if s.cache_path else None
    try:
        vectors, fresh, cached = _embed(embedder, texts, store, progress, "embedding passages")
        sent_vecs = vectors[: len(sent_keys)]
        row = {k: r for r, k in enumerate(sent_keys)}
        # The embedded sentences of each paragraph, looked up once per accepted paragraph pair.
        in_paragraph: dict[Pair, list[Pair]] = defaultdict(list)
        for ai, si in sent_keys:
            if (ai, si) in wanted:  # paragraphs are read through their paraphrase-length sentences
                in_paragraph[(ai, segs[ai].sentences[si].paragraph)].append((ai, si))
        groups = np.array([a for a, _ in para_keys], dtype=np.int64)
        extra = (0, 0, 0)  # passages, embedded, from cache: the shortlisted paragraphs
        if encode_all:
            para_vecs = vectors[len(sent_keys) :]
            para_pairs = neighbour_pairs(para_vecs, groups, s.paragraph_candidate_min, s.neighbours)
        else:
            means = mean_vectors(sent_vecs, [[row[k] for k in in_paragraph[p]] for p in para_keys])
        if s.paragraph_vectors == "mean":
            para_pairs = neighbour_pairs(means, groups, s.paragraph_candidate_min, s.neighbours)
        elif s.paragraph_vectors == "shortlist":
            # Twice the neighbours: mean vectors rank near neighbours a little differently from
            # the encoder; confirm_paragraph_pairs keeps each paragraph's best k.
            shortlist = neighbour_pairs(
                means, groups, s.paragraph_candidate_min - SHORTLIST_MARGIN, 2 * s.neighbours
            )
            para_pairs, extra = confirm_paragraph_pairs(
                shortlist, means, para_keys, segs, in_paragraph, embedder, store, s, progress
            )
    finally:
        if store:
            store.close()
    cache_notes = tuple(store.notes) if store else ()
    passages, fresh, cached = len(texts) + extra[0], fresh + extra[1], cached + extra[2]
    model = load_model()
    alone = s.paraphrase_threshold if s.paraphrase_threshold is not None else model.threshold
    related_min = (s.paraphrase_threshold_related if s.paraphrase_threshold_related is not None
                   else model.threshold_related)
    # Keep everything the looser bar passes; align_across applies the bar that fits each article
    # pair once it knows whether the two also share copied text.
    threshold = min(alone, related_min)
    rarity = Rarity(x.text for seg in segs for x in seg.sentences)
    found: dict[Pair, dict[Pair, tuple[float, float]]] = defaultdict(dict)
    related: dict[Pair, dict[Pair, float]] = defaultdict(dict)

    def keep(ai: int, bj: int, si: int, sj: int, prob: float, cos: float) -> None:
        if (ai, si) in claims_only or (bj, sj) in claims_only:
            related[(ai, bj)][(si, sj)] = max(cos, related[(ai, bj)].get((si, sj), cos))
            return
        old = found[(ai, bj)].get((si, sj))
        if old is None or prob > old[0]:
            found[(ai, bj)][(si, sj)] = (prob, cos)

    groups = np.array([a for a, _ in sent_keys], dtype=np.int64)
    for u, v, cos in neighbour_pairs(sent_vecs, groups, s.sentence_candidate_min, s.neighbours):
        (ai, si), (bj, sj) = sent_keys[u], sent_keys[v]
        prob = model.probability(
            cos, rarity.overlap(segs[ai].sentences[si].text, segs[bj].sentences[sj].text)
        )
        if prob >= threshold:
            keep(ai, bj, si, sj, prob, cos)
        else:
            related[(ai, bj)][(si, sj)] = cos
    for u, v, cos in para_pairs:
        (ai, pi), (bj, pj) = para_keys[u], para_keys[v]
        prob = model.probability(
            cos, rarity.overlap(segs[ai].paragraphs[pi].text, segs[bj].paragraphs[pj].text)
        )
        if prob < threshold:
            continue
        left, right = in_paragraph.get((ai, pi), []), in_paragraph.get((bj, pj), [])
        if not left or not right:
            continue
        sims = sent_vecs[[row[k] for k in left]] @ sent_vecs[[row[k] for k in right]].T
        for x in range(len(left)):
            y = int(np.argmax(sims[x]))
            if int(np.argmax(sims[:, y])) == x and sims[x, y] >= s.paragraph_sentence_min:
                keep(ai, bj, left[x][1], right[y][1], prob, float(sims[x, y]))
    # An accepted pair anchors a reworded passage; a sentence next to it on either side that is
    # still close in meaning to the other side (candidate cosine) belongs to the same passage.
    for (ai, bj), pairs in list(found.items()):
        for (si, sj), (prob, _) in list(pairs.items()):
            for ni, nj in ((si - 1, sj), (si + 1, sj), (si, sj - 1), (si, sj + 1)):
                ra, rb = row.get((ai, ni)), row.get((bj, nj))
                if ra is None or rb is None or (ni, nj) in pairs:
                    continue
                cos = float(sent_vecs[ra] @ sent_vecs[rb])
                if cos >= s.sentence_candidate_min:
                    keep(ai, bj, ni, nj, prob, cos)
    for key, pairs in found.items():
        for pair in pairs:
            related.get(key, {}).pop(pair, None)
    return ParaphraseCandidates(dict(found), dict(related), passages, fresh, cached, alone,
                                related_min, cache_notes)
