from __future__ import annotations

import numpy as np
import pytest

from overlap.neighbours import neighbour_pairs
from overlap.shingles import copy_pairs, shingle_hashes
from overlap.textnorm import tokenize

UNRELATED = [
    "The council approved the new budget after a long debate on Tuesday night.",
    "Heavy rain flooded several streets in the northern district over the weekend.",
    "The football club signed a young striker from a rival team in the south.",
    "Scientists described a new species of frog found in the cloud forest.",
    "Shares in the airline fell sharply after it cut its profit forecast.",
    "A new museum of modern art opened its doors to the public this spring.",
]
ORIGINAL = (
    "The White House strategy report contains few surprises and is clearly based on a "
    "drift away from policies focused on security."
)
# An edited copy: different casing, accents and one changed word.
COPY = (
    "the WHITE HOUSE strategy report contains few surprises, and is clearly based on a "
    "shift away from policies focused on security"
)


def words(text: str) -> list[str]:
    return [t.norm for t in tokenize(text)]


def test_shingle_hashes_distinct_and_order_sensitive():
    ids = np.array([1, 2, 3, 1, 2, 3])
    hashes = shingle_hashes(ids, 3)
    assert hashes.dtype == np.uint64
    assert len(hashes) == 3  # (1,2,3) twice, (2,3,1), (3,1,2)
    assert len(shingle_hashes(np.array([1, 2]), 3)) == 0
    assert not set(shingle_hashes(np.array([1, 2, 3]), 3)) & set(
        shingle_hashes(np.array([3, 2, 1]), 3)
    )


def test_copy_pairs_finds_a_planted_copy():
    units = (
        [words(t) for t in UNRELATED[:3]]
        + [words(ORIGINAL)]
        + [words(t) for t in UNRELATED[3:]]
        + [words(COPY)]
    )
    pairs = copy_pairs(units, n=3)
    assert [(i, j) for i, j, _ in pairs] == [(3, 7)]
    _, _, containment = pairs[0]
    # one changed word removes 3 of the copy's 19 trigrams
    assert containment == pytest.approx(16 / 19)


def test_copy_pairs_is_symmetric_in_order():
    a, b = words(ORIGINAL), words(COPY)
    assert copy_pairs([b, words(UNRELATED[0]), a]) == [(0, 2, pytest.approx(16 / 19))]


def test_copy_pairs_exact_copy_has_full_containment():
    a = words(ORIGINAL)
    longer = words("Analysts said on Monday that " + ORIGINAL)
    [(i, j, c)] = copy_pairs([longer, a])
    assert (i, j, c) == (0, 1, 1.0)  # measured against the shorter unit


def test_copy_pairs_respects_min_containment():
    shared = ["the", "white", "house", "strategy", "report", "contains", "few", "surprises"]
    a = shared + [f"alpha{i}" for i in range(30)]
    b = [f"beta{i}" for i in range(30)] + shared
    # 6 shared trigrams out of 36 in each: containment 1/6
    [(i, j, c)] = copy_pairs([a, b], min_containment=0.1)
    assert (i, j) == (0, 1) and c == pytest.approx(6 / 36)
    assert copy_pairs([a, b], min_containment=0.2) == []
    assert copy_pairs([a, b], min_containment=6 / 36) != []  # the bound is inclusive


def test_copy_pairs_respects_min_shared():
    a = ["one", "two", "three", "four", "five"]
    b = ["zero", "one", "two", "three", "six"]  # one shared trigram
    assert copy_pairs([a, b], min_shared=1) == [(0, 1, pytest.approx(1 / 3))]
    assert copy_pairs([a, b], min_shared=2) == []


def test_copy_pairs_ignores_stock_phrases_above_max_frequency():
    stock = ["according", "to", "the", "report"]
    units = [stock + [f"w{i}a", f"w{i}b", f"w{i}c"] for i in range(6)]
    # every unit shares the stock phrase's two trigrams with every other one
    assert len(copy_pairs(units, max_frequency=6)) == 15
    # posted by 6 units, above a limit of 5: no evidence at all
    assert copy_pairs(units, max_frequency=5) == []


