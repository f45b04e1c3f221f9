"""Sentences rewritten from another article (overlap/rewrite.py)."""

from overlap.rewrite import rewritten_sentences
from overlap.segment import segment
from overlap.types import Article, Kind

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
