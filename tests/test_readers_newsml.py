"""overlap.newsml: NewsML-G2 items built in the test, and the parser's refusal of entities."""

from __future__ import annotations

from overlap.ingest import read_articles

BODY = (
    "Officials from both countries met on Thursday to discuss security cooperation along "
    "the border, a spokesman said."
)
NAR = "http://iptc.org/std/nar/2006-10-01/"


def _item(guid: str, content: str, extra_meta: str = "") -> str:
    return f"""<newsItem xmlns="{NAR}" guid="{guid}" version="1" standard="NewsML-G2"
  standardversion="2.29">
 <itemMeta><itemClass qcode="ninat:text"/><provider literal="Example Wire"/>
  <versionCreated>2024-05-02T09:30:00Z</versionCreated>
  <firstCreated>2024-05-01T08:00:00Z</firstCreated></itemMeta>
 <contentMeta><headline>Border talks resume</headline><by>Jane Roe</by>{extra_meta}
 </contentMeta>
 <contentSet>{content}</contentSet>
</newsItem>"""


XHTML = (
    f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/'
    f'xhtml"><head><title>Not body</title></head><body><p>{BODY}</p><p>Short one.</p>'
    "</body></html></inlineXML>"
)


def test_news_item_with_xhtml_body(tmp_path):
    path = tmp_path / "item.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + _item("https://wire.example/1", XHTML, "<creditline>Example Wire/Reuters</creditline>"),
        encoding="utf-8",
    )
    [art], skipped = read_articles([str(path)])
    assert skipped == []
    assert art.text == f"{BODY}\n\nShort one."
    assert (art.title, art.author, art.outlet, art.date, art.url, art.format) == (
        "Border talks resume",
        "Jane Roe",
        "Example Wire/Reuters",
        "2024-05-02",
        "https://wire.example/1",
        "newsml",
    )


def test_news_message_items_inline_data_latin1_and_bad_items(tmp_path):
    plain = '<inlineData contenttype="text/plain">Caf\xe9 owners protested on Monday.</inlineData>'
    message = (
        f'<?xml version="1.0" encoding="ISO-8859-1"?>\n<newsMessage xmlns="{NAR}">'
        f"<header/><itemSet>{_item('urn:a', plain)}{_item('urn:b', '')}</itemSet>"
        "</newsMessage>"
    )
    path = tmp_path / "message.xml"
    path.write_bytes(message.encode("latin-1"))
    [art], skipped = read_articles([str(path)])
    assert art.source == f"{path}:item 1" and art.text == "Café owners protested on Monday."
    assert art.outlet == "Example Wire"  # from itemMeta/provider
    assert art.encoding.lower() == "iso-8859-1"
    assert [(s.source, s.reason) for s in skipped] == [
        (f"{path}:item 2", "newsItem has no text (contentSet/inlineXML or inlineData)")
    ]


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE newsItem [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        + _item("urn:x", f'<inlineData contenttype="text/plain">{BODY} &x;</inlineData>')
    )
    path = tmp_path / "xxe.xml"
    path.write_text(doc, encoding="utf-8")
    articles, skipped = read_articles([str(path)])
    assert all("TOP-SECRET" not in a.text for a in articles)
    assert articles and BODY in articles[0].text


def test_not_newsml_and_malformed_xml_are_skipped(tmp_path):
    rss = tmp_path / "feed.xml"
    rss.write_text("<rss><channel><item>x</item></channel></rss>", encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text(f'<newsItem xmlns="{NAR}"><contentSet>', encoding="utf-8")
    articles, skipped = read_articles([str(rss), str(broken)])
    assert articles == []
    reasons = {s.source: s.reason for s in skipped}
    assert reasons[str(rss)].startswith("XML is not NewsML-G2 (root element <rss>)")
    assert reasons[str(broken)].startswith("malformed XML")
