from __future__ import annotations

from overlap.align import align_copy
from overlap.attribution import attribute
from overlap.segment import segment
from overlap.types import Article

QUOTE = (
    "I think the government wants to make sure that the new president pursues the cartels "
    "as aggressively as his predecessor did"
)


def seg(text, ident, **meta):
    return segment(Article(ident, f"{ident}.txt", text, "txt", **meta))


def pair(a, b):
    f = align_copy(a, b, (0, len(a.sentences) - 1, 0, len(b.sentences) - 1), 8, 0.7)
    assert f is not None
    return attribute(f, a, b)


def test_credit_to_the_other_outlet_decides_the_direction():
    source = seg(f'"{QUOTE}," Sanchez said.', "abc", outlet="ABC News", date="2013-05-02")
    copy = seg(f'"{QUOTE}," Alex Sanchez, an analyst, told ABC News.', "fox", outlet="Fox")
    f = pair(copy, source)  # given in the wrong order: attribution turns it round
    assert f.a.article == "abc" and f.b.article == "fox" and f.direction == "a->b"
    assert f.attribution.quoted and f.attribution.credited and f.attribution.credit == "ABC News"
    assert "credits ABC News" in f.direction_reason


def test_dates_decide_when_nothing_is_credited():
    text = (
        "Officials said the program to train border police will expand to three more states "
        "next year."
    )
    early = seg(text, "early", outlet="Daily", date="2013-01-02")
    late = seg(text, "late", outlet="Weekly", date="2013-03-04")
    f = pair(late, early)
    assert (f.a.article, f.b.article) == ("early", "late")
    assert "published before" in f.direction_reason
    assert not f.attribution.quoted and not f.attribution.credited


def test_unknown_direction_when_no_evidence():
    text = (
        "Officials said the program to train border police will expand to three more states "
        "next year."
    )
    f = pair(seg(text, "x"), seg(text, "y"))
    assert f.direction == "unknown" and f.attribution is not None


def test_outlet_named_in_the_paragraph_counts_as_credit():
    text = (
        "Officials said the program to train border police will expand to three more states "
        "next year."
    )
    source = seg(text, "src", outlet="InSight Crime")
    copy = seg("According to InSight Crime, " + text[0].lower() + text[1:], "cp", outlet="Other")
    f = pair(copy, source)
    assert f.a.article == "src" and f.attribution.credited and not f.attribution.quoted


def test_full_name_and_credit_kind_and_names_article():
    from overlap.attribution import credit_kind, full_name, names_article

    # seeds/004 (ABC News): "Sanchez said" after "Alex Sanchez, a security analyst …"
    text = "Alex Sanchez, a security analyst at the Council on Hemispheric Affairs, believes it."
    assert full_name(text + " Later Sanchez said so.", len(text) + 7, "Sanchez") == "Alex Sanchez"
    assert full_name("Nobody named here.", 10, "Sanchez") == "Sanchez"
    assert (
        credit_kind("Insight Crime", "the Latin American intelligence website Insight Crime")
        == "outlet"
    )
    assert credit_kind("Alex Sanchez") == "person"
    assert credit_kind("the report") == "document"
    la = Article("la", "la.txt", "", "txt", outlet="Los Angeles Times")
    assert names_article("the L.A. Times", la) and names_article("Los Angeles Times", la)
    assert not names_article("ABC News", la)
    fox = Article("f", "f.txt", "", "txt", outlet="Fox News Latino")
    assert names_article("Fox News Latino", fox) and not names_article("ABC News", fox)


def test_full_name_does_not_run_across_a_sentence_end():
    from overlap.attribution import full_name

    text = (
        "“I looked out,” Price told the Ashford Gazette.\n\nCity councillor Tom Reyes, who "
        "represents the east ward, spoke too. “I’ve been worried,” Reyes said."
    )
    assert full_name(text, len(text) - 6, "Reyes") == "Tom Reyes"
    assert full_name("Mr. John Smith spoke. Smith said so.", 22, "Smith") == "John Smith"


def test_a_credit_to_someone_else_is_named_and_the_source_s_own_is_not():
    from overlap.attribution import other_credit
    from overlap.types import Span

    wire = Article(
        "wire",
        "wire.txt",
        "Wheat would arrive next month, minister John Smith said.",
        "txt",
        outlet="Reuters",
    )
    for sentence, credited in [
        ("According to the BBC, the wheat would arrive in Bangladesh next month.", "the BBC"),
        ("The wheat would arrive in Bangladesh next month, The Guardian reported.", "The Guardian"),
        (
            "The Financial Times reported that the wheat would arrive next month.",
            "The Financial Times",
        ),
        # the source's own outlet is its credit, not someone else's
        ("The wheat would arrive in Bangladesh next month, Reuters reported.", None),
        # the source's own attribution, copied with its words, is no credit to another
        ("The wheat would arrive in Bangladesh next month, John Smith said.", None),
        # no credit at all
        ("The wheat would arrive in Bangladesh next month.", None),
    ]:
        draft = seg(sentence, "draft")
        at = sentence.index("wheat")
        span = Span("draft", at, len(sentence), sentence[at:])
        assert other_credit(draft, span, wire) == credited, sentence
