"""The terminal view at a fixed console width (never the real terminal's): the editor's table
first, findings by what needs action, passages by line, hanging indents, cuts that follow the
width, and --verbose detail kept out of the plain view."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from overlap.report import digest, terminal

FIXTURE = Path(__file__).parent / "fixtures" / "seeds_result.json"


@pytest.fixture
def doc() -> dict:
    d = json.loads(FIXTURE.read_text(encoding="utf-8"))
    # An uncredited copy, a contradiction and a credited quotation, whatever the fixture holds.
    paraphrase = next(f for f in d["findings"] if f["kind"] == "paraphrase")
    paraphrase["attribution"] = {
        "quoted": False,
        "credited": False,
        "credit": None,
        "speaker": None,
    }
    contra = copy.deepcopy(paraphrase)
    contra.update(
        id="c0ffee000001",
        verdict="contradict",
        confidence=0.9,
        reasons=["number differs: number differs: 2,000 here, 1,954 in the source"],
        score=0.3,
    )
    d["findings"].append(contra)
    return d


def _render(doc: dict, width: int, verbose: bool = False) -> str:
    console = Console(file=io.StringIO(), width=width, no_color=True)
    terminal.render(doc, console, verbose=verbose)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [60, 160])
def test_table_first_then_findings_by_action(doc, width):
    out = _render(doc, width)
    lines = out.splitlines()
    assert (
        max(len(ln) for ln in lines if not ln.startswith(("skipped:", "note:", "overlap ·")))
        <= width
    )
    findings = out[out.index("Needs action") :].splitlines()
    assert all(ln == ln.rstrip() for ln in findings)  # no padding after the table
    table = out.index("source → copy")
    titles = [out.find(t) for t in digest.CLASS_TITLE.values()]
    first = min(t for t in titles if t >= 0)
    assert table < first
    act, fine = out.find("Needs action"), out.find("Credited quotations and repeats")
    assert 0 <= act < fine
    # Uncredited copies and the contradiction before the repeats and credited quotations.
    assert out.index("Contradiction ·") < out.index("Repeat within the article")
    assert out.index("Uncredited paraphrase") < out.index("Repeat within the article")


@pytest.mark.parametrize("width", [60, 160])
def test_plain_language_without_internals(doc, width):
    out = _render(doc, width)
    flat = " ".join(out.split())
    assert "number differs: 2,000 here" in flat and "number differs: number differs" not in flat
    assert re.search(r"\bline \d+", out) or re.search(r"\blines \d+-\d+", out)
    assert not re.search(r"\[\d+:\d+\]", out)  # no offsets
    assert "entail" not in out and " id " not in out
    for f in doc["findings"]:
        assert f["id"] not in out
        assert f["a"]["article"] not in out  # outlets, not file hashes
    assert "% same words" in flat or "% alike in meaning" in flat


def test_hanging_indent_and_width_aware_cut(doc):
    narrow, wide = _render(doc, 60), _render(doc, 160)
    # A wrapped passage keeps its column: no passage line falls back to column 0.
    for out in (narrow, wide):
        body = out.split("Needs action", 1)[1].split("\n", 1)[1]
        for ln in body.splitlines():
            if ln and not ln.startswith(("skipped:", "note:", "─", "Worth", "Credited", "Needs")):
                assert ln.startswith("  "), ln
    longest = max(len(f["a"]["text"]) for f in doc["findings"])
    if longest > terminal.MIN_CHARS:
        assert narrow.count(" …") >= wide.count(" …")


def test_verbose_shows_offsets_ids_and_probabilities(doc):
    out = _render(doc, 160, verbose=True)
    f = doc["findings"][0]
    assert f["id"] in out and f"[{f['a']['start']}:{f['a']['end']}]" in out
    judged = [f for f in doc["findings"] if f.get("nli")]
    if judged:
        assert "entail" in out


@pytest.mark.parametrize("width", [60, 160])
def test_check_terminal_follows_the_width(tmp_path, write, fake_models, width):
    """`check` cuts a sentence to the console's width (not a fixed 110), keeps the evidence
    under its sentence with a hanging indent, and numbers the grid by line."""
    from typer.testing import CliRunner

    from overlap.cli import app
    from overlap.report import check_report

    # 128 characters: longer than the old fixed cut (110), shorter than a 160-column line.
    body = (
        "The ministry said all requests for intelligence information must now be routed "
        "through the Interior Ministry in the capital."
    )
    assert 110 < len(body) < 160 - 25
    write(tmp_path, "src/a.txt", body + "\n")
    draft = write(tmp_path, "draft.txt", body + "\n\nFarmers reported an early corn harvest.\n")
    result = CliRunner().invoke(
        app, ["check", str(draft), "--against", str(tmp_path / "src"), "--format", "json"]
    )
    doc = json.loads(result.stdout)
    console = Console(file=io.StringIO(), width=width, no_color=True)
    check_report.render_terminal(doc, console)
    out = console.file.getvalue()
    lines = out.splitlines()
    first = next(ln for ln in lines if " line 1: " in ln)
    assert len(first) <= width
    if width == 160:
        assert body in first  # room for the whole sentence: not cut at 110
    else:
        assert first.endswith("…")
    before_grid = out.split("claims × sources", 1)[0].splitlines()
    body_lines = [ln for ln in before_grid if ln.strip() and not ln.startswith("overlap check")]
    evidence = [ln for ln in body_lines if ln.startswith(" ") and not ln.startswith(("│", "┃"))]
    assert evidence and all(ln.startswith("    ") for ln in evidence)
    assert "┃ line ┃" in out or "line" in out.split("claims × sources", 1)[1].splitlines()[2]
