"""Sentences rewritten from another article (overlap/rewrite.py)."""

from overlap.rewrite import rewritten_sentences
from overlap.segment import segment
from overlap.types import Article, Kind, Span

WIRE = (
    "Fred Bloggs, 43, of Leeds, was jailed for six years at Leeds Crown Court on Monday. "
    "He had robbed the Halifax bank in Otley with a replica pistol. "
    "Judge Mary Smith said the cashiers had been terrified."
)


def seg(name: str, text: str):
    return segment(Article(name, name, text, "txt"))


def test_a_rewritten_sentence_is_found_with_its_source_sentence():
    wire, paper = (
        seg("pa", WIRE),
        seg("sun", "Raider Fred Bloggs, 43, got six years for robbing a Halifax bank in Otley."),
    )
    (f,) = rewritten_sentences([wire, paper], [(0, 1)], {}, set())
    assert f.kind is Kind.PARAPHRASE
    assert f.b.article == "sun" and f.a.article == "pa"
    assert "Halifax" in f.a.text or "jailed" in f.a.text


def test_a_summary_sentence_is_matched_to_two_wire_sentences():
    wire = seg("pa", WIRE)
    paper = seg(
        "mirror",
        "Bloggs, of Leeds, was jailed for six years after robbing a bank "
        "in Otley with a replica pistol.",
    )
    (f,) = rewritten_sentences([wire, paper], [(0, 1)], {}, set())
    assert f.a.text.startswith("Fred Bloggs") and f.a.text.endswith("replica pistol.")


def test_an_article_on_the_same_story_written_apart_is_not_a_rewrite():
    # The same names and topic, none of the wording: METER's non-derived articles.
    wire = seg("pa", WIRE)
    paper = seg(
        "times",
        "Terrified cashiers in Otley told police a masked man waved a gun. "
        "Bloggs was later arrested at his home in Leeds.",
    )
    assert rewritten_sentences([wire, paper], [(0, 1)], {}, set()) == []


def test_short_sentences_and_sentences_already_found_are_left_alone():
    wire = seg("pa", WIRE)
    paper = seg(
        "sun",
        "Bloggs was jailed. Raider Fred Bloggs, 43, got six years for robbing "
        "a Halifax bank in Otley.",
    )
    (found,) = rewritten_sentences([wire, paper], [(0, 1)], {}, set())
    assert found.b.text.startswith("Raider")  # "Bloggs was jailed." has 3 words
    assert rewritten_sentences([wire, paper], [(0, 1)], {(0, 1): [found]}, set()) == []


def test_a_long_sentence_is_cut_into_clauses_at_commas_and_clause_words():
    from overlap.rewrite import clauses

    text = "Bloggs, who denied robbery, was jailed for six years after a trial at Leeds"
    assert [text[a:b] for a, b in clauses(text, 4)] == [
        "Bloggs, who denied robbery,",
        "was jailed for six years",
        "after a trial at Leeds",
    ]
    # too short to cut: one clause, the whole text
    assert clauses("He was jailed, then freed", 4) == [(0, len("He was jailed, then freed"))]


def test_a_wire_clause_inside_a_long_sentence_of_the_papers_own_is_found_alone():
    wire = seg("pa", WIRE)
    own = (
        "Neighbours who had known the family for twenty years said they were shocked, "
        "and the vicar held a service on Sunday evening"
    )
    kept = "as Bloggs had robbed the Halifax bank in Otley with a replica pistol"
    paper = seg("star", f"{own}, {kept}.")
    (f,) = rewritten_sentences([wire, paper], [(0, 1)], {}, set())
    assert f.b.text.startswith("as Bloggs had robbed") and "Neighbours" not in f.b.text
    assert f.a.text.endswith("He had robbed the Halifax bank in Otley with a replica pistol.")


def test_a_clause_is_found_even_when_its_source_sentence_is_found_already():
    from types import SimpleNamespace

    wire = seg("pa", WIRE)
    copied_text = "He had robbed the Halifax bank in Otley with a replica pistol."
    paper = seg(
        "star",
        f"{copied_text} Neighbours who had known the family for twenty years said they were "
        "shocked, and the vicar held a service on Sunday evening, as Bloggs had robbed the "
        "Halifax bank in Otley with a replica pistol.",
    )
    start = WIRE.index(copied_text)
    copied = SimpleNamespace(  # the wire sentence is found already, copied into sentence 1
        a=Span("pa", start, start + len(copied_text), copied_text),
        b=Span("star", 0, len(copied_text), copied_text),
    )
    (f,) = rewritten_sentences([wire, paper], [(0, 1)], {(0, 1): [copied]}, set())
    assert f.b.text.startswith("as Bloggs had robbed") and f.b.start > len(copied_text)


def test_clauses_of_a_sentence_written_apart_are_not_rewrites():
    wire = seg("pa", WIRE)
    paper = seg(
        "times",
        "Terrified cashiers in Otley, who had worked at the branch for years, told police "
        "that a masked man had waved a gun, and Bloggs was later arrested at his home.",
    )
    assert rewritten_sentences([wire, paper], [(0, 1)], {}, set()) == []


def test_the_source_side_of_a_clause_match_is_the_wire_clause_not_its_whole_sentence():
    wire = seg(
        "pa",
        "Fred Bloggs, 43, of Leeds, was jailed for six years at Leeds Crown Court on Monday. "
        "The court heard that the family had moved to Leeds in 1990, and that Bloggs had robbed "
        "the Halifax bank in Otley with a replica pistol, before the judge adjourned the case. "
        "Judge Mary Smith said the cashiers had been terrified.",
    )
    paper = seg(
        "star",
        "Neighbours who had known the family for twenty years said they were shocked, and the "
        "vicar held a service on Sunday evening, as Bloggs had robbed the Halifax bank in Otley "
        "with a replica pistol.",
    )
    (f,) = rewritten_sentences([wire, paper], [(0, 1)], {}, set())
    assert "Halifax bank in Otley" in f.a.text
    assert "moved to Leeds" not in f.a.text and "adjourned" not in f.a.text


def test_a_clause_is_never_cut_inside_a_figure():
    from overlap.rewrite import clauses

    # Reuters 1987 (the Ecuador quake): cut at "and", "and seven" was read as a reading of seven
    text = (
        "The quake, which in Colombia measured between 6.5 and seven on the 12-point "
        "international Mercalli scale, caused panic among residents"
    )
    got = [text[a:b] for a, b in clauses(text, 4)]
    assert any("between 6.5 and seven on the 12-point" in c for c in got)
    estate = "two badgers found on the 14,000-acre estate, and one live badger"
    assert [estate[a:b] for a, b in clauses(estate, 4)][
        0
    ] == "two badgers found on the 14,000-acre estate,"
    # an "and" after a figure that opens no range is still a clause break
    prices = "output rose to six mln bpd and prices fell sharply in the week"
    assert [prices[a:b] for a, b in clauses(prices, 4)] == [
        "output rose to six mln bpd",
        "and prices fell sharply in the week",
    ]
