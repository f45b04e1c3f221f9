"""What `check` and `compare` print (issue 14): `check --verbose` shows offsets and model
probabilities that the plain view leaves out; every view names a source by outlet (never "the
source"); no terminal line ends in spaces (rich pads table cells), at any width."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from overlap.cli import app

runner = CliRunner()
WIRE = {
    "id": "w1",
    "title": "Border plan",
    "outlet": "Daily Planet",
    "date": "2024-03-01",
    "url": "https://planet.example/border",
    "text": "Border plan\n\nThe agency said the border program would expand next year across 3 "
    "states and cost 2,000 dollars. Officials expect the new rules to reduce smuggling along "
    "the river crossings.\n\nCritics argue the plan ignores the cost to local towns and their "
    "schools.\n",
}
DRAFT = (
    "# Draft\n\nThe agency said the border program would expand next year across 5 states and "
    "cost 2,000 dollars.\n\nThe weather in the capital was mild for the season.\n"
)


@pytest.fixture
def files(tmp_path, write, fake_models):
    write(tmp_path, "src/wire.jsonl", json.dumps(WIRE) + "\n")
    write(tmp_path, "draft.md", DRAFT)
    return tmp_path


def check(files, *args: str, columns: int = 100):
    return runner.invoke(
        app,
        ["check", str(files / "draft.md"), "--against", str(files / "src"), *args],
        env={"COLUMNS": str(columns)},
    )


def test_check_verbose_shows_offsets_and_probabilities_plain_does_not(files):
    plain, verbose = check(files), check(files, "--verbose")
    assert plain.exit_code == verbose.exit_code == 1, plain.output
    assert "contradicts Daily Planet" in plain.stdout
    for detail in ("draft [", "source [", "NLI draft->source", "entail 0.20", "confidence"):
        assert detail not in plain.stdout
        assert detail in verbose.stdout
    doc = json.loads(check(files, "--format", "json").stdout)
    link = next(x for s in doc["sentences"] for x in s["links"])
    # The JSON holds what --verbose shows, named by side (a finding's a/b can be either way).
    assert link["nli"] == {"draft->source": [0.2, 0.6, 0.2], "source->draft": [0.2, 0.6, 0.2]}
    assert 0 < link["score"] <= 1 and 0 <= link["confidence"] <= 1
    assert f"draft [{link['draft']['start']}:{link['draft']['end']}]" in verbose.stdout


def test_ci_formats_name_the_source_not_the_source(files):
    github = check(files, "--format", "github")
    sarif = json.loads(check(files, "--format", "sarif").stdout)
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    messages += [
        loc["message"]["text"]
        for r in sarif["runs"][0]["results"]
        for loc in r.get("relatedLocations", [])
    ]
    error = next(x for x in github.stdout.splitlines() if x.startswith("::error"))
    assert '"3 states" in Daily Planet' in error
    assert any('"3 states" in Daily Planet' in m for m in messages)
    for text in [github.stdout, *messages]:
        assert "in the source" not in text


@pytest.mark.parametrize("columns", [60, 61, 160])
def test_no_terminal_line_ends_in_spaces(files, columns):
    checked = check(files, columns=columns)
    compared = runner.invoke(
        app, ["compare", str(files / "src"), str(files / "draft.md")], env={"COLUMNS": str(columns)}
    )
    assert compared.exit_code == 0, compared.output
    for out in (checked.stdout, compared.stdout):
        assert "Daily Planet" in out
        assert [x for x in out.splitlines() if x != x.rstrip()] == []
    assert "claims × sources" in checked.stdout and "source → copy" in compared.stdout


def _command_paths(group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group (overlap index ...): its own commands
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_command_has_an_example_and_placeholders_in_words():
    """Issue 14 item 6 for every command there is or will be, not only the three named."""
    import typer

    paths = list(_command_paths(typer.main.get_command(app)))
    assert {("compare",), ("render",), ("check",)} <= set(paths)
    for path in paths:
        result = runner.invoke(app, [*path, "--help"], prog_name="overlap", env={"COLUMNS": "200"})
        assert result.exit_code == 0, path
        text = " ".join(result.stdout.translate({ord(c): " " for c in "│╭╮╰╯─"}).split())
        assert f"Example: overlap {' '.join(path)} " in text, path
        assert "<" not in text and "list[" not in text, (path, text)
