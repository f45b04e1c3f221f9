"""The scale benchmark: `compare` on a corpus with planted reuse, real news or synthetic filler
around the plants; time, CPU, peak memory, findings per 1,000 articles and recall of the plants.

    python -m benchmarks run scale.track_real --set articles=1000     # 10000; 0 = all
    python -m benchmarks run scale.track_synthetic --set articles=1000

Real background (`track_real`): the 19,043 Reuters-21578 stories that have a body (paragraphs
rejoined from the hard-wrapped wire layout, benchmarks/reuters.py) and the 2,225 BBC articles
(bodies; titles left out), 21,268 in all, shuffled with `seed`; `articles=N` takes the first N
of that order, so a smaller run is a subset of a larger one. (The issue's 23,803 also counts the
2,535 Reuters stories that have a title only: a headline and no text.) The plants are those of
`synthetic.build_corpus`, scaled per 1,000 articles: verbatim and edited passages of public
train/dev sentences, MRPC/PAN test paraphrases, MRPC test hard negatives, put between the real
paragraphs. Background findings there are real reuse between real articles (Reuters reissues,
BBC duplicate files, stock wording of wire forms), not false positives: they are counted per
1,000 articles, and precision is only measured on the synthetic filler (`track_synthetic`),
where every true copy is a planted one.

Each run is one fresh process (its peak RSS is its own; VmHWM), cold, without a cache, judge
off unless `judge=on`. Its findings, plant list and a summary are kept under
benchmarks/.work/scale/ for a second look (`plants.evaluate` scores them again).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from .. import DATA, ROOT, WORK
from ..data import require
from ..harness import figure, peak_rss_mib
from ..plants import BG_CAPTIONS, BG_PASSAGE, BG_UNRELATED, PLANTED, evaluate

SECTION = "scale on real news (issue 12)"
SCALE = WORK / "scale"
GROUPS = {
    "verbatim": "verbatim",
    "edited": "edited",
    "paraphrase (MRPC test)": "paraphrase MRPC",
    "paraphrase (PAN test)": "paraphrase PAN",
}


def _child(inputs: str, out: str, judge: bool) -> None:
    """Run compare once (in a fresh process) and write what the parent scores, as JSON."""
    import resource

    began = time.perf_counter()
    from overlap.config import Settings
    from overlap.pipeline import compare

    result = compare([inputs], Settings(cache_path=None, judge=judge))
    wall = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = result.stats
    payload = {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mib": peak_rss_mib(),  # VmHWM: ru_maxrss is carried over exec from the parent
        "articles": len(result.articles),
        "sentences": sum(len(s.sentences) for s in result.segmented),
        "passages": stats.passages if stats else None,
        "stages": stats.stages if stats else {},
        # Article pairs by how much of one story the other holds (near_duplicates.py).
        "pairs": {
            str(label): sum(1 for d in result.pair_duplication if d.label == label)
            for label in {d.label for d in result.pair_duplication}
        },
        "findings": [
            {
                "kind": str(f.kind),
                "score": f.score,
                "lexical": f.lexical,
                "semantic": f.semantic,
                "verdict": str(j.verdict) if (j := getattr(f, "judgement", None)) else None,
                "a": {"article": f.a.article, "start": f.a.start, "end": f.a.end, "text": f.a.text},
                "b": {"article": f.b.article, "start": f.b.start, "end": f.b.end, "text": f.b.text},
            }
            for f in result.findings
        ],
    }
    Path(out).write_text(json.dumps(payload), encoding="utf-8")


def fresh_compare(inputs: Path, out: Path, judge: bool) -> dict:
    """`_child` in a fresh interpreter; its JSON, with the load average before -> after."""
    code = (
        "import sys; from benchmarks.tasks.scale import _child; "
        "_child(sys.argv[1], sys.argv[2], sys.argv[3] == '1')"
    )
    before = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, "-c", code, str(inputs), str(out), "1" if judge else "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"compare failed on {inputs}: {done.stderr.strip()[-2000:]}")
    run = json.loads(out.read_text(encoding="utf-8"))
    run["load"] = [before, os.getloadavg()[0]]
    return run


def real_background(seed: int) -> list[tuple[str, list[str]]]:
    """Reuters bodies and BBC articles as (id, paragraphs), in a seeded random order."""
    from .. import reuters

    items = [
        (s.id, reuters.paragraphs(s.body or ""))
        for s in reuters.with_body(reuters.read_reuters(require("reuters")))
    ]
    items += [(a.id, list(a.paragraphs)) for a in reuters.read_bbc(require("bbc"))]
    items = [(i, p) for i, p in items if p]
    random.Random(seed).shuffle(items)
    return items


def _scale_run(label: str, articles: int, seed: int, judge: str, real: bool) -> dict:
    """Build the corpus, compare it in a fresh process, score the plants; the figures."""
    from ..synthetic import build_corpus

    background = real_background(seed)[: articles or None] if real else None
    n = len(background) if background is not None else articles
    work = SCALE / f"{label}-n{n}-seed{seed}"
    corpus = build_corpus(DATA, work, n, seed, background=background)
    run = fresh_compare(corpus.directory, work / "run.json", judge == "on")
    plants_doc = json.loads(corpus.plants_path.read_text(encoding="utf-8"))
    ev = evaluate(plants_doc, run["findings"])
    reuse = sum(ev["categories"].values())
    background_found = sum(
        ev["categories"].get(c, 0) for c in (BG_UNRELATED, BG_CAPTIONS, BG_PASSAGE)
    )
    at = f"{n:,} {label}"
    out: dict[str, tuple[float | int | str, str]] = {
        f"{at}: compare wall": (round(run["wall_s"]), "s"),
        f"{at}: compare CPU": (round(run["cpu_s"]), "s"),
        f"{at}: peak RSS": (round(run["rss_mib"]), "MiB"),
        f"{at}: sentences": (run["sentences"], "sentences"),
        f"{at}: characters": (round(corpus.chars / 1e6, 2), "M"),
        f"{at}: reuse findings per 1,000 articles": (round(1000 * reuse / n, 1), "findings"),
        f"{at}: background findings per 1,000 articles": (
            round(1000 * background_found / n, 1),
            "findings",
        ),
    }
    for key, stage_s in run["stages"].items():
        out[f"{at}: stage {key}"] = (round(stage_s), "s")
    for group, name in GROUPS.items():
        if group in ev["groups"]:
            g = ev["groups"][group]
            out[f"{at}: recall {name}"] = (
                round(100 * g["found"] / g["planted"], 1),
                f"% of {g['planted']}",
            )
    if "hard_negative" in ev["groups"]:
        g = ev["groups"]["hard_negative"]
        out[f"{at}: hard negatives flagged"] = (
            round(100 * g["found"] / g["planted"], 1),
            f"% of {g['planted']}",
        )
    if not real and ev["precision"] is not None:
        out[f"{at}: precision"] = (round(100 * ev["precision"], 1), "%")
    summary = {
        "articles": n,
        "seed": seed,
        "judge": judge,
        "when": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        **{k: run[k] for k in ("wall_s", "cpu_s", "rss_mib", "sentences", "stages", "load")},
        "chars": corpus.chars,
        "planted": plants_doc["planted"],
        "categories": dict(ev["categories"]),
        "recall": {g: [r["found"], r["planted"]] for g, r in ev["groups"].items()},
        "planted_found": ev["categories"].get(PLANTED, 0),
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return out


@figure(data=("reuters", "bbc", "mrpc", "pan"))
def track_real(articles: int = 1000, seed: int = 13, judge: str = "off") -> dict:
    """compare on real news (Reuters + BBC) with planted reuse: cost, findings, recall."""
    return _scale_run("real", int(articles), int(seed), judge, real=True)


@figure(data=("mrpc", "pan", "stsb", "snli"))
def track_synthetic(articles: int = 1000, seed: int = 13, judge: str = "off") -> dict:
    """compare on synthetic filler with planted reuse: cost, recall and precision."""
    return _scale_run("synthetic", int(articles), int(seed), judge, real=False)
