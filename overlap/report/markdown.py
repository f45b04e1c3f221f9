"""The Markdown view of a result document: fit for a pull-request comment or a wiki page.

Every value from the document (ids, file names, titles, outlets, reasons, article text) is data,
never markup: it is HTML-escaped (`&`, `<`, `>`), so no renderer that passes raw HTML through can
see a tag, and Markdown-escaped (backslash before each ASCII punctuation mark that can start
emphasis, a link, an image, code, a heading or a table cell), so no link, heading or cell
boundary can be smuggled in. Newlines and other control characters inside a field are folded to
a space, since a newline would end the line and let the rest start a heading or break the
table. Only passage text keeps its line breaks, inside its block quote, with each line's start
made unable to open a block (list, heading, setext underline, nested quote, code block).
"""

from __future__ import annotations

import html
import re
from typing import Any

from . import digest
from .labels import dated_name
from .marks import pieces

# Punctuation CommonMark (and GFM: `~` strikethrough, `|` table cells) gives a meaning to inline.
# `&` `<` `>` are not here: html.escape turns them into entities first, and `;` must stay raw so
# those entities survive. `#` `-` `+` `=` `.` `)` matter only at a line start (see _line_start).
_MD_PUNCT = re.compile(r"([\\`*_\[\]{}()!~|#])")
# Newlines (all of them: CR, LF, NEL, LS, PS), tabs and the other control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# What can open a block at the start of a line: a list item (`-`, `+`, `1.`, `1)`), a setext
# underline (`=`), a quote (`>`, already an entity here) or a heading (`#`, already escaped).
_BLOCK_START = re.compile(r"^([-+=]|\d{1,9}(?=[.)]))")


def render(doc: dict[str, Any]) -> str:
    """Markdown text: counts, who reused whom, the articles, then one section per finding by
    what needs action (both passages, changed words in bold).

    >>> doc = {"summary": {"articles": 1, "findings": 0, "skipped": 0, "by_kind": {}},
    ...        "articles": [{"id": "a", "source": "a|b.txt", "title": "<b>T</b>\\n# H"}],
    ...        "findings": [], "skipped": []}
    >>> render(doc).splitlines()[-1]
    '| a | a\\\\|b.txt |  |  | &lt;b&gt;T&lt;/b&gt; \\\\# H |'
    """
    arts = {a["id"]: a for a in doc["articles"]}
    s = doc["summary"]
    kinds = ", ".join(f"{_num(n)} {text(k)}" for k, n in s["by_kind"].items()) or "none"
    lines = [
        "# overlap report",
        "",
        f"{_num(s['articles'])} articles · {_num(s['findings'])} findings ({kinds}) · "
        f"{_num(s['skipped'])} skipped",
    ]
    lines += _pairs(doc, arts)
    lines += _same_story(doc, arts)
    lines += [
        "",
        "| id | article | outlet | date | title |",
        "|---|---|---|---|---|",
    ]
    for a in doc["articles"]:
        lines.append(
            f"| {text(a['id'])} | {text(a.get('source'))} | {text(a.get('outlet'))} | "
            f"{text(a.get('date'))} | {text(a.get('title'))} |"
        )
    current = None
    for n, f in enumerate(digest.ordered(doc["findings"]), start=1):
        cls = digest.action_class(f)
        if cls != current:
            current = cls
            lines += ["", f"**{text(digest.CLASS_TITLE[cls])}**"]
        lines += _finding(n, f, arts)
    if doc["skipped"]:
        lines += ["", "## Skipped", ""] + [
            f"- {code(x['source'])}: {text(x['reason'])}" for x in doc["skipped"]
        ]
    return "\n".join(lines) + "\n"


def _pairs(doc: dict[str, Any], arts: dict[str, Any]) -> list[str]:
    """The editor's table: one row per source -> copy pair (none when nothing was reused)."""
    rows = digest.pair_rows(doc)
    if not rows:
        return []
    lines = [
        "",
        "## Who reused whom",
        "",
        "| source → copy | passages | share of the copy | credited | contradicts |",
        "|---|---:|---:|---:|---|",
    ]
    for r in rows:
        arrow = "→" if r.direction_known else "↔"
        words = digest.pair_words(r)
        src = _label(arts[r.source]) if r.source in arts else text(r.source)
        copy = _label(arts[r.copy]) if r.copy in arts else text(r.copy)
        lines.append(
            f"| {src} {arrow} {copy} | {_num(r.passages)} | {text(words['share'])} | "
            f"{text(words['credited'])} | {text(words['contradicts'])} |"
        )
    return lines


