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
    assert doc["schema_version"] == "1.2" and doc["models"][0]["name"] == "fake-bow@1"
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
