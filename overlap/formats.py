"""Bytes -> text, and the readers for each supported format (txt, md, html, jsonl)."""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from typing import Any

from .types import Skipped


class Unreadable(Exception):
    """Raised by a reader for an input that should be skipped; the message is the reason."""


@dataclass(frozen=True)
class Item:
    """One article found by a reader of many-article formats (WARC, ninjs, NewsML-G2, CSV):
    where it came from, its text and metadata. `encoding` is set when the reader decoded it."""

    source: str
    ident: str
    text: str
    meta: dict[str, Any]
    notes: tuple[str, ...] = ()
    encoding: str | None = None


# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Above this share of control characters a "text" is really binary. Real text carries a few:
# PA wire copy starts each paragraph with 0x19 (at most 1.2 % of a file's characters).
_BINARY_SHARE = 0.05
# Code pages the detector may pick for plain Western European text; the names are
# charset_normalizer's.
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}
# How much better (charset_normalizer coherence, 0-1) another code page must read before it
# wins over cp1252: on English news with a few £ signs cp1250 often scores 0.05 higher.
_WESTERN_MARGIN = 0.2


def decode(
    data: bytes, encoding: str | None = None, force: bool = False
) -> tuple[str, str, list[str]]:
    """Decode file bytes: a byte order mark (UTF-8/16/32) decides; else valid UTF-8 is UTF-8;
    else `encoding`; else detected, preferring cp1252/latin-1 when it reads about as well.
    With `force`, `encoding` applies to every file (a BOM still wins).

    Control characters are replaced by spaces (so offsets into the text stay offsets into the
    file as decoded), with a note. Returns (text, encoding used, notes). Raises Unreadable for
    empty or binary data or an encoding that cannot be found or does not fit.

    >>> decode("Pe\xf1a".encode("latin-1"))[:2]
    ('Peña', 'latin-1')
    """
    if not data.strip():
        raise Unreadable("empty file; nothing to compare")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise Unreadable(
                f"unknown encoding {encoding!r}; use a name such as utf-8, cp1252 or latin-1"
            ) from None
    notes: list[str] = []
    mark, bom = next(((m, name) for m, name in _BOMS if data.startswith(m)), (b"", None))
    if bom:
        text, used = _decode_as(data[len(mark) :], bom, "byte order mark"), bom
        if encoding and encoding.lower().replace("_", "-") not in (bom, bom[:-3]):
            notes.append(f"byte order mark says {bom}; --encoding {encoding} not applied")
    elif encoding and (force or b"\x00" in data or not _is_utf8(data)):
        # NUL bytes are never meant as UTF-8 text: with an encoding named, they are UTF-16/32.
        text, used = _decode_as(data, encoding, "--encoding"), encoding
    elif b"\x00" in data:
        raise Unreadable("binary file (contains NUL bytes); convert it to text, HTML or JSONL")
    elif _is_utf8(data):
        text, used = data.decode("utf-8"), "utf-8"
        if encoding and not data.isascii():  # ASCII reads the same in any encoding named
            notes.append(
                f"valid UTF-8, read as UTF-8; --encoding {encoding} applies only to files "
                "that are not (use --encoding-force to apply it to all)"
            )
    else:
        text, used = _detect(data)
        notes.append(f"not UTF-8; decoded as {used} (detected); pass --encoding to override")
    if "\x00" in text:
        raise Unreadable("binary file (contains NUL characters); convert it to text, HTML or JSONL")
    text, control_note = blank_controls(text)
    if control_note:
        if control_note.count > max(8, _BINARY_SHARE * len(text)):
            raise Unreadable(
                "binary file (mostly control characters); convert it to text, HTML or JSONL"
            )
        notes.append(control_note.text)
    return text, used, notes


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_as(data: bytes, encoding: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise Unreadable(
            f"unknown encoding {encoding!r}; use a name such as utf-8, cp1252 or latin-1"
        ) from None
    except UnicodeDecodeError as exc:
        hint = "check --encoding" if why == "--encoding" else f"the {why} is wrong"
        raise Unreadable(f"not valid {encoding} (byte {exc.start}); {hint}") from None


# C0 controls other than tab, newline, vertical tab, form feed and CR; DEL; the C1 block.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class ControlNote:
    count: int
    text: str


def blank_controls(text: str) -> tuple[str, ControlNote | None]:
    """Control characters replaced by spaces, one for one, so every offset stays put.

    >>> blank_controls("\x19A line.<")[0]
    ' A line.<'
    """
    found = _CONTROL.findall(text)
    if not found:
        return text, None
    kinds = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(found))[:5])
    note = f"{len(found)} control characters ({kinds}) replaced by spaces"
    return _CONTROL.sub(" ", text), ControlNote(len(found), note)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    western = _western(data)
    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if western is not None:
        if best is None or best.encoding in _WESTERN:
            return western
        alt = next((m for m in matches if m.encoding in _WESTERN), None)
        # The detector often prefers cp1250 or even cp932 for English with a £ sign; another
        # code page wins only when its language model reads the text clearly better.
        if alt is None or best.coherence - alt.coherence < _WESTERN_MARGIN:
            return western
    if best is None:
        raise Unreadable(
            "not UTF-8 and no text encoding detected (binary?); pass --encoding if it is text"
        )
    return str(best), best.encoding


