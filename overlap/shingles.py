"""Copy shingles: which units (sentences) share enough word n-grams to be worth aligning.

An inverted index of word shingles (n-grams of folded tokens): each unit posts its shingles, and
units sharing enough postings become candidates. Cost grows with the number of shingles, not with
the square of the corpus; stock phrases (shingles posted by very many units) are dropped so they
cannot make the index quadratic. Token lists in, index pairs out: no article types, no settings.
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
    per_unit = _unit_shingles(tokens, n)
    sizes = np.array([len(h) for h in per_unit], dtype=np.int64)
    if sizes.sum() == 0:
        return []
    shared = _shared_shingles(per_unit, sizes, max_frequency)
    if shared is None:
        return []
    a, b, counts = shared
    smaller = np.minimum(sizes[a], sizes[b])
    containment = counts / np.maximum(smaller, 1)
    ok = (counts >= min_shared) & (containment >= min_containment)
    if min_shared_any is not None:
        ok |= counts >= min_shared_any
    ok &= a != b
    rows = zip(a[ok], b[ok], containment[ok], strict=True)
    return [(int(i), int(j), float(c)) for i, j, c in rows]


def _unit_shingles(tokens: Sequence[Sequence[str]], n: int) -> list[np.ndarray]:
    """Each unit's distinct shingle hashes, over token ids shared by all units."""
    vocab: dict[str, int] = {}
    per_unit = []
    for unit in tokens:
        ids = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in unit), dtype=np.int64, count=len(unit)
        )
        per_unit.append(shingle_hashes(ids, n))
    return per_unit


def _shared_shingles(
    per_unit: list[np.ndarray], sizes: np.ndarray, max_frequency: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(left units, right units, shingles shared) for every unit pair sharing a shingle posted by
    2 to `max_frequency` units; None when no shingle is."""
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
        return None
    codes, shared = np.unique(np.concatenate(pair_codes), return_counts=True)
    return codes // total, codes % total, shared
