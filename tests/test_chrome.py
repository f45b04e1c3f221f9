from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from overlap.chrome import find_chrome, outside
from overlap.ingest import read_articles
from overlap.textnorm import word_count
from overlap.types import Article, Chrome


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    articles, skipped = read_articles([str(seeds_dir)])
    assert skipped == []
    chrome = find_chrome(articles)
    return {a.outlet: (a, chrome[a.id]) for a in articles}


def _chrome_texts(article, spans):
    return [article.text[c.start : c.end] for c in spans]


def _covered(spans, start, end) -> bool:
    """Is [start, end) entirely inside one chrome span?"""
    return any(c.start <= start and end <= c.end for c in spans)


def _overlaps(spans, start, end) -> bool:
    return any(c.start < end and start < c.end for c in spans)


def _find(article, needle) -> tuple[int, int]:
    i = article.text.find(needle)
    assert i != -1, f"{needle!r} not in {article.id}"
    return i, i + len(needle)


def test_spans_are_trimmed_and_in_order(seeds):
    for article, spans in seeds.values():
        for c in spans:
            piece = article.text[c.start : c.end]
            assert piece == piece.strip() and piece, (article.id, c)
            assert c.reason
        starts = [c.start for c in spans]
        assert starts == sorted(starts)


def test_insight_crime_donation_appeal_and_related_tail(seeds):
    article, spans = seeds["InSight Crime"]
    texts = _chrome_texts(article, spans)
    reasons = {c.reason for c in spans}
    assert texts.count("DONATE") == 2
    assert texts.count("Was this content helpful?") == 2
    appeal = (
        "We want to sustain Latin America’s largest organized crime database, but in order "
        "to do so, we need resources."
    )
    assert texts.count(appeal) == 2
    assert any(t.startswith("We encourage readers to copy and distribute our work") for t in texts)
    assert "share icon icon icon" in texts
    assert {"donation appeal", "appeal or licence notice", "related-content list"} <= reasons
    # Everything from "Related Content" to the end is one span.
    tail = [c for c in spans if c.reason == "related-content list"]
    assert len(tail) == 1
    assert article.text[tail[0].start :].startswith("Related Content")
    assert tail[0].end == len(article.text.rstrip())
    assert _covered(spans, *_find(article, "Venezuela Coverage Receives Great Reception"))
    assert _covered(spans, *_find(article, "Open Position: Social Media and Engagement"))


def test_insight_crime_header(seeds):
    article, spans = seeds["InSight Crime"]
    assert _covered(spans, *_find(article, "MEXICO / 3 JUL 2013 BY JAMES BARGENT EN"))
    start, _ = _find(article, "BRIEF\n")
    assert _covered(spans, start, start + len("BRIEF"))


def test_fox_follow_lines(seeds):
    article, spans = seeds["Fox News Latino"]
    texts = _chrome_texts(article, spans)
    assert "Follow us on twitter.com/foxnewslatino" in texts
    assert "Like us at facebook.com/foxnewslatino" in texts
    assert {c.reason for c in spans} == {"social link"}


def test_intelnews_read_more_and_tags(seeds):
    article, spans = seeds["intelNews"]
    texts = _chrome_texts(article, spans)
    # the link at the end of a body paragraph, not the paragraph
    assert texts.count("Read more of this post") == 2
    tags = [c for c in spans if c.reason == "tag list"]
    assert len(tags) == 1
    tag_text = article.text[tags[0].start : tags[0].end]
    assert tag_text.startswith("Filed under Expert news")
    assert "Tagged with CISEN (Mexico)" in tag_text
    assert tag_text.endswith("war on drugs")
    assert _covered(spans, *_find(article, "by Joseph Fitsanakis"))
    # the body before the link stays article text
    body_end = _find(article, "the operations of drug networks.")
    assert not _overlaps(spans, *body_end)


@pytest.mark.parametrize(
    ("outlet", "sentence"),
    [
        ("InSight Crime", "The White House strategy report contains few surprises"),
        ("InSight Crime", "One striking aspect is the continued commitment to close cooperation"),
        ("InSight Crime", "However, the US strategy displays no sign of this friction"),
        ("Fox News Latino", "A newly released White House report on the U.S. border with Mexico"),
        ("Fox News Latino", "told ABC News."),
        ("intelNews", "Some senior American officials believe that the anti-drug intelligence"),
        ("Marfa Public Radio", "“Mexico has limits,” said Videgaray."),
        ("ABC News", "President Barack Obama arrives in Mexico on Thursday afternoon"),
        ("ABC News", "James R. Jones, a former U.S. ambassador in Mexico, says"),
    ],
)
def test_body_sentences_are_not_chrome(seeds, outlet, sentence):
    article, spans = seeds[outlet]
    assert not _overlaps(spans, *_find(article, sentence))


