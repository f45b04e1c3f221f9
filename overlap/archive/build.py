"""Writing the index: `add` (only new or changed articles, by content hash), `remove` and
`vacuum`. Each holds the writer lock for its whole run and changes the database in one
transaction, committed after the new vector file is in place: a writer killed at any point
leaves the last committed state, vector file included (see vectors.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import models as model_loading
from ..cache import open_cache, text_key
from ..config import Settings
from ..embed import Embedder, embed_texts
from ..errors import InputError
from ..ingest import read_articles
from ..progress import NoProgress, Progress
from ..segment import segment
from ..tabular import Columns
from ..types import Article, Skipped
from . import vectors as vector_file
from .lock import writer_lock
from .passages import MEAN_BIT, StoredPassage, article_passages, mean_key, paragraph_means
from .schema import connect
from .signatures import to_blob
from .store import (
    article_record,
    build_settings,
    check_compatible,
    content_hash,
    get_meta,
    set_meta,
    source_key,
    stored_keys,
)


@dataclass(frozen=True)
class AddReport:
    added: int
    changed: int
    unchanged: int
    passages: int
    embedded: int  # texts run through the encoder
    from_cache: int  # texts whose vectors came from the embedding cache or the index
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)


def add(
    folder: Path,
    inputs: Sequence[str],
    s: Settings,
    embedder: Embedder | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """Read, segment and embed the articles at `inputs` that the index lacks (or holds in
    another version), and store them."""
    with writer_lock(folder):
        db = connect(folder, create=True)
        try:
            return _add(db, folder, inputs, s, embedder, overrides, progress or NoProgress())
        finally:
            db.close()


def _add(
    db: sqlite3.Connection,
    folder: Path,
    inputs: Sequence[str],
    s: Settings,
    embedder: Embedder | None,
    overrides: dict[str, str] | None,
    progress: Progress,
) -> AddReport:
    articles, skipped = read_articles(
        inputs, s.encoding, overrides, s.recursive, s.encoding_force, Columns.from_settings(s)
    )
    if not articles:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(f"no readable articles to add{first}")
    embedder = embedder or model_loading.load_embedder(s)  # looked up late: tests replace it
    check_compatible(db, folder, embedder.model_id, s)
    stored = stored_keys(db)
    todo: list[tuple[str, str, Article]] = []
    replaced: list[int] = []
    unchanged = 0
    for a in articles:
        key, digest = source_key(a.source), content_hash(a)
        old = stored.get(key)
        if old is not None and old[1] == digest:
            unchanged += 1
            continue
        if old is not None:
            replaced.append(old[0])
        todo.append((key, digest, a))
    if not todo:
        return AddReport(0, 0, unchanged, 0, 0, 0, tuple(skipped))
    kept_ids = {aid for rid, _, aid in stored.values() if rid not in set(replaced)}
    todo = [(k, d, _unique_id(a, kept_ids)) for k, d, a in todo]
    with progress.status(f"segmenting {len(todo):,} articles"):
        per_article = [article_passages(segment(a), s) for _, _, a in todo]
    texts = [p.text for ps in per_article for p in ps if p.embedded]
    with open_cache(s.cache_path) or _NoStore() as store:
        progress.start("embedding passages", len(set(texts)))
        try:
            matrix, fresh, cached = embed_texts(embedder, texts, store, progress.advance)
        finally:
            progress.finish()
    with progress.status("writing the index"):
        _write(db, folder, todo, per_article, replaced, texts, matrix, embedder.model_id, s)
    return AddReport(
        len(todo) - len(replaced),
        len(replaced),
        unchanged,
        sum(len(ps) for ps in per_article),
        fresh,
        cached,
        tuple(skipped),
    )


class _NoStore:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _unique_id(a: Article, taken: set[str]) -> Article:
    """`a` with an id no other stored article has (`id~2`, `id~3`, ... as ingest numbers them)."""
    ident, n = a.id, 1
    while ident in taken:
        n += 1
        ident = f"{a.id}~{n}"
    taken.add(ident)
    return a if ident == a.id else Article(**{**a.__dict__, "id": ident})


def _write(
    db: sqlite3.Connection,
    folder: Path,
    todo: list[tuple[str, str, Article]],
    per_article: list[list[StoredPassage]],
    replaced: list[int],
    texts: list[str],
    matrix: np.ndarray,
    model_id: str,
    s: Settings,
) -> None:
    """The vector file's next generation, then every row in one transaction."""
    vectors = dict(zip((text_key(t) for t in texts), matrix, strict=True))
    next_article = _next_id(db, "articles")
    next_passage = _next_id(db, "passages")
    article_rows: list[tuple] = []
    passage_rows: list[tuple] = []
    postings: list[tuple[int, int]] = []
    add_keys: list[int] = []
    add_rows: list[np.ndarray] = []
    for n, ((key, digest, a), passages) in enumerate(zip(todo, per_article, strict=True)):
        rid = next_article + n
        article_rows.append((rid, a.id, key, digest, json.dumps(article_record(a))))
        hashes: set[int] = set()
        means = paragraph_means(passages, vectors, s)
        for at, p in enumerate(passages):
            pid = next_passage + len(passage_rows)
            tkey = text_key(p.text) if p.embedded else None
            mkey = mean_key(p) if at in means else None
            if mkey is not None:
                vectors[mkey] = means[at]
                add_keys.append(pid | MEAN_BIT)
                add_rows.append(means[at])
            sig = p.signature
            passage_rows.append(
                (
                    pid,
                    rid,
                    p.kind,
                    p.idx,
                    p.start,
                    p.end,
                    tkey,
                    mkey,
                    to_blob(sig) if sig is not None else None,
                )
            )
            if sig is not None:
                hashes.update(int(h) for h in sig)
            if tkey is not None:
                add_keys.append(pid)
                add_rows.append(vectors[tkey])
        postings += [(h, rid) for h in hashes]
    removed = _embedded_passages(db, replaced)
    generation = int(get_meta(db, "generation") or "0") + 1
    previous = get_meta(db, "vector_file")
    dim = matrix.shape[1] if len(matrix) else 0
    name = vector_file.write_generation(
        folder,
        generation,
        previous,
        dim or int(get_meta(db, "dim") or "0") or 1,
        np.array(add_keys, dtype=np.int64),
        np.stack(add_rows) if add_rows else np.zeros((0, dim or 1), np.float32),
        np.array(removed, dtype=np.int64),
    )
    with _transaction(db):
        _delete_articles(db, replaced)
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?)", article_rows)
        db.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", passage_rows)
        db.executemany(
            "INSERT OR IGNORE INTO vectors (model, text_key, vector) VALUES (?, ?, ?)",
            [(model_id, k, np.asarray(v, np.float32).tobytes()) for k, v in vectors.items()],
        )
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", postings)
        _set_state(db, generation, name, model_id, dim, s)
    vector_file.remove_stale(folder, {name, previous or name})


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction with the write lock taken at its start (BEGIN IMMEDIATE),
    committed whole or rolled back whole, on any exception, KeyboardInterrupt included."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _set_state(
    db: sqlite3.Connection, generation: int, name: str, model_id: str, dim: int, s: Settings
) -> None:
    set_meta(db, "generation", str(generation))
    set_meta(db, "vector_file", name)
    set_meta(db, "embedding_model", model_id)
    if dim:
        set_meta(db, "dim", str(dim))
    set_meta(db, "settings", json.dumps(build_settings(s), sort_keys=True))
    from .. import __version__

    set_meta(db, "overlap_version", __version__)


