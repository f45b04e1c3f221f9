"""The quantity reader: rules on short made-up phrases, a hand-checked table of real mentions
(short fragments of Reuters-21578, BBC and METER sentences, labelled by reading them), and
invariants over a few hundred real sentences read in place from ../shared/data/news."""

from __future__ import annotations

import math
import re

import pytest

from benchmarks import news_sentences
from overlap.quantities import find_dates, find_labels, find_quantities, lemma


def one(text):
    [q] = find_quantities(text)
    assert text[q.start : q.end] == q.text
    return q


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("the use of drones along the 1,954-mile shared border", 1954, "mile", None),
        ("a 2,000 mile border", 2000, "mile", None),
        ("worn out by over 60,000 deaths", 60000, "death", "lower"),
        ("as many as 25,000 forced disappearances", 25000, "disappearance", "upper"),
        ("illustrated nine points that focus on interdiction", 9, "point", None),
        ("interviews with over four dozen current and former diplomats", 48, "diplomat", "lower"),
        ("sold it to Safeway for $1.8 billion in 1998", 1.8e9, "dollar", None),
        ("12 percent of all Mexican-made illicit cigarettes", 12, "percent", None),
        ("nearly 2,000 miles of border", 2000, "mile", "approx"),
        # money suffixes: "$1M" is a million dollars, not one
        ("a $1M grant", 1e6, "dollar", None),
        ("a $1 million grant", 1e6, "dollar", None),
        ("a £2.5bn deal", 2.5e9, "pound", None),
        ("raised 5k for charity", 5000, None, None),
        ("a 21 billion dlr package", 21e9, "dollar", None),
        ("two dozen protesters", 24, "protester", None),
        ("1.2 million barrels", 1.2e6, "barrel", None),
        ("half a million visitors", 5e5, "visitor", None),
        ("about 5 % of voters", 5, "percent", "approx"),
        ("five per cent of voters", 5, "percent", None),
        ("up to 300 jobs", 300, "job", "upper"),
        ("at least 10 countries", 10, "country", "lower"),
        # tokenised text (FNC-1 style): "13, 000" is thirteen thousand, "19. 8" one number
        ("killed 13, 000 people", 13000, "person", None),
        ("rose 19. 8 percent", 19.8, "percent", None),
    ],
)
def test_quantities_read_right(text, value, unit, qualifier):
    q = one(text)
    assert (q.value, q.unit, q.qualifier) == (pytest.approx(value), unit, qualifier)


def test_ranges_keep_both_ends():
    for text in ("10-12 countries", "between 10 and 12 countries", "10 to 12 countries"):
        q = one(text)
        assert (q.value, q.high, q.unit) == (10, 12, "country")
    # "from 10 to 12" is a change, two amounts; "3-2" a score
    assert [q.value for q in find_quantities("rose from 10 to 12 pct")] == [10, 12]
    assert [q.high for q in find_quantities("won 3-2")] == [None, None]


def test_units_are_kept_as_written_and_compared_by_lemma():
    q = one("in 38 countries")
    assert (q.unit, q.unit_text, q.describe()) == ("country", "countries", "38 countries")
    for text in ("10 from the list", "5 of them", "9 and 10"):
        assert all(q.unit is None for q in find_quantities(text))
    assert [lemma(w) for w in ("countries", "boxes", "people", "dlrs")] == [
        "country",
        "box",
        "person",
        "dollar",
    ]


def test_years_dates_times_and_labels_are_not_quantities():
    assert find_quantities("in the post-9/11 era, back in 2013, at 10:30 GMT on March 3") == []
    assert find_quantities("the G7, an F-16, Article 5 and its 3rd try") == []
    assert one("2000 people").value == 2000  # a count before a counted noun, not a year


