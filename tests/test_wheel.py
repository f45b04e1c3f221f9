"""The package runs from a wheel: built from a copy of the source, installed into a fresh venv, and
run from another folder, it finds its models (package data) and finds reuse in the seeds.

Slow (builds and installs, ~1 minute with the models) but part of the default test run, which is
what `.ci/run` runs. No network: the wheel is built without build isolation (the setuptools that
is already installed) and the venv sees the installed dependencies (--system-site-packages).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args[:3]} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done.stdout


def _clean_env(tmp: Path) -> dict[str, str]:
    """No path back to the checkout, no model or cache override, a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "OVERLAP_", "PIP_"))}
    env.update(
        HOME=str(tmp / "home"), PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1", COLUMNS="100"
    )
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """Build the wheel, install it into a fresh venv; the paths the tests need."""
    tmp = tmp_path_factory.mktemp("wheel")
    (tmp / "home").mkdir()
    env = _clean_env(tmp)
    # Build from a copy: an in-tree build would leave build/ and egg-info in the checkout (and a
    # stale build/lib could put files in the wheel that the source no longer has).
    src = tmp / "src"
    src.mkdir()
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("overlap", "models"):
        shutil.copytree(ROOT / name, src / name, ignore=junk)
    dist = tmp / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(src),
        ],
        cwd=tmp,
        env=env,
    )
    (wheel,) = dist.glob("overlap-*.whl")

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    # --ignore-installed: the checkout's editable overlap is visible through the system site.
    _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--ignore-installed", "-q", str(wheel)],
        cwd=tmp,
        env=env,
    )
    return {
        "tmp": tmp,
        "src": src,
        "wheel": wheel,
        "venv": venv,
        "python": python,
        "overlap": bin_dir / "overlap",
        "env": env,
    }


def test_the_wheel_carries_every_module_and_model_file(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    src = installed["src"]
    # Every module and data file of the package (templates, scripts, a schema).
    package = {p.relative_to(src).as_posix() for p in (src / "overlap").rglob("*") if p.is_file()}
    assert "overlap/cli.py" in package and "overlap/report/html_template.html" in package
    assert package <= names, f"not in the wheel: {sorted(package - names)}"
    # Every file of the models folder that code may load (the model cards are documentation).
    models = {
        "overlap/_models/" + p.relative_to(src / "models").as_posix()
        for p in (src / "models").rglob("*")
        if p.is_file() and p.suffix != ".md"
    }
    assert "overlap/_models/paraphrase_scorer.json" in models
    assert "overlap/_models/nli-minilm-l6/model.safetensors" in models
    assert models <= names, f"not in the wheel: {sorted(models - names)}"


def test_the_venv_imports_the_wheel_not_the_checkout(installed):
    code = (
        "import json, overlap, importlib.resources as r; "
        "print(json.dumps([overlap.__file__, str(r.files('overlap._models'))]))"
    )
    out = _run([str(installed["python"]), "-c", code], cwd=installed["tmp"], env=installed["env"])
    package, models = (Path(p).resolve() for p in json.loads(out))
    venv = installed["venv"].resolve()
    assert package.is_relative_to(venv) and models.is_relative_to(venv), (package, models)
    assert not package.is_relative_to(ROOT) and not models.is_relative_to(ROOT)


def test_compare_from_another_folder_finds_the_seeds_reuse(installed):
    work = installed["tmp"] / "elsewhere"
    seeds = work / "seeds"
    seeds.mkdir(parents=True)
    for path in SEEDS.iterdir():
        if path.is_file():
            shutil.copy2(path, seeds / path.name)
    _run(
        [str(installed["overlap"]), "compare", "seeds", "--no-cache", "-q", "--json", "out.json"],
        cwd=work,
        env=installed["env"],
    )
    doc = json.loads((work / "out.json").read_text(encoding="utf-8"))
    kinds = {f["kind"] for f in doc["findings"]}
    # Paraphrases need the scorer file and verdicts the NLI weights: both read from the wheel.
    assert {"edited", "paraphrase"} <= kinds, kinds
    assert any(f.get("verdict") in ("agree", "contradict") for f in doc["findings"])
    assert len(doc["articles"]) == len(list(SEEDS.glob("*.txt")))
    (nli,) = [m for m in doc["models"] if m["name"] == "overlap/nli-minilm-l6"]
    assert Path(nli["path"]).resolve().is_relative_to(installed["venv"].resolve()), nli["path"]
