"""Peak memory of `compare` on one long article pair, by passage length (issue 10, D1).

    python benchmarks/bench_memory.py [--sizes 10,100,1000] [--no-write]

Each case runs in a fresh process (so one case's peak cannot hide another's) with no embedding
cache, and reports the child's peak resident set size (getrusage ru_maxrss) with and without the
judge. Cases, per size in KB:

- verbatim: a long article (BBC business articles, read from ../shared/data/news/bbc, joined
  until the size is reached) and a verbatim copy of it under another name;
- no-punctuation near-copy: the same text lower-cased with every punctuation mark dropped (one
  paragraph, no sentence ends), and the copy with every 40th word changed.

Writes the `## Memory on long passages (issue 10)` section of reports/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from mdreport import machine, replace_section  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc" / "business"
SECTION = "Memory on long passages (issue 10)"

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from overlap.config import Settings
from overlap.pipeline import compare
r = compare([sys.argv[1], sys.argv[2]], Settings(cache_path=None, judge=sys.argv[3] == "1"))
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "findings": len(r.findings),
                  "verdicts": sorted({f.judgement.verdict.value for f in r.findings
                                      if f.judgement})}))
"""


def long_text(kb: int) -> str:
    """Real BBC articles (title and body), joined with blank lines until `kb` KB are reached."""
    if not BBC.is_dir():
        raise SystemExit(f"{BBC} not found: this benchmark reads the BBC news corpus there")
    parts, size = [], 0
    files = sorted(BBC.glob("*.txt"))
    k = 0
    while size < kb * 1000:
        text = files[k % len(files)].read_bytes().decode("utf-8", "replace").strip()
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        k += 1
    return "\n\n".join(parts)[: kb * 1000].rsplit(" ", 1)[0] + "\n"


def no_punctuation(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()) + "\n"


def near_copy(text: str, every: int = 40) -> str:
    words = text.split()
    return " ".join("changed" if k % every == every - 1 else w for k, w in enumerate(words)) + "\n"


def run_case(a: str, b: str, judge: bool, timeout: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = Path(tmp) / "original.txt", Path(tmp) / "copy.txt"
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        began = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, str(pa), str(pb), "1" if judge else "0"],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=tmp,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"over {timeout} s", "seconds": time.perf_counter() - began}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"exit {proc.returncode}: {tail[:80]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="article sizes in KB")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per case")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rows = []
    for kb in [int(x) for x in args.sizes.split(",")]:
        text = long_text(kb)
        flat = no_punctuation(text)
        cases = [("verbatim copy", text, text), ("no-punctuation near-copy", flat, near_copy(flat))]
        for name, a, b in cases:
            for judge in (False, True):
                r = run_case(a, b, judge, args.timeout)
                rows.append((kb, name, "judge" if judge else "--no-judge", r))
                shown = (
                    f"{r['rss_mib']:.0f} MiB, {r['seconds']:.1f} s, {r['findings']} "
                    f"findings {r['verdicts']}"
                    if "error" not in r
                    else r["error"]
                )
                print(f"{kb:>5} KB  {name:<26} {rows[-1][2]:<11} {shown}", flush=True)
    lines = [
        "Peak resident memory (ru_maxrss of a fresh process) of `compare` on one article pair,",
        "no embedding cache. Articles: real BBC business articles joined to the size; the",
        "near-copy is lower-cased without any punctuation (no sentence ends) with every 40th",
        "word changed. The judge reads long passages sentence pair by sentence pair (or in",
        "windows of at most 120 words), so no NLI input grows with the passage.",
        "",
        "| size | pair | judge | peak RSS | time | findings | verdicts |",
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for kb, name, judge, r in rows:
        if "error" in r:
            lines.append(f"| {kb} KB | {name} | {judge} | {r['error']} | | | |")
        else:
            lines.append(
                f"| {kb} KB | {name} | {judge} | {r['rss_mib']:.0f} MiB | "
                f"{r['seconds']:.1f} s | {r['findings']} | "
                f"{', '.join(r['verdicts']) or '-'} |"
            )
    lines += ["", f"Machine: {machine()}. Reproduce: `python benchmarks/bench_memory.py`."]
    if not args.no_write:
        replace_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