def test_consistency_respects_qualifiers_and_ranges():
    near, exact, other = (
        find_quantities(t)[0] for t in ("nearly 2,000 miles", "1,954 miles", "1,594 miles")
    )
    assert near.consistent_with(exact) and exact.consistent_with(near)
    assert not near.consistent_with(other)
    more = one("more than 60,000 deaths")
    assert more.consistent_with(one("70,000 deaths"))
    assert not more.consistent_with(one("50,000 deaths"))
    assert one("10-12 countries").consistent_with(one("11 countries"))
    assert not one("10-12 countries").consistent_with(one("15 countries"))
    assert one("$1M").consistent_with(one("$1 million"))


# Real mentions: (fragment as printed, source article, value, unit lemma, qualifier) for the
# first quantity of the fragment. Fragments are a few words of the sentence, quoted for the test.
REAL = [
    ("were 155,221 bags of 60 kilos", "reuters/1", 155221, "bag", None),
    ("estimates around 6.4 mln bags", "reuters/1", 6.4e6, "bag", "approx"),
    ("rose to 340 to 350 cruzados per arroba", "reuters/1", 340, "cruzado", None),
    ("at 1,750 to 1,780 dlrs per tonne", "reuters/1", 1750, "dollar", None),
    ("Shr 34 cts vs 1.19 dlrs", "reuters/11", 34, "cent", None),
    ("Assets 510.2 mln vs 479.7 mln", "reuters/11", 510.2e6, None, None),
    ("carry forward of 132,000 dlrs", "reuters/11", 132000, "dollar", None),
    ("or five cts per shr", "reuters/11", 5, "cent", None),
    ("after falling to 11-1/2 earlier this week", "reuters/16", 11.5, None, None),
    ("terms of a 21 billion dlr debt-rescheduling", "reuters/26", 21e9, "dollar", None),
    ("originally set at 1-1/8 pct over", "reuters/26", 1.125, "percent", None),
    ("because of a 40 pct drop in oil income", "reuters/26", 40, "percent", None),
    ("jumped 76% to $1.13bn", "bbc/business/001", 76, "percent", None),
    ("to $1.13bn (£600m) for", "bbc/business/001", 1.13e9, "dollar", None),
    ("(£600m) for the three months", "bbc/business/001", 600e6, "pound", None),
    ("for the three months to December", "bbc/business/001", 3, "month", None),
    ("It lost 464,000 subscribers", "bbc/business/001", 464000, "subscriber", None),
    ("earnings growth of around 5%, and", "bbc/business/001", 5, "percent", "approx"),
    ("exceeding $86m (£46m)", "bbc/business/011", 86e6, "dollar", "lower"),
    ("shares fell by some 4%.", "bbc/business/011", 4, "percent", "approx"),
    ("growing at more than 25% a year", "bbc/business/016", 25, "percent", "lower"),
    ("kept growth above 9% for", "bbc/business/016", 9, "percent", "lower"),
    ("more than 100 Hard Rock Cafes", "bbc/business/021", 100, None, "lower"),
    ("Hard Rock Cafes in 38 countries", "bbc/business/021", 38, "country", None),
    ("is recalling nearly 200,000 vehicles", "bbc/business/026", 2e5, "vehicle", "approx"),
    ("closed up 23 points to", "bbc/business/031", 23, "point", None),
    ("growth of just under 5% expected", "bbc/business/031", 5, "percent", "approx"),
    ("settlement (1.53bn euros; £1.05bn)", "bbc/business/051", 1.53e9, "euro", None),
    ("Mediobanca for 775m euros ($1bn)", "bbc/business/051", 775e6, "euro", None),
    ("Ferrari sell about 10,000 cars", "bbc/business/051", 1e4, "car", "approx"),
    ("sales growth of at least 10% in Asia", "bbc/business/056", 10, "percent", "lower"),
    ("edged up 0.1% to 4.7%", "bbc/business/046", 0.1, "percent", None),
    ("believed #500 bonds which", "meter/PA/courts/01.03.00/football1", 500, "pound", None),
    (
        "part of a #45 million redevelopment",
        "meter/PA/courts/01.03.00/football1",
        45e6,
        "pound",
        None,
    ),
    ("needed to move 4,000 fans", "meter/PA/courts/01.03.00/football1", 4000, "fan", None),
    ("died with five other people", "meter/PA/courts/02.11.99/boat1", 5, "person", None),
    ("within probably 20 seconds", "meter/PA/courts/02.11.99/plane1nl", 20, "second", None),
    ("had turned 270 degrees by itself", "meter/PA/courts/02.11.99/plane1nl", 270, "degree", None),
    ("a crowd of people at about 50mph", "meter/PA/courts/02.11.99/plane1nl", 50, "mph", "approx"),
    ("weighed only 50kg.", "meter/PA/courts/02.11.99/swim2", 50, "kg", None),
    ("flock of more than 250 animals", "meter/PA/courts/02.11.99/cruelty3", 250, "animal", "lower"),
    (
        "serve a minimum of 12 years in prison",
        "meter/PA/courts/03.04.00/rape2",
        12,
        "year",
        "lower",
    ),
    ("a one in 5.9 million chance", "meter/PA/courts/03.04.00/teenager3", 5.9e6, "chance", None),
    ("in her #28,000-a-year job", "meter/PA/courts/02.11.99/trousers1nl", 28000, "pound", None),
    ("More than 20 whippets owned", "meter/PA/courts/03.04.00/breeder2ld", 20, "whippet", "lower"),
    ("in his 22 years of law enforcement", "meter/PA/courts/02.11.99/ostrich2", 22, "year", None),
]