def _next_id(db: sqlite3.Connection, table: str) -> int:
    return int(db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])


def _embedded_passages(db: sqlite3.Connection, articles: Sequence[int]) -> list[int]:
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


def _delete_articles(db: sqlite3.Connection, articles: Sequence[int]) -> None:
    # ON DELETE CASCADE removes their passages and postings.
    db.executemany("DELETE FROM articles WHERE id=?", [(a,) for a in articles])


def remove(folder: Path, targets: Sequence[str]) -> int:
    """Remove the stored articles read from `targets` (files, folders: everything under them,
    or article ids), whether or not the files still exist. Returns how many were removed."""
    with writer_lock(folder):
        db = connect(folder)
        try:
            rows = _matching(db, targets)
            if not rows:
                return 0
            removed = _embedded_passages(db, rows)
            generation = int(get_meta(db, "generation") or "0") + 1
            previous = get_meta(db, "vector_file")
            dim = int(get_meta(db, "dim") or "1")
            empty = np.zeros(0, dtype=np.int64)
            name = vector_file.write_generation(
                folder,
                generation,
                previous,
                dim,
                empty,
                np.zeros((0, dim), np.float32),
                np.array(removed, dtype=np.int64),
            )
            with _transaction(db):
                _delete_articles(db, rows)
                set_meta(db, "generation", str(generation))
                set_meta(db, "vector_file", name)
            vector_file.remove_stale(folder, {name, previous or name})
            return len(rows)
        finally:
            db.close()