def test_headline_lines_are_not_chrome(seeds):
    for article, spans in seeds.values():
        lines = article.text.split("\n")
        starts = [sum(len(x) + 1 for x in lines[:i]) for i in range(len(lines))]
        headline = [
            (s, s + len(x))
            for s, x in zip(starts, lines, strict=True)
            if x.strip() == article.title
        ]
        assert headline, article.id  # the sidecar title is a line of the text
        assert not _overlaps(spans, *headline[0]), article.id


def _art(make_article, i, body):
    return make_article(body, id=f"a{i}")


def test_recurring_short_line_becomes_chrome(make_article):
    footer = "Reporting by the Border Desk team"
    bodies = [
        f"Story {i} headline\n\nThe council voted {i} times on the budget today.\n\n{footer}\n"
        for i in range(3)
    ]
    articles = [_art(make_article, i, b) for i, b in enumerate(bodies)]
    chrome = find_chrome(articles)
    for art in articles:
        spans = chrome[art.id]
        assert [art.text[c.start : c.end] for c in spans] == [footer]
        assert spans[0].reason == "line recurring across articles"

    # Two articles are not enough with the default of three...
    two = find_chrome(articles[:2])
    assert all(spans == () for spans in two.values())
    # ...unless asked for.
    assert all(len(spans) == 1 for spans in find_chrome(articles[:2], min_articles=2).values())


def test_recurring_line_is_matched_after_folding(make_article):
    variants = [
        "Reporting by the Border Desk team",
        "REPORTING BY THE BORDER DESK TEAM.",
        "  reporting by the border desk team  ",
    ]
    articles = [
        _art(make_article, i, f"Body number {i} is about the budget.\n{v}")
        for i, v in enumerate(variants)
    ]
    chrome = find_chrome(articles)
    for art, variant in zip(articles, variants, strict=True):
        assert [art.text[c.start : c.end] for c in chrome[art.id]] == [variant.strip()]


def test_long_shared_paragraph_is_not_chrome(make_article):
    shared = (
        "The White House strategy report contains few surprises and is clearly based on the "
        "administration's drift away from policies focused almost entirely on security."
    )
    assert len(shared.split()) > 15
    articles = [
        _art(make_article, i, f"Story {i}\n\nOwn text for story {i} here.\n\n{shared}\n")
        for i in range(3)
    ]
    chrome = find_chrome(articles)
    assert all(spans == () for spans in chrome.values())
    # Body prose is never chrome, however often it recurs: papers share wire sentences.
    longer = find_chrome(articles, max_words=40)
    assert all(spans == () for spans in longer.values())
    # A long recurring line that is not prose (no sentence end) is, with the word limit raised.
    footer = shared.rstrip(".")
    articles = [
        _art(make_article, i, f"Story {i}\n\nOwn text for story {i} here.\n\n{footer}\n")
        for i in range(3)
    ]
    assert all(spans == () for spans in find_chrome(articles).values())
    assert all(len(spans) == 1 for spans in find_chrome(articles, max_words=40).values())


def test_related_tail_needs_to_be_late(make_article):
    # A "Related content" heading in the first third is a section, not the page's tail.
    text = (
        "Related Content\nThe council voted on the budget today after a long debate.\n"
        "Members argued for hours.\nThe vote passed narrowly.\nA second vote follows.\n"
        "Officials welcomed the result.\n"
    )
    assert find_chrome([make_article(text)])["a"] == ()
    late = text + "Related Content\nAnother story\nYet another story\n"
    [tail] = find_chrome([make_article(late)])["a"]
    assert tail.reason == "related-content list"
    assert late[tail.start : tail.end] == "Related Content\nAnother story\nYet another story"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", "share line"),
        ("Subscribe to our newsletter", "subscription prompt"),
        ("Continue reading", "read-more link"),
        ("12 Comments", "comment count"),
        ("Advertisement", "advertisement"),
        ("By Jane Roe", "byline or dateline"),
        ("May 2, 2013, 1:21 PM", "byline or dateline"),
        # METER's PA copy: the transmission slug above every story
        ("15:05 04/10/99: Page 1 (HHH) COURTS Pensioners", "byline or dateline"),
        ("WORLD NEWS", "section label"),
        ("© 2013 Example Media. All rights reserved.", "appeal or licence notice"),
        ("Tags: border, security", "tag list"),
    ],
)
def test_line_patterns(make_article, line, reason):
    text = f"A plain opening sentence about the border talks.\n{line}\nA closing sentence here."
    [c] = find_chrome([make_article(text)])["a"]
    assert text[c.start : c.end] == line
    assert c.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the two governments had agreed on a plan.",
        "Officials said they would share more intelligence.",
        "Mexico",
        "The report was released on May 2, 2013 by the White House.",
    ],
)
def test_ordinary_lines_are_not_chrome(make_article, line):
    text = f"A plain opening sentence about the border talks.\n{line}\nA closing sentence here."
    assert find_chrome([make_article(text)])["a"] == ()


