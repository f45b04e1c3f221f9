"""WARC and ARC web archives (warcio): each HTML response record is one article.

The page is read by the same HTML reader as a saved .html file (formats.read_document); the
record headers give the URL (WARC-Target-URI) and the date when the page states none
(WARC-Date). Requests, metadata, non-HTML responses and revisits are not articles: they are
counted in a note, not listed one by one.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from dataclasses import replace
from typing import Any

from . import formats
from .formats import Item, Unreadable
from .types import Skipped

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    data: bytes,
    source: str,
    stem: str,
    encoding: str | None = None,
    force: bool = False,
    whole_gzip: bool = False,
) -> tuple[list[Item], list[Skipped]]:
    """The HTML pages of a .warc / .warc.gz / .arc / .arc.gz archive, one Item per record,
    with sources like `crawl.warc.gz:record 3` (records counted from 1, all types).

    A record that cannot be read is a Skipped; a break in the archive itself ends the reading
    there (the records before it are kept) with a Skipped saying so.
    """
    from warcio.archiveiterator import ArchiveIterator

    _check_magic(data)
    items: list[Item] = []
    bad: list[Skipped] = []
    left_out: Counter[str] = Counter()
    n = 0
    stream = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    try:
        for n, record in enumerate(stream, start=1):
            where = f"{source}:record {n}"
            if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
                bad.append(
                    Skipped(
                        where,
                        "record headers cut short (no Content-Length); the "
                        "archive ends inside them",
                    )
                )
                break
            why = _not_an_article(record)
            found = None
            if why:
                left_out[why] += 1
                while record.raw_stream.read(1 << 16):
                    pass  # to the end, to see whether the record is whole
            else:
                try:
                    found = _article(record, where, f"{stem}:{n}", encoding, force)
                except Unreadable as exc:
                    bad.append(Skipped(where, str(exc)))
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                # A fragment of a page is not the article: comparing it as one would mislead.
                bad.append(
                    Skipped(
                        where,
                        f"record cut short ({missing} bytes missing); the archive ends inside it",
                    )
                )
                break
            if found is not None:
                items.append(found)
    except Exception as exc:
        # A cut or corrupt archive fails as ArchiveLoadFailed, zlib.error, EOFError, OSError or
        # a ValueError from header parsing: they share no narrower base class.
        if "non-chunked gzip" in str(exc) and data.startswith(b"\x1f\x8b") and not whole_gzip:
            # gzip of the whole file rather than one member per record (`gzip crawl.warc`):
            # warcio will not read it, but it is whole; read it unpacked.
            items, bad = read_warc(_gunzip(data), source, stem, encoding, force, True)
            note = "gzipped as one stream, not per record; read unpacked"
            return (
                [replace(items[0], notes=(*items[0].notes, note)), *items[1:]] if items else items
            ), bad
        bad.append(
            Skipped(
                f"{source}:record {n + 1}",
                f"broken archive ({_short(exc)}); the records after it were not read",
            )
        )
    if left_out:
        note = (
            "web archive: "
            + ", ".join(f"{count} {why}" for why, count in sorted(left_out.items()))
            + " left out"
        )
        if items:
            items[0] = replace(items[0], notes=(*items[0].notes, note))
        elif not bad:
            raise Unreadable(f"no HTML pages in the web archive ({note.split(': ', 1)[1]})")
    elif not items and not bad:
        raise Unreadable("no records in the web archive; is it a WARC or ARC file?")
    return items, bad


def _check_magic(data: bytes) -> None:
    """A WARC starts "WARC/", an ARC "filedesc://" (both maybe gzipped): warcio would read
    other text as an ARC record of odd fields, so anything else is refused here."""
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error as exc:
            raise Unreadable(f"broken gzip at the start of the web archive ({exc})") from None
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise Unreadable("not a WARC or ARC file (no WARC/ or filedesc:// header at the start)")


def _not_an_article(record: Any) -> str | None:
    """Why a record is not an article (its kind, for the count), or None for an HTML page."""
    if record.rec_type == "revisit":
        return "revisits"
    if record.rec_type not in ("response", "resource"):
        return f"{record.rec_type} records"
    ctype = _content_type(record)
    if not ctype.startswith(_HTML_TYPES):
        return "non-HTML responses"
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return "non-200 responses (redirects, errors)"
    return None


def _content_type(record: Any) -> str:
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.strip().lower()


def _article(record: Any, where: str, ident: str, encoding: str | None, force: bool) -> Item:
    body = record.content_stream().read()  # de-chunked and decompressed by warcio
    charset = _charset(_content_type(record))
    notes: list[str] = []
    text = None
    if charset and not force:
        try:
            text, used = body.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            notes.append(f"the page's declared charset {charset} does not fit; detected instead")
    if text is None:
        text, used, more = formats.decode(body, encoding, force)
        notes.extend(more)
    page, meta = formats.read_document(text, "html")
    notes.extend(meta.pop("notes", []))
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if uri:
        meta["url"] = uri  # the address it was fetched from, not what the page claims
    if not meta.get("date"):
        meta["date"] = record.rec_headers.get_header("WARC-Date")
    return Item(where, ident, page, meta, tuple(notes), used)


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _gunzip(data: bytes) -> bytes:
    from .archives import MAX_MEMBER_BYTES, gunzip

    try:
        return gunzip(data)
    except Unreadable:
        raise Unreadable(
            f"gzipped as one stream and over {MAX_MEMBER_BYTES // 2**20} MiB "
            "unpacked; recompress it per record (warcio recompress)"
        ) from None


def _short(exc: Exception) -> str:
    """The first line of warcio's (multi-line, indented) message."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:200] if lines else type(exc).__name__
