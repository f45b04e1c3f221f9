"""What the archive benchmarks share (issue 15: tasks/archive.py, the local index growing;
tasks/ray.py, the local engine against Ray): the first 1,000 real articles they both start from,
one `overlap` command timed from outside, the rows of an index, and their saved big runs
(benchmarks/results/runs/, read back by `--set saved=NAME`).

The articles: the first 500 Reuters-21578 stories with a body and the first 100 BBC articles of
each of its 5 topics (development data, no test split), written as JSONL under a scratch folder
outside the repository."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import RESULTS
from .reuters import BBC, Story, read_reuters, with_body, write_jsonl

RUNS = RESULTS / "runs"

FIRST_REUTERS = 500  # and a fifth as many BBC articles of each of its 5 topics


def first_articles(
    work: Path, per_file: int, first: int = FIRST_REUTERS
) -> tuple[list[str], list[Story], list[str]]:
    """The first `first` Reuters stories with a body as JSONL files of `per_file` stories
    under `work`, the Reuters stories after them (not written), and the first `first / 5` BBC
    articles of each topic (their files), then the BBC articles after those. A smaller `first`
    is for a small re-run of the same code path."""
    stories = with_body(read_reuters())
    files = []
    for at in range(0, first, per_file):
        path = work / f"reuters-first-{at // per_file:02d}.jsonl"
        write_jsonl(stories[at : min(at + per_file, first)], path)
        files.append(str(path))
    per_topic = first // 5
    topics = [sorted(t.glob("*.txt")) for t in sorted(BBC.iterdir()) if t.is_dir()]
    bbc = [str(p) for t in topics for p in t[:per_topic]]
    later_bbc = [str(p) for t in topics for p in t[per_topic:]]
    return files + bbc, stories[first:], later_bbc


def timed(
    cmd: list[str],
    env: dict[str, str],
    ok: tuple[int, ...] = (0,),
    alongside: Callable[[], Callable[[], None]] | None = None,
) -> tuple[dict, str]:
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one command from
    /usr/bin/time, the 1-minute load average at its start and end, and its stderr. A code
    outside `ok` ends the benchmark. `alongside` starts a sampler and returns its stop."""
    load = os.getloadavg()[0]
    stop = alongside() if alongside else None
    began = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M CPU %U %S", *cmd],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - began
    if stop:
        stop()
    if done.returncode not in ok:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd[:6])} ...")
    rss, user, system = re.findall(r"MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)", done.stderr)[-1]
    figures = {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(float(user) + float(system), 1),
        "peak_mib": round(int(rss) / 1024, 1),
        "load": f"{load:.1f} → {os.getloadavg()[0]:.1f}",
        "began": time.strftime("%H:%M", time.gmtime(time.time() - seconds)),
        "ended": time.strftime("%H:%M", time.gmtime()),
    }
    return figures, done.stderr


def index_rows(folder: Path) -> dict[str, list[str]]:
    """Every row of every table of an index, sorted: equal for equal indexes (the vector file
    is derived from the vectors table)."""
    db = sqlite3.connect(folder / "index.sqlite")
    try:
        names = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}"))) for t in names}
    finally:
        db.close()


def read_saved(name: str) -> tuple[dict[str, str], dict]:
    """A saved run, by its name in benchmarks/results/runs/ or its path: the stamp it was
    measured with (command, commit, date, machine) and what it measured."""
    path = RUNS / name if (RUNS / name).is_file() else Path(name)
    if not path.is_file():
        saved = ", ".join(sorted(p.name for p in RUNS.glob("*.json"))) or "none"
        raise SystemExit(f"no saved run {name!r} in {RUNS} (saved: {saved})")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return doc["stamp"], doc["run"]


def save_run(path: Path, command: str, run: dict) -> Path:
    """A run's raw figures with its stamp, readable back by `--set saved=PATH`; a big run's copy
    under benchmarks/results/runs/ keeps its figures beside the records."""
    from .harness import commit, machine

    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    stamp = {"command": command, "commit": commit(), "date": when, "machine": machine()}
    path.write_text(json.dumps({"stamp": stamp, "run": run}, indent=1) + "\n", encoding="utf-8")
    return path
