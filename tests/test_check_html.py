"""`overlap check --html`: the self-contained draft view. The fake embedder and a fake NLI model
stand in for the real ones; the last test opens the page in the system Chromium (skipped when
Playwright or Chromium is missing)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from overlap.cli import app

runner = CliRunner()

SOURCE_A = (
    "Officials said the border program would expand next year across three states and two "
    "agencies. The agency said the new rules would reduce smuggling along the river crossings "
    "by half within two years.\n\n"
    "“We will not allow the cartels to move freely across the river again,” Maria Lopez, the "
    "regional director, told the Daily Courier.\n"
)
SOURCE_B = (
    "“We will never stop investing in our schools and our teachers this year,” Mayor Ruiz said "
    "at the ceremony.\n"
)
DRAFT = (
    "Officials said the border program would expand next year across three states and two "
    "agencies.\n\n"
    "“We will not allow the cartels to move freely across the river again,” Maria Lopez told "
    "the Daily Courier.\n\n"
    "“We will never stop investing in our schools and our students this year,” Mayor Ruiz said.\n\n"
    "The agency said the new rules would reduce smuggling along the river crossings by half "
    "within five years.\n\n"
    "Farmers wrote <script>alert(1)</script> on the barn door this season.\n"
)


@pytest.fixture(autouse=True)
def fakes(fake_models):
    """The fake embedder and a neutral NLI model stand in for the real ones (conftest)."""


@pytest.fixture
def files(tmp_path, write):
    write(tmp_path, "src/a.txt", SOURCE_A)
    write(tmp_path, "src/b.txt", SOURCE_B)
    write(
        tmp_path,
        "src/metadata.json",
        json.dumps(
            {
                "a.txt": {
                    "outlet": "Daily Courier",
                    "date": "2024-01-02",
                    "url": "https://courier.example/border",
                },
                "b.txt": {"outlet": "City Weekly", "date": "2024-01-03"},
            }
        ),
    )
    return write(tmp_path, "draft.txt", DRAFT), tmp_path / "src"


def _data(page: str) -> dict:
    m = re.search(
        r'<script type="application/json" id="overlap-check-data">(.*?)</script>', page, re.S
    )
    assert m
    return json.loads(m.group(1))


def test_html_written_self_contained_and_escaped(files, tmp_path):
    draft, src = files
    out = tmp_path / "view" / "draft.html"
    plain = runner.invoke(app, ["check", str(draft), "--against", str(src), "--format", "json"])
    res = runner.invoke(
        app, ["check", str(draft), "--against", str(src), "--format", "json", "--html", str(out)]
    )
    assert res.exit_code == plain.exit_code == 1
    assert json.loads(res.stdout) == json.loads(plain.stdout)  # --format output unchanged
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r'(src|href)\s*=\s*["\']?https?:', page, re.I)
    assert "<link" not in page and "<script src" not in page
    # The draft's <script> appears only escaped, inside the JSON block.
    assert "<script>alert(1)</script>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    data = _data(page)
    assert "<script>alert(1)</script>" in data["draft"]["text"]
    assert "".join(s["text"] for s in data["segments"]) == data["draft"]["text"]
    present = {s["class"] for s in data["sentences"]}
    assert len(present) >= 3
    assert present <= set(data["summary"])
    assert {s["sentence"] for s in data["segments"] if "sentence" in s} == {
        s["index"] for s in data["sentences"]
    }


def test_html_does_not_change_exit_codes(files, tmp_path):
    draft, src = files
    out = tmp_path / "v.html"
    ok = runner.invoke(
        app, ["check", str(draft), "--against", str(src), "--fail-on", "", "--html", str(out)]
    )
    assert ok.exit_code == 0 and out.is_file()
    bad = runner.invoke(
        app,
        ["check", str(draft) + ".nope", "--against", str(src), "--html", str(tmp_path / "x.html")],
    )
    assert bad.exit_code == 2 and not (tmp_path / "x.html").exists()


@pytest.mark.browser
def test_clicking_a_sentence_shows_its_evidence(files, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    draft, src = files
    out = tmp_path / "v.html"
    runner.invoke(app, ["check", str(draft), "--against", str(src), "--html", str(out)])
    problems: list[str] = []
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = b.new_page()
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
        page.on("request", lambda r: r.url.startswith("file:") or problems.append(r.url))
        page.goto(out.as_uri())
        page.wait_for_selector("html[data-ready]")
        assert page.locator("#verdict").inner_text() == "FAIL"
        # The draft's <script> is text, not an element.
        assert page.locator("#draft script").count() == 0
        assert "<script>alert(1)</script>" in page.locator("#draft").inner_text()
        linked = page.locator("#draft .s").filter(has_text="Officials said").first
        linked.click()
        ev = page.locator("#ev-body")
        assert "Daily Courier" in ev.inner_text()
        assert "Source text" in ev.inner_text()
        # Enter on a focused sentence works too.
        page.locator("#draft .s").last.focus()
        page.keyboard.press("Enter")
        assert "alert(1)" in ev.inner_text()
        # The filter dims the unchecked class.
        cls = page.locator("#draft .s").first.get_attribute("data-cls")
        page.locator(f"#filter input[value={cls}]").uncheck()
        assert "dim" in page.locator("#draft .s").first.get_attribute("class")
        assert page.locator("#grid tr").count() == 1 + page.locator("#draft .s").count()
        b.close()
    assert problems == []


def test_changed_words_are_found_in_both_texts():
    from overlap.report.check_html import changed_pieces

    draft, source = changed_pieces(
        "reduce smuggling by half within five years", "reduce smuggling by half within two years"
    )
    assert [t for t, c in draft if c] == ["five"] and [t for t, c in source if c] == ["two"]
    assert "".join(t for t, _ in draft).endswith("five years")


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1400])
def test_check_view_marks_changed_words_and_links_the_source(files, tmp_path, width):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed")
    draft, src = files
    out = tmp_path / "v.html"
    runner.invoke(app, ["check", str(draft), "--against", str(src), "--html", str(out)])
    doc = json.loads(
        runner.invoke(app, ["check", str(draft), "--against", str(src), "--format", "json"]).stdout
    )
    # "within five years" against the source's "within two years": a changed number.
    changed = next(s for s in doc["sentences"] if "five years" in s["span"]["text"])
    assert changed["links"], changed
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = b.new_page(viewport={"width": width, "height": 800})
        page.goto(out.as_uri())
        page.wait_for_selector("html[data-ready]")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        page.locator(f"#draft .s[data-index='{changed['index']}']").click()
        ev = page.locator("#ev-body")
        sync_api.expect(ev.locator("blockquote.draft mark.chg").first).to_be_visible()
        assert ev.locator("blockquote.source mark.chg").count() >= 1
        marked = " ".join(ev.locator("mark.chg").all_text_contents())
        assert any(w in marked for w in ("five", "two", "students", "teachers")), marked
        if any(doc["sources"][i]["url"] for i in range(len(doc["sources"]))):
            link = ev.locator("a", has_text="open the source")
            if link.count():
                assert link.first.get_attribute("href").startswith("https://")
        sync_api.expect(page.locator("#evidence")).to_be_in_viewport()
        assert page.locator("#grid th").first.inner_text() == "line"
        b.close()
