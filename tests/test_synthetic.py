"""benchmarks/synthetic.py's filler once the public sentences run out: relexicalised sentences
keep the shape of their source, are new text, and are never handed out twice."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import synthetic  # noqa: E402

POOL = [
    ("set", "The company said its profits rose sharply in the third quarter.", ""),
    ("set", "Officials in the capital expect the new bridge to open next spring.", ""),
    ("set", "A spokesman for the ministry declined to comment on the report.", ""),
    ("set", "Farmers across the region have struggled with the long drought.", ""),
]


def test_rewrite_keeps_function_words_and_shape_and_swaps_content_words():
    relex = synthetic._Relexicaliser([t for _, t, _ in POOL], seed=1)
    source = POOL[0][1]
    new = relex.rewrite(source, 2)
    assert new != source and len(new.split()) == len(source.split())
    for old_word, new_word in zip(source.split(), new.split(), strict=True):
        if old_word.lower().strip(".") in synthetic.FUNCTION_WORDS:
            assert new_word == old_word
    assert new[0].isupper() and new.endswith(".")
    assert relex.rewrite(source, 2) == new  # seeded: the same round gives the same text


def test_a_sentence_sharing_a_long_run_with_earlier_filler_is_not_fresh():
    relex = synthetic._Relexicaliser([t for _, t, _ in POOL], seed=1)
    assert not relex.fresh(POOL[1][1])  # the pool's own sentence
    novel = "Seven quiet engineers painted every orange wall before dawn yesterday."
    assert relex.fresh(novel)
    assert not relex.fresh(novel)  # remembered


def test_pool_past_its_sentences_hands_out_new_distinct_items():
    pool = synthetic._Pool(POOL, random.Random(3), seed=3)
    taken = [pool.take() for _ in range(len(POOL) * 3)]
    texts = [text for _, text in taken]
    assert len(set(texts)) == len(texts)  # nothing placed twice
    assert pool.relexicalised == len(taken) - len(POOL) and pool.rounds >= 3
    sid, text = taken[-1]
    source, item_text, doc = pool.items[sid]
    assert item_text == text and source.endswith("(relexicalised)") and "#r" in doc
