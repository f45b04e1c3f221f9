from __future__ import annotations

import numpy as np
import pytest

from overlap.cache import EmbeddingStore, text_key
from overlap.embed import embed_texts

TEXTS = [
    "Officials met on Thursday to discuss border security.",
    "The council approved the new budget.",
    "Officials met on Thursday to discuss border security.",  # a repeat
    "Heavy rain flooded several streets.",
]


def test_fake_embedder_shape_norm_and_determinism(fake_embedder):
    vectors = fake_embedder.encode(TEXTS)
    assert vectors.shape == (4, 64) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(vectors, type(fake_embedder)().encode(TEXTS))
    assert fake_embedder.model_id == "fake-bow@1"
    # folded words: case and accents do not matter
    same = fake_embedder.encode(["PEÑA Nieto said", "pena nieto SAID"])
    np.testing.assert_array_equal(same[0], same[1])


def test_embed_without_store(fake_embedder):
    matrix, fresh, cached = embed_texts(fake_embedder, TEXTS, None)
    assert matrix.shape == (4, 64) and matrix.dtype == np.float32
    assert (fresh, cached) == (3, 0)  # the repeat is embedded once
    assert fake_embedder.encoded == 3
    np.testing.assert_array_equal(matrix[0], matrix[2])
    np.testing.assert_array_equal(matrix, fake_embedder.encode(TEXTS))  # rows in input order


def test_second_call_embeds_nothing(tmp_path, fake_embedder):
    with EmbeddingStore(tmp_path / "cache.sqlite") as store:
        first, fresh, cached = embed_texts(fake_embedder, TEXTS, store)
        assert (fresh, cached) == (3, 0)
        assert fake_embedder.encoded == 3
        second, fresh, cached = embed_texts(fake_embedder, TEXTS, store)
        assert (fresh, cached) == (0, 3)
        assert fake_embedder.encoded == 3  # nothing new was encoded
        np.testing.assert_array_equal(first, second)


def test_cache_survives_a_new_store_and_only_new_text_is_embedded(tmp_path, fake_embedder):
    path = tmp_path / "cache.sqlite"
    with EmbeddingStore(path) as store:
        embed_texts(fake_embedder, TEXTS[:2], store)
    fake_embedder.calls.clear()
    with EmbeddingStore(path) as store:
        matrix, fresh, cached = embed_texts(fake_embedder, TEXTS, store)
    assert (fresh, cached) == (1, 2)
    assert fake_embedder.calls == [["Heavy rain flooded several streets."]]
    np.testing.assert_array_equal(matrix, fake_embedder.encode(TEXTS))


def test_cache_is_per_model(tmp_path, fake_embedder):
    class OtherModel(type(fake_embedder)):
        model_id = "fake-bow@2"

    with EmbeddingStore(tmp_path / "cache.sqlite") as store:
        embed_texts(fake_embedder, TEXTS, store)
        other = OtherModel()
        _, fresh, cached = embed_texts(other, TEXTS, store)
        assert (fresh, cached) == (3, 0)
        assert store.get_many("fake-bow@2", [text_key(TEXTS[1])]).keys() == {text_key(TEXTS[1])}


def test_longest_first_in_chunks_with_progress(fake_embedder):
    texts = ["a b", "a b c d e", "a", "a b c", "a b c d"]
    ticks: list[int] = []
    embed_texts(fake_embedder, texts, None, progress=ticks.append, chunk=2)
    assert ticks == [2, 2, 1]
    assert fake_embedder.calls == [["a b c d e", "a b c d"], ["a b c", "a b"], ["a"]]


def test_no_texts(fake_embedder):
    matrix, fresh, cached = embed_texts(fake_embedder, [], None)
    assert matrix.shape[0] == 0 and (fresh, cached) == (0, 0)
    assert fake_embedder.calls == []


@pytest.mark.parametrize("chunk", [1, 3, 256])
def test_chunk_size_does_not_change_the_result(fake_embedder, chunk):
    expected = fake_embedder.encode(TEXTS)
    matrix, _, _ = embed_texts(fake_embedder, TEXTS, None, chunk=chunk)
    np.testing.assert_array_equal(matrix, expected)


# --- precision (bf16 weights or fp32) --------------------------------------------------------


def test_precision_is_part_of_the_cache_key():
    from overlap.embed import MiniLM

    fp32, bf16 = MiniLM(precision="fp32"), MiniLM(precision="bf16")
    assert fp32.model_id.endswith(fp32.checksum[:16])  # the id caches were made with before bf16
    # bf16 weights; "+bf16" named the older autocast vectors, which must not be served for these
    assert bf16.model_id == fp32.model_id + "+bf16w"
    assert MiniLM(precision="auto").precision in ("bf16", "fp32")


