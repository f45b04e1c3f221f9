"""What the archive benchmarks share (issue 15: benchmarks/archive_index.py, the local index
growing; benchmarks/ray_engine.py, the local engine against Ray): the first 1,000 real articles
they both start from, one `overlap` command timed from outside, and the rows of an index.

The articles: the first 500 Reuters-21578 stories with a body and the first 100 BBC articles of
each of its 5 topics (development data, no test split), written as JSONL under a scratch folder
outside the repository."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .reuters import BBC, Story, read_reuters, with_body, write_jsonl

FIRST_REUTERS, FIRST_BBC_PER_TOPIC = 500, 100


def first_articles(work: Path, per_file: int) -> tuple[list[str], list[Story], list[str]]:
    """The first 500 Reuters stories with a body as JSONL files of `per_file` stories under
    `work`, the Reuters stories after them (not written), and the first 100 BBC articles of
    each topic (their files), then the BBC articles after those."""
    stories = with_body(read_reuters())
    files = []
    for at in range(0, FIRST_REUTERS, per_file):
        path = work / f"reuters-first-{at // per_file:02d}.jsonl"
        write_jsonl(stories[at : at + per_file], path)
        files.append(str(path))
    topics = [sorted(t.glob("*.txt")) for t in sorted(BBC.iterdir()) if t.is_dir()]
    bbc = [str(p) for t in topics for p in t[:FIRST_BBC_PER_TOPIC]]
    later_bbc = [str(p) for t in topics for p in t[FIRST_BBC_PER_TOPIC:]]
    return files + bbc, stories[FIRST_REUTERS:], later_bbc


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
