"""Writing the index: `add` (only new or changed articles, by content hash), `remove` and
`vacuum`. Each holds the writer lock for its whole run and changes the database in one
transaction, committed after the new vector file is in place: a writer killed at any point
leaves the last committed state, vector file included (see vectors.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import models as model_loading
from ..cache import EmbeddingStore, open_cache, text_key
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
from .passages import MEAN_BIT, StoredPassage, article_passages
from .schema import connect
from .store import check_compatible, content_hash, get_meta, set_meta, source_key, stored_keys
from .writer import BatchWriter, embedded_passages


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


# Articles segmented, embedded and written together: enough passages that the encoder's
# same-length batches fill up (about 11,700 texts per 1,000 real news articles), few enough that
# one batch's passages and vectors stay small beside the model (tens of MiB) at any archive size.
BATCH_ARTICLES = 1000

# Texts per encoder call. The encoder batches only texts of one token length (embed.py:
# same_length_batches, so padding never changes a vector), and a call's texts are all it can
# batch together: embed_texts' 256 left 1,407 batches of 9.7 texts on average for the 13,657
# texts of 1,000 real news articles, and a batch call costs as much as encoding 2-3 short texts
# (measured: 12.7 ms per 20-token text alone, 3.8 in 64s). 4,096 makes 456 batches of 29.9 (55
# in one call of all 13,657); the Ray engine cuts the same chunks (engines/ray_index.py).
ENCODE_CHUNK = 4096


@dataclass(frozen=True)
class AddStages:
    """How an add segments and embeds each batch of articles: in this process (`add`) or on a
    Ray cluster (engines/ray_index.py). Everything else an add does is `add_articles`'s."""

    passages: Callable[[list[Article]], list[list[StoredPassage]]]
    # text hash -> text in, text hash -> unit vector out: the texts neither stored nor cached
    embed: Callable[[dict[str, str]], dict[str, np.ndarray]]
    batch_articles: int
    label: str  # the progress line


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
    require_articles(articles, skipped)  # before the model loads: a bad path is said at once
    encoder = embedder or model_loading.load_embedder(s)  # looked up late: tests replace it

    def embed(missing: dict[str, str]) -> dict[str, np.ndarray]:
        # embed_texts' order (each distinct text once, longest first) in ENCODE_CHUNK chunks;
        # the cache was read before (add_articles), so none is passed.
        matrix, _, _ = embed_texts(encoder, list(missing.values()), None, chunk=ENCODE_CHUNK)
        return dict(zip(missing, matrix, strict=True))

    stages = AddStages(
        lambda batch: [article_passages(segment(a), s) for a in batch],
        embed,
        BATCH_ARTICLES,
        "indexing articles",
    )
    return add_articles(db, folder, articles, skipped, s, encoder, stages, progress)


def add_articles(
    db: sqlite3.Connection,
    folder: Path,
    articles: list[Article],
    skipped: Sequence[Skipped],
    s: Settings,
    embedder: Embedder,
    stages: AddStages,
    progress: Progress,
) -> AddReport:
    """Store the `articles` the index lacks or holds in another version, batch by batch, in one
    transaction committed at the end (rolled back whole on any error). The caller holds the
    writer lock."""
    require_articles(articles, skipped)
    check_compatible(db, folder, embedder.model_id, s)
    todo, replaced, unchanged = _changed(db, articles)
    # The caller's list emptied, not just this name dropped: the batches below hold what is left.
    articles.clear()
    if not todo:
        return AddReport(0, 0, unchanged, 0, 0, 0, tuple(skipped))
    writer = BatchWriter(db, folder, replaced, getattr(embedder, "dim", 0))
    passages = fresh = known = 0
    try:
        with open_cache(s.cache_path) or _NoStore() as store:
            progress.start(stages.label, len(todo))
            try:
                for at in range(0, len(todo), stages.batch_articles):
                    batch = todo[at : at + stages.batch_articles]
                    per_article = stages.passages([a for _, _, a in batch])
                    texts = [p.text for ps in per_article for p in ps if p.embedded]
                    vectors, n_fresh, n_known = _vectors(writer, embedder, texts, store, stages)
                    writer.write(batch, per_article, vectors, embedder.model_id, s)
                    passages += sum(len(ps) for ps in per_article)
                    fresh, known = fresh + n_fresh, known + n_known
                    progress.advance(len(batch))
            finally:
                progress.finish()
        with progress.status("writing the index"):
            writer.commit(embedder.model_id, s)
    except BaseException:
        writer.rollback()
        raise
    added = len(todo) - len(replaced)
    return AddReport(added, len(replaced), unchanged, passages, fresh, known, tuple(skipped))


def require_articles(articles: Sequence[Article], skipped: Sequence[Skipped]) -> None:
    """An InputError (exit 2) naming the first skipped input when nothing could be read."""
    if not articles:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(f"no readable articles to add{first}")


def _changed(
    db: sqlite3.Connection, articles: Sequence[Article]
) -> tuple[list[tuple[str, str, Article]], list[int], int]:
    """(source key, content hash, article) of those the index lacks or holds in another
    version (their ids kept apart from every other stored one's), the row ids they replace, and
    how many are unchanged."""
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
    gone = set(replaced)
    kept_ids = {aid for rid, _, aid in stored.values() if rid not in gone}
    return [(k, d, _unique_id(a, kept_ids)) for k, d, a in todo], replaced, unchanged


def _vectors(
    writer: BatchWriter,
    embedder: Embedder,
    texts: Sequence[str],
    store: EmbeddingStore | None,
    stages: AddStages,
) -> tuple[dict[str, np.ndarray], int, int]:
    """Text hash -> vector for `texts`: from the index itself where it holds the text already
    (an earlier add, an earlier batch, the unchanged sentences of a changed article), else from
    the embedding cache, else `stages.embed` (its vectors written to the cache). In the order of
    `texts`, which is the order the vector keys get their ids in. Returns (vectors, newly
    embedded, found stored or cached)."""
    unique = {text_key(t): t for t in texts}
    found = writer.stored_vectors(embedder.model_id, list(unique))
    todo = [k for k in unique if k not in found]
    dim = getattr(embedder, "dim", None)
    cached = store.get_many(embedder.model_id, todo, dim, unit=True) if store else {}
    fresh = stages.embed({k: unique[k] for k in todo if k not in cached})
    if store and fresh:
        store.put_many(embedder.model_id, fresh)
    for k in todo:
        found[k] = cached[k] if k in cached else fresh[k]
    return found, len(fresh), len(unique) - len(fresh)


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
            removed = embedded_passages(db, rows)
            generation = int(get_meta(db, "generation") or "0") + 1
            previous = get_meta(db, "vector_file")
            dim = int(get_meta(db, "dim") or "1")
            empty = np.zeros(0, dtype=np.int64)
            name = vector_file.next_generation(
                folder,
                generation,
                previous,
                dim,
                (empty, np.zeros((0, dim), np.float32)),
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
            name = vector_file.next_generation(
                folder, generation, None, dim, (keys, matrix), np.zeros(0, np.int64)
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
