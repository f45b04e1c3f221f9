"""Reading a draft for overlap check: from a file or standard input, with the line its text starts
on, and hard-wrapped prose rejoined (unwrap) so sentences follow the text."""

from __future__ import annotations

import re
from pathlib import Path

from .config import Settings
from .errors import InputError
from .formats import Unreadable, blank_controls, guess_title, read_document
from .ingest import read_articles
from .publication_dates import normalise_date
from .types import (
    Article,
    Skipped,
)

STDIN = "-"  # the draft name that means "the text given as `stdin`"


STDIN_SOURCE = "<stdin>"


def read_draft(
    draft: str, s: Settings, stdin: str | None
) -> tuple[Article, str, int, list[Skipped]]:
    """(the draft, its text as written, lines before the text, what was skipped)."""
    if draft == STDIN:
        if stdin is None:
            raise InputError("draft '-' means standard input, but no text was given on it")
        try:
            body, meta = read_document(stdin, "md")
        except Unreadable as exc:
            raise InputError(f"{STDIN_SOURCE}: cannot check this draft ({exc})") from None
        if not body.strip():
            raise InputError(f"{STDIN_SOURCE}: cannot check this draft (no text on standard input)")
        body, _ = blank_controls(body)
        field = {
            k: str(meta[k]) if meta.get(k) not in (None, "") else None
            for k in ("title", "outlet", "date", "author", "url")
        }
        article = Article(
            id="stdin",
            source=STDIN_SOURCE,
            text=body,
            format="md",
            title=field["title"] or guess_title(body),
            outlet=field["outlet"],
            date=normalise_date(field["date"]) if field["date"] else None,
            author=field["author"],
            url=field["url"],
        )
        at = stdin.find(body[:200])
        return article, body, stdin[:at].count("\n") if at > 0 else 0, []
    drafts, skipped = read_articles([draft], s.encoding, encoding_force=s.encoding_force)
    if len(drafts) != 1:
        why = skipped[0].reason if skipped else "it holds more than one article"
        raise InputError(
            f"{draft}: cannot check this draft ({why}); give one .txt, .md or .html file"
        )
    return drafts[0], drafts[0].text, _body_line(drafts[0]), skipped


_BLOCK_START = re.compile(r"\s*(?:[#>|]|[-*+]\s|\d+[.)]\s|```|~~~|={3,}\s*$|-{3,}\s*$)")


# A Markdown block marker at a line's start: a heading's "#", a list item's "-" or "1.", a
# quotation's ">". Layout, not words of a claim: the models read "# Nigeria plans to double
# cocoa output" otherwise than the headline (a BBC business draft: the "#" moved which source
# passages were closest, and the verdict).
_BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}|[-*+>]|\d{1,3}[.)])\s+")


def without_block_marker(text: str) -> str:
    """`text` without the Markdown block marker opening it.

    >>> [without_block_marker(t) for t in ("# Title", "- item", "1. first", "3.5 million")]
    ['Title', 'item', 'first', '3.5 million']
    """
    return _BLOCK_MARKER.sub("", text, count=1)


def unwrap(text: str) -> str:
    r"""`text` with each line break inside a paragraph turned into a space. A blank line, a
    Markdown heading, list item, quote, table row, fence or rule starts a new block, as in
    CommonMark; offsets do not move.

    >>> unwrap("# Title\nA sentence that\nruns on.\n\n- item\n- item")
    '# Title\nA sentence that runs on.\n\n- item\n- item'
    """
    lines = text.split("\n")
    out = []
    for line, nxt in zip(lines, lines[1:], strict=False):
        join = (
            line.strip()
            and nxt.strip()
            and not _BLOCK_START.match(line)
            and not _BLOCK_START.match(nxt)
            and not line.endswith("  ")
        )
        out.append(line + (" " if join else "\n"))
    out.append(lines[-1])
    return "".join(out)


def _body_line(article: object) -> int:
    """Lines before the article text in its file (Markdown front matter), for line numbers."""
    source = Path(str(getattr(article, "source", "")))
    try:
        raw = source.read_text(encoding=getattr(article, "encoding", "utf-8") or "utf-8")
    except (OSError, UnicodeDecodeError, LookupError):
        return 0
    at = raw.find(getattr(article, "text", "")[:200])
    return raw[:at].count("\n") if at > 0 else 0


def line_col(text: str, offset: int, base: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1 + base
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
