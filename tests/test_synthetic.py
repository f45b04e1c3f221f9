"""benchmarks/synthetic.py's filler once the public sentences run out: relexicalised sentences
keep the shape of their source, are new text, and are never handed out twice."""

from __future__ import annotations

import random

from benchmarks import synthetic

POOL = [
    ("set", "The company said its profits rose sharply in the third quarter.", ""),
    ("set", "Officials in the capital expect the new bridge to open next spring.", ""),
    ("set", "A spokesman for the ministry declined to comment on the report.", ""),
    ("set", "Farmers across the region have struggled with the long drought.", ""),
]
# Enough vocabulary for the permutation bands to hold many words each, as in the real pool
# (49,555 sentences): 80 sentences of 8 made-up content words around two function words.
_rng = random.Random(0)
WORDS = sorted(
    {
        "".join(_rng.choice("bcdfgklmnprstv") + _rng.choice("aeiou") for _ in range(3))
        for _ in range(400)
    }
)
BIG_POOL = POOL + [
    (
        "set",
        " ".join(["The", *_rng.sample(WORDS, 4), "of", "the", *_rng.sample(WORDS, 4)]) + ".",
        "",
    )
    for _ in range(80)
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
    pool = synthetic._Pool(BIG_POOL, random.Random(3), seed=3)
    taken = [pool.take() for _ in range(len(BIG_POOL) * 3)]
    texts = [text for _, text in taken]
    assert len(set(texts)) == len(texts)  # nothing placed twice
    assert pool.relexicalised == len(taken) - len(BIG_POOL) and pool.rounds >= 3
    sid, text = taken[-1]
    source, item_text, doc = pool.items[sid]
    assert item_text == text and source.endswith("(relexicalised)") and "#r" in doc


def test_a_rewrite_that_keeps_most_words_is_not_handed_out():
    # Mostly function words, no 6-word run in common with a rewrite (the other filter): only
    # MIN_CHANGED keeps its rewrites, near copies of it, out.
    stock = ("set", "He was kitten of what the dinner had been garden by any of them.", "")
    pool = synthetic._Pool([*BIG_POOL, stock], random.Random(5), seed=5)
    texts = [pool.take()[1] for _ in range(len(BIG_POOL) * 3)]
    assert pool.relexicalised > 0
    for text in texts:
        if text != stock[1] and len(text.split()) == len(stock[1].split()):
            # at least half the words changed: below the aligner's 0.7 edited-copy similarity
            assert synthetic.changed_share(stock[1], text) >= 0.5, text


def test_changed_share_counts_word_positions():
    assert synthetic.changed_share("a b c d", "a x c y") == 0.5
    assert synthetic.changed_share("A b", "a b") == 0.0  # case is not a change
