from __future__ import annotations

import hashlib
import sqlite3

import numpy as np
import pytest

from overlap.store import SCHEMA_VERSION, EmbeddingStore, text_key


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
