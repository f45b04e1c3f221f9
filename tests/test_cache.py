from __future__ import annotations

import hashlib
import sqlite3

import numpy as np
import pytest

from overlap.cache import SCHEMA_VERSION, EmbeddingStore, text_key


def vec(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def test_text_key_is_sha256_of_utf8():
    assert text_key("Peña") == hashlib.sha256("Peña".encode()).hexdigest()
    assert text_key("a") != text_key("a ")
    assert len(text_key("")) == 64


def test_put_get_round_trip(tmp_path):
    path = tmp_path / "deep" / "er" / "cache.sqlite"  # parents are created
    items = {text_key("one"): vec(0.1, 0.2, 0.3), text_key("two"): vec(-1.0, 0.5, 2.0)}
    with EmbeddingStore(path) as store:
        store.put_many("model@1", items)
        got = store.get_many("model@1", [text_key("one"), text_key("two"), text_key("three")])
    assert set(got) == {text_key("one"), text_key("two")}
    for key, value in items.items():
        assert got[key].dtype == np.float32
        np.testing.assert_array_equal(got[key], value)


def test_rows_survive_reopening(tmp_path):
    path = tmp_path / "cache.sqlite"
    with EmbeddingStore(path) as store:
        store.put_many("m", {"k": vec(1.0, 2.0)})
    with EmbeddingStore(path) as store:
        np.testing.assert_array_equal(store.get_many("m", ["k"])["k"], vec(1.0, 2.0))


def test_float64_input_is_stored_as_float32(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("m", {"k": np.array([0.5, 0.25], dtype=np.float64)})
        got = store.get_many("m", ["k"])["k"]
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, vec(0.5, 0.25))


def test_put_replaces(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("m", {"k": vec(1.0)})
        store.put_many("m", {"k": vec(2.0, 3.0)})
        np.testing.assert_array_equal(store.get_many("m", ["k"])["k"], vec(2.0, 3.0))


def test_models_are_kept_apart(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("model-a@1", {"k": vec(1.0, 0.0)})
        store.put_many("model-b@1", {"k": vec(0.0, 1.0)})
        np.testing.assert_array_equal(store.get_many("model-a@1", ["k"])["k"], vec(1.0, 0.0))
        np.testing.assert_array_equal(store.get_many("model-b@1", ["k"])["k"], vec(0.0, 1.0))
        assert store.get_many("model-a@2", ["k"]) == {}


def test_many_keys_beyond_the_parameter_limit(tmp_path):
    items = {text_key(str(i)): vec(float(i), 1.0) for i in range(1234)}
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("m", items)
        got = store.get_many("m", [*items, "missing"])
    assert len(got) == 1234
    np.testing.assert_array_equal(got[text_key("1000")], vec(1000.0, 1.0))


def test_empty_calls(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("m", {})
        assert store.get_many("m", []) == {}


def test_damaged_row_is_ignored(tmp_path):
    path = tmp_path / "c.sqlite"
    with EmbeddingStore(path) as store:
        store.put_many("m", {"good": vec(1.0, 2.0)})
    db = sqlite3.connect(str(path))
    db.execute("INSERT INTO embeddings VALUES ('m', 'bad', 3, ?)", (vec(1.0, 2.0).tobytes(),))
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert set(store.get_many("m", ["good", "bad"])) == {"good"}


@pytest.mark.parametrize("old_version", [None, "0", str(SCHEMA_VERSION + 1)])
def test_schema_version_mismatch_drops_old_rows(tmp_path, old_version):
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    if old_version is not None:
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (old_version,))
    # an older layout, with a row that must not be read back
    db.execute("CREATE TABLE embeddings (model TEXT, key TEXT, vector BLOB)")
    db.execute("INSERT INTO embeddings VALUES ('m', 'k', ?)", (vec(1.0).tobytes(),))
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert store.get_many("m", ["k"]) == {}
        store.put_many("m", {"k": vec(4.0, 5.0)})  # the new layout works
        np.testing.assert_array_equal(store.get_many("m", ["k"])["k"], vec(4.0, 5.0))
    db = sqlite3.connect(str(path))
    version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    db.close()
    assert version == (str(SCHEMA_VERSION),)


def test_current_schema_keeps_rows(tmp_path):
    path = tmp_path / "c.sqlite"
    with EmbeddingStore(path) as store:
        store.put_many("m", {"k": vec(1.0)})
    with EmbeddingStore(path) as store:
        assert "k" in store.get_many("m", ["k"])


# --- faults: a broken cache never breaks a run (issue 10, D2) ---------------------------------


def filled(path, n: int = 300) -> dict[str, np.ndarray]:
    """A cache at `path` holding `n` unit vectors of 8 floats; returns them by key."""
    rng = np.random.default_rng(0)
    items = {}
    for i in range(n):
        v = rng.normal(size=8).astype(np.float32)
        items[text_key(str(i))] = v / np.linalg.norm(v)
    with EmbeddingStore(path) as store:
        store.put_many("m", items)
    return items


def assert_works(store: EmbeddingStore) -> None:
    store.put_many("m", {"k": vec(0.6, 0.8)})
    np.testing.assert_array_equal(store.get_many("m", ["k"])["k"], vec(0.6, 0.8))


def test_a_healthy_cache_has_no_notes(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        assert_works(store)
        assert store.notes == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"this is not a database\n" * 100), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:100]), id="truncated-header"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[: 4096 * 3]), id="truncated"),
        pytest.param(
            lambda p: p.write_bytes(p.read_bytes()[:4096] + b"\xff" * (p.stat().st_size - 4096)),
            id="pages-overwritten",
        ),
    ],
)
def test_a_damaged_file_is_moved_aside_and_a_new_cache_started(tmp_path, damage):
    path = tmp_path / "c.sqlite"
    filled(path)
    damage(path)
    damaged = path.read_bytes()
    with EmbeddingStore(path) as store:
        got = store.get_many("m", [text_key(str(i)) for i in range(300)])
        assert got == {}  # nothing from the damaged file is trusted
        assert_works(store)  # the new cache works at once
        notes = store.notes
    assert len(notes) == 1 and "moved it to c.sqlite.broken-1" in notes[0], notes
    assert (tmp_path / "c.sqlite.broken-1").read_bytes() == damaged  # kept for inspection
    # later runs are not troubled
    with EmbeddingStore(path) as store:
        np.testing.assert_array_equal(store.get_many("m", ["k"])["k"], vec(0.6, 0.8))
        assert store.notes == []


