"""The last-layer refit's runs side by side (refit_nli_last_layer.py appends one line per run to
its work folder's runs.jsonl), and which of them meet the rule set in session 6 (issue 13 item 5):
held-out MultiNLI matched not below the shipped model's, dev ECE after the temperature refit
<= 0.045, copy-dev >= 95 %. Dev figures only: no test set is read.

    python benchmarks/training/nli_refit_runs.py [--runs FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = ROOT / "benchmarks" / ".work" / "nli-last-layer" / "runs.jsonl"
KNOBS = ("distill", "layer_lr", "lr", "epochs", "copy_weight", "copy_temperature", "smoothing")
FIGURES = (
    "dev3_accuracy",
    "temperature",
    "dev_ece_plain",
    "dev_ece_calibrated",
    "copydev_ent_ge_095",
    "hardcopydev_ent_ge_095",
    "mnli_holdout_accuracy",
    "ruledev_name",
    "ruledev_negation",
    "ruledev_number",
)
ECE_BAR, COPY_BAR = 0.045, 0.95


def meets_rule(refit: dict, shipped: dict) -> bool:
    return (
        refit["mnli_holdout_accuracy"] >= shipped["mnli_holdout_accuracy"]
        and refit["dev_ece_calibrated"] <= ECE_BAR
        and refit["copydev_ent_ge_095"] >= COPY_BAR
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=Path, default=RUNS)
    args = ap.parse_args()
    runs = [json.loads(line) for line in args.runs.read_text(encoding="utf-8").splitlines()]
    print(" | ".join(["run", *KNOBS, *FIGURES, "rule"]))
    print(
        " | ".join(
            ["shipped", *("" for _ in KNOBS), *(str(runs[0]["shipped"][f]) for f in FIGURES)]
        )
    )
    for n, run in enumerate(runs, 1):
        knobs = [str(run["settings"][k]) for k in KNOBS]
        figures = [str(run["refit"][f]) for f in FIGURES]
        rule = "meets" if meets_rule(run["refit"], run["shipped"]) else "-"
        print(" | ".join([str(n), *knobs, *figures, rule]))


if __name__ == "__main__":
    main()
