"""Paths -> Articles. Expands files, directories and globs; decodes; reads each format; merges
metadata from the file, a sidecar and the command line. What cannot be read becomes a Skipped.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from . import archives, formats, newsml, ninjs, tabular, warc
from .formats import Unreadable
from .publication_dates import normalise_date
from .types import Article, Skipped

SUPPORTED = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "ninjs",
    ".xml": "newsml",
    ".csv": "csv",
    ".tsv": "tsv",
    ".warc": "warc",
    ".arc": "warc",
    ".gz": "gz",
    ".zip": "zip",
}
# warcio reads compressed archives itself (record by record), so these are not "gz".
_COMPOUND = {".warc.gz": "warc", ".arc.gz": "warc"}
SUPPORTED_LIST = " ".join(sorted([*SUPPORTED, *_COMPOUND]))
# Formats whose file holds many articles, each with its own metadata: no sidecar applies.
_MANY = {"jsonl", "csv", "tsv", "warc", "zip"}
# Readers given bytes: XML and web archives declare their own encodings.
_BINARY = {"warc", "newsml", "gz", "zip"}
# Sidecars hold metadata for the files beside them; they are not articles themselves.
SIDECAR_NAME = "metadata.json"
SIDECAR_SUFFIX = ".meta.json"
META_FIELDS = ("title", "outlet", "date", "author", "url")


def expand_paths(
    inputs: Sequence[str], recursive: bool = False
) -> tuple[list[Path], list[Skipped]]:
    """Files, directories (their files, sorted; with `recursive`, all files below) and globs.

    A directory contributes its files except hidden ones and metadata sidecars; files of an
    unsupported type found there are skipped with a reason, like any other. Subfolders are
    entered only with `recursive` (like grep -r), so drafts kept in seeds/drafts/ stay out of a
    comparison of seeds/.
    """
    paths: list[Path] = []
    skipped: list[Skipped] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_file():
            paths.append(path)
        elif path.is_dir():
            walk = path.rglob("*") if recursive else path.glob("*")
            found = sorted(p for p in walk if p.is_file() and not _ignored(p, path))
            if not found:
                skipped.append(
                    Skipped(
                        raw,
                        f"directory has no files; point at a folder of articles ({SUPPORTED_LIST})",
                    )
                )
            paths.extend(found)
        elif glob.has_magic(raw):
            # A pattern like "seeds/*" also matches the sidecars, which are metadata, not input.
            found = sorted(
                Path(p)
                for p in glob.glob(raw, recursive=True)
                if Path(p).is_file() and not _is_sidecar(Path(p))
            )
            if not found:
                skipped.append(
                    Skipped(
                        raw,
                        "pattern matched no files; check the pattern (quote it "
                        "so the shell does not expand it)",
                    )
                )
            paths.extend(found)
        elif path.exists():
            skipped.append(Skipped(raw, "not a regular file or directory"))
        else:
            skipped.append(Skipped(raw, "no such file or directory; check the path"))
    unique = list(dict.fromkeys(p.resolve() for p in paths))
    by_resolved = {p.resolve(): p for p in paths}
    return [by_resolved[p] for p in unique], skipped


def _ignored(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts) or _is_sidecar(path)


def _is_sidecar(path: Path) -> bool:
    return path.name == SIDECAR_NAME or path.name.endswith(SIDECAR_SUFFIX)


def read_articles(
    inputs: Sequence[str],
    encoding: str | None = None,
    overrides: dict[str, str] | None = None,
    recursive: bool = False,
    encoding_force: bool = False,
    columns: tabular.Columns | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read every input into Articles; what cannot be read is returned as Skipped, never raised.

    `encoding` applies to files that are not valid UTF-8 (to every file with `encoding_force`);
    a byte order mark always wins. `overrides` (title, outlet, date, author, url) win over every
    other source of metadata. `columns` names the text and metadata columns of CSV/TSV files.

    >>> articles, skipped = read_articles(["seeds/"])  # doctest: +SKIP
    """
    paths, skipped = expand_paths(inputs, recursive)
    articles, bad = read_files(paths, encoding, overrides, encoding_force, columns)
    return unique_ids(articles), skipped + bad


