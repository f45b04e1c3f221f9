"""`overlap index add --engine ray`: archive.build.add with its work on a Ray cluster. The files
are read and the articles segmented into passages with their signatures as maps over partitions,
the passages embedded by an actor pool (the vectors handed back as Parquet), and the driver
merges each batch into the index with archive.build's writer, in its one transaction, under its
writer lock: the index is the one the local engine builds (tests/test_ray_engine.py)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from ..archive.build import AddReport, _changed
from ..archive.lock import writer_lock
from ..archive.schema import connect
from ..archive.store import check_compatible
from ..archive.writer import BatchWriter
from ..cache import EmbeddingStore, open_cache, text_key
from ..config import Settings
from ..embed import Embedder
from ..errors import InputError
from ..models import load_embedder
from ..progress import NoProgress, Progress
from .ray_jobs import embed_on_ray, passages_on_ray, read_on_ray, staging_folder
from .ray_runtime import ray_cluster

# Articles per round trip to the cluster: the driver holds one batch's passages and vectors
# (about 13,000 texts, 20 MiB of vectors per 1,000 news articles); each batch pays the model
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
            if not articles:
                first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
                raise InputError(f"no readable articles to add{first}")
            embedder = load_embedder(s)  # its id and size: the workers load the weights
            check_compatible(db, folder, embedder.model_id, s)
            todo, replaced, unchanged = _changed(db, articles)
            del articles
            if not todo:
                return AddReport(0, 0, unchanged, 0, 0, 0, tuple(skipped))
            writer = BatchWriter(db, folder, replaced, getattr(embedder, "dim", 0))
            passages = fresh = known = 0
            try:
                with open_cache(s.cache_path) or nullcontext() as store, staging_folder() as tmp:
                    shown.start("indexing articles on Ray", len(todo))
                    try:
                        for at in range(0, len(todo), RAY_BATCH_ARTICLES):
                            batch = todo[at : at + RAY_BATCH_ARTICLES]
                            per_article = passages_on_ray([a for _, _, a in batch], s, workers)
                            texts = [p.text for ps in per_article for p in ps if p.embedded]
                            vectors, n_fresh, n_known = _vectors(
                                writer, embedder, texts, store, s, workers, tmp / str(at)
                            )
                            writer.write(batch, per_article, vectors, embedder.model_id, s)
                            passages += sum(len(ps) for ps in per_article)
                            fresh, known = fresh + n_fresh, known + n_known
                            shown.advance(len(batch))
                    finally:
                        shown.finish()
                with shown.status("writing the index"):
                    writer.commit(embedder.model_id, s)
            except BaseException:
                writer.rollback()
                raise
        finally:
            db.close()
    added = len(todo) - len(replaced)
    return AddReport(added, len(replaced), unchanged, passages, fresh, known, tuple(skipped))


def _vectors(
    writer: BatchWriter,
    embedder: Embedder,
    texts: Sequence[str],
    store: EmbeddingStore | None,
    s: Settings,
    workers: int,
    staging: Path,
) -> tuple[dict[str, np.ndarray], int, int]:
    """archive.build's rule, the encoder on the cluster: text hash -> vector for `texts`, from
    the index where it holds the text, else the embedding cache (read and written here), else
    the EmbedWorker actors. Returns (vectors, newly embedded, found stored or cached)."""
    unique = {text_key(t): t for t in texts}
    found = writer.stored_vectors(embedder.model_id, list(unique))
    dim = getattr(embedder, "dim", None)
    todo = [k for k in unique if k not in found]
    cached = store.get_many(embedder.model_id, todo, dim, unit=True) if store else {}
    missing = {k: unique[k] for k in todo if k not in cached}
    staging.mkdir(parents=True, exist_ok=True)
    fresh = embed_on_ray(missing, s, workers, staging)
    if store and fresh:
        store.put_many(embedder.model_id, fresh)
    for k in todo:  # in the local engine's order: the rows' ids in the index are its ids
        found[k] = cached[k] if k in cached else fresh[k]
    return found, len(fresh), len(unique) - len(fresh)
