"""The HTML report in a real headless browser: Debian's Chromium driven by Playwright.

Why a browser: every view is built by the report's script, so only running it shows that the
filters, the side-by-side view and the jumps between reused passages work, and that nothing logs
an error. Playwright drives the system Chromium (`executable_path`); its own browser download
(`playwright install`) needs the network and is never used. `.ci/run` installs both, so these
tests run in CI; elsewhere they are skipped, saying which one is missing.

The report is built from `tests/fixtures/seeds_result.json` (`overlap compare seeds/`), so no
model is needed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from overlap.report import html

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No sandbox: CI runs as root in a container. The rest keeps Chromium off the network.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright for Python is not installed (pip install -e '.[dev]'); .ci/run installs it",
)
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (apt-get install -y chromium); .ci/run installs it",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_report(browser, tmp_path):
    """Render `doc`, open it from file:// and record console errors and any network request."""
    pages = []

    def _open(doc: dict, hash_: str = "", width: int = 1280, height: int = 800):
        path = tmp_path / "report.html"
        html.write(doc, path)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.problems = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(f"uncaught: {e}"))
        page.on(
            "request",
            lambda r: r.url.startswith("file:") or page.problems.append(f"network: {r.url}"),
        )
        page.goto(path.as_uri() + hash_)
        page.wait_for_selector("html[data-ready]")
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


@pytest.fixture
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def shown(page) -> int:
    return page.locator("#findings button.fcard").count()


def finding(doc, kind, b_outlet=None, a_outlet=None):
    arts = {a["id"]: a for a in doc["articles"]}
    return next(
        f
        for f in doc["findings"]
        if f["kind"] == kind
        and (b_outlet is None or arts[f["b"]["article"]]["outlet"] == b_outlet)
        and (a_outlet is None or arts[f["a"]["article"]]["outlet"] == a_outlet)
    )


def test_seeds_report_filters_jumps_and_screenshot(open_report, doc, tmp_path):
    sync_api.expect.set_options(timeout=5000)
    page = open_report(doc)
    expect = sync_api.expect
    # Overview: one row per article, a matrix cell per reusing pair, arrows in the graph.
    expect(page.locator("#articles tbody tr")).to_have_count(5)
    assert page.locator("#matrix button.cell").count() >= 4
    assert page.locator("#graph g.edge.uncredited").count() >= 1
    assert page.locator("#graph g.edge.credited").count() >= 1

    # A matrix cell filters the findings to that pair (ABC News -> Fox News Latino: 2 findings).
    page.locator("#matrix button.cell[aria-label*='#5 ABC News,']").first.click()
    expect(page.locator("#view-findings")).to_be_visible()
    assert shown(page) == 2
    page.get_by_role("button", name="Clear the pair filter").click()
    assert shown(page) == 7

    # Each filter changes what is listed.
    page.locator("input[name=kind][value=paraphrase]").uncheck()
    assert shown(page) == 4
    page.locator("input[name=kind][value=paraphrase]").check()
    page.select_option("#f-credit", "uncredited")
    uncredited = [
        f for f in doc["findings"] if f["attribution"] and not f["attribution"]["credited"]
    ]
    assert 0 < shown(page) == len(uncredited) < 7
    page.select_option("#f-credit", "all")
    page.select_option("#f-outlet", "intelNews")
    assert shown(page) == 1  # the blog's repeat of its own post
    page.select_option("#f-outlet", "")
    page.locator("input[name=verdict][value=agree]").uncheck()
    # a credited quotation with changed words is listed as "misquoted", not "agree"
    agree = sum(f.get("verdict") == "agree" and not f.get("misquote") for f in doc["findings"])
    assert shown(page) == 7 - agree < 7
    page.locator("input[name=verdict][value=agree]").check()
    page.fill("#f-q", "MURMURING")  # case-insensitive, in one finding only
    expect(page.locator("#findings button.fcard")).to_have_count(1)
    page.fill("#f-q", "")
    expect(page.locator("#findings button.fcard")).to_have_count(7)
    # Listed by what needs action: uncredited copies and misquotes before repeats and credited
    # quotations, whatever their scores.
    heads = page.locator("#findings .fcard .headline").all_text_contents()
    fine = [i for i, h in enumerate(heads) if h.startswith(("Repeat", "Credited"))]
    act = [i for i, h in enumerate(heads) if h.startswith(("Uncredited", "Misquote"))]
    assert act and fine and max(act) < min(fine), heads
    page.select_option("#f-sort", "score")
    scores = [
        float(s)
        for s in page.locator("#findings .fcard .score").evaluate_all(
            "els => els.map((e) => e.dataset.score)"
        )
    ]
    assert scores == sorted(scores, reverse=True)
    page.select_option("#f-sort", "action")

    # Keyboard: arrows move through the list, Enter opens the side-by-side view.
    quote = finding(doc, "edited", a_outlet="ABC News")
    keys = page.locator("#findings button.fcard").evaluate_all(
        "els => els.map((e) => e.dataset.key)"
    )
    page.locator("#findings button.fcard").first.focus()
    for _ in range(keys.index(quote["id"])):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#detail h3")).to_contain_text("ABC News")
    expect(page.locator("#detail .d-chg.name").first).to_have_text("Pena")  # Pena / Peña
    expect(page.locator("#detail .d-ins")).to_have_text("Alex")
    expect(page.locator("#detail")).to_contain_text("Verdict: agree")
    expect(page.locator("#detail .evidence li").first).to_contain_text("spelling variant")
    page.screenshot(path=str(tmp_path / "seeds-findings.png"))

    # Article view: a click on a reused span brings its counterpart in the other article into view.
    page.locator("#detail a", has_text="show in the article").nth(1).click()
    here = page.locator(f"#s-{quote['id']}-b")
    expect(here).to_be_in_viewport()
    here.click()
    there = page.locator(f"#s-{quote['id']}-a")
    expect(there).to_be_in_viewport()
    expect(there).to_be_focused()
    assert page.locator("#article h3").text_content().startswith("#5 ")
    # A repeat within one article: the counterpart is further down the same page.
    repeat = finding(doc, "repeat", b_outlet="intelNews")
    page.goto(page.url.split("#")[0] + "#/article/" + repeat["a"]["article"])
    page.locator(f"#s-{repeat['id']}-a").click()
    expect(page.locator(f"#s-{repeat['id']}-b")).to_be_in_viewport()
    page.keyboard.press("n")  # the next passage takes the focus

    page.goto(page.url.split("#")[0] + "#/overview")
    page.screenshot(path=str(tmp_path / "seeds-html.png"), full_page=True)
    assert (tmp_path / "seeds-html.png").stat().st_size > 20_000
    assert page.problems == []


