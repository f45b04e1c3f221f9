"""Benchmark the HTML report: file size and render time for seeds/ and the synthetic corpus.

    python benchmarks/bench_html.py [--seeds RESULT.json] [--synthetic RESULT.json]
                                    [--html reports/seeds.html]
                                    [--screenshot reports/seeds-html.png]
                                    [--out reports/benchmarks.md]

Inputs are JSON results of `overlap compare`, so nothing here loads a model:

- seeds: `tests/fixtures/seeds_result.json` (`overlap compare seeds/ --json ... --no-cache`);
- synthetic: the 1,000-article corpus of benchmarks/bench_compare.py. When its result
  (benchmarks/.work/html/synthetic-n1000-result.json) is missing it is made once with
  `overlap compare benchmarks/.work/synthetic-n1000-seed13/articles --json ...` (5 minutes or
  more on 2 cores; the corpus itself comes from bench_compare.py).

Measured: the Python side (read the JSON, render the page: median of 5) and the file size (raw
and gzipped); then, when Playwright and the system Chromium are present, the browser side: time
from navigation until the report is drawn, a filter change, and drawing the longest article.
It writes the seeds report and its screenshots when asked, and replaces the `## HTML report
(issue 4)` section of reports/benchmarks.md (other sections are kept). Nothing asserts on timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mdreport import replace_section

REPO = Path(__file__).resolve().parents[1]
TITLE = "HTML report (issue 4)"  # its `## ` section of reports/benchmarks.md
SYNTHETIC = REPO / "benchmarks" / ".work" / "synthetic-n1000-seed13"  # bench_compare.py's corpus
WORK = REPO / "benchmarks" / ".work" / "html"  # this benchmark's own result, apart from it
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


def python_side(result: Path) -> tuple[dict, dict]:
    from overlap.report import html
    from overlap.report.json import read_document

    began = time.perf_counter()
    doc = read_document(result)
    read_s = time.perf_counter() - began
    times, page = [], ""
    for _ in range(5):
        began = time.perf_counter()
        page = html.render(doc)
        times.append(time.perf_counter() - began)
    raw = page.encode("utf-8")
    return doc, {
        "articles": len(doc["articles"]),
        "findings": len(doc["findings"]),
        "schema": doc.get("schema_version"),
        "verdicts": sum(1 for f in doc["findings"] if f.get("verdict")),
        "chars": sum(len(a["text"]) for a in doc["articles"]),
        "json_bytes": result.stat().st_size,
        "html_bytes": len(raw),
        "gzip_bytes": len(gzip.compress(raw, 6)),
        "read_s": read_s,
        "render_s": statistics.median(times),
        "page": page,
    }


def browser_side(page_html: str, doc: dict, shots: Path | None) -> dict | None:
    """Load the page in Chromium and time what a reader waits for; None without a browser."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    longest = max(doc["articles"], key=lambda a: len(a["text"]))["id"]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "report.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        began = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        load_s = time.perf_counter() - began
        ready_ms = page.evaluate("window.overlapReport.readyMs")
        if shots:
            page.screenshot(path=str(shots), full_page=True)
        page.goto(path.as_uri() + "#/findings")
        # Timed inside the page (a click runs the filter synchronously; reading offsetHeight
        # forces the layout), so Playwright's own round trips are not counted.
        filter_ms = page.evaluate(
            """() => { const box = document.querySelector("input[name=kind]");
                       const t = performance.now(); box.click(); document.body.offsetHeight;
                       const once = performance.now() - t; box.click(); return once; }"""
        )
        if shots:
            page.locator("#findings button.fcard").nth(2).click()
            page.wait_for_selector("#detail .sbs")
            page.screenshot(path=str(shots.with_name(shots.stem + "-finding.png")))
        # The report routes on hashchange; a listener added later runs after it has drawn.
        article_ms = page.evaluate(
            """(id) => new Promise((done) => { const t = performance.now();
                 addEventListener("hashchange", () => { document.body.offsetHeight;
                   done(performance.now() - t); }, { once: true });
                 location.hash = "#/article/" + encodeURIComponent(id); })""",
            longest,
        )
        browser.close()
    return {
        "load_s": load_s,
        "ready_ms": ready_ms,
        "filter_ms": filter_ms,
        "article_ms": article_ms,
        "errors": errors,
    }


