"""Whether an article pair is one story: exact duplicates without findings, forms filled in with
other facts (stock wording), reissues, and a story copied by many outlets."""

from __future__ import annotations

from rich.console import Console

from overlap import Settings, compare
from overlap.chrome import find_chrome
from overlap.diff import word_diff
from overlap.near_duplicates import NEAR_SHARE, STOCK_MIN_VARIANTS, pair_duplication
from overlap.report import markdown, terminal
from overlap.report.json import to_document
from overlap.report.schema import first_problem
from overlap.segment import segment
from overlap.types import Article, Direction, Duplication, Finding, Kind, Span


def _seg(ident: str, text: str):
    return segment(Article(ident, f"{ident}.txt", text, "txt"))


def _finding(a, b, kind: Kind = Kind.EDITED) -> Finding:
    """A finding over the two articles' whole texts, with the word diff align would give."""
    sa = Span(a.article.id, 0, len(a.article.text), a.article.text)
    sb = Span(b.article.id, 0, len(b.article.text), b.article.text)
    return Finding(
        f"{sa.article}-{sb.article}",
        kind,
        0.9,
        0.9,
        None,
        sa,
        sb,
        word_diff(sa, sb),
        Direction.UNKNOWN,
        "",
    )


def _notice(company: str, cents: int, pay: str, record: str) -> str:
    return (
        f"{company} said its board declared a quarterly dividend of {cents} cts per share, "
        f"payable {pay} to holders of record {record}."
    )


FORMS = [
    ("Acme Widgets Inc", 12, "April one", "March 15"),
    ("Borden Foods Corp", 33, "May 20", "April 30"),
    ("Calloway Mining Ltd", 7, "June 2", "May 11"),
    ("Dunmore Savings Bank", 45, "April 16", "March 31"),
    ("Everly Chemical Co", 20, "July 1", "June 12"),
    ("Fairfax Realty Trust", 9, "May 5", "April 14"),
]


def test_a_form_filled_in_with_other_facts_is_not_one_story():
    segs = [_seg(f"d{i}", _notice(*form)) for i, form in enumerate(FORMS)]
    assert len(segs) > STOCK_MIN_VARIANTS
    (pair,) = pair_duplication(segs, [_finding(segs[0], segs[1])])
    assert (pair.a, pair.b, pair.label) == ("d0", "d1", Duplication.PARTIAL)
    # Most of the notice is the form's wording; the findings match it all the same.
    assert pair.share_stock > 0.5 and pair.share_matched > 0.5
    assert pair.share_distinctive < NEAR_SHARE


def test_a_reissued_notice_is_one_story_though_its_form_is_stock():
    segs = [_seg(f"d{i}", _notice(*form)) for i, form in enumerate(FORMS)]
    reissue = _seg("r0", _notice("Acme Widgets Inc", 12, "April 1", "March 15") + " Corrected.")
    segs.append(reissue)
    (pair,) = pair_duplication(segs, [_finding(segs[0], reissue)])
    assert pair.label == Duplication.NEAR and pair.shorter == "d0"
    assert pair.share_stock > 0.5 and pair.share_distinctive >= NEAR_SHARE


def test_without_other_articles_on_the_form_nothing_is_stock():
    a = _seg("a", _notice(*FORMS[0]))
    b = _seg("b", _notice(*FORMS[1]))
    (pair,) = pair_duplication([a, b], [_finding(a, b)])
    assert pair.share_stock == 0.0
    assert pair.share_distinctive == pair.share_matched


def test_bodies_of_the_same_words_are_exact_duplicates_without_a_finding():
    table = "Qtly div 12 cts vs 12 cts\nPay April one\nRecord March 15\n"
    segs = [_seg("x", table), _seg("y", table.upper()), _seg("z", "Qtly div 9 cts\nPay May 2\n")]
    pairs = pair_duplication(segs, [])
    assert [(p.a, p.b, p.label) for p in pairs] == [("x", "y", Duplication.EXACT)]


def test_notices_all_of_recurring_lines_are_exact_duplicates_though_all_chrome():
    notices = {
        "x": "Qtly div 12 cts\nPay April one\nRecord March 15\n",
        "y": "Qtly div 12 cts\nPay April one\nRecord March 15\n",
        "z": "Qtly div 12 cts\nPay April one\nRecord March 15 \nReuter\n",
        "w": "Qtly div 9 cts\nPay April one\nRecord March 15\n",
    }
    articles = [Article(i, f"{i}.txt", t, "txt") for i, t in notices.items()]
    chrome = find_chrome(articles)
    segs = [segment(a, chrome[a.id]) for a in articles]
    assert not segs[0].sentences  # every line recurs in three or more: chrome
    pairs = pair_duplication(segs, [])
    assert [(p.a, p.b, p.label) for p in pairs] == [("x", "y", Duplication.EXACT)]


