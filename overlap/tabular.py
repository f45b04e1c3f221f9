"""CSV and TSV: one article per row, the text and metadata in named columns (stdlib csv).

Which column holds the text is found from its header (text, body, articleBody, content,
article) unless a setting names it (`csv_text_column`); the metadata columns likewise.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .formats import Item, Unreadable
from .types import Skipped

# Header names, compared case-folded with spaces, _ and - removed, first match wins.
TEXT_NAMES = ("text", "body", "articlebody", "content", "article")
_META_NAMES = {
    "title": ("title", "headline"),
    "date": ("date", "published", "publishdate", "pubdate", "datepublished"),
    "outlet": ("outlet", "source", "publication", "publisher"),
    "url": ("url", "link"),
    "id": ("id", "bodyid", "articleid", "guid"),
    "author": ("author", "byline"),
}
# csv refuses fields over 128 KiB by default; a long feature article in one cell is bigger.
_FIELD_LIMIT = 16 * 1024 * 1024
# Delimiters a file named .csv may really use (European spreadsheets write semicolons).
_CSV_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Columns:
    """Column names given by settings; None means "find it from the header"."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    id: str | None = None

    @classmethod
    def from_settings(cls, settings: object) -> Columns:
        """The csv_*_column settings of a Settings (absent ones: None)."""
        return cls(
            **{
                f: getattr(settings, f"csv_{f}_column", None)
                for f in ("text", "title", "date", "outlet", "url", "id")
            }
        )


def _key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch not in " _-")


def read_table(
    text: str, source: str, stem: str, tsv: bool, columns: Columns | None = None
) -> tuple[list[Item], list[Skipped]]:
    """Rows -> Items with sources like `file.csv:row 12` (row 1 is the first row under the
    header; a quoted field may span lines). Raises Unreadable when no text column is found.

    >>> items, _ = read_table("id,text\\n7,\\"Two\\nlines\\"\\n", "a.csv", "a", tsv=False)
    >>> items[0].source, items[0].text, items[0].meta["id"]
    ('a.csv:row 1', 'Two\\nlines', '7')
    """
    columns = columns or Columns()
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    delimiters = ("\t",) if tsv else _CSV_DELIMITERS
    headers: list[list[str]] = []
    for delimiter in delimiters:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(rows, [])
        except csv.Error as exc:
            raise Unreadable(f"malformed CSV header ({exc})") from None
        headers.append(header)
        found = _find_columns(header, columns)
        if found is not None:
            break
    else:
        shown = ", ".join(h for h in headers[0] if h.strip())[:200] or "(none)"
        wanted = (
            f"no column named {columns.text!r}"
            if columns.text
            else "no text column (text, body, articleBody, content or article)"
        )
        raise Unreadable(f"{wanted}; columns: {shown}; name the text column with csv_text_column")
    items: list[Item] = []
    bad: list[Skipped] = []
    n = 0
    try:
        for n, row in enumerate(rows, start=1):
            if not any(cell.strip() for cell in row):
                continue  # a blank line between rows
            where = f"{source}:row {n}"
            if len(row) <= found["text"]:
                bad.append(
                    Skipped(
                        where,
                        f"row has {len(row)} fields, the header has "
                        f"{len(header)}; the text column is missing",
                    )
                )
                continue
            meta = {k: row[i] for k, i in found.items() if k != "text" and i < len(row)}
            notes = () if items else _absent(header, columns)
            items.append(Item(where, f"{stem}:{n}", row[found["text"]], meta, notes))
    except csv.Error as exc:
        bad.append(
            Skipped(
                f"{source}:row {n + 1}", f"malformed CSV ({exc}); the rows after it were not read"
            )
        )
    return items, bad


def _absent(header: list[str], columns: Columns) -> tuple[str, ...]:
    keys = {_key(h) for h in header}
    return tuple(
        f"csv_{f}_column {name!r} is not a column of this file; not read"
        for f in ("title", "date", "outlet", "url", "id")
        if (name := getattr(columns, f)) is not None and _key(name) not in keys
    )


def _find_columns(header: list[str], columns: Columns) -> dict[str, int] | None:
    """Column index per field ("text" always present), or None without a text column."""
    keys = [_key(h) for h in header]
    given = {f: getattr(columns, f) for f in ("text", "title", "date", "outlet", "url", "id")}
    found: dict[str, int] = {}
    for field, name in given.items():
        if name is not None:
            if _key(name) not in keys:
                if field == "text":
                    return None
                continue  # absent: noted by read_table
            found[field] = keys.index(_key(name))
    if "text" not in found:
        if given["text"] is not None:
            return None
        idx = next((keys.index(n) for n in TEXT_NAMES if n in keys), None)
        if idx is None:
            return None
        found["text"] = idx
    for field, names in _META_NAMES.items():
        if field not in found and given.get(field) is None:
            idx = next((keys.index(n) for n in names if n in keys), None)
            if idx is not None and idx != found["text"]:
                found[field] = idx
    return found