def read_files(
    paths: Sequence[Path],
    encoding: str | None = None,
    overrides: dict[str, str] | None = None,
    encoding_force: bool = False,
    columns: tabular.Columns | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """read_articles on files already listed, before ids are made unique: the Ray engine reads
    its files apart (engines/ray_stages.py) and numbers the ids of all of them in one pass."""
    skipped: list[Skipped] = []
    articles: list[Article] = []
    for path in paths:
        suffix = path.suffix.lower()
        fmt = format_of(path.name)
        if fmt is None:
            skipped.append(Skipped(str(path), _unsupported(suffix)))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        try:
            records, bad = _records(
                str(path), path.name, fmt, data, encoding, encoding_force, columns
            )
        except Unreadable as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        skipped.extend(bad)
        sidecar, sidecar_note = _sidecar_for(path)
        if fmt in _MANY:
            sidecar = {}  # a JSONL/CSV row or a WARC record carries its own metadata
        for rec in records:
            notes = [*rec.notes, sidecar_note] if sidecar_note else rec.notes
            _add(
                articles,
                skipped,
                rec.source,
                rec.ident,
                rec.text,
                rec.fmt or fmt,
                rec.encoding,
                notes,
                rec.meta,
                sidecar,
                overrides,
            )
    return articles, skipped


@dataclass(frozen=True)
class _Record:
    """One article's text and metadata as a format reader found it, before the sidecar."""

    source: str
    ident: str
    text: str
    meta: dict[str, Any]
    encoding: str
    notes: list[str]
    fmt: str | None = None  # an archive member's own format


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix or '(none)'}; supported: {SUPPORTED_LIST}"


def format_of(name: str) -> str | None:
    """The format a file name says (`crawl.warc.gz` -> "warc"), None when unsupported."""
    lower = name.lower()
    compound = next((f for end, f in _COMPOUND.items() if lower.endswith(end)), None)
    return compound or SUPPORTED.get(PurePosixPath(lower).suffix)


def _records(
    source: str,
    name: str,
    fmt: str,
    data: bytes,
    encoding: str | None,
    force: bool,
    columns: tabular.Columns | None = None,
    depth: int = 0,
) -> tuple[list[_Record], list[Skipped]]:
    """The articles in one file (or archive member) called `name`, per format. Raises
    Unreadable when the whole file is unusable; returns the unusable parts of a file of many
    articles as Skipped."""
    stem = _stem(name)
    if fmt in ("gz", "zip"):
        return _archive_records(source, name, fmt, data, encoding, force, columns, depth)
    if fmt in _BINARY:
        if not data.strip():
            raise Unreadable("empty file; nothing to compare")
        read = (
            warc.read_warc(data, source, stem, encoding, force)
            if fmt == "warc"
            else newsml.read_newsml(data, source, stem)
        )
        return _from_items(read, "utf-8", [])
    text, used, notes = formats.decode(data, encoding, force)
    if fmt == "jsonl":
        rows, bad = formats.read_jsonl(text, source)
        return [
            _Record(f"{source}:{lineno}", f"{stem}:{lineno}", body, meta, used, notes)
            for lineno, body, meta in rows
        ], bad
    if fmt == "ninjs":
        return _from_items(ninjs.read_ninjs(text, source, stem), used, notes)
    if fmt in ("csv", "tsv"):
        return _from_items(
            tabular.read_table(text, source, stem, fmt == "tsv", columns), used, notes
        )
    body, meta = formats.read_document(text, fmt)  # txt, md, html
    notes = [*notes, *meta.pop("notes", [])]
    return [_Record(source, stem, body, meta, used, notes)], []


def _stem(name: str) -> str:
    lower = name.lower()
    end = next((e for e in _COMPOUND if lower.endswith(e)), None)
    return name[: -len(end)] if end else PurePosixPath(name).stem


