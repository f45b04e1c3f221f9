"""IPTC ninjs ("news in JSON", 1.x and 2.x): one news item, or a list of them, per .json file.

1.x names: body_text / body_html / body_xhtml, headline, byline. 2.x names: bodies[] and
headlines[] (objects with role, contenttype, value), by. Both: uri (required by the standard),
versioncreated / firstcreated, located, copyrightholder, provider.
"""

from __future__ import annotations

import json
from typing import Any

from .formats import Item, Unreadable, html_fragment_text
from .types import Skipped


def read_ninjs(text: str, source: str, stem: str) -> tuple[list[Item], list[Skipped]]:
    """Items of a ninjs document: sources `file.json` for one item, `file.json:item 2` in a list.

    >>> [i] = read_ninjs('{"uri": "urn:x", "headline": "H", "body_text": "Body."}', "a.json",
    ...                  "a")[0]
    >>> i.text, i.meta["title"]
    ('Body.', 'H')
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(
            f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    if isinstance(doc, dict):
        return [_item(doc, source, stem)], []
    if not isinstance(doc, list):
        raise Unreadable("JSON is not an IPTC ninjs item (an object) or a list of them")
    items: list[Item] = []
    bad: list[Skipped] = []
    for n, obj in enumerate(doc, start=1):
        where = f"{source}:item {n}"
        try:
            items.append(_item(obj, where, f"{stem}:{n}"))
        except Unreadable as exc:
            bad.append(Skipped(where, str(exc)))
    if not items and not bad:
        raise Unreadable("empty JSON list; no ninjs items")
    return items, bad


def _item(obj: Any, source: str, ident: str) -> Item:
    if not isinstance(obj, dict):
        raise Unreadable('not a JSON object; a ninjs item is an object with "uri"')
    if not isinstance(obj.get("uri"), str) or not obj["uri"].strip():
        raise Unreadable('not an IPTC ninjs item: no "uri" (the one field ninjs requires)')
    body = _body(obj)
    if body is None:
        kind = obj.get("type")
        what = f"of type {kind!r} " if isinstance(kind, str) and kind != "text" else ""
        raise Unreadable(f"ninjs item {what}has no text body (body_text, body_html or bodies)")
    uri = obj["uri"].strip()
    meta: dict[str, Any] = {
        "title": _headline(obj),
        "date": _str(obj.get("versioncreated")) or _str(obj.get("firstcreated")),
        "author": _str(obj.get("byline")) or _str(obj.get("by")),
        "outlet": _name(obj.get("copyrightholder")) or _name(obj.get("provider")),
        "url": uri if uri.startswith(("http://", "https://")) else None,
    }
    notes = []
    located = _name(obj.get("located"))
    if located:
        notes.append(f"dateline (ninjs located): {located}")
    return Item(source, ident, body, meta, tuple(notes))


def _body(obj: dict[str, Any]) -> str | None:
    if isinstance(obj.get("body_text"), str) and obj["body_text"].strip():
        return str(obj["body_text"])
    for key in ("body_html", "body_xhtml"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            return html_fragment_text(obj[key])
    bodies = [
        b
        for b in obj.get("bodies") or []
        if isinstance(b, dict) and isinstance(b.get("value"), str) and b["value"].strip()
    ]
    # Plain text first: it is the body as written; HTML is read flat.
    for body in sorted(bodies, key=lambda b: "html" in str(b.get("contenttype", "")).lower()):
        ctype = str(body.get("contenttype", "")).lower()
        return html_fragment_text(body["value"]) if "html" in ctype else str(body["value"])
    return None


def _headline(obj: dict[str, Any]) -> str | None:
    if _str(obj.get("headline")):
        return _str(obj["headline"])
    lines = [h for h in obj.get("headlines") or [] if isinstance(h, dict) and _str(h.get("value"))]
    main = next((h for h in lines if h.get("role") in (None, "main")), lines[0] if lines else None)
    return _str(main.get("value")) if main else None


def _name(value: Any) -> str | None:
    """A string, or the name of an object ({"name": ...}), or of the first in a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("literal")
    return _str(value)


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
