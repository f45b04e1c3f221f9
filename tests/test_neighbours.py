from __future__ import annotations

import numpy as np
import pytest

from overlap.neighbours import dense_hits, ivf_hits, neighbour_pairs, symmetric_pairs


def _clustered(n: int, dim: int = 32, topics: int = 40, seed: int = 3):
    """Unit vectors around a few topics, plus a planted near copy of every 10th row."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(topics, dim))
    v = centres[rng.integers(0, topics, n)] + 0.8 * rng.normal(size=(n, dim))
    planted = [(i, i + 1) for i in range(0, n - 1, 10)]
    for i, j in planted:
        v[j] = v[i] + 0.05 * rng.normal(size=dim)
    v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
    return v, np.arange(n) // 3, planted  # groups of 3 rows: a planted pair spans two groups


def _pairs(hits):
    rows, cols, _ = hits
    return set(zip(rows.tolist(), cols.tolist(), strict=True))


def test_ivf_finds_what_the_exact_search_finds():
    v, groups, planted = _clustered(3000)
    exact = _pairs(dense_hits(v, groups, 0.5, 10))
    approx = _pairs(ivf_hits(v, groups, 0.5, 10))
    assert len(approx & exact) >= 0.95 * len(exact)
    found = {(min(i, j), max(i, j)) for i, j in approx}
    assert {p for p in planted if groups[p[0]] != groups[p[1]]} <= found


def test_ivf_scores_are_exact_cosines_and_rules_hold():
    v, groups, _ = _clustered(1200)
    rows, cols, sims = ivf_hits(v, groups, 0.4, 5)
    assert len(rows)
    np.testing.assert_allclose(sims, (v[rows] * v[cols]).sum(axis=1), atol=1e-5)
    assert (groups[rows] != groups[cols]).all() and (sims >= 0.4).all()
    assert np.bincount(rows).max() <= 5


def test_ivf_is_deterministic():
    v, groups, _ = _clustered(2000)
    first = ivf_hits(v, groups, 0.5, 10)
    second = ivf_hits(v, groups, 0.5, 10)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_neighbour_pairs_switches_to_the_index_above_exact_max():
    v, groups, planted = _clustered(2500)
    exact = neighbour_pairs(v, groups, 0.6, k=10)
    indexed = neighbour_pairs(v, groups, 0.6, k=10, exact_max=1000)
    assert indexed == sorted(indexed) and all(i < j for i, j, _ in indexed)
    same = {(i, j) for i, j, _ in exact} & {(i, j) for i, j, _ in indexed}
    assert len(same) >= 0.95 * len(exact)
    assert {p for p in planted if groups[p[0]] != groups[p[1]]} <= {(i, j) for i, j, _ in indexed}


def test_symmetric_pairs_keeps_the_higher_direction():
    rows, cols = np.array([0, 2, 1]), np.array([2, 0, 3])
    sims = np.array([0.5, 0.7, 0.9], dtype=np.float32)
    assert symmetric_pairs(rows, cols, sims, 4) == [
        (0, 2, pytest.approx(0.7)),
        (1, 3, pytest.approx(0.9)),
    ]
    assert symmetric_pairs(np.zeros(0, int), np.zeros(0, int), np.zeros(0, np.float32), 4) == []
