"""derivation.py: reused shares per kind, the words kept, the wholly / partially / non label,
per-pair results."""

from __future__ import annotations

import pytest

from overlap.derivation import (
    THRESHOLDS,
    Thresholds,
    derive,
    derive_pairs,
    label_for,
    reused_shares,
    words_kept,
)
from overlap.segment import segment
from overlap.types import Article, Finding, Kind, Segmented, Span


def art(id: str, text: str) -> Article:
    return Article(id=id, source=f"{id}.txt", text=text, format="txt")


def seg(a: Article) -> Segmented:
    return segment(a)


def finding(
    kind: Kind,
    a: Article,
    a_range: tuple[int, int],
    b: Article,
    b_range: tuple[int, int],
    direction: str = "unknown",
) -> Finding:
    def span(x: Article, r: tuple[int, int]) -> Span:
        return Span(x.id, r[0], r[1], x.text[r[0] : r[1]])

    return Finding(
        f"{a.id}-{b.id}-{a_range[0]}",
        kind,
        1.0,
        1.0,
        None,
        span(a, a_range),
        span(b, b_range),
        (),
        direction,
        "test",
    )


def test_shares_count_non_space_characters_only():
    # 8 non-space characters; the span covers "ab cd" = 4 of them, the blank line is layout.
    s = reused_shares("ab cd\n\nef gh", [("verbatim", 0, 5)])
    assert (s.verbatim, s.edited, s.paraphrase) == (0.5, 0.0, 0.0)
    assert s.total == pytest.approx(0.5)


def test_overlapping_spans_count_once_for_the_closest_kind():
    text = "aaaa bbbb cccc dddd"  # 16 non-space characters
    s = reused_shares(text, [("paraphrase", 0, 19), ("edited", 5, 14), ("verbatim", 10, 14)])
    assert s.verbatim == pytest.approx(4 / 16)
    assert s.edited == pytest.approx(4 / 16)
    assert s.paraphrase == pytest.approx(8 / 16)
    assert s.total == pytest.approx(1.0)


def test_repeats_claims_and_out_of_range_spans_do_not_count():
    s = reused_shares("abcd", [("repeat", 0, 4), ("claim", 0, 4), ("verbatim", 2, 99)])
    assert (s.verbatim, s.edited, s.paraphrase) == (0.5, 0.0, 0.0)
    assert reused_shares("", [("verbatim", 0, 3)]).total == 0.0
    assert reused_shares("   ", []).total == 0.0


def test_words_kept_counts_distinct_content_words_the_sources_use():
    # content words of the article: fred, bloggs, jailed, years (stop words "was", "for", "six"
    # are left out); the source uses bloggs and jailed: 2 of 4
    assert words_kept(["Fred Bloggs was jailed for six years."], ["Bloggs was jailed."]) == 0.5
    # distinct words: a name repeated does not weigh more
    assert words_kept(["Bloggs, Bloggs, Bloggs and Smith."], ["Bloggs"]) == 0.5
    # case and accents are folded; several passages on either side are one vocabulary
    assert words_kept(["PEÑA spoke.", "Smith left."], ["pena", "spoke", "smith left"]) == 1.0
    assert words_kept(["the of and"], ["anything"]) == 0.0  # no content words at all
    assert words_kept([], ["anything"]) == 0.0


def test_labels_at_the_thresholds():
    th = Thresholds(partially=0.2, wholly=0.7)
    assert label_for(0.0, th) == "non"
    assert label_for(0.19, th) == "non"
    assert label_for(0.2, th) == "partially"
    assert label_for(0.69, th) == "partially"
    assert label_for(0.7, th) == "wholly"
    assert 0 < THRESHOLDS.partially < THRESHOLDS.wholly <= 1


