"""Fit the paraphrase scorer on MRPC train and write models/paraphrase_scorer.json.

    python benchmarks/training/tune_thresholds.py [--data ../shared/data]

Only the MRPC *train* split is read: `threshold_related` (the bar between two articles that
already share copied text) is the one with the best F1 on it. Test splits are for reporting
(benchmarks/), never for choosing these numbers.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from overlap.embed import MiniLM  # noqa: E402
from overlap.paraphrase import Rarity  # noqa: E402


def read_mrpc(path: Path) -> list[tuple[int, str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(int(r[0]), r[3], r[4]) for r in reader if len(r) >= 5]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "paraphrase_scorer.json")
    args = parser.parse_args()
    train = args.data / "paraphrase" / "mrpc" / "msr_paraphrase_train.txt"
    if not train.is_file():
        print(f"missing {train}: the MRPC train split is needed to fit the scorer", file=sys.stderr)
        return 2
    from sklearn.linear_model import LogisticRegression

    rows = read_mrpc(train)
    y = np.array([r[0] for r in rows])
    model = MiniLM()
    va, vb = model.encode([r[1] for r in rows]), model.encode([r[2] for r in rows])
    cosine = (va * vb).sum(axis=1)
    rarity = Rarity({s for r in rows for s in r[1:]})
    overlap = np.array([rarity.overlap(a, b) for _, a, b in rows])
    x = np.c_[cosine, overlap]
    fit = LogisticRegression().fit(x, y)
    prob = fit.predict_proba(x)[:, 1]
    best = (0.0, 0.5, 0.0, 0.0)
    for t in np.arange(0.05, 0.951, 0.01):
        pred = prob >= t
        tp = int((pred & (y == 1)).sum())
        precision = tp / max(1, int(pred.sum()))
        recall = tp / max(1, int((y == 1).sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if f1 > best[0]:
            best = (f1, float(t), precision, recall)
    # The weights and the bar between related articles come from here; the bar between unrelated
    # articles ("threshold") is kept from benchmarks/tune_paraphrase_dev.py if already chosen.
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    out = {
        **old,
        "w_cosine": round(float(fit.coef_[0][0]), 6),
        "w_overlap": round(float(fit.coef_[0][1]), 6),
        "bias": round(float(fit.intercept_[0]), 6),
        "threshold": old.get("threshold", round(best[1], 2)),
        "threshold_related": round(best[1], 2),
        "fitted_on": "MRPC train (msr_paraphrase_train.txt, 4,076 pairs)",
        "train_f1": round(best[0], 4),
        "train_precision": round(best[2], 4),
        "train_recall": round(best[3], 4),
        "embedding_model": model.model_id,
        "command": "python benchmarks/training/tune_thresholds.py",
    }
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
