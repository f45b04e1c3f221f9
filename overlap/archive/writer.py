"""One `index add`'s writes, batch by batch, in a single transaction: the rows of each batch of
articles go into the database as they are ready and their vectors into the next vector-file
generation (held in memory), so an add of 100,000 articles never holds more than one batch's
passages and vectors as Python objects. The vector file is saved and the transaction committed
once, at the end (`commit`): a writer killed at any point leaves the last committed state, as
vectors.py describes, and anything short of a commit is rolled back whole."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..cache import text_key
from ..config import Settings
from ..types import Article
from . import vectors as vector_file
from .passages import MEAN_BIT, StoredPassage, mean_key, paragraph_means
from .signatures import to_blob
from .store import article_record, build_settings, get_meta, set_meta


class BatchWriter:
    """Open with the row ids of the articles the add replaces; `write` each batch; `commit`
    (or `rollback`) once. The database's write lock is taken at the start (BEGIN IMMEDIATE), so
    readers keep their snapshots while the add runs and see it whole after the commit."""

    def __init__(self, db: sqlite3.Connection, folder: Path, replaced: Sequence[int], dim: int):
        self.db = db
        self.folder = folder
        self.previous = get_meta(db, "vector_file")
        self.generation = int(get_meta(db, "generation") or "0") + 1
        self.dim = dim or int(get_meta(db, "dim") or "0") or 1
        removed = embedded_passages(db, replaced)
        self.index = vector_file.open_generation(self.folder, self.previous, self.dim)
        vector_file.remove_keys(self.index, np.array(removed, dtype=np.int64))
        self.next_article = _next_id(db, "articles")
        self.next_passage = _next_id(db, "passages")
        db.execute("BEGIN IMMEDIATE")
        try:
            # ON DELETE CASCADE removes their passages and postings.
            db.executemany("DELETE FROM articles WHERE id=?", [(a,) for a in replaced])
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def stored_vectors(self, model_id: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors this index already holds among `keys` (earlier adds and earlier batches
        of this one: the transaction sees its own rows), so they are not embedded again."""
        from .store import get_vectors

        return get_vectors(self.db, model_id, keys)

    def write(
        self,
        todo: Sequence[tuple[str, str, Article]],
        per_article: Sequence[Sequence[StoredPassage]],
        vectors: dict[str, np.ndarray],
        model_id: str,
        s: Settings,
    ) -> None:
        """Store one batch: its articles, passages, postings and new vectors (`vectors`: text
        hash -> float32 vector for every embedded passage of the batch)."""
        new_vectors: dict[str, np.ndarray] = {}
        article_rows: list[tuple] = []
        passage_rows: list[tuple] = []
        postings: list[tuple[int, int]] = []
        add_keys: list[int] = []
        add_rows: list[np.ndarray] = []
        for (key, digest, a), passages in zip(todo, per_article, strict=True):
            rid = self.next_article
            self.next_article += 1
            article_rows.append((rid, a.id, key, digest, json.dumps(article_record(a))))
            hashes: set[int] = set()
            means = paragraph_means(passages, vectors, s)
            for at, p in enumerate(passages):
                pid = self.next_passage
                self.next_passage += 1
                tkey = text_key(p.text) if p.embedded else None
                mkey = mean_key(p) if at in means else None
                if mkey is not None:
                    new_vectors[mkey] = means[at]
                    add_keys.append(pid | MEAN_BIT)
                    add_rows.append(means[at])
                sig = p.signature
                blob = to_blob(sig) if sig is not None else None
                passage_rows.append((pid, rid, p.kind, p.idx, p.start, p.end, tkey, mkey, blob))
                if sig is not None:
                    hashes.update(int(h) for h in sig)
                if tkey is not None:
                    new_vectors[tkey] = vectors[tkey]
                    add_keys.append(pid)
                    add_rows.append(vectors[tkey])
            postings += [(h, rid) for h in hashes]
        db = self.db
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?)", article_rows)
        db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", passage_rows)
        db.executemany(
            "INSERT OR IGNORE INTO vectors (model, text_key, vector) VALUES (?, ?, ?)",
            [(model_id, k, np.asarray(v, np.float32).tobytes()) for k, v in new_vectors.items()],
        )
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", postings)
        if add_rows:
            self.dim = len(add_rows[0])
            vector_file.add_keys(self.index, np.array(add_keys, dtype=np.int64), np.stack(add_rows))

    def commit(self, model_id: str, s: Settings) -> None:
        """Save the vector file's next generation (atomically, under a new name), then commit
        the rows and the state that names it."""
        name = vector_file.write_generation(self.folder, self.generation, self.index)
        db = self.db
        set_meta(db, "generation", str(self.generation))
        set_meta(db, "vector_file", name)
        set_meta(db, "embedding_model", model_id)
        if len(self.index):
            set_meta(db, "dim", str(self.dim))
        set_meta(db, "settings", json.dumps(build_settings(s), sort_keys=True))
        from .. import __version__

        set_meta(db, "overlap_version", __version__)
        db.execute("COMMIT")
        vector_file.remove_stale(self.folder, {name, self.previous or name})

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")


def _next_id(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])


def embedded_passages(db: sqlite3.Connection, articles: Sequence[int]) -> list[int]:
    """The vector-file keys of `articles`' passages: their vectors and paragraph means."""
    out: list[int] = []
    for i in range(0, len(articles), 500):
        chunk = list(articles[i : i + 500])
        for pid, tkey, mkey in db.execute(
            "SELECT id, text_key, mean_key FROM passages WHERE article IN "
            f"({','.join('?' * len(chunk))})",
            chunk,
        ):
            out += [pid] if tkey is not None else []
            out += [pid | MEAN_BIT] if mkey is not None else []
    return out
