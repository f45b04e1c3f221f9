"""Where `overlap index add`'s CPU goes on 1,000 real articles: the encoder against everything
else (reading, segmenting, signatures, SQLite, the vector file). Two fresh indexes of the same
articles (the first 500 Reuters-21578 stories with a body and 100 BBC articles of each topic:
development data, no test split, written under WORK, outside the repository), each one process
timed from outside (CPU seconds: user + system, which the machine's other jobs do not inflate):

1. `overlap index add ... --no-cache`, the shipped encoder (one torch thread: OMP_NUM_THREADS=1);
2. the same add with a stand-in encoder (seeded random unit vectors per text, so the vector
   file's HNSW graph sees spread-out vectors; no model, torch never imported).

The encoder's share is the difference (its import and model load included); the projection to
100,000 articles multiplies the per-article CPU of (1) (the HNSW insertion grows with log n; the
rest does not).

    nice -n 10 python -m benchmarks.archive_add_split [--work DIR]

Writes benchmarks/results/sections/15-archive-add-split-issue-15.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

from .archive_runs import first_articles, timed

ROOT = Path(__file__).resolve().parent.parent
SECTION = ROOT / "benchmarks" / "results" / "sections" / "15-archive-add-split-issue-15.md"


class StandInEncoder:
    """Seeded random unit vectors, one per distinct text (crc32 of the text as the seed)."""

    model_id = "stand-in-random@1"
    dim = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=self.dim) for t in texts]
        out = np.stack(rows).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _stand_in_add(folder: str, inputs: list[str]) -> int:
    from overlap.archive import build
    from overlap.config import Settings

    report = build.add(Path(folder), inputs, Settings(cache_path=None), StandInEncoder())
    print(f"added {report.added}, embedded {report.embedded}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (kept)")
    parser.add_argument("--out", type=Path, default=SECTION)
    parser.add_argument("--stand-in", nargs="+", metavar=("INDEX", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stand_in:
        return _stand_in_add(args.stand_in[0], args.stand_in[1:])
    work = args.work or Path(tempfile.mkdtemp(prefix="archive-split-"))
    work.mkdir(parents=True, exist_ok=True)
    inputs, _, _ = first_articles(work, per_file=50)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    real, _ = timed(
        [sys.executable, "-m", "overlap", "index", "add", *inputs, "--index", str(work / "real")]
        + ["--no-cache", "--no-progress"],
        env,
    )
    stand, _ = timed(
        [sys.executable, "-m", "benchmarks.archive_add_split", "--stand-in"]
        + [str(work / "stand-in"), *inputs],
        env,
    )
    articles = 1000
    encoder = real["cpu_seconds"] - stand["cpu_seconds"]
    per = real["cpu_seconds"] / articles
    lines = [
        "## `index add`: the encoder against the rest (issue 15 item 4)",
        "",
        "`nice -n 10 python -m benchmarks.archive_add_split` on 2 shared cores: 1,000 real "
        "articles (500 Reuters-21578 stories, 100 BBC articles per topic; development data), "
        "a fresh index each, one encoder thread. CPU seconds (user + system).",
        "",
        "| run | UTC | wall s | CPU s | CPU ms per article | peak MiB | load |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name, f in (("shipped encoder", real), ("stand-in encoder (no model)", stand)):
        lines.append(
            f"| {name} | {f['began']}-{f['ended']} | {f['seconds']} | {f['cpu_seconds']} | "
            f"{1000 * f['cpu_seconds'] / articles:.1f} | {f['peak_mib']} | {f['load']} |"
        )
    lines += [
        "",
        f"The encoder (its import and model load included): {encoder:.1f} CPU s, "
        f"{100 * encoder / real['cpu_seconds']:.0f} % of the add; everything else "
        f"{stand['cpu_seconds']:.1f} CPU s ({1000 * stand['cpu_seconds'] / articles:.1f} ms per "
        f"article). At {1000 * per:.1f} ms per article, 100,000 articles take "
        f"{per * 100_000 / 60:.0f} CPU minutes on one core (goal: under 60 minutes); a first "
        'add is the cheapest (the smallest HNSW graph): the growing index of section "Archive '
        'index" measured 63 ms per article added from 1k to 21k.',
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
