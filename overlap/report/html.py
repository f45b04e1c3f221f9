"""The HTML view of a result document: one self-contained file an editor opens from disk.

The file is the template (`html_template.html`) with the stylesheet (`html_report.css`), the
scripts (`html_report.js`: data and overview; `html_views.js`: findings, side by side, article
text, keys) and the result itself inlined. The result goes in once, as a JSON blob in a
`<script type="application/json">` block; the script builds every view (overview, matrix, graph,
findings, side by side, article text) from it in the browser. Article text reaches the page only
through DOM text nodes, never as markup, so an article containing `<script>` shows it as text.

Three things are done here rather than in the browser:

- The digest: the editor's table (source -> copy pairs), each finding's action class, headline,
  score and reasons in words, and the order by what needs action (`digest.for_browser`), added
  to the blob as `digest`.
- Size: a finding's span `text` repeats its article's text, so it is dropped from the blob (the
  script slices it from the article). Each article's text is embedded exactly once.
- Offsets: the JSON counts characters as Python does (code points); JavaScript strings count
  UTF-16 units, so an article holding an emoji or another astral character would shift every
  highlight after it. Offsets into such articles are converted to UTF-16 units here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from . import digest
from .json import dumps

DATA_SLOT = "__OVERLAP_DATA__"
CSS_SLOT = "/*__OVERLAP_CSS__*/"
JS_SLOT = "/*__OVERLAP_JS__*/"

# Inside a <script> block the HTML parser ends the block at "</script" and treats "<!--" specially;
# JSON never needs these characters raw, so they are written as \uXXXX escapes (still valid JSON).
# U+2028/2029 are escaped too: harmless to JSON.parse, but they break any tool that reads the blob
# as JavaScript source.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def render(doc: dict[str, Any]) -> str:
    """The complete HTML report for a result document, as one string.

    >>> page = render({"schema_version": "1.0", "summary": {}, "articles": [], "findings": [],
    ...                "skipped": []})
    >>> page.startswith("<!DOCTYPE html>") and "<script src" not in page
    True
    """
    template, css = _asset("template.html"), _asset("report.css")
    # Two scripts: the data and overview, then the interactive views (kept apart for size).
    js = _asset("report.js") + "\n" + _asset("views.js")
    for name, text in (("report.css", css), ("report.js/views.js", js)):
        # An inlined asset must not close its own element early (nor enter the HTML parser's
        # escaped script state, which "<!--" and "<script" inside a script can do).
        if any(tag in text.lower() for tag in ("</style", "</script", "<script", "<!--")):
            raise ValueError(f"html_{name} contains a tag or comment opener and cannot be inlined")
    page = template.replace(CSS_SLOT, css).replace(JS_SLOT, js)
    head, sep, tail = page.partition(DATA_SLOT)
    if not sep:
        raise ValueError("html_template.html has no data slot")
    return head + script_json(compact(doc)) + tail


def write(doc: dict[str, Any], path: Path) -> None:
    """Write the HTML report for `doc` to `path` (parent folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc), encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON text that is safe inside a `<script type="application/json">` element.

    >>> script_json({"text": "</script><b>&\u2028"})
    '{"text":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    # Never a bare NaN: JSON.parse rejects it and the whole page would stay blank.
    text = dumps(value, separators=(",", ":"))
    # Five str.replace passes: several times faster than str.translate on a multi-MB blob.
    for raw, escaped in _SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def compact(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the browser needs it: span texts dropped, offsets in UTF-16 units."""
    articles = [dict(a) for a in doc.get("articles", [])]
    maps = {a["id"]: m for a in articles if (m := _utf16_map(a.get("text") or ""))}
    for a in articles:
        m = maps.get(a["id"])
        if m:
            a["chrome"] = [_shift(c, m, ("start", "end")) for c in a.get("chrome", [])]
            keys = ("start", "end", "inner_start", "inner_end")
            a["quotes"] = [_shift(q, m, keys) for q in a.get("quotes", [])]
    findings = [_finding(f, maps) for f in doc.get("findings", [])]
    # The editor's table and the order by what needs action, computed where the terminal and
    # Markdown views compute them (digest.py), so the three views agree.
    return {**doc, "articles": articles, "findings": findings, "digest": digest.for_browser(doc)}


def _finding(f: dict[str, Any], maps: dict[str, list[int]]) -> dict[str, Any]:
    out = {k: _spans(v, maps) for k, v in f.items() if k not in ("a", "b", "diff")}
    for side in ("a", "b"):
        span = {k: v for k, v in f[side].items() if k != "text"}
        out[side] = _spans(span, maps)
    ma, mb = maps.get(f["a"]["article"]), maps.get(f["b"]["article"])
    out["diff"] = [
        {
            **d,
            "a": _shift(d["a"], ma, ("start", "end")) if ma else d["a"],
            "b": _shift(d["b"], mb, ("start", "end")) if mb else d["b"],
        }
        for d in f.get("diff", [])
    ]
    return out


def _spans(value: Any, maps: dict[str, list[int]]) -> Any:
    """Any {article, start, end} found in `value` (evidence spans too) with offsets converted."""
    if isinstance(value, list):
        return [_spans(v, maps) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _spans(v, maps) for k, v in value.items()}
    m = maps.get(out["article"]) if isinstance(out.get("article"), str) else None
    return _shift(out, m, ("start", "end")) if m else out


def _utf16_map(text: str) -> list[int] | None:
    """UTF-16 offset of each code-point offset 0..len(text), or None when they are equal."""
    if len(text.encode("utf-16-le")) == 2 * len(text):
        return None
    units, pos = [0], 0
    for ch in text:
        pos += 2 if ord(ch) > 0xFFFF else 1
        units.append(pos)
    return units


def _shift(d: dict[str, Any], m: list[int], keys: tuple[str, ...]) -> dict[str, Any]:
    out = dict(d)
    for k in keys:
        v = out.get(k)
        if isinstance(v, int) and 0 <= v < len(m):
            out[k] = m[v]
    return out


def _asset(name: str) -> str:
    return resources.files("overlap.report").joinpath(f"html_{name}").read_text(encoding="utf-8")
