"""Embedding neighbours: nearest neighbours of L2-normalised vectors across groups (dot product
= cosine), apart from any model: arrays in, arrays out.

`neighbour_pairs` is the entry point: undirected pairs (i < j, cosine). Below it, two ways to
find the directed hits, same answer format (row, column, cosine: every row's best k at or above a
threshold, never two rows of one group):

- `dense_hits`: every row against every row, in row blocks (float32 matrix products and a
  top-k per row), so memory stays at block x rows. Exact; cost grows with the square of the rows.
- `ivf_hits`: an inverted-file index (spherical k-means cells; each row is compared only with
  the rows of its `nprobe` nearest cells). Cost grows with rows x rows / cells, so about
  rows^1.5; a true neighbour is missed only when it lies in a cell the row did not probe.
  Deterministic: the k-means is seeded and every step is a plain sort or matrix product.

Cosines are always recomputed in float32 from the vectors as given.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import NamedTuple

import numpy as np

ScoredPair = tuple[int, int, float]  # (i, j, cosine) with i < j: two rows of the vectors


class Hits(NamedTuple):
    """Directed neighbour hits: row `rows[n]` has `cols[n]` among its best, at `sims[n]`."""

    rows: np.ndarray
    cols: np.ndarray
    sims: np.ndarray


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
    (exact). Above it an inverted-file index (`ivf_hits`) compares each row with the rows of
    its 16 nearest of about 4 x sqrt(rows) k-means cells: about rows^1.5 work instead of rows^2,
    for 380,000 sentences (10,000 articles) minutes instead of hours. Its recall of the exact pairs
    is measured in reports/benchmarks.md ("Measured against the field").

    >>> v = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)
    >>> [(i, j, round(c, 2)) for i, j, c in neighbour_pairs(v, np.arange(3), threshold=0.5, k=1)]
    [(0, 1, 0.8), (1, 2, 0.6)]
    """
    n = len(vectors)
    if n < 2:
        return []
    # The index needs a threshold to prune by; with none (<= 0) every pair may qualify anyway.
    if n > exact_max and threshold > 0:
        hits = ivf_hits(vectors, groups, threshold, k)
    else:
        hits = (DENSE_SEARCH.get() or dense_hits)(vectors, groups, threshold, k, block)
    return symmetric_pairs(*hits, n)


# What computes `dense_hits` for neighbour_pairs: None, this process; the Ray engine sets its
# own for a run (engines/ray_neighbours.py: the same row blocks, in shards on the cluster).
DENSE_SEARCH: ContextVar[Callable[..., Hits] | None] = ContextVar("dense_search", default=None)


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


def dense_hits(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    k: int,
    block: int = 2048,
    starts: Sequence[int] | None = None,
) -> Hits:
    """Each row's k nearest rows of other groups, exactly, kept where cosine >= threshold. With
    `starts`, only the rows of the blocks starting there (a shard of the blocks)."""
    import torch

    n = len(vectors)
    k = min(k, n - 1)
    V = torch.from_numpy(np.ascontiguousarray(vectors, dtype=np.float32))
    G = torch.from_numpy(np.asarray(groups, dtype=np.int64))
    rows, cols, sims = [], [], []
    for lo in range(0, n, block) if starts is None else starts:
        hi = min(n, lo + block)
        S = V[lo:hi] @ V.T
        # Never a neighbour of its own group (nor of itself); -inf, not -1.0, so that no
        # threshold a cosine can meet (-1.0 included) lets such a pair through.
        S[G[lo:hi, None] == G[None, :]] = -math.inf
        top, idx = torch.topk(S, k, dim=1)
        ok = top >= threshold
        rows.append(torch.nonzero(ok)[:, 0].numpy() + lo)
        cols.append(idx[ok].numpy())
        sims.append(top[ok].numpy())
    return Hits(_cat(rows, np.int64), _cat(cols, np.int64), _cat(sims, np.float32))


def ivf_hits(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    k: int,
    cells: int | None = None,
    nprobe: int = 16,
    seed: int = 0,
) -> Hits:
    """Like `dense_hits`, but each row is compared only with the rows of its `nprobe` nearest
    k-means cells (`cells` defaults to 4 x sqrt(rows))."""
    import torch

    n = len(vectors)
    V = torch.from_numpy(np.ascontiguousarray(vectors, dtype=np.float32))
    G = torch.from_numpy(np.asarray(groups, dtype=np.int64))
    cells = max(1, min(n, cells or round(4 * math.sqrt(n))))
    nprobe = min(nprobe, cells)
    centroids = _spherical_kmeans(V, cells, seed)
    # Each row's cell, and the cells it probes (its own is always the nearest).
    probes = torch.empty((n, nprobe), dtype=torch.int64)
    for lo in range(0, n, 8192):
        probes[lo : lo + 8192] = torch.topk(V[lo : lo + 8192] @ centroids.T, nprobe, dim=1)[1]
    home = probes[:, 0].numpy()
    members = _buckets(home, cells)
    askers = _buckets(probes.numpy().ravel(), cells, n_per_item=nprobe)
    r, c_, s = (CELL_SEARCH.get() or cells_hits)(V, G, members, askers, threshold, k)
    keep = _top_k_per_row(r, s, k)
    return Hits(r[keep], c_[keep], s[keep])


