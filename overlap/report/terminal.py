"""The terminal view of a result document: the editor's table first, then the findings by what
needs action (uncredited copies, misquotes and contradictions first; repeats and credited
quotations last), each named by outlet, date and line.

Changed words are marked with colour on a colour terminal and with [-deleted-] {+inserted+}
markers otherwise, so a piped or colour-blind reading loses nothing. Passages are indented with
a hanging indent (a wrapped line keeps its column) and cut to a few lines of the console's
width; `verbose` shows them whole, with the model's probabilities, offsets and ids.

Everything taken from the document is printed as rich `Text` built from `textsafe.clean` /
`textsafe.line` (never as a markup string), so `[bold]` in a title prints as itself and an ESC
in an article never reaches the terminal; `skipped:` and `note:` lines are never wrapped.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..textsafe import clean, line, plain, print_line
from . import digest
from .labels import dated_name
from .marks import pieces

CLASS_STYLE = {digest.ACT: "bold red", digest.CHECK: "bold yellow", digest.FINE: "bold green"}
VERDICT_STYLE = {
    "agree": "bold green",
    "contradict": "bold red",
    "unclear": "bold",
    "misquoted": "bold red",
    "changed over time": "bold yellow",
}
SHOW_LINES = 4  # a passage is cut to about this many lines of the console's width
MIN_CHARS = 160  # ...but never to fewer characters than this


def render(
    doc: dict[str, Any], console: Console, limit: int | None = None, verbose: bool = False
) -> None:
    """Print the counts, the editor's table, the findings by what needs action, then skipped
    inputs and notes."""
    articles = {a["id"]: a for a in doc["articles"]}
    findings = doc["findings"]
    _summary(console, doc)
    _table(console, doc, articles)
    _derived(console, doc, articles)
    _same_story(console, doc, articles)
    shown = _by_action(console, findings, articles, limit, verbose)
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


def _table(console: Console, doc: dict[str, Any], articles: dict[str, Any]) -> None:
    """Who reused whom: one row per source -> copy pair (the editor's question)."""
    rows = digest.pair_rows(doc)
    if not rows:
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=False, pad_edge=False)
    table.add_column("source → copy", overflow="fold", min_width=16)
    table.add_column("passages", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("credited", justify="right", no_wrap=True)
    table.add_column("contradicts", overflow="fold", min_width=11)
    for r in rows:
        arrow = "\n→ " if r.direction_known else "\n↔ "
        words = digest.pair_words(r)
        trouble = words["contradicts"]
        table.add_row(
            plain(
                _name(articles.get(r.source), r.source)
                + arrow
                + _name(articles.get(r.copy), r.copy)
            ),
            plain(str(r.passages)),
            plain(words["share"]),
            plain(words["credited"], style="bold red" if r.uncredited else None),
            plain(trouble, style="bold red" if trouble != "none" else "dim"),
        )
    console.print()
    print_trimmed(console, table)


def _by_action(
    console: Console,
    findings: list[dict[str, Any]],
    articles: dict[str, Any],
    limit: int | None,
    verbose: bool,
) -> int:
    """The findings under one rule per action class, most urgent first; how many were shown."""
    shown, current = 0, None
    ordered = digest.ordered(findings)
    counts: dict[str, int] = {}
    for f in ordered:
        counts[digest.action_class(f)] = counts.get(digest.action_class(f), 0) + 1
    for f in ordered:
        if limit is not None and shown >= limit:
            break
        cls = digest.action_class(f)
        if cls != current:
            current = cls
            console.print()
            console.rule(
                plain(f"{digest.CLASS_TITLE[cls]} · {counts[cls]}", style=CLASS_STYLE[cls]),
                align="left",
            )
        _finding(console, f, articles, verbose)
        shown += 1
    return shown


# A non-derived article is still named when this much of it is reused: its passages are in
# the findings, and a reader should not take the missing line for "nothing reused".
SHOW_NON_DERIVED_SHARE = 0.1


def _derived(console: Console, doc: dict[str, Any], articles: dict[str, Any]) -> None:
    """One line per article wholly or partially derived from another, or non-derived but
    reusing at least SHOW_NON_DERIVED_SHARE of its text (schema 1.3 derivations; an older
    document has none)."""
    for d in doc.get("derivations", []):
        if d["article"] not in articles:
            continue
        non = d["label"] == "non"
        if non and d["share_total"] < SHOW_NON_DERIVED_SHARE:
            continue
        sources = ", ".join(_name(articles[x]) if x in articles else line(x) for x in d["sources"])
        shares = (
            f"{_pct(d['share_total'])} reused: {_pct(d['share_verbatim'])} verbatim, "
            f"{_pct(d['share_edited'])} edited, {_pct(d['share_paraphrase'])} paraphrase"
        )
        # 1.5 documents say what the label was decided on; older ones only the reused shares
        kept = f"{_pct(d['words_kept'])} of its words used there" if "words_kept" in d else ""
        if non:
            what = f"not derived from {sources} as a whole ({kept or 'by its words'}; {shares})"
        else:
            what = f"{d['label']} derived from {sources} ({kept + ', ' if kept else ''}{shares})"
        print_line(console, (f"{_name(articles[d['article']])}: ", "bold"), what)


def _same_story(console: Console, doc: dict[str, Any], articles: dict[str, Any]) -> None:
    """One line per article pair that is one story: an exact or near-duplicate (schema 1.4
    article_pairs; an older document has none)."""
    for p in doc.get("article_pairs", []):
        if p["label"] == "partial" or p["a"] not in articles or p["b"] not in articles:
            continue
        what = "exact duplicates" if p["label"] == "exact" else "near-duplicates (one story)"
        print_line(
            console,
            (f"{_name(articles[p['a']])} and {_name(articles[p['b']])}: ", "bold"),
            f"{what}, {_pct(p['share_distinctive'])} of the shorter one's own wording matched"
            f" ({_pct(p['share_stock'])} of it stock wording)",
        )


def _pct(share: float) -> str:
    return f"{round(100 * share)} %"


def _name(article: dict[str, Any] | None, default: str = "") -> str:
    return line(dated_name(article)) if article else line(default)


def _finding(console: Console, f: dict[str, Any], articles: dict[str, Any], verbose: bool) -> None:
    """Headline (what, from whom to whom, one score), verdict and reasons, both passages."""
    a, b = articles[f["a"]["article"]], articles[f["b"]["article"]]
    cls = digest.action_class(f)
    head = Text()
    head.append(line(digest.headline(f)), style=CLASS_STYLE[cls])
    if f["a"]["article"] == f["b"]["article"]:
        head.append(line(f" · {_name(a)} prints this passage twice"))
    else:
        arrow = " ↔ " if f["direction"] not in ("a->b", "b->a") else " → "
        head.append(line(f" · {_name(a)}{arrow}{_name(b)}"))
    credit = digest.credit_words(f)
    # The headline already says "Uncredited ..." or "Credited quotation".
    extras = [digest.score_words(f), "" if credit in ("uncredited", "") else credit]
    if credit.startswith("quoted, credited") and digest.headline(f) == "Credited quotation":
        extras[1] = credit.removeprefix("quoted, ")
    head.append(line(" · " + " · ".join(x for x in extras if x)), style="dim")
    console.print()
    indented(console, head, 2)
    names = {"a": _name(a), "b": _name(b)}
    if f.get("verdict"):
        # A credited quotation with changed words agrees in the JSON but reads as a misquote.
        shown = "misquoted" if f.get("misquote") else f["verdict"]
        verdict = plain(shown.upper(), style=VERDICT_STYLE.get(shown, "bold"))
        if verbose:
            verdict.append(line(f" {f['confidence']:.2f}"))
        reasons = [digest.reason_words(r, names) for r in f["reasons"]]
        reasons += [line(f"changed in the quotation: {m}") for m in f.get("misquote") or []]
        shown_reasons = reasons if verbose else reasons[:3]
        if shown_reasons:
            verdict.append(line(" · " + " · ".join(shown_reasons)))
        indented(console, verdict, 4)
    for side, art in (("a", a), ("b", b)):
        span = f[side]
        where = digest.passage_words(art, span)
        label = line(where)
        if verbose:
            label += line(f" [{span['start']}:{span['end']}]")
        indented(console, plain(label, "dim"), 4)
        indented(console, _marked(span, f["diff"], side, console, verbose), 6)
    if verbose:
        _details(console, f)


def indented(console: Console, text: Text, indent: int) -> None:
    """Print `text` wrapped to the console's width with every line at `indent` (a hanging
    indent: a wrapped line keeps its column), no trailing spaces."""
    for ln in text.wrap(console, max(20, console.width - indent)):
        ln.rstrip()
        console.print(Text(" " * indent).append_text(ln) if ln.plain else ln, soft_wrap=True)


def print_trimmed(console: Console, renderable: RenderableType) -> None:
    """Print `renderable` line by line without the spaces rich pads every table cell with: a
    row would end in spaces up to its last column's width, which a copy, a diff or a pull
    request's terminal log keep. Styles are kept; the lines already fit, so none re-wraps."""
    for segments in console.render_lines(renderable, console.options, pad=False):
        row = Text()
        for seg in segments:
            if not seg.control:
                row.append(seg.text, seg.style)
        row.rstrip()
        console.print(row, soft_wrap=True)


def _details(console: Console, f: dict[str, Any]) -> None:
    """What the models measured, for --verbose: scores, direction's reason, NLI, id."""
    parts = [f"id {f['id']}", f"{f['kind']} score {f['score']:.2f}"]
    if f.get("lexical") is not None:
        parts.append(f"same words {f['lexical']:.2f}")
    if f.get("semantic") is not None:
        parts.append(f"meaning (cosine) {f['semantic']:.2f}")
    parts.append(f"direction {f['direction']} ({f['direction_reason']})")
    nli = f.get("nli")
    if nli:
        for way, probs in nli.items():
            parts.append(
                f"NLI {way} entail {probs[0]:.2f} neutral {probs[1]:.2f} contradict {probs[2]:.2f}"
            )
    indented(console, plain(line(" · ".join(parts)), "dim"), 4)


def _marked(
    span: dict[str, Any], diff: list[dict[str, Any]], side: str, console: Console, verbose: bool
) -> Text:
    """The span's text with the diff's changed words on this side marked, cut to fit."""
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
    keep = max(MIN_CHARS, (console.width - 6) * SHOW_LINES)
    if not verbose and len(out) > keep:
        out.truncate(keep)
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
