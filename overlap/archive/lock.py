"""One writer at a time: `index add`, `remove` and `vacuum` hold an exclusive lock on
`<index>/write.lock` for their whole run. Readers never take it (SQLite's WAL serves them the
last committed state). The operating system drops the lock when the process dies, however it
dies, so a killed writer never leaves the index locked."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .schema import ArchiveError

LOCK_NAME = "write.lock"


@contextmanager
def writer_lock(folder: Path) -> Iterator[None]:
    """Hold the index's writer lock, or raise ArchiveError at once when another process does."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ArchiveError(
            f"cannot open index {folder} for writing: {exc.strerror or exc}"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArchiveError(
                f"index {folder} is being written by another overlap process (index add, "
                "remove or vacuum); wait for it to finish and try again"
            ) from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