def make_synthetic(result: Path) -> None:
    articles = SYNTHETIC / "articles"
    if not articles.is_dir():
        sys.exit(f"{articles}: missing; build the corpus with python benchmarks/bench_compare.py")
    result.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        "overlap",
        "compare",
        str(articles),
        "--json",
        str(result),
        "-q",
        "--cache",
        str(result.with_suffix(".cache.sqlite")),
    ]
    print("making the synthetic result:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def page_code() -> int:
    """Bytes of the page without any result: template, style and script."""
    from overlap.report import html

    empty = {"schema_version": "1.1", "summary": {}, "articles": [], "findings": [], "skipped": []}
    return len(html.render(empty).encode("utf-8"))


def size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def row(label: str, m: dict, b: dict | None) -> str:
    web = (
        f"{b['ready_ms'] / 1000:.2f} s | {b['filter_ms']:.0f} ms | {b['article_ms']:.0f} ms"
        if b
        else "n/a | n/a | n/a"
    )
    return (
        f"| {label} | {m['articles']} | {m['findings']} | {m['chars']:,} | "
        f"{size(m['json_bytes'])} | {size(m['html_bytes'])} | {size(m['gzip_bytes'])} | "
        f"{m['render_s'] * 1000:.0f} ms | {web} |"
    )


def section(runs: list[tuple[str, dict, dict | None]], commit: str) -> str:
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Measured {now} on {os.cpu_count()} cores ({platform.processor() or platform.machine()}); "
        f"Python {platform.python_version()}; overlap at {commit}.",
        "",
        "Command (from the repo root): `python benchmarks/bench_html.py`. Inputs are saved JSON "
        "results, so no model runs: seeds/ is `tests/fixtures/seeds_result.json`, synthetic is "
        "`overlap compare` on the 1,000 articles of the compare benchmark.",
        "",
        "*render* is `overlap.report.html.render` on the loaded document (median of 5); *drawn* "
        "is the time from navigation until the page has built every view, in headless Chromium "
        f"({_chromium()}) from file://; *filter* is one kind checkbox toggled; *article* opens "
        "the longest article with its highlights.",
        "",
        "| result | articles | findings | characters | JSON | HTML | HTML gzipped | render | drawn "
        "| filter | article |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [row(label, m, b) for label, m, b in runs]
    lines += [
        "",
        "The page embeds each article's text once and drops the span texts the JSON repeats, "
        "so a large result's HTML is smaller than its JSON (on the seeds the page's own code, "
        f"{size(page_code())} of markup, script and style, is most of the file). The findings "
        "list draws 200 at "
        "a time, the overview's article table 50 rows until asked, and the matrix and graph at "
        "most 30 articles (the ends of the pairs sharing the most text), which keeps a "
        "1,000-article report quick to open.",
        "",
        "Results measured: "
        + "; ".join(
            f"{label}: schema {m['schema']}, {m['findings']} findings"
            + (f" ({m['verdicts']} with a verdict)" if m["verdicts"] else " (no verdicts)")
            for label, m, _ in runs
        )
        + ". Timings are from a 2-core machine that other jobs shared, so read them as rough.",
    ]
    errors = [e for _, _, b in runs if b for e in b["errors"]]
    lines.append("")
    lines.append(
        f"Console errors in the browser: {len(errors)}." + (f" {errors[:3]}" if errors else "")
    )
    return "\n".join(lines) + "\n"


def _chromium() -> str:
    exe = shutil.which("chromium")
    if not exe:
        return "not installed"
    out = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return out or exe


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=REPO / "tests" / "fixtures" / "seeds_result.json")
    ap.add_argument("--synthetic", type=Path, default=WORK / "synthetic-n1000-result.json")
    ap.add_argument("--html", type=Path, help="also write the seeds report here")
    ap.add_argument("--screenshot", type=Path, help="also save seeds screenshots (PNG) here")
    ap.add_argument("--out", type=Path, default=REPO / "reports" / "benchmarks.md")
    args = ap.parse_args()
    if not args.synthetic.exists():
        make_synthetic(args.synthetic)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    runs = []
    for label, path in (("seeds/", args.seeds), ("synthetic 1000", args.synthetic)):
        doc, m = python_side(path)
        shots = args.screenshot if label == "seeds/" else None
        b = browser_side(m.pop("page"), doc, shots)
        if label == "seeds/" and args.html:
            from overlap.report import html

            html.write(doc, args.html)
        print(json.dumps({"result": label, **m, "browser": b}, default=str), flush=True)
        runs.append((label, m, b))
    replace_section(TITLE, section(runs, commit), args.out)
    print(f"wrote {args.out} (section {TITLE!r})")


if __name__ == "__main__":
    main()
