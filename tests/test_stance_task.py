"""The stance task's scoring (benchmarks/tasks/stance.py), without the models."""

from __future__ import annotations

from benchmarks.tasks.stance import _mapping, f1

MAP_A = _mapping("agree", "disagree", "unrelated")


def test_f1_per_class_and_re_weighted_by_stance():
    rows = [
        ("agree", "supported"),
        ("agree", "unsupported"),
        ("disagree", "contradicted"),
        ("discuss", "supported"),
        ("unrelated", "unsupported"),
    ]
    got = f1(rows, ["agree", "disagree", "unrelated"], MAP_A, {})
    assert got["agree"] == 0.5  # precision 1/2, recall 1/2
    assert got["disagree"] == 1.0
    assert got["unrelated"] == 0.67  # precision 1/2, recall 1
    # ten discuss pairs for each one sampled: its false "agree" weighs ten times
    weighted = f1(rows, ["agree", "disagree", "unrelated"], MAP_A, {"discuss": 10.0})
    assert weighted["agree"] == round(2 * (1 / 11) * 0.5 / (1 / 11 + 0.5), 2)
    assert weighted["disagree"] == 1.0


def test_the_mapping_sends_each_check_class_to_one_stance():
    assert [MAP_A(c) for c in ("copied", "quoted", "misquoted", "unsupported", "none")] == [
        "agree",
        "agree",
        "disagree",
        "unrelated",
        "unrelated",
    ]
