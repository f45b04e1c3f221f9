"""Accuracy on public test splits against published figures: STS-B, MRPC, PAN sentences, Clough &
Stevenson, SNLI and SICK. Thresholds come from train splits only (Clough & Stevenson has none:
its rule was fixed in advance, and is cross-validated by task beside it). `--set
precision=bf16|fp32` (bf16 weights are what `compare` uses). Speed: tasks/field_speed.py."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import numpy as np

from .. import field_common as fc
from ..harness import figure

SECTION = "Measured against the field (issue 6)"


def _pct(x: float) -> float:
    return round(100 * x, 1)


@figure(unit="", anchor="82.03 (all-MiniLM-L6-v2 model card)", data=("stsb",))
def track_stsb_spearman(precision: str = "bf16") -> float:
    """STS-B test: Spearman × 100 of the embedding cosine."""
    from scipy.stats import spearmanr

    sts = fc.stsb_test()
    return round(100 * float(spearmanr(fc.cosines(sts, precision), sts.y).statistic), 2)


@figure(
    unit="%",
    anchor={
        "accuracy": "84.8 (BERT-base fine-tuned on MRPC, GLUE)",
        "F1": "88.9 (BERT-base fine-tuned on MRPC, GLUE)",
    },
    data=("mrpc",),
)
def track_mrpc_cosine_baseline(precision: str = "bf16") -> dict:
    """MRPC test: cosine ≥ the threshold that is best on MRPC train."""
    train, test = fc.mrpc("train"), fc.mrpc("test")
    cut = fc.fit_threshold(fc.cosines(train, precision), train.y)
    got = fc.binary_scores(fc.cosines(test, precision) >= cut, test.y)
    return {
        "accuracy": _pct(got["accuracy"]),
        "F1": _pct(got["f1"]),
        "threshold": (round(cut, 3), ""),
    }


@figure(unit="%", data=("mrpc",))
def track_mrpc_scorer(precision: str = "bf16") -> dict:
    """MRPC test: the shipped paraphrase scorer at its two bars, and always "paraphrase".

    The bars: for unrelated articles, and for articles already sharing copied text."""
    from overlap.paraphrase import load_model

    test = fc.mrpc("test")
    prob = fc.scorer_probabilities(test, fc.cosines(test, precision))
    scorer, out = load_model(), {}
    for bar, cut in (("unrelated", scorer.threshold), ("related", scorer.threshold_related)):
        got = fc.binary_scores(prob >= cut, test.y)
        out[f"{bar} accuracy"], out[f"{bar} F1"] = _pct(got["accuracy"]), _pct(got["f1"])
    majority = fc.binary_scores(np.ones(len(test.y), bool), test.y)
    out["always paraphrase accuracy"] = _pct(majority["accuracy"])
    return out


@figure(unit="%", data=("pan",))
def track_pan_sentences(precision: str = "bf16") -> dict:
    """PAN sentences test accuracy: the shipped scorer, and thresholds chosen on PAN train.

    The scorer at its two bars and at a PAN-train threshold; the cosine at a PAN-train one."""
    from overlap.paraphrase import load_model

    train, test = fc.pan("train"), fc.pan("test")
    cos_train, cos_test = fc.cosines(train, precision), fc.cosines(test, precision)
    p_train = fc.scorer_probabilities(train, cos_train)
    p_test = fc.scorer_probabilities(test, cos_test)
    scorer = load_model()
    decisions = {
        "scorer, bar for unrelated articles": p_test >= scorer.threshold,
        "scorer, bar for related articles": p_test >= scorer.threshold_related,
        "scorer, PAN-train threshold": p_test >= fc.fit_threshold(p_train, train.y),
        "cosine baseline, PAN-train threshold": cos_test >= fc.fit_threshold(cos_train, train.y),
    }
    return {k: _pct(fc.binary_scores(v, test.y)["accuracy"]) for k, v in decisions.items()}


# --------------------------------------------------------------------------- Clough & Stevenson

LEVELS = ("cut", "light", "heavy", "non")
# Fixed before any result was seen (there is no train split): a cascade on the share of the
# answer's characters that overlap's findings with the source cover.
RULE = {"cut": 0.5, "light": 0.4, "heavy": 0.2}  # verbatim share, +edited share, +paraphrase share
SHARES = {"v": {"verbatim"}, "e": {"verbatim", "edited"}, "r": {"verbatim", "edited", "paraphrase"}}


def _level(row: dict, cuts: dict[str, float]) -> str:
    if row["v"] >= cuts["cut"]:
        return "cut"
    if row["e"] >= cuts["light"]:
        return "light"
    return "heavy" if row["r"] >= cuts["heavy"] else "non"


def _covered(text: str, spans: list[tuple[int, int]]) -> float:
    """Share of the non-space characters of `text` inside any span."""
    mask = np.zeros(len(text), bool)
    for s, e in spans:
        mask[s:e] = True
    chars = np.array([not c.isspace() for c in text], bool)
    return float((mask & chars).sum() / max(1, chars.sum()))


def clough_shares(folder: Path) -> list[dict]:
    """Each task's answers compared with its source (one `compare` per task, judging off): the
    share of each answer covered by verbatim (v), +edited (e), +paraphrase (r) findings."""
    import csv

    from overlap import Settings, compare

    with open(folder / "file_information.csv", encoding="utf-8", newline="") as fh:
        info = [r for r in csv.DictReader(fh) if r["Category"] in LEVELS]
    rows = []
    for task in sorted({r["Task"] for r in info}):
        answers = [r for r in info if r["Task"] == task]
        source = folder / f"orig_task{task}.txt"
        paths = [str(source)] + [str(folder / r["File"]) for r in answers]
        result = compare(paths, Settings(cache_path=fc.CACHE, judge=False))
        by_name = {Path(a.source).name: a for a in result.articles}
        src = by_name[source.name]
        for r in answers:
            art = by_name.get(r["File"])  # an answer that could not be read scores nothing
            row = {"Task": task, "Category": r["Category"], "v": 0.0, "e": 0.0, "r": 0.0}
            for name, kinds in SHARES.items() if art else ():
                spans = [
                    (y.start, y.end)
                    for f in result.findings
                    if f.kind.value in kinds
                    for x, y in ((f.a, f.b), (f.b, f.a))
                    if x.article == src.id and y.article == art.id
                ]
                row[name] = _covered(art.text, spans)
            rows.append(row)
    return rows


def _leave_one_task_out(rows: list[dict]) -> list[str]:
    """For each task: the cascade cut-points with the best accuracy on the other four tasks
    (ties: the first in grid order), applied to this task's answers."""
    grid = [float(x) for x in np.round(np.arange(0.05, 0.951, 0.05), 2)]
    preds = [""] * len(rows)
    for task in sorted({r["Task"] for r in rows}):
        train = [r for r in rows if r["Task"] != task]
        best = max(
            (
                dict(zip(("cut", "light", "heavy"), t, strict=True))
                for t in itertools.product(grid, grid, grid)
            ),
            key=lambda t: sum(_level(r, t) == r["Category"] for r in train),
        )  # max keeps the first of equals: the first in grid order
        for i, r in enumerate(rows):
            if r["Task"] == task:
                preds[i] = _level(r, best)
    return preds


