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