def test_outside():
    chrome = [Chrome(20, 30, "x"), Chrome(5, 10, "y"), Chrome(8, 12, "z")]
    assert outside(chrome, 0, 40) == [(0, 5), (12, 20), (30, 40)]
    assert outside(chrome, 6, 9) == []
    assert outside(chrome, 25, 50) == [(30, 50)]
    assert outside(chrome, 40, 50) == [(40, 50)]
    assert outside([], 3, 7) == [(3, 7)]
    assert outside([Chrome(0, 100, "all")], 10, 20) == []


@pytest.mark.parametrize(
    "line",
    [
        "The Hollywood icon, who made 60 films, died at home on Sunday.",
        "Fans were urged to sign up for the charity run next month.",
        "She said she would donate her prize money to the hospital.",
        "Subscribers to the council newsletter were told of the vote last week.",
    ],
)
def test_summary_sentences_with_furniture_words_are_kept(make_article, line):
    # The old keyword rules removed any short line that mentioned "icon", "sign up" or "donate".
    body = (
        "The council met on Tuesday evening and voted to close the library on the high "
        "street, a decision that angered many of the residents who had come to watch."
    )
    for text in (f"Headline\n\n{line}\n\n{body}\n", f"Headline\n\n{body}\n\n{line}\n\n{body}\n"):
        assert find_chrome([make_article(text)])["a"] == ()


# --- real articles (../shared/data/news, not in the repository) --------------------------------

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


def _news(*parts: str) -> Path:
    path = NEWS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"news corpus not found at {path} (../shared/data/news)")
    return path


def _reuters(limit: int) -> list[Article]:
    raw = _news("reuters21578", "reut2-000.sgm").read_bytes().decode("latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)]
    return [Article(f"r{i}", f"r{i}", b, "txt") for i, b in enumerate(bodies[:limit])]


def _files(paths: list[Path]) -> list[Article]:
    articles, _ = read_articles([str(p) for p in paths])
    return articles


def _real_sets() -> list[list[Article]]:
    """Input sets as a user would compare them: Reuters bodies, BBC articles of one topic, and
    METER story folders (the PA copies with the papers' versions of the same story)."""
    sets = [_reuters(300)]
    for topic in ("business", "politics", "sport", "tech"):
        sets.append(_files(sorted(_news("bbc", topic).glob("*.txt"))[:60]))
    meter = _news("meter")
    stories = sorted(
        {
            p.parent.relative_to(meter / "newspapers" / "rawtexts" / "courts")
            for p in (meter / "newspapers" / "rawtexts" / "courts").rglob("*.txt")
            if p.name != "readme.txt"
        }
    )
    for story in stories[::6]:
        paths = [
            p
            for part in ("PA", "newspapers")
            for p in sorted((meter / part / "rawtexts" / "courts" / story).glob("*.txt"))
        ]
        sets.append(_files(paths))
    return sets


def test_no_body_sentence_of_real_articles_is_chrome():
    removed = []
    for articles in _real_sets():
        chrome = find_chrome(articles)
        for art in articles:
            for c in chrome[art.id]:
                text = art.text[c.start : c.end]
                # A body sentence: six words or more ending a sentence (PA: before its `<`).
                if any(
                    word_count(s) >= 6 and re.search(r"[.!?]['\"’”]*<?$", s.strip())
                    for s in text.split("\n")
                ):
                    removed.append((art.source, c.reason, text[:80]))
    assert removed == [], "\n".join(map(str, removed))


def test_hard_wrapped_wire_prose_is_not_chrome(make_article):
    # METER's PA copy (courts, 08.12.99, body): a wrapped line opening "From ..." read as a
    # byline, and a wrapped line repeated in the next takes read as a recurring line.
    take = (
        "  " + "-" * 72 + "\n"
        "             15:26 08/12/99: Page 1 (HHH) COURTS Body Background\n"
        "KILLER CLEARED OF VICE GIRL MURDER SIX YEARS AGO {n}<\n"
        " By Pat Clarke, PA News<\n"
        " From reports of the case then, Mr Thwaites also attacked Detective Inspector\n"
        "John Smith for his handling of the inquiry.<\n"
        " Faced with forensic evidence linking him by DNA to Amanda Walker's blood,\n"
        "Smith finally admitted the murder.<\n"
    )
    articles = [make_article(take.format(n=n), id=f"take{n}") for n in range(3)]
    for art in articles:
        kept = [art.text[c.start : c.end] for c in find_chrome(articles)[art.id]]
        assert kept == [
            "15:26 08/12/99: Page 1 (HHH) COURTS Body Background",
            "By Pat Clarke, PA News<",
        ]
