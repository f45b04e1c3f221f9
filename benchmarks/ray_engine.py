"""Issue 15 item 3: `overlap index add` of 1,000 real articles, the local engine against
`--engine ray` on a local Ray cluster of two workers, same data, one run after the other. The
articles: the first 500 Reuters-21578 stories with a body (10 JSONL files of 50) and 100 BBC
articles of each of its 5 topics (one file each); development data, no test split, written
under WORK (outside the repository). Each engine builds a fresh index with no embedding cache.

Measured from outside: wall and CPU seconds and the driver's peak memory from /usr/bin/time,
and for Ray each worker process's peak resident memory by the stage it ran (Ray names its
processes `ray::<stage>`), sampled from /proc every 0.2 s, with Ray's own daemons beside.

    nice -n 10 python -m benchmarks.ray_engine [--work DIR] [--workers 2] [--threads 2]

Needs the ray extra (pip install 'overlap[ray]') in the interpreter that runs it. Writes
benchmarks/results/sections/16-ray-engine-issue-15.md (and WORK/runs.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .archive_runs import first_articles, index_rows, timed
from .reuters import BBC

ROOT = Path(__file__).resolve().parent.parent
SECTION = ROOT / "benchmarks" / "results" / "sections" / "16-ray-engine-issue-15.md"
STORIES_PER_FILE = 50
# Ray's daemons, reported apart from the workers that run the stages.
DAEMONS = ("raylet", "gcs_server", "dashboard", "log_monitor", "monitor.py", "runtime_env")


def _inputs(work: Path) -> list[str]:
    first, _, _ = first_articles(work / "data", per_file=STORIES_PER_FILE)
    return first


def _process_rss() -> dict[int, tuple[str, float, float]]:
    """pid -> (name, resident MiB, CPU seconds so far) of every process whose name is Ray's."""
    out = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            cmdline = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        name = cmdline.split(" ")[0] if cmdline.startswith("ray::") else None
        if name is None:
            name = next((d for d in DAEMONS if d in cmdline and "ray" in cmdline), None)
        rss = fields.get("VmRSS", "").strip().split(" ")[0]
        try:
            stat = (status.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        if name and rss.isdigit():
            out[int(status.parent.name)] = (name, int(rss) / 1024, cpu)
    return out


def _run(cmd: list[str], env: dict[str, str], sample: bool) -> dict:
    """Wall and CPU seconds and the driver's peak memory; with `sample`, the peak resident
    memory of each Ray process by the stage names it took."""
    peaks: dict[str, float] = defaultdict(float)
    cpu: dict[int, float] = {}

    def sampler() -> Callable[[], None]:
        stop = threading.Event()

        def sample_until_stopped() -> None:
            while not stop.is_set():
                for pid, (name, mib, seconds) in _process_rss().items():
                    peaks[name] = max(peaks[name], mib)
                    cpu[pid] = max(cpu.get(pid, 0.0), seconds)
                stop.wait(0.2)

        threading.Thread(target=sample_until_stopped, daemon=True).start()
        return stop.set

    figures, stderr = timed(cmd, env, alongside=sampler if sample else None)
    summary = [line for line in stderr.splitlines() if line.startswith("index ")]
    return {
        "seconds": figures["seconds"],
        "driver_cpu_seconds": figures["cpu_seconds"],
        "driver_peak_mib": figures["peak_mib"],
        "load": figures["load"],
        "summary": summary[-1] if summary else "",
        "ray_peaks_mib": {k: round(v, 1) for k, v in sorted(peaks.items())},
        "ray_cpu_seconds": round(sum(cpu.values()), 1),  # workers and daemons, as last sampled
        "began": figures["began"],
        "ended": figures["ended"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (kept)")
    parser.add_argument("--workers", type=int, default=2, help="Ray workers (CPUs)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads, local engine")
    parser.add_argument("--out", type=Path, default=SECTION)
    parser.add_argument("--render-only", action="store_true")
    parser.add_argument("--engines", default="local,ray", help="which runs to make now")
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        raise SystemExit(f"news corpus missing: {BBC} (../shared/data/news)")
    work = args.work or Path(tempfile.mkdtemp(prefix="overlap-ray-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runs_file = work / "runs.json"
    if not args.render_only:
        inputs = _inputs(work)
        base = [
            sys.executable,
            "-m",
            "overlap",
            "index",
            "add",
            *inputs,
            "--no-cache",
            "--no-progress",
        ]
        envs = {
            "local": {**os.environ, "OMP_NUM_THREADS": str(args.threads)},
            "ray": {**os.environ, "OVERLAP_RAY_WORKERS": str(args.workers)},
        }
        runs = json.loads(runs_file.read_text(encoding="utf-8")) if runs_file.exists() else {}
        for engine in args.engines.split(","):
            cmd = [*base, "--index", str(work / f"idx-{engine}"), "--engine", engine]
            runs[engine] = _run(cmd, envs[engine], sample=engine == "ray")
            runs_file.write_text(json.dumps(runs, indent=2), encoding="utf-8")
        runs.update(
            workers=args.workers,
            threads=args.threads,
            commit=_commit(),
            date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        )
        if "local" in runs and "ray" in runs:
            runs["same_index"] = _same(work / "idx-local", work / "idx-ray")
        runs_file.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    runs = json.loads(runs_file.read_text(encoding="utf-8"))
    args.out.write_text(_render(runs), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


def _same(a: Path, b: Path) -> bool:
    return index_rows(a) == index_rows(b)


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


def _render(runs: dict) -> str:
    local, ray = runs["local"], runs["ray"]
    workers = {k: v for k, v in ray["ray_peaks_mib"].items() if k.startswith("ray::")}
    daemons = {k: v for k, v in ray["ray_peaks_mib"].items() if not k.startswith("ray::")}
    lines = [
        "## Ray engine: `index add` on two workers (issue 15 item 3)",
        "",
        f"Measured {runs['date']} on {os.cpu_count()} cores ({platform.machine()}), shared with "
        f"other jobs; overlap at {runs['commit']}. `nice -n 10 python -m benchmarks.ray_engine`.",
        "",
        "1,000 real articles (the first 500 Reuters-21578 stories with a body in 10 JSONL files,",
        "100 BBC articles of each topic; development data, no test split), a fresh index each,",
        f"no embedding cache. Local: one process, torch at {runs['threads']} threads. Ray: a local",
        f"cluster of {runs['workers']} workers started by the run, one torch thread per worker.",
        "",
        "| engine | seconds | driver CPU s | driver peak MiB | load before → after |",
        "|---|---:|---:|---:|---|",
    ]
    for name, r in (("local", local), (f"ray, {runs['workers']} workers", ray)):
        lines.append(
            f"| {name} | {r['seconds']} | {r['driver_cpu_seconds']} | {r['driver_peak_mib']} "
            f"| {r['load']} |"
        )
    ratio = local["seconds"] / ray["seconds"] if ray["seconds"] else float("nan")
    lines += [
        "",
        f"Ray / local wall time: {ray['seconds'] / local['seconds']:.2f} "
        f"(local is {ratio:.2f}× the Ray run's time). Both indexes hold the same rows, table "
        f"by table: {'yes' if runs['same_index'] else 'NO'}. Local: `{local['summary']}`.",
        "",
        "Peak resident memory of each Ray process, by the stage it ran (a worker process takes",
        "the name of the task or actor it runs; sampled every 0.2 s):",
        "",
        "| Ray process | peak MiB |",
        "|---|---:|",
        *[f"| `{k}` | {v} |" for k, v in workers.items()],
        *[f"| {k} (Ray daemon) | {v} |" for k, v in daemons.items()],
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
