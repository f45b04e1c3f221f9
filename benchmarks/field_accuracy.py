"""Accuracy parts of the field benchmark: STS-B, MRPC, PAN sentences, Clough & Stevenson, NLI.

Every threshold is chosen on a train split (or fixed in advance, Clough & Stevenson having none);
test splits are scored once.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import numpy as np
from field_common import (
    CACHE,
    CLOUGH,
    SICK,
    SNLI_TEST,
    Missing,
    binary_scores,
    cosines,
    fit_threshold,
    log,
    mrpc,
    need,
    pan,
    scorer_probabilities,
    stsb_test,
)

PRECISIONS = ("fp32", "bf16")


def sentence_sets(data: Path) -> dict:
    """STS-B, MRPC and PAN in both precisions: the figures that must not move by 0.5 points."""
    from scipy.stats import spearmanr

    out: dict = {}
    for precision in PRECISIONS:
        began = time.perf_counter()
        res: dict = {}
        try:
            sts = stsb_test(data)
            res["stsb"] = {
                "spearman": 100 * float(spearmanr(cosines(sts, precision), sts.y).statistic),
                "n": len(sts.y),
            }
        except Missing as exc:
            res["stsb"] = {"missing": str(exc)}
        try:
            train, test = mrpc(data, "train"), mrpc(data, "test")
            cos_train, cos_test = cosines(train, precision), cosines(test, precision)
            from overlap.paraphrase import load_model

            scorer = load_model()
            shipped = scorer.threshold
            related = getattr(scorer, "threshold_related", shipped)
            prob = scorer_probabilities(test, cos_test)
            t_cos = fit_threshold(cos_train, train.y)
            res["mrpc"] = {
                "scorer": {**binary_scores(prob >= shipped, test.y), "threshold": shipped},
                "scorer_related": {**binary_scores(prob >= related, test.y), "threshold": related},
                "cosine": {**binary_scores(cos_test >= t_cos, test.y), "threshold": t_cos},
                "majority": binary_scores(np.ones(len(test.y), bool), test.y),
            }
        except Missing as exc:
            res["mrpc"] = {"missing": str(exc)}
        try:
            train, test = pan(data, "train"), pan(data, "test")
            cos_train, cos_test = cosines(train, precision), cosines(test, precision)
            from overlap.paraphrase import load_model

            scorer = load_model()
            shipped = scorer.threshold
            related = getattr(scorer, "threshold_related", shipped)
            p_train = scorer_probabilities(train, cos_train)
            p_test = scorer_probabilities(test, cos_test)
            t_prob = fit_threshold(p_train, train.y)
            t_cos = fit_threshold(cos_train, train.y)
            res["pan"] = {
                "scorer_shipped": {
                    **binary_scores(p_test >= shipped, test.y),
                    "threshold": shipped,
                },
                "scorer_related": {
                    **binary_scores(p_test >= related, test.y),
                    "threshold": related,
                },
                "scorer_pan": {**binary_scores(p_test >= t_prob, test.y), "threshold": t_prob},
                "cosine": {**binary_scores(cos_test >= t_cos, test.y), "threshold": t_cos},
                "n_train": len(train.y),
            }
        except Missing as exc:
            res["pan"] = {"missing": str(exc)}
        res["seconds"] = time.perf_counter() - began
        log(f"  sentence sets, {precision}: {time.perf_counter() - began:.0f} s")
        out[precision] = res
    return out


# --------------------------------------------------------------------------- Clough & Stevenson

LEVELS = ("cut", "light", "heavy", "non")
# Fixed before any result was seen (there is no train split): a cascade on the share of the
# answer's characters that overlap's findings with the source cover.
RULE = {"cut": 0.5, "light": 0.4, "heavy": 0.2}  # verbatim share, +edited share, +paraphrase share


def _level(v: float, e: float, r: float, t: dict[str, float]) -> str:
    if v >= t["cut"]:
        return "cut"
    if e >= t["light"]:
        return "light"
    if r >= t["heavy"]:
        return "heavy"
    return "non"


def clough(data: Path) -> dict:
    """Each task's 19 answers compared with their source (one `compare` per task, judging off);
    the covered shares mapped to a reuse level by RULE, and by leave-one-task-out cut-points."""
    import csv

    from overlap import Settings, compare

    (folder,) = need(data, CLOUGH)
    with open(folder / "file_information.csv", encoding="utf-8", newline="") as fh:
        info = [r for r in csv.DictReader(fh) if r["Category"] in LEVELS]
    began = time.perf_counter()
    rows = []
    for task in sorted({r["Task"] for r in info}):
        answers = [r for r in info if r["Task"] == task]
        source = folder / f"orig_task{task}.txt"
        paths = [str(source)] + [str(folder / r["File"]) for r in answers]
        result = compare(paths, Settings(cache_path=CACHE, judge=False))
        by_name = {Path(a.source).name: a for a in result.articles}
        src = by_name[source.name]
        for r in answers:
            art = by_name.get(r["File"])
            if art is None:
                rows.append({**r, "v": 0.0, "e": 0.0, "r": 0.0, "skipped": True})
                continue
            shares = {}
            for name, kinds in (
                ("v", {"verbatim"}),
                ("e", {"verbatim", "edited"}),
                ("r", {"verbatim", "edited", "paraphrase"}),
            ):
                spans = []
                for f in result.findings:
                    if f.kind.value not in kinds:
                        continue
                    if f.a.article == src.id and f.b.article == art.id:
                        spans.append((f.b.start, f.b.end))
                    elif f.b.article == src.id and f.a.article == art.id:
                        spans.append((f.a.start, f.a.end))
                shares[name] = _covered(art.text, spans)
            rows.append({"File": r["File"], "Task": task, "Category": r["Category"], **shares})
    seconds = time.perf_counter() - began
    truth = [r["Category"] for r in rows]
    fixed = [_level(r["v"], r["e"], r["r"], RULE) for r in rows]
    cv = _leave_one_task_out(rows)
    return {
        "rule": RULE,
        "n": len(rows),
        "seconds": seconds,
        "fixed": _confusion(truth, fixed),
        "cv": _confusion(truth, [c for c, _ in cv]),
        "cv_cuts": sorted({str(t) for _, t in cv}),
        "binary_fixed": _binary(truth, fixed),
        "binary_cv": _binary(truth, [c for c, _ in cv]),
        "mean_shares": {
            lvl: {k: float(np.mean([r[k] for r in rows if r["Category"] == lvl])) for k in "ver"}
            for lvl in LEVELS
        },
        "skipped": [r["File"] for r in rows if r.get("skipped")],
    }


def _covered(text: str, spans: list[tuple[int, int]]) -> float:
    """Share of the non-space characters of `text` inside any span."""
    mask = np.zeros(len(text), bool)
    for s, e in spans:
        mask[s:e] = True
    chars = np.array([not c.isspace() for c in text], bool)
    return float((mask & chars).sum() / max(1, chars.sum()))


def _leave_one_task_out(rows: list[dict]) -> list[tuple[str, dict]]:
    """For each task: the cascade cut-points with the best accuracy on the other four tasks
    (ties: the first in grid order), applied to this task's answers."""
    grid = np.round(np.arange(0.05, 0.951, 0.05), 2)
    preds: list[tuple[str, dict] | None] = [None] * len(rows)
    for task in sorted({r["Task"] for r in rows}):
        train = [r for r in rows if r["Task"] != task]
        best, best_t = -1, None
        for tc, tl, th in itertools.product(grid, grid, grid):
            t = {"cut": float(tc), "light": float(tl), "heavy": float(th)}
            right = sum(_level(r["v"], r["e"], r["r"], t) == r["Category"] for r in train)
            if right > best:
                best, best_t = right, t
        for i, r in enumerate(rows):
            if r["Task"] == task:
                preds[i] = (_level(r["v"], r["e"], r["r"], best_t), best_t)
    return [p for p in preds if p is not None]