def test_derive_counts_only_spans_paired_with_the_named_sources():
    wire = art("pa", "Two chemists admitted supplying defective medicine today.")
    paper = art("sun", "Two chemists admitted supplying defective medicine. Fans cheered.")
    other = art("mirror", "Fans cheered.")
    cut = paper.text.index(" Fans")
    findings = [
        finding(Kind.VERBATIM, wire, (0, 50), paper, (0, cut)),
        finding(Kind.PARAPHRASE, other, (0, 13), paper, (cut + 1, len(paper.text))),
    ]
    d = derive(seg(paper), [seg(wire)], findings, Thresholds(0.1, 0.6))
    chars = sum(not c.isspace() for c in paper.text)
    assert d.article == "sun" and d.sources == ("pa",)
    assert d.share_verbatim == pytest.approx(
        round(sum(not c.isspace() for c in paper.text[:cut]) / chars, 4)
    )
    assert d.share_paraphrase == 0.0  # that span came from "mirror", not a named source
    assert d.share_total == d.share_verbatim
    # the label comes from the words kept: chemists admitted supplying defective medicine (5 of
    # 7 content words: "fans" and "cheered" are not the wire's)
    assert d.words_kept == round(5 / 7, 4)
    assert d.label == "wholly"
    assert derive(seg(paper), [seg(wire)], findings, Thresholds(0.1, 0.8)).label == "partially"


def test_words_kept_leave_chrome_out():
    # A wire slug on both files is page furniture, not wording the paper kept.
    wire = art("pa", "CHEMISTS SLUG\n\nTwo chemists admitted supplying defective medicine.\n")
    paper = art("sun", "CHEMISTS SLUG\n\nFans cheered the verdict outside the court.\n")
    wire_seg, paper_seg = seg(wire), seg(paper)
    sentences = [x.text for x in paper_seg.sentences]
    assert not any("SLUG" in x for x in sentences) or not paper_seg.chrome
    d = derive(paper_seg, [wire_seg], [])
    kept_in_sentences = words_kept(sentences, [x.text for x in wire_seg.sentences])
    assert d.words_kept == round(kept_in_sentences, 4)


def test_derive_pairs_follows_the_direction_when_known():
    a = art("a", "raider jailed bank cashier pistol judge")
    b = art("b", "raider jailed bank cashier pistol judge Leeds Otley Halifax Monday")
    c = art("c", "nothing shared here")
    n = len(a.text)
    known = [finding(Kind.VERBATIM, a, (0, n), b, (0, n), direction="a->b")]
    segs = [seg(x) for x in (a, b, c)]
    result = derive_pairs(segs, known, Thresholds(0.1, 0.7))
    assert [(d.article, d.sources) for d in result] == [("b", ("a",))]
    b_chars = sum(not ch.isspace() for ch in b.text)
    assert result[0].share_total == pytest.approx(round((n - 5) / b_chars, 4))
    assert result[0].words_kept == 0.6  # 6 of b's 10 content words are a's
    assert result[0].label == "partially"

    unknown = [finding(Kind.EDITED, a, (0, n), b, (0, n))]
    both = derive_pairs(segs, unknown, Thresholds(0.1, 0.7))
    assert [(d.article, d.sources, d.label) for d in both] == [
        ("a", ("b",), "wholly"),
        ("b", ("a",), "partially"),
    ]
    assert both[0].share_edited == 1.0 and both[0].words_kept == 1.0


def test_derive_pairs_ignores_repeats_within_one_article():
    a = art("a", "the same passage. the same passage.")
    repeat = finding(Kind.REPEAT, a, (0, 17), a, (18, 35))
    assert derive_pairs([seg(a)], [repeat]) == ()


WIRE = (
    "A former headteacher was jailed for six years at Leeds Crown Court today for stealing "
    "money from the school fund over a decade. The judge said he had betrayed the trust "
    "of pupils and parents alike."
)


