"""The paraphrase scorer (overlap/paraphrase.py): its features on real-like news sentences, the
decisions of the shipped scorer at its two bars with the real embedder's cosines, and scorer
files with and without the extra features."""

from __future__ import annotations

import json

import numpy as np
import pytest

from overlap import paraphrase
from overlap.embed import MiniLM
from overlap.errors import ModelError

STORY = [
    "The central bank raised its main interest rate by half a point on Thursday, the third "
    "increase this year, saying inflation was still far above its target.",
    "On Thursday the central bank lifted its key interest rate by half a point, its third rise "
    "of the year, because inflation remains well above its target.",
    "The central bank left its main interest rate unchanged on Thursday, saying inflation had "
    "fallen back close to its target for the first time this year.",
    "Shares in the country's largest lender fell 4 percent after the bank reported a drop in "
    "quarterly profit and said it would cut 2,000 jobs.",
    "Mortgage lenders said they expected to pass the increase on to borrowers within weeks, "
    "adding to pressure on households already facing higher energy bills.",
]


@pytest.fixture(scope="module")
def cosine():
    vectors = MiniLM().encode(STORY)

    def of(i: int, j: int) -> float:
        return float(np.dot(vectors[i], vectors[j]))

    return of


@pytest.fixture(scope="module")
def rarity():
    return paraphrase.Rarity(STORY)


def features(a: str, b: str, rarity: paraphrase.Rarity) -> dict[str, float]:
    return paraphrase.pair_features(0.5, a, b, rarity)


def test_numbers_and_names_that_differ_are_measured(rarity):
    same = features(
        "Profit rose 12 percent to $1.3 billion.", "Profit was up 12 % at 1.3 billion.", rarity
    )
    other = features(
        "Profit rose 12 percent to $1.3 billion.", "Profit rose 15 percent to $1.1 billion.", rarity
    )
    assert same["numbers_differ"] == 0.0
    assert other["numbers_differ"] == 1.0  # no number of either side is in the other
    names = features(
        "Finance Minister Anna Berg said the budget would pass.",
        "Finance Minister Olaf Lind said the budget would pass.",
        rarity,
    )
    assert names["names_differ"] == pytest.approx(0.8)  # minister is shared, 4 of 5 names not
    assert features("He said so.", "She agreed.", rarity)["names_differ"] == 0.0  # no names


def test_features_of_a_rewrite_and_of_a_longer_sentence(rarity):
    rewrite = features(STORY[0], STORY[1], rarity)
    longer = features(STORY[0], STORY[0] + " " + STORY[4], rarity)
    assert longer["overlap"] == 1.0  # every rare word of the shorter side is in the longer...
    assert longer["overlap_larger"] < 0.6  # ...but the longer one carries much besides
    assert longer["length_ratio"] < 0.6 < rewrite["length_ratio"]
    assert 0.0 < rewrite["bigrams"] < 1.0
    assert all(0.0 <= v <= 1.0 for v in rewrite.values())
    assert set(rewrite) == {"cosine", "overlap", *paraphrase.EXTRA_FEATURES}


def test_the_shipped_scorer_accepts_a_rewrite_at_both_bars(cosine, rarity):
    model = paraphrase.load_model()
    p = model.score(cosine(0, 1), STORY[0], STORY[1], rarity)
    assert p >= model.threshold > model.threshold_related


def test_the_shipped_scorer_rejects_the_same_story_told_otherwise(cosine, rarity):
    model = paraphrase.load_model()
    for i, j in ((0, 2), (0, 3), (0, 4), (3, 4)):
        p = model.score(cosine(i, j), STORY[i], STORY[j], rarity)
        assert p < model.threshold, (i, j, p)
    # The opposite decision (rate raised / left unchanged) shares most words: not a paraphrase
    # between unrelated articles, and scored below the rewrite whatever the bar.
    assert model.score(cosine(0, 2), STORY[0], STORY[2], rarity) < model.score(
        cosine(0, 1), STORY[0], STORY[1], rarity
    )


TWO_FEATURES = {"w_cosine": 5.0, "w_overlap": 2.0, "bias": -4.5, "threshold": 0.8}


def test_a_two_feature_file_needs_no_texts(tmp_path):
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(TWO_FEATURES), encoding="utf-8")
    model = paraphrase.load_model(path)
    assert model.extra == ()
    assert model.probability(0.9, 0.5) == pytest.approx(1 / (1 + np.exp(-(4.5 + 1.0 - 4.5))))


def test_extra_weights_are_applied_and_needed(tmp_path, rarity):
    path = tmp_path / "scorer.json"
    path.write_text(
        json.dumps({**TWO_FEATURES, "weights": {"numbers_differ": -3.0}}), encoding="utf-8"
    )
    model = paraphrase.load_model(path)
    a, b = "Profit rose 12 percent.", "Profit rose 15 percent."
    assert model.score(0.9, a, b, rarity) < model.score(0.9, a, a, rarity)
    with pytest.raises(ValueError, match="also weighs numbers_differ; use score"):
        model.probability(0.9, 0.5)


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ({"shoe_size": 1.0}, "weights names 'shoe_size', not one of overlap_larger"),
        ({"bigrams": "1.0"}, "weights.bigrams is '1.0', not a number"),
        ([1.0], r"weights is \[1.0\], not an object"),
    ],
)
def test_a_file_with_bad_extra_weights_is_a_model_error(tmp_path, weights, expected):
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({**TWO_FEATURES, "weights": weights}), encoding="utf-8")
    with pytest.raises(ModelError, match=f"damaged: {expected}"):
        paraphrase.load_model(path)
