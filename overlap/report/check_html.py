"""The HTML draft view of an `overlap check` result: one self-contained file (`--html PATH`).

The page is `check_template.html` with the check document inlined once as JSON in a
`<script type="application/json">` block (escaped by `html.script_json`); the inline script
builds the view from it. Article text reaches the page only through DOM text nodes, so a draft
containing `<script>` shows it as text.

The draft text is cut into segments here (plain text, or one sentence) so the browser never
handles offsets: Python counts code points, JavaScript UTF-16 units. For the same reason the
changed words of each link (a number, a quote's word) are found here, by a word diff of the
draft's words against the source's, and handed over as pieces (`marks`).
"""

from __future__ import annotations

import difflib
import re
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


_TOKEN = re.compile(r"\s+|\d[\d,.]*\d|\w+|[^\w\s]")  # "2,000" is one word
# A reworded sentence that supports a claim changes most words: marking them says nothing.
_MARKED = ("copied", "quoted", "misquoted", "contradicts")


def changed_pieces(draft: str, source: str) -> tuple[list[list[Any]], list[list[Any]]]:
    """Both texts as [text, changed] pieces, changed where the word diff does not match.

    >>> changed_pieces("a 2,000-mile border", "a 1,954-mile border")[0]
    [['a ', False], ['2,000', True], ['-mile border', False]]
    """
    a, b = _TOKEN.findall(draft), _TOKEN.findall(source)
    out_a: list[list[Any]] = []
    out_b: list[list[Any]] = []

    def add(out: list[list[Any]], text: str, changed: bool) -> None:
        if not text:
            return
        if out and out[-1][1] == changed:
            out[-1][0] += text
        else:
            out.append([text, changed])

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        add(out_a, "".join(a[i1:i2]), op != "equal")
        add(out_b, "".join(b[j1:j2]), op != "equal")
    return out_a, out_b


def marks(doc: dict[str, Any]) -> dict[str, list[dict[str, Any] | None]]:
    """Per sentence index (as a string), per link: the sentence and the source text as pieces
    with the changed words marked; None for a link whose words are not compared."""
    out: dict[str, list[dict[str, Any] | None]] = {}
    for s in doc["sentences"]:
        row: list[dict[str, Any] | None] = []
        sent = s["span"]
        for x in s["links"]:
            d = x["draft"]
            inside = sent["start"] <= d["start"] <= d["end"] <= sent["end"]
            if x["relation"] not in _MARKED or not inside:
                row.append(None)
                continue
            draft_pieces, source_pieces = changed_pieces(d["text"], x["span"]["text"])
            before = sent["text"][: d["start"] - sent["start"]]
            after = sent["text"][d["end"] - sent["start"] :]
            sentence = [[t, c] for t, c in ([before, False], *draft_pieces, [after, False]) if t]
            row.append({"sentence": sentence, "source": source_pieces})
        out[str(s["index"])] = row
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
    return head + script_json({**doc, "segments": segments(doc), "marks": marks(doc)}) + tail


def write(doc: dict[str, Any], path: Path) -> None:
    """Write the draft view for `doc` to `path` (parent folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc), encoding="utf-8")