def _matching(db: sqlite3.Connection, targets: Sequence[str]) -> list[int]:
    rows: list[int] = []
    for target in targets:
        key = source_key(target)
        found = db.execute(
            "SELECT id FROM articles WHERE article_id=? OR source_key=? OR source_key LIKE ? "
            "ESCAPE '\\' OR source_key LIKE ? ESCAPE '\\' OR source_key LIKE ? ESCAPE '\\'",
            (target, key, _like(key, "/"), _like(key, ":"), _like(key, "!")),
        ).fetchall()
        rows += [r for (r,) in found]
    return sorted(set(rows))


def _like(prefix: str, sep: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped.rstrip('/')}{sep}%"


def vacuum(folder: Path) -> dict[str, int]:
    """Drop vectors no passage uses, rebuild the vector file from the database (compact, every
    key), delete stale files and compact the database. Returns the bytes before and after."""
    with writer_lock(folder):
        db = connect(folder)
        try:
            before = _size(folder)
            model = get_meta(db, "embedding_model")
            rows = db.execute(
                "SELECT p.id, v.vector FROM passages p JOIN vectors v "
                "ON v.text_key = p.text_key AND v.model = ? UNION ALL "
                "SELECT p.id | ?, v.vector FROM passages p JOIN vectors v "
                "ON v.text_key = p.mean_key AND v.model = ? ORDER BY 1",
                (model, MEAN_BIT, model),
            ).fetchall()
            dim = int(get_meta(db, "dim") or "1")
            keys = np.array([r for r, _ in rows], dtype=np.int64)
            matrix = (
                np.stack([np.frombuffer(b, dtype=np.float32) for _, b in rows])
                if rows
                else np.zeros((0, dim), np.float32)
            )
            generation = int(get_meta(db, "generation") or "0") + 1
            previous = get_meta(db, "vector_file")
            name = vector_file.write_generation(
                folder, generation, None, dim, keys, matrix, np.zeros(0, np.int64)
            )
            with _transaction(db):
                db.execute(
                    "DELETE FROM vectors WHERE text_key NOT IN "
                    "(SELECT text_key FROM passages WHERE text_key IS NOT NULL) AND text_key "
                    "NOT IN (SELECT mean_key FROM passages WHERE mean_key IS NOT NULL)"
                )
                set_meta(db, "generation", str(generation))
                set_meta(db, "vector_file", name)
            # The previous file stays for a reader that read its name just before the commit.
            vector_file.remove_stale(folder, {name, previous or name})
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return {"bytes_before": before, "bytes_after": _size(folder)}
        finally:
            db.close()


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
