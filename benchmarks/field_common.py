"""What the field tasks (benchmarks/tasks/field*.py) share: the pair sets as arrays, overlap's
embeddings of them (cached in benchmarks/.work/field), thresholds fitted on train splits and
binary scores. Nothing here times anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import DATA, WORK
from . import data as loaders

CACHE = WORK / "field" / "embeddings.sqlite"


@dataclass
class Pairs:
    a: list[str]
    b: list[str]
    y: np.ndarray  # labels (0/1) or graded scores


def _pairs(pairs: list, number: type = int) -> Pairs:
    return Pairs(
        [p.a for p in pairs], [p.b for p in pairs], np.array([number(p.label) for p in pairs])
    )


def stsb_test(data: Path = DATA) -> Pairs:
    return _pairs(loaders.stsb("test", data), float)


def mrpc(split: str, data: Path = DATA) -> Pairs:
    return _pairs(loaders.mrpc(split, data))


def pan(split: str, data: Path = DATA) -> Pairs:
    return _pairs(loaders.pan(split, data))


def embed(texts: list[str], precision: str) -> np.ndarray:
    """Vectors from overlap's own embedder, cached in benchmarks/.work/field (per precision)."""
    from overlap.cache import EmbeddingStore
    from overlap.embed import MiniLM, embed_texts

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with EmbeddingStore(CACHE) as store:
        vectors, _, _ = embed_texts(MiniLM(precision=precision), texts, store)
    return vectors


def cosines(pairs: Pairs, precision: str) -> np.ndarray:
    return (embed(pairs.a, precision) * embed(pairs.b, precision)).sum(axis=1)


def fit_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The accuracy-optimal cut (predict 1 at or above it), midway between two train scores."""
    order = np.argsort(scores)
    s, t = scores[order], y[order]
    # Cutting before position i: positives at i.. are right, negatives before i are right.
    neg_before = np.r_[0, np.cumsum(t == 0)]
    pos_from = np.r_[np.cumsum((t == 1)[::-1])[::-1], 0]
    right = neg_before + pos_from
    cuts = np.r_[s[0] - 1e-6, (s[:-1] + s[1:]) / 2, s[-1] + 1e-6]
    # Only cut between distinct scores.
    valid = np.r_[True, s[1:] != s[:-1], True]
    right = np.where(valid, right, -1)
    return float(cuts[int(np.argmax(right))])


def binary_scores(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    return {
        "accuracy": float((pred == (y == 1)).mean()),
        "f1": 2 * precision * recall / max(1e-12, precision + recall),
        "precision": precision,
        "recall": recall,
        "n": len(y),
    }


def scorer_probabilities(pairs: Pairs, cos: np.ndarray) -> np.ndarray:
    """overlap's shipped paraphrase scorer, rarity measured over the split's own sentences (the
    split is the corpus being compared, as in compare())."""
    from overlap.paraphrase import Rarity, load_model

    model = load_model()
    rarity = Rarity(set(pairs.a) | set(pairs.b))
    return np.array(
        [model.score(float(c), a, b, rarity) for c, a, b in zip(cos, pairs.a, pairs.b, strict=True)]
    )