def test_stock_phrase_does_not_hide_a_real_copy():
    stock = ["according", "to", "the", "report"]
    units = [stock + [f"w{i}a", f"w{i}b", f"w{i}c"] for i in range(6)]
    units += [words(ORIGINAL), words(COPY)]
    pairs = copy_pairs(units, max_frequency=5)
    assert [(i, j) for i, j, _ in pairs] == [(6, 7)]


def test_copy_pairs_degenerate_inputs():
    assert copy_pairs([]) == []
    assert copy_pairs([[], ["a"], ["a", "b"]]) == []
    assert copy_pairs([["a", "b", "c"]]) == []
    # a unit repeating itself is not a pair with itself
    assert copy_pairs([["a", "b", "c", "a", "b", "c"]]) == []


def test_copy_pairs_uses_the_shingle_size():
    a = ["w1", "w2", "x", "w3", "w4", "y", "w5", "w6"]
    b = ["w1", "w2", "p", "w3", "w4", "q", "w5", "w6"]  # shares only bigrams
    assert copy_pairs([a, b], n=3) == []
    assert copy_pairs([a, b], n=2) == [(0, 1, pytest.approx(3 / 7))]


def _unit(rng, dim=16):
    v = rng.normal(size=dim).astype(np.float32)
    return v / np.linalg.norm(v)


def test_neighbour_pairs_never_pairs_within_a_group():
    rng = np.random.default_rng(0)
    base = _unit(rng)
    # three near-identical vectors in group 0, one close copy in group 1, noise in group 2
    close = [base + 0.01 * _unit(rng) for _ in range(3)]
    vectors = np.stack(
        [v / np.linalg.norm(v) for v in close] + [base] + [_unit(rng) for _ in range(4)]
    )
    groups = np.array([0, 0, 0, 1, 2, 2, 2, 2])
    pairs = neighbour_pairs(vectors, groups, threshold=0.9, k=3)
    assert pairs
    for i, j, score in pairs:
        assert i < j
        assert groups[i] != groups[j]
        assert score == pytest.approx(float(vectors[i] @ vectors[j]), abs=1e-6)
    assert {(i, j) for i, j, _ in pairs} == {(0, 3), (1, 3), (2, 3)}


def test_neighbour_pairs_respects_threshold():
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32)
    groups = np.arange(4)
    cos = vectors @ vectors.T
    for threshold in (0.95, 0.8, 0.6, 0.0):
        pairs = neighbour_pairs(vectors, groups, threshold=threshold)
        expected = {
            (i, j) for i in range(4) for j in range(i + 1, 4) if cos[i, j] >= threshold - 1e-6
        }
        assert {(i, j) for i, j, _ in pairs} == expected, threshold
        assert all(s >= threshold - 1e-6 for _, _, s in pairs)


def test_neighbour_pairs_lowest_threshold_still_skips_own_group():
    vectors = np.array([[1, 0], [0, 1], [-1, 0], [0, -1]], dtype=np.float32)
    groups = np.array([0, 0, 1, 1])
    pairs = neighbour_pairs(vectors, groups, threshold=-1.0)
    assert {(i, j) for i, j, _ in pairs} == {(0, 2), (0, 3), (1, 2), (1, 3)}
    assert neighbour_pairs(vectors, np.zeros(4), threshold=-1.0) == []


def test_neighbour_pairs_k_limits_each_row():
    # one query in group 0, five candidates in group 1 at falling similarity
    angles = np.linspace(0.0, 0.5, 6)
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    groups = np.array([0, 1, 1, 1, 1, 1])
    pairs = neighbour_pairs(vectors, groups, threshold=0.0, k=2)
    # row 0 keeps its 2 nearest (1, 2); each of rows 1-5 has only row 0 in another group
    assert {(i, j) for i, j, _ in pairs} == {(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)}
    pairs_k1 = neighbour_pairs(vectors[:3], groups[:3], threshold=0.0, k=1)
    assert {(i, j) for i, j, _ in pairs_k1} == {(0, 1), (0, 2)}


def test_neighbour_pairs_blocks_give_the_same_answer():
    rng = np.random.default_rng(7)
    vectors = np.stack([_unit(rng, 8) for _ in range(23)])
    groups = rng.integers(0, 4, size=23)
    whole = neighbour_pairs(vectors, groups, threshold=0.3, k=4)
    assert whole
    for block in (1, 2, 5, 22):
        blocked = neighbour_pairs(vectors, groups, threshold=0.3, k=4, block=block)
        assert [(i, j) for i, j, _ in blocked] == [(i, j) for i, j, _ in whole]
        # the same cosines, up to float32 rounding of a matrix product of another shape
        assert [s for *_, s in blocked] == pytest.approx([s for *_, s in whole], abs=1e-6)
    assert whole == sorted(whole)


