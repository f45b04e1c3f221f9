"""Copy candidates on Ray: shingles.copy_pairs as a Ray Data pipeline, the same pairs out.

1. A map over partitions of the units (sentences, as folded-word lists): each unit's distinct
   shingle hashes (archive.signatures.token_signature, the same in every process: a worker has
   no run-wide vocabulary), one row per (band, hash, unit, the unit's shingle count).
2. A groupby on the band (the hash modulo the number of bands): every row of one shingle lands in
   one group, so each group drops its stock phrases (a shingle of more than `max_frequency`
   units) and counts the shingles each unit pair shares there (shingles._shared_shingles, the
   local stage's own code), one row per pair and band.
3. A groupby on the pair's band: the counts of one pair summed over the shingle bands, and the
   copy rule applied (copy_pairs's: shared shingles and containment of the smaller unit).

The driver gets back only the accepted pairs, sorted as copy_pairs sorts them. Equal to
copy_pairs but for hash collisions: the local stage numbers words in one vocabulary, the cluster
hashes them (crc32, as the index's signatures), so two words with one crc32 in the same place
of two sentences would count as shared here (tests/test_ray_engine.py: equal on the seeds and 50
Reuters stories).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence

import numpy as np

from ..archive.signatures import token_signature
from ..shingles import _shared_shingles
from .ray_stages import Batch

CopyPairs = Callable[..., list[tuple[int, int, float]]]  # shingles.copy_pairs' signature
BANDS_PER_WORKER = 4  # groups per worker and stage: a slow group leaves the others busy
UNITS_PER_BLOCK = 2000


def copy_pairs_on(workers: int) -> CopyPairs:
    """shingles.copy_pairs, run on the connected Ray cluster with `workers` CPUs."""

    def copy_pairs(
        tokens: Sequence[Sequence[str]],
        n: int = 3,
        max_frequency: int = 50,
        min_shared: int = 2,
        min_containment: float = 0.25,
        min_shared_any: int | None = None,
    ) -> list[tuple[int, int, float]]:
        rule = {
            "min_shared": min_shared,
            "min_containment": min_containment,
            "min_shared_any": min_shared_any,
        }
        return _copy_pairs(tokens, n, max_frequency, rule, max(1, workers) * BANDS_PER_WORKER)

    return copy_pairs


def _copy_pairs(
    tokens: Sequence[Sequence[str]],
    n: int,
    max_frequency: int,
    rule: dict[str, float | int | None],
    bands: int,
) -> list[tuple[int, int, float]]:
    import ray.data

    if len(tokens) < 2:
        return []
    rows = [
        {"first": at, "tokens": pickle.dumps([list(t) for t in tokens[at : at + UNITS_PER_BLOCK]])}
        for at in range(0, len(tokens), UNITS_PER_BLOCK)
    ]
    total = len(tokens)
    # Ray's stubs type a batch function as taking the batch alone; the rest come as fn_kwargs.
    shingles = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        unit_shingles,  # type: ignore[arg-type]
        fn_kwargs={"n": n, "bands": bands},
        batch_size=1,
    )
    shared = shingles.groupby("band", num_partitions=bands).map_groups(
        band_pairs,  # type: ignore[arg-type]
        fn_kwargs={"max_frequency": max_frequency, "total": total, "bands": bands},
        batch_format="numpy",
    )
    accepted = shared.groupby("pair_band", num_partitions=bands).map_groups(
        accepted_pairs,  # type: ignore[arg-type]
        fn_kwargs=rule,
        batch_format="numpy",
    )
    found = accepted.take_all()
    found.sort(key=lambda r: int(r["code"]))  # copy_pairs' order: by (i, j)
    return [
        (int(r["code"]) // total, int(r["code"]) % total, float(r["containment"])) for r in found
    ]


def unit_shingles(batch: Batch, n: int, bands: int) -> Batch:
    """Step 1, a map: one row per (band, shingle hash, unit, the unit's distinct shingles)."""
    hashes: list[np.ndarray] = []
    units: list[np.ndarray] = []
    sizes: list[np.ndarray] = []
    for first, blob in zip(batch["first"], batch["tokens"], strict=True):
        for offset, words in enumerate(pickle.loads(blob)):
            signature = token_signature(words, n)
            hashes.append(signature)
            units.append(np.full(len(signature), int(first) + offset, dtype=np.int64))
            sizes.append(np.full(len(signature), len(signature), dtype=np.int64))
    h = np.concatenate(hashes) if hashes else np.zeros(0, np.int64)
    return {
        "band": (h.view(np.uint64) % np.uint64(bands)).astype(np.int64),
        "hash": h,
        "unit": np.concatenate(units) if units else np.zeros(0, np.int64),
        "size": np.concatenate(sizes) if sizes else np.zeros(0, np.int64),
    }


def band_pairs(group: Batch, max_frequency: int, total: int, bands: int) -> Batch:
    """Step 2, per band: the unit pairs sharing its shingles, and how many (copy_pairs' own
    counting, over this band's shingles only); with both units' distinct shingle counts."""
    units, at = np.unique(group["unit"], return_inverse=True)
    order = np.argsort(at, kind="stable")
    local_sizes = np.bincount(at, minlength=len(units))
    per_unit = np.split(group["hash"][order].astype(np.uint64), np.cumsum(local_sizes)[:-1])
    found = _shared_shingles(per_unit, local_sizes, max_frequency)
    if found is None:
        empty = np.zeros(0, np.int64)
        return {"pair_band": empty, "code": empty, "shared": empty, "smaller": empty}
    a, b, shared = (np.asarray(x, dtype=np.int64) for x in found)
    size_of = np.zeros(len(units), np.int64)
    size_of[at] = group["size"]
    left, right = units[a], units[b]  # a < b locally, and units are sorted: left < right
    code = left * total + right
    return {
        "pair_band": code % bands,
        "code": code,
        "shared": shared,
        "smaller": np.minimum(size_of[a], size_of[b]),
    }


def accepted_pairs(
    group: Batch,
    min_shared: int,
    min_containment: float,
    min_shared_any: int | None,
) -> Batch:
    """Step 3, per pair band: each pair's shared shingles summed over the shingle bands, kept
    where copy_pairs' rule keeps it."""
    codes, at = np.unique(group["code"], return_inverse=True)
    counts = np.bincount(at, weights=group["shared"], minlength=len(codes)).astype(np.int64)
    smaller = np.zeros(len(codes), np.int64)
    smaller[at] = group["smaller"]
    containment = counts / np.maximum(smaller, 1)
    ok = (counts >= min_shared) & (containment >= min_containment)
    if min_shared_any is not None:
        ok |= counts >= min_shared_any
    return {"code": codes[ok], "containment": containment[ok]}
