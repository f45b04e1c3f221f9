"""Issue 15 item 3: `overlap compare` of real articles, the local engine against `--engine ray`
on a local Ray cluster of two workers, on the same files, one run after the other, in one
invocation (so both see the same hour's load). The articles: the first of the 1,000 that
benchmarks/ray_engine.py indexes (Reuters-21578 stories in JSONL files of 50, and BBC articles
taken evenly over its 5 topics; development data, no test split), written under WORK.

    nice -n 10 python -m benchmarks.ray_compare [--articles 200] [--work DIR] [--threads 2]

Each run: wall and CPU seconds and the driver's peak memory from /usr/bin/time, Ray's processes'
peak memory by stage sampled from /proc (benchmarks/ray_engine.py), the 1-minute load before
and after, and whether the two JSON results are equal but for the run's timings (they are at
equal torch threads, 1; at 2 local threads the encoder's bf16 kernels round otherwise).
No embedding cache, no judging. Writes benchmarks/results/sections/16-ray-compare-issue-15.md
(and WORK/compare-runs.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from .archive_runs import first_articles
from .ray_engine import STORIES_PER_FILE, _commit, _run
from .reuters import BBC

ROOT = Path(__file__).resolve().parent.parent
SECTION = ROOT / "benchmarks" / "results" / "sections" / "16-ray-compare-issue-15.md"


def _inputs(work: Path, articles: int) -> list[str]:
    """Half Reuters stories (whole JSONL files of 50), half BBC articles taken evenly."""
    first, _, _ = first_articles(work / "data", per_file=STORIES_PER_FILE)
    jsonl = [p for p in first if p.endswith(".jsonl")]
    bbc = [p for p in first if not p.endswith(".jsonl")]
    files = max(1, articles // 2 // STORIES_PER_FILE)
    wanted = max(1, articles - files * STORIES_PER_FILE)
    return jsonl[:files] + bbc[:: max(1, len(bbc) // wanted)][:wanted]


def _document(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("run", None)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (kept)")
    parser.add_argument("--workers", type=int, default=2, help="Ray workers (CPUs)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads, local engine")
    parser.add_argument("--out", type=Path, default=SECTION)
    parser.add_argument("--render-only", action="store_true")
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        raise SystemExit(f"news corpus missing: {BBC} (../shared/data/news)")
    work = args.work or Path(tempfile.mkdtemp(prefix="overlap-ray-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    runs_file = work / "compare-runs.json"
    if not args.render_only:
        inputs = _inputs(work, args.articles)
        envs = {
            "local": {**os.environ, "OMP_NUM_THREADS": str(args.threads)},
            "ray": {**os.environ, "OVERLAP_RAY_WORKERS": str(args.workers)},
        }
        runs: dict = {"commit": _commit()}  # before the runs: what they ran
        for engine in ("local", "ray"):
            out = work / f"compare-{engine}.json"
            cmd = [sys.executable, "-m", "overlap", "compare", *inputs, "--engine", engine]
            cmd += ["--no-cache", "--no-judge", "--json", str(out), "-q", "--no-progress"]
            runs[engine] = _run(cmd, envs[engine], sample=engine == "ray")
            runs[engine]["findings"] = len(_document(out).get("findings", []))
        same = _document(work / "compare-local.json") == _document(work / "compare-ray.json")
        runs.update(
            inputs=len(inputs),
            articles=len(_document(work / "compare-local.json").get("articles", [])),
            same_json=same,
            workers=args.workers,
            threads=args.threads,
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        )
        runs_file.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    runs = json.loads(runs_file.read_text(encoding="utf-8"))
    args.out.write_text(_render(runs), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


def _render(runs: dict) -> str:
    local, ray = runs["local"], runs["ray"]
    workers = {k: v for k, v in ray["ray_peaks_mib"].items() if k.startswith("ray::")}
    rows = [
        f"| {name} | {r['began']}-{r['ended']} | {r['seconds']} | {r['driver_cpu_seconds']} "
        f"| {r['driver_peak_mib']} | {r['findings']} | {r['load']} |"
        for name, r in (("local", local), (f"ray, {runs['workers']} workers", ray))
    ]
    same = "equal" if runs["same_json"] else "not equal"
    return "\n".join(
        [
            "## Ray engine: `compare` on two workers against the local engine (issue 15 item 3)",
            "",
            f"Measured {runs['date']} on {os.cpu_count()} cores ({platform.machine()}) shared "
            f"with other sessions' jobs; overlap at {runs['commit']}. "
            f"`nice -n 10 python -m benchmarks.ray_compare --articles {runs['articles']} "
            f"--threads {runs['threads']}`: both engines on the same {runs['articles']} real "
            "articles (Reuters-21578 stories and BBC articles; development data, no test split), "
            "one after the other in one invocation, no embedding cache, no judging. Local: one "
            f"process, torch at {runs['threads']} threads. Ray: a local cluster of "
            f"{runs['workers']} workers started by the run (what that commit runs on the "
            "cluster: engines/ray_compare.py), one torch thread per worker.",
            "",
            "| engine | UTC | wall s | driver CPU s | driver peak MiB | findings | load |",
            "|---|---|---:|---:|---:|---:|---|",
            *rows,
            "",
            f"Ray / local wall time: {ray['seconds'] / local['seconds']:.2f}. JSON results (run "
            f"timings aside): {same}"
            + (
                "."
                if runs["same_json"] or runs["threads"] == 1
                else " (expected: the local "
                "encoder ran at more than one torch thread, whose bf16 kernels round otherwise; "
                "tests/test_ray_engine.py compares the two at one thread)."
            ),
            "",
            "On one machine of two shared cores Ray has no CPU to win: it adds its own start "
            "(about 20 s), each model actor's load, and each Ray Data stage's scheduling and "
            "object transfers, while the local run's two torch threads use the same two cores. "
            "The engine is for more than one machine; here it shows the same findings.",
            "",
            "Peak resident memory of each Ray process, by the stage it ran:",
            "",
            "| Ray process | peak MiB |",
            "|---|---:|",
            *[f"| `{k}` | {v} |" for k, v in workers.items()],
            "",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
