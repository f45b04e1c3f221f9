"""Shared by the older benchmark scripts (not yet tasks of `python -m benchmarks`): the machine
description and section-wise updates of reports/benchmarks.md. A section of that report is now
kept as prose in benchmarks/results/sections/ and the report is rendered from there, so an update
goes to the section's file and the report is rendered again."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "reports" / "benchmarks.md"
SECTIONS = ROOT / "benchmarks" / "results" / "sections"

sys.path.insert(0, str(ROOT))  # the scripts run as files; the harness is the benchmarks package
from benchmarks.harness import commit, facts, machine  # noqa: E402, F401 - the one description


def replace_section(title: str, body: str, path: Path = REPORT) -> None:
    """Replace the section headed `## {title}` (or append it), keeping every other section."""
    if path.resolve() == REPORT.resolve():
        _replace_section_file(title, body)
        return
    heading = f"## {title}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    block = [heading, "", *body.strip("\n").splitlines()]
    if start is None:
        lines = [*lines, "", *block]
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        lines = [*lines[:start], *block, *([""] if end < len(lines) else []), *lines[end:]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _replace_section_file(title: str, body: str) -> None:
    """The section's prose file (a new one numbered after the others), then the whole report."""
    heading = f"## {title}"
    files = sorted(SECTIONS.glob("*.md"))
    path = next(
        (f for f in files if f.read_text(encoding="utf-8").split("\n", 1)[0].strip() == heading),
        None,
    )
    if path is None:
        number = max((int(f.name[:2]) for f in files if f.name[:2].isdigit()), default=0) + 1
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        path = SECTIONS / f"{number:02d}-{slug}.md"
    path.write_text(f"{heading}\n\n{body.strip(chr(10))}\n", encoding="utf-8")
    from benchmarks import render

    render.write()
