"""The Reuters verdict task's labels and scoring (benchmarks/tasks/judging_reuters.py)."""

from __future__ import annotations

from collections import Counter

from benchmarks.tasks.judging_reuters import _pairs, scores


def test_every_changed_fact_is_a_labelled_pair_and_groups_partition_them():
    pairs = _pairs()
    groups = Counter(p["group"] for p in pairs)
    assert groups["changed fact"] == 8  # each listed pair is found among the labelled ones
    assert groups["template"] + groups["other"] + groups["changed fact"] == len(pairs)
    assert all(p["note"].startswith("template") for p in pairs if p["group"] == "template")


def test_pairs_are_counted_once_whatever_their_number_of_contradictions():
    pairs = [
        {"group": "template"},
        {"group": "template"},
        {"group": "other"},
        {"group": "changed fact"},
    ]
    verdicts = [
        Counter(contradict=3, agree=1),
        Counter(agree=2),
        Counter({"changed over time": 1}),
        Counter(contradict=1),
    ]
    got = scores(pairs, verdicts)
    assert got["template: pairs with a contradiction"] == (1, "of 2 pairs")
    assert got["other: pairs with a contradiction"] == (0, "of 1 pairs")
    assert got["changed fact: pairs with a contradiction"] == (1, "of 1 pairs")
    assert got["findings judged contradict"] == (4, "findings")
