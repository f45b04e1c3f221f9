"""Issue 15's archive index measured on real news, growing: `overlap index add` of the first
1,005 articles (500 Reuters-21578 stories with a body, the first ones; 100 BBC articles of each
of its 5 topics; the 5 seed articles), then the next articles added 1,000 or more at a time to
the same index up to each size in `--sizes` (the rest of Reuters and BBC interleaved evenly,
so every step is about 9 Reuters stories to 1 BBC article), and `overlap check` of the seeds'
demo draft against the index after the first and the last step, cold (a fresh embedding cache)
and warm (the same cache again). Each step is one `overlap` process, timed from outside: wall
seconds, CPU seconds (user + system; what the machine's other jobs do not change) and peak
memory from /usr/bin/time, the load average beside each.

    nice -n 10 python -m benchmarks.archive_index [--sizes 1005,2005,10005] [--work DIR]

Each step's figures are appended to WORK/steps.jsonl as it ends (a long run killed keeps the
steps it finished; `--render-only` writes the section from them). Writes
benchmarks/results/sections/15-archive-index-issue-15.md. Reads ../shared/data/news (development
data, no test split); the data stays under WORK, outside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from overlap.archive.build import BATCH_ARTICLES

from .archive_runs import FIRST_REUTERS, first_articles, timed
from .reuters import BBC, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SECTION = ROOT / "benchmarks" / "results" / "sections" / "15-archive-index-issue-15.md"
DRAFT = ROOT / "seeds" / "drafts" / "demo-draft.md"


def _run(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall and CPU seconds and peak resident memory (MiB) of one command (exit code 0 or 1)."""
    figures, _ = timed(cmd, env, ok=(0, 1))
    return {k: figures[k] for k in ("seconds", "cpu_seconds", "peak_mib", "load")}


