"""Which article pairs share real text: the pairs the rewritten-sentence pass (rewrite.py) reads.

That pass finds a sentence by the content words and word pairs it keeps from the other article,
without asking whether the two mean the same. Between a wire story and a paper's version of it
the words kept are the reuse. Between two articles that only happen to share a stock phrase, a
short sentence matches by chance: "as a last resort" / "as a last resort.", "A girl is playing a
piano." / "Someone is playing a piano.". In a folder of one story's versions every pair is
related anyway; in a corpus of thousands of articles almost every pair has a shingle candidate
or two sentences near in meaning somewhere, and the pass read all of them: on the synthetic
1,000 articles it made 1,961 of the 2,779 reuse findings, 1,916 of them false (precision 79.6 %
-> 19.8 %; reports/benchmarks.md, "compare (issue 2)").

So a pair is linked by evidence that its two articles share text, not by a candidate alone:

- a copy or a paraphrase the alignment found between them (align.align_across: a verbatim or
  edited run of at least min_copy_words shared words, or a sentence pair the paraphrase scorer
  accepts), or
- candidates on at least `MIN_CANDIDATE_SENTENCES` different sentences of each article: sentence
  pairs sharing shingles (a name, a phrase) or near in meaning (the embedding neighbours, accepted
  by the scorer or not). A story rewritten throughout keeps its names and each sentence's meaning
  all the way through; two unrelated articles meet in a sentence or two.
- for a short article the bar scales with it: candidates on `MIN_CANDIDATE_SHARE` of the shorter
  article's sentences (rounded up), never more than the 3. A brief of 1-4 sentences written from a
  long wire story cannot have candidates on 3 sentences of its own, yet every sentence of it is
  the story's: on METER's dev stories 9 of 116 derived papers were linked to no wire file, most of
  them such briefs. Offline over those stories' captured align inputs the scaled bar took
  derived-vs-non AUC from 0.801 to 0.835 (span precision 0.831 -> 0.832).

What is *not* evidence: a shingle candidate that aligns to no copy (a shared 4-word phrase) or a
near-meaning sentence pair on its own, or several of them on one sentence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from .types import ArticlePair, Finding, PairScore, SentencePair

# Candidates link two articles without an aligned finding when they reach this many different
# sentences on each side. On the synthetic 1,000 articles 17 pairs pass at 3 (634 at 2, where
# most pairs are chance); two near-meaning pairs were the old bar, with any shingle candidate.
MIN_CANDIDATE_SENTENCES = 3
# ... or this share of the shorter article's sentences, rounded up: 1 sentence of articles of 1-2
# sentences, 2 of 3-5, the full 3 from 6 up (a brief's summary sentence merges several wire
# sentences, so a few of its sentences carry the story).
MIN_CANDIDATE_SHARE = 0.34


def sentences_needed(
    shorter: int, most: int = MIN_CANDIDATE_SENTENCES, share: float = MIN_CANDIDATE_SHARE
) -> int:
    """How many different sentences of each side candidates must reach to link two articles,
    the shorter of which has `shorter` sentences.

    >>> [sentences_needed(n) for n in (1, 2, 3, 5, 6, 40)]
    [1, 1, 2, 2, 3, 3]
    """
    return min(most, max(1, math.ceil(share * shorter)))


def linked_pairs(
    found: Mapping[ArticlePair, Sequence[Finding]],
    copies: Mapping[ArticlePair, Iterable[SentencePair]],
    accepted: Mapping[ArticlePair, Mapping[SentencePair, PairScore]],
    related: Mapping[ArticlePair, Mapping[SentencePair, float]],
    sentence_counts: Sequence[int] | None = None,
    min_sentences: int = MIN_CANDIDATE_SENTENCES,
) -> set[ArticlePair]:
    """The article pairs worth reading for rewritten sentences: those with an aligned finding
    (`found`, per pair of article positions), and those whose candidate sentence pairs (shingle
    `copies`, paraphrases `accepted` by the scorer, near-meaning pairs only `related`) together
    reach `min_sentences` different sentences on both sides, or fewer when the shorter article
    is short (`sentences_needed`; `sentence_counts` per article position; without them the full
    bar applies).

    >>> linked_pairs({(0, 1): ["a copy"]}, {(0, 2): [(1, 1)]}, {}, {(0, 2): {(2, 1): 0.7}})
    {(0, 1)}
    >>> sorted(linked_pairs({}, {(0, 2): [(1, 4)]}, {}, {(0, 2): {(2, 5): 0.7, (3, 6): 0.6}}))
    [(0, 2)]
    >>> linked_pairs({}, {}, {}, {(0, 1): {(2, 0): 0.7}}, sentence_counts=[20, 2])
    {(0, 1)}
    """
    out = {pair for pair, findings in found.items() if findings}
    for pair in set(copies) | set(accepted) | set(related):
        near = set(copies.get(pair, ())) | set(accepted.get(pair, {})) | set(related.get(pair, {}))
        left, right = {i for i, _ in near}, {j for _, j in near}
        need = min_sentences
        if sentence_counts is not None:
            shorter = min(sentence_counts[pair[0]], sentence_counts[pair[1]])
            need = sentences_needed(shorter, min_sentences)
        if min(len(left), len(right)) >= need:
            out.add(pair)
    return out
