"""compare() with the fake embedder: stage order, filters, hidden repeats, stats."""

from __future__ import annotations

import pytest

from overlap import Kind, Settings, compare
from overlap.errors import InputError
from overlap.models import Models

SHARED = (
    "The ministry said all requests for intelligence information must now be routed "
    "through the Interior Ministry in the capital before reaching local police."
)
FILLER = [
    "Farmers in the north reported an early harvest of corn and beans this season.",
    "A new bridge over the river opened to traffic on Monday after two years of work.",
    "The football club signed a young striker from a second division team last week.",
    "Heavy snow closed the mountain pass for three days and stranded dozens of trucks.",
    "The museum reopened its ancient coins gallery with a display of rare silver pieces.",
]


@pytest.fixture
def corpus(tmp_path, write):
    write(tmp_path, "c/one.txt", f"{FILLER[0]}\n\n{SHARED}\n\n{FILLER[1]}\n")
    write(tmp_path, "c/two.txt", f"{FILLER[2]}\n\n{SHARED.replace('must now', 'now must')}\n")
    write(tmp_path, "c/three.txt", f"{SHARED}\n\n{FILLER[3]} {FILLER[4]}\n\n{SHARED}\n")
    return str(tmp_path / "c")


class NeutralNLI:
    model_id = "fake-nli"

    def predict(self, pairs):
        import numpy as np

        return np.array([[0.2, 0.6, 0.2]] * len(pairs))


def fakes(embedder):
    """Fake models: the run loads none."""
    return Models(embedder, NeutralNLI())


def settings(tmp_path, **kw):
    return Settings(cache_path=tmp_path / "cache.sqlite", **kw)


def test_finds_copies_across_and_repeats_within(corpus, tmp_path, fake_embedder):
    result = compare([corpus], settings(tmp_path), models=fakes(fake_embedder))
    kinds = sorted((f.kind.value, f.a.article, f.b.article) for f in result.findings)
    repeats = [k for k in kinds if k[0] == "repeat"]
    assert repeats == [("repeat", "three", "three")]
    cross = {frozenset((a, b)) for kind, a, b in kinds if kind != "repeat"}
    assert cross == {
        frozenset(("one", "two")),
        frozenset(("one", "three")),
        frozenset(("two", "three")),
    }
    # the second copy inside "three" is hidden: each article pair is reported once
    assert len([k for k in kinds if k[0] != "repeat"]) == 3


def test_kinds_and_min_score_filters(corpus, tmp_path, fake_embedder):
    only = compare([corpus], settings(tmp_path, kinds=(Kind.REPEAT,)), models=fakes(fake_embedder))
    assert {f.kind for f in only.findings} == {Kind.REPEAT}
    strict = compare([corpus], settings(tmp_path, min_score=0.999), models=fakes(fake_embedder))
    assert all(f.score >= 0.999 for f in strict.findings)
    assert any(f.kind is Kind.VERBATIM for f in strict.findings)


def test_cache_spares_the_second_run(corpus, tmp_path, fake_embedder):
    first = compare([corpus], settings(tmp_path), models=fakes(fake_embedder))
    calls = fake_embedder.encoded
    second = compare([corpus], settings(tmp_path), models=fakes(fake_embedder))
    assert first.stats.embedded > 0 and second.stats.embedded == 0
    assert fake_embedder.encoded == calls
    assert [f.id for f in first.findings] == [f.id for f in second.findings]


def test_no_readable_input_raises_input_error(tmp_path, fake_embedder):
    with pytest.raises(InputError, match="no readable articles"):
        compare([str(tmp_path / "nothing-here")], settings(tmp_path), models=fakes(fake_embedder))


def test_does_not_import_torch_with_a_fake_embedder(corpus, tmp_path, fake_embedder):
    import sys

    compare([corpus], settings(tmp_path), models=fakes(fake_embedder))
    assert "overlap.embed" in sys.modules  # the module, not the model


def test_nli_scores_are_cached_like_embeddings(corpus, tmp_path, fake_embedder):
    import numpy as np

    class CountingNLI:
        model_id = "counting-nli"
        seen = 0

        def predict(self, pairs):
            CountingNLI.seen += len(pairs)
            return np.array([[0.3, 0.5, 0.2]] * len(pairs))

    first = compare([corpus], settings(tmp_path), models=Models(fake_embedder, CountingNLI()))
    asked = CountingNLI.seen
    second = compare([corpus], settings(tmp_path), models=Models(fake_embedder, CountingNLI()))
    assert asked > 0 and CountingNLI.seen == asked  # nothing new to score
    assert [f.judgement for f in first.findings] == [f.judgement for f in second.findings]


def test_stage_timings_cover_the_run(corpus, tmp_path, fake_embedder):
    result = compare([corpus], settings(tmp_path, judge=False), models=fakes(fake_embedder))
    stages = result.stats.stages
    assert list(stages) == [
        "read and segment",
        "copy index",
        "embed and neighbours",
        "align and attribute",
    ]  # no judge stages with judging off
    assert all(t >= 0 for t in stages.values())
    assert sum(stages.values()) <= result.stats.seconds + 0.01


def test_paragraph_vector_modes_find_the_reuse_and_encode_what_they_say(
    corpus, tmp_path, fake_embedder
):
    passages = {}
    for mode in ("mean", "shortlist", "encode"):
        result = compare(
            [corpus],
            Settings(cache_path=None, paragraph_vectors=mode, judge=False),
            models=fakes(fake_embedder),
        )
        assert any(f.kind is Kind.VERBATIM for f in result.findings), mode
        passages[mode] = result.stats.passages
    # "mean" never runs the encoder on a paragraph, "encode" on every one, "shortlist" on some.
    assert passages["mean"] <= passages["shortlist"] <= passages["encode"]
    assert passages["mean"] < passages["encode"]


def test_unknown_paragraph_vectors_mode_is_refused():
    from overlap.config import load_settings
    from overlap.errors import ConfigError

    with pytest.raises(ConfigError, match="paragraph_vectors"):
        load_settings(paragraph_vectors="max")


def test_models_given_are_the_only_models_used(corpus, tmp_path, fake_embedder, monkeypatch):
    def no_loading(*a, **k):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr("overlap.models.load_embedder", no_loading)
    monkeypatch.setattr("overlap.models.load_nli", no_loading)
    result = compare([corpus], settings(tmp_path), models=fakes(fake_embedder))
    assert fake_embedder.encoded > 0 and result.findings
    assert [m["name"] for m in result.models] == ["fake-bow@1", "fake-nli"]


def test_an_nli_model_that_cannot_load_is_noted(corpus, tmp_path, fake_embedder):
    result = compare(
        [corpus],
        settings(tmp_path),
        models=Models(fake_embedder, None, nli_problem="weights missing (test)"),
    )
    assert "judged without the NLI model: weights missing (test)" in result.extra["notes"]
    assert [m["name"] for m in result.models] == ["fake-bow@1"]
