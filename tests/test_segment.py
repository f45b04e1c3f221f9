from __future__ import annotations

import textwrap
from itertools import pairwise

import pytest

from overlap.chrome import find_chrome
from overlap.ingest import read_articles
from overlap.segment import segment, split_sentences
from overlap.types import Chrome

PARA_1 = (
    "Officials from the United States and Mexico met on Thursday to discuss security "
    "cooperation along the border. The talks lasted most of the day and ended without a "
    "joint statement, according to people familiar with the meeting."
)
PARA_2 = (
    "Mexico's foreign secretary said his country would only bend so far. He added that "
    "trade and migration would be discussed at a later meeting in the capital."
)
PARA_3 = "A third, shorter paragraph closes the story. It has two sentences."


def check_invariants(seg) -> None:
    """What every Segmented must satisfy, whatever the text."""
    text = seg.article.text
    for i, p in enumerate(seg.paragraphs):
        assert p.index == i
        assert text[p.start : p.end] == p.text
        assert p.text and p.text == p.text.strip()
    for i, s in enumerate(seg.sentences):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        para = seg.paragraphs[s.paragraph]
        assert para.start <= s.start < s.end <= para.end
    # passages in reading order, never overlapping
    for seq in (seg.paragraphs, seg.sentences):
        for x, y in pairwise(seq):
            assert x.end <= y.start
    # every non-space character of a paragraph is in one of its sentences
    for p in seg.paragraphs:
        covered = set()
        for s in seg.sentences:
            if s.paragraph == p.index:
                covered.update(range(s.start, s.end))
        missing = [i for i in range(p.start, p.end) if i not in covered and not text[i].isspace()]
        assert not missing, text[missing[0] : missing[-1] + 1]
    # chrome is never inside any passage
    for c in seg.chrome:
        for passage in (*seg.paragraphs, *seg.sentences):
            assert passage.end <= c.start or c.end <= passage.start, (c, passage)
    for q in seg.quotes:
        assert q.start <= q.inner_start <= q.inner_end <= q.end
        assert any(p.start <= q.start and q.end <= p.end for p in seg.paragraphs)


@pytest.fixture(scope="module")
def seed_segments(seeds_dir):
    articles, _ = read_articles([str(seeds_dir)])
    chrome = find_chrome(articles)
    return [segment(a, chrome[a.id]) for a in articles]


def test_seed_invariants(seed_segments):
    assert len(seed_segments) == 5
    for seg in seed_segments:
        assert seg.paragraphs and seg.sentences
        check_invariants(seg)


def test_seed_chrome_is_left_out(seed_segments):
    by_outlet = {seg.article.outlet: seg for seg in seed_segments}
    insight = by_outlet["InSight Crime"]
    texts = [s.text for s in insight.sentences]
    assert "DONATE" not in texts
    assert not any("Related Content" in t or "Venezuela Coverage" in t for t in texts)
    assert texts[-1].startswith("However, the US strategy displays no sign of this friction")
    intel = by_outlet["intelNews"]
    assert not any("Read more of this post" in s.text for s in intel.sentences)
    assert not any("Filed under" in p.text for p in intel.paragraphs)
    # the paragraph stops where the trailing link starts
    assert any(p.text.endswith("the operations of drug networks.") for p in intel.paragraphs)
    fox = by_outlet["Fox News Latino"]
    assert not any("twitter.com" in s.text for s in fox.sentences)


def test_seed_sentence_split(seed_segments):
    by_outlet = {seg.article.outlet: seg for seg in seed_segments}
    texts = [s.text for s in by_outlet["Marfa Public Radio"].sentences]
    assert "“Mexico has limits,” said Videgaray." in texts
    assert (
        "He said Mexico won’t play ball on U.S. requests if his nation feel threatened "
        "threatened." in texts
    )
    abc = [s.text for s in by_outlet["ABC News"].sentences]
    # "L.A. Times." and "U.S." do not end a sentence early
    assert any(t.endswith("according to sources consulted by the L.A. Times.") for t in abc)