def _western(data: bytes) -> tuple[str, str] | None:
    """The text as cp1252 (latin-1 when no byte needs cp1252), if it reads as Western European:
    few non-ASCII letters, and no symbol such as ³ or ¹ inside a word (cp1250's ł and ą)."""
    if any(0x80 <= b <= 0x9F for b in data):
        try:
            text, used = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, used = data.decode("latin-1"), "latin-1"
    else:
        text, used = data.decode("latin-1"), "latin-1"
    letters = sum(1 for c in text if c.isalpha())
    foreign = sum(1 for c in text if ord(c) > 127 and c.isalpha())
    if letters == 0 or foreign > 0.3 * letters:
        return None  # Greek, Cyrillic or Central European text in a Western code page
    odd = sum(
        1
        for m in re.finditer(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])", text)
        if not m.group().isalpha() and m.group() not in "’'·-–"
    )
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return (text, used) if odd * 20 <= non_ascii else None


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
        # libxml2 gives up on pages nested 255+ elements deep, and trafilatura then finds
        # nothing: read the page's text flat instead (the stdlib parser has no depth limit).
        flat = _flat_html_text(text)
        if not flat.strip():
            raise Unreadable("no article text found in the HTML; save the page as text instead")
        return flat, {
            "notes": [
                "no article found by trafilatura (too deeply nested?); read the page's text flat, "
                "page furniture included"
            ]
        }
    meta = {
        "title": doc.title,
        "author": doc.author,
        "date": doc.date,
        "outlet": doc.sitename,
        "url": doc.url,
    }
    return _paragraphs_apart(doc.text or ""), meta


_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "br",
    "tr",
    "td",
    "th",
    "blockquote",
    "article",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "dd",
    "dt",
    "figcaption",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "nav", "svg"}


def _flat_html_text(html: str) -> str:
    """The page's text, one paragraph per block element, scripts and styles left out.

    >>> print(_flat_html_text("<div><div><p>One.</p><p>Two <b>bold</b>.</p></div></div>"))
    One.
    <BLANKLINE>
    Two bold.
    """
    from html.parser import HTMLParser

    class Flat(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in _SKIP_TAGS:
                self.skipping += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self.skipping = max(0, self.skipping - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skipping:
                self.parts.append(data)

    parser = Flat()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


# An article body given as an HTML fragment (ninjs body_html, NewsML-G2 inlineXML) is all
# article, so it is read flat: trafilatura would judge short paragraphs of it to be chrome.
html_fragment_text = _flat_html_text


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
    # Split on \n only: str.splitlines() also splits at U+2028, U+0085 and other separators
    # that are valid inside JSON strings. A CR before the \n is whitespace to json.loads.
    for lineno, line in enumerate(text.split("\n"), start=1):
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


# Lines above a wire story's headline that are not its headline: rules drawn with dashes or
# stars, and the transmission slug that opens with a clock time and a date ("15:05 04/10/99:
# Page 1 (HHH) COURTS Pensioners", METER's PA copy).
_NO_LETTERS = re.compile(r"^[^A-Za-z]*$")
# A clock time and a numeric date: the wire's transmission stamp (chrome.py reads it as a
# dateline too).
WIRE_STAMP = r"\d{1,2}:\d\d\s+\d{1,2}[/.-]\d{1,2}[/.-]\d\d(?:\d\d)?\b"
_WIRE_SLUG = re.compile("^" + WIRE_STAMP)


def guess_title(text: str) -> str | None:
    """The first line with words, when it reads like a headline (short, no full stop at the
    end); rules and a wire slug above it are passed over, a wire paragraph mark (PA's `<`)
    is not part of it."""
    lines = text.splitlines()
    for i, raw in enumerate(lines):
        line = raw.strip().rstrip("<").strip()
        if not line or _NO_LETTERS.match(line) or _WIRE_SLUG.match(line):
            continue
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not raw.rstrip().endswith("<") and (after[:1].islower() or after[:1].isdigit()):
            return None  # the first line of a hard-wrapped sentence, not a headline
        words = line.split()
        return line if len(words) <= 20 and not line.endswith((".", ",", ";")) else None
    return None
