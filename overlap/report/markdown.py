"""The Markdown view of a result document: fit for a pull-request comment or a wiki page."""

from __future__ import annotations

from typing import Any

from .marks import pieces


def render(doc: dict[str, Any]) -> str:
    """Markdown text: summary, one section per finding (both passages, changed words in bold)."""
    arts = {a["id"]: a for a in doc["articles"]}
    s = doc["summary"]
    kinds = ", ".join(f"{n} {k}" for k, n in s["by_kind"].items()) or "none"
    lines = [
        "# overlap report",
        "",
        f"{s['articles']} articles · {s['findings']} findings ({kinds}) · {s['skipped']} skipped",
        "",
        "| id | article | outlet | date | title |",
        "|---|---|---|---|---|",
    ]
    for a in doc["articles"]:
        lines.append(
            f"| {a['id']} | {_cell(a['source'])} | {_cell(a.get('outlet'))} | "
            f"{a.get('date') or ''} | {_cell(a.get('title'))} |"
        )
    for n, f in enumerate(doc["findings"], start=1):
        a, b = arts[f["a"]["article"]], arts[f["b"]["article"]]
        att = f.get("attribution")
        credit = (
            ""
            if att is None
            else "quoted, credited"
            if att["quoted"] and att["credited"]
            else "credited"
            if att["credited"]
            else "quoted, no credit"
            if att["quoted"]
            else "**uncredited**"
        )
        lines += [
            "",
            f"## {n}. {f['kind']} {f['score']:.2f}: {_label(a)} → {_label(b)}",
            "",
            f"- direction: {f['direction']} ({f['direction_reason']})",
        ]
        if credit:
            who = att.get("credit") or att.get("speaker") if att else None
            lines.append(f"- attribution: {credit}{f' ({who})' if who else ''}")
        lines.append(f"- id: `{f['id']}`")
        for side, art in (("a", a), ("b", b)):
            lines += [
                "",
                f"> **{side.upper()}** {_label(art)} [{f[side]['start']}:{f[side]['end']}]",
                "> " + _marked(f[side], f["diff"], side).replace("\n", "\n> "),
            ]
    if doc["skipped"]:
        lines += ["", "## Skipped", ""] + [
            f"- `{x['source']}`: {x['reason']}" for x in doc["skipped"]
        ]
    return "\n".join(lines) + "\n"


def _label(a: dict[str, Any]) -> str:
    name = a.get("outlet") or a.get("title") or a["id"]
    return f"{name} ({a['date']})" if a.get("date") else name


def _cell(value: Any) -> str:
    return str(value or "").replace("|", "\\|")


def _escape(text: str) -> str:
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _marked(span: dict[str, Any], diff: list[dict[str, Any]], side: str) -> str:
    return "".join(f"**{_escape(t)}**" if changed else _escape(t)
                   for t, changed in pieces(span, diff, side))
