"""The README states facts the code decides; these tests keep the two in step."""

from __future__ import annotations

import re
from pathlib import Path

from overlap.report.json import SCHEMA_VERSION

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_names_the_schema_version_the_tool_writes():
    text = README.read_text(encoding="utf-8")
    named = re.findall(r"`schema_version`\s+(\d+\.\d+)", text)
    assert named, "the README no longer names the schema version"
    assert set(named) == {SCHEMA_VERSION}, f"README says {named}, the tool writes {SCHEMA_VERSION}"


def _module_map() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("Module map (`overlap/`")
    return text[start : text.index("\n\n", text.index("| module |", start))]


def test_module_map_names_every_module_and_no_other():
    package = README.parent / "overlap"
    modules = {p.name for p in package.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}}
    modules |= {f"{p.name}" for p in (package / "report").glob("*.py") if p.name != "__init__.py"}
    named = set(re.findall(r"`([a-z_]+\.py)`", _module_map()))
    assert modules - named == set(), f"modules missing from the README's map: {modules - named}"
    assert named - modules == set(), (
        f"the README's map names modules that are gone: {named - modules}"
    )
