"""Time `overlap check` for a 1,000-word draft against seeds/ and against the synthetic corpus.

    python benchmarks/bench_check.py [--corpus benchmarks/.work/synthetic-n1000-seed13/articles]

The draft is the demo draft (seeds/drafts/demo-draft.md) followed by sentences taken from the
synthetic corpus and the seeds until it reaches 1,000 words, so it holds copies, paraphrases and
new text. Each check runs in a fresh process, cold (empty embedding cache) and warm (second
run). Writes the `## overlap check (issue 5)` section of reports/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from mdreport import machine, replace_section  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from overlap.draft import check
from overlap.config import Settings
r = check(sys.argv[1], [sys.argv[2]], Settings(cache_path=Path(sys.argv[3])))
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "classes": [c.cls.value for c in r.sentences],
                  "sentences": len(r.sentences), "sources": len(r.sources)}))
"""


def build_draft(corpus: Path, out: Path, words: int = 1000, seed: int = 5) -> int:
    rng = random.Random(seed)
    demo = (ROOT / "seeds" / "drafts" / "demo-draft.md").read_text(encoding="utf-8")
    body = demo.split("---", 2)[2].strip()
    pool = []
    for path in sorted(corpus.glob("*.txt"))[:200] + sorted((ROOT / "seeds").glob("*.txt")):
        pool += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if
                 len(p.split()) > 12]
    paragraphs = [body]
    count = len(body.split())
    while count < words:
        para = rng.choice(pool)
        paragraphs.append(para)
        count += len(para.split())
    out.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return count


def run(draft: Path, sources: Path, cache: Path) -> dict:
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(draft), str(sources), str(cache)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"check failed:\n{proc.stderr[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process"] = time.perf_counter() - began
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path,
                        default=ROOT / "benchmarks/.work/synthetic-n1000-seed13/articles")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"missing {args.corpus}: build it with python benchmarks/bench_compare.py",
              file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft-1000.txt"
        words = build_draft(args.corpus, draft)
        for name, sources in (("seeds/", ROOT / "seeds"), (f"synthetic {args.corpus.parent.name}",
                                                            args.corpus)):
            cache = Path(tmp) / f"cache-{len(rows)}.sqlite"
            for state in ("cold", "warm"):
                r = run(draft, sources, cache)
                rows.append((name, state, r))
                print(name, state, f"{r['seconds']:.1f} s", f"{r['rss_mib']:.0f} MiB")
    table = ["| sources | cache | check | process | peak RSS | draft sentences | sources read |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for name, state, r in rows:
        table.append(f"| {name} | {state} | {r['seconds']:.1f} s | {r['process']:.1f} s | "
                     f"{r['rss_mib']:.0f} MiB | {r['sentences']} | {r['sources']} |")
    classes = rows[0][2]["classes"]
    body = (f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {machine()}.\n\n"
            f"Command: `python benchmarks/bench_check.py` (draft: the demo draft plus paragraphs "
            f"drawn from the corpus and the seeds, {words} words; each run a fresh process; "
            f"*check* includes loading the models, *process* adds interpreter start).\n\n"
            + "\n".join(table) + "\n\n"
            "Classes of the draft's sentences against seeds/: "
            + ", ".join(f"{c} {classes.count(c)}" for c in sorted(set(classes))) + ".\n")
    replace_section("overlap check (issue 5)", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
