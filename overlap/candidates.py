"""Pairs of sentences worth aligning, found without comparing every pair of passages.

Copies: an inverted index of word shingles (n-grams of folded tokens). Each sentence posts its
shingles; sentences sharing enough postings become candidates. Cost grows with the number of
shingles, not with the square of the corpus; stock phrases (shingles posted by very many
sentences) are dropped so they cannot make the index quadratic.

Paraphrases: nearest neighbours of L2-normalised embeddings (dot product = cosine), taken in
row blocks so memory stays at block x corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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


def copy_pairs(tokens: Sequence[Sequence[str]], n: int = 3, max_frequency: int = 50,
               min_shared: int = 2, min_containment: float = 0.25
               ) -> list[tuple[int, int, float]]:
    """Unit pairs (i < j, containment) sharing at least `min_shared` shingles covering at least
    `min_containment` of the smaller unit's shingles.

    >>> copy_pairs([["a", "b", "c", "d"], ["x", "a", "b", "c", "d"], ["p", "q", "r"]], n=3)
    [(0, 1, 1.0)]
    """
    vocab: dict[str, int] = {}
    per_unit = []
    for unit in tokens:
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in unit), dtype=np.int64,
                          count=len(unit))
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
    ok = (shared >= min_shared) & (containment >= min_containment) & (a != b)
    return [(int(i), int(j), float(c)) for i, j, c in zip(a[ok], b[ok], containment[ok])]


def neighbour_pairs(vectors: np.ndarray, groups: np.ndarray, threshold: float, k: int = 10,
                    block: int = 2048) -> list[tuple[int, int, float]]:
    """Pairs (i < j, cosine) where j is among i's k nearest neighbours from another group (or the
    reverse) and the cosine is at least `threshold`. Rows of `vectors` must be normalised.
    """
    n = len(vectors)
    if n < 2:
        return []
    best: dict[tuple[int, int], float] = {}
    k = min(k, n - 1)
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        sims = vectors[lo:hi] @ vectors.T
        sims[groups[lo:hi, None] == groups[None, :]] = -1.0  # never a neighbour of its own group
        top = np.argpartition(-sims, k, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (hi - lo, 1))
        for row, cols in enumerate(top):
            i = lo + row
            for j in cols:
                score = float(sims[row, j])
                if score >= threshold:
                    key = (i, int(j)) if i < j else (int(j), i)
                    best[key] = max(score, best.get(key, -1.0))
    return sorted((i, j, s) for (i, j), s in best.items())
