"""Every command through typer's runner, including each kind of bad input. The embedding model
is replaced by the fake, so these tests need no model and no network."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from overlap.cli import app

runner = CliRunner()
BODY = (
    "The agency said the border program would expand next year across three states. "
    "Officials expect the new rules to reduce smuggling along the river crossings.\n\n"
    "Critics argue the plan ignores the cost to local towns and their schools.\n"
)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch, fake_embedder, tmp_path):
    monkeypatch.setattr("overlap.embed.MiniLM", lambda *a, **k: fake_embedder)
    # The real NLI model is tested in test_nli.py and the seeds end-to-end test.
    monkeypatch.setattr("overlap.pipeline.load_nli", lambda: (None, "no NLI model in CLI tests"))
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "cache.sqlite"))


def corpus(tmp_path, write):
    write(tmp_path, "in/a.txt", "Story A\n\n" + BODY)
    write(tmp_path, "in/b.txt", "Story B\n\nIn other news, " + BODY.replace("three", "four"))
    return tmp_path / "in"


def test_help_does_not_import_torch():
    code = "import sys; from overlap.cli import app; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    result = subprocess.run(
        [sys.executable, "-m", "overlap", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "compare" in result.stdout


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("overlap ")


def test_compare_writes_json_and_markdown(tmp_path, write):
    folder = corpus(tmp_path, write)
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out), "--markdown", str(md)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert doc["schema_version"] == "1.2" and doc["summary"]["articles"] == 2
    kinds = {f["kind"] for f in doc["findings"]}
    assert "edited" in kinds
    assert "edited" in result.stdout and "Story" not in result.stderr
    assert md.read_text().startswith("# overlap report")


def test_compare_json_to_stdout(tmp_path, write):
    folder = corpus(tmp_path, write)
    result = runner.invoke(app, ["compare", str(folder), "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["articles"] == 2


def test_kinds_and_min_score_filter(tmp_path, write):
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    runner.invoke(app, ["compare", str(folder), "--json", str(out), "--kinds", "verbatim", "-q"])
    assert json.loads(out.read_text())["findings"] == []
    runner.invoke(app, ["compare", str(folder), "--json", str(out), "--min-score", "0.99", "-q"])
    assert all(f["score"] >= 0.99 for f in json.loads(out.read_text())["findings"])


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kinds", "copies"], "unknown kind 'copies'"),
        (["--min-score", "2"], "min_score must be a number between 0 and 1"),
        (["--config", "nope.toml"], "config file not found"),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path, write, args, message):
    folder = corpus(tmp_path, write)
    result = runner.invoke(app, ["compare", str(folder), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_missing_path_is_an_error_when_nothing_else_is_readable(tmp_path):
    result = runner.invoke(app, ["compare", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "Error: no readable articles" in result.stderr and "no such file" in result.stderr


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blob.txt", b"\x00\x01\x02binary\x00" * 50, "binary file"),
        ("notes.docx", b"PK\x03\x04 something", "unsupported file type .docx"),
        ("bad.jsonl", b'{"text": "fine line one with words"}\n{not json}\n', "malformed JSON"),
    ],
)
def test_bad_inputs_are_skipped_and_listed(tmp_path, write, name, content, reason):
    folder = corpus(tmp_path, write)
    write(tmp_path, f"in/{name}", content)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "skipped:" in result.stdout and reason in result.stdout
    skipped = json.loads(out.read_text())["skipped"]
    assert any(reason in s["reason"] for s in skipped)


def test_non_utf8_is_detected_or_forced(tmp_path, write):
    folder = corpus(tmp_path, write)
    write(
        tmp_path,
        "in/latin.txt",
        ("Café owners in Peñasco said the señor was right. " * 5).encode("cp1252"),
    )
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out)])
    assert result.exit_code == 0
    art = next(a for a in json.loads(out.read_text())["articles"] if a["id"] == "latin")
    assert "Café" in art["text"] and art["notes"] and "detected" in art["notes"][0]
    result = runner.invoke(
        app, ["compare", str(folder), "--json", str(out), "--encoding", "cp1252"]
    )
    art = next(a for a in json.loads(out.read_text())["articles"] if a["id"] == "latin")
    assert art["encoding"] == "cp1252" and "Peñasco" in art["text"]


def test_directory_with_nothing_readable(tmp_path, write):
    write(tmp_path, "junk/a.bin", b"\x00\x00")
    write(tmp_path, "junk/empty.txt", "   \n")
    result = runner.invoke(app, ["compare", str(tmp_path / "junk")])
    assert result.exit_code == 2 and "no readable articles" in result.stderr


def test_metadata_overrides(tmp_path, write):
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    runner.invoke(
        app,
        [
            "compare",
            str(folder),
            "--json",
            str(out),
            "--outlet",
            "Wire",
            "--date",
            "May 2, 2013",
            "-q",
        ],
    )
    arts = json.loads(out.read_text())["articles"]
    assert {a["outlet"] for a in arts} == {"Wire"} and {a["date"] for a in arts} == {"2013-05-02"}


def test_render_rerenders_without_recomputing(tmp_path, write, monkeypatch):
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    runner.invoke(app, ["compare", str(folder), "--json", str(out), "-q"])
    monkeypatch.setattr("overlap.embed.MiniLM", None)  # render must not need a model
    result = runner.invoke(app, ["render", str(out)])
    assert result.exit_code == 0 and "edited" in result.stdout
    md = tmp_path / "again.md"
    assert runner.invoke(app, ["render", str(out), "--markdown", str(md)]).exit_code == 0
    assert "## 1." in md.read_text()
    result = runner.invoke(app, ["render", str(out), "--kinds", "paraphrase"])
    assert "0 findings" in result.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        ("{oops", "not a JSON result"),
        ('{"a": 1}', "no schema_version"),
        ('{"schema_version": "9.0"}', "not supported"),
    ],
)
def test_render_bad_result_file(tmp_path, write, content, message):
    path = tmp_path / "r.json"
    if content is not None:
        write(tmp_path, "r.json", content)
    result = runner.invoke(app, ["render", str(path)])
    assert result.exit_code == 2 and message in result.stderr


def test_no_judge_leaves_findings_unjudged(tmp_path, write):
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out), "--no-judge", "-q"])
    assert result.exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["findings"] and all(f["verdict"] is None for f in doc["findings"])
    assert doc["settings"]["judge"] is False


def test_judging_without_an_nli_model_says_so(tmp_path, write, monkeypatch):
    monkeypatch.setattr("overlap.pipeline.load_nli", lambda: (None, "weights missing (test)"))
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out)])
    assert result.exit_code == 0 and "weights missing (test)" in result.stdout
    doc = json.loads(out.read_text())
    assert any("weights missing" in n for n in doc["notes"])
    # the typed checks still run: the copy changed "three" to "four"
    [f] = [f for f in doc["findings"] if f["kind"] == "edited"]
    assert f["verdict"] == "contradict"
    assert f["reasons"][0] == "number differs: three states vs four states"
