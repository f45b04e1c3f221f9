"""Output files: checked before the work starts, written atomically when it is done.

A run can take minutes, so an output path that cannot be written (a folder, a path under a file,
a read-only folder) is refused before anything is read, not after; and an output that names one
of the inputs (an article, its metadata sidecar, the config, the allow-list, the cache) is
refused, so a typo cannot overwrite an article with its own report. Writes go to a temporary
file in the target's folder and are renamed over the target (`os.replace`), so a failed or
interrupted write leaves the old file whole, never half a report.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .errors import ConfigError


def input_files(inputs: Sequence[str], recursive: bool = False) -> dict[Path, str]:
    """The files a run reads for `inputs` (articles and their metadata sidecars), resolved,
    each with what it is, for `check_outputs`."""
    # ingest pulls in the HTML extractor: imported here so `overlap --help` stays quick.
    from .ingest import SIDECAR_NAME, SIDECAR_SUFFIX, expand_paths

    found, _ = expand_paths(inputs, recursive)
    out: dict[Path, str] = {}
    for path in found:
        out[path.resolve()] = f"input {path}"
        for side in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(SIDECAR_NAME)):
            out.setdefault(side.resolve(), f"metadata sidecar {side}")
    return out


def check_outputs(outputs: Mapping[str, Path | None], protected: Mapping[Path, str]) -> None:
    """Raise ConfigError if any output (option name -> path; None: not asked for) cannot be
    written, names a protected path (resolved path -> what it is), or is named twice.

    >>> check_outputs({"--json": Path("/")}, {})
    Traceback (most recent call last):
    ...
    overlap.errors.ConfigError: --json /: is a folder; give a file name, such as /result.json
    """
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        resolved = path.resolve()
        if resolved in protected:
            raise ConfigError(
                f"{option} {path}: that is the {protected[resolved]}; writing there would "
                "overwrite it; choose another file name"
            )
        if resolved in seen:
            raise ConfigError(f"{option} {path}: also given to {seen[resolved]}; one file each")
        seen[resolved] = option
        _check_writable(option, path)


def _check_writable(option: str, path: Path) -> None:
    if path.is_dir():
        suffix = {"--json": ".json", "--markdown": ".md", "--html": ".html"}.get(option, ".txt")
        example = path / ("result" + suffix)
        raise ConfigError(f"{option} {path}: is a folder; give a file name, such as {example}")
    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(f"{option} {path}: the file is not writable (read-only)")
    # The nearest folder that exists must be a folder we may create files (or folders) in.
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ConfigError(f"{option} {path}: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ConfigError(f"{option} {path}: cannot write in {parent} (permission denied)")


def write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically; ConfigError if that fails (disk full, ...)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` for a writer function; on success it is flushed and
    renamed over `path`, on failure removed (the old `path`, if any, is untouched). Parent
    folders are created. A symlink is followed (its target is replaced, the link kept); a path
    that is not a regular file (/dev/stdout, a FIFO) is written directly.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        with _io_errors(path):
            yield target
        return
    with _io_errors(path):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
    tmp = Path(name)
    try:
        with _io_errors(path):
            yield tmp
            # mkstemp makes the file private (0600); give it the mode a plain write would.
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _io_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