@pytest.mark.parametrize("fragment, source, value, unit, qualifier", REAL)
def test_hand_checked_real_mentions(fragment, source, value, unit, qualifier):
    q = [q for q in find_quantities(fragment) if q.value != 1 or "one" not in q.text][0]
    assert (q.value, q.unit, q.qualifier) == (pytest.approx(value), unit, qualifier), source


_FUNCTION_WORDS = {
    "from",
    "of",
    "the",
    "and",
    "in",
    "to",
    "a",
    "an",
    "on",
    "at",
    "by",
    "for",
    "with",
    "that",
    "said",
    "was",
    "is",
    "vs",
    "nil",
}


@pytest.mark.skipif(not news_sentences.available(), reason="../shared/data/news not present")
def test_invariants_on_real_news_sentences():
    """Every digit run is read once: by exactly one quantity, or else as a date, time or label;
    values are finite; units are nouns as written, never function words or made-up plurals."""
    sample = [s for s in news_sentences.sentences(400, every=5) if re.search(r"\d", s.text)]
    assert len(sample) >= 300
    n_quantities = 0
    for s in sample[:600]:
        text = s.text
        qs, ds, labels = find_quantities(text), find_dates(text), find_labels(text)
        n_quantities += len(qs)
        for m in re.finditer(r"\d+", text):
            a, b = m.span()
            in_q = sum(q.start <= a and b <= q.end for q in qs)
            other = any(d.start <= a and b <= d.end for d in ds) or any(
                x <= a and b <= y for x, y in labels
            )
            assert (in_q, other) in ((1, False), (0, True)), (m.group(), text)
        for q in qs:
            assert math.isfinite(q.value) and (q.high is None or q.high >= q.value), text
            assert q.unit not in _FUNCTION_WORDS, (q.unit, text)
            assert text[q.start : q.end] == q.text
            if q.unit_text and q.unit_text != "%":
                # as written: the unit word is in the sentence, so "countrys" cannot appear
                assert q.unit_text in text[q.start :], (q.unit_text, text)
    assert n_quantities >= 500