def _pool(work: Path) -> tuple[list[str], list[list[str]]]:
    """The first step's inputs, and every later article as one input each (Reuters stories as
    lines of per-chunk JSONL files, BBC articles as their files), interleaved evenly."""
    first, rest_reuters, rest_bbc = first_articles(work, per_file=FIRST_REUTERS)
    # One BBC article after every `every` Reuters stories spreads them over the whole pool.
    every = max(1, len(rest_reuters) // max(len(rest_bbc), 1))
    later: list[list[str]] = []
    for at in range(0, len(rest_reuters), 1000):
        part = rest_reuters[at : at + 1000]
        path = work / f"reuters-{at // 1000 + 1}.jsonl"
        write_jsonl(part, path)
        later.append([str(path), *rest_bbc[at // every : (at + len(part)) // every]])
    return [*first, str(ROOT / "seeds")], later


def _count(inputs: list[str]) -> int:
    n = 0
    for x in inputs:
        p = Path(x)
        if p.suffix == ".jsonl":
            n += sum(1 for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
        elif p.is_dir():
            n += len(list(p.glob("*.txt")))
        else:
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1005,2005", help="index sizes to measure at")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (kept)")
    parser.add_argument("--out", type=Path, default=SECTION)
    parser.add_argument("--render-only", action="store_true")
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        raise SystemExit(f"news corpus missing: {BBC} (../shared/data/news)")
    work = args.work or Path(tempfile.mkdtemp(prefix="overlap-archive-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    steps_file = work / "steps.jsonl"
    if not args.render_only:
        _measure(work, steps_file, sorted(int(x) for x in args.sizes.split(",")))
    steps = [json.loads(x) for x in steps_file.read_text(encoding="utf-8").splitlines()]
    args.out.write_text(_render(steps), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


def _measure(work: Path, steps_file: Path, sizes: list[int]) -> None:
    first, later = _pool(work)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OVERLAP_CACHE": str(work / "cache.sqlite")}
    overlap = [sys.executable, "-m", "overlap"]
    idx = str(work / "idx")
    steps_file.write_text("", encoding="utf-8")

    def record(step: dict) -> None:
        with steps_file.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(step) + "\n")

    def stats() -> dict:
        out = subprocess.run(
            [*overlap, "index", "stats", "--index", idx, "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out)

    def checks(size: int) -> None:
        cache = work / "cache.sqlite"
        cache.unlink(missing_ok=True)
        check = [*overlap, "check", str(DRAFT), "--index", idx, "--format", "json", "-o"]
        for kind in ("cold", "warm"):
            out = work / f"{kind}-{size}.json"
            record({"step": f"check {kind}", "size": size, **_run([*check, str(out)], env)})
        direct = work / "direct.json"
        against = [*overlap, "check", str(DRAFT), "--against", str(ROOT / "seeds")]
        _run([*against, "--format", "json", "-o", str(direct)], env)
        same = _classes(work / f"warm-{size}.json") == _classes(direct)
        record({"step": "same findings", "size": size, "same": same})

    def add(inputs: list[str]) -> list[str]:
        return [*overlap, "index", "add", *inputs, "--index", idx, "--no-cache", "-q"]

    no_cache = {**env, "OVERLAP_CACHE": str(work / "unused.sqlite")}
    targets = iter(sizes)
    target, size, pending, checked = next(targets), 0, [], 0
    for inputs in [first, *later]:
        pending += inputs
        size += _count(inputs)
        if size < target:
            continue
        step = _run(add(pending), no_cache)
        record({"step": "index add", "size": size, "added": _count(pending), **step, **stats()})
        pending = []
        if checked == 0:
            again = _run(add(first), no_cache)
            record({"step": "index add again (nothing changed)", "size": size, **again})
            checks(size)
            checked = size
        target = next((t for t in targets if t > size), 0)
        if not target:
            break
    if checked != size:
        checks(size)


def _classes(path: Path) -> list[tuple[str, str]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(s.get("class", ""), s.get("id", "")) for s in doc["sentences"]]


def _render(steps: list[dict]) -> str:
    adds = [s for s in steps if s["step"] == "index add"]
    rows = []
    for s in steps:
        if s["step"] == "same findings":
            continue
        name = s["step"] + (f" (+{s['added']:,})" if "added" in s else "")
        rows.append(
            f"| {s['size']:,} | {name} | {s['seconds']} | {s['cpu_seconds']} | {s['peak_mib']} "
            f"| {s['load']} |"
        )
    last = adds[-1] if adds else {}
    same = [s for s in steps if s["step"] == "same findings"]
    n = last.get("articles", 0)
    table = "\n".join(rows)
    per_article = last.get("bytes_on_disk", 0) / max(n, 1)
    verdict = ", ".join(f"at {s['size']:,}: {'equal' if s['same'] else 'DIFFER'}" for s in same)
    return f"""## Archive index (issue 15)

`nice -n 10 python -m benchmarks.archive_index --sizes {",".join(str(a["size"]) for a in adds)}`
on {platform.machine()}, {os.cpu_count()} cores shared with other sessions' jobs,
OMP_NUM_THREADS=1 (one core for the encoder), all-MiniLM-L6-v2 at the precision `auto` picks
(bf16 here). Real articles (development data, no test split): the first step is 500
Reuters-21578 stories with a body, 100 BBC articles per topic and the 5 seeds; each later step
adds the next Reuters stories and BBC articles (about 9 to 1) to the same index. Each row is one
`overlap` process: wall seconds, CPU seconds (user + system, which other jobs on the machine do
not inflate), peak resident MiB, and the 1-minute load average at its start and end.

| index size | step | wall s | CPU s | peak MiB | load |
|---:|---|---:|---:|---:|---|
{table}

The last index: {n:,} articles, {last.get("sentences", 0):,} sentences and
{last.get("paragraphs", 0):,} paragraphs, {last.get("embedded_passages", 0):,} embedded passages and
{last.get("paragraph_means", 0):,} paragraph means ({last.get("distinct_vectors", 0):,} distinct
vectors), {last.get("shingle_postings", 0):,} shingle postings;
{last.get("bytes_on_disk", 0) / 2**20:.1f} MiB on disk, {per_article / 1024:.1f} KiB per article
(SQLite with float32 vectors, plus the f16 usearch file). The check's sentence classes and link
ids against the index and against seeds/ alone: {verdict or "not measured"}.

{_projection(adds)}
"""


def _projection(adds: list[dict]) -> str:
    """What the measured steps say about 100,000 articles, one core's CPU time being the figure
    that the machine's load does not change: the later steps' CPU seconds per added article
    (their mix is that of the whole pool), peak memory against size, bytes per article."""
    later = adds[1:]
    if not later:
        return "Only one step measured: no growth to project from."
    rate = sum(s["cpu_seconds"] for s in later) / sum(s["added"] for s in later)
    disk = later[-1]["bytes_on_disk"] / later[-1]["articles"]
    peaks = ", ".join(f"{s['peak_mib']:,.0f} MiB at {s['size']:,}" for s in adds)
    return (
        f"Growth: the steps after the first cost {rate * 1000:.0f} ms of CPU per added article "
        f"(all stages, the encoder's one thread included); at that rate 100,000 articles take "
        f"{rate * 100_000 / 60:.0f} CPU minutes on one core. Peak memory of each add: {peaks} "
        f"(the add holds one batch of {BATCH_ARTICLES:,} articles' passages at a time). On disk: "
        f"{disk / 1024:.1f} KiB per article."
    )


if __name__ == "__main__":
    raise SystemExit(main())
