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