def test_moved_aside_names_do_not_overwrite_earlier_ones(tmp_path):
    path = tmp_path / "c.sqlite"
    (tmp_path / "c.sqlite.broken-1").write_bytes(b"an earlier one")
    path.write_bytes(b"x" * 5000)
    with EmbeddingStore(path) as store:
        assert "c.sqlite.broken-2" in store.notes[0]
    assert (tmp_path / "c.sqlite.broken-1").read_bytes() == b"an earlier one"


def test_a_foreign_database_is_kept_aside_not_dropped(tmp_path):
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    db.execute("INSERT INTO invoices VALUES (1, 9.5)")
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert_works(store)
        assert "not overlap's: invoices" in store.notes[0]
        assert "c.sqlite.broken-1" in store.notes[0]
    db = sqlite3.connect(str(tmp_path / "c.sqlite.broken-1"))
    assert db.execute("SELECT * FROM invoices").fetchall() == [(1, 9.5)]
    db.close()


def test_a_foreign_meta_table_is_kept_aside(tmp_path):
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE meta (name TEXT, created TEXT, owner TEXT)")
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert_works(store)
        assert "meta table has another layout" in store.notes[0]


def test_our_version_with_another_embeddings_layout_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite"
    db = sqlite3.connect(str(path))
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    db.execute("CREATE TABLE embeddings (model TEXT, key TEXT, vector BLOB)")
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert_works(store)
        assert store.notes == []


