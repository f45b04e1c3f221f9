"""overlap.warc: WARC/ARC web archives, written in the test with warcio's own WARCWriter."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from overlap.ingest import read_articles

PARAS = [
    "The city council voted on Tuesday to close the old harbour bridge to heavy traffic after "
    "engineers found deep cracks in two of its supporting piers.",
    "The mayor said repairs would take at least eighteen months and cost the city about "
    "twelve million euros, money that will come from the road maintenance budget.",
    "Lorry drivers will be sent along the ring road, adding roughly twenty minutes to a "
    "crossing that thousands of vehicles make every working day.",
]


def _page(title: str, date: str | None = None) -> bytes:
    meta = f'<meta name="date" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def _warc(path: Path, records: list[tuple], gz: bool = True) -> Path:
    """records: (kind, uri, content type, payload, status) tuples, written in order."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for kind, uri, ctype, payload, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-05T10:11:12Z"},
            )
            writer.write_record(rec)
    return path


def test_each_html_response_is_an_article_with_url_and_date_from_the_record(tmp_path):
    path = _warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                "response",
                "https://news.example/bridge",
                "text/html; charset=utf-8",
                _page("Harbour bridge closed to lorries"),
                "200 OK",
            ),
            ("response", "https://news.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
            (
                "response",
                "https://news.example/old",
                "text/html",
                b"<html>moved</html>",
                "301 Moved Permanently",
            ),
            (
                "response",
                "https://news.example/dated",
                "text/html",
                _page("Bridge repairs to take eighteen months", "2023-11-30"),
                "200 OK",
            ),
        ],
    )
    articles, skipped = read_articles([str(path)])
    assert skipped == []
    assert [a.source for a in articles] == [f"{path}:record 2", f"{path}:record 5"]
    first, second = articles
    assert first.url == "https://news.example/bridge"
    assert first.date == "2024-03-05"  # the page has no date: the crawl's
    assert second.date == "2023-11-30"  # the page's own date wins over the crawl's
    assert first.format == "warc" and first.encoding == "utf-8"
    for art in articles:
        for para in PARAS:
            assert para in art.text
    # what is not an article is counted once, not listed
    [note] = [n for n in first.notes if n.startswith("web archive:")]
    assert "1 non-HTML responses" in note and "1 non-200 responses" in note
    assert "1 warcinfo records" in note
    assert not any(n.startswith("web archive:") for n in second.notes)


def test_uncompressed_warc_and_revisits(tmp_path):
    path = _warc(
        tmp_path / "crawl.warc",
        [
            ("response", "https://a.example/x", "text/html", _page("One"), "200 OK"),
            ("revisit", "https://a.example/x", "text/html", b"", "200 OK"),
        ],
        gz=False,
    )
    [art], skipped = read_articles([str(path)])
    assert skipped == [] and PARAS[1] in art.text
    assert any("1 revisits" in n for n in art.notes)


def test_archive_without_pages_is_skipped_with_the_count(tmp_path):
    path = _warc(
        tmp_path / "images.warc.gz",
        [("response", "https://a.example/p.png", "image/png", b"\x89PNG", "200 OK")],
    )
    articles, skipped = read_articles([str(path)])
    assert articles == []
    [skip] = skipped
    assert skip.source == str(path)
    assert skip.reason.startswith("no HTML pages in the web archive")
    assert "1 non-HTML responses" in skip.reason


def test_a_cut_archive_keeps_the_records_before_the_break(tmp_path):
    good = _warc(
        tmp_path / "good.warc",
        [
            ("response", "https://a.example/1", "text/html", _page("First"), "200 OK"),
            ("response", "https://a.example/2", "text/html", _page("Second"), "200 OK"),
        ],
        gz=False,
    )
    data = good.read_bytes()
    cut = tmp_path / "cut.warc"
    second = data.index(b"WARC/1", data.index(b"https://a.example/1"))
    cut.write_bytes(data[:second] + b"WARC/1.0\r\nWARC-Type: resp")  # headers end mid-record
    short = tmp_path / "short.warc"
    short.write_bytes(data[:-300])  # the last page ends early
    gz = _warc(
        tmp_path / "cut.warc.gz",
        [
            ("response", "https://a.example/1", "text/html", _page("First"), "200 OK"),
            ("response", "https://a.example/2", "text/html", _page("Second"), "200 OK"),
        ],
    )
    gz.write_bytes(gz.read_bytes()[:-200])
    for path, why in (
        (cut, "record headers cut short"),
        (short, "record cut short"),
        (gz, "record cut short"),
    ):
        articles, skipped = read_articles([str(path)])
        assert [a.url for a in articles] == ["https://a.example/1"], path
        [skip] = skipped
        assert skip.source == f"{path}:record 3" and skip.reason.startswith(why), skip


def test_garbage_and_empty_files_are_skipped_not_raised(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a web archive\n\n")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    bad_gzip = tmp_path / "bad.warc.gz"
    bad_gzip.write_bytes(gzip.compress(b"WARC/1.0\r\n")[:-6] + b"xx")
    articles, skipped = read_articles([str(junk), str(empty), str(bad_gzip)])
    assert articles == []
    reasons = {Path(s.source.split(":record")[0]).name: s.reason for s in skipped}
    assert set(reasons) == {"junk.warc", "empty.warc.gz", "bad.warc.gz"}
    assert reasons["junk.warc"].startswith("not a WARC or ARC file")
    assert "gzip" in reasons["bad.warc.gz"]
    assert reasons["empty.warc.gz"].startswith("empty file")


def _arc(records: list[tuple[bytes, bytes]]) -> bytes:
    """An ARC v1 file (the Internet Archive's format before WARC), written by hand: warcio
    reads ARC but does not write it."""
    desc = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://t.arc 0.0.0.0 20240305101112 text/plain %d\n" % len(desc) + desc + b"\n"
    for url, page in records:
        payload = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        out += b"%s 1.2.3.4 20240305101112 text/html %d\n" % (url, len(payload)) + payload
        out += b"\n"
    return out


def test_arc_file_plain_and_gzipped(tmp_path):
    data = _arc([(b"http://news.example/a", _page("Old crawl"))])
    plain = tmp_path / "old.arc"
    plain.write_bytes(data)
    packed = tmp_path / "old2.arc.gz"
    packed.write_bytes(gzip.compress(data))  # one gzip stream, not one member per record
    articles, skipped = read_articles([str(plain), str(packed)])
    assert skipped == []
    assert [(a.source, a.url, a.date) for a in articles] == [
        (f"{plain}:record 2", "http://news.example/a", "2024-03-05"),
        (f"{packed}:record 2", "http://news.example/a", "2024-03-05"),
    ]
    assert all(PARAS[2] in a.text for a in articles)
    assert "gzipped as one stream, not per record; read unpacked" in articles[1].notes
