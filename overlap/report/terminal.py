"""The terminal view of a result document: findings grouped by article pair, strongest first.

Changed words are marked with colour on a colour terminal and with [-deleted-] {+inserted+}
markers otherwise, so a piped or colour-blind reading loses nothing.

Everything taken from the document is printed as rich `Text` built from `textsafe.clean` /
`textsafe.line` (never as a markup string), so `[bold]` in a title prints as itself and an ESC
in an article never reaches the terminal; `skipped:` and `note:` lines are never wrapped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.text import Text

from ..textsafe import clean, line, plain, print_line
from ..types import Direction
from .labels import dated_name
from .marks import pieces

KIND_STYLE = {
    "verbatim": "bold red",
    "edited": "bold magenta",
    "paraphrase": "bold cyan",
    "repeat": "bold yellow",
}
VERDICT_STYLE = {
    "agree": "bold green",
    "contradict": "bold red",
    "unclear": "bold",
    "misquoted": "bold red",
    "changed over time": "bold yellow",
}
SHOW_CHARS = 600  # longer passages are cut in the terminal; the JSON keeps them whole


def render(doc: dict[str, Any], console: Console, limit: int | None = None) -> None:
    """Print the summary, the findings by article pair, then skipped inputs and notes."""
    articles = {a["id"]: a for a in doc["articles"]}
    findings = doc["findings"]
    _summary(console, doc)
    _derived(console, doc, articles)
    shown = _by_pair(console, findings, articles, limit)
    if not findings:
        console.print()
        console.print(Text("No reused or paraphrased passages found at these settings."))
    if limit is not None and len(findings) > shown:
        console.print()
        console.print(Text(f"… {len(findings) - shown} more findings in the JSON report", "dim"))
    _footer(console, doc)


def _summary(console: Console, doc: dict[str, Any]) -> None:
    """The counts line, and the run's embedding counts when the document has them."""
    summary = doc["summary"]
    kinds = ", ".join(f"{n} {k}" for k, n in summary["by_kind"].items()) or "none"
    verdicts = ", ".join(f"{n} {v}" for v, n in summary.get("by_verdict", {}).items())
    print_line(
        console,
        ("overlap", "bold"),
        f" · {summary['articles']} articles · "
        f"{summary['findings']} findings ({kinds}) · "
        + (f"verdicts: {verdicts} · " if verdicts else "")
        + f"{summary['skipped']} skipped",
    )
    run = doc.get("run") or {}
    if run:
        console.print(
            plain(
                f"embedded {run['embedded']} new passages, {run['embedded_from_cache']} "
                f"from cache; {run['seconds']:.1f} s",
                style="dim",
            )
        )


