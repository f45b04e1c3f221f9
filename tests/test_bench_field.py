"""The field tasks' decisions (benchmarks/field_common.py, tasks/field.py, tasks/memory.py):
thresholds fitted on train scores, the Clough & Stevenson cascade and the long-pair texts. No
data and no model: toy inputs with known answers."""

from __future__ import annotations

import numpy as np

from benchmarks import field_common as fc
from benchmarks.tasks import field, memory


def test_fit_threshold_cuts_between_the_classes_midway():
    scores = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1])
    assert fc.fit_threshold(scores, y) == 0.5


def test_fit_threshold_never_cuts_between_equal_scores():
    scores = np.array([0.2, 0.5, 0.5, 0.9])
    y = np.array([0, 0, 1, 1])
    cut = fc.fit_threshold(scores, y)
    assert cut != 0.5
    pred = scores >= cut
    assert (pred == (y == 1)).sum() == 3  # one of the tied pair is wrong either way


def test_binary_scores_count_each_kind_of_error():
    got = fc.binary_scores(np.array([True, True, False, False]), np.array([1, 0, 1, 0]))
    assert (got["accuracy"], got["precision"], got["recall"]) == (0.5, 0.5, 0.5)


def test_covered_counts_non_space_characters_only():
    assert field._covered("ab cd", [(0, 3)]) == 0.5  # "ab" of "abcd"
    assert field._covered("ab cd", []) == 0.0


def test_clough_cascade_and_cross_validation():
    row = {"v": 0.1, "e": 0.45, "r": 0.9}
    assert field._level(row, field.RULE) == "light"
    assert field._level({"v": 0.0, "e": 0.0, "r": 0.1}, field.RULE) == "non"
    # Two tasks whose answers are separable at the same cut: each fold learns it from the other.
    rows = [
        {"Task": t, "Category": c, "v": v, "e": v, "r": v}
        for t in "ab"
        for c, v in (("cut", 0.9), ("non", 0.0))
    ]
    assert field._leave_one_task_out(rows) == ["cut", "non", "cut", "non"]


def test_near_copy_changes_every_40th_word_of_the_flat_text():
    flat = memory.no_punctuation("One, two. " * 40)
    assert flat == " ".join(["one two"] * 40) + "\n"
    changed = memory.near_copy(flat).split()
    assert len(changed) == 80 and changed[39] == changed[79] == "changed"
    assert changed.count("changed") == 2
