"""What the Ray Data pipelines run on the workers: functions mapped over partitions (reading
files, segmenting articles into passages with their shingle signatures) and the two model actors
(embedding, NLI), callable classes that load their model once per worker.

A row crosses the cluster as plain columns: a place (its position in the run, so the driver puts
rows back in the local engine's order), and Python values (Articles, passage lists) pickled into
one bytes column, vectors as float32 bytes, so every column is one Arrow and Parquet knows."""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path
from typing import Any

import numpy as np

from ..archive.passages import article_passages
from ..config import Settings
from ..ingest import read_files
from ..segment import segment
from ..tabular import Columns

Batch = dict[str, Any]  # Ray Data's "default" batch format: column name -> numpy array


def read_partition(batch: Batch, s: Settings, overrides: dict[str, str] | None, cwd: str) -> Batch:
    """Each file of the batch read (ids not yet made unique: the driver numbers them all), in
    the driver's working folder: a path given relative reads the same file, and an article's
    source is the path as given, as the local engine reads it (a worker of a running cluster
    starts in a folder of Ray's)."""
    with contextlib.chdir(cwd):
        read = [
            pickle.dumps(
                read_files(
                    [Path(str(path))],
                    s.encoding,
                    overrides,
                    s.encoding_force,
                    Columns.from_settings(s),
                )
            )
            for path in batch["path"]
        ]
    return {"place": batch["place"], "read": np.array(read, dtype=object)}


def passages_partition(batch: Batch, s: Settings) -> Batch:
    """Each article's stored passages (sentences, paragraphs, signatures), as `index add`
    stores them; with `chrome` (compare), the recurring lines found across the run marked."""
    out = []
    for blob, chrome in zip(batch["article"], batch["chrome"], strict=True):
        article = pickle.loads(blob)
        seg = segment(article, pickle.loads(chrome)) if chrome else segment(article)
        out.append(pickle.dumps(article_passages(seg, s)))
    return {"place": batch["place"], "passages": np.array(out, dtype=object)}


def _one_thread() -> None:
    """One torch thread per actor: Ray gives each actor one CPU, and a second thread would
    fight the next actor for it."""
    import torch

    torch.set_num_threads(1)


class EmbedWorker:
    """The embedding model, loaded once per worker. A row is one chunk of texts (keys and texts
    pickled), encoded in one call as embed_texts encodes its chunks: the encoder's batches, and
    with them its vectors to the last bit (bf16 kernels round by batch), are the local engine's.
    Out: one row per text, (key, vector)."""

    settings = Settings()  # the run's, set by embed_worker

    def __init__(self) -> None:
        from ..models import load_embedder

        _one_thread()
        self.model = load_embedder(self.settings)

    def __call__(self, batch: Batch) -> Batch:
        keys: list[str] = []
        rows: list[bytes] = []
        for chunk_keys, chunk_texts in zip(batch["keys"], batch["texts"], strict=True):
            vectors = self.model.encode(pickle.loads(chunk_texts))
            keys += pickle.loads(chunk_keys)
            rows += [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]
        return {"key": np.array(keys, dtype=object), "vector": np.array(rows, dtype=object)}


def embed_worker(s: Settings) -> type[EmbedWorker]:
    """EmbedWorker for the settings `s`, as a class of its own: Ray ships a class with the job,
    while constructor arguments wait in its object store, which an actor restarted after its
    job ended would not find."""
    return type("EmbedWorker", (EmbedWorker,), {"settings": s})


class NLIWorker:
    """The NLI model, loaded once per worker. A row is one batch of pairs as NLIModel.predict
    cuts them (row numbers and pairs pickled; nli_on_ray cuts them), scored in one call. Out:
    one row per pair, (row, probabilities)."""

    def __init__(self) -> None:
        from ..nli import NLIModel

        _one_thread()
        self.model = NLIModel()

    def __call__(self, batch: Batch) -> Batch:
        rows: list[int] = []
        probs: list[bytes] = []
        for chunk_rows, chunk_pairs in zip(batch["rows"], batch["pairs"], strict=True):
            scores = self.model.predict(pickle.loads(chunk_pairs))
            rows += pickle.loads(chunk_rows)
            probs += [np.asarray(p, dtype=np.float32).tobytes() for p in scores]
        return {"row": np.array(rows, dtype=np.int64), "probs": np.array(probs, dtype=object)}
