from __future__ import annotations

import pytest

from overlap.quotes import find_quotes, text_of

INSIGHT = (
    "“The election of Peña Nieto sparked vocal concerns among U.S. political leaders over "
    "his stated desire to move priorities away from arrests and drug seizures,” the Latin "
    "American intelligence website Insight Crime stated. “However, the U.S. strategy "
    "displays no sign of this friction.”"
)
SANCHEZ = (
    '"I think the U.S. government wants to make sure that Peña Nieto is on the same page '
    'as Obama," Alex Sanchez, a security analyst at the Council on Hemispheric Affairs, '
    "told ABC News."
)
VIDEGARAY = (
    "Mexico’s new Foreign Secretary Luis Videgaray recently told a television host that "
    "his country will only bend so far. “Mexico has limits,” said Videgaray. He said "
    "Mexico won’t play ball on U.S. requests if his nation feel threatened threatened."
)
VALDES = (
    "But the former chief of Mexico’s National Intelligence Agency between 2007 and 2011, "
    "Guillermo Valdés believes that kind of cooperation risks dilution.”There will be no "
    "incentives to collaborate with the United States,” he said."
)
REPORT = (
    "“The U.S.-Mexican bilateral relationship continues to grow based on strong, "
    "multi-layered institutional ties,” the report stated. “Based on principles of shared "
    "responsibility, mutual trust, and respect for sovereignty.”"
)


def quotes(text):
    return [(text_of(text, q), q.speaker, q.credit) for q in find_quotes(text, 0, len(text))]


def test_outlet_named_after_a_description():
    [first, second] = quotes(INSIGHT)
    assert first[0].startswith("The election of Peña Nieto") and first[0].endswith("seizures,")
    assert first[1:] == ("Insight Crime", None)
    # the next quotation has no attribution of its own: it continues the credited one
    assert second == (
        "However, the U.S. strategy displays no sign of this friction.",
        "Insight Crime",
        None,
    )


def test_speaker_with_apposition_and_outlet_credit():
    [(inner, speaker, credit)] = quotes(SANCHEZ)
    assert inner.startswith("I think the U.S. government") and inner.endswith("Obama,")
    assert (speaker, credit) == ("Alex Sanchez", "ABC News")


def test_verb_before_name():
    [(inner, speaker, credit)] = quotes(VIDEGARAY)
    assert (inner, speaker, credit) == ("Mexico has limits,", "Videgaray", None)


def test_name_before_verb():
    text = (
        "“Mexico is willing to say no when national pride and dignity are threatened,” "
        "Videgaray said."
    )
    assert quotes(text) == [
        (
            "Mexico is willing to say no when national pride and dignity are threatened,",
            "Videgaray",
            None,
        )
    ]


def test_definite_speaker_and_continuation():
    assert quotes(REPORT) == [
        (
            "The U.S.-Mexican bilateral relationship continues to grow based on strong, "
            "multi-layered institutional ties,",
            "the report",
            None,
        ),
        (
            "Based on principles of shared responsibility, mutual trust, and respect for "
            "sovereignty.",
            "the report",
            None,
        ),
    ]


def test_pronoun_resolved_to_earlier_named_speaker():
    # a real seed paragraph: the closing mark is glued to the word before ("dilution.”There")
    result = quotes(VALDES)
    assert result[-1] == (
        "There will be no incentives to collaborate with the United States,",
        "Guillermo Valdés",
        None,
    )


def test_pronoun_resolved_to_earlier_quote_speaker():
    text = "“We will act,” Sanchez said, a day after “talks,” he told ABC News."
    assert quotes(text) == [("We will act,", "Sanchez", None), ("talks,", "Sanchez", "ABC News")]


def test_pronoun_without_antecedent_is_kept():
    text = "“We will act,” he said."
    assert quotes(text) == [("We will act,", "he", None)]


