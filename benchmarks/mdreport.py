"""What the older benchmark scripts (bench_*.py, run as files) import: the harness's one machine
description and the one renderer's section update (benchmarks/render.py). They run with
benchmarks/ on sys.path, so this module puts the checkout there for the package."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.harness import commit, facts, machine  # noqa: E402
from benchmarks.render import REPORT, SECTIONS, replace_section  # noqa: E402

__all__ = ["REPORT", "ROOT", "SECTIONS", "commit", "facts", "machine", "replace_section"]
