"""Issue 15's archive index measured on real news: `overlap index add` of 1,000 real articles
(500 Reuters-21578 stories with a body, 100 BBC articles of each of its 5 topics, plus the 5 seed
articles), its re-add (nothing changed), and `overlap check` of the seeds' demo draft against the
index, cold (a fresh embedding cache) and warm (the same cache again). Each step is one
`overlap` process, timed from outside, its peak memory read by /usr/bin/time.

    nice -n 10 python -m benchmarks.archive_index [--out FILE]

Writes benchmarks/results/sections/15-archive-index-issue-15.md (figures are machine-dependent:
the section says on what they were taken). Reads ../shared/data/news; says so when it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .reuters import BBC, read_reuters, with_body, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SECTION = ROOT / "benchmarks" / "results" / "sections" / "15-archive-index-issue-15.md"
DRAFT = ROOT / "seeds" / "drafts" / "demo-draft.md"


def _run(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds and peak resident memory (MiB) of one command; its exit code must be 0 or 1."""
    began = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M", *cmd], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr)
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}")
    rss = re.findall(r"MAXRSS (\d+)", done.stderr)
    return {"seconds": round(seconds, 1), "peak_mib": round(int(rss[-1]) / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SECTION)
    args = parser.parse_args(argv)
    if not BBC.is_dir():
        raise SystemExit(f"news corpus missing: {BBC} (../shared/data/news)")
    work = Path(tempfile.mkdtemp(prefix="overlap-archive-bench-"))
    stories = with_body(read_reuters())[:500]
    write_jsonl(stories, work / "reuters.jsonl")
    bbc = [
        str(p)
        for topic in sorted(BBC.iterdir())
        if topic.is_dir()
        for p in sorted(topic.glob("*.txt"))[:100]
    ]
    seeds = str(ROOT / "seeds")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OVERLAP_CACHE": str(work / "cache.sqlite")}
    overlap = [sys.executable, "-m", "overlap"]
    idx = str(work / "idx")
    inputs = [str(work / "reuters.jsonl"), *bbc, seeds]
    build = _run([*overlap, "index", "add", *inputs, "--index", idx, "--no-cache", "-q"], env)
    readd = _run([*overlap, "index", "add", *inputs, "--index", idx, "--no-cache", "-q"], env)
    stats = json.loads(
        subprocess.run(
            [*overlap, "index", "stats", "--index", idx, "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    check = [*overlap, "check", str(DRAFT), "--index", idx, "--format", "json", "-o"]
    cold = _run([*check, str(work / "cold.json")], env)
    warm = _run([*check, str(work / "warm.json")], env)
    direct = _run(
        [
            *overlap,
            "check",
            str(DRAFT),
            "--against",
            seeds,
            "--format",
            "json",
            "-o",
            str(work / "direct.json"),
        ],
        env,
    )
    same = _classes(work / "warm.json") == _classes(work / "direct.json")
    args.out.write_text(
        _render(len(stories), len(bbc), stats, build, readd, cold, warm, direct, same),
        encoding="utf-8",
    )
    print(args.out.read_text(encoding="utf-8"))
    return 0


def _classes(path: Path) -> list[tuple[str, str]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(s.get("class", ""), s.get("id", "")) for s in doc["sentences"]]


def _render(
    reuters: int,
    bbc: int,
    stats: dict,
    build: dict,
    readd: dict,
    cold: dict,
    warm: dict,
    direct: dict,
    same: bool,
) -> str:
    n = stats["articles"]
    per_article = stats["bytes_on_disk"] / max(n, 1)
    rows = [
        ("index add (read, segment, embed, store)", build),
        ("index add again (nothing changed)", readd),
        ("check demo draft --index, cold (empty embedding cache)", cold),
        ("check demo draft --index, warm (same cache)", warm),
        ("check demo draft --against seeds/ (5 sources, warm), for scale", direct),
    ]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    sentences, paragraphs = stats["sentences"], stats["paragraphs"]
    embedded, means = stats["embedded_passages"], stats["paragraph_means"]
    vectors, postings = stats["distinct_vectors"], stats["shingle_postings"]
    mib, kib = stats["bytes_on_disk"] / 2**20, per_article / 1024
    table = "\n".join(f"| {name} | {r['seconds']} | {r['peak_mib']} |" for name, r in rows)
    return f"""## Archive index (issue 15)

`nice -n 10 python -m benchmarks.archive_index` on {platform.machine()}, {os.cpu_count()} cores
shared with other jobs, OMP_NUM_THREADS=1, all-MiniLM-L6-v2 at the precision `auto` picks.
Index of {n} real articles: {reuters} Reuters-21578 stories with a body (the first ones),
{bbc} BBC articles (100 per topic) and the 5 seed articles (development data; no test split).
Each step is one `overlap` process, wall time and peak memory from /usr/bin/time.

| step | seconds | peak MiB |
|---|---:|---:|
{table}

The index: {sentences:,} sentences and {paragraphs:,} paragraphs, {embedded:,} embedded
passages and {means:,} paragraph means ({vectors:,} distinct vectors), {postings:,} shingle
postings; {mib:.1f} MiB on disk, {kib:.1f} KiB per article (SQLite with float32 vectors, plus
the f16 usearch file). The check against the index reads only the stored articles that share
shingles or near-neighbour passages with the draft and embeds only the draft; its sentence
classes and link ids {"equal" if same else "DIFFER from"} those of the check against seeds/ alone.
Cold includes loading the embedding and NLI models and judging every pair afresh; warm, the
check against 1,005 stored articles costs what a check against the 5 seeds costs.
Load average during the run: {load}. Not measured here (issue 15 item 4): 10k, 24k and 100k
articles, an incremental add of 1,000 to a large index, all-pairs compare inside the index,
and anything on Ray (item 3 is not built).
"""


if __name__ == "__main__":
    raise SystemExit(main())
