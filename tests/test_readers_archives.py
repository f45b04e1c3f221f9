"""overlap.archives: .gz and .zip of the supported formats, and the zip-bomb cap."""

from __future__ import annotations

import gzip
import json
import zipfile

from overlap import archives
from overlap.ingest import read_articles

ONE = (
    "Officials from both countries met on Thursday to discuss security cooperation along "
    "the border, a spokesman said."
)
PAGE = (
    "<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1>"
    f"<p>{ONE}</p><p>{ONE.replace('Thursday', 'Friday')}</p></article></body></html>"
)


def test_gz_of_text_html_and_jsonl(tmp_path):
    txt = tmp_path / "story.txt.gz"
    txt.write_bytes(gzip.compress(ONE.encode()))
    html = tmp_path / "page.html.gz"
    html.write_bytes(gzip.compress(PAGE.encode()))
    rows = tmp_path / "rows.jsonl.gz"
    rows.write_bytes(gzip.compress(json.dumps({"text": ONE, "id": "r1"}).encode() + b"\n"))
    articles, skipped = read_articles([str(txt), str(html), str(rows)])
    assert skipped == []
    assert [(a.source, a.id, a.format) for a in articles] == [
        (str(txt), "story", "txt"),
        (str(html), "page", "html"),
        (f"{rows}:1", "r1", "jsonl"),
    ]
    assert all(ONE in a.text for a in articles)


def test_zip_members_read_per_format_with_bang_sources(tmp_path):
    path = tmp_path / "batch.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", ONE)
        zf.writestr("web/b.html", PAGE)
        zf.writestr("c.csv", f'text,title\n"{ONE}",From CSV\n')
        zf.writestr("d.md", "---\noutlet: Gazette\n---\n" + ONE)
        zf.writestr("e.txt.gz", gzip.compress(ONE.encode()))
        zf.writestr("notes.docx", b"PK")
        zf.writestr("empty.txt", b"")
        zf.writestr("__MACOSX/._a.txt", b"\x00\x05")
        zf.writestr("web/", b"")
    articles, skipped = read_articles([str(path)])
    assert [(a.source, a.format) for a in articles] == [
        (f"{path}!a.txt", "txt"),
        (f"{path}!web/b.html", "html"),
        (f"{path}!c.csv:row 1", "csv"),
        (f"{path}!d.md", "md"),
        (f"{path}!e.txt.gz", "txt"),
    ]
    assert all(ONE in a.text for a in articles)
    assert articles[2].title == "From CSV" and articles[3].outlet == "Gazette"
    assert "1 hidden or __MACOSX members of the zip left out" in articles[0].notes
    reasons = {s.source: s.reason for s in skipped}
    assert set(reasons) == {f"{path}!notes.docx", f"{path}!empty.txt"}
    assert reasons[f"{path}!notes.docx"].startswith("unsupported file type .docx")
    assert reasons[f"{path}!empty.txt"].startswith("empty file")


def test_zip_bomb_members_are_skipped_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    monkeypatch.setattr(archives, "MAX_TOTAL_BYTES", 1500)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("small.txt", ONE)
        zf.writestr("huge.txt", "a " * 5000)  # 10 kB of text in a few bytes
        zf.writestr("fits.txt", ONE * 6)  # 700 bytes: fits one member, not the total
    bomb_gz = tmp_path / "bomb.txt.gz"
    bomb_gz.write_bytes(gzip.compress(b"a " * 5000))
    articles, skipped = read_articles([str(path), str(bomb_gz)])
    assert [a.source for a in articles] == [f"{path}!small.txt", f"{path}!fits.txt"]
    reasons = {s.source: s.reason for s in skipped}
    assert "zip bomb?" in reasons[f"{path}!huge.txt"]
    assert "zip bomb?" in reasons[str(bomb_gz)]


def test_zip_size_field_that_lies_is_still_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("big.txt", "b" * 5000)
    data = bytearray(path.read_bytes())
    # claim 10 bytes in both the local header (offset 22) and the central directory entry
    data[22:26] = (10).to_bytes(4, "little")
    cd = data.rindex(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    articles, skipped = read_articles([str(path)])
    assert articles == [] and len(skipped) == 1
    assert skipped[0].source == f"{path}!big.txt"


def test_broken_archives_are_skipped_not_raised(tmp_path):
    bad_zip = tmp_path / "bad.zip"
    bad_zip.write_bytes(b"PK\x03\x04 this is not a zip")
    bad_gz = tmp_path / "bad.txt.gz"
    bad_gz.write_bytes(b"\x1f\x8b\x08\x00 not gzip data")
    empty_zip = tmp_path / "empty.zip"
    zipfile.ZipFile(empty_zip, "w").close()
    articles, skipped = read_articles([str(bad_zip), str(bad_gz), str(empty_zip)])
    assert articles == []
    reasons = {s.source: s.reason for s in skipped}
    assert reasons[str(bad_zip)].startswith("not a valid zip file")
    assert reasons[str(bad_gz)].startswith("not a valid gzip file")
    assert reasons[str(empty_zip)] == "zip file holds no files"