@pytest.mark.parametrize("poison", [np.nan, np.inf, -np.inf])
def test_non_finite_rows_are_not_returned_and_are_replaced(tmp_path, poison):
    path = tmp_path / "c.sqlite"
    with EmbeddingStore(path) as store:
        store.put_many("m", {"good": vec(0.6, 0.8)})
    db = sqlite3.connect(str(path))
    db.execute("INSERT INTO embeddings VALUES ('m', 'bad', 2, ?)", (vec(poison, 1.0).tobytes(),))
    db.commit()
    db.close()
    with EmbeddingStore(path) as store:
        assert set(store.get_many("m", ["good", "bad"])) == {"good"}
        assert "stored vectors were invalid" in store.notes[0]
        store.put_many("m", {"bad": vec(1.0, 0.0)})  # the recomputed vector replaces the row
        np.testing.assert_array_equal(store.get_many("m", ["bad"])["bad"], vec(1.0, 0.0))


def test_non_finite_vectors_are_never_stored(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many("m", {"nan": vec(np.nan, 1.0), "ok": vec(1.0, 0.0)})
        db = sqlite3.connect(str(tmp_path / "c.sqlite"))
        assert db.execute("SELECT key FROM embeddings").fetchall() == [("ok",)]
        db.close()


def test_rows_of_the_wrong_size_or_norm_are_refused_when_asked(tmp_path):
    with EmbeddingStore(tmp_path / "c.sqlite") as store:
        store.put_many(
            "m",
            {
                "unit": vec(0.6, 0.8),
                "long": vec(3.0, 4.0),
                "zero": vec(0.0, 0.0),
                "three": vec(1.0, 0.0, 0.0),
            },
        )
        assert set(store.get_many("m", ["unit", "long", "zero", "three"])) == {
            "unit",
            "long",
            "zero",
            "three",
        }
        assert set(store.get_many("m", ["unit", "long", "zero", "three"], dim=2, unit=True)) == {
            "unit",
            "zero",
        }


def test_a_folder_as_cache_path_means_no_cache(tmp_path):
    path = tmp_path / "cache.sqlite"
    path.mkdir()
    with EmbeddingStore(path) as store:
        store.put_many("m", {"k": vec(1.0)})
        assert store.get_many("m", ["k"]) == {}
        assert store.notes == [
            f"cache {path} is a folder, not a file; set cache_path to a file "
            "name; running without the cache"
        ]
    assert list(path.iterdir()) == []  # a folder is never moved or written into


def test_a_cache_path_under_a_file_means_no_cache(tmp_path):
    (tmp_path / "plain.txt").write_text("x")
    path = tmp_path / "plain.txt" / "cache.sqlite"
    with EmbeddingStore(path) as store:
        store.put_many("m", {"k": vec(1.0)})
        assert store.get_many("m", ["k"]) == {}
        assert len(store.notes) == 1 and "cannot create its folder" in store.notes[0]
    assert (tmp_path / "plain.txt").read_text() == "x"


def test_a_read_only_cache_is_read_but_not_written(tmp_path):
    path = tmp_path / "c.sqlite"
    filled(path, 3)
    # chmod does not stop root (the tests may run as root): SQLite's read-only mode does.
    store = EmbeddingStore(path)
    store._db.close()
    store._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert len(store.get_many("m", [text_key("0"), text_key("1")])) == 2
    store.put_many("m", {"new": vec(1.0)})
    assert "new vectors are not saved this run" in store.notes[0]
    store.put_many("m", {"new2": vec(1.0)})  # warned once
    assert len(store.notes) == 1
    assert len(store.get_many("m", [text_key("2")])) == 1  # reading goes on
    store.close()


class FullDisk:
    """A connection whose writes fail as SQLite's do on a full disk."""

    def __init__(self, db):
        self.db = db

    def execute(self, *args):
        return self.db.execute(*args)

    def executemany(self, *args):
        raise sqlite3.OperationalError("database or disk is full")

    def rollback(self):
        self.db.rollback()

    def close(self):
        self.db.close()


def test_a_full_disk_stops_saving_but_not_the_run(tmp_path):
    path = tmp_path / "c.sqlite"
    filled(path, 2)
    with EmbeddingStore(path) as store:
        store._db = FullDisk(store._db)
        store.put_many("m", {"k": vec(1.0)})
        store.put_many("m", {"k2": vec(1.0)})
        assert store.notes == [
            f"cache {path}: database or disk is full; new vectors are not saved this run"
        ]
        assert len(store.get_many("m", [text_key("0"), text_key("1")])) == 2


def test_a_cache_locked_by_another_writer_means_no_cache_after_a_short_wait(tmp_path):
    path = tmp_path / "c.sqlite"
    filled(path, 2)
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # held for as long as the other program likes
    try:
        with EmbeddingStore(path, timeout=0.1) as store:
            assert store.get_many("m", [text_key("0")]) == {}
            store.put_many("m", {"k": vec(1.0)})
            assert len(store.notes) == 1
            assert "is locked by another process (waited 0.1 s)" in store.notes[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    with EmbeddingStore(path) as store:  # the cache itself is fine afterwards
        assert len(store.get_many("m", [text_key("0")])) == 1
        assert store.notes == []


def test_a_lock_taken_while_writing_keeps_the_vectors_read(tmp_path):
    path = tmp_path / "c.sqlite"
    filled(path, 2)
    with EmbeddingStore(path, timeout=0.1) as store:
        other = sqlite3.connect(str(path), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another writer: readers may go on, writers wait
        try:
            store.put_many("m", {"k": vec(1.0)})
            assert "new vectors are not saved this run" in store.notes[0]
            assert len(store.get_many("m", [text_key("0"), text_key("1")])) == 2
        finally:
            other.execute("ROLLBACK")
            other.close()


# --- through a whole run: the notes reach the result, the findings do not change --------------

SHARED = (
    "The ministry said all requests for intelligence information must now be routed "
    "through the Interior Ministry in the capital before reaching local police."
)


def small_corpus(tmp_path, write) -> str:
    write(tmp_path, "c/one.txt", f"Farmers reported an early harvest this season.\n\n{SHARED}\n")
    write(tmp_path, "c/two.txt", f"A new bridge opened on Monday.\n\n{SHARED}\n")
    return str(tmp_path / "c")


class NeutralNLI:
    model_id = "fake-nli"

    def predict(self, pairs):
        return np.array([[0.2, 0.6, 0.2]] * len(pairs))


def run(corpus: str, cache, embedder):
    from overlap import Settings, compare

    return compare([corpus], Settings(cache_path=cache), embedder=embedder, nli=NeutralNLI())


def findings(result) -> list[tuple]:
    return [(f.kind.value, f.a.article, f.b.article, f.score) for f in result.findings]


def broken_file(path):
    path.write_bytes(b"not a database" * 500)


def nan_rows(path):
    db = sqlite3.connect(str(path))
    dim = db.execute("SELECT dim FROM embeddings LIMIT 1").fetchone()[0]
    db.execute("UPDATE embeddings SET vector=?", (np.full(dim, np.nan, np.float32).tobytes(),))
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (broken_file, "moved it to cache.sqlite.broken-1 and started a new cache"),
        (nan_rows, "stored vectors were invalid"),
        (lambda p: (p.unlink(), p.mkdir()), "is a folder"),
    ],
    ids=["corrupt", "nan", "folder"],
)
def test_a_run_on_a_faulty_cache_completes_notes_it_once_and_finds_the_same(
    tmp_path, write, fake_embedder, fault, expected
):
    corpus = small_corpus(tmp_path, write)
    clean = run(corpus, None, fake_embedder)
    assert clean.findings and clean.extra["notes"] == []
    cache = tmp_path / "cache.sqlite"
    run(corpus, cache, fake_embedder)  # warm it
    fault(cache)
    result = run(corpus, cache, fake_embedder)
    notes = [n for n in result.extra["notes"] if "cache" in n]
    assert len(notes) == 1 and expected in notes[0], result.extra["notes"]
    assert findings(result) == findings(clean)
    again = run(corpus, cache, fake_embedder)  # a later run is not troubled (or warned once more)
    assert findings(again) == findings(clean)
    if fault is not broken_file and fault is not nan_rows:
        assert len(again.extra["notes"]) == 1  # the folder is still there: said again, once
    else:
        assert again.extra["notes"] == []