def _by_pair(
    console: Console, findings: list[dict[str, Any]], articles: dict[str, Any], limit: int | None
) -> int:
    """The findings under one rule per article pair, best pair first; how many were shown."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        groups[(f["a"]["article"], f["b"]["article"])].append(f)
    order = sorted(groups, key=lambda k: (-max(f["score"] for f in groups[k]), k))
    shown = 0
    for key in order:
        if limit is not None and shown >= limit:
            break
        a, b = articles[key[0]], articles[key[1]]
        items = groups[key]
        arrow = "repeats itself" if key[0] == key[1] else "→"
        head = f"{_name(a)} {arrow}" if key[0] == key[1] else f"{_name(a)} {arrow} {_name(b)}"
        console.print()
        console.rule(
            plain(f"{head} · {len(items)} finding{'s' if len(items) > 1 else ''}", style="bold"),
            align="left",
        )
        for f in items:
            if limit is not None and shown >= limit:
                break
            _finding(console, f, articles)
            shown += 1
    return shown


def _derived(console: Console, doc: dict[str, Any], articles: dict[str, Any]) -> None:
    """One line per article wholly or partially derived from another (schema 1.3 derivations;
    an older document has none)."""
    for d in doc.get("derivations", []):
        if d["label"] == "non" or d["article"] not in articles:
            continue
        sources = ", ".join(_name(articles[x]) if x in articles else line(x) for x in d["sources"])
        print_line(
            console,
            (f"{_name(articles[d['article']])}: ", "bold"),
            f"{d['label']} derived from {sources} ({_pct(d['share_total'])} reused: "
            f"{_pct(d['share_verbatim'])} verbatim, {_pct(d['share_edited'])} edited, "
            f"{_pct(d['share_paraphrase'])} paraphrase)",
        )


def _pct(share: float) -> str:
    return f"{round(100 * share)} %"


def _name(article: dict[str, Any]) -> str:
    return line(dated_name(article))


def _finding(console: Console, f: dict[str, Any], articles: dict[str, Any]) -> None:
    head = Text("  ")
    head.append(line(f"{f['kind']} {f['score']:.2f}"), style=KIND_STYLE.get(f["kind"], "bold"))
    att = f.get("attribution")
    extras = _extras(f, articles)
    head.append(line(" · " + " · ".join(extras)), style="dim" if att and att["credited"] else None)
    console.print(head)
    _verdict_and_passages(console, f)


def _extras(f: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    """The finding's notes after its kind and score: meaning, attribution, direction."""
    extras = []
    if f.get("semantic") is not None and f["kind"] != "paraphrase":
        extras.append(f"meaning {f['semantic']:.2f}")
    att = f.get("attribution")
    if att:
        if att["quoted"] and att["credited"]:
            extras.append(f"quoted, credited to {att['credit'] or att['speaker']}")
        elif att["credited"]:
            extras.append(f"credited to {att['credit']}")
        elif att["quoted"]:
            extras.append("quoted without credit")
        else:
            extras.append("UNCREDITED")
    if f["kind"] == "repeat":
        extras.append("the same article prints this passage twice")
    elif f["direction"] == Direction.A_TO_B:
        extras.append(f"source: {_name(articles[f['a']['article']])} ({f['direction_reason']})")
    else:
        extras.append("direction unknown")
    return extras


def _verdict_and_passages(console: Console, f: dict[str, Any]) -> None:
    """The verdict line (when judged), both passages with their changed words, and the id."""
    if f.get("verdict"):
        # A credited quotation with changed words agrees in the JSON but reads as a misquote.
        shown = "misquoted" if f.get("misquote") else f["verdict"]
        verdict = plain(
            f"    {shown.upper()} {f['confidence']:.2f}",
            style=VERDICT_STYLE.get(shown, "bold"),
        )
        shown_reasons = f["reasons"][:3]
        verdict.append(line(" · " + " · ".join(shown_reasons)))
        console.print(verdict)
    for side in ("a", "b"):
        span = f[side]
        console.print(
            plain(f"    {side.upper()} {span['article']} [{span['start']}:{span['end']}]", "dim")
        )
        console.print(Text("      ").append(_marked(span, f["diff"], side, console)))
    console.print(plain(f"    id {f['id']}", style="dim"))


def _marked(span: dict[str, Any], diff: list[dict[str, Any]], side: str, console: Console) -> Text:
    """The span's text with the diff's changed words on this side marked."""
    styled = console.is_terminal and not console.no_color
    changed_style = "red strike" if side == "a" else "green underline"
    out = Text()
    for raw, changed in pieces(span, diff, side):
        text = clean(raw)  # after the cut: the diff's offsets are into the raw text
        if not changed:
            out.append(text)
        elif styled:
            out.append(text, style=changed_style)
        else:
            out.append(f"[-{text}-]" if side == "a" else f"{{+{text}+}}")
    if len(out) > SHOW_CHARS:
        out.truncate(SHOW_CHARS)
        out.append(" …", style="dim")
    return out


def _footer(console: Console, doc: dict[str, Any]) -> None:
    if doc["skipped"]:
        console.print()
        for s in doc["skipped"]:
            print_line(console, ("skipped: ", "bold yellow"), f"{s['source']}: {s['reason']}")
    notes = [(a["id"], n) for a in doc["articles"] for n in a.get("notes", [])]
    notes += [("run", n) for n in doc.get("notes", [])]
    if notes:
        console.print()
        for art, note in notes:
            print_line(console, ("note: ", "bold"), f"{art}: {note}")
