"""derivation.py: reused shares per kind, the wholly / partially / non label, per-pair results."""

from __future__ import annotations

import pytest

from overlap.derivation import (
    THRESHOLDS,
    Thresholds,
    derive,
    derive_pairs,
    label_for,
    reused_shares,
)
from overlap.types import Article, Finding, Kind, Span


def art(id: str, text: str) -> Article:
    return Article(id=id, source=f"{id}.txt", text=text, format="txt")


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
    d = derive(paper, ["pa"], findings, Thresholds(0.1, 0.6))
    chars = sum(not c.isspace() for c in paper.text)
    assert d.article == "sun" and d.sources == ("pa",)
    assert d.share_verbatim == pytest.approx(
        round(sum(not c.isspace() for c in paper.text[:cut]) / chars, 4)
    )
    assert d.share_paraphrase == 0.0  # that span came from "mirror", not a named source
    assert d.share_total == d.share_verbatim
    assert d.label == "wholly"


def test_derive_pairs_follows_the_direction_when_known():
    a = art("a", "one two three four five six")
    b = art("b", "one two three four five six seven eight nine ten")
    c = art("c", "nothing shared here")
    known = [finding(Kind.VERBATIM, a, (0, 27), b, (0, 27), direction="a->b")]
    result = derive_pairs([a, b, c], known, Thresholds(0.1, 0.6))
    assert [(d.article, d.sources) for d in result] == [("b", ("a",))]
    assert result[0].label == "partially"  # 22 of b's 39 non-space characters
    assert result[0].share_total == pytest.approx(round(22 / 39, 4))

    unknown = [finding(Kind.EDITED, a, (0, 27), b, (0, 27))]
    both = derive_pairs([a, b, c], unknown, Thresholds(0.1, 0.6))
    assert [(d.article, d.sources, d.label) for d in both] == [
        ("a", ("b",), "wholly"),
        ("b", ("a",), "partially"),
    ]
    assert both[0].share_edited == 1.0


def test_derive_pairs_ignores_repeats_within_one_article():
    a = art("a", "the same passage. the same passage.")
    repeat = finding(Kind.REPEAT, a, (0, 17), a, (18, 35))
    assert derive_pairs([a], [repeat]) == ()


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
    assert sun["label"] == "partially"
    assert 0.4 < sun["share_verbatim"] < 0.7 and sun["share_total"] == sun["share_verbatim"]
    assert set(sun) == {
        "article",
        "sources",
        "share_verbatim",
        "share_edited",
        "share_paraphrase",
        "share_total",
        "label",
    }

    console = Console(file=io.StringIO(), width=40, no_color=True)  # narrow: never wrapped
    terminal.render(doc, console)
    lines = console.file.getvalue().splitlines()
    pct = round(100 * sun["share_total"])
    wanted = [
        x
        for x in lines
        if x.endswith(
            f": partially derived from {ids['pa.txt']} ({pct} % reused: {pct} % verbatim, "
            "0 % edited, 0 % paraphrase)"
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
