"""The Markdown report rendered by a CommonMark renderer (markdown-it-py, with raw HTML allowed as
permissive renderers do): metadata and article text never become markup."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from overlap.report import markdown

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "<javascript:alert(1)>",
    "line\n# heading\n\n<script>alert(2)</script>",
    "a | b | c",
    "`code` *em* _em_ ~~del~~ &lt;b&gt; \\",
    "x\r\n---\r\n===\n- item\n1. item\n    indented\n> quote",
]


def _html(md_text: str) -> str:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Like a permissive renderer: markdown-it drops javascript: links itself, so without this a
    # link smuggled in by the report would go unnoticed here.
    md.validateLink = lambda url: True
    return md.render(md_text)


@pytest.fixture
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _poison(doc: dict, value: str) -> dict:
    doc = copy.deepcopy(doc)
    for a in doc["articles"]:
        for key in ("source", "title", "outlet", "date"):
            a[key] = value
    for f in doc["findings"]:
        f["direction_reason"] = value
        f["kind"] = f["kind"] + value
        f["attribution"] = {"quoted": True, "credited": True, "credit": value, "speaker": None}
    doc["skipped"] = [{"source": value, "reason": value}]
    return doc


def _assert_inert(page: str) -> None:
    # The report's own markup is h1/h2, p, table, ul/li (finding facts), blockquote, strong, code.
    assert not re.search(r"<(script|img|a|iframe|del|em|pre|ol|hr|h[3-6])\b", page), page
    assert "javascript:" not in " ".join(re.findall(r'(?:href|src)="[^"]*"', page))
    assert page.count("<blockquote>") <= 14  # two per finding, none nested


@pytest.mark.parametrize("value", HOSTILE)
def test_metadata_cannot_inject_markup(doc, value):
    n_findings = len(doc["findings"])
    page = _html(markdown.render(_poison(doc, value)))
    _assert_inert(page)
    # Headings: the title, "Who reused whom", one per finding and "Skipped"; nothing from the
    # metadata.
    assert len(re.findall(r"<h1>", page)) == 1
    assert len(re.findall(r"<h2>", page)) == n_findings + 2
    assert "<h3" not in page and "<hr" not in page
    # The pair table keeps five cells per row; the articles table one row per article.
    pairs = page.split("<table>", 1)[1].split("</table>", 1)[0]
    assert all(
        len(re.findall(r"<t[hd][ >]", row)) == 5
        for row in re.findall(r"<tr>(.*?)</tr>", pairs, re.S)
    )
    table = page.split("<table>", 2)[2].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 1 + len(doc["articles"])
    assert all(len(re.findall(r"<t[hd]>", row)) == 5 for row in rows)


@pytest.mark.parametrize("value", HOSTILE)
def test_article_text_cannot_inject_markup(doc, value):
    doc = copy.deepcopy(doc)
    for f in doc["findings"]:
        f["diff"] = []
        for side in ("a", "b"):
            f[side]["text"] = value
    page = _html(markdown.render(doc))
    _assert_inert(page)
    assert len(re.findall(r"<h[1-6]>", page)) == 2 + len(doc["findings"])
    assert page.count("<table>") == 2 and page.count("<ul>") == len(doc["findings"])
    credited = sum(f["attribution"] is not None for f in doc["findings"])
    judged = sum(bool(f.get("verdict")) for f in doc["findings"])
    # direction, id, credit, verdict
    assert page.count("<li>") == 2 * len(doc["findings"]) + credited + judged
    assert page.count("<blockquote>") == 2 * len(doc["findings"])


def test_escaped_text_still_reads_as_written(doc):
    value = "Peña <b>&amp; [x](y) | *z* `q`"
    doc = _poison(doc, value)
    page = _html(markdown.render(doc))
    articles = page.split("<table>", 2)[2]
    cell = re.search(r"<td>(Peña.*?)</td>", articles).group(1)
    # What a reader sees is the original text (the renderer HTML-escapes it back).
    assert cell == "Peña &lt;b&gt;&amp;amp; [x](y) | *z* `q`"


def test_code_span_cannot_be_closed_by_a_backtick(doc):
    doc["skipped"] = [{"source": "a` <script>alert(1)</script> `b", "reason": "r"}]
    page = _html(markdown.render(doc))
    assert "<script" not in page
    assert "<code>a` &lt;script&gt;alert(1)&lt;/script&gt; `b</code>" in page


def test_report_leads_with_who_reused_whom_and_orders_by_action(doc):
    page = markdown.render(doc)
    head, _, body = page.partition("## Who reused whom")
    assert body and "## 1." not in head
    rows = [ln for ln in body.split("\n\n", 2)[1].splitlines() if ln.startswith("| ") and "→" in ln]
    assert rows and all(ln.count(" | ") == 4 for ln in rows)
    headings = re.findall(r"^## \d+\. (.*)$", page, re.M)
    assert len(headings) == len(doc["findings"])
    first_fine = next(
        (i for i, h in enumerate(headings) if h.startswith(("Repeat", "Credited"))), None
    )
    if first_fine is not None:
        assert not any(h.startswith("Uncredited") for h in headings[first_fine:])
    assert "[" not in " ".join(re.findall(r"^> \*\*.*\*\*$", page, re.M))  # lines, not offsets


def test_changed_words_are_bold_and_escaped(doc):
    f = doc["findings"][0]
    f["b"]["text"] = "one <two> three"
    f["diff"] = [
        {
            "op": "replace",
            "a": {"start": 0, "end": 0},
            "b": {"start": f["b"]["start"] + 4, "end": f["b"]["start"] + 9},
        }
    ]
    page = _html(markdown.render(doc))
    assert "one <strong>&lt;two&gt;</strong> three" in page
