from __future__ import annotations

import numpy as np
import pytest

from overlap.embed import embed_texts
from overlap.store import EmbeddingStore, text_key

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
