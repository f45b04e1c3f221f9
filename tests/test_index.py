"""The archive index (overlap/archive/): adding incrementally by content hash, removing,
stats, vacuum, and the errors a user can act on (no index, a damaged one, another schema
version, another model, another writer)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from overlap.archive import build
from overlap.archive.lock import writer_lock
from overlap.archive.schema import ArchiveError, connect
from overlap.archive.stats import index_stats
from overlap.config import Settings

SETTINGS = Settings(judge=False, cache_path=None)


@pytest.fixture
def sources(tmp_path: Path, seeds_dir: Path) -> Path:
    """A copy of the seed articles (with their metadata sidecar) that a test may change."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for p in seeds_dir.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    shutil.copy(seeds_dir / "metadata.json", folder / "metadata.json")
    return folder


def test_add_stores_articles_passages_vectors_once(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    first = build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    assert (first.added, first.changed, first.unchanged) == (5, 0, 0)
    assert first.embedded > 0 and fake_embedder.encoded == first.embedded
    stats = index_stats(idx)
    assert stats["articles"] == 5
    assert stats["sentences"] > 50 and stats["paragraphs"] > 20
    assert stats["vectors_in_file"] == stats["embedded_passages"] + stats["paragraph_means"] > 0
    assert stats["embedding_model"] == fake_embedder.model_id
    assert stats["shingle_postings"] > 0
    # Again: nothing read twice, nothing embedded twice.
    again = build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    assert (again.added, again.changed, again.unchanged, again.embedded) == (0, 0, 5, 0)
    assert fake_embedder.encoded == first.embedded


def test_changed_article_is_replaced_and_its_new_sentences_embedded(
    tmp_path, sources, fake_embedder
):
    idx = tmp_path / "idx"
    build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    before = index_stats(idx)
    target = sorted(sources.glob("*.txt"))[0]
    target.write_text(
        target.read_text(encoding="utf-8")
        + "\n\nA wholly new closing paragraph was added to this story by the editors today.\n",
        encoding="utf-8",
    )
    calls = len(fake_embedder.calls)
    report = build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    assert (report.added, report.changed, report.unchanged) == (0, 1, 4)
    new_texts = [t for call in fake_embedder.calls[calls:] for t in call]
    assert any("wholly new closing paragraph" in t for t in new_texts)
    after = index_stats(idx)
    assert after["articles"] == 5
    assert after["sentences"] == before["sentences"] + 1
    assert after["vectors_in_file"] == after["embedded_passages"] + after["paragraph_means"]


def test_remove_by_file_and_by_folder(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    one = sorted(sources.glob("*.txt"))[0]
    one.unlink()  # removing works for files that are gone
    assert build.remove(idx, [str(one)]) == 1
    stats = index_stats(idx)
    assert stats["articles"] == 4
    assert stats["vectors_in_file"] == stats["embedded_passages"] + stats["paragraph_means"]
    assert build.remove(idx, [str(sources)]) == 4
    assert index_stats(idx)["articles"] == 0
    assert build.remove(idx, [str(sources)]) == 0


def test_vacuum_drops_unused_vectors_and_keeps_the_rest(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    build.remove(idx, [str(sorted(sources.glob("*.txt"))[0])])
    before = index_stats(idx)
    sizes = build.vacuum(idx)
    after = index_stats(idx)
    assert after["distinct_vectors"] < before["distinct_vectors"]
    assert after["embedded_passages"] == before["embedded_passages"]
    assert after["vectors_in_file"] == before["vectors_in_file"]
    assert after["vectors_in_file"] == after["embedded_passages"] + after["paragraph_means"]
    assert sizes["bytes_after"] <= sizes["bytes_before"]
    assert len(list(idx.glob("vectors-*.usearch"))) <= 2


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(ArchiveError, match="no index at .*overlap index add"):
        index_stats(tmp_path / "nowhere")


def test_damaged_database_is_a_clear_error(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    db = idx / "index.sqlite"
    for extra in ("index.sqlite-wal", "index.sqlite-shm"):
        (idx / extra).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ArchiveError, match="damaged"):
        index_stats(idx)


def test_foreign_database_and_other_schema_version(tmp_path, sources, fake_embedder):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    sqlite3.connect(foreign / "index.sqlite").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ArchiveError, match="not an overlap index"):
        index_stats(foreign)
    idx = tmp_path / "idx"
    build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
    db = sqlite3.connect(idx / "index.sqlite")
    db.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(ArchiveError, match="schema version 999.*reads version 1"):
        index_stats(idx)
    with pytest.raises(ArchiveError, match="schema version 999"):
        build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)


def test_another_embedding_model_or_shingle_size_is_refused(tmp_path, sources, fake_embedder):
    import dataclasses

    idx = tmp_path / "idx"
    build.add(idx, [str(sorted(sources.glob("*.txt"))[0])], SETTINGS, embedder=fake_embedder)

    class Other(type(fake_embedder)):  # type: ignore[misc]
        model_id = "fake-bow@2"

    with pytest.raises(ArchiveError, match="built with embedding model fake-bow@1"):
        build.add(idx, [str(sources)], SETTINGS, embedder=Other())
    with pytest.raises(ArchiveError, match="shingle_size = 3"):
        build.add(
            idx,
            [str(sources)],
            dataclasses.replace(SETTINGS, shingle_size=4),
            embedder=fake_embedder,
        )


def test_second_writer_is_refused_while_readers_read(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    build.add(idx, [str(sorted(sources.glob("*.txt"))[0])], SETTINGS, embedder=fake_embedder)
    with writer_lock(idx):  # another process's add, as far as this one can tell
        with pytest.raises(ArchiveError, match="being written by another overlap process"):
            build.add(idx, [str(sources)], SETTINGS, embedder=fake_embedder)
        assert index_stats(idx)["articles"] == 1  # reading goes on meanwhile


def test_reader_snapshot_holds_while_a_writer_commits(tmp_path, sources, fake_embedder):
    idx = tmp_path / "idx"
    files = sorted(sources.glob("*.txt"))
    build.add(idx, [str(files[0])], SETTINGS, embedder=fake_embedder)
    reader = connect(idx)
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    build.add(idx, [str(f) for f in files[1:]], SETTINGS, embedder=fake_embedder)
    assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    reader.execute("COMMIT")
    assert reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    reader.close()


def _tables(idx: Path) -> dict[str, list[tuple]]:
    db = sqlite3.connect(idx / "index.sqlite")
    try:
        return {
            "articles": db.execute("SELECT * FROM articles ORDER BY id").fetchall(),
            "passages": db.execute("SELECT * FROM passages ORDER BY id").fetchall(),
            "vectors": db.execute(
                "SELECT model, text_key, vector FROM vectors ORDER BY text_key"
            ).fetchall(),
            "postings": db.execute("SELECT * FROM postings ORDER BY hash, article").fetchall(),
        }
    finally:
        db.close()


def test_an_add_in_several_batches_stores_what_one_batch_stores(
    tmp_path, sources, fake_embedder, monkeypatch
):
    # The same sentence in two articles that land in different batches: embedded once.
    shared = "The council confirmed the harbour wall repairs will cost 4.2 million pounds.\n"
    files = sorted(sources.glob("*.txt"))
    for f in (files[0], files[-1]):
        f.write_text(f.read_text(encoding="utf-8") + "\n\n" + shared, encoding="utf-8")
    whole = build.add(tmp_path / "one", [str(sources)], SETTINGS, embedder=fake_embedder)
    monkeypatch.setattr(build, "BATCH_ARTICLES", 2)
    batched_embedder = type(fake_embedder)()
    batched = build.add(tmp_path / "three", [str(sources)], SETTINGS, embedder=batched_embedder)
    assert len(batched_embedder.calls) >= 3  # one encode call per batch at least
    assert _tables(tmp_path / "one") == _tables(tmp_path / "three")
    assert (batched.added, batched.passages) == (whole.added, whole.passages) == (5, whole.passages)
    texts = [t for call in batched_embedder.calls for t in call]
    assert texts.count(shared.strip()) == 1 and len(texts) == len(set(texts))
    assert batched.embedded == whole.embedded
    stats = index_stats(tmp_path / "three")
    assert stats["vectors_in_file"] == stats["embedded_passages"] + stats["paragraph_means"]


def test_the_same_vectors_make_the_same_vector_file(tmp_path):
    """The HNSW graph is built on one thread (archive/vectors.add_keys): on several threads
    usearch links vectors in the order the threads reach them, and two builds of the same
    3,000 vectors saved three different files here; above vectors.EXACT_MAX the graph answers
    a search, so the file must not change from one build to the next."""
    import numpy as np

    from overlap.archive.vectors import add_keys, open_generation, write_generation

    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(3000, 64)).astype(np.float32)
    keys = np.arange(1, 3001, dtype=np.int64)
    files = []
    for n in range(3):
        folder = tmp_path / str(n)
        folder.mkdir()
        index = open_generation(folder, None, 64)
        add_keys(index, keys, vectors)
        files.append((folder / write_generation(folder, 1, index)).read_bytes())
    assert len(files[0]) > 3000 * 64  # f16 vectors and the graph
    assert files[1] == files[0] and files[2] == files[0]


def test_paragraphs_are_embedded_only_where_the_paraphrase_stage_encodes_them_all():
    """By default (shortlist) a paragraph's own vector is encoded only when its mean sentence
    vector shortlists it, at check time: the index stores its sentences' vectors and the mean,
    not the paragraph's. With paragraph_vectors = encode every paragraph is encoded, and stored."""
    from overlap.archive.passages import article_passages
    from overlap.segment import segment
    from overlap.types import Article

    text = (
        "The central bank raised its main interest rate by half a point on Thursday.\n\n"
        "Officials said inflation had stayed above target for a year. They expect prices "
        "to ease by the spring, the bank said in a statement.\n\n"
        "Markets had priced in a smaller rise."
    )
    seg = segment(Article(id="rates", text=text, source="rates.txt", format="txt"))
    default = article_passages(seg, SETTINGS)
    encode = article_passages(
        seg, Settings(judge=False, cache_path=None, paragraph_vectors="encode")
    )
    two_sentences = "Officials said inflation had stayed above target for a year. They expect"
    for passages, stored in ((default, False), (encode, True)):
        paragraph = next(p for p in passages if p.kind == "paragraph" and p.idx == 1)
        assert paragraph.text.startswith(two_sentences) and paragraph.embedded is stored
        # Sentences are embedded either way; a one-sentence paragraph shares its sentence's.
        assert all(p.embedded for p in passages if p.kind == "sentence")
        assert not any(p.embedded for p in passages if p.kind == "paragraph" and p.idx != 1)