@figure(unit="%", data=("clough",))
def track_clough_levels() -> dict:
    """Clough & Stevenson: reuse level of each answer (cut / light / heavy / non), accuracy.

    From the shares overlap's findings cover, by the rule fixed in advance and by cut-points
    chosen leave-one-task-out."""
    rows = clough_shares(fc.DATA / fc.loaders.SETS["clough"][0])
    truth = [r["Category"] for r in rows]
    out = {}
    for name, pred in (
        ("rule fixed in advance", [_level(r, RULE) for r in rows]),
        ("leave-one-task-out", _leave_one_task_out(rows)),
    ):
        out[f"{name}, 4 levels"] = _pct(np.mean([t == p for t, p in zip(truth, pred, strict=True)]))
        out[f"{name}, reuse vs non"] = _pct(
            np.mean([(t == "non") == (p == "non") for t, p in zip(truth, pred, strict=True)])
        )
    return out


# --------------------------------------------------------------------------- NLI


def _nli_sets(limit: int | None) -> dict[str, list[tuple[str, str, str]]]:
    from overlap.nli import LABELS

    from .. import data
    from ..training.train_nli import detok  # SNLI is PTB-tokenised ('packages .')

    snli = [(detok(p.a), detok(p.b), p.label) for p in data.snli("test")]
    sick = [(p.a, p.b, p.label) for p in data.sick("TEST")]
    return {
        name: [x for x in items if x[2] in LABELS][:limit]
        for name, items in (("SNLI test", snli), ("SICK TEST", sick))
    }


@figure(unit="", data=("snli", "sick"))
def track_nli_sets(limit: int | None = None) -> dict:
    """SNLI test and SICK TEST through the judge's NLI model (`--set limit=N` pairs per set).

    3-way accuracy, contradiction (P ≥ the judge's threshold) precision / recall; pairs/s."""
    from overlap import Settings
    from overlap.models import load_nli
    from overlap.nli import LABELS

    model, problem = load_nli()
    if model is None:
        raise RuntimeError(problem or "no NLI model")
    contra = LABELS.index("contradiction")
    out: dict = {}
    for name, items in _nli_sets(int(limit) if limit else None).items():
        began = time.perf_counter()
        probs = np.asarray(model.predict([(a, b) for a, b, _ in items]))
        seconds = time.perf_counter() - began
        gold = np.array([LABELS.index(x[2]) for x in items])
        said = probs[:, contra] >= Settings().nli_contradict_min
        got = fc.binary_scores(said, (gold == contra).astype(int))
        out[f"{name} accuracy"] = (_pct(float((probs.argmax(axis=1) == gold).mean())), "%")
        out[f"{name} contradiction precision"] = (_pct(got["precision"]), "%")
        out[f"{name} contradiction recall"] = (_pct(got["recall"]), "%")
        out[f"{name} pairs/s"] = (round(len(items) / seconds), "pairs/s")
    return out
