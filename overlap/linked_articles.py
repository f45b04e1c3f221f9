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

What is *not* evidence: a shingle candidate that aligns to no copy (a shared 4-word phrase) or a
near-meaning sentence pair on its own, or several of them on one sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .types import ArticlePair, Finding, PairScore, SentencePair

# Candidates link two articles without an aligned finding when they reach this many different
# sentences on each side. On the synthetic 1,000 articles 17 pairs pass at 3 (634 at 2, where
# most pairs are chance); two near-meaning pairs were the old bar, with any shingle candidate.
MIN_CANDIDATE_SENTENCES = 3


def linked_pairs(
    found: Mapping[ArticlePair, Sequence[Finding]],
    copies: Mapping[ArticlePair, Iterable[SentencePair]],
    accepted: Mapping[ArticlePair, Mapping[SentencePair, PairScore]],
    related: Mapping[ArticlePair, Mapping[SentencePair, float]],
    min_sentences: int = MIN_CANDIDATE_SENTENCES,
) -> set[ArticlePair]:
    """The article pairs worth reading for rewritten sentences: those with an aligned finding
    (`found`, per pair of article positions), and those whose candidate sentence pairs (shingle
    `copies`, paraphrases `accepted` by the scorer, near-meaning pairs only `related`) together
    reach `min_sentences` different sentences on both sides.

    >>> linked_pairs({(0, 1): ["a copy"]}, {(0, 2): [(1, 1)]}, {}, {(0, 2): {(2, 1): 0.7}})
    {(0, 1)}
    >>> sorted(linked_pairs({}, {(0, 2): [(1, 4)]}, {}, {(0, 2): {(2, 5): 0.7, (3, 6): 0.6}}))
    [(0, 2)]
    """
    out = {pair for pair, findings in found.items() if findings}
    for pair in set(copies) | set(accepted) | set(related):
        near = set(copies.get(pair, ())) | set(accepted.get(pair, {})) | set(related.get(pair, {}))
        left, right = {i for i, _ in near}, {j for _, j in near}
        if min(len(left), len(right)) >= min_sentences:
            out.add(pair)
    return out
