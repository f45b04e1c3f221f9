"""The JSON contract and the views drawn from it (no model: the fake embedder)."""

from __future__ import annotations

import json

from rich.console import Console

from overlap import Settings, compare
from overlap.report import markdown, terminal
from overlap.report.json import read_document, to_document, write_document

TEXT = (
    "The ministry said all requests for intelligence information must now be routed "
    "through the Interior Ministry in the capital before reaching local police."
)


def doc_for(tmp_path, write, fake_embedder):
    write(tmp_path, "in/a.txt", TEXT + "\n")
    write(tmp_path, "in/b.txt", "<script>alert(1)</script> " + TEXT.replace("Peña", "Pena") + "\n")
    write(tmp_path, "in/c.docx", "x")
    result = compare([str(tmp_path / "in")], Settings(cache_path=None), embedder=fake_embedder)
    return to_document(result)


def test_document_has_schema_and_exact_spans(tmp_path, write, fake_embedder):
    doc = doc_for(tmp_path, write, fake_embedder)
    assert doc["schema_version"] == "1.5" and doc["models"][0]["name"] == "fake-bow@1"
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for f in doc["findings"]:
        for side in ("a", "b"):
            span = f[side]
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
    assert doc["skipped"][0]["source"].endswith("c.docx")
    path = tmp_path / "out" / "r.json"
    write_document(doc, path)
    assert read_document(path) == json.loads(json.dumps(doc))


def test_terminal_marks_and_lists_skipped(tmp_path, write, fake_embedder):
    doc = doc_for(tmp_path, write, fake_embedder)
    console = Console(record=True, width=120, no_color=True)
    terminal.render(doc, console)
    out = console.export_text()
    assert "verbatim" in out and "skipped:" in out and "c.docx" in out


def test_markdown_escapes_article_text(tmp_path, write, fake_embedder):
    doc = doc_for(tmp_path, write, fake_embedder)
    doc["findings"][0]["b"]["text"] = "<script>alert(1)</script> and *stars*"
    doc["findings"][0]["diff"] = []
    out = markdown.render(doc)
    assert "<script>" not in out and "&lt;script&gt;" in out and "\\*stars\\*" in out


# Everything from data printed by the terminal views is plain text without control characters
# (issue 10, D3 and D5): every string of a real document is poisoned, the same way everywhere
# (so ids still match their references), and rendered at a narrow width.
POISON = "\x1b]0;pwned\x07[/][bold]\x9b2J\x1b[31m\u202e"


def poisoned(value):
    if isinstance(value, str):
        return value + POISON
    if isinstance(value, list):
        return [poisoned(v) for v in value]
    if isinstance(value, dict):
        return {k: poisoned(v) for k, v in value.items()}
    return value


def printed(render, doc) -> str:
    import io

    console = Console(file=io.StringIO(), width=40)  # not a terminal: rich adds no escapes
    render(doc, console)
    return console.file.getvalue()


def assert_plain(out: str) -> None:
    bad = sorted(
        {
            hex(ord(c))
            for c in out
            if ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F or c == "\u202e"
        }
    )
    assert not bad, bad
    assert "]0;pwned[/][bold]2J[31m" in out  # shown as text, never read as markup


def test_terminal_prints_hostile_data_as_plain_text(tmp_path, write, fake_embedder):
    doc = doc_for(tmp_path, write, fake_embedder)
    assert doc["findings"] and doc["skipped"]
    doc["articles"][0]["notes"] = ["a note"]
    out = printed(terminal.render, poisoned(doc))
    assert_plain(out)
    skipped = [ln for ln in out.splitlines() if ln.startswith("skipped: ")]
    assert len(skipped) == 1 and skipped[0].endswith("]0;pwned[/][bold]2J[31m")  # one line
    assert any(ln.startswith("note: ") and ln.endswith("2J[31m") for ln in out.splitlines())


def test_check_terminal_prints_hostile_data_as_plain_text(tmp_path, write, fake_models):
    from typer.testing import CliRunner

    from overlap.cli import app
    from overlap.report import check_report

    write(tmp_path, "src/a.txt", TEXT + "\n")
    write(tmp_path, "src/b.docx", "x")
    draft = write(tmp_path, "draft.txt", TEXT + "\n\nFarmers reported an early corn harvest.\n")
    result = CliRunner().invoke(
        app, ["check", str(draft), "--against", str(tmp_path / "src"), "--format", "json"]
    )
    doc = json.loads(result.stdout)
    doc["notes"] = ["a note"]
    out = printed(check_report.render_terminal, poisoned(doc))
    assert_plain(out)
    assert "claims × sources" in out and "copied" in out
    assert any(ln.startswith("skipped: ") and ln.endswith("2J[31m") for ln in out.splitlines())
