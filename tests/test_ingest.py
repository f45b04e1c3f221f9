"""overlap.ingest (paths, metadata, ids) and overlap.formats (decoding, per-format readers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overlap import formats
from overlap.formats import Unreadable, decode, guess_title, read_jsonl
from overlap.ingest import SUPPORTED, expand_paths, read_articles

BODY = (
    "Officials from both countries met on Thursday to discuss security cooperation along "
    "the border, a spokesman said.\n"
)


def _read(*paths: Path | str, **kwargs):
    return read_articles([str(p) for p in paths], **kwargs)


def _reason(skipped, source) -> str:
    matches = [s.reason for s in skipped if s.source == str(source)]
    assert len(matches) == 1, f"expected one Skipped for {source}, got {skipped}"
    return matches[0]


# --- files, directories, globs ---------------------------------------------------------------


def test_single_file(tmp_path, write):
    path = write(tmp_path, "story.txt", "Border Talks Resume\n\n" + BODY)
    articles, skipped = _read(path)
    assert skipped == []
    [art] = articles
    assert art.id == "story"
    assert art.source == str(path)
    assert art.format == "txt"
    assert art.encoding == "utf-8"
    assert art.text == "Border Talks Resume\n\n" + BODY  # nothing removed
    assert art.title == "Border Talks Resume"  # guessed from a headline-like first line
    assert art.outlet is None and art.date is None
    assert art.notes == ()


def test_several_files_keep_their_order(tmp_path, write):
    b = write(tmp_path, "b.txt", BODY)
    a = write(tmp_path, "a.md", BODY)
    articles, skipped = _read(b, a)
    assert skipped == []
    assert [x.id for x in articles] == ["b", "a"]
    assert [x.format for x in articles] == ["txt", "md"]


def test_same_file_twice_is_read_once(tmp_path, write):
    path = write(tmp_path, "a.txt", BODY)
    articles, _ = _read(path, tmp_path / "." / "a.txt")
    assert len(articles) == 1


def test_utf8_bom_is_dropped(tmp_path, write):
    path = write(tmp_path, "bom.txt", "\ufeff".encode() + BODY.encode())
    [art], _ = _read(path)
    assert art.text == BODY


def test_directory_with_shared_sidecar(tmp_path, write):
    write(tmp_path, "news/one.txt", "First headline\n\n" + BODY)
    write(tmp_path, "news/two.txt", BODY)
    write(tmp_path, "news/.hidden.txt", BODY)
    write(
        tmp_path,
        "news/metadata.json",
        json.dumps(
            {
                "one.txt": {
                    "outlet": "ABC News",
                    "title": "Sidecar Title",
                    "date": "May 2, 2013",
                    "author": "Ann Writer",
                    "url": "https://example.com/one",
                    "note": "ignored",
                },
                "two.txt": {"outlet": "Fox News Latino", "date": None},
            }
        ),
    )
    articles, skipped = _read(tmp_path / "news")
    assert skipped == []  # the sidecar is metadata, not an article; hidden files are ignored
    assert [a.id for a in articles] == ["one", "two"]
    one, two = articles
    assert (one.outlet, one.title, one.date, one.author, one.url) == (
        "ABC News",
        "Sidecar Title",
        "2013-05-02",
        "Ann Writer",
        "https://example.com/one",
    )
    assert (two.outlet, two.date) == ("Fox News Latino", None)
    assert one.label == "ABC News"


def test_directory_recurses_only_when_asked_and_sorts(tmp_path, write):
    write(tmp_path, "d/z.txt", BODY)
    write(tmp_path, "d/y.txt", BODY)
    write(tmp_path, "d/sub/a.txt", BODY)
    write(tmp_path, "d/m.html.meta.json", "{}")
    paths, skipped = expand_paths([str(tmp_path / "d")], recursive=True)
    assert skipped == []
    assert [p.relative_to(tmp_path / "d").as_posix() for p in paths] == [
        "sub/a.txt",
        "y.txt",
        "z.txt",
    ]
    paths, _ = expand_paths([str(tmp_path / "d")])
    assert [p.name for p in paths] == ["y.txt", "z.txt"]


def test_own_sidecar_wins_over_folder_sidecar(tmp_path, write):
    write(tmp_path, "d/a.txt", BODY)
    write(tmp_path, "d/b.txt", BODY)
    write(tmp_path, "d/a.txt.meta.json", json.dumps({"outlet": "Own Outlet"}))
    write(
        tmp_path,
        "d/metadata.json",
        json.dumps({"a.txt": {"outlet": "Folder Outlet"}, "b.txt": {"outlet": "Folder Outlet"}}),
    )
    articles, skipped = _read(tmp_path / "d")
    assert skipped == []
    assert {a.id: a.outlet for a in articles} == {"a": "Own Outlet", "b": "Folder Outlet"}


def test_broken_sidecar_costs_metadata_not_the_article(tmp_path, write):
    path = write(tmp_path, "a.txt", BODY)
    write(tmp_path, "a.txt.meta.json", "{not json")
    [art], skipped = _read(path)
    assert skipped == []
    assert art.outlet is None
    assert len(art.notes) == 1 and "metadata sidecar" in art.notes[0]
    assert "ignored" in art.notes[0]


def test_overrides_win_over_sidecar_and_front_matter(tmp_path, write):
    path = write(tmp_path, "a.md", "---\noutlet: Front Outlet\ntitle: Front Title\n---\n" + BODY)
    write(
        tmp_path, "a.md.meta.json", json.dumps({"outlet": "Sidecar Outlet", "date": "2013-01-01"})
    )
    [art], _ = _read(path, overrides={"outlet": "CLI Outlet", "date": "2013-05-02"})
    assert art.outlet == "CLI Outlet"
    assert art.date == "2013-05-02"
    assert art.title == "Front Title"  # not overridden, so the file's own value stays

    [art], _ = _read(path)
    assert art.outlet == "Sidecar Outlet"  # sidecar over front matter
    assert art.date == "2013-01-01"


def test_empty_override_does_not_erase(tmp_path, write):
    path = write(tmp_path, "a.txt", BODY)
    write(tmp_path, "a.txt.meta.json", json.dumps({"outlet": "Sidecar Outlet"}))
    [art], _ = _read(path, overrides={"outlet": "", "title": None})
    assert art.outlet == "Sidecar Outlet"


def test_unclear_date_becomes_a_note(tmp_path, write):
    path = write(tmp_path, "a.txt", BODY)
    [art], _ = _read(path, overrides={"date": "last Tuesday"})
    assert art.date is None
    assert any("'last Tuesday' not understood" in n for n in art.notes)


def test_quoted_glob(tmp_path, write):
    write(tmp_path, "g/a.txt", BODY)
    write(tmp_path, "g/b.txt", BODY)
    write(tmp_path, "g/c.md", BODY)
    articles, skipped = _read(str(tmp_path / "g" / "*.txt"))
    assert skipped == []
    assert [a.id for a in articles] == ["a", "b"]
    articles, _ = _read(str(tmp_path / "**" / "*.md"))
    assert [a.id for a in articles] == ["c"]


def test_glob_leaves_sidecars_out(tmp_path, write):
    write(tmp_path, "g/a.txt", BODY)
    write(tmp_path, "g/b.txt", BODY)
    write(tmp_path, "g/b.txt.meta.json", json.dumps({"outlet": "Own"}))
    write(tmp_path, "g/metadata.json", json.dumps({"a.txt": {"outlet": "Shared"}}))
    articles, skipped = _read(str(tmp_path / "g" / "*"))
    assert skipped == []  # the sidecars are metadata, not unsupported inputs
    assert {a.id: a.outlet for a in articles} == {"a": "Shared", "b": "Own"}


def test_glob_with_no_match(tmp_path):
    pattern = str(tmp_path / "*.nothing")
    articles, skipped = _read(pattern)
    assert articles == []
    assert "pattern matched no files" in _reason(skipped, pattern)


def test_missing_path(tmp_path, write):
    ok = write(tmp_path, "ok.txt", BODY)
    missing = tmp_path / "nope.txt"
    articles, skipped = _read(missing, ok)
    assert [a.id for a in articles] == ["ok"]  # one bad input does not stop the rest
    assert "no such file or directory" in _reason(skipped, missing)


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    articles, skipped = _read(tmp_path / "empty")
    assert articles == []
    assert "directory has no files" in _reason(skipped, tmp_path / "empty")


# --- bytes that are not usable text ----------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_files_are_skipped(tmp_path, write, content):
    path = write(tmp_path, "blank.txt", content)
    articles, skipped = _read(path)
    assert articles == []
    assert "empty file" in _reason(skipped, path)


def test_binary_file_is_skipped(tmp_path, write):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    articles, skipped = _read(path)
    assert articles == []
    assert "binary file" in _reason(skipped, path)
    # naming an encoding does not let a binary file through
    articles, skipped = _read(path, encoding="latin-1")
    assert articles == []
    assert "binary file" in _reason(skipped, path)


def test_control_characters_mark_binary():
    with pytest.raises(Unreadable, match="control characters"):
        decode(bytes(range(1, 9)) * 4 + b" some text", None)


def test_control_characters_become_spaces_with_a_note(tmp_path, write):
    # PA wire copy starts each paragraph with a 0x19 byte: text, not binary.
    raw = b"\x19The judge said he would rule on Monday.<\r\n\x19He was remanded.<\r\n"
    path = write(tmp_path, "wire.txt", raw)
    [art], skipped = _read(path)
    assert skipped == []
    assert art.text == raw.decode("ascii").replace("\x19", " ")  # one for one: offsets hold
    assert art.notes == ("2 control characters (U+0019) replaced by spaces",)


def test_control_characters_from_json_escapes_are_blanked(tmp_path, write):
    path = write(tmp_path, "a.jsonl", json.dumps({"text": "Bell\u0007 rang\u001b[2J."}) + "\n")
    [art], _ = _read(path)
    assert art.text == "Bell  rang [2J."
    assert "2 control characters (U+0007, U+001B) replaced by spaces" in art.notes


def test_jsonl_splits_on_newline_only(tmp_path, write):
    # U+2028, U+2029 and U+0085 are valid inside JSON strings; splitlines() would cut there.
    rows = [{"text": "One\u2028line."}, {"text": "Two\u2029lines."}, {"text": "Three\x85."}]
    path = write(
        tmp_path,
        "a.jsonl",
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\nnot json\n",
    )
    articles, skipped = _read(path)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert articles[0].text == "One\u2028line."
    assert articles[2].text == "Three ."  # NEL is a C1 control: blanked, with a note
    assert [s.source for s in skipped] == [f"{path}:5"]


@pytest.mark.parametrize(
    "text",
    ["Peña Nieto met the £5 café owner in Zürich.", "Ça coûte 3 € — «très» cher, señor."],
)
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_western_european_text_is_not_read_as_cp1250(tmp_path, write, text, codec):
    try:
        raw = (text + " The talks went on all day, officials said.\n").encode(codec)
    except UnicodeEncodeError:
        pytest.skip(f"{codec} has no € sign")
    [art], _ = _read(write(tmp_path, "a.txt", raw))
    assert art.text.startswith(text)
    assert art.encoding in ("latin-1", "cp1252")


def test_central_european_text_is_still_detected():
    text = "Zażółć gęślą jaźń, powiedział minister w środę. Łódź i Kraków są daleko stąd."
    decoded, used, _ = decode(text.encode("cp1250"), None)
    assert decoded == text, used


@pytest.mark.parametrize(
    "bom, codec",
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_byte_order_marks_are_honoured(tmp_path, write, bom, codec):
    text = "Peña Nieto said “no”.\n"
    raw = bom + text.encode(codec)
    [art], skipped = _read(write(tmp_path, "a.txt", raw))
    assert skipped == []
    assert (art.text, art.encoding) == (text, codec)
    # a BOM wins over --encoding, with a note
    [art], _ = _read(write(tmp_path, "b.txt", raw), encoding="cp1252", encoding_force=True)
    assert art.text == text


def test_encoding_applies_to_non_utf8_files_unless_forced(tmp_path, write):
    utf8 = write(tmp_path, "u.txt", "Peña said.\n".encode())
    legacy = write(tmp_path, "l.txt", "Peña said.\n".encode("cp1252"))
    (u, l_), _ = _read(utf8, legacy, encoding="cp1252")
    assert (u.text, u.encoding) == ("Peña said.\n", "utf-8")
    assert "--encoding-force" in u.notes[0]
    assert (l_.text, l_.encoding, l_.notes) == ("Peña said.\n", "cp1252", ())
    (u, _l), _ = _read(utf8, legacy, encoding="cp1252", encoding_force=True)
    assert (u.text, u.encoding) == ("PeÃ±a said.\n", "cp1252")


def test_non_utf8_is_detected_with_a_note(tmp_path, write):
    raw = (
        b"The caf\xe9 on Main Street served its last espresso on Friday, after forty "
        b"years in business, the owner said in a statement to reporters.\n"
    )
    path = write(tmp_path, "legacy.txt", raw)
    [art], skipped = _read(path)
    assert skipped == []
    assert art.text.startswith("The café on Main Street")
    assert art.encoding != "utf-8"
    assert len(art.notes) == 1
    assert art.notes[0].startswith("not UTF-8; decoded as ")
    assert "--encoding" in art.notes[0]


def test_explicit_encoding(tmp_path, write):
    raw = "Peña Nieto met Calderón’s advisers — twice.\n".encode("cp1252")
    path = write(tmp_path, "cp.txt", raw)
    [art], skipped = _read(path, encoding="cp1252")
    assert skipped == []
    assert art.text == "Peña Nieto met Calderón’s advisers — twice.\n"
    assert art.encoding == "cp1252"
    assert art.notes == ()  # asked for, so nothing to note


def test_explicit_encoding_that_does_not_fit(tmp_path, write):
    path = write(tmp_path, "a.txt", "Peña Nieto\n".encode("utf-16-le"))
    # utf-16 text has NUL bytes, so it is binary unless its encoding is named...
    assert "binary" in _reason(_read(path)[1], path)
    [art], _ = _read(path, encoding="utf-16-le")
    assert art.text == "Peña Nieto\n"
    # ...and a wrong name is reported, not guessed around.
    path = write(tmp_path, "b.txt", b"caf\xe9 au lait\n")
    assert "not valid ascii" in _reason(_read(path, encoding="ascii")[1], path)


def test_unknown_encoding_name(tmp_path, write):
    path = write(tmp_path, "a.txt", BODY)
    articles, skipped = _read(path, encoding="klingon-8")
    assert articles == []
    reason = _reason(skipped, path)
    assert "unknown encoding 'klingon-8'" in reason
    assert "utf-8" in reason


# --- JSONL -------------------------------------------------------------------------------------


def test_jsonl_rows_and_bad_lines(tmp_path, write):
    lines = [
        json.dumps(
            {
                "text": "First article text about the border.",
                "source": "Wire One",
                "date": "2013-05-02",
                "title": "One",
            }
        ),
        "{this is not json",
        json.dumps({"title": "No body here"}),
        "",
        json.dumps(
            {"body": "Second article, stored under body.", "outlet": "Paper", "author": "A. Writer"}
        ),
        json.dumps(["a", "list"]),
        json.dumps({"id": "custom-id", "content": "Third article, with its own id."}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, skipped = _read(path)
    assert [a.id for a in articles] == ["feed:1", "feed:5", "custom-id"]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:5", f"{path}:7"]
    first, second, third = articles
    assert first.text == "First article text about the border."
    assert (first.outlet, first.date, first.title) == ("Wire One", "2013-05-02", "One")
    assert (second.outlet, second.author) == ("Paper", "A. Writer")
    assert third.text == "Third article, with its own id."
    assert all(a.format == "jsonl" for a in articles)

    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "malformed JSON" in skipped[0].reason
    assert 'no "text" field' in skipped[1].reason
    assert "not a JSON object" in skipped[2].reason


def test_jsonl_empty_text_is_skipped(tmp_path, write):
    path = write(tmp_path, "feed.ndjson", json.dumps({"text": "   "}) + "\n")
    articles, skipped = _read(path)
    assert articles == []
    assert "no text" in _reason(skipped, f"{path}:1")


def test_read_jsonl_directly():
    rows, bad = read_jsonl('{"text": "x", "source": "S"}\n\n{"text": 5}\n', "f.jsonl")
    assert rows == [(1, "x", {"source": "S", "outlet": "S"})]
    assert [b.source for b in bad] == ["f.jsonl:3"]  # a non-string text is no text


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_front_matter(tmp_path, write):
    md = (
        "---\nTitle: Talks Resume\nsource: ABC News\ndate: 2013-05-02\nauthor: Ann Writer\n"
        "tags: [border, security]\n---\n" + BODY
    )
    path = write(tmp_path, "post.md", md)
    [art], skipped = _read(path)
    assert skipped == []
    assert art.text.strip() == BODY.strip()  # the front matter is not article text
    assert "---" not in art.text
    assert (art.title, art.outlet, art.date, art.author) == (
        "Talks Resume",
        "ABC News",
        "2013-05-02",
        "Ann Writer",
    )


def test_markdown_without_front_matter_is_kept_whole(tmp_path, write):
    md = "# Heading\n\nSome text --- with a dash rule.\n"
    path = write(tmp_path, "plain.markdown", md)
    [art], _ = _read(path)
    assert art.text == md
    assert art.format == "md"


def test_markdown_broken_front_matter(tmp_path, write):
    path = write(tmp_path, "broken.md", "---\ntitle: [unclosed\n---\n" + BODY)
    articles, skipped = _read(path)
    assert articles == []
    assert "front matter is not valid YAML" in _reason(skipped, path)


# --- HTML --------------------------------------------------------------------------------------

HTML = """<!doctype html>
<html><head>
<title>Border Talks Resume | Example News</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2013-05-02">
<meta property="og:site_name" content="Example News">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Border Talks Resume</h1>
<p>The two governments resumed talks on Thursday about security cooperation along the border,
officials said in a statement released late in the evening.</p>
<p>Engineers warned that a page containing &lt;script&gt;alert(1)&lt;/script&gt; in its text is
still text, not code, and must be kept as the reporter wrote it.</p>
<script>var tracking = "should never appear";</script>
</article>
</body></html>
"""


def test_html_via_trafilatura(tmp_path, write):
    path = write(tmp_path, "page.html", HTML)
    [art], skipped = _read(path)
    assert skipped == []
    assert art.format == "html"
    assert "resumed talks on Thursday about security cooperation" in art.text
    assert "<script>alert(1)</script>" in art.text  # escaped markup in the text is text
    assert "should never appear" not in art.text  # a real script element is not
    assert "\n\n" in art.text  # paragraphs kept apart by a blank line
    # a hard-wrapped <p> becomes one paragraph
    assert "along the border, officials said" in art.text.replace("\n", " ")
    assert art.title == "Border Talks Resume"
    assert art.author == "Jane Roe"
    assert art.date == "2013-05-02"
    assert art.outlet == "Example News"


def test_html_without_text(tmp_path, write):
    path = write(tmp_path, "empty.htm", "<html><body><script>var x = 1;</script></body></html>")
    articles, skipped = _read(path)
    assert articles == []
    assert "no article text found" in _reason(skipped, path)


def test_paragraphs_apart():
    assert formats._paragraphs_apart(" one \n\n\n two\nthree \n") == "one\n\ntwo\n\nthree"


# --- unsupported, ids, titles ------------------------------------------------------------------


def test_unsupported_extension(tmp_path, write):
    path = write(tmp_path, "notes.docx", b"PK\x03\x04 not really a docx")
    articles, skipped = _read(path)
    assert articles == []
    reason = _reason(skipped, path)
    assert reason.startswith("unsupported file type .docx")
    for ext in (".txt", ".md", ".html", ".jsonl"):
        assert ext in reason


def test_unsupported_file_in_directory_is_reported(tmp_path, write):
    write(tmp_path, "d/a.txt", BODY)
    write(tmp_path, "d/README", BODY)
    articles, skipped = _read(tmp_path / "d")
    assert [a.id for a in articles] == ["a"]
    assert "unsupported file type (none)" in _reason(skipped, tmp_path / "d" / "README")


def test_supported_suffixes_are_case_insensitive(tmp_path, write):
    path = write(tmp_path, "LOUD.TXT", BODY)
    [art], skipped = _read(path)
    assert skipped == [] and art.format == "txt"
    assert set(SUPPORTED.values()) == {
        "txt",
        "md",
        "html",
        "jsonl",
        "ninjs",
        "newsml",
        "csv",
        "tsv",
        "warc",
        "gz",
        "zip",
    }


def test_duplicate_stems_get_unique_ids(tmp_path, write):
    paths = [write(tmp_path, f"{d}/story.txt", BODY) for d in ("x", "y", "z")]
    md = write(tmp_path, "w/story.md", BODY)
    articles, skipped = _read(*paths, md)
    assert skipped == []
    ids = [a.id for a in articles]
    assert ids == ["story", "story~2", "story~3", "story~4"]
    assert len(set(ids)) == len(ids)
    assert [a.source for a in articles] == [str(p) for p in (*paths, md)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n  Talks Resume  \n\nBody.", "Talks Resume"),
        ("This first line is a sentence.\nMore.", None),
        (" ".join(["word"] * 21) + "\nBody", None),
        ("", None),
        # METER's PA copy (courts, 04.10.99, pensioners): rules and the wire slug first
        (
            "  " + "-" * 72 + "\n\n  " + "-" * 72 + "\n\n"
            "               15:05 04/10/99: Page 1 (HHH) COURTS Pensioners\n  " + "-" * 72 + "\n"
            "TWO COWBOY BUILDERS WHO CONNED PENSIONERS JAILED<\n"
            "\x19By Matthew Cooper, PA News<\n",
            "TWO COWBOY BUILDERS WHO CONNED PENSIONERS JAILED",
        ),
        # a PA take that opens with hard-wrapped prose (courts, 08.12.99, body)
        (
            "Smith had been convicted of raping one woman and falsely imprisoning another in\n"
            "1993 when he was jailed.<\n",
            None,
        ),
        (
            "Sarah Crump's mother, Mrs Pat Rhodes, said in a statement: ``We are very\n"
            "relieved that justice has been done.''\n",
            None,
        ),
    ],
)
def test_guess_title(text, title):
    assert guess_title(text) == title


def test_seeds_read_with_their_sidecar(seeds_dir):
    articles, skipped = read_articles([str(seeds_dir)])
    assert skipped == []
    assert len(articles) == 5
    by_outlet = {a.outlet: a for a in articles}
    assert set(by_outlet) == {
        "Fox News Latino",
        "InSight Crime",
        "intelNews",
        "Marfa Public Radio",
        "ABC News",
    }
    assert by_outlet["InSight Crime"].date == "2013-07-03"
    assert by_outlet["InSight Crime"].author == "James Bargent"
    assert by_outlet["Fox News Latino"].date is None
    assert all(a.notes == () and a.encoding == "utf-8" for a in articles)


# --- real files: METER (../shared/data/news/meter, not in the repository) ---------------------

METER = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "meter"


def _meter(part: str) -> list[Path]:
    root = METER / part / "rawtexts" / "courts"
    if not root.is_dir():
        pytest.skip(f"METER corpus not found at {root} (../shared/data/news/meter)")
    return sorted(p for p in root.rglob("*.txt") if p.name != "readme.txt")


def test_meter_latin1_newspaper_files_decode_right():
    """Every courts newspaper file that is not UTF-8 is Latin-1 (£ = 0xA3, é = 0xE9; two carry
    cp1252 quotes): no misdetection at all."""
    legacy = [(p, p.read_bytes()) for p in _meter("newspapers")]
    legacy = [(p, d) for p, d in legacy if not formats._is_utf8(d)]
    assert len(legacy) > 250
    wrong = []
    for path, data in legacy:
        text, used, notes = decode(data)
        expected = data.decode("cp1252" if any(0x80 <= b < 0xA0 for b in data) else "latin-1")
        if text != formats.blank_controls(expected)[0]:
            wrong.append((path.name, used))
        assert notes and "detected" in notes[0]
    assert wrong == []


def test_meter_pa_wire_files_are_read_not_skipped():
    paths = _meter("PA")
    articles, skipped = read_articles([str(p) for p in paths])
    assert skipped == [] or all("no text" in s.reason for s in skipped)
    assert len(articles) >= len(paths) - len(skipped) > 600
    with_controls = [a for a in articles if any("U+0019" in n for n in a.notes)]
    assert len(with_controls) > 600
    assert all("\x19" not in a.text for a in articles)


def test_html_nested_too_deep_for_libxml2_is_read_flat(tmp_path, write):
    para = (
        "The minister said on Tuesday that the border talks would resume next week, "
        "officials confirmed."
    )
    page = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        + "<div>" * 300
        + f"<p>{para}</p><p>A <b>second</b> paragraph.</p>"
        + "</div>" * 300
        + "<script>var x = 1;</script></body></html>"
    )
    [art], skipped = _read(write(tmp_path, "deep.html", page))
    assert skipped == []
    assert art.text == f"{para}\n\nA second paragraph."  # head, style and script left out
    assert any("read the page's text flat" in n for n in art.notes)