def test_speaker_before_the_quote():
    text = "The agency stated: “The arrest is a significant achievement.”"
    assert quotes(text) == [("The arrest is a significant achievement.", "The agency", None)]
    text = "Sanchez said, “We will act.”"
    assert quotes(text) == [("We will act.", "Sanchez", None)]


def test_agency_stated_mid_sentence():
    text = (
        "The U.S. Drug Enforcement Administration (DEA) released a statement.  “The arrest is "
        "a significant achievement,” the agency stated, “in our shared fight against organized "
        "crime.” There are published reports."
    )
    assert quotes(text) == [
        ("The arrest is a significant achievement,", "the agency", None),
        ("in our shared fight against organized crime.", "the agency", None),
    ]


def test_according_to_gives_a_credit():
    text = "“The talks failed,” according to the Los Angeles Times."
    [(inner, _speaker, credit)] = quotes(text)
    assert inner == "The talks failed,"
    assert credit == "Los Angeles Times"


def test_leading_conjunction_is_not_part_of_the_name():
    text = "But Valdés said: “It will not work.”"
    assert quotes(text) == [("It will not work.", "Valdés", None)]


def test_scare_quotes_have_no_speaker():
    text = "Instead of the “kingpin” approach, the government changed course."
    [q] = find_quotes(text, 0, len(text))
    assert text_of(text, q) == "kingpin"
    assert q.speaker is None and q.credit is None
    assert text[q.start : q.end] == "“kingpin”"


def test_unclosed_quote_runs_to_paragraph_end():
    text = "Intro. “This quote never closes and runs on\nNext paragraph."
    end = text.index("\n")
    [q] = find_quotes(text, 0, end)
    assert q.end == end
    assert text_of(text, q) == "This quote never closes and runs on"


def test_offsets_are_absolute_and_bounded_by_the_paragraph():
    before = "“Outside quote,” X said.\n"
    para = "Inside: “Mexico has limits,” said Videgaray."
    text = before + para + "\n“After,” Y said."
    start, end = len(before), len(before) + len(para)
    [q] = find_quotes(text, start, end)
    assert text[q.start : q.end] == "“Mexico has limits,”"
    assert (q.inner_start, q.inner_end) == (q.start + 1, q.end - 1)
    assert q.speaker == "Videgaray"


def test_no_quotes():
    assert find_quotes("Nothing quoted here.", 0, 20) == []


@pytest.mark.parametrize("mark", ['"', "“", "«"])
def test_quote_styles(mark):
    close = {'"': '"', "“": "”", "«": "»"}[mark]
    text = f"{mark}We will act,{close} Sanchez said."
    assert quotes(text) == [("We will act,", "Sanchez", None)]


def test_seed_quotes(seeds_dir):
    from overlap.chrome import find_chrome
    from overlap.ingest import read_articles
    from overlap.segment import segment

    articles, _ = read_articles([str(seeds_dir)])
    chrome = find_chrome(articles)
    found: dict[tuple[str | None, str], tuple[str | None, str | None]] = {}
    for art in articles:
        for q in segment(art, chrome[art.id]).quotes:
            found[art.outlet, text_of(art.text, q)[:30]] = (q.speaker, q.credit)
    assert found["Fox News Latino", "I think the U.S. government wa"] == (
        "Alex Sanchez",
        "ABC News",
    )
    assert found["ABC News", "I think the U.S. government wa"] == ("Sanchez", None)
    assert found["Fox News Latino", "The election of Peña Nieto spa"] == ("Insight Crime", None)
    assert found["Fox News Latino", "However, the U.S. strategy dis"] == ("Insight Crime", None)
    assert found["Fox News Latino", "The U.S.-Mexican bilateral rel"] == ("the report", None)
    assert found["Fox News Latino", "kingpin"] == (None, None)
    assert found["Marfa Public Radio", "Mexico has limits,"] == ("Videgaray", None)
    assert found["Marfa Public Radio", "There will be no incentives to"] == (
        "Guillermo Valdés",
        None,
    )
