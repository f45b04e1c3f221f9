"""The judge's NLI batch: both readings of each pair, each distinct reading asked once, cached."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from overlap.cache import EmbeddingStore
from overlap.nli_pairs import pair_scores
from overlap.types import NLIProbs


class CountingNLI:
    """A fake model whose probabilities depend on which text is the premise, so a swapped
    reading is visible; it records every pair it is asked."""

    model_id = "fake-nli-1"

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.asked.extend(pairs)
        rows = []
        for premise, hypothesis in pairs:
            entail = 0.8 if len(premise) > len(hypothesis) else 0.1
            rows.append([entail, 0.05, 0.95 - entail])
        return np.asarray(rows, dtype=np.float32)


def test_both_readings_come_back_in_order_and_rounded():
    nli = CountingNLI()
    [scores] = pair_scores(nli, [("a longer premise", "short")])
    assert scores is not None
    assert scores.a_to_b == NLIProbs(0.8, 0.05, 0.15)
    assert scores.b_to_a == NLIProbs(0.1, 0.05, 0.85)
    assert nli.asked == [("a longer premise", "short"), ("short", "a longer premise")]


def test_a_repeated_pair_is_asked_once():
    nli = CountingNLI()
    texts = [("one text", "another text"), ("one text", "another text")]
    first, second = pair_scores(nli, texts)
    assert first == second
    assert len(nli.asked) == 2


def test_no_model_gives_no_scores():
    assert pair_scores(None, [("a", "b"), ("c", "d")]) == [None, None]


def test_a_second_run_reads_the_cache_and_asks_the_model_nothing(tmp_path):
    texts = [("the council approved the budget", "the budget passed")]
    with EmbeddingStore(tmp_path / "cache.sqlite") as store:
        fresh = pair_scores(CountingNLI(), texts, store)
    again = CountingNLI()
    with EmbeddingStore(tmp_path / "cache.sqlite") as store:
        cached = pair_scores(again, texts, store)
    assert cached == fresh
    assert again.asked == []
