"""The changed words of one side of a finding, as pieces the views can style their own way."""

from __future__ import annotations

from typing import Any


def pieces(span: dict[str, Any], diff: list[dict[str, Any]], side: str) -> list[tuple[str, bool]]:
    """The span's text cut into (text, changed) pieces by the diff's non-equal steps on `side`.

    >>> pieces({"text": "a big dog", "start": 10},
    ...        [{"op": "replace", "a": {"start": 12, "end": 15}, "b": {"start": 0, "end": 0}}], "a")
    [('a ', False), ('big', True), (' dog', False)]
    """
    text, base, out, pos = span["text"], span["start"], [], 0
    for d in diff:
        if d["op"] == "equal":
            continue
        start, end = d[side]["start"] - base, d[side]["end"] - base
        if end <= start or start < pos or end > len(text):
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out