@pytest.mark.parametrize(
    "text, values",
    [
        # wire rates quoted bid/offer with the offer's last digits only (Reuters money reports)
        ("Call money traded at 3.85/95 pct", [(3.85, "percent"), (3.95, "percent")]),
        ("interbank rates rose to 13.75/14.00 pct", [(13.75, "percent"), (14.0, "percent")]),
        # a hyphen joins the percent unit: a percent, not a count of "pct"
        ("banks do business here through 50-pct owned subsidiaries", [(50, "percent")]),
        ("a 10-per-cent rise in fares", [(10, "percent")]),
        # number words before a percent: each end of a range, a lone "one", a spoken fraction
        ("The harvest advanced to between seven and nine pct of area.", [(7, "percent")]),
        ("Japanese firms sold only one per cent of the market", [(1, "percent")]),
        ("our forecast for price rises this year is two and a half pct", [(2.5, "percent")]),
        ("Eleven and three-quarters pct is way above money market rates", [(11.75, "percent")]),
        ("raised its inflation estimate a half percentage point", [(0.5, "percentage point")]),
    ],
)
def test_percent_forms_of_real_news(text, values):
    found = [(q.value, q.unit) for q in find_quantities(text)]
    assert found == [(pytest.approx(v), u) for v, u in values]


def test_a_range_of_number_words_keeps_both_ends_and_a_pronoun_stays_uncounted():
    [q] = find_quantities("growth of between three and six pct this year")
    assert (q.value, q.high, q.unit) == (3, 6, "percent")
    assert find_quantities("one of the men said no one was hurt") == []
    assert [q.value for q in find_quantities("half a million and one hundred")] == [5e5, 100]


def test_a_capital_m_glued_to_digits_is_a_million_and_a_small_one_metres():
    assert [q.value for q in find_quantities("High school student scores 72M on the market")] == [
        72e6
    ]
    [q] = find_quantities("he won the 100m sprint")
    assert (q.value, q.unit) == (100, "metre")


def test_a_scaled_figure_is_the_full_one_it_rounds_to():
    # Reuters filed one company's results twice the same day: "Revs 2.3 mln vs 2.0 mln" and
    # "Sales 2,303,000 vs 2,006,000" (reissued results, 1987)
    assert one("Revs 2.3 mln").consistent_with(one("Sales 2,303,000"))
    assert one("Sales 2,006,000").consistent_with(one("2.0 mln"))
    assert one("$1.5bn").consistent_with(one("$1,540,000,000"))
    # outside the shown precision, or a half-way figure, it differs
    assert not one("Revs 2.3 mln").consistent_with(one("Sales 2,400,000"))
    assert not one("5 mln").consistent_with(one("5,500,000"))
    # two figures that both carry a scale are compared as written
    assert not one("2 million").consistent_with(one("2.3 million"))


def test_a_figure_rounded_to_thousands_is_the_full_one():
    # "Net 1,981,681 dlrs" and, 90 minutes later, "Net 1,982,000" (Reuters, figures rounded)
    assert one("1,981,681 dlrs").consistent_with(one("1,982,000"))
    assert one("1,022,000").consistent_with(one("1,022,451"))
    # a figure with fewer than three significant digits is not read as rounded
    assert not one("4,000 people").consistent_with(one("4,400 people"))
    assert not one("1,982,000").consistent_with(one("1,983,000"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # METER courts (axe): "lay undiscovered in the flat for a week" is one week
        ("The bodies lay undiscovered in the flat for a week.", [(1.0, "week")]),
        ("A week later he was arrested.", [(1.0, "week")]),
        ("He was freed within a month.", [(1.0, "month")]),
        # a rate, a time that is no span counted, and a year and a half are not one unit
        ("He earned £300 a week.", [(300.0, "pound")]),
        ("He phoned her twice a week.", []),
        ("It came in a week when shares fell.", []),
        ("He was jailed for a year and a half.", []),
        ("A man was jailed.", []),
    ],
)
def test_a_lone_a_before_a_span_of_time_counts_one(text, found):
    assert [(q.value, q.unit) for q in find_quantities(text)] == found