@pytest.mark.parametrize(
    "text",
    [
        f"Headline Here\n\n{PARA_1}\n\n{PARA_2}\n{PARA_3}\n",
        f"  \n\n   {PARA_1}   \n\t\n{PARA_2}",
        "One here.   Two there!\r\n\r\nThree? Four…\n",
        "“Quoted first,” she said. “Then more.”\n\nNo closing quote here: “runs on to the end",
        "x",
        "",
        "\n\n\n",
        "Mr. Smith went to Washington. Dr. Jones did not. U.S. officials said so.",
        "Ünïcödé façade — naïve café. Second sentence, with an emoji 😀 inside it.",
    ],
)
def test_synthetic_invariants(make_article, text):
    seg = segment(make_article(text))
    check_invariants(seg)
    assert bool(seg.paragraphs) == bool(text.strip())


def test_one_paragraph_per_line_for_web_text(make_article):
    text = f"Headline Here\n\n{PARA_1}\n\n{PARA_2}\n{PARA_3}\n"
    seg = segment(make_article(text))
    assert [p.text for p in seg.paragraphs] == ["Headline Here", PARA_1, PARA_2, PARA_3]
    assert [s.text for s in seg.sentences] == [
        "Headline Here",
        "Officials from the United States and Mexico met on Thursday to discuss security "
        "cooperation along the border.",
        "The talks lasted most of the day and ended without a joint statement, according to "
        "people familiar with the meeting.",
        "Mexico's foreign secretary said his country would only bend so far.",
        "He added that trade and migration would be discussed at a later meeting in the capital.",
        "A third, shorter paragraph closes the story.",
        "It has two sentences.",
    ]
    assert [s.paragraph for s in seg.sentences] == [0, 1, 1, 2, 2, 3, 3]


def test_hard_wrapped_text_gives_blank_line_paragraphs(make_article):
    wrapped = "\n\n".join(textwrap.fill(p, width=72) for p in (PARA_1, PARA_2, PARA_3)) + "\n"
    assert wrapped.count("\n") > 6  # really wrapped
    seg = segment(make_article(wrapped))
    check_invariants(seg)
    assert len(seg.paragraphs) == 3
    assert [" ".join(p.text.split()) for p in seg.paragraphs] == [PARA_1, PARA_2, PARA_3]
    # a sentence runs across the line breaks
    first = seg.sentences[0]
    assert "\n" in first.text
    assert " ".join(first.text.split()) == (
        "Officials from the United States and Mexico met on "
        "Thursday to discuss security cooperation along the "
        "border."
    )
    assert len(seg.sentences) == 6


def test_wrapped_text_with_chrome_line(make_article):
    wrapped = (
        textwrap.fill(PARA_1, width=60)
        + "\nFollow us on twitter.com/example\n\n"
        + textwrap.fill(PARA_2, width=60)
        + "\n"
    )
    art = make_article(wrapped)
    chrome = find_chrome([art])[art.id]
    assert [wrapped[c.start : c.end] for c in chrome] == ["Follow us on twitter.com/example"]
    seg = segment(art, chrome)
    check_invariants(seg)
    assert not any("twitter" in s.text for s in seg.sentences)
    assert [" ".join(p.text.split()) for p in seg.paragraphs] == [PARA_1, PARA_2]


def test_chrome_inside_a_line_splits_the_paragraph(make_article):
    text = "First part of a line. CHROME HERE Second part of it."
    start = text.index("CHROME")
    chrome = (Chrome(start, start + len("CHROME HERE"), "test"),)
    seg = segment(make_article(text), chrome)
    check_invariants(seg)
    assert [p.text for p in seg.paragraphs] == ["First part of a line.", "Second part of it."]
    assert seg.chrome == chrome


def test_all_chrome_gives_nothing(make_article):
    text = "Only chrome here.\nAnd here."
    seg = segment(make_article(text), (Chrome(0, len(text), "all"),))
    assert seg.paragraphs == () and seg.sentences == () and seg.quotes == ()


def test_quotes_are_found_per_paragraph(make_article):
    text = "Intro line without quotes.\n“We will act,” Sanchez said.\n"
    seg = segment(make_article(text))
    [q] = seg.quotes
    assert text[q.inner_start : q.inner_end] == "We will act,"
    assert q.speaker == "Sanchez"


