"""Choose the verdict rule's NLI thresholds on SICK TRAIN+TRIAL (never on a test split).

    python benchmarks/training/tune_judge.py [--data ../shared/data] [--limit 0]

SICK's labels map onto verdicts: entailment -> agree, contradiction -> contradict, neutral ->
unclear. Each sentence pair goes through the real judge (typed checks + the shipped NLI model,
both ways) as a paraphrase finding; the grid search keeps the thresholds with the best macro-F1
over the three verdicts. Prints the chosen values; copy them into overlap/config.py.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import overlap.judge as judge_module  # noqa: E402
from overlap.align import align_paraphrase  # noqa: E402
from overlap.judge import Thresholds, judge, nli_scores  # noqa: E402
from overlap.nli import NLIModel  # noqa: E402
from overlap.segment import segment  # noqa: E402
from overlap.types import Article, Kind, Verdict  # noqa: E402

LABEL_TO_VERDICT = {
    "ENTAILMENT": Verdict.AGREE,
    "CONTRADICTION": Verdict.CONTRADICT,
    "NEUTRAL": Verdict.UNCLEAR,
}


def read_sick(path: Path, sets: set[str]) -> list[tuple[str, str, Verdict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (r["sentence_A"], r["sentence_B"], LABEL_TO_VERDICT[r["entailment_label"]])
            for r in rows
            if r["SemEval_set"] in sets
        ]


def macro_f1(gold: list[Verdict], pred: list[Verdict]) -> float:
    scores = []
    for v in Verdict:
        tp = sum(g == v and p == v for g, p in zip(gold, pred, strict=True))
        fp = sum(g != v and p == v for g, p in zip(gold, pred, strict=True))
        fn = sum(g == v and p != v for g, p in zip(gold, pred, strict=True))
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        scores.append(2 * prec * rec / max(1e-9, prec + rec))
    return float(np.mean(scores))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pairs")
    args = parser.parse_args()
    sick = args.data / "nli" / "sick" / "SICK.txt"
    if not sick.is_file():
        print(
            f"missing {sick}: SICK TRAIN+TRIAL is needed to choose the thresholds", file=sys.stderr
        )
        return 2
    rows = read_sick(sick, {"TRAIN", "TRIAL"})
    if args.limit:
        rows = rows[: args.limit]
    findings, segs = [], []
    for k, (s1, s2, _) in enumerate(rows):
        a = segment(Article(f"a{k}", "sick", s1, "txt"))
        b = segment(Article(f"b{k}", "sick", s2, "txt"))
        if not a.sentences or not b.sentences:
            continue
        # Judged as a related claim: the NLI model and the typed checks decide, not the
        # paraphrase scorer's own acceptance.
        f = dataclasses.replace(
            align_paraphrase(a, b, (0, len(a.sentences) - 1, 0, len(b.sentences) - 1), 1.0, 1.0, 1),
            kind=Kind.CLAIM,
            diff=(),
        )
        findings.append((f, a, b))
        segs.append((a, b))
    gold = [rows[k][2] for k in range(len(findings))]
    model = NLIModel()
    began = time.perf_counter()
    cache = ROOT / "benchmarks" / ".work" / f"sick-nli-{len(findings)}.json"
    if cache.is_file():
        scores = [{k: tuple(v) for k, v in x.items()} for x in json.loads(cache.read_text())]
    else:
        scores = nli_scores(model, [f for f, _, _ in findings])
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(scores))
    print(f"NLI on {len(findings)} pairs both ways: {time.perf_counter() - began:.0f} s")
    # The typed checks do not depend on the thresholds: compute them once per pair.
    checks = judge_module.run_checks
    memo: dict[tuple[str, str], list] = {}
    judge_module.run_checks = lambda a, b, diff, da, db: memo.setdefault(  # type: ignore
        (a.article, b.article), checks(a, b, diff, da, db)
    )
    best = (-1.0, Thresholds())
    grid = np.round(np.arange(0.3, 0.91, 0.1), 2)
    for c, e, d in itertools.product(grid, grid, np.round(np.arange(0.1, 0.61, 0.1), 2)):
        t = Thresholds(float(c), float(e), float(d))
        pred = [judge(f, a, b, s, t).verdict for (f, a, b), s in zip(findings, scores, strict=True)]
        score = macro_f1(gold, pred)
        if score > best[0]:
            best = (score, t)
    print(
        f"best macro-F1 {best[0]:.4f} on SICK TRAIN+TRIAL ({len(findings)} pairs): "
        f"nli_contradict_min={best[1].contradict} nli_entail_min={best[1].entail} "
        f"nli_direction_min={best[1].direction}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
