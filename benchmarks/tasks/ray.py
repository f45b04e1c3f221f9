"""Issue 15 item 3: the local engine against `--engine ray` on a local Ray cluster of two
workers, on the same real articles, one run after the other in one invocation.

    nice -n 10 python -m benchmarks run ray.track_index_add --set articles=1000
    nice -n 10 python -m benchmarks run ray.track_compare --set articles=200
    python -m benchmarks run ray.track_compare --set saved=ray-compare-200.json

The articles: the first 500 Reuters-21578 stories with a body (JSONL files of 50) and 100 BBC
articles of each of its 5 topics; `articles=N` takes half Reuters (whole files) and half BBC
(taken evenly over the topics). Development data, no test split, written under benchmarks/.work.
No embedding cache; `compare` without judging. Measured from outside: wall and CPU seconds and
the driver's peak memory from /usr/bin/time, and for Ray each process's peak resident memory by
the stage it ran (Ray names its worker processes `ray::<stage>`), sampled from /proc every
0.2 s, with Ray's own daemons beside. Local: torch at `threads` threads; Ray: one per worker.
`index add` compares the two indexes row by row; `compare` the two JSON results, run timings
aside (equal at one torch thread each; at 2 local threads the encoder's bf16 kernels round
otherwise). Needs the ray extra (pip install 'overlap[ray]'). Each run's raw figures are kept
in its work folder as run.json (`saved=` reads one back, or a copy in benchmarks/results/runs/).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .. import WORK
from ..archive_runs import first_articles, index_rows, read_saved, save_run, timed
from ..harness import Saved, figure

SECTION = "Ray engine: `index add` on two workers (issue 15 item 3)"
COMPARE = "Ray engine: `compare` on two workers against the local engine (issue 15 item 3)"
STORIES_PER_FILE = 50
# Ray's daemons, reported apart from the workers that run the stages.
DAEMONS = ("raylet", "gcs_server", "dashboard", "log_monitor", "monitor.py", "runtime_env")


def _inputs(work: Path, articles: int) -> list[str]:
    """Half Reuters stories (whole JSONL files of 50), half BBC articles taken evenly."""
    first, _, _ = first_articles(work / "data", per_file=STORIES_PER_FILE)
    jsonl = [p for p in first if p.endswith(".jsonl")]
    bbc = [p for p in first if not p.endswith(".jsonl")]
    files = max(1, articles // 2 // STORIES_PER_FILE)
    wanted = max(1, articles - files * STORIES_PER_FILE)
    return jsonl[:files] + bbc[:: max(1, len(bbc) // wanted)][:wanted]


def _ray_processes() -> dict[int, tuple[str, float, float]]:
    """pid -> (name, resident MiB, CPU seconds so far) of every process whose name is Ray's."""
    out = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
            cmdline = (status.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = (status.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = cmdline.split(" ")[0] if cmdline.startswith("ray::") else None
        if name is None:
            name = next((d for d in DAEMONS if d in cmdline and "ray" in cmdline), None)
        rss = fields.get("VmRSS", "").strip().split(" ")[0]
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        if name and rss.isdigit():
            out[int(status.parent.name)] = (name, int(rss) / 1024, cpu)
    return out


def _run(cmd: list[str], env: dict[str, str], sample: bool) -> dict:
    """Wall and CPU seconds and the driver's peak memory; with `sample`, the peak resident
    memory of each Ray process by the stage names it took, and their CPU seconds."""
    peaks: dict[str, float] = defaultdict(float)
    cpu: dict[int, float] = {}

    def sampler() -> Callable[[], None]:
        stop = threading.Event()

        def sample_until_stopped() -> None:
            while not stop.is_set():
                for pid, (name, mib, seconds) in _ray_processes().items():
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


def _engines(work: Path, args: list[str], workers: int, threads: int) -> dict:
    """The same overlap command on the local engine and on Ray, one after the other."""
    envs = {
        "local": {**os.environ, "OMP_NUM_THREADS": str(threads)},
        "ray": {**os.environ, "OVERLAP_RAY_WORKERS": str(workers)},
    }
    runs: dict = {"workers": workers, "threads": threads}
    for engine in ("local", "ray"):
        cmd = [a.replace("{engine}", engine) for a in args]
        cmd = [sys.executable, "-m", "overlap", *cmd, "--engine", engine, "--no-cache"]
        runs[engine] = _run([*cmd, "--no-progress"], envs[engine], sample=engine == "ray")
    return runs


def engine_figures(runs: dict) -> dict[str, tuple[float | int | str, str]]:
    """Each engine's cost, the Ray / local wall ratio, whether the results are equal, and the
    peak memory of each Ray process by its stage (daemons marked)."""
    out: dict[str, tuple[float | int | str, str]] = {}
    for engine, r in (("local", runs["local"]), (f"ray, {runs['workers']} workers", runs["ray"])):
        out[f"{engine}: wall"] = (r["seconds"], "s")
        out[f"{engine}: driver CPU"] = (r["driver_cpu_seconds"], "s")
        out[f"{engine}: driver peak"] = (r["driver_peak_mib"], "MiB")
        if "findings" in r:
            out[f"{engine}: findings"] = (r["findings"], "")
    out["ray: CPU of the Ray processes"] = (runs["ray"]["ray_cpu_seconds"], "s")
    out["ray / local wall time"] = (round(runs["ray"]["seconds"] / runs["local"]["seconds"], 2), "")
    for key in ("same_index", "same_json"):
        if key in runs:
            out[f"equal results ({key.replace('_', ' ')})"] = ("yes" if runs[key] else "NO", "")
    for name, mib in runs["ray"]["ray_peaks_mib"].items():
        kind = "" if name.startswith("ray::") else " (Ray daemon)"
        out[f"peak of `{name}`{kind}"] = (mib, "MiB")
    return out


def _document(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.pop("run", None)  # the run's timings differ by design
    return doc


@figure(data=("reuters", "bbc"))
def track_index_add(
    articles: int = 1000, workers: int = 2, threads: int = 2, saved: str = ""
) -> dict | Saved:
    """`overlap index add` of real news, local engine against Ray: cost, equal indexes."""
    if saved:
        stamp, runs = read_saved(saved)
        return Saved(engine_figures(runs), stamp)
    work = WORK / "ray" / f"index-add-{articles}"
    inputs = _inputs(work, int(articles))
    args = ["index", "add", *inputs, "--index", str(work / "idx-{engine}")]
    runs = _engines(work, args, int(workers), int(threads))
    runs["same_index"] = index_rows(work / "idx-local") == index_rows(work / "idx-ray")
    command = f"nice -n 10 python -m benchmarks run ray.track_index_add --set articles={articles}"
    save_run(work / "run.json", command, runs)
    return engine_figures(runs)


@figure(data=("reuters", "bbc"), section=COMPARE)
def track_compare(
    articles: int = 200, workers: int = 2, threads: int = 2, saved: str = ""
) -> dict | Saved:
    """`overlap compare` of real news, local engine against Ray: cost, equal JSON."""
    if saved:
        stamp, runs = read_saved(saved)
        return Saved(engine_figures(runs), stamp)
    work = WORK / "ray" / f"compare-{articles}"
    inputs = _inputs(work, int(articles))
    args = ["compare", *inputs, "--no-judge", "--json", str(work / "compare-{engine}.json"), "-q"]
    runs = _engines(work, args, int(workers), int(threads))
    local, ray = (_document(work / f"compare-{e}.json") for e in ("local", "ray"))
    runs["local"]["findings"] = len(local.get("findings", []))
    runs["ray"]["findings"] = len(ray.get("findings", []))
    runs.update(inputs=len(inputs), articles=len(local.get("articles", [])), same_json=local == ray)
    command = f"nice -n 10 python -m benchmarks run ray.track_compare --set articles={articles}"
    save_run(work / "run.json", command, runs)
    return engine_figures(runs)