def test_unknown_precision_is_refused():
    from overlap.config import load_settings
    from overlap.embed import MiniLM
    from overlap.errors import ConfigError, ModelError

    with pytest.raises(ModelError, match="precision"):
        MiniLM(precision="int4")
    with pytest.raises(ConfigError, match="embed_precision"):
        load_settings(embed_precision="fp16")


def test_auto_precision_follows_the_cpu(monkeypatch):
    from overlap import embed

    monkeypatch.setattr(embed, "_cpu_flags", lambda: {"avx2", "amx_bf16"})
    assert embed.resolve_precision("auto") == "bf16"
    monkeypatch.setattr(embed, "_cpu_flags", lambda: {"avx2", "avx512f"})
    assert embed.resolve_precision("auto") == "fp32"
    assert embed.resolve_precision("bf16") == "bf16"  # asked for by name: as asked


@pytest.mark.slow
def test_bf16_vectors_are_close_to_fp32():
    from overlap.embed import MiniLM

    texts = [
        *TEXTS,
        "The blue-chip Dow Jones industrial average added 38 points, or 0.42 percent, to 9,165.",
        "Peña Nieto's government said on Tuesday that all contact with U.S. agencies would go "
        "through the interior ministry, a change from the direct ties of recent years.",
    ]
    fp32 = MiniLM(precision="fp32").encode(texts)
    bf16 = MiniLM(precision="bf16").encode(texts)
    assert bf16.dtype == np.float32 and bf16.shape == fp32.shape
    np.testing.assert_allclose(np.linalg.norm(bf16, axis=1), 1.0, atol=1e-5)
    assert (fp32 * bf16).sum(axis=1).min() >= 0.999
    # the similarity between texts moves by far less than any threshold's resolution
    np.testing.assert_allclose(bf16 @ bf16.T, fp32 @ fp32.T, atol=2e-3)


@pytest.fixture
def clean_openmp_env():
    import os

    saved = {k: os.environ.pop(k) for k in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT") if k in os.environ}
    yield os.environ
    for k in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT"):
        os.environ.pop(k, None)
    os.environ.update(saved)


def test_openmp_threads_spin_briefly_on_free_cores_and_sleep_on_busy_ones(clean_openmp_env):
    from overlap.embed import set_openmp_waits

    assert set_openmp_waits(others_busy=0.3) == "GOMP_SPINCOUNT=10000"
    assert clean_openmp_env["GOMP_SPINCOUNT"] == "10000"
    assert "OMP_WAIT_POLICY" not in clean_openmp_env
    del clean_openmp_env["GOMP_SPINCOUNT"]
    assert set_openmp_waits(others_busy=0.9) == "OMP_WAIT_POLICY=PASSIVE"
    assert clean_openmp_env["OMP_WAIT_POLICY"] == "PASSIVE"


def test_openmp_setting_in_the_environment_wins(clean_openmp_env):
    from overlap.embed import set_openmp_waits

    clean_openmp_env["OMP_WAIT_POLICY"] = "ACTIVE"
    assert set_openmp_waits(others_busy=0.0) == "as set in the environment"
    assert clean_openmp_env["OMP_WAIT_POLICY"] == "ACTIVE"
    assert "GOMP_SPINCOUNT" not in clean_openmp_env


def test_busy_cores_of_other_programs_are_measured():
    from overlap.embed import _others_busy_cores

    busy = _others_busy_cores(0.05)
    assert busy >= 0.0  # a number of cores (infinite only where /proc/stat is unreadable)


# --- a text's vector depends on the text alone (issue 10, D11) --------------------------------


def test_same_length_batches_group_by_length_longest_first():
    from overlap.embed import same_length_batches

    assert same_length_batches([3, 5, 3, 3, 5], 2) == [[1, 4], [0, 2], [3]]
    assert same_length_batches([], 4) == []
    batches = same_length_batches([7, 2, 7, 9, 2, 7, 7], 3)
    assert batches == [[3], [0, 2, 5], [6], [1, 4]]
    assert sorted(i for b in batches for i in b) == list(range(7))  # every index once


def test_invalid_cached_vectors_are_recomputed_not_used(tmp_path, fake_embedder):
    import sqlite3

    path = tmp_path / "cache.sqlite"
    with EmbeddingStore(path) as store:
        expected, _, _ = embed_texts(fake_embedder, TEXTS, store)
    nan, short, long = (
        np.full(64, np.nan, np.float32),
        np.ones(3, np.float32),
        np.full(64, 1.0, np.float32),
    )  # long: not a unit vector
    db = sqlite3.connect(str(path))
    for text, bad in zip(TEXTS[:2] + TEXTS[3:], (nan, short, long), strict=True):
        db.execute(
            "UPDATE embeddings SET dim=?, vector=? WHERE key=?",
            (bad.shape[0], bad.tobytes(), text_key(text)),
        )
    db.commit()
    db.close()
    fake_embedder.calls.clear()
    with EmbeddingStore(path) as store:
        matrix, fresh, cached = embed_texts(fake_embedder, TEXTS, store)
        assert (fresh, cached) == (3, 0)
        assert "stored vectors were invalid" in store.notes[0]
    np.testing.assert_array_equal(matrix, expected)
    with EmbeddingStore(path) as store:  # the good vectors were written back
        assert embed_texts(fake_embedder, TEXTS, store)[1:] == (0, 3)
        assert store.notes == []


def test_a_broken_cache_gives_the_same_vectors_as_none(tmp_path, fake_embedder):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"\x00garbage" * 1000)
    with EmbeddingStore(path) as store:
        matrix, fresh, cached = embed_texts(fake_embedder, TEXTS, store)
        assert (fresh, cached) == (3, 0) and len(store.notes) == 1
    np.testing.assert_array_equal(matrix, embed_texts(fake_embedder, TEXTS, None)[0])


