"""The HTML report without a browser: escaping, self-containment, size, offsets and the CLI.

The fixture `tests/fixtures/seeds_result.json` is `overlap compare seeds/ --json ... --no-cache`
(schema 1.1, with verdicts), so none of these tests needs a model.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overlap.cli import app
from overlap.report import html

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"
HOSTILE = (
    "</script><script>window.pwned = 1</script><img src=x onerror=alert(1)> "
    "<!-- <script> & \u2028 \u2029 done"
)
BLOB = re.compile(r'<script type="application/json" id="overlap-data">(.*?)</script>', re.S)


@pytest.fixture
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def blob(page: str) -> dict:
    """The embedded result, parsed back as the browser's JSON.parse would."""
    match = BLOB.search(page)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_script_in_article_text_stays_inside_the_data_block(doc):
    doc["articles"][0]["text"] = HOSTILE + doc["articles"][0]["text"]
    doc["articles"][0]["title"] = "<b>title</b></script>"
    page = html.render(doc)
    # Only the template's own two script elements exist; the article cannot open or close one.
    assert page.count("<script") == 2 and page.lower().count("</script") == 2
    assert "<img" not in page and "<!--" not in page.split("<body>", 1)[1]
    assert "\u2028" not in page and "\u2029" not in page
    data = blob(page)
    assert data["articles"][0]["text"].startswith(HOSTILE)
    assert data["articles"][0]["title"] == "<b>title</b></script>"


def test_script_json_escapes_markup_characters():
    text = html.script_json({"t": "<>&\u2028\u2029"})
    assert text == '{"t":"\\u003c\\u003e\\u0026\\u2028\\u2029"}'
    assert json.loads(text) == {"t": "<>&\u2028\u2029"}


def test_report_is_self_contained(doc):
    page = html.render(doc)
    markup = BLOB.sub("", page)  # article text may mention URLs; only the markup is checked
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", markup, re.I)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", markup, re.I)
    assert "<script src" not in markup and "<style>" in markup
    assert "default-src 'none'" in markup  # the CSP forbids any fetch, as a second line of defence


def test_each_article_text_is_embedded_once(doc):
    page = html.render(doc)
    data = blob(page)
    assert all("text" not in f[side] for f in data["findings"] for side in ("a", "b"))
    snippet = doc["findings"][2]["b"]["text"][:60]
    assert page.count(html.script_json(snippet)[1:-1]) == 1
    # What is left beyond the result itself is the page's code: a few tens of kB.
    assert len(page.encode()) - len(json.dumps(data, ensure_ascii=False).encode()) < 120_000


def test_offsets_become_utf16_units_after_astral_characters(doc):
    art = doc["articles"][0]
    finding = next(f for f in doc["findings"] if f["b"]["article"] == art["id"])
    before = dict(finding["b"])
    art["text"] = "\U0001f600" + art["text"]  # one code point, two UTF-16 units
    for f in doc["findings"]:
        for side in ("a", "b"):
            if f[side]["article"] == art["id"]:
                f[side]["start"] += 1
                f[side]["end"] += 1
    data = html.compact(doc)
    moved = next(f for f in data["findings"] if f["id"] == finding["id"])["b"]
    assert (moved["start"], moved["end"]) == (before["start"] + 2, before["end"] + 2)
    # The same slice in JavaScript's UTF-16 indexing gives the passage back.
    units = art["text"].encode("utf-16-le")
    assert units[2 * moved["start"] : 2 * moved["end"]].decode("utf-16-le") == before["text"]
    untouched = next(a for a in data["articles"] if a["id"] != art["id"])
    assert untouched == next(a for a in doc["articles"] if a["id"] == untouched["id"])


def test_findings_with_and_without_verdicts_render(doc):
    old = copy.deepcopy(doc)
    old["schema_version"] = "1.0"
    for f in old["findings"]:
        for key in ("verdict", "confidence", "reasons", "evidence", "misquote", "nli"):
            f.pop(key, None)
    for d in (doc, old):
        data = blob(html.render(d))
        assert len(data["findings"]) == 7
    assert any(f.get("verdict") for f in blob(html.render(doc))["findings"])


def test_cli_render_html_needs_no_model(tmp_path, monkeypatch):
    monkeypatch.setattr("overlap.embed.MiniLM", None)  # render must not need a model
    out = tmp_path / "sub" / "seeds.html"
    result = CliRunner().invoke(app, ["render", str(FIXTURE), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # --html replaces the terminal report
    assert len(blob(out.read_text(encoding="utf-8"))["findings"]) == 7
    result = CliRunner().invoke(
        app, ["render", str(FIXTURE), "--html", str(out), "--kinds", "repeat"]
    )
    assert {f["kind"] for f in blob(out.read_text(encoding="utf-8"))["findings"]} == {"repeat"}


def test_cli_compare_writes_html(tmp_path, write, fake_embedder, monkeypatch):
    monkeypatch.setattr("overlap.embed.MiniLM", lambda *a, **k: fake_embedder)
    body = "The agency said the border program would expand next year across three states.\n"
    write(tmp_path, "in/a.txt", "Story A\n\n" + body)
    write(tmp_path, "in/b.txt", "<script>alert(1)</script>\n\n" + body)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["compare", str(tmp_path / "in"), "--html", str(out), "--no-cache", "-q"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<script") == 2
    texts = [a["text"] for a in blob(page)["articles"]]
    assert any(t.startswith("<script>alert(1)</script>") for t in texts)


def test_assets_are_package_data():
    # Named or matched by a glob in package-data, so a wheel carries them.
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    patterns = tomllib.loads(text)["tool"]["setuptools"]["package-data"]["overlap.report"]
    for name in (
        "html_template.html",
        "html_report.css",
        "html_report.js",
        "html_views.js",
        "check_template.html",
    ):
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
        assert (Path(html.__file__).parent / name).is_file()
