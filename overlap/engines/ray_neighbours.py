"""Nearest neighbours within a run, on Ray, both of neighbours.neighbour_pairs' searches in
shards, one per worker, each computed by a Ray task against the whole matrix (in the object
store once), the hits put back together in the local order:

- up to its `exact_max` rows, dense_hits (every vector against every other, in row blocks):
  the row blocks cut into shards;
- above it, ivf_hits (each row against the rows of its nearest k-means cells): the cells cut
  into shards, after the k-means and each row's cells are found here (one pass over the rows);
  each row's overall top k is kept here from the cells' hits.

Why the hits are the local ones, to the bit: a shard computes exactly the blocks (or cells) the
local loop computes, the same rows against the same rows in the same float32 product and top-k
(dense_hits itself given the blocks' starts, neighbours.cells_hits itself given the cells), and
the local hits are those blocks' (cells') hits in their order. A run of a single block (up to
2,048 vectors, about 150 news articles) is computed here: a Ray job costs more than the block.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..neighbours import CELL_SEARCH, DENSE_SEARCH, Hits, cells_hits, dense_hits
from .ray_rows import map_each_row
from .ray_stages import Batch


@contextmanager
def neighbours_on(workers: int) -> Iterator[None]:
    """For the block: every neighbour_pairs of this thread searches on the connected cluster."""

    def search(
        vectors: np.ndarray, groups: np.ndarray, threshold: float, k: int, block: int = 2048
    ) -> Hits:
        return sharded_dense_hits(vectors, groups, threshold, k, block, workers)

    def cells(V: Any, G: Any, members: list, askers: list, threshold: float, k: int) -> Hits:
        return sharded_cells_hits(V, G, members, askers, threshold, k, workers)

    token, cell_token = DENSE_SEARCH.set(search), CELL_SEARCH.set(cells)
    try:
        yield
    finally:
        DENSE_SEARCH.reset(token)
        CELL_SEARCH.reset(cell_token)


def sharded_dense_hits(
    vectors: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    k: int,
    block: int,
    workers: int,
) -> Hits:
    """dense_hits(vectors, groups, threshold, k, block), its blocks computed in `workers`
    shards on the connected Ray cluster."""
    import ray
    import ray.data

    starts = np.arange(0, len(vectors), block)
    if len(starts) < 2:
        return dense_hits(vectors, groups, threshold, k, block)
    shards = np.array_split(starts, min(len(starts), max(1, workers)))
    shared = ray.put(
        (np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(groups, dtype=np.int64))
    )
    rows = [{"shard": n, "starts": pickle.dumps(shard.tolist())} for n, shard in enumerate(shards)]
    done = map_each_row(
        rows, shard_hits, "shard", run=shared, threshold=threshold, k=k, block=block
    )
    parts = [pickle.loads(r["hits"]) for r in done]
    return Hits(*(np.concatenate([p[n] for p in parts]) for n in range(3)))


def shard_hits(batch: Batch, run: Any, threshold: float, k: int, block: int) -> Batch:
    """The map: each row's blocks (their starts) searched by dense_hits against the matrix."""
    import ray

    vectors, groups = ray.get(run) if isinstance(run, ray.ObjectRef) else run
    out = [
        pickle.dumps(tuple(dense_hits(vectors, groups, threshold, k, block, pickle.loads(s))))
        for s in batch["starts"]
    ]
    return {"shard": batch["shard"], "hits": np.array(out, dtype=object)}


def sharded_cells_hits(
    V: Any,
    G: Any,
    members: list[np.ndarray],
    askers: list[np.ndarray],
    threshold: float,
    k: int,
    workers: int,
) -> Hits:
    """neighbours.cells_hits(V, G, members, askers, threshold, k) (V, G: torch tensors), its
    cells computed in `workers` shards of about equal work on the connected Ray cluster."""
    import ray
    import ray.data

    # Cells are uneven: cut where the running work (askers x members) crosses each share.
    work = np.cumsum([len(m) * len(q) for m, q in zip(members, askers, strict=True)])
    if len(members) < 2 or not len(work) or work[-1] == 0:
        return cells_hits(V, G, members, askers, threshold, k)
    parts = max(1, min(workers, len(members)))
    cuts = np.searchsorted(work, work[-1] * np.arange(1, parts) / parts, side="right")
    bounds = [0, *sorted(set(int(c) for c in cuts if 0 < c < len(members))), len(members)]
    shared = ray.put((V.numpy(), G.numpy()))
    rows = [
        {"shard": n, "cells": pickle.dumps((members[lo:hi], askers[lo:hi]))}
        for n, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]
    done = map_each_row(rows, shard_cells, "shard", run=shared, threshold=threshold, k=k)
    found = [pickle.loads(r["hits"]) for r in done]
    return Hits(*(np.concatenate([p[n] for p in found]) for n in range(3)))


def shard_cells(batch: Batch, run: Any, threshold: float, k: int) -> Batch:
    """The map: each row's cells (their members and askers) searched by cells_hits."""
    import ray
    import torch

    vectors, groups = ray.get(run) if isinstance(run, ray.ObjectRef) else run
    V, G = torch.from_numpy(vectors), torch.from_numpy(groups)
    out = []
    for blob in batch["cells"]:
        members, askers = pickle.loads(blob)
        out.append(pickle.dumps(tuple(cells_hits(V, G, members, askers, threshold, k))))
    return {"shard": batch["shard"], "hits": np.array(out, dtype=object)}
