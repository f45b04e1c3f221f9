"""The benchmark harness: `python -m benchmarks list | run NAME... | report`.

Tasks are small modules in `benchmarks/tasks/` with asv-style functions: `time_*` (wall seconds),
`peakmem_*` (peak resident memory of a fresh process) and `track_*` (a figure the function
returns, e.g. an accuracy). Every figure measured becomes one Record in
`benchmarks/results/records.jsonl`; `report` renders `reports/benchmarks.md` from the records and
the prose of `benchmarks/results/sections/`. A long run's raw figures can be kept in
`benchmarks/results/runs/` and read back (`--set saved=NAME`) with the stamp they were measured
with. Training and tuning scripts live in `benchmarks/training/`.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The public sets sit beside the checkout (../shared/data), never inside it: see data.py.
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"
WORK = ROOT / "benchmarks" / ".work"