def _from_items(
    read: tuple[list[formats.Item], list[Skipped]], used: str, notes: list[str]
) -> tuple[list[_Record], list[Skipped]]:
    items, bad = read
    return [
        _Record(i.source, i.ident, i.text, i.meta, i.encoding or used, [*notes, *i.notes])
        for i in items
    ], bad


def _archive_records(
    source: str,
    name: str,
    fmt: str,
    data: bytes,
    encoding: str | None,
    force: bool,
    columns: tabular.Columns | None,
    depth: int,
) -> tuple[list[_Record], list[Skipped]]:
    """Each member read as the file it would be on disk; a member that cannot be read is a
    Skipped. One archive may hold another (a .txt.gz in a .zip), not deeper."""
    if depth > 1:
        raise Unreadable("archive nested too deep; unpack the outer archives first")
    found, bad, notes = archives.members(source, name, fmt, data)
    records: list[_Record] = []
    for member in found:
        member_fmt = format_of(member.name)
        if member_fmt is None:
            bad.append(
                Skipped(member.source, _unsupported(PurePosixPath(member.name).suffix.lower()))
            )
            continue
        try:
            recs, more = _records(
                member.source,
                member.name,
                member_fmt,
                member.data,
                encoding,
                force,
                columns,
                depth + 1,
            )
        except Unreadable as exc:
            bad.append(Skipped(member.source, str(exc)))
            continue
        records.extend(replace(r, fmt=r.fmt or member_fmt) for r in recs)
        bad.extend(more)
    if records and notes:
        records[0] = replace(records[0], notes=[*records[0].notes, *notes])
    return records, bad


def _add(
    articles: list[Article],
    skipped: list[Skipped],
    source: str,
    ident: str,
    text: str,
    fmt: str,
    encoding: str,
    notes: Iterable[str],
    meta: dict[str, Any],
    sidecar: dict[str, Any],
    overrides: dict[str, str] | None,
) -> None:
    if not text.strip():
        skipped.append(Skipped(source, "no text (the file or its article body is empty)"))
        return
    all_notes = list(notes)
    # Control characters can also come from JSON escapes or HTML entities (&#25;).
    text, control_note = formats.blank_controls(text)
    if control_note:
        all_notes.append(control_note.text)
    merged: dict[str, Any] = {}
    for layer in (meta, sidecar, overrides or {}):
        merged.update({k: v for k, v in layer.items() if k in META_FIELDS and v not in (None, "")})
    if "date" in merged:
        date = normalise_date(merged["date"])
        if date is None:
            all_notes.append(f"date {merged['date']!r} not understood; use YYYY-MM-DD")
        merged["date"] = date
    if "title" not in merged:
        merged["title"] = formats.guess_title(text)
    articles.append(
        Article(
            id=str(meta.get("id") or ident),
            source=source,
            text=text,
            format=fmt,
            encoding=encoding,
            notes=tuple(all_notes),
            **{k: (str(v) if v is not None else None) for k, v in merged.items()},
        )
    )


def unique_ids(articles: list[Article]) -> list[Article]:
    seen: dict[str, int] = {}
    out = []
    for art in articles:
        n = seen.get(art.id, 0)
        seen[art.id] = n + 1
        if n:
            art = Article(**{**art.__dict__, "id": f"{art.id}~{n + 1}"})
        out.append(art)
    return out


def _sidecar_for(path: Path) -> tuple[dict[str, Any], str | None]:
    """Metadata for `path` from `<file>.meta.json`, else from `metadata.json` in its folder.

    A broken sidecar costs the metadata, not the article: it comes back as a note.
    """
    own = path.with_name(path.name + SIDECAR_SUFFIX)
    shared = path.with_name(SIDECAR_NAME)
    sidecar = own if own.is_file() else shared if shared.is_file() else None
    if sidecar is None:
        return {}, None
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"metadata sidecar {sidecar} ignored: {exc}"
    if not isinstance(data, dict):
        return {}, f"metadata sidecar {sidecar} ignored: not a JSON object"
    if sidecar == shared:
        data = data.get(path.name)
    return (data if isinstance(data, dict) else {}), None
