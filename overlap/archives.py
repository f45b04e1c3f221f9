"""`.gz` and `.zip` files (stdlib gzip, zipfile): their members, as (source, name, bytes), for
ingest to read with the same per-format readers as files on disk.

A zip member's source is `archive.zip!folder/story.txt`; a .gz holds one file, whose source is
the .gz itself. Decompression is capped (MAX_MEMBER_BYTES per member, MAX_TOTAL_BYTES per
archive): a few kilobytes can expand to terabytes (a "zip bomb"), and an archive's own size
fields can lie, so the cap is enforced on the bytes actually read.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from .formats import Unreadable
from .types import Skipped

# A news article is kilobytes and a day's crawl of a site tens of megabytes; past these the
# member is far more likely a bomb or the wrong file than input.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Member:
    source: str  # what reports call it
    name: str  # its file name, which decides its format
    data: bytes


def members(
    source: str, name: str, kind: str, data: bytes
) -> tuple[list[Member], list[Skipped], list[str]]:
    """(members, skipped members, notes) of a "gz" or "zip" file. Raises Unreadable when the
    archive as a whole cannot be opened."""
    if kind == "gz":
        return [Member(source, name[: -len(".gz")], gunzip(data))], [], []
    return _unzip(source, data)


def gunzip(data: bytes) -> bytes:
    """The content of a gzip file, at most MAX_MEMBER_BYTES (else Unreadable)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise Unreadable(f"not a valid gzip file ({exc or type(exc).__name__})") from None
    if len(out) > MAX_MEMBER_BYTES:
        raise Unreadable(_too_big(MAX_MEMBER_BYTES))
    return out


def _unzip(source: str, data: bytes) -> tuple[list[Member], list[Skipped], list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"not a valid zip file ({exc})") from None
    found: list[Member] = []
    bad: list[Skipped] = []
    left_out = 0
    total = 0
    with archive:
        for info in archive.infolist():
            path = PurePosixPath(info.filename)
            if info.is_dir():
                continue  # a folder entry holds nothing; its files are entries of their own
            if path.parts[0] == "__MACOSX" or path.name.startswith("."):
                left_out += 1  # macOS resource forks and hidden files, as in folders
                continue
            where = f"{source}!{info.filename}"
            if info.flag_bits & 0x1:
                bad.append(Skipped(where, "encrypted zip member; unzip it with its password"))
                continue
            budget = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES - total)
            if info.file_size > budget:
                bad.append(Skipped(where, _too_big(budget)))
                continue
            try:
                with archive.open(info) as fh:
                    content = fh.read(budget + 1)  # the size field may lie: count what comes
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                zlib.error,
                NotImplementedError,
                ValueError,
            ) as exc:
                bad.append(Skipped(where, f"cannot unpack ({exc or type(exc).__name__})"))
                continue
            if len(content) > budget:
                bad.append(Skipped(where, _too_big(budget)))
                continue
            total += len(content)
            found.append(Member(where, path.name, content))
    notes = [f"{left_out} hidden or __MACOSX members of the zip left out"] if left_out else []
    if not found and not bad:
        raise Unreadable("zip file holds no files" + (f" ({notes[0]})" if notes else ""))
    return found, bad, notes


def _too_big(limit: int) -> str:
    what = "unpacks to" if limit == MAX_MEMBER_BYTES else "would take the archive past"
    size = limit if limit == MAX_MEMBER_BYTES else MAX_TOTAL_BYTES
    return (
        f"{what} more than {size / _MIB:g} MiB (a zip bomb?); not read. Unpack it "
        "yourself if it is genuine"
    )