def test_split_sentences_absolute_offsets():
    text = "PREFIX| One here. Two there.  |SUFFIX"
    start, end = text.index("|") + 1, text.rindex("|")
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["One here.", "Two there."]
    assert spans[0][0] == text.index("One")


def _joined(seg) -> list[str]:
    return [" ".join(p.text.split()) for p in seg.paragraphs]


def test_wire_copy_paragraphs_end_at_the_mark(make_article):
    # PA teletype layout: 0x19 (blanked to a space when read) opens a paragraph, `<` ends it,
    # lines are wrapped at 80 columns with CRLF line ends and no blank lines between paragraphs.
    body = [
        " " + textwrap.fill(p, width=78).replace("\n", "\r\n") + "<"
        for p in (PARA_1, PARA_2, PARA_3)
    ]
    text = (
        "  "
        + "-" * 70
        + "\r\n\r\n           12:45 27/01/00: Page 2 (HHH) COURTS Border\r\n  "
        + "-" * 70
        + "\r\n"
        + "\r\n".join(body)
        + "\r\n end<\r\n \r\n"
    )
    seg = segment(make_article(text))
    check_invariants(seg)
    worded = [p for p in _joined(seg) if any(c.isalnum() for c in p)]
    assert worded == ["12:45 27/01/00: Page 2 (HHH) COURTS Border", PARA_1, PARA_2, PARA_3, "end"]
    assert text.count("<") == 4 == len(worded) - 1
    assert not any(p.text.endswith("<") for p in seg.paragraphs)


def test_wrapped_text_without_blank_lines_splits_by_layout(make_article):
    # e-mail / archive style: an indented first line, or a short last line, ends a paragraph.
    indented = "\n".join(
        "    " + textwrap.fill(p, width=70, subsequent_indent="") for p in (PARA_1, PARA_2, PARA_3)
    )
    assert _joined(segment(make_article(indented))) == [PARA_1, PARA_2, PARA_3]
    flush = "\n".join(textwrap.fill(p, width=70) for p in (PARA_1, PARA_2, PARA_3))
    assert _joined(segment(make_article(flush))) == [PARA_1, PARA_2, PARA_3]


def test_meter_pa_file_paragraphs_match_its_marks():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "shared/data/news/meter/PA/rawtexts/courts"
    path = root / "27.01.00/pinochet/pinochet1.txt"
    if not path.is_file():
        pytest.skip(f"METER corpus not found at {root} (../shared/data/news/meter)")
    [article], skipped = read_articles([str(path)])
    assert skipped == []
    seg = segment(article)
    marked = [p for p in seg.paragraphs if article.text[p.end :].lstrip(" ").startswith("<")]
    assert len(marked) == article.text.count("<") == 13
    worded = [p for p in _joined(seg) if any(c.isalnum() for c in p)]
    assert worded[:3] == [
        "03:03 27/01/00: Page 1 (HHH) COURTS Pinochet",
        "HUMAN RIGHTS LEGAL CHALLENGE TO PINOCHET'S RETURN HOME",
        "By PA News Reporters",
    ]
    assert worded[4].startswith("Lawyers acting for Belgium")
    assert worded[4].endswith("dropped because of his ill-health.")


def test_every_meter_pa_file_has_one_paragraph_per_mark():
    from pathlib import Path

    from overlap.segment import _blocks

    root = Path(__file__).resolve().parents[2] / "shared/data/news/meter/PA/rawtexts/courts"
    if not root.is_dir():
        pytest.skip(f"METER corpus not found at {root} (../shared/data/news/meter)")
    paths = sorted(p for p in root.rglob("*.txt") if p.name != "readme.txt")
    articles, _ = read_articles([str(p) for p in paths])
    assert len(articles) > 600
    wrong = []
    for art in articles:
        # (a line of "<" alone is an empty paragraph: nothing to end)
        marks = sum(
            1
            for line in art.text.split("\n")
            if line.rstrip().endswith("<") and any(c.isalnum() for c in line)
        )
        ending = sum(1 for _, end in _blocks(art.text) if art.text[end : end + 1] == "<")
        if marks != ending:
            wrong.append(art.source)
    assert wrong == []
