from __future__ import annotations

import pytest

from overlap.textnorm import fold, normalise_line, tokenize, word_count


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Peña", "pena"),
        ("PEÑA", "pena"),
        ("Calderón", "calderon"),
        ("U.S.", "us"),
        ("Mexico's", "mexicos"),
        ("Mexico’s", "mexicos"),
        ("1,954", "1954"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ﬁle", "file"),  # NFKD splits the ligature
    ],
)
def test_fold(word, folded):
    assert fold(word) == folded


def test_tokenize_offsets_point_into_the_text():
    text = "U.S. officials met Peña Nieto’s team on the 1,954-mile border (3.5 hours)."
    tokens = tokenize(text)
    assert [t.raw for t in tokens] == [
        "U.S.",
        "officials",
        "met",
        "Peña",
        "Nieto’s",
        "team",
        "on",
        "the",
        "1,954",
        "mile",
        "border",
        "3.5",
        "hours",
    ]
    for t in tokens:
        assert text[t.start : t.end] == t.raw
        assert t.norm == fold(t.raw)
    assert [t.norm for t in tokens][:5] == ["us", "officials", "met", "pena", "nietos"]


def test_tokenize_offset_shifts_positions():
    text = "Intro. Hard words here."
    base = tokenize(text)
    shifted = tokenize(text[7:], offset=7)
    assert [(t.start, t.end, t.norm) for t in shifted] == [
        (t.start, t.end, t.norm) for t in base[1:]
    ]


def test_tokenize_skips_punctuation_and_underscores():
    assert [t.raw for t in tokenize("— ... snake_case !!")] == ["snake", "case"]
    assert tokenize("") == []
    assert tokenize("  --  ") == []


def test_single_letter_with_dot_is_not_an_acronym():
    # "(?:X\\.){2,}" needs two letters; "A." is the word "A" followed by a full stop.
    assert [t.raw for t in tokenize("Plan A. Then B.C. again")] == [
        "Plan",
        "A",
        "Then",
        "B.C.",
        "again",
    ]


def test_word_count_matches_tokenize():
    text = "U.S. and Peña's 1,954-mile border"
    assert word_count(text) == len(tokenize(text)) == 6
    assert word_count("") == 0


def test_normalise_line_ignores_case_accents_and_punctuation():
    assert normalise_line("Follow us on Twitter!") == "follow us on twitter"
    assert normalise_line("  PEÑA, Nieto.  ") == normalise_line("pena nieto") == "pena nieto"
    assert normalise_line("—") == ""