# What computes `ivf_hits`' cells for it: None, this process; the Ray engine sets its own for a
# run (engines/ray_neighbours.py: the same cells, in shards on the cluster).
CELL_SEARCH: ContextVar[Callable[..., Hits] | None] = ContextVar("cell_search", default=None)


def cells_hits(  # V, G: torch tensors (torch is imported late)
    V,
    G,
    members: Sequence[np.ndarray],
    askers: Sequence[np.ndarray],
    threshold: float,
    k: int,
) -> Hits:
    """The hits of every cell's askers among its members (each asker's top k there), cell by
    cell, in cell order; before each row's overall top k is kept."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    for m, q in zip(members, askers, strict=True):
        if len(m) and len(q):
            _cell_hits(V, G, m, q, threshold, k, rows, cols, sims)
    return Hits(_cat(rows, np.int64), _cat(cols, np.int64), _cat(sims, np.float32))


def _cell_hits(  # V, G: torch tensors (torch is imported late)
    V,
    G,
    m: np.ndarray,
    q: np.ndarray,
    threshold: float,
    k: int,
    rows: list[np.ndarray],
    cols: list[np.ndarray],
    sims: list[np.ndarray],
) -> None:
    """Append the hits of askers `q` among one cell's members `m` (each asker's top k there)."""
    import torch

    mt = torch.from_numpy(m)
    Vm, Gm = V[mt], G[mt]
    for lo in range(0, len(q), 4096):  # k-means cells are uneven: bound the block
        qpart = q[lo : lo + 4096]
        qt = torch.from_numpy(qpart)
        S = V[qt] @ Vm.T
        S[G[qt, None] == Gm[None, :]] = -math.inf
        # A row's overall top k is within the union of its top k in each probed cell.
        top, idx = torch.topk(S, min(k, len(m)), dim=1)
        ok = top >= threshold
        rows.append(qpart[torch.nonzero(ok)[:, 0].numpy()])
        cols.append(m[idx[ok].numpy()])
        sims.append(top[ok].numpy())


def _spherical_kmeans(V, cells: int, seed: int, iterations: int = 8, per_cell: int = 64):  # noqa: ANN001, ANN202 - torch tensors; torch is imported late
    """Unit-length centroids fitted on a seeded sample of at most `per_cell` rows per cell."""
    import torch

    n = V.shape[0]
    rng = np.random.default_rng(seed)
    sample = V[torch.from_numpy(np.sort(rng.choice(n, min(n, cells * per_cell), replace=False)))]
    C = sample[torch.from_numpy(np.sort(rng.choice(len(sample), cells, replace=False)))].clone()
    for _ in range(iterations):
        assign = torch.argmax(sample @ C.T, dim=1)
        sums = torch.zeros_like(C).index_add_(0, assign, sample)
        norms = sums.norm(dim=1, keepdim=True)
        # An empty cell keeps its old centroid.
        C = torch.where(norms > 0, sums / norms.clamp_min(1e-12), C)
    return C


def _buckets(cell_of: np.ndarray, cells: int, n_per_item: int = 1) -> list[np.ndarray]:
    """For each cell, the items (index // n_per_item) that name it, in ascending order."""
    order = np.argsort(cell_of, kind="stable")
    bounds = np.searchsorted(cell_of[order], np.arange(cells + 1))
    items = order // n_per_item
    return [items[bounds[c] : bounds[c + 1]] for c in range(cells)]


def _top_k_per_row(rows: np.ndarray, sims: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest `sims` of each row."""
    order = np.lexsort((-sims, rows))
    sorted_rows = rows[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    rank = np.arange(len(order)) - first
    return order[rank < k]


def _cat(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def symmetric_pairs(
    rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, n: int
) -> list[ScoredPair]:
    """Directed hits -> sorted [(i, j, cosine)] with i < j, the higher cosine of the two
    directions kept."""
    if len(rows) == 0:
        return []
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    codes = lo * n + hi
    order = np.lexsort((-sims, codes))
    codes, sims = codes[order], sims[order]
    first = np.r_[True, codes[1:] != codes[:-1]]
    codes, sims = codes[first], sims[first]
    return [(int(c // n), int(c % n), float(s)) for c, s in zip(codes, sims, strict=True)]
