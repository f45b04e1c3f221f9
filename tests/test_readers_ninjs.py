"""overlap.ninjs: IPTC ninjs 1.x and 2.x documents built in the test."""

from __future__ import annotations

import json

from overlap.ingest import read_articles

BODY = (
    "Officials from both countries met on Thursday to discuss security cooperation along "
    "the border, a spokesman said."
)
SECOND = "Talks will resume next month in the capital."


def _write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_ninjs_1x_text_item(tmp_path):
    path = _write(
        tmp_path,
        "wire.json",
        {
            "uri": "https://wire.example/2024/border-talks",
            "type": "text",
            "headline": "Border talks resume",
            "byline": "Jane Roe",
            "versioncreated": "2024-05-02T09:30:00Z",
            "firstcreated": "2024-05-01T08:00:00Z",
            "located": "Geneva",
            "copyrightholder": "Example Wire",
            "body_text": f"{BODY}\n\n{SECOND}",
        },
    )
    [art], skipped = read_articles([str(path)])
    assert skipped == []
    assert art.source == str(path) and art.id == "wire" and art.format == "ninjs"
    assert art.text == f"{BODY}\n\n{SECOND}"
    assert (art.title, art.author, art.outlet, art.date, art.url) == (
        "Border talks resume",
        "Jane Roe",
        "Example Wire",
        "2024-05-02",
        "https://wire.example/2024/border-talks",
    )
    assert "dateline (ninjs located): Geneva" in art.notes


def test_ninjs_2x_bodies_and_headlines_html_body_read_in_full(tmp_path):
    path = _write(
        tmp_path,
        "dpa.json",
        {
            "uri": "urn:newsml:wire.example:20240501:123",
            "firstcreated": "2024-05-01T08:00:00+02:00",
            "headlines": [{"role": "sub", "value": "Sub"}, {"role": "main", "value": "Main head"}],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/html",
                    "value": f"<section><p>{BODY}</p><p>{SECOND}</p><p>Short.</p></section>",
                }
            ],
            "by": "Von A. Writer",
            "provider": {"name": "Wire GmbH"},
        },
    )
    [art], skipped = read_articles([str(path)])
    assert skipped == []
    assert art.text == f"{BODY}\n\n{SECOND}\n\nShort."  # a short paragraph is kept
    assert (art.title, art.author, art.outlet, art.date, art.url) == (
        "Main head",
        "Von A. Writer",
        "Wire GmbH",
        "2024-05-01",
        None,
    )


def test_list_of_items_with_bad_ones_skipped_with_reasons(tmp_path):
    path = _write(
        tmp_path,
        "feed.json",
        [
            {"uri": "urn:a", "body_text": BODY},
            {"headline": "no uri", "body_text": BODY},
            {"uri": "urn:c", "type": "picture", "headline": "A photo"},
            "not an object",
        ],
    )
    articles, skipped = read_articles([str(path)])
    assert [a.source for a in articles] == [f"{path}:item 1"]
    reasons = {s.source: s.reason for s in skipped}
    assert reasons == {
        f"{path}:item 2": 'not an IPTC ninjs item: no "uri" (the one field ninjs requires)',
        f"{path}:item 3": "ninjs item of type 'picture' has no text body "
        "(body_text, body_html or bodies)",
        f"{path}:item 4": 'not a JSON object; a ninjs item is an object with "uri"',
    }


def test_malformed_json_and_other_json_are_skipped(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"uri": "urn:x", "body_text": ', encoding="utf-8")
    other = _write(tmp_path, "package.json", {"name": "left-pad", "version": "1.0.0"})
    articles, skipped = read_articles([str(broken), str(other)])
    assert articles == []
    reasons = {s.source: s.reason for s in skipped}
    assert reasons[str(broken)].startswith("malformed JSON")
    assert reasons[str(other)].startswith('not an IPTC ninjs item: no "uri"')