def test_neighbour_pairs_small_inputs():
    assert neighbour_pairs(np.zeros((0, 4), np.float32), np.zeros(0), 0.5) == []
    one = np.array([[1.0, 0.0]], dtype=np.float32)
    assert neighbour_pairs(one, np.array([0]), 0.5) == []
    two = np.array([[1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    assert neighbour_pairs(two, np.array([0, 1]), 0.5, k=10) == [(0, 1, 1.0)]


def test_fake_embedder_proposes_the_planted_paraphrase(fake_embedder):
    texts = [*UNRELATED, ORIGINAL, COPY]
    vectors = fake_embedder.encode(texts)
    groups = np.arange(len(texts))
    pairs = neighbour_pairs(vectors, groups, threshold=0.7)
    assert [(i, j) for i, j, _ in pairs] == [(6, 7)]


def test_shortlisted_paragraph_pairs_are_decided_by_the_encoder(make_article, fake_embedder):
    from overlap.config import Settings
    from overlap.neighbours import mean_vectors
    from overlap.paraphrase_passages import confirm_paragraph_pairs
    from overlap.progress import NoProgress
    from overlap.segment import segment

    a = make_article("Rain fell on the port city all night. Ships stayed in the harbour.", "a")
    b = make_article("Rain fell on the port city all night long. Fishing boats stayed home.", "b")
    c = make_article("Markets rallied on Tuesday.", "c")
    segs = [segment(x, ()) for x in (a, b, c)]
    para_keys = [(0, 0), (1, 0), (2, 0)]
    in_paragraph = {(ai, 0): [(ai, x.index) for x in segs[ai].sentences] for ai in range(3)}
    rows = [fake_embedder.encode([x.text for x in seg.sentences]) for seg in segs]
    means = np.vstack([mean_vectors(r, [list(range(len(r)))]) for r in rows])
    # A shortlist that holds one true pair (a, b) and one wrong one (a, c).
    shortlist = [(0, 1, 0.9), (0, 2, 0.9)]
    before = fake_embedder.encoded
    pairs, (passages, fresh, cached) = confirm_paragraph_pairs(
        shortlist,
        means,
        para_keys,
        segs,
        in_paragraph,
        fake_embedder,
        None,
        Settings(paragraph_candidate_min=0.5, cache_path=None),
        NoProgress(),
    )
    assert [(u, v) for u, v, _ in pairs] == [(0, 1)]
    true = fake_embedder.encode([segs[0].paragraphs[0].text, segs[1].paragraphs[0].text])
    assert pairs[0][2] == pytest.approx(float(true[0] @ true[1]), abs=1e-5)
    # c's paragraph is its one sentence: its sentence vector serves, it is not encoded again.
    assert passages == fresh == 2 and cached == 0
    assert fake_embedder.encoded - before == 2 + 2  # two paragraphs here, two for `true`


def test_copy_pairs_keep_a_clause_shared_by_two_long_sentences():
    # An 8-word clause (6 trigrams) inside two 38-word sentences: containment 1/6, under the
    # bar, but 6 shared shingles are a run of shared words whatever the sentences' length.
    shared = ["jailed", "for", "six", "years", "at", "leeds", "crown", "court"]
    a = shared + [f"alpha{i}" for i in range(30)]
    b = [f"beta{i}" for i in range(30)] + shared
    assert copy_pairs([a, b], min_containment=0.25) == []
    assert [(i, j) for i, j, _ in copy_pairs([a, b], min_containment=0.25, min_shared_any=4)] == [
        (0, 1)
    ]
    assert copy_pairs([a, b], min_containment=0.25, min_shared_any=7) == []
    # scattered words shared one at a time make no shingles: still no pair
    c = [w for pair in zip(shared, [f"gamma{i}" for i in range(8)], strict=True) for w in pair]
    assert copy_pairs([a, c], min_containment=0.25, min_shared_any=4) == []
