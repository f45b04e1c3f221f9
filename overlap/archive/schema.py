"""The index database: its tables, its schema version, and opening it with errors a user can act
on (no index there, a damaged file, another schema version)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import OverlapError

SCHEMA_VERSION = 1
DB_NAME = "index.sqlite"
# Seconds a statement waits for the writer's commit. In WAL mode readers never wait for a
# writer; this bounds the rare checkpoint or a second connection of the writer itself.
BUSY_TIMEOUT_S = 10.0

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,      -- overlap's Article.id, as a direct run names it
    source_key TEXT NOT NULL UNIQUE,      -- the resolved file (plus :line for many per file)
    content_hash TEXT NOT NULL,           -- SHA-256 of the text and metadata
    record TEXT NOT NULL                  -- the Article's fields as JSON
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,               -- also the key of the passage's row in the vector file
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                   -- 'sentence' or 'paragraph'
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text_key TEXT,                        -- SHA-256 of the text when it was embedded
    mean_key TEXT,                        -- a paragraph's mean sentence vector (passages.py)
    signature BLOB                        -- a sentence's shingle hashes (int64)
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article);
-- A rowid table: a 1.5 KB vector row stays on its page (a WITHOUT ROWID row this long would
-- spill to an overflow page of its own, 4 KiB for each vector).
CREATE TABLE IF NOT EXISTS vectors (
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL, text_key TEXT NOT NULL, vector BLOB NOT NULL,
    UNIQUE (model, text_key)
);
CREATE TABLE IF NOT EXISTS postings (
    hash INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_article ON postings(article);
"""
EXPECTED_TABLES = {"meta", "articles", "passages", "vectors", "postings"}


class ArchiveError(OverlapError):
    """The index cannot be used as asked: missing, damaged, another schema, another model, or
    busy with another writer. Exit code 2, like every input error."""


def db_path(folder: Path) -> Path:
    return folder / DB_NAME


def connect(folder: Path, create: bool = False) -> sqlite3.Connection:
    """The index database in `folder`, checked. With `create`, a missing folder or database is
    made (for `index add`); otherwise it must exist."""
    path = db_path(folder)
    if folder.exists() and not folder.is_dir():
        raise ArchiveError(f"index {folder} is a file, not a folder; give the index folder")
    if not path.is_file():
        if not create:
            raise ArchiveError(
                f"no index at {folder} (no {DB_NAME}); create one with: "
                f"overlap index add PATHS... --index {folder}"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArchiveError(
                f"cannot create index folder {folder}: {exc.strerror or exc}"
            ) from None
    try:
        db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        _prepare(db, folder, create)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(
            f"index {folder} is damaged ({exc}); move it aside and build it again with "
            "overlap index add"
        ) from None
    return db


def _prepare(db: sqlite3.Connection, folder: Path, create: bool) -> None:
    tables = {
        name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if not name.startswith("sqlite_")
    }
    if not tables and create:
        # WAL: readers keep reading their snapshot while one writer adds (issue 15).
        db.execute("PRAGMA journal_mode = WAL")
        db.executescript(
            f"BEGIN; {_TABLES} INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');"
            " COMMIT;"
        )
        return
    if "meta" not in tables:
        raise ArchiveError(
            f"{db_path(folder)} is a SQLite database but not an overlap index; give another "
            "--index folder"
        )
    row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    found = row[0] if row else "none"
    if found != str(SCHEMA_VERSION) or not EXPECTED_TABLES.issubset(tables):
        raise ArchiveError(
            f"index {folder} has schema version {found}, this overlap reads version "
            f"{SCHEMA_VERSION}; build a new index with overlap index add (the articles are "
            "read again)"
        )