NEWS = [
    "Officials met on Thursday to discuss border security with Mexico.",
    "The council approved the new budget.",
    "Heavy rain flooded several streets in the old town on Sunday evening after a storm.",
    "A short one.",
    "Peña Nieto said the policy would change how agencies work together across the border.",
    "Mexico's interior ministry will be the single point of contact for U.S. agencies.",
    "The agencies will continue to share intelligence.",
]


# How far a component may move when the number of same-length rows in a batch changes: one
# rounding step of the sentence embedding (bf16 has 8 significant bits: 2**-8 of a component up
# to 1, before normalisation) or a few fp32 steps. Measured: bf16 up to 9.5e-4, fp32 up to 1e-7.
ROW_COUNT_TOLERANCE = {"bf16": 2**-8, "fp32": 1e-6}


@pytest.mark.slow
def test_real_vectors_do_not_depend_on_the_batch_or_the_cache(tmp_path):
    from overlap.embed import MiniLM

    model = MiniLM()
    target = NEWS[0]
    alone = model.encode([target])[0]
    # Inside batches of other texts, longer and shorter, in any position: exactly the same, since
    # texts of other lengths never share its batch (no padding).
    near = target.replace(" with Mexico", "")  # a few tokens shorter
    for batch in (NEWS, NEWS[::-1], [*NEWS[3:], target], [near, target, near]):
        vectors = model.encode(batch)
        rows = [i for i, t in enumerate(batch) if t == target]
        for r in rows:
            np.testing.assert_array_equal(vectors[r], alone)
    # Among copies of its own length, the CPU kernels may round one component differently (the
    # xfail below): bounded by one rounding step of the precision the encoder ran in.
    for r in model.encode([target] * 40):
        assert float(np.abs(r - alone).max()) <= ROW_COUNT_TOLERANCE[model.precision]
    # With a fresh cache and with one warmed by other texts, in other chunks.
    with EmbeddingStore(tmp_path / "fresh.sqlite") as store:
        fresh, _, _ = embed_texts(model, NEWS, store)
    with EmbeddingStore(tmp_path / "warm.sqlite") as store:
        embed_texts(model, NEWS[1::2] + ["Some other corpus entirely, with its own words."], store)
        warm, _, cached = embed_texts(model, NEWS, store, chunk=2)
        assert cached == 3
    np.testing.assert_array_equal(fresh, warm)
    assert fresh.dtype == np.float32


@pytest.mark.slow
@pytest.mark.xfail(
    reason="known gap: a text's vector still depends on how many texts of its token length share "
    "its batch (the CPU kernels split and round by row count: in bf16 on 2 threads every count "
    "from 2 to 28 differed from the text alone by up to 1e-3; in fp32 4 to 10 by 1e-7). Batches "
    "of one fixed row count, padded with copies, close it (tried: b420589) but cost 3.4x the "
    "encoder time at 64 rows and 1.9x at 16 (1,200 BBC sentences), 10x on a 40-sentence draft, "
    "and were reverted; batches of one cost 6.5x; one intra-op thread leaves 23-35 of 68 row "
    "counts differing in bf16. The bound the model does keep is tested above.",
    strict=False,
)
def test_real_vector_does_not_depend_on_how_many_same_length_texts_share_its_batch():
    from overlap.embed import MiniLM

    model = MiniLM()
    differing = []
    for target in [
        *NEWS[:3],
        "The wall along the border would cost billions, officials said on Tuesday.",
    ]:
        alone = model.encode([target])[0]
        for n in range(2, 30):
            if not np.array_equal(model.encode([target] * n)[0], alone):
                differing.append((target[:20], n))
    assert differing == []
