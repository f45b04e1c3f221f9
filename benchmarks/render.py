"""The one renderer of reports/benchmarks.md: per section, its prose (benchmarks/results/sections/,
kept as it was written when the figures were measured) and a table of its latest records, each
with the command, commit, date and load it was measured with."""

from __future__ import annotations

import re
from pathlib import Path

from . import RESULTS, ROOT
from .harness import Record, read_records

REPORT = ROOT / "reports" / "benchmarks.md"
SECTIONS = RESULTS / "sections"
HEAD = """# Benchmarks

Written by `python -m benchmarks report` from `benchmarks/results/records.jsonl` (one record per
figure: value, unit, anchor, command, commit, date, load, machine) and the prose in
`benchmarks/results/sections/`; do not edit by hand. `python -m benchmarks list` names the tasks,
`python -m benchmarks run NAME` measures one and adds its records.
"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value(rec: Record) -> str:
    v = rec.value
    if isinstance(v, float):
        v = f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 1000 else f"{v:,.0f}"
    elif isinstance(v, int):
        v = f"{v:,}"
    return f"{v} {rec.unit}".strip()


def latest(records: list[Record]) -> dict[str, list[Record]]:
    """The last record of each (section, figure), grouped by section, in first-seen order."""
    last: dict[tuple[str, str], Record] = {}
    for rec in records:
        last.pop((rec.section, rec.figure), None)  # a remeasured figure keeps its first place
        last[(rec.section, rec.figure)] = rec
    out: dict[str, list[Record]] = {}
    first = {}
    for i, rec in enumerate(records):
        first.setdefault((rec.section, rec.figure), i)
    for key in sorted(last, key=first.get):
        out.setdefault(key[0], []).append(last[key])
    return out


def table(records: list[Record]) -> str:
    rows = [
        "| figure | value | anchor / published | command | commit | date | load |",
        "|---|---:|---|---|---|---|---|",
    ]
    rows += [
        f"| {_cell(r.figure)} | {_cell(_value(r))} | {_cell(r.anchor)} | "
        f"`{_cell(r.command)}` | {_cell(r.commit or '–')} | {_cell(r.date or '–')} | "
        f"{_cell(r.load or '–')} |"
        for r in records
    ]
    machines = sorted({r.machine for r in records if r.machine})
    note = "".join(f"\nMachine: {m}.\n" for m in machines)
    return ("Recorded figures:\n\n" + "\n".join(rows) + "\n" + note).rstrip("\n")


def sections(folder: Path = SECTIONS) -> dict[str, str]:
    """Section title -> its prose (the file's text after its `## ` heading), in file order."""
    out = {}
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"## (.+)\n", text)
        # a file without a heading is prose under the report's title (the preamble)
        title, body = (m.group(1).strip(), text[m.end() :]) if m else ("", text)
        out[title] = body.strip("\n")
    return out


def render(records: list[Record] | None = None, folder: Path = SECTIONS) -> str:
    by_section = latest(read_records() if records is None else records)
    prose = sections(folder)
    parts = [HEAD]
    for title in [*prose, *(t for t in by_section if t not in prose)]:
        body = [f"## {title}"] if title else []
        if title in by_section:
            body.append(table(by_section[title]))
        if prose.get(title):
            body.append(prose[title])
        parts.append("\n\n".join(body) + "\n")
    return "\n".join(parts)


def write(path: Path = REPORT) -> Path:
    path.write_text(render(), encoding="utf-8")
    return path


def replace_section(title: str, body: str, path: Path = REPORT) -> None:
    """How the older scripts (bench_meter.py, training/eval_nli.py) publish a section: its prose
    file (a new one numbered after the others) is written and reports/benchmarks.md rendered
    again. `path` is for their old call; the report is the only file a section goes to."""
    if path.resolve() != REPORT.resolve():
        raise ValueError(f"sections are published to {REPORT}, not {path}")
    heading = f"## {title}"
    files = sorted(SECTIONS.glob("*.md"))
    first_lines = {f: f.read_text(encoding="utf-8").split("\n", 1)[0].strip() for f in files}
    target = next((f for f in files if first_lines[f] == heading), None)
    if target is None:
        number = max((int(f.name[:2]) for f in files if f.name[:2].isdigit()), default=0) + 1
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        target = SECTIONS / f"{number:02d}-{slug}.md"
    target.write_text(f"{heading}\n\n{body.strip(chr(10))}\n", encoding="utf-8")
    write()
