"""The Ray Data pipelines the driver runs, each a function from plain values to plain values:
read files (a map over partitions of the file list), the index's passages of articles (a map),
embed texts (an actor pool; the vectors written as Parquet and read back, the hand-off to the
index), and NLI-score pairs (an actor pool). Results come back in the local engine's order."""

from __future__ import annotations

import inspect
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..archive.passages import StoredPassage
from ..config import Settings
from ..embed import embed_texts, same_length_batches
from ..ingest import expand_paths, unique_ids
from ..nli import NLIModel, PairTooLong
from ..types import Article, Chrome, Skipped
from .ray_stages import NLIWorker, embed_worker, passages_partition, read_partition

# Where the workers write their Parquet files: a folder every node can reach (a shared disk)
# when the cluster has more than one machine; a temporary folder on this one by default.
STAGING_VARIABLE = "OVERLAP_RAY_STAGING"
EMBED_CHUNK = inspect.signature(embed_texts).parameters["chunk"].default  # texts per call


def read_on_ray(
    inputs: Sequence[str], s: Settings, overrides: dict[str, str] | None, workers: int
) -> tuple[list[Article], list[Skipped]]:
    """read_articles on the cluster: the files listed here, read as a map over partitions,
    their ids numbered in one pass in file order (ingest.unique_ids)."""
    import ray.data

    paths, skipped = expand_paths(inputs, s.recursive)
    if not paths:
        return [], skipped
    rows = [{"place": n, "path": str(p)} for n, p in enumerate(paths)]
    ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), 4 * workers))
    # Ray's stubs type the batch function as taking the batch alone; its extra arguments come
    # through fn_kwargs, which the stubs cannot see.
    done = ds.map_batches(
        read_partition,  # type: ignore[arg-type]
        fn_kwargs={"s": s, "overrides": overrides, "cwd": os.getcwd()},
    )
    articles: list[Article] = []
    for row in sorted(done.take_all(), key=lambda r: int(r["place"])):
        found, bad = pickle.loads(row["read"])
        articles += found
        skipped += bad
    return unique_ids(articles), skipped


def passages_on_ray(
    articles: Sequence[Article],
    s: Settings,
    workers: int,
    chrome: dict[str, tuple[Chrome, ...]] | None = None,
) -> list[list[StoredPassage]]:
    """archive.passages.article_passages of each article (segmented with its `chrome` lines
    when given), a map over partitions; in the order of `articles`."""
    import ray.data

    if not articles:
        return []
    rows = [
        {
            "place": n,
            "article": pickle.dumps(a),
            "chrome": pickle.dumps(chrome[a.id]) if chrome is not None else b"",
        }
        for n, a in enumerate(articles)
    ]
    ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), 4 * workers))
    done = ds.map_batches(passages_partition, fn_kwargs={"s": s}).take_all()  # type: ignore[arg-type]
    return [pickle.loads(r["passages"]) for r in sorted(done, key=lambda r: int(r["place"]))]


@contextmanager
def staging_folder() -> Iterator[Path]:
    """A fresh folder for one run's Parquet files, removed after."""
    root = os.environ.get(STAGING_VARIABLE) or None
    folder = Path(tempfile.mkdtemp(prefix="overlap-ray-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def embed_on_ray(
    texts: dict[str, str], s: Settings, workers: int, staging: Path, chunk: int = EMBED_CHUNK
) -> dict[str, np.ndarray]:
    """Text key -> unit vector for `texts` (key -> text), embedded by a pool of `workers`
    EmbedWorker actors in `chunk`s as embed_texts cuts them (the local engine's `chunk`: its
    default for a compare, archive.build.ENCODE_CHUNK for an add); written as Parquet under
    `staging` and read back from there."""
    import pyarrow.parquet as pq
    import ray.data

    if not texts:
        return {}
    # embed_texts' chunks exactly: longest first (a stable sort of `texts` in its order), so
    # each chunk, one encode call on a worker, is one the local engine would encode.
    order = sorted(texts, key=lambda k: -len(texts[k]))
    rows = [
        {
            "keys": pickle.dumps(order[at : at + chunk]),
            "texts": pickle.dumps([texts[k] for k in order[at : at + chunk]]),
        }
        for at in range(0, len(order), chunk)
    ]
    ds = ray.data.from_items(rows, override_num_blocks=len(rows))
    out = staging / "vectors"
    ds.map_batches(
        embed_worker(s),
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=_pool_size(len(rows), workers)),
        num_cpus=1,
    ).write_parquet(str(out))
    table = pq.read_table(out)
    keys, blobs = table.column("key").to_pylist(), table.column("vector").to_pylist()
    return {k: np.frombuffer(b, dtype=np.float32) for k, b in zip(keys, blobs, strict=True)}


def nli_on_ray(model: NLIModel, pairs: Sequence[tuple[str, str]], workers: int) -> np.ndarray:
    """model.predict(pairs) by a pool of `workers` NLIWorker actors, rows in order. The batches
    are cut here as predict cuts them (pairs of one token length, model.batch_size at most: the
    tokenizer runs on the driver), one per actor call, so every score is the local one to the bit
    (bf16 kernels round by batch); a pair too long raises PairTooLong here, as predict does."""
    import ray.data

    if not pairs:
        return np.zeros((0, 3), dtype=np.float32)
    lengths = model.pair_lengths(pairs)
    for index, n in enumerate(lengths):
        if n > model.max_length:
            raise PairTooLong(index, n, model.max_length)
    rows = [
        {"rows": pickle.dumps(chunk), "pairs": pickle.dumps([pairs[i] for i in chunk])}
        for chunk in same_length_batches(lengths, model.batch_size)
    ]
    ds = ray.data.from_items(rows, override_num_blocks=len(rows))
    done = ds.map_batches(
        NLIWorker,
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=_pool_size(len(rows), workers)),
        num_cpus=1,
    )
    out = np.zeros((len(pairs), 3), dtype=np.float32)
    for r in done.take_all():
        out[int(r["row"])] = np.frombuffer(r["probs"], dtype=np.float32)
    return out


def _pool_size(calls: int, workers: int) -> int:
    """Model actors for `calls` one-row calls: no more than there are calls. An actor with
    nothing to do still loads its model (seconds of CPU, 1.2-1.6 GiB), on a core the busy one
    needs: the seeds' texts are one chunk, so their embedding pool was one actor working and
    one loading the model for nothing."""
    return max(1, min(workers, calls))


def _batch_size(rows: int, workers: int, most: int) -> int:
    """Rows per actor call: `most`, fewer when there are too few rows to keep every actor busy."""
    return max(1, min(most, -(-rows // workers)))
