"""Shared by the benchmark scripts: the machine description and section-wise updates of
reports/benchmarks.md (each script owns one `## ` section and leaves the others alone)."""

from __future__ import annotations

import contextlib
import os
import platform
import re
from importlib import metadata
from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "reports" / "benchmarks.md"


def machine() -> str:
    """One line: cores, CPU, RAM, Python and library versions."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        ram = "unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (f"{cores} CPU cores ({cpu}), {ram} RAM; Python {platform.python_version()}, "
            f"torch {version('torch')}, sentence-transformers {version('sentence-transformers')}, "
            f"overlap {version('overlap')}")


def replace_section(title: str, body: str, path: Path = REPORT) -> None:
    """Replace the section headed `## {title}` (or append it), keeping every other section."""
    heading = f"## {title}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    block = [heading, "", *body.strip("\n").splitlines()]
    if start is None:
        lines = [*lines, "", *block]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines = [*lines[:start], *block, *([""] if end < len(lines) else []), *lines[end:]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
