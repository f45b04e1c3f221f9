"""The HTML report: size and render time of a saved `overlap compare` result, and, with
Playwright and the system Chromium, how long a reader waits in the browser. No model runs:
`--set which=seeds` reads tests/fixtures/seeds_result.json; `which=synthetic` the result of
`overlap compare` on the 1,000-article synthetic corpus (made once, 5 minutes or more)."""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import tempfile
import time
from functools import cache
from pathlib import Path

from .. import ROOT, WORK
from ..data import DataMissing
from ..harness import figure

SECTION = "HTML report (issue 4)"
SEEDS = ROOT / "tests" / "fixtures" / "seeds_result.json"
SYNTHETIC = WORK / "html" / "synthetic-n1000-result.json"
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


def result(which: str) -> Path:
    if which == "seeds":
        return SEEDS
    if not SYNTHETIC.exists():
        from .check import corpus

        SYNTHETIC.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "overlap",
                "compare",
                str(corpus()),
                "--json",
                str(SYNTHETIC),
                "-q",
                "--cache",
                str(SYNTHETIC.with_suffix(".cache.sqlite")),
            ],
            check=True,
        )
    return SYNTHETIC


@cache
def page(which: str) -> tuple[dict, str]:
    from overlap.report import html
    from overlap.report.json import read_document

    doc = read_document(result(which))
    return doc, html.render(doc)


@figure(unit="KiB")
def track_html_size(which: str = "seeds") -> dict:
    """The page's size, raw and gzipped, beside the JSON's."""
    raw = page(which)[1].encode("utf-8")
    kib = 1024
    return {
        "html": round(len(raw) / kib),
        "gzipped": round(len(gzip.compress(raw, 6)) / kib),
        "json": round(result(which).stat().st_size / kib),
    }


@figure(unit="ms")
def track_render(which: str = "seeds") -> float:
    """`overlap.report.html.render` on the loaded document, median of 5."""
    from overlap.report import html

    doc, times = page(which)[0], []
    for _ in range(5):
        began = time.perf_counter()
        html.render(doc)
        times.append(time.perf_counter() - began)
    return round(statistics.median(times) * 1000, 1)


@figure(unit="ms")
def track_browser(which: str = "seeds", screenshot: str = "") -> dict:
    """Headless Chromium from file://: until every view is built, one kind filter toggled, the
    longest article opened; and the console errors. `--set screenshot=reports/seeds-html.png`
    also saves the page and a finding (`-finding.png`), as the README shows them."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        raise DataMissing("the browser figures need Playwright and the system Chromium")
    doc, text = page(which)
    longest = max(doc["articles"], key=lambda a: len(a["text"]))["id"]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "report.html"
        path.write_text(text, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-ready]", timeout=120_000)
        drawn = tab.evaluate("window.overlapReport.readyMs")
        shot = Path(screenshot) if screenshot else None
        if shot:
            tab.screenshot(path=str(shot), full_page=True)
        tab.goto(path.as_uri() + "#/findings")
        # Timed inside the page (a click filters synchronously; offsetHeight forces the
        # layout), so Playwright's own round trips are not counted.
        filtered = tab.evaluate(
            """() => { const box = document.querySelector("input[name=kind]");
                       const t = performance.now(); box.click(); document.body.offsetHeight;
                       const once = performance.now() - t; box.click(); return once; }"""
        )
        if shot:
            tab.locator("#findings button.fcard").nth(2).click()
            tab.wait_for_selector("#detail .sbs")
            tab.screenshot(path=str(shot.with_name(shot.stem + "-finding.png")))
        # The report routes on hashchange; a listener added later runs after it has drawn.
        article = tab.evaluate(
            """(id) => new Promise((done) => { const t = performance.now();
                 addEventListener("hashchange", () => { document.body.offsetHeight;
                   done(performance.now() - t); }, { once: true });
                 location.hash = "#/article/" + encodeURIComponent(id); })""",
            longest,
        )
        browser.close()
    return {
        "drawn": round(drawn),
        "filter": round(filtered),
        "article": round(article),
        "console errors": (len(errors), "errors"),
    }
