"""Nearest-neighbour search over an index's vectors in shards, on Ray: the vector file's keys cut
into one shard per worker, each shard's vectors read by a Ray task from the memory-mapped file
(the driver never holds them) and searched exactly for every query row's k best, the shards'
answers merged into each row's k best overall. It answers for archive.vectors.VectorFile (the
same `search`) when `compare --index DIR --engine ray` looks for the stored articles near the
new ones (archive/select.py).

Each shard is searched with usearch's exact search over its f16 vectors, the kernel the whole
file's exact search runs: the same neighbours and cosines (a last bit differs now and then), so
up to vectors.EXACT_MAX vectors, where the local engine searches exactly too, the answer is the
local one but where two passages tie at the k-th place (a sentence stored twice), and either may
be kept, as in the local search. Above EXACT_MAX the local engine walks the HNSW graph, which
may miss a neighbour and keep a farther one; the shards never do, so there the two can differ
in a candidate article or two (the shards' being the true nearest). tests/test_ray_engine.py
compares the two.

The index folder must be reachable at the same path from every node (one machine, or a shared
disk), as the input files must.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..archive.vectors import VectorFile
from .ray_rows import map_each_row
from .ray_stages import Batch


class ShardedVectors:
    """A VectorFile whose `search` runs on the connected Ray cluster in `workers` shards."""

    def __init__(self, vectors: VectorFile, path: Path, workers: int):
        self._vectors = vectors
        self._path = path
        self._workers = max(1, workers)

    def __len__(self) -> int:
        return len(self._vectors)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """VectorFile.search's answer: (keys, cosines), each (rows x k'), for each row of
        `vectors`; a missing hit has cosine -inf."""
        import ray
        import ray.data

        index: Any = self._vectors.index
        rows = len(vectors)
        if index is None or not len(index) or not rows:
            return self._vectors.search(vectors, k)
        k = min(k, len(index))
        keys = np.sort(np.asarray(index.keys, dtype=np.uint64))
        shards = np.array_split(keys, min(self._workers, len(keys)))
        queries = ray.put(np.ascontiguousarray(vectors, dtype=np.float32))
        items = [{"shard": n, "keys": shard.tobytes()} for n, shard in enumerate(shards)]
        done = map_each_row(
            items, search_shard, "shard", path=str(self._path), queries=queries, k=k
        )
        return merge_shards(
            [np.frombuffer(r["keys"], np.uint64).reshape(rows, -1) for r in done],
            [np.frombuffer(r["distances"], np.float32).reshape(rows, -1) for r in done],
            k,
        )


def search_shard(batch: Batch, path: str, queries: Any, k: int) -> Batch:
    """One shard: its vectors read from the vector file, every query's k best among them by
    usearch's exact search (as VectorFile.search's), as (keys, distances), a missing hit at
    distance +inf."""
    import ray
    from usearch.index import Index, MetricKind, search

    found_queries = ray.get(queries) if isinstance(queries, ray.ObjectRef) else queries
    index: Any = Index.restore(path, view=True)
    out_keys, out_distances = [], []
    for blob in batch["keys"]:
        keys = np.frombuffer(blob, dtype=np.uint64)
        matrix = np.stack(index.get(keys))
        top = min(k, len(keys))
        found: Any = search(matrix, found_queries, top, MetricKind.Cos, exact=True)
        at = np.asarray(found.keys, dtype=np.int64).reshape(len(found_queries), -1)
        distances = np.asarray(found.distances, dtype=np.float32).reshape(at.shape).copy()
        counts = np.asarray(found.counts).reshape(-1)
        missing = np.arange(at.shape[1])[None, :] >= counts[:, None]
        distances[missing] = np.inf
        out_keys.append(keys[np.where(missing, 0, at)].tobytes())
        out_distances.append(distances.tobytes())
    return {
        "shard": batch["shard"],
        "keys": np.array(out_keys, dtype=object),
        "distances": np.array(out_distances, dtype=object),
    }


def merge_shards(
    keys: list[np.ndarray], distances: list[np.ndarray], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k nearest over the shards' answers (shard order breaks a tie), as
    VectorFile.search gives them: (keys as int64, cosines), a missing hit at cosine -inf.

    >>> keys = [np.array([[1, 2]], np.uint64), np.array([[7, 8]], np.uint64)]
    >>> far = [np.array([[0.1, 0.5]], np.float32), np.array([[0.2, np.inf]], np.float32)]
    >>> found, cosines = merge_shards(keys, far, 3)
    >>> found.tolist(), [round(float(c), 2) for c in cosines[0]]
    ([[1, 7, 2]], [0.9, 0.8, 0.5])
    """
    all_keys = np.concatenate(keys, axis=1)
    all_distances = np.concatenate(distances, axis=1)
    order = np.argsort(all_distances, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(all_distances, order, axis=1)
    found = np.take_along_axis(all_keys, order, axis=1).astype(np.int64)
    cosines = (1.0 - best).astype(np.float32)
    cosines[~np.isfinite(best)] = -np.inf
    return found, cosines
