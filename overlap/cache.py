"""Content-addressed SQLite cache for embeddings and NLI scores: a re-run only embeds (and
scores) text it has not seen.

Rows are keyed by (model id, SHA-256 of the text); an NLI score row is the model's three
probabilities, keyed by the NLI model's id and the hash of the text pair (nli_pairs.pair_scores).
The model id includes the weights' checksum, so new weights never reuse old vectors. A schema
version guards the table layout.

A cache is a convenience, never a reason for a run to fail. Whatever is wrong with it, the store
says so once in `notes` (the pipeline copies them into the run's notes) and carries on:

- a file that is not a SQLite database, is damaged, or holds someone else's tables is moved
  aside to `<name>.broken-<n>` and a new cache is started (a foreign file is kept, not dropped:
  the user may have pointed `cache_path` at a database of their own);
- a path that cannot be opened (a folder, under a file, unreadable) or a cache locked by another
  process for longer than `timeout` means no cache for this run;
- a full disk or a read-only file means the cache is still read but nothing new is saved;
- a row that does not hold a finite vector of the size it claims (or the size the caller
  expects) is not returned, so the caller recomputes it and the good vector replaces it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

SCHEMA_VERSION = 1
TABLES = {"meta": ["key", "value"], "embeddings": ["model", "key", "dim", "vector"]}
# Seconds to wait for another process's lock. Writers hold it for one commit (milliseconds); a
# lock held longer than this belongs to something stuck, and waiting longer only stalls the run.
LOCK_TIMEOUT_S = 5.0
# A unit vector read back with a norm further than this from 1 was damaged (float32 rounding of
# a 384-dim normalised vector stays within 1e-6).
UNIT_NORM_TOLERANCE = 1e-3


def open_cache(path: Path | None) -> EmbeddingStore | None:
    """The cache at `path` (Settings.cache_path), or None when caching is off."""
    return EmbeddingStore(path) if path else None


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Foreign(Exception):
    """The file is a SQLite database, but not one of ours."""


class EmbeddingStore:
    """A small SQLite table of float32 vectors. Use as a context manager or call close().

    Never raises for a fault of the cache file: see the module docstring. `notes` lists what went
    wrong, one line per fault, for the run's notes.
    """

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_S):
        self.path = path
        self.timeout = timeout
        self.notes: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._writable = True
        self._moved_aside = False
        self._invalid_noted = False
        self._open()

    # --- opening -----------------------------------------------------------------------------

    def _open(self) -> None:
        if self.path.is_dir():
            self._give_up("is a folder, not a file; set cache_path to a file name")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._give_up(f"cannot create its folder ({exc.strerror or exc})")
            return
        try:
            self._db = sqlite3.connect(str(self.path), timeout=self.timeout)
            self._prepare(self._db)
        except _Foreign as exc:
            self._move_aside(str(exc))
        except sqlite3.Error as exc:
            self._fault(exc)

    def _prepare(self, db: sqlite3.Connection) -> None:
        tables = {
            name: [c[1] for c in db.execute(f"PRAGMA table_info({name!r})")]
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not name.startswith("sqlite_")  # SQLite's own bookkeeping
        }
        foreign = sorted(set(tables) - set(TABLES))
        if foreign:
            raise _Foreign(f"it holds tables that are not overlap's: {', '.join(foreign)}")
        if "meta" in tables and tables["meta"] != TABLES["meta"]:
            raise _Foreign("its meta table has another layout")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        layout = tables.get("embeddings", TABLES["embeddings"])
        if row is None or str(row[0]) != str(SCHEMA_VERSION) or layout != TABLES["embeddings"]:
            # An older layout is dropped rather than migrated: a cache is cheap to rebuild.
            db.execute("DROP TABLE IF EXISTS embeddings")
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        db.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT, key TEXT, dim INTEGER,"
            " vector BLOB, PRIMARY KEY (model, key))"
        )
        db.commit()

    # --- faults ------------------------------------------------------------------------------

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def _close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def _give_up(self, why: str) -> None:
        self._close_db()
        self._note(f"cache {self.path} {why}; running without the cache")

    def _fault(self, exc: sqlite3.Error, writing: bool = False) -> None:
        """Decide what an SQLite error means for the rest of the run."""
        kind = _error_kind(exc)
        if kind == "broken":
            self._move_aside(str(exc))
        elif writing and kind in ("full", "readonly", "locked"):
            # Reading still works: keep the vectors we have, stop saving new ones.
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.rollback()
            self._writable = False
            self._note(f"cache {self.path}: {exc}; new vectors are not saved this run")
        elif kind == "locked":
            self._give_up(f"is locked by another process (waited {self.timeout:g} s)")
        else:
            self._give_up(f"cannot be used ({exc})")

    def _move_aside(self, why: str) -> None:
        """Rename the damaged file (and its journal) to `<name>.broken-<n>`, start a new cache."""
        self._close_db()
        if self._moved_aside:  # the new file is broken too: something else is wrong
            self._give_up(f"is unusable again after a fresh start ({why})")
            return
        self._moved_aside = True
        n = 1
        while self.path.with_name(f"{self.path.name}.broken-{n}").exists():
            n += 1
        aside = self.path.with_name(f"{self.path.name}.broken-{n}")
        try:
            self.path.rename(aside)
            for suffix in ("-journal", "-wal", "-shm"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    extra.rename(aside.with_name(aside.name + suffix))
        except OSError as exc:
            self._give_up(f"is damaged ({why}) and cannot be moved aside ({exc.strerror or exc})")
            return
        self._note(
            f"cache {self.path} was unusable ({why}); moved it to {aside.name} and "
            "started a new cache"
        )
        self._open()

    # --- reading and writing -----------------------------------------------------------------

    def get_many(
        self, model: str, keys: Sequence[str], dim: int | None = None, unit: bool = False
    ) -> dict[str, np.ndarray]:
        """The stored vectors among `keys`. Only valid rows come back: a finite float32 vector of
        the size recorded with it (and of `dim`, if given; of norm 1 or 0, if `unit`)."""
        if self._db is None:
            return {}
        found: dict[str, np.ndarray] = {}
        invalid = 0
        try:
            for i in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
                chunk = list(keys[i : i + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, dim, vector FROM embeddings WHERE model=? AND key IN ({marks})",
                    [model, *chunk],
                ).fetchall()
                for key, size, blob in rows:
                    vec = _valid_vector(size, blob, dim, unit)
                    if vec is None:
                        invalid += 1
                    else:
                        found[key] = vec
        except sqlite3.Error as exc:
            self._fault(exc)
            return {}
        if invalid and not self._invalid_noted:
            self._invalid_noted = True
            # No count in the text: the run opens the file for vectors and for NLI scores, and
            # the pipeline keeps one copy of each distinct note (the fault is noted once).
            self._note(
                f"cache {self.path}: stored vectors were invalid (wrong size or not finite); "
                "they were recomputed"
            )
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        if self._db is None or not self._writable:
            return
        rows = []
        for k, v in items.items():
            vec = np.asarray(v, dtype=np.float32).reshape(-1)
            if vec.size and np.isfinite(vec).all():  # never store what get_many would refuse
                rows.append((model, k, int(vec.shape[0]), vec.tobytes()))
        if not rows:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)
            self._db.commit()
        except sqlite3.Error as exc:
            self._fault(exc, writing=True)

    def close(self) -> None:
        self._close_db()

    def __enter__(self) -> EmbeddingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _valid_vector(size: object, blob: object, dim: int | None, unit: bool) -> np.ndarray | None:
    if not isinstance(size, int) or size <= 0 or (dim is not None and size != dim):
        return None
    if not isinstance(blob, bytes) or len(blob) != 4 * size:
        return None
    vec = np.frombuffer(blob, dtype=np.float32)
    if not np.isfinite(vec).all():
        return None
    if unit:
        norm = float(np.linalg.norm(vec))
        if norm != 0.0 and abs(norm - 1.0) > UNIT_NORM_TOLERANCE:
            return None
    return vec


def _error_kind(exc: sqlite3.Error) -> str:
    """broken | locked | full | readonly | other, from SQLite's error name where Python gives it
    (3.11+), else from the message (as a test's stand-in error carries only that)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "malformed" in text or "not a database" in text
    ):
        return "broken"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "locked"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "full"
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return "readonly"
    return "other"