def _confusion(truth: list[str], pred: list[str]) -> dict:
    matrix = [
        [sum(1 for t, p in zip(truth, pred, strict=False) if t == a and p == b) for b in LEVELS]
        for a in LEVELS
    ]
    return {
        "matrix": matrix,
        "accuracy": float(np.mean([t == p for t, p in zip(truth, pred, strict=False)])),
    }


def _binary(truth: list[str], pred: list[str]) -> float:
    """Reuse (cut/light/heavy) vs non: the question a checker is usually asked."""
    return float(np.mean([(t == "non") == (p == "non") for t, p in zip(truth, pred, strict=False)]))


# --------------------------------------------------------------------------- NLI


def nli(data: Path, max_per_set: int | None) -> dict:
    """SNLI test and SICK TEST through the shipped NLI model and the judge's contradiction rule,
    or the reason they could not run."""
    from overlap.judge import Thresholds, load_nli
    from overlap.nli import LABELS

    model, problem = load_nli()
    if model is None:
        return {"pending": problem or "no NLI model"}
    try:
        from train_nli import detok
    except ImportError:  # the training script moved: SNLI stays tokenised

        def detok(text: str) -> str:
            return text

    sets = {}
    try:
        s1, s2, lab = need(data, *(SNLI_TEST.format(part=p) for p in ("s1", "s2", "labels")))
        items = list(
            zip(
                (detok(x) for x in s1.read_text(encoding="utf-8").splitlines()),
                (detok(x) for x in s2.read_text(encoding="utf-8").splitlines()),
                lab.read_text(encoding="utf-8").split(),
                strict=False,
            )
        )
        sets["SNLI test"] = items
    except Missing as exc:
        sets["SNLI test"] = str(exc)
    try:
        import csv

        (path,) = need(data, SICK)
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["SemEval_set"] == "TEST"]
        sets["SICK TEST"] = [
            (r["sentence_A"], r["sentence_B"], r["entailment_label"].lower()) for r in rows
        ]
    except Missing as exc:
        sets["SICK TEST"] = str(exc)
    contra_min = Thresholds().contradict
    out: dict = {"model": getattr(model, "model_id", "?")}
    for name, items in sets.items():
        if isinstance(items, str):
            out[name] = {"missing": items}
            continue
        items = [x for x in items if x[2] in LABELS][:max_per_set]
        began = time.perf_counter()
        probs = np.asarray(model.predict([(a, b) for a, b, _ in items]))
        seconds = time.perf_counter() - began
        gold = np.array([LABELS.index(x[2]) for x in items])
        pred = probs.argmax(axis=1)
        is_c = gold == LABELS.index("contradiction")
        said_c = probs[:, LABELS.index("contradiction")] >= contra_min
        out[name] = {
            "n": len(items),
            "accuracy": float((pred == gold).mean()),
            "contradiction": binary_scores(said_c, is_c.astype(int)),
            "pairs_per_s": len(items) / seconds,
        }
    return out
