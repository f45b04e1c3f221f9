"""Rows in and out of the index database: articles as overlap's Article, the settings and model
an index was built with, and the vectors by text hash."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..config import Settings
from ..types import Article
from .schema import ArchiveError

# The settings that shape what the index stores; a run with other values would not match it.
BUILD_SETTINGS = ("shingle_size",)


def source_key(source: str) -> str:
    """Where an article came from, independent of the working folder: the resolved file, plus
    the record's place inside it (`feed.jsonl:3`, `crawl.warc.gz:<uri>`) for files of many."""
    path = Path(source)
    if path.exists():
        return str(path.resolve())
    for sep in (":", "!"):
        head, found, tail = source.rpartition(sep)
        if found and head and Path(head).exists():
            return f"{Path(head).resolve()}{sep}{tail}"
    return source


def content_hash(article: Article) -> str:
    """SHA-256 of the article's text and metadata: a changed sidecar changes the article too."""
    record = article_record(article)
    record.pop("source", None)  # the same file read from another folder is the same article
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()


def article_record(article: Article) -> dict:
    record = dataclasses.asdict(article)
    record["notes"] = list(article.notes)
    return record


def article_from(record_json: str) -> Article:
    record = json.loads(record_json)
    record["notes"] = tuple(record.get("notes", ()))
    return Article(**record)


def get_meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def check_compatible(db: sqlite3.Connection, folder: Path, model_id: str, s: Settings) -> None:
    """Raise ArchiveError when the index was built with another embedding model or settings."""
    stored = get_meta(db, "embedding_model")
    if stored is not None and stored != model_id:
        raise ArchiveError(
            f"index {folder} was built with embedding model {stored}; this run uses "
            f"{model_id} (another model or embed_precision); use the same settings or build "
            "a new index"
        )
    built = json.loads(get_meta(db, "settings") or "{}")
    for name in BUILD_SETTINGS:
        if name in built and built[name] != getattr(s, name):
            raise ArchiveError(
                f"index {folder} was built with {name} = {built[name]}; this run has "
                f"{getattr(s, name)}; use the same setting or build a new index"
            )


def build_settings(s: Settings) -> dict:
    return {name: getattr(s, name) for name in BUILD_SETTINGS}


def stored_keys(db: sqlite3.Connection) -> dict[str, tuple[int, str, str]]:
    """source key -> (row id, content hash, article id), for every stored article."""
    return {
        key: (rid, digest, aid)
        for rid, key, digest, aid in db.execute(
            "SELECT id, source_key, content_hash, article_id FROM articles"
        )
    }


def load_articles(db: sqlite3.Connection, rows: Iterable[int] | None = None) -> list[Article]:
    """Stored articles (all, or those of `rows`), in source-key order: the order a folder of
    them is read in, so a run on them pairs them as a direct run does."""
    if rows is None:
        found = db.execute("SELECT record FROM articles ORDER BY source_key").fetchall()
        return [article_from(r) for (r,) in found]
    wanted = sorted(set(rows))
    out: list[tuple[str, str]] = []
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out += db.execute(
            f"SELECT source_key, record FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    return [article_from(r) for _, r in sorted(out)]


def get_vectors(db: sqlite3.Connection, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
    """The stored float32 vectors among text hashes `keys`."""
    found: dict[str, np.ndarray] = {}
    for i in range(0, len(keys), 500):
        chunk = list(keys[i : i + 500])
        for key, blob in db.execute(
            "SELECT text_key, vector FROM vectors WHERE model=? AND text_key IN "
            f"({','.join('?' * len(chunk))})",
            [model, *chunk],
        ):
            found[key] = np.frombuffer(blob, dtype=np.float32)
    return found


def articles_of_passages(db: sqlite3.Connection, passage_ids: Iterable[int]) -> set[int]:
    wanted = sorted({int(p) for p in passage_ids})
    out: set[int] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out |= {
            a
            for (a,) in db.execute(
                f"SELECT DISTINCT article FROM passages WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        }
    return out
