"""Fit the paraphrase scorer on MRPC and PAN train and write models/paraphrase_scorer.json.

    python benchmarks/training/tune_thresholds.py [--c 1.0]

Only the train splits are read, cut in two by benchmarks/tasks/paraphrase.is_dev: the weights
come from the larger part ("fit", each set weighing the same in total), both bars from the other
("dev"). A bar is the lowest probability at which the precision on each set's dev pairs is still
at least the precision that bar had with the earlier two-feature scorer, less `--slack` (half a
point; the file's "dev_precision_kept", measured once from the file this script first replaced):
more recall at the same precision. Test splits are for reporting
(`python -m benchmarks run paraphrase`), never for choosing these numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.data import DataMissing  # noqa: E402
from benchmarks.tasks.paraphrase import (  # noqa: E402
    SETS,
    Scored,
    precision_recall,
    probabilities,
    scored,
)
from overlap.embed import MiniLM  # noqa: E402
from overlap.paraphrase import EXTRA_FEATURES, ParaphraseModel, load_model  # noqa: E402

FEATURES = ("cosine", "overlap", *EXTRA_FEATURES)
BARS = {"related": "threshold_related", "unrelated": "threshold"}


def matrix(s: Scored) -> np.ndarray:
    return np.array([[f[name] for name in FEATURES] for f in s.features])


def kept_precision(model: ParaphraseModel, dev: dict[str, Scored]) -> dict[str, dict[str, float]]:
    """Each bar's precision per set on dev: what a refit must not fall below."""
    out: dict[str, dict[str, float]] = {}
    for bar, key in BARS.items():
        cut = getattr(model, key)
        out[bar] = {
            name: round(precision_recall(probabilities(model, s) >= cut, s.y)[0], 4)
            for name, s in dev.items()
        }
    return out


def lowest_bar(
    prob: dict[str, np.ndarray], dev: dict[str, Scored], floor: dict[str, float], slack: float
) -> float | None:
    """The lowest bar (0.01 steps) keeping every set's dev precision at its floor less `slack`
    there and at the next two steps up (precision is not monotone in the bar), or None."""

    def keeps(t: float) -> bool:
        return all(
            precision_recall(prob[n] >= t, s.y)[0] >= floor[n] - slack for n, s in dev.items()
        )

    for t100 in range(1, 98):
        if all(keeps((t100 + k) / 100) for k in range(3)):
            return t100 / 100
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "paraphrase_scorer.json")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    # Half a point is about 2 of the ~350 MRPC or 5 of the ~650 PAN dev pairs above the bar
    # between unrelated articles; PAN dev also holds identical pairs labelled 0 (its labels come
    # from an alignment heuristic), which cap every scorer's precision there near 0.985.
    parser.add_argument(
        "--slack", type=float, default=0.005, help="dev precision may fall this far below"
    )
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    try:
        fit = {name: scored(name, "fit") for name in SETS}
        dev = {name: scored(name, "dev") for name in SETS}
    except DataMissing as exc:
        print(f"{exc}: MRPC and PAN train are needed to fit the scorer", file=sys.stderr)
        return 2
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    floors = old.get("dev_precision_kept") or kept_precision(load_model(args.out), dev)
    x = np.vstack([matrix(s) for s in fit.values()])
    y = np.concatenate([s.y for s in fit.values()])
    # Each set weighs the same in total (PAN train is 2.5 times MRPC's), mean weight 1.
    weight = np.concatenate(
        [np.full(len(s.y), len(y) / (len(fit) * len(s.y))) for s in fit.values()]
    )
    lr = LogisticRegression(C=args.c, max_iter=5000).fit(x, y, sample_weight=weight)
    coef = dict(zip(FEATURES, (round(float(w), 6) for w in lr.coef_[0]), strict=True))
    model = ParaphraseModel(
        coef["cosine"],
        coef["overlap"],
        round(float(lr.intercept_[0]), 6),
        0.5,
        0.5,
        tuple((name, coef[name]) for name in EXTRA_FEATURES),
    )
    prob = {name: probabilities(model, s) for name, s in dev.items()}
    bars, on_dev = {}, {}
    for bar, key in BARS.items():
        cut = lowest_bar(prob, dev, floors[bar], args.slack)
        if cut is None:
            print(f"no {bar} bar keeps dev precision {floors[bar]}", file=sys.stderr)
            return 1
        bars[key] = cut
        on_dev[bar] = {
            name: dict(
                zip(
                    ("precision", "recall", "f1"),
                    (round(v, 4) for v in precision_recall(prob[name] >= cut, s.y)[:3]),
                    strict=True,
                )
            )
            for name, s in dev.items()
        }
    n_fit = {name: len(s.y) for name, s in fit.items()}
    n_dev = {name: len(s.y) for name, s in dev.items()}
    out = {
        "w_cosine": coef["cosine"],
        "w_overlap": coef["overlap"],
        "bias": model.bias,
        "weights": {name: coef[name] for name in EXTRA_FEATURES},
        "threshold": bars["threshold"],
        "threshold_related": bars["threshold_related"],
        "min_paraphrase_words": old.get("min_paraphrase_words", 12),
        "fitted_on": (
            f"MRPC train and PAN train less their dev fifths ({n_fit['MRPC']:,} + "
            f"{n_fit['PAN']:,} pairs, each set weighing the same; L2 C={args.c})"
        ),
        "thresholds_chosen_on": (
            f"the dev fifths ({n_dev['MRPC']:,} MRPC + {n_dev['PAN']:,} PAN train pairs, "
            "benchmarks/tasks/paraphrase.is_dev): the lowest bar at which each set's precision "
            f"is at least dev_precision_kept less {args.slack} (there and 0.01, 0.02 higher)"
        ),
        "dev_precision_kept": floors,
        "dev_precision_kept_from": old.get(
            "dev_precision_kept_from",
            "the two-feature scorer (cosine + overlap; threshold_related 0.41, threshold 0.78) "
            "shipped before the refit of issue 12 item 5",
        ),
        "dev": on_dev,
        "embedding_model": MiniLM().model_id,
        "command": "python benchmarks/training/tune_thresholds.py",
    }
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
