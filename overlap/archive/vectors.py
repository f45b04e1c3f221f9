"""The vector file beside the database: a usearch index (HNSW, cosine, f16) of the embedded
passages, keyed by passage id.

Why usearch (Apache-2.0) rather than faiss: it adds and removes vectors one key at a time
without a retrain (an IVF index of faiss needs its cells refitted as an archive grows), a saved
file is searched memory-mapped (`view=True`: the operating system pages in only what a search
touches, so a check's memory does not grow with the archive), and it stores f16, bf16 or int8
with the same call. f16 is used: its cosine error (< 1e-3) is far below the margin
`select.CANDIDATE_MARGIN` allows, and it halves the file against float32. The file only finds
candidates: every score a finding carries is recomputed from the float32 vectors in SQLite.

Crash safety: a new generation is written to a temporary file, flushed to disk and renamed into
place (`os.replace`), under a new name; the database names the file of its last commit, so a
writer killed before its commit leaves the old name (and file) in force.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .schema import ArchiveError

DTYPE = "f16"
# Up to this many vectors a search compares with every one (exact, and deterministic); above it
# the HNSW graph answers.
EXACT_MAX = 20_000


def file_name(generation: int) -> str:
    return f"vectors-{generation}.usearch"


def _new_index(ndim: int):  # noqa: ANN202 - usearch's Index, imported late
    from usearch.index import Index

    return Index(ndim=ndim, metric="cos", dtype=DTYPE)


def open_generation(folder: Path, previous: str | None, ndim: int):  # noqa: ANN201 - usearch
    """The next generation in memory: a copy of the `previous` file's vectors (if any), else an
    empty index of `ndim` dimensions. The previous file itself is left as it is."""
    from usearch.index import Index

    if previous and (folder / previous).is_file():
        restored = Index.restore(str(folder / previous))
        if restored is not None:
            return restored
    return _new_index(ndim)


def remove_keys(index: Any, keys: np.ndarray) -> None:
    if len(keys):
        index.remove(np.asarray(keys, dtype=np.uint64))


def add_keys(index: Any, keys: np.ndarray, vectors: np.ndarray) -> None:
    """Insert on one thread: usearch's default (every core) links each vector into the HNSW
    graph in whatever order the threads reach it, so two adds of the same vectors saved
    different files (and above EXACT_MAX a search could answer differently); one thread
    gives the same file every time, for the same CPU seconds (2.6 against 2.8 s for 18,062
    real vectors) and no threads fighting the encoder for the cores."""
    if len(keys):
        index.add(
            np.asarray(keys, dtype=np.uint64), np.asarray(vectors, dtype=np.float32), threads=1
        )


def write_generation(folder: Path, generation: int, index: Any) -> str:
    """Save `index` as generation `generation`: written to a temporary file, flushed to disk and
    renamed into place. Returns the new file's name."""
    name = file_name(generation)
    tmp = folder / f".{name}.tmp"
    index.save(str(tmp))
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, folder / name)
    return name


def next_generation(
    folder: Path,
    generation: int,
    previous: str | None,
    ndim: int,
    add: tuple[np.ndarray, np.ndarray],
    remove: np.ndarray,
) -> str:
    """Write generation `generation`: the `previous` file's vectors (if any) less `remove`,
    plus `add` (keys, vectors). Returns the new file's name."""
    index = open_generation(folder, previous, ndim)
    remove_keys(index, remove)
    add_keys(index, *add)
    return write_generation(folder, generation, index)


def remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete vector files and temporary files that no committed state names."""
    for path in folder.glob("*vectors-*.usearch*"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


class Searchable(Protocol):
    """What candidate selection searches (select.py): a VectorFile, or its shards on a Ray
    cluster (engines/ray_search.py)."""

    def __len__(self) -> int: ...

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...


class VectorFile:
    """A committed vector file, memory-mapped for search."""

    def __init__(self, folder: Path, name: str | None):
        from usearch.index import Index

        self.index = None
        if name is None:
            return
        path = folder / name
        if not path.is_file():
            raise ArchiveError(
                f"index {folder}: its vector file {name} is missing; run overlap index vacuum "
                f"--index {folder} to rebuild it from the database"
            )
        try:
            self.index = Index.restore(str(path), view=True)
        except (RuntimeError, ValueError) as exc:
            raise ArchiveError(
                f"index {folder}: vector file {name} is damaged ({exc}); run overlap index "
                f"vacuum --index {folder} to rebuild it"
            ) from None

    def __len__(self) -> int:
        return 0 if self.index is None else len(self.index)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(keys, cosines), each (rows x k'), for each row of `vectors`; a missing hit has
        cosine -inf."""
        rows = len(vectors)
        if self.index is None or not len(self.index) or not rows:
            return np.zeros((rows, 0), np.int64), np.zeros((rows, 0), np.float32)
        k = min(k, len(self.index))
        found: Any = self.index.search(
            np.asarray(vectors, dtype=np.float32), k, exact=len(self.index) <= EXACT_MAX
        )
        keys = np.asarray(found.keys, dtype=np.int64).reshape(rows, -1)
        cosines = 1.0 - np.asarray(found.distances, dtype=np.float32).reshape(rows, -1)
        counts = np.asarray(found.counts).reshape(rows)
        cosines[np.arange(keys.shape[1])[None, :] >= counts[:, None]] = -np.inf
        return keys, cosines