def test_document_and_terminal_show_each_derived_article(tmp_path, fake_embedder):
    import io

    from rich.console import Console

    from overlap import Settings, compare
    from overlap.report import terminal
    from overlap.report.json import to_document
    from overlap.report.schema import first_problem

    (tmp_path / "pa.txt").write_text(WIRE + "\n", encoding="utf-8")
    # The first sentence copied word for word, the second not at all: about half reused.
    (tmp_path / "sun.txt").write_text(
        WIRE.split(". ")[0] + ". Neighbours in the quiet village were shocked by the news of "
        "his arrest last spring.\n",
        encoding="utf-8",
    )
    result = compare(
        [str(tmp_path / "pa.txt"), str(tmp_path / "sun.txt")],
        Settings(cache_path=None, judge=False),
        embedder=fake_embedder,
    )
    doc = to_document(result)
    assert first_problem(doc) is None
    ids = {a["source"].rsplit("/", 1)[-1]: a["id"] for a in doc["articles"]}
    rows = {(d["article"], tuple(d["sources"])): d for d in doc["derivations"]}
    sun = rows[(ids["sun.txt"], (ids["pa.txt"],))]
    # 12 of its 19 content words are the wire's (the first sentence's; sklearn's stop words
    # leave out "former", "six" and "last")
    assert sun["words_kept"] == round(12 / 19, 4) and sun["label"] == "partially"
    assert 0.4 < sun["share_verbatim"] < 0.7 and sun["share_total"] == sun["share_verbatim"]
    assert set(sun) == {
        "article",
        "sources",
        "share_verbatim",
        "share_edited",
        "share_paraphrase",
        "share_total",
        "words_kept",
        "label",
    }

    console = Console(file=io.StringIO(), width=40, no_color=True)  # narrow: never wrapped
    terminal.render(doc, console)
    lines = console.file.getvalue().splitlines()
    pct = round(100 * sun["share_total"])
    kept = round(100 * sun["words_kept"])
    wanted = [
        x
        for x in lines
        if x.endswith(
            f": partially derived from {ids['pa.txt']} ({kept} % of its words used there, "
            f"{pct} % reused: {pct} % verbatim, 0 % edited, 0 % paraphrase)"
        )
    ]
    assert len(wanted) == 1 and wanted[0].startswith(ids["sun.txt"])


def test_terminal_reads_documents_without_derivations():
    import io

    from rich.console import Console

    from overlap.report import terminal

    doc = {
        "articles": [],
        "findings": [],
        "skipped": [],
        "notes": [],
        "summary": {"articles": 0, "skipped": 0, "findings": 0, "by_kind": {}},
    }
    console = Console(file=io.StringIO(), width=80, no_color=True)
    terminal.render(doc, console)  # a 1.2 document: no derivations, no summary lines
    assert "derived from" not in console.file.getvalue()


def test_terminal_names_a_non_derived_article_only_when_much_of_it_is_reused():
    import io

    from rich.console import Console

    from overlap.report import terminal

    def derivation(article: str, total: float) -> dict:
        return {
            "article": article,
            "sources": ["wire"],
            "share_verbatim": 0.0,
            "share_edited": total,
            "share_paraphrase": 0.0,
            "share_total": total,
            "words_kept": 0.37,
            "label": "non",
        }

    articles = [
        {"id": x, "title": x, "outlet": None, "date": None, "source": f"{x}.txt", "text": "t"}
        for x in ("wire", "feature", "brief")
    ]
    doc = {
        "articles": articles,
        "findings": [],
        "skipped": [],
        "notes": [],
        "summary": {"articles": 3, "skipped": 0, "findings": 0, "by_kind": {}},
        "derivations": [derivation("feature", 0.26), derivation("brief", 0.05)],
    }
    console = Console(file=io.StringIO(), width=60, no_color=True)
    terminal.render(doc, console)
    lines = [x for x in console.file.getvalue().splitlines() if "derived" in x]
    assert lines == [
        "feature: not derived from wire as a whole (37 % of its words used there; 26 % "
        "reused: 0 % verbatim, 26 % edited, 0 % paraphrase)"
    ]