def test_article_markup_shows_as_text(open_report, doc):
    art = doc["articles"][0]
    evil = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"><b>bold</b>\n'
    art["text"] = evil + art["text"]
    art["title"] = "<i>title</i>"
    shift = len(evil)
    for f in doc["findings"]:
        for side in ("a", "b"):
            if f[side]["article"] == art["id"]:
                f[side]["start"] += shift
                f[side]["end"] += shift
        for d in f["diff"]:
            for side in ("a", "b"):
                if f[side]["article"] == art["id"]:
                    d[side]["start"] += shift
                    d[side]["end"] += shift
        f.pop("evidence", None)
    page = open_report(doc, "#/article/" + art["id"])
    text = page.locator("#article-text")
    assert text.text_content().startswith(evil)
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert page.locator("#article h3").text_content().endswith("<i>title</i>")
    assert page.evaluate("window.pwned") is None
    # The spans still line up after the markup: the credited quotation is highlighted exactly.
    quote = finding(doc, "edited", a_outlet="ABC News")
    assert page.locator(f"#s-{quote['id']}-b").text_content().startswith("I think the U.S.")
    assert page.problems == []


def test_result_without_verdicts(open_report, doc):
    doc["schema_version"] = "1.0"
    for f in doc["findings"]:
        for key in ("verdict", "confidence", "reasons", "evidence", "misquote", "nli"):
            f.pop(key, None)
    page = open_report(doc, "#/findings")
    assert page.locator("input[name=verdict]").count() == 0
    assert shown(page) == 7
    page.locator("#findings button.fcard").first.click()
    sync_api.expect(page.locator("#detail .sbs section")).to_have_count(2)
    assert "Verdict" not in page.locator("#detail").text_content()
    assert page.problems == []


@pytest.mark.parametrize("width", [390, 1400])
def test_phone_and_desktop_widths(open_report, doc, width):
    """No view scrolls sideways; the editor's table leads the overview; a chosen finding's
    detail comes into view; the models' numbers wait behind "Details"."""
    expect = sync_api.expect
    page = open_report(doc, "#/overview", width=width, height=800)
    for view in ("overview", "findings", "articles"):
        page.goto(page.url.split("#")[0] + "#/" + view)
        page.wait_for_timeout(50)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (view, overflow)
    page.goto(page.url.split("#")[0] + "#/overview")
    rows = page.locator("#pairs table.pairs tbody tr")
    assert rows.count() >= 2
    assert "→ Fox News Latino" in rows.first.text_content()
    # Whole words in its cells: at 390 px the table once shrank to one letter per line.
    first = page.locator("#pairs table.pairs tbody td").first.bounding_box()
    assert first and first["width"] >= 120, first
    box = page.locator("#pairs").bounding_box()
    assert box and box["y"] < page.locator("#cards").bounding_box()["y"]
    page.goto(page.url.split("#")[0] + "#/findings")
    cards = page.locator("#findings button.fcard")
    cards.nth(cards.count() - 1).click()
    detail = page.locator("#detail h3")
    expect(detail).to_be_in_viewport()
    text = page.locator("#detail").text_content()
    assert "line" in text and "characters " not in text.split("Details")[0]
    meta = page.locator("#detail details.more-detail")
    expect(meta).to_have_count(1)
    assert meta.get_attribute("open") is None
    expect(page.locator("#detail dl.meta")).not_to_be_visible()
    meta.locator("summary").click()
    expect(page.locator("#detail dl.meta")).to_be_visible()
    assert page.problems == []
