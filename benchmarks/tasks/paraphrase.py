"""The paraphrase decision pair by pair (issue 12 item 5): overlap's scorer
(overlap/paraphrase.py, models/paraphrase_scorer.json) on MRPC and PAN sentence pairs, at both of
its bars: `threshold_related` (two articles that already share copied text) and `threshold`
(articles with no other reuse). Precision, recall and F1 of "paraphrase" per set and bar.

The pairs are scored as compare() scores a sentence pair: the embedding cosine of the product's
embedder (cached in benchmarks/.work/field, so a rerun embeds nothing), rarity measured over the
sentences being scored. Options: `--set split=test|dev|fit` (dev is a fifth of each train split,
fixed by `is_dev`, and fit the rest: the scorer is fitted on fit and its bars chosen on dev, by
benchmarks/training/tune_thresholds.py; test is measured once), `--set scorer=PATH` (another
scorer file, e.g. the one a commit shipped before, for the before/after).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..harness import figure

SECTION = "Paraphrase recall (issue 12 item 5)"
SETS = ("MRPC", "PAN")
SPLITS = ("test", "dev", "fit")


def is_dev(set_name: str, index: int) -> bool:
    """Whether train pair `index` of a set is in its dev fifth (a hash, so stable and unsorted)."""
    return zlib.crc32(f"{set_name}:{index}".encode()) % 5 == 0


@dataclass
class Scored:
    """One set's pairs at one split: texts, labels (1 = paraphrase) and their features."""

    a: list[str]
    b: list[str]
    y: np.ndarray
    features: list[dict[str, float]]


def pairs(set_name: str, split: str) -> tuple[list[str], list[str], np.ndarray]:
    """The texts and labels of MRPC or PAN at test, dev or fit (train less dev)."""
    from .. import data

    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    loader = {"MRPC": data.mrpc, "PAN": data.pan}[set_name]
    rows = loader("test" if split == "test" else "train")
    if split != "test":
        rows = [p for i, p in enumerate(rows) if is_dev(set_name, i) == (split == "dev")]
    return [p.a for p in rows], [p.b for p in rows], np.array([int(p.label) for p in rows])


def scored(set_name: str, split: str) -> Scored:
    """Pairs with the scorer's features (cosine from the cached embeddings)."""
    from overlap.paraphrase import Rarity, pair_features

    from .. import field_common as fc

    a, b, y = pairs(set_name, split)
    cosines = (fc.embed(a, "auto") * fc.embed(b, "auto")).sum(axis=1)
    rarity = Rarity(set(a) | set(b))
    features = [
        pair_features(float(c), x, z, rarity) for c, x, z in zip(cosines, a, b, strict=True)
    ]
    return Scored(a, b, y, features)


def probabilities(model: object, s: Scored) -> np.ndarray:
    return np.array([model.probability(f["cosine"], f["overlap"], f) for f in s.features])  # type: ignore[attr-defined]


def precision_recall(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Precision, recall and F1 of the positive class, and accuracy."""
    tp = int((pred & (y == 1)).sum())
    precision = tp / max(1, int(pred.sum()))
    recall = tp / max(1, int((y == 1).sum()))
    f1 = 2 * precision * recall / max(1e-12, precision + recall)
    return precision, recall, f1, float((pred == (y == 1)).mean())


GOAL = "goal (issue 12 item 5): 80 at the two-feature scorer's precision"
ANCHORS = {
    "MRPC test, related bar: F1": "88.9 (BERT-base fine-tuned on MRPC, GLUE)",
    "MRPC test, related bar: accuracy": "84.8 (BERT-base fine-tuned on MRPC, GLUE)",
    **{f"{s} test, {bar} bar: recall": GOAL for s in SETS for bar in ("related", "unrelated")},
}


@figure(unit="%", anchor=ANCHORS, data=("mrpc", "pan"))
def track_recall(split: str = "test", scorer: str = "") -> dict[str, float]:
    """Per set and bar: precision, recall, F1 and accuracy (%) of the scorer's decision."""
    from overlap.paraphrase import load_model

    model = load_model(Path(scorer) if scorer else None)
    other = f" ({Path(scorer).stem})" if scorer else ""  # another file's figures apart
    out: dict[str, float] = {}
    for set_name in SETS:
        s = scored(set_name, split)
        prob = probabilities(model, s)
        for bar, cut in (("related", model.threshold_related), ("unrelated", model.threshold)):
            figures = precision_recall(prob >= cut, s.y)
            for what, value in zip(("precision", "recall", "F1", "accuracy"), figures, strict=True):
                out[f"{set_name} {split}, {bar} bar: {what}{other}"] = round(100 * value, 1)
    return out
