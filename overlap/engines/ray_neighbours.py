"""Nearest neighbours within a run, on Ray: neighbours.dense_hits (every sentence or paragraph
vector against every other, in row blocks) with its row blocks cut into one shard per worker,
each shard's blocks computed by a Ray task against the whole matrix (in the object store once),
the hits put back together in block order.

Why the hits are the local ones, to the bit: a shard computes exactly the blocks the local loop
computes, the same rows against the same matrix in the same float32 product and top-k
(dense_hits itself, given the blocks' starts), and the local hits are those blocks' hits in
block order. A run of a single block (up to 2,048 vectors, about 150 news articles) is
computed here: a Ray job costs more than the block. Above neighbours.neighbour_pairs'
`exact_max` the inverted-file search answers, in this process (not sharded yet).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..neighbours import DENSE_SEARCH, Hits, dense_hits
from .ray_stages import Batch


@contextmanager
def neighbours_on(workers: int) -> Iterator[None]:
    """For the block: every neighbour_pairs of this thread searches on the connected cluster."""

    def search(
        vectors: np.ndarray, groups: np.ndarray, threshold: float, k: int, block: int = 2048
    ) -> Hits:
        return sharded_dense_hits(vectors, groups, threshold, k, block, workers)

    token = DENSE_SEARCH.set(search)
    try:
        yield
    finally:
        DENSE_SEARCH.reset(token)


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
    # Ray's stubs type a batch function as taking the batch alone; the rest come as fn_kwargs.
    done = (
        ray.data.from_items(rows, override_num_blocks=len(rows))
        .map_batches(
            shard_hits,  # type: ignore[arg-type]
            batch_size=1,
            fn_kwargs={"run": shared, "threshold": threshold, "k": k, "block": block},
        )
        .take_all()
    )
    done.sort(key=lambda r: int(r["shard"]))
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
