"""Nearest neighbours of normalised vectors across groups: the maths behind
`candidates.neighbour_pairs`, apart from any model.

Two ways, same answer format (directed hits: row, column, cosine, every row's best k at or
above a threshold, never two rows of one group):

- `dense_hits`: every row against every row, in row blocks (float32 matrix products and a
  top-k per row). Exact; cost grows with the square of the rows.
- `ivf_hits`: an inverted-file index (spherical k-means cells; each row is compared only with
  the rows of its `nprobe` nearest cells). Cost grows with rows x rows / cells, so about
  rows^1.5; a true neighbour is missed only when it lies in a cell the row did not probe.
  Deterministic: the k-means is seeded and every step is a plain sort or matrix product.

Cosines are always recomputed in float32 from the vectors as given.
"""

from __future__ import annotations

import math

import numpy as np

Hits = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, columns, cosines


def dense_hits(
    vectors: np.ndarray, groups: np.ndarray, threshold: float, k: int, block: int = 2048
) -> Hits:
    """Each row's k nearest rows of other groups, exactly, kept where cosine >= threshold."""
    import torch

    n = len(vectors)
    k = min(k, n - 1)
    V = torch.from_numpy(np.ascontiguousarray(vectors, dtype=np.float32))
    G = torch.from_numpy(np.asarray(groups, dtype=np.int64))
    rows, cols, sims = [], [], []
    for lo in range(0, n, block):
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
    return _cat(rows, np.int64), _cat(cols, np.int64), _cat(sims, np.float32)


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
    rows, cols, sims = [], [], []
    for c in range(cells):
        m, q = members[c], askers[c]
        if len(m) == 0 or len(q) == 0:
            continue
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
    r, c_, s = _cat(rows, np.int64), _cat(cols, np.int64), _cat(sims, np.float32)
    keep = _top_k_per_row(r, s, k)
    return r[keep], c_[keep], s[keep]


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


def symmetric_pairs(rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, n: int):  # noqa: ANN201
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
