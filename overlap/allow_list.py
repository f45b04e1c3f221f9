"""`overlap check --write-allow FILE`: accept today's findings by adding their ids to an
allow-list, in the format `check.read_allow_list` reads (an id first on its line; the rest of the
line, and lines starting with #, are comments).

An existing file is kept line for line (its comments and order), with the new ids appended under
one dated comment; the write is atomic (`outputs.write_text`), so an interrupted run leaves the
old list whole.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from .errors import ConfigError
from .outputs import write_text
from .types import CheckResult


def accepted_lines(results: Sequence[CheckResult]) -> list[tuple[str, str]]:
    """(id, comment) for every sentence of a --fail-on class, in draft and sentence order."""
    out: dict[str, str] = {}
    for r in results:
        for c in r.sentences:
            if c.cls in r.fail_on:
                words = " ".join(c.span.text.split())
                words = words if len(words) <= 60 else words[:59] + "…"
                out.setdefault(c.id, f"{c.cls.value} {r.draft.source}:{c.line} {words}")
    return list(out.items())


def write_allow_list(
    path: Path, results: Sequence[CheckResult], today: datetime.date | None = None
) -> tuple[int, int]:
    """Merge the ids of `results`' failing-class sentences into the allow-list at `path`;
    returns (ids added, ids already there)."""
    from .draft import read_allow_list

    old = ""
    known: set[str] = set()
    if path.exists():
        known = read_allow_list(path)
        try:
            old = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read allow-list ({exc})") from None
    lines = accepted_lines(results)
    new = [(i, why) for i, why in lines if i not in known]
    if not new and path.exists():
        return 0, len(lines)
    day = (today or datetime.date.today()).isoformat()
    text = old if not old or old.endswith("\n") else old + "\n"
    if not old:
        text = (
            "# overlap check allow-list: one finding id per line; the rest of a line is a "
            "comment.\n"
        )
    if new:
        text += f"# accepted with overlap check --write-allow on {day}\n"
        text += "".join(f"{i}  {why}\n" for i, why in new)
    write_text(path, text)
    return len(new), len(lines) - len(new)
