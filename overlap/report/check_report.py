"""Views of an `overlap check` result: the JSON document (the contract) and, drawn from it, the
terminal, Markdown (for a pull-request comment) and GitHub workflow-annotation formats.

JSON (schema "check-1.0"): {schema_version, tool, draft: {id, source, title, chars, text},
sources: [{id, source, outlet, date, title, url}], skipped: [{source, reason}], notes: [str],
fail_on: [class], failed: bool, summary: {class: n},
sentences: [{index, id, class, allowed, sources_disagree, line, column, notes: [str],
             span: {start, end, text}, links: [{id, source, relation, reasons: [str],
             draft: {start, end, text}, span: {start, end, text}, kind, verdict, score,
             confidence, nli: {"draft->source": [e, n, c], "source->draft": [...]} | null}]}],
grid: {sources: [id], rows: [[relation or "silent", ...] per sentence]}}
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .. import __version__
from ..textsafe import line, plain, print_line
from ..types import CheckResult, Finding
from . import digest
from .labels import source_name
from .terminal import indented, print_trimmed

SCHEMA_VERSION = "check-1.0"
CLASS_STYLE = {
    "misquoted": "bold red",
    "contradicted": "bold red",
    "copied": "bold magenta",
    "quoted": "green",
    "supported": "green",
    "unsupported": "yellow",
}
# The grid shows, per source, the strongest thing it does for a sentence.
_GRID_ORDER = ["misquoted", "contradicts", "copied", "quoted", "supports", "reports"]
_GRID_WORD = {
    "misquoted": "misquoted",
    "contradicts": "contradicts",
    "copied": "copied from",
    "quoted": "quoted",
    "supports": "supports",
    "reports": "only reports",
}


def to_document(result: CheckResult) -> dict[str, Any]:
    sources = [a.id for a in result.sources]
    rows = []
    for c in result.sentences:
        row = []
        for src in sources:
            rel = sorted((x.relation for x in c.links if x.source == src), key=_GRID_ORDER.index)
            row.append(_GRID_WORD[rel[0]] if rel else "silent")
        rows.append(row)
    d = result.draft
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "overlap", "version": __version__},
        "draft": {
            "id": d.id,
            "source": d.source,
            "title": d.title,
            "chars": len(d.text),
            "text": d.text,
        },
        "sources": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet,
                "date": a.date,
                "title": a.title,
                "url": a.url,
            }
            for a in result.sources
        ],
        "skipped": [dataclasses.asdict(s) for s in result.skipped],
        "notes": list(result.compare.extra.get("notes", [])),
        "fail_on": [c.value for c in result.fail_on],
        "failed": bool(result.failing),
        "summary": dict(Counter(c.cls.value for c in result.sentences)),
        "sentences": [
            {
                "index": c.index,
                "id": c.id,
                "class": c.cls.value,
                "allowed": c.allowed,
                "sources_disagree": c.sources_disagree,
                "line": c.line,
                "column": c.column,
                "notes": list(c.notes),
                "span": {"start": c.span.start, "end": c.span.end, "text": c.span.text},
                "links": [
                    {
                        "id": x.id,
                        "source": x.source,
                        "relation": str(x.relation),
                        "reasons": list(x.reasons),
                        "draft": {"start": x.draft.start, "end": x.draft.end, "text": x.draft.text},
                        "span": {"start": x.span.start, "end": x.span.end, "text": x.span.text},
                        "kind": x.finding.kind.value,
                        "verdict": x.finding.judgement.verdict.value
                        if x.finding.judgement
                        else None,
                        **_measured(x.finding, d.id),
                    }
                    for x in c.links
                ],
            }
            for c in result.sentences
        ],
        "grid": {"sources": sources, "rows": rows},
    }


def _measured(f: Finding, draft_id: str) -> dict[str, Any]:
    """What the models measured for a link (shown by --verbose): the finding's score, the
    verdict's confidence and the NLI probabilities [entailment, neutral, contradiction] each
    way, named by side (a finding's a and b are either way round); a value that is not a finite
    number is null, as in the compare document."""
    j = f.judgement
    nli = None
    if j is not None and j.nli is not None:
        draft_first = f.a.article == draft_id
        ways = (j.nli.a_to_b, j.nli.b_to_a) if draft_first else (j.nli.b_to_a, j.nli.a_to_b)
        if all(math.isfinite(p) for way in ways for p in way):
            nli = {
                "draft->source": [round(p, 4) for p in ways[0]],
                "source->draft": [round(p, 4) for p in ways[1]],
            }
    confidence = j.confidence if j is not None and math.isfinite(j.confidence) else None
    return {
        "score": round(f.score, 4) if math.isfinite(f.score) else None,
        "confidence": None if confidence is None else round(confidence, 4),
        "nli": nli,
    }


def _label(doc: dict[str, Any], source_id: str) -> str:
    return source_name(doc["sources"], source_id)


def _cut(text: str, n: int = 110) -> str:
    text = " ".join(line(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _room(console: Console, used: int) -> int:
    """Characters of text that fit on one line of this console after `used` columns (at
    least 20: a very narrow console wraps rather than cutting a sentence to nothing)."""
    return max(20, console.width - used)


def render_terminal(doc: dict[str, Any], console: Console, verbose: bool = False) -> None:
    """One line per sentence with its class, then the evidence for each non-clean sentence;
    with `verbose`, also each link's offsets and what the models measured (plain by default).

    Data is printed as plain `Text` through `textsafe` (no markup, no control characters);
    the `skipped:`, `note:` and PASS/FAIL lines are never wrapped.
    """
    summary = ", ".join(f"{n} {k}" for k, n in sorted(doc["summary"].items()))
    print_line(
        console,
        ("overlap check", "bold"),
        f" · {doc['draft']['source']} · "
        f"{len(doc['sentences'])} sentences ({summary}) against "
        f"{len(doc['sources'])} sources",
    )
    for s in doc["sentences"]:
        tag = line(s["class"] + (" (allowed)" if s["allowed"] else ""))
        console.print()
        console.print(
            Text.assemble(
                (f"{tag:<14}", CLASS_STYLE.get(s["class"], "")),
                line(f" line {s['line']}: "),
                _cut(s["span"]["text"], _room(console, 14 + len(f" line {s['line']}: "))),
            )
        )
        if s["sources_disagree"]:
            console.print(Text("    the sources disagree about this sentence", "bold yellow"))
        for note in s.get("notes", []):  # quote notes: an unverified quote, sources differing
            indented(console, plain(note, style="yellow"), 4)
        for link in s["links"][:4]:
            name = _label(doc, link["source"])
            reason = (
                digest.reason_words(link["reasons"][0], {"source": name}) if link["reasons"] else ""
            )
            what = f"{link['relation']} {_label(doc, link['source'])}: {reason}"
            indented(console, plain(what, style="dim"), 4)
            source = _cut(link["span"]["text"], _room(console, 14))
            console.print(plain(f"      source: {source}", style="dim"))
            if verbose:
                indented(console, plain(_link_details(link), style="dim"), 6)
        if s["class"] != "unsupported":
            console.print(plain(f"    id {s['id']}", style="dim"))
    _grid(doc, console)
    for skip in doc["skipped"]:
        print_line(console, ("skipped: ", "yellow"), f"{skip['source']}: {skip['reason']}")
    for note in doc["notes"]:
        print_line(console, "note: ", note)
    verdict = ("FAIL" if doc["failed"] else "PASS") + f" (fails on: {', '.join(doc['fail_on'])})"
    print_line(console, (verdict, "bold red" if doc["failed"] else "bold green"))


def _link_details(link: dict[str, Any]) -> str:
    """--verbose: a link's offsets, kind, score, confidence and NLI probabilities, one line."""
    d, sp = link["draft"], link["span"]
    parts = [f"draft [{d['start']}:{d['end']}]", f"source [{sp['start']}:{sp['end']}]"]
    parts.append(
        f"{link['kind']}" + (f" score {link['score']:.2f}" if link.get("score") is not None else "")
    )
    if link.get("verdict"):
        confidence = link.get("confidence")
        parts.append(
            f"verdict {link['verdict']}"
            + (f" (confidence {confidence:.2f})" if confidence is not None else "")
        )
    for way, probs in (link.get("nli") or {}).items():
        parts.append(
            f"NLI {way} entail {probs[0]:.2f} neutral {probs[1]:.2f} contradict {probs[2]:.2f}"
        )
    parts.append(f"link id {link['id']}")
    return line(" · ".join(parts))


def _grid(doc: dict[str, Any], console: Console) -> None:
    table = Table(title="claims × sources", show_lines=False)
    table.add_column("line", justify="right")
    for src in doc["grid"]["sources"]:
        table.add_column(plain(_cut(_label(doc, src), 18)))
    for s, row in zip(doc["sentences"], doc["grid"]["rows"], strict=True):
        table.add_row(str(s["line"]), *(plain("·" if r == "silent" else r) for r in row))
    console.print()
    print_trimmed(console, table)


def render_markdown(doc: dict[str, Any]) -> str:
    """A pull-request comment: a verdict line, a table of sentences, the claim × source grid."""
    lines = [
        f"### overlap check: {'❌ fail' if doc['failed'] else '✅ pass'}",
        "",
        f"`{doc['draft']['source']}` against {len(doc['sources'])} sources · fails on: "
        f"{', '.join(doc['fail_on']) or 'nothing'}",
        "",
        "| line | class | sentence | evidence | id |",
        "|---:|---|---|---|---|",
    ]
    for s in doc["sentences"]:
        ev = "<br>".join(
            f"{x['relation']} {_md(_label(doc, x['source']))}: {_md(_reason(doc, x))}"
            for x in s["links"][:3]
        )
        if s.get("notes"):
            ev = "<br>".join(_md(n) for n in s["notes"]) + ("<br>" + ev if ev else "")
        if s["sources_disagree"]:
            ev = "**sources disagree**<br>" + ev
        cls = f"**{s['class']}**" + (" (allowed)" if s["allowed"] else "")
        lines.append(
            f"| {s['line']} | {cls} | {_md(_cut(s['span']['text'], 90))} | {ev} | `{s['id']}` |"
        )
    lines += [
        "",
        "<details><summary>claims × sources</summary>",
        "",
        "| line | " + " | ".join(_md(_label(doc, x)) for x in doc["grid"]["sources"]) + " |",
        "|---:|" + "---|" * len(doc["grid"]["sources"]),
    ]
    for s, row in zip(doc["sentences"], doc["grid"]["rows"], strict=True):
        lines.append(f"| {s['line']} | " + " | ".join(row) + " |")
    lines += ["", "</details>"]
    lines += [f"- skipped `{x['source']}`: {_md(x['reason'])}" for x in doc["skipped"]]
    lines += [f"- note: {_md(n)}" for n in doc["notes"]]
    return "\n".join(lines) + "\n"


def _reason(doc: dict[str, Any], link: dict[str, Any]) -> str:
    """The link's first reason, "the source" named."""
    if not link["reasons"]:
        return ""
    return digest.reason_words(link["reasons"][0], {"source": _label(doc, link["source"])})


def _md(text: str) -> str:
    for ch in "\\`*_[]<>|":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def render_github(doc: dict[str, Any]) -> str:
    """GitHub Actions workflow commands: an ::error for each failing sentence, ::notice else."""
    out = []
    path = doc["draft"]["source"]
    for s in doc["sentences"]:
        if s["class"] in ("supported", "quoted"):
            continue
        failing = s["class"] in doc["fail_on"] and not s["allowed"]
        level = "error" if failing else "notice" if s["class"] == "unsupported" else "warning"
        first = s["links"][0] if s["links"] else None
        notes = s.get("notes") or []
        name = _label(doc, first["source"]) if first else ""
        reason = (
            digest.reason_words(first["reasons"][0], {"source": name})
            if first and first["reasons"]
            else ""
        )
        why = (
            f"{first['relation']} {name}: {reason}"
            if first and not (s["class"] == "misquoted" and first["relation"] != "misquoted")
            else notes[0]
            if notes
            else "no source says this"
        )
        message = _gh(f"{s['class']}: {why} (id {s['id']})")
        out.append(
            f"::{level} file={_gh_prop(path)},line={s['line']},col={s['column']},"
            f"title={_gh_prop('overlap ' + s['class'])}::{message}"
        )
    return "\n".join(out) + ("\n" if out else "")


def _gh(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh(text).replace(":", "%3A").replace(",", "%2C")
