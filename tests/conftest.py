"""Shared builders and fakes. Nothing here touches the network; the one real-model fixture
(`real_models`, for the tests marked slow) loads the shipped models once per test session.

pytest runs with --import-mode=importlib, so test modules cannot import this file; the helpers
below are handed to tests as fixtures of the same name (`write`, `make_article`).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from overlap.config import Settings
from overlap.models import Models, load_models
from overlap.textnorm import tokenize
from overlap.types import Article

SEEDS = Path(__file__).parent.parent / "seeds"

# The quality tier (marker `quality`): real-data checks too heavy for the default test run, which
# deselects them (pyproject.toml addopts: -m "not quality") to stay under 3 minutes on 2 cores;
# CI runs them after it (`python -m pytest -q -p no:cacheprovider -m quality`). Each is named here
# by file and function, beside tests/test_quality.py (the tier's own file, marked in the file):
# NLI over hundreds of identical real news sentences, Ray on real news, an index of real
# Reuters stories, and the embedder's known batch-size gap (an xfail that encodes 4 texts in 28
# batch sizes: about a tenth of the default run's time, for a failure it expects), and the two
# end-to-end runs on a local Ray cluster (compare on the seeds, index add: 100 of the default
# run's 260 s on 2 cores in session 8; the Ray shards, batching and planning tests stay in the
# default run). Renaming one of these moves it back to the default run.
QUALITY_TIER = {
    "test_embed.py": {
        "test_real_vector_does_not_depend_on_how_many_same_length_texts_share_its_batch"
    },
    "test_nli.py": {
        "test_identical_real_news_sentences_are_mostly_entailment",
        "test_hundreds_of_identical_real_news_sentences_are_entailment",
        "test_identical_real_news_sentences_are_entailment_at_095",
    },
    "test_ray_engine.py": {
        "test_compare_on_ray_equals_local_on_real_news",
        "test_compare_on_ray_equals_local_on_the_seeds",
        "test_index_add_on_ray_builds_the_local_index",
    },
    "test_index_use.py": {"test_real_reuters_articles_against_the_index"},
}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if getattr(item, "originalname", item.name) in QUALITY_TIER.get(item.path.name, ()):
            item.add_marker(pytest.mark.quality)


class FakeEmbedder:
    """A hashed bag of folded words, L2-normalised: texts sharing words have a high cosine.

    Deterministic across runs and processes (zlib.crc32, not the salted built-in hash()), and it
    counts what it was asked to embed so tests can check the cache spared it work.
    """

    model_id = "fake-bow@1"
    dim = 64

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    @property
    def encoded(self) -> int:
        return sum(len(c) for c in self.calls)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for tok in tokenize(text):
                out[row, zlib.crc32(tok.norm.encode("utf-8")) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert (SEEDS / "metadata.json").is_file(), f"seed articles missing under {SEEDS}"
    return SEEDS


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write `content` to tmp_path/name (parents created); str is written as UTF-8."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def article(text: str, id: str = "a", **meta: str | None) -> Article:
    """An Article as ingest would build it from a .txt file."""
    return Article(id=id, source=f"{id}.txt", text=text, format="txt", **meta)


@pytest.fixture(name="write")
def _write_fixture():
    return write


@pytest.fixture(name="make_article")
def _make_article_fixture():
    return article


class NeutralNLI:
    """A stand-in NLI model that finds every pair neutral (entail 0.2, neutral 0.6, contra 0.2)."""

    model_id = "fake-nli"

    def predict(self, pairs):
        return np.array([[0.2, 0.6, 0.2]] * len(pairs))


@pytest.fixture(scope="session")
def real_models() -> Models:
    """The shipped models, built once for the whole session: each is loaded from disk on its
    first use, so the tests that pass this (`models=real_models`) share one load instead of
    loading the weights again per `compare` / `check` call. Default settings: the models the
    CLI uses."""
    return load_models(Settings())


@pytest.fixture
def models(fake_embedder) -> Models:
    """Fake models to pass to compare / check / analyse (`models=`): nothing is loaded."""
    return Models(fake_embedder, NeutralNLI())


@pytest.fixture
def fake_models(monkeypatch, fake_embedder, tmp_path):
    """For CLI-level tests, which cannot pass models: overlap.models loads the fakes instead of
    the real models, and the cache is a temporary file."""
    monkeypatch.setattr("overlap.models.load_embedder", lambda settings: fake_embedder)
    monkeypatch.setattr("overlap.models.load_nli", lambda: (NeutralNLI(), None))
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "cache.sqlite"))