def _same_story(doc: dict[str, Any], arts: dict[str, Any]) -> list[str]:
    """The article pairs that are one story (exact or near-duplicates; schema 1.4)."""
    rows = [p for p in doc.get("article_pairs", []) if p["label"] != "partial"]
    if not rows:
        return []
    lines = [
        "",
        "## Same story",
        "",
        "| articles | duplicate | own wording matched | stock wording |",
        "|---|---|---:|---:|",
    ]
    for p in rows:
        a = _label(arts[p["a"]]) if p["a"] in arts else text(p["a"])
        b = _label(arts[p["b"]]) if p["b"] in arts else text(p["b"])
        lines.append(
            f"| {a} · {b} | {text(p['label'])} | {round(100 * p['share_distinctive'])} % | "
            f"{round(100 * p['share_stock'])} % |"
        )
    return lines


def _finding(n: int, f: dict[str, Any], arts: dict[str, Any]) -> list[str]:
    """The section of finding number `n`: headline, verdict, direction, credit, both passages."""
    lines: list[str] = []
    a, b = arts[f["a"]["article"]], arts[f["b"]["article"]]
    where = (
        f"{_label(a)} prints this twice"
        if f["a"]["article"] == f["b"]["article"]
        else f"{_label(a)} → {_label(b)}"
    )
    lines += [
        "",
        f"## {n}. {text(digest.headline(f))}: {where} · {text(digest.score_words(f))}",
        "",
    ]
    if f.get("verdict"):
        shown = "misquoted" if f.get("misquote") else f["verdict"]
        names = {"a": dated_name(a), "b": dated_name(b)}
        reasons = [digest.reason_words(r, names) for r in f.get("reasons", [])]
        reasons += [f"changed in the quotation: {m}" for m in f.get("misquote") or []]
        lines.append(f"- **{text(shown)}**" + "".join(f"; {text(r)}" for r in reasons))
    lines.append(f"- direction: {text(f['direction_reason'])}")
    credit = digest.credit_words(f)
    if f.get("attribution") is not None:
        lines.append(f"- attribution: {text(credit or 'none')}")
    lines.append(f"- id: {code(f['id'])}")
    for side, art in (("a", a), ("b", b)):
        lines += [
            "",
            f"> **{text(digest.passage_words(art, f[side]))}**",
            "> " + _marked(f[side], f["diff"], side),
        ]
    return lines


def text(value: Any) -> str:
    """One field as inert inline Markdown: one line, no markup, safe inside a table cell.

    >>> text("[x](javascript:alert(1)) <img src=x>\\n# h | *b*")
    '\\\\[x\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\) &lt;img src=x&gt; \\\\# h \\\\| \\\\*b\\\\*'
    """
    if value is None:
        return ""
    return _MD_PUNCT.sub(r"\\\1", html.escape(_CONTROL.sub(" ", str(value)), quote=False))


def code(value: Any) -> str:
    """One field as an inline code span (ids, file names), fenced so no backtick closes it.

    Inside a code span the renderer escapes `<` and `&` itself and backslashes are literal, so
    only the fence length, the folded newlines and (for tables) `|` need care.

    >>> code("a`b")
    '``a`b``'
    """
    raw = _CONTROL.sub(" ", str(value)).replace("|", "\\|")
    fence = "`" * (max((len(r) for r in re.findall(r"`+", raw)), default=0) + 1)
    pad = " " if raw.startswith(("`", " ")) or raw.endswith(("`", " ")) else ""
    return f"{fence}{pad}{raw}{pad}{fence}"


def _label(a: dict[str, Any]) -> str:
    return dated_name(a, text)


def _num(value: Any) -> str:
    # Counts and offsets are integers in a valid document; anything else is shown as text.
    return str(value) if isinstance(value, int) else text(value)


def _score(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) else "?"


_NEWLINE = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")


def _passage(raw: str) -> str:
    """Escaped passage text with its line breaks kept (as LF)."""
    return "\n".join(text(line) for line in _NEWLINE.split(raw))


def _line_start(line: str) -> str:
    """A line that cannot open a block: no indent (code), no list, setext or heading marker."""
    line = line.lstrip(" ")
    return _BLOCK_START.sub(
        lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), line
    )


def _marked(span: dict[str, Any], diff: list[dict[str, Any]], side: str) -> str:
    r"""The span's text for a block quote, changed words in bold.

    >>> print(_marked({"text": "a big dog\n  1. # x", "start": 0}, [], "a"))
    a big dog
    > 1\. \# x
    """
    out = []
    for t, changed in pieces(span, diff, side):
        body = _passage(t)
        out.append(f"**{body}**" if changed and body.strip() else body)
    return "\n> ".join(_line_start(line) for line in "".join(out).split("\n"))
