"""Where `overlap index add`'s CPU goes on real news: the encoder against everything else.

    nice -n 10 python -m benchmarks run archive_split.track_add_split
    python -m benchmarks run archive_split.track_add_split --set saved=archive-add-split-1000.json

Two fresh indexes of the same articles (the first 500 Reuters-21578 stories with a body and 100
BBC articles of each topic; `first=` scales that down; development data, no test split, written
under benchmarks/.work), each one process timed from outside (CPU seconds: user + system, which
the machine's other jobs do not inflate), one torch thread (OMP_NUM_THREADS=1):

1. `overlap index add ... --no-cache`, the shipped encoder;
2. the same add with a stand-in encoder: seeded random unit vectors per text (so the vector
   file's HNSW graph sees spread-out vectors), no model, torch never imported.

The encoder's share is the difference (its import and model load included). The projection to
100,000 articles multiplies (1)'s CPU per article: a first add is the cheapest (the smallest
HNSW graph); section "Archive index (issue 15)" measures the growing index.
"""

from __future__ import annotations

import os
import shutil
import sys
import zlib
from pathlib import Path

import numpy as np

from .. import ROOT, WORK
from ..archive_runs import FIRST_REUTERS, first_articles, read_saved, save_run, timed
from ..harness import Saved, figure

SECTION = "`index add`: the encoder against the rest (issue 15 item 4)"


class StandInEncoder:
    """Seeded random unit vectors, one per text (crc32 of the text as the seed)."""

    model_id = "stand-in-random@1"
    dim = 384

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=self.dim) for t in texts]
        out = np.stack(rows).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def stand_in_add(folder: str, inputs: list[str]) -> None:
    """archive.build.add of `inputs` into `folder` with StandInEncoder (the child process)."""
    from overlap.archive import build
    from overlap.config import Settings

    build.add(Path(folder), inputs, Settings(cache_path=None), StandInEncoder())


def split_figures(run: dict) -> dict[str, tuple[float | int | str, str]]:
    real, stand, articles = run["real"], run["stand_in"], run["articles"]
    encoder = real["cpu_seconds"] - stand["cpu_seconds"]
    out: dict[str, tuple[float | int | str, str]] = {}
    for name, f in (("shipped encoder", real), ("stand-in encoder", stand)):
        out[f"{name}: wall"] = (f["seconds"], "s")
        out[f"{name}: CPU"] = (f["cpu_seconds"], "s")
        out[f"{name}: CPU per article"] = (round(1000 * f["cpu_seconds"] / articles, 1), "ms")
        out[f"{name}: peak"] = (f["peak_mib"], "MiB")
    out["articles"] = (articles, "")
    out["encoder's share of the CPU"] = (round(100 * encoder / real["cpu_seconds"]), "%")
    out["100,000 articles at this rate"] = (
        round(real["cpu_seconds"] / articles * 100_000 / 60),
        "CPU min",
    )
    return out


@figure(data=("reuters", "bbc"))
def track_add_split(first: int = FIRST_REUTERS, saved: str = "") -> dict | Saved:
    """index add with the shipped encoder and with a stand-in: CPU seconds, the encoder's share."""
    if saved:
        stamp, run = read_saved(saved)
        return Saved(split_figures(run), stamp)
    work = WORK / "archive" / f"add-split-{first}"
    for old in ("real", "stand-in"):  # fresh indexes: an add into a kept one adds nothing
        shutil.rmtree(work / old, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    inputs, _, _ = first_articles(work, 50, int(first))
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    real, _ = timed(
        [sys.executable, "-m", "overlap", "index", "add", *inputs]
        + ["--index", str(work / "real"), "--no-cache", "--no-progress"],
        env,
    )
    child = "import sys; from benchmarks.tasks.archive_split import stand_in_add; "
    child += "stand_in_add(sys.argv[1], sys.argv[2:])"
    stand, _ = timed([sys.executable, "-c", child, str(work / "stand-in"), *inputs], env)
    run = {"real": real, "stand_in": stand, "articles": 2 * int(first)}
    command = "nice -n 10 python -m benchmarks run archive_split.track_add_split"
    command += f" --set first={first}" if int(first) != FIRST_REUTERS else ""
    save_run(work / "run.json", command, run)
    return split_figures(run)