def test_a_story_copied_by_many_outlets_stays_one_story():
    story = (
        "The storm flooded the harbour town of Kelso overnight, the coastguard said. "
        "Forty homes were evacuated and the main bridge was closed until further notice."
    )
    segs = [
        _seg(f"o{i}", story if i % 2 else story.replace("overnight", "on Tuesday night"))
        for i in range(8)
    ]
    pair = next(p for p in pair_duplication(segs, [_finding(segs[0], segs[1])]) if p.a == "o0")
    assert pair.b == "o1" and pair.label == Duplication.NEAR
    assert pair.share_stock == 0.0  # two wordings, eight articles: not a form


def test_a_few_distinctive_words_are_too_little_to_call_one_story():
    a = _seg("a", "Kelso bridge closed.")
    b = _seg("b", "Kelso bridge closed today.")
    (pair,) = pair_duplication([a, b], [_finding(a, b)])
    assert pair.share_distinctive == 1.0 and pair.label == Duplication.PARTIAL


def test_repeats_and_claims_are_not_evidence():
    a = _seg("a", _notice(*FORMS[0]))
    b = _seg("b", _notice(*FORMS[0]) + " Shares rose.")
    assert pair_duplication([a, b], [_finding(a, b, Kind.CLAIM)]) == ()
    (pair,) = pair_duplication([a, b], [_finding(a, b, Kind.VERBATIM)])
    assert pair.label == Duplication.NEAR and pair.share_distinctive == 1.0


def test_compare_reports_each_pair_in_the_json_and_the_views(tmp_path, write, fake_embedder):
    story = (
        "The storm flooded the harbour town of Kelso overnight, the coastguard said, and forty "
        "homes were evacuated before the main bridge was closed until further notice."
    )
    write(tmp_path, "in/first.txt", story + "\n")
    write(tmp_path, "in/reissue.txt", story.replace("forty", "about forty") + "\n")
    write(tmp_path, "in/other.txt", "Wheat prices fell sharply in Chicago on heavy selling.\n")
    settings = Settings(cache_path=None, judge=False)
    doc = to_document(compare([str(tmp_path / "in")], settings, embedder=fake_embedder))
    assert first_problem(doc) is None
    bad = {**doc, "article_pairs": [{**doc["article_pairs"][0], "label": "maybe"}]}
    assert "label" in (first_problem(bad) or "")
    (pair,) = doc["article_pairs"]
    assert (pair["a"], pair["b"], pair["label"]) == ("first", "reissue", "near")
    assert "## Same story" in markdown.render(doc)
    console = Console(record=True, width=200, color_system=None)
    terminal.render(doc, console)
    assert "near-duplicates (one story)" in console.export_text()


# --- the facts must agree: figures and names (Reuters-21578's false near pairs) ---------------

WEEKLY = (
    "Coffee roastings in the United States totalled {a} mln bags in the week ended {day}, "
    "against {b} mln bags a week earlier, the Green Coffee Association said. Roastings so far "
    "this season stand at {c} mln bags, compared with {d} mln at the same time last season, "
    "the association said in its weekly report."
)


def test_a_weekly_report_filed_again_with_the_next_weeks_figures_is_not_one_story():
    one = _seg("w1", WEEKLY.format(a="1.92", b="1.87", c="14.6", d="15.1", day="March 7"))
    two = _seg("w2", WEEKLY.format(a="1.78", b="1.92", c="16.4", d="16.8", day="March 14"))
    (pair,) = pair_duplication([one, two], [_finding(one, two)])
    # The wording matches throughout (two reports are too few for it to be stock) ...
    assert pair.share_distinctive >= NEAR_SHARE
    # ... but four of its five figures and its date changed: another week, not a reissue.
    assert pair.label == Duplication.PARTIAL


def test_a_correction_of_one_figure_is_still_one_story():
    one = _seg("w1", WEEKLY.format(a="1.92", b="1.87", c="14.6", d="15.1", day="March 7"))
    fixed = _seg("w1c", WEEKLY.format(a="1.92", b="1.87", c="14.8", d="15.1", day="March 7"))
    (pair,) = pair_duplication([one, fixed], [_finding(one, fixed)])
    assert pair.label == Duplication.NEAR


def test_the_same_figures_from_another_bank_are_not_one_story():
    text = (
        "{bank} said it raised its prime lending rate to 7-3/4 pct from 7-1/2 pct, effective "
        "immediately, following similar moves by other major banks in {city} on Thursday."
    )
    a = _seg("p1", text.format(bank="Chase Manhattan Bank", city="New York"))
    b = _seg("p2", text.format(bank="Marine Midland Banks", city="Buffalo"))
    (pair,) = pair_duplication([a, b], [_finding(a, b)])
    assert pair.label == Duplication.PARTIAL
    # the same notice from the same bank, filed twice, is one story
    again = _seg("p1r", text.format(bank="Chase Manhattan Bank", city="New York") + " Reuter")
    (pair,) = pair_duplication([a, again], [_finding(a, again)])
    assert pair.label == Duplication.NEAR
