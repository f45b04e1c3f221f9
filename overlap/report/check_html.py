"""The HTML draft view of an `overlap check` result: one self-contained file (`--html PATH`).

The page is `check_template.html` with the check document inlined once as JSON in a
`<script type="application/json">` block (escaped by `html.script_json`); the inline script
builds the view from it. Article text reaches the page only through DOM text nodes, so a draft
containing `<script>` shows it as text.

The draft text is cut into segments here (plain text, or one sentence) so the browser never
handles offsets: Python counts code points, JavaScript UTF-16 units.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from .html import script_json

DATA_SLOT = "__OVERLAP_CHECK_DATA__"


def segments(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The draft text as consecutive pieces: {"text"} or {"text", "sentence": index}.

    >>> segments({"draft": {"text": "ab cd"}, "sentences": [
    ...     {"index": 0, "span": {"start": 3, "end": 5}}]})
    [{'text': 'ab '}, {'text': 'cd', 'sentence': 0}]
    """
    text = doc["draft"].get("text") or ""
    out: list[dict[str, Any]] = []
    pos = 0
    for s in sorted(doc["sentences"], key=lambda s: s["span"]["start"]):
        start, end = s["span"]["start"], s["span"]["end"]
        if start < pos or end > len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start]})
        out.append({"text": text[start:end], "sentence": s["index"]})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def render(doc: dict[str, Any]) -> str:
    """The complete draft view for a check document, as one string."""
    template = (
        resources.files("overlap.report")
        .joinpath("check_template.html")
        .read_text(encoding="utf-8")
    )
    head, sep, tail = template.partition(DATA_SLOT)
    if not sep:
        raise ValueError("check_template.html has no data slot")
    return head + script_json({**doc, "segments": segments(doc)}) + tail


def write(doc: dict[str, Any], path: Path) -> None:
    """Write the draft view for `doc` to `path` (parent folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc), encoding="utf-8")
