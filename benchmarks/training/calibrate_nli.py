"""Fit the NLI model's temperature on the dev slice train_nli.py holds out (issue 13 item 5).

    python benchmarks/training/calibrate_nli.py                # measure: ECE before / after
    python benchmarks/training/calibrate_nli.py --model DIR --write   # write DIR/calibration.json

The product reads softmax(logits / temperature) (overlap/nli.py), so a 0.9 means right about
nine times in ten. The temperature is the one with the least negative log-likelihood on the
3-way pairs of the dev slice (the same seed, sets and hash-ordered split as train_nli.py); no
test split is read (eval_nli.py reports the ECE on the test sets). The expected calibration
error is over 15 equal-width bins of the top probability. `python -m benchmarks run
nli.track_calibration` measures the same without writing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "training"))
from train_nli import load_training, split_dev  # noqa: E402

from overlap.nli import LABELS, NLIModel  # noqa: E402

ECE_BINS = 15


def expected_calibration_error(
    probs: np.ndarray, gold: Sequence[int], bins: int = ECE_BINS
) -> float:
    """Sum over equal-width bins of the top probability: share of pairs * |accuracy - confidence|.

    >>> round(expected_calibration_error(np.array([[0.9, 0.1, 0.0], [0.6, 0.4, 0.0]]), [0, 1]), 3)
    0.35
    """
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == np.asarray(gold)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(conf, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            ece += inside.mean() * abs(right[inside].mean() - conf[inside].mean())
    return float(ece)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(logits: np.ndarray, gold: Sequence[int]) -> float:
    """The temperature with the least negative log-likelihood (grid, then a finer grid).

    >>> z = np.array([[4.0, 0.0, 0.0], [4.0, 0.0, 0.0], [0.0, 4.0, 0.0]])
    >>> fit_temperature(z, [0, 1, 1]) > 1  # one confident pair in three is wrong: flatten
    True
    """
    gold = np.asarray(gold)

    def nll(t: float) -> float:
        p = softmax(logits, t)[np.arange(len(gold)), gold]
        return float(-np.log(np.clip(p, 1e-12, None)).mean())

    grid = np.arange(0.25, 6.0, 0.05)
    best = min(grid, key=nll)
    fine = np.arange(max(0.05, best - 0.05), best + 0.05, 0.002)
    return round(float(min(fine, key=nll)), 3)


def fits(model: NLIModel, pairs: list[tuple[str, str]]) -> list[bool]:
    """Whether each pair fits in the model's word pieces (the model refuses longer pairs)."""
    return [n <= model.max_length for n in model.pair_lengths(pairs)]


def dev_calibration(model: NLIModel) -> dict:
    """ECE on the dev slice's 3-way pairs: plain softmax, refitted temperature, as shipped."""
    dev = split_dev(load_training(random.Random(13)), 0.03, 300)[1]
    dev3 = [p for p in dev if p.label in LABELS]
    keep = fits(model, [(p.premise, p.hypothesis) for p in dev3])
    dev3 = [p for p, k in zip(dev3, keep, strict=True) if k]
    gold = [LABELS.index(p.label) for p in dev3]
    probs = model.predict([(p.premise, p.hypothesis) for p in dev3])
    # Raw logits (up to a constant per row) from the calibrated probabilities: T * log p.
    logits = model.temperature * np.log(np.clip(probs.astype(np.float64), 1e-30, None))
    raw = softmax(logits)
    temperature = fit_temperature(logits, gold)
    return {
        "pairs": len(dev3),
        "too_long_left_out": int(len(keep) - sum(keep)),
        "accuracy": round(float((raw.argmax(1) == np.array(gold)).mean()), 4),
        "ece_before": round(expected_calibration_error(raw, gold), 4),
        "ece_after": round(expected_calibration_error(softmax(logits, temperature), gold), 4),
        "fitted_temperature": temperature,
        "shipped_temperature": model.temperature,
        "ece_shipped": round(expected_calibration_error(probs, gold), 4),
    }


def write_calibration(model: NLIModel, dev: dict) -> Path:
    path = model.path / "calibration.json"
    path.write_text(
        json.dumps(
            {
                "temperature": dev["fitted_temperature"],
                "method": "temperature scaling: probabilities = softmax(logits / temperature)",
                "fitted_on": f"3-way pairs of train_nli.py's held-out dev slice "
                f"({dev['pairs']} pairs; no test split)",
                "fitted_by": "benchmarks/training/calibrate_nli.py --write",
                "weights_sha256": model.checksum,
                "ece_15_bins_before": dev["ece_before"],
                "ece_15_bins_after": dev["ece_after"],
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    ap.add_argument("--write", action="store_true", help="write calibration.json there")
    args = ap.parse_args()
    # fp32: the temperature is fitted on the model's own logits, not bf16-rounded ones (and
    # not on the 1.0 the product gives a pair of the same text without the model).
    model = NLIModel(args.model, precision="fp32", same_text_is_entailment=False)
    dev = dev_calibration(model)
    print(json.dumps(dev), flush=True)
    if args.write:
        path = write_calibration(model, dev)
        print(f"wrote {path} (temperature {dev['fitted_temperature']})")


if __name__ == "__main__":
    main()
