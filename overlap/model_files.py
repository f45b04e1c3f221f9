"""Where the model files this project ships live, and reading them: one home for both rules.

The files sit in the repository's top-level `models/` folder (with their model cards). The build
maps that folder to the subpackage `overlap._models` (pyproject.toml `[tool.setuptools]`), so a
wheel, `pip install .` and `pip install -e .` all carry them, and they are found with
`importlib.resources` rather than by a path relative to this file, which a wheel does not keep.

Every failure to find or read one of them is a `ModelError` that names the file and says what to
do: a bare OSError or JSON error would reach the user as a traceback.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from pathlib import Path
from typing import Any

from .errors import ModelError

PACKAGE = "overlap._models"
HOW_TO_REPAIR = (
    "reinstall overlap (pip install --force-reinstall --no-deps overlap), or in a checkout "
    "restore the file with: git checkout -- models/"
)


def models_root() -> Path:
    """The folder holding the shipped model files (installed package data, or the checkout's
    `models/` when the source tree is run without installing it)."""
    try:
        root = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        # A source tree on sys.path, never installed: the build's mapping does not exist yet.
        root = Path(__file__).resolve().parent.parent / "models"
    # Transformers and safetensors need real paths: a zipped install has none to give.
    if not isinstance(root, Path):
        raise ModelError(
            f"overlap's model files are inside an archive ({root}); install overlap as a "
            "normal (unzipped) package"
        )
    return root


def model_path(relative: str, root: Path | None = None) -> Path:
    """`relative` (a file or folder name under the models folder), checked to exist.

    `root` replaces the models folder (tests, or another copy of the files)."""
    base = models_root() if root is None else Path(root)
    path = base / relative
    if not path.exists():
        raise ModelError(f"model file {path} is missing; " + HOW_TO_REPAIR)
    return path


def read_json(path: Path, what: str, how_to: str = HOW_TO_REPAIR) -> dict[str, Any]:
    """A model file holding one JSON object. `what` names it for the message."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{what} {path} is missing; {how_to}") from None
    except OSError as exc:
        raise ModelError(f"cannot read {what} {path}: {exc.strerror or exc}; {how_to}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{what} {path} is damaged (not valid JSON: {exc}); {how_to}") from None
    if not isinstance(data, dict):
        raise ModelError(
            f"{what} {path} is damaged (a JSON {type(data).__name__}, not an object); {how_to}"
        )
    return data


def sha256(path: Path, what: str, how_to: str = HOW_TO_REPAIR) -> str:
    """Hex SHA-256 of a model file (the cache key's checksum), read in 1 MiB blocks."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise ModelError(f"{what} {path} is missing; {how_to}") from None
    except OSError as exc:
        raise ModelError(f"cannot read {what} {path}: {exc.strerror or exc}; {how_to}") from None
    return digest.hexdigest()
