"""benchmarks/tasks/quotes.py's scoring: labels found by span overlap, outcomes and speakers
scored per label (the METER corpus itself is not needed)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.tasks.quotes import (
    QuoteCase,
    labelled,
    outlet_of,
    read_labels,
    score,
    speaker_right,
)


def case(paper: str, start: int, end: int, outcome: str, speaker: str = "") -> QuoteCase:
    return QuoteCase(
        "d/s", paper, start, end, "w " * 5, speaker, "", outcome, False, (), "", "", ""
    )


def label(paper: str, start: int, end: int, kind: str, speaker: str = "") -> dict[str, str]:
    return {"paper": paper, "start": str(start), "end": str(end), "label": kind, "speaker": speaker}


def test_a_label_takes_the_quotation_overlapping_it_most_in_its_file():
    found = [case("a.txt", 0, 10, "quoted"), case("a.txt", 12, 40, "misquoted")]
    pairs = labelled(found, [label("a.txt", 14, 38, "words changed"), label("b.txt", 0, 5, "x")])
    assert pairs[0][1] is found[1]
    assert pairs[1][1] is None  # no quotation of that file overlaps


def test_precision_recall_and_speakers_per_outcome():
    found = [
        case("a.txt", 0, 10, "quoted", "Mr Adrian Redgrave"),
        case("a.txt", 20, 30, "quoted", "He"),
        case("a.txt", 40, 50, "unverified quote", "a police source"),
    ]
    labels = [
        label("a.txt", 0, 10, "same words", "Redgrave"),
        label("a.txt", 20, 30, "words changed", "Simpson"),
        label("a.txt", 40, 50, "not in PA", "source|police"),
    ]
    got = score(labelled(found, labels))
    assert got["quoted precision"] == 50.0 and got["quoted recall"] == 100.0
    assert got["misquoted recall"] == 0.0 and "misquoted precision" not in got
    assert got["accuracy"] == 66.7
    assert got["speaker accuracy"] == 66.7  # "He" is not Simpson
    assert got["words changed -> quoted"] == (1, "quotes")


def test_speaker_keys_and_outlets_from_file_names():
    assert speaker_right(case("a", 0, 1, "quoted", "the judge"), "judge|Blofeld")
    assert not speaker_right(case("a", 0, 1, "quoted", "Judith Jordan"), "Farmer")
    assert outlet_of(Path("noye485_times.txt")) == "Times"
    assert outlet_of(Path("noye1nl.txt")) == "Press Association"


def test_the_committed_labels_are_complete():
    rows = read_labels()
    assert len(rows) == 120
    assert {r["label"] for r in rows} <= {
        "same words",
        "words changed",
        "other speaker",
        "not in PA",
    }
    assert all(
        int(r["start"]) < int(r["end"]) and r["paper"].startswith("newspapers/") for r in rows
    )
