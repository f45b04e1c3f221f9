"""Bytes -> text, and the readers for each supported format (txt, md, html, jsonl)."""

from __future__ import annotations

import json
import re
from typing import Any

from .types import Skipped


class Unreadable(Exception):
    """Raised by a reader for an input that should be skipped; the message is the reason."""


# Control characters other than tab/newline/CR/form feed mark a binary file, whatever it decodes to.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes, encoding: str | None) -> tuple[str, str, list[str]]:
    """Decode file bytes. UTF-8 (BOM dropped) first; else `encoding`; else detected.

    Returns (text, encoding used, notes). Raises ingest.Unreadable for empty or binary data or an
    encoding that cannot be found.
    """
    if not data.strip():
        raise Unreadable("empty file; nothing to compare")
    # NUL bytes mean binary, unless the user named an encoding that uses them (UTF-16/32); then
    # the control-character check after decoding still catches a binary file.
    if not encoding and b"\x00" in data[:8192]:
        raise Unreadable("binary file (contains NUL bytes); convert it to text, HTML or JSONL")
    notes: list[str] = []
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise Unreadable(
                f"unknown encoding {encoding!r}; use a name such as utf-8, cp1252 or latin-1"
            ) from None
        except UnicodeDecodeError as exc:
            raise Unreadable(f"not valid {encoding} (byte {exc.start}); check --encoding") from None
        used = encoding
    else:
        try:
            text = data.decode("utf-8-sig")
            used = "utf-8"
        except UnicodeDecodeError:
            text, used = _detect(data)
            notes.append(f"not UTF-8; decoded as {used} (detected); pass --encoding to override")
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise Unreadable("binary file (control characters); convert it to text, HTML or JSONL")
    return text, used, notes


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable(
            "not UTF-8 and no text encoding detected (binary?); pass --encoding if it is text"
        )
    return str(best), best.encoding


def read_document(text: str, fmt: str) -> tuple[str, dict[str, Any]]:
    """(article text, metadata) for a txt, md or html document."""
    if fmt == "md":
        return _read_markdown(text)
    if fmt == "html":
        return _read_html(text)
    return text, {}


def _read_markdown(text: str) -> tuple[str, dict[str, Any]]:
    import frontmatter

    if not text.lstrip().startswith("---"):
        return text, {}
    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # the YAML library raises many types; all mean the same here
        raise Unreadable(
            f"front matter is not valid YAML ({type(exc).__name__}); fix or remove "
            "the block between the --- lines"
        ) from None
    meta = {k.lower(): v for k, v in post.metadata.items()}
    if "source" in meta and "outlet" not in meta:
        meta["outlet"] = meta["source"]
    return post.content, meta


def _read_html(text: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, favor_recall=True, include_tables=False
    )
    # bare_extraction returns a Document unless asked for a dict (as_dict=True).
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise Unreadable("no article text found in the HTML; save the page as text instead")
    meta = {
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "outlet": doc.sitename,
        "url": doc.url,
    }
    return _paragraphs_apart(doc.text or ""), meta


def _paragraphs_apart(text: str) -> str:
    # trafilatura puts one paragraph per line; a blank line between them keeps paragraphs apart
    # even when a paragraph was hard-wrapped.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def read_jsonl(
    text: str, source: str
) -> tuple[list[tuple[int, str, dict[str, Any]]], list[Skipped]]:
    """One article per line: an object with "text" (or "body"/"content") and metadata fields."""
    rows: list[tuple[int, str, dict[str, Any]]] = []
    bad: list[Skipped] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(
                Skipped(
                    where,
                    f"malformed JSON ({exc.msg} at column {exc.colno}); "
                    "each line must be one JSON object",
                )
            )
            continue
        if not isinstance(obj, dict):
            bad.append(Skipped(where, 'line is not a JSON object; expected {"text": ...}'))
            continue
        body = next(
            (obj[k] for k in ("text", "body", "content") if isinstance(obj.get(k), str)), None
        )
        if body is None:
            bad.append(Skipped(where, 'no "text" field with the article text'))
            continue
        meta = {k: v for k, v in obj.items() if k not in ("text", "body", "content")}
        if "source" in meta and "outlet" not in meta:
            meta["outlet"] = meta["source"]
        rows.append((lineno, body, meta))
    return rows, bad


def guess_title(text: str) -> str | None:
    """The first line, when it reads like a headline (short, no full stop at the end)."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            words = line.split()
            return line if len(words) <= 20 and not line.endswith((".", ",", ";")) else None
    return None
