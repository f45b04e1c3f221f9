"""Metadata in the HTML views (compare report and check draft view): whatever a title, outlet,
file name or reason holds, it stays inside the one JSON data block and parses back unchanged."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from overlap.report import check_html, html

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"
HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><img src=x onerror=alert(1)>",
    "<!--<script>",
    "<![CDATA[</script>]]>",
    "\u2028\u2029</scr\u0131pt>",
    "&lt;/script&gt; &amp;",
]


class _Elements(HTMLParser):
    """What a browser's parser sees: the elements and the raw text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("value", HOSTILE)
def test_report_metadata_stays_in_the_data_block(value):
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    clean = _parse(html.render(doc))
    for a in doc["articles"]:
        a.update(title=value, outlet=value, source=value, date=value, author=value, url=value)
    for f in doc["findings"]:
        f["direction_reason"] = value
        f["reasons"] = [value]
    doc["skipped"] = [{"source": value, "reason": value}]
    doc["notes"] = [value]
    page = html.render(doc)
    seen = _parse(page)
    # The same elements as the clean page: no script, img or comment added or closed early.
    assert seen.tags == clean.tags and len(seen.scripts) == len(clean.scripts) == 2
    assert "<img" not in page and "</SCRIPT " not in page
    data = json.loads(seen.scripts[0])
    assert data["articles"][0]["title"] == value and data["skipped"][0]["reason"] == value
    assert data["findings"][0]["reasons"] == [value] and data["notes"] == [value]


def _check_doc(value: str) -> dict:
    text = "First sentence here. " + value + " second."
    return {
        "schema_version": "check-1.0",
        "tool": {"name": "overlap", "version": "0"},
        "draft": {"id": "d", "source": value, "title": value, "chars": len(text), "text": text},
        "sources": [{"id": "s", "source": value, "outlet": value, "date": None, "title": value}],
        "skipped": [{"source": value, "reason": value}],
        "notes": [value],
        "fail_on": ["copied"],
        "failed": False,
        "summary": {"unsupported": 1},
        "sentences": [
            {
                "index": 0,
                "id": value,
                "class": "unsupported",
                "allowed": False,
                "sources_disagree": False,
                "line": 1,
                "column": 1,
                "span": {"start": 0, "end": 20, "text": text[:20]},
                "links": [],
            }
        ],
        "grid": {"sources": ["s"], "rows": [["silent"]]},
    }


@pytest.mark.parametrize("value", HOSTILE)
def test_check_view_metadata_stays_in_the_data_block(value):
    clean = _parse(check_html.render(_check_doc("plain")))
    doc = _check_doc(value)
    page = check_html.render(copy.deepcopy(doc))
    seen = _parse(page)
    assert seen.tags == clean.tags and "<img" not in page
    blocks = [s for s in seen.scripts if s.lstrip().startswith("{")]
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["draft"]["title"] == value and data["sources"][0]["outlet"] == value
    assert "".join(s["text"] for s in data["segments"]) == doc["draft"]["text"]


def test_nan_never_blanks_the_page():
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["findings"][0]["semantic"] = float("nan")
    doc["run"]["seconds"] = float("inf")
    data = json.loads(_parse(html.render(doc)).scripts[0])  # json.loads would accept NaN...
    assert data["findings"][0]["semantic"] is None and data["run"]["seconds"] is None
    assert "NaN" not in html.script_json(doc) and "Infinity" not in html.script_json(doc)
