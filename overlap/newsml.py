"""IPTC NewsML-G2 (XML): a newsItem, or a newsMessage of several, per .xml file (lxml).

Read: contentMeta/headline, contentSet/inlineXML (an XHTML body) or inlineData (plain text),
itemMeta/versionCreated (else firstCreated), contentMeta/by, and for the outlet
contentMeta/creditline, else infoSource, else itemMeta/provider. The parser never fetches
anything and expands no entities: a wire file must not make overlap read a local file or the
network (XXE).
"""

from __future__ import annotations

from typing import Any

from .formats import Item, Unreadable, html_fragment_text
from .types import Skipped

NAR = "http://iptc.org/std/nar/2006-10-01/"
_NS = {"g2": NAR}


def read_newsml(data: bytes, source: str, stem: str) -> tuple[list[Item], list[Skipped]]:
    """Items of a NewsML-G2 document: source `file.xml` for a newsItem, `file.xml:item 2` for
    the second item of a newsMessage. Raises Unreadable for XML that is not NewsML-G2."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"malformed XML ({exc.msg or exc})") from None
    if root is None:
        raise Unreadable("no XML element in the file")
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    tag = etree.QName(root)
    if tag.namespace != NAR or tag.localname not in ("newsItem", "newsMessage"):
        raise Unreadable(
            f"XML is not NewsML-G2 (root element <{tag.localname}>); overlap reads "
            "NewsML-G2 newsItem and newsMessage documents"
        )
    if tag.localname == "newsItem":
        return [_item(root, source, stem, encoding)], []
    items: list[Item] = []
    bad: list[Skipped] = []
    news_items = root.findall(".//g2:newsItem", _NS)
    for n, element in enumerate(news_items, start=1):
        where = f"{source}:item {n}"
        try:
            items.append(_item(element, where, f"{stem}:{n}", encoding))
        except Unreadable as exc:
            bad.append(Skipped(where, str(exc)))
    if not news_items:
        raise Unreadable("NewsML-G2 newsMessage holds no newsItem")
    return items, bad


def _item(item: Any, source: str, ident: str, encoding: str) -> Item:
    body = _body(item)
    if not body or not body.strip():
        raise Unreadable("newsItem has no text (contentSet/inlineXML or inlineData)")
    meta = {
        "title": _text(item, "g2:contentMeta/g2:headline"),
        "date": _text(item, "g2:itemMeta/g2:versionCreated")
        or _text(item, "g2:itemMeta/g2:firstCreated"),
        "author": _text(item, "g2:contentMeta/g2:by"),
        "outlet": _text(item, "g2:contentMeta/g2:creditline")
        or _party(item, "g2:contentMeta/g2:infoSource")
        or _party(item, "g2:itemMeta/g2:provider"),
    }
    guid = item.get("guid") or ""
    if guid.startswith(("http://", "https://")):
        meta["url"] = guid
    return Item(source, ident, body, meta, (), encoding)


def _body(item: Any) -> str | None:
    from lxml import etree

    inline_xml = item.find("g2:contentSet/g2:inlineXML", _NS)
    if inline_xml is not None and len(inline_xml):
        markup = "".join(etree.tostring(child, encoding="unicode") for child in inline_xml)
        return html_fragment_text(markup)
    inline_data = item.find("g2:contentSet/g2:inlineData", _NS)
    if inline_data is not None and inline_data.text:
        return str(inline_data.text)
    return None


def _text(item: Any, path: str) -> str | None:
    element = item.find(path, _NS)
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _party(item: Any, path: str) -> str | None:
    """A party's name: its <name> child, else its literal attribute (a qcode is not a name)."""
    element = item.find(path, _NS)
    if element is None:
        return None
    return _text(element, "g2:name") or (element.get("literal") or "").strip() or None
