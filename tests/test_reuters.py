"""benchmarks/reuters.py (the benchmark's SGML reader) and the hand-off to overlap's JSONL input,
on a small Reuters-style file made here; plus what the Reuters task scores with
(benchmarks/reuters_eval.py, benchmarks/tasks/reuters.py)."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import reuters
from benchmarks.reuters_eval import by_pair, covered, minhash_pairs
from benchmarks.tasks.reuters import wilson
from overlap.ingest import read_articles

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="7">
<DATE> 3-MAR-1987  09:15:05.40</DATE>
<TEXT>&#2;
<TITLE>ACME &lt;ACM&gt; SAYS PROFIT UP</TITLE>
<DATELINE>    NEW YORK, March 3 - </DATELINE><BODY>Acme Corp said its first quarter
profit rose 12 pct to 4.5 mln dlrs, helped by Smith &amp; Sons sales.
    The company said it expects the rest
of the year to be strong.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="8">
<DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>BRIEF ONLY
</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="9">
<DATE>4-MAR-1987 10:00:00.00</DATE>
<TEXT>&#2;
<TITLE>ACME SAYS PROFIT UP</TITLE>
<BODY>Acme Corp said its first quarter   profit rose 12 pct to 4.5 mln dlrs, helped by
Smith &amp; Sons sales.
    The company said it expects the rest of the year to be strong.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reuters21578"
    folder.mkdir()
    (folder / "reut2-000.sgm").write_bytes(SGML.encode("latin-1"))
    return folder


def test_stories_are_split_and_cleaned(tmp_path):
    stories = reuters.read_reuters(_folder(tmp_path))
    assert [s.newid for s in stories] == [7, 8, 9]
    first, brief, _ = stories
    assert first.title == "ACME <ACM> SAYS PROFIT UP"
    assert first.date == "1987-03-03" and first.raw_date == "3-MAR-1987  09:15:05.40"
    assert "Smith & Sons" in first.body and "&#" not in first.body
    assert first.body.endswith("Reuter")  # the &#3; after the sign-off is gone
    assert brief.body is None and brief.text_type == "BRIEF"
    assert brief.date == "1987-03-27"  # the noise after the time is ignored
    assert [s.newid for s in reuters.with_body(stories)] == [7, 9]


def test_exact_groups_ignore_spacing_only(tmp_path):
    stories = reuters.read_reuters(_folder(tmp_path))
    assert reuters.exact_groups(stories) == [[7, 9]]


def test_paragraphs_start_at_indented_lines(tmp_path):
    body = reuters.read_reuters(_folder(tmp_path))[0].body
    assert reuters.paragraphs(body) == [
        "Acme Corp said its first quarter profit rose 12 pct to 4.5 mln dlrs, helped by "
        "Smith & Sons sales.",
        "The company said it expects the rest of the year to be strong.",
        "Reuter",
    ]


def test_jsonl_is_read_by_overlap_with_ids_titles_dates(tmp_path):
    stories = reuters.read_reuters(_folder(tmp_path))
    path = tmp_path / "bodies.jsonl"
    assert reuters.write_jsonl(stories, path) == 2
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["id"] == "reuters-7"
    articles, skipped = read_articles([str(path)])
    assert not skipped
    assert [(a.id, a.title, a.date) for a in articles] == [
        ("reuters-7", "ACME <ACM> SAYS PROFIT UP", "1987-03-03"),
        ("reuters-9", "ACME SAYS PROFIT UP", "1987-03-04"),
    ]
    assert articles[0].text == stories[0].body


def test_bbc_title_and_paragraphs(tmp_path):
    topic = tmp_path / "bbc" / "sport"
    topic.mkdir(parents=True)
    (topic / "001.txt").write_bytes(b"Team wins\n\nThe team won.\n\nFans cheered.\n")
    (topic / "199.txt").write_bytes(b"Prize\n\nIt cost \xa35.\n")  # one latin-1 pound sign
    arts = reuters.read_bbc(tmp_path / "bbc")
    assert [(a.id, a.title, a.paragraphs) for a in arts] == [
        ("bbc-sport-001", "Team wins", ("The team won.", "Fans cheered.")),
        ("bbc-sport-199", "Prize", ("It cost £5.",)),
    ]


def test_wilson_interval():
    lo, hi = wilson(80, 100)
    assert round(lo, 3) == 0.711 and round(hi, 3) == 0.867
    assert wilson(0, 0) == (0.0, 1.0)


def test_pairs_and_coverage():
    findings = [
        ["verbatim", "reuters-9", 0, 5, "reuters-7", 0, 5, 1.0],
        ["edited", "reuters-7", 6, 10, "reuters-9", 6, 10, 0.9],
        ["repeat", "reuters-7", 0, 3, "reuters-7", 4, 7, 1.0],
    ]
    pairs = by_pair(findings)
    assert list(pairs) == [(7, 9)]
    assert dict(pairs[(7, 9)]["kinds"]) == {"verbatim": 1, "edited": 1}
    assert covered(pairs[(7, 9)]["spans"][7], "abcde fghi xyz") == 9 / 12


def test_minhash_keeps_pairs_at_jaccard_half_or_more():
    base = "the company said first quarter profit rose twelve pct to four mln dlrs on sales"
    texts = {
        "reuters-1": base,
        "reuters-2": base + " and expects more",  # 11 of 14 shingles shared: J 0.7857
        "reuters-3": "shares of the bank fell sharply in heavy trading on the exchange today",
        "reuters-4": "too short",  # under five words: nothing to shingle
    }
    assert minhash_pairs(texts) == [["reuters-1", "reuters-2", 0.7857]]
