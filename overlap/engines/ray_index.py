"""`overlap index add --engine ray`: archive.build.add_articles with its two heavy stages on a
Ray cluster. The files are read and the articles segmented into passages with their signatures
as maps over partitions, the passages embedded by an actor pool (the vectors handed back as
Parquet); the driver merges each batch into the index with archive.build's writer, in its one
transaction, under its writer lock: the index is the one the local engine builds
(tests/test_ray_engine.py)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..archive.build import (
    ENCODE_CHUNK,
    AddReport,
    AddStages,
    add_articles,
    require_articles,
)
from ..archive.lock import writer_lock
from ..archive.schema import connect
from ..config import Settings
from ..models import load_embedder
from ..progress import NoProgress, Progress
from .ray_jobs import embed_on_ray, passages_on_ray, read_on_ray, staging_folder
from .ray_runtime import ray_cluster

# Articles per round trip to the cluster: the driver holds one batch's passages and vectors
# (about 11,700 texts, 18 MiB of vectors per 1,000 news articles); each batch pays the model
# actors' start (seconds), so batches are larger than the local engine's 1,000.
RAY_BATCH_ARTICLES = 5000


def add_with_ray(
    folder: Path,
    inputs: Sequence[str],
    s: Settings,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """archive.build.add, on Ray: the same index and the same report."""
    shown = progress or NoProgress()
    with ray_cluster() as workers, writer_lock(folder):
        db = connect(folder, create=True)
        try:
            with shown.status("reading on Ray"):
                articles, skipped = read_on_ray(inputs, s, overrides, workers)
            require_articles(articles, skipped)
            embedder = load_embedder(s)  # its id and size: the workers load the weights
            with staging_folder() as staging:
                calls = itertools.count()

                def embed(missing: dict[str, str]) -> dict[str, np.ndarray]:
                    # A folder per batch: Ray's Parquet writer adds to a folder, never replaces.
                    batch_folder = staging / str(next(calls))
                    batch_folder.mkdir()
                    return embed_on_ray(missing, s, workers, batch_folder, ENCODE_CHUNK)

                stages = AddStages(
                    lambda batch: passages_on_ray(batch, s, workers),
                    embed,
                    RAY_BATCH_ARTICLES,
                    "indexing articles on Ray",
                )
                return add_articles(db, folder, articles, skipped, s, embedder, stages, shown)
        finally:
            db.close()
