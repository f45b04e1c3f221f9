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
- for a short article the bar scales with it: candidates between prose sentences (`is_prose`)
  on `MIN_CANDIDATE_SHARE` of the shorter article's sentences (rounded up), never more than the
  3. A brief of 1-4 sentences written from a long wire story cannot have candidates on 3
  sentences of its own, yet every sentence of it is the story's: on METER's dev stories 9 of 116
  derived papers were linked to no wire file, most of them such briefs. Only candidates between
  prose count because table lines are sentences too: an earnings brief ("Shr 25 cts vs 20 cts",
  "Net 1.2 mln vs 900,000") meets every other one in a line or two of figures, and counting
  those linked 88 such pairs among 400 Reuters stories. The share is of all the shorter
  article's sentences, so a brief of table lines and one prose note needs the full 3.
  And the two must share a name (`shares_a_name`) that one of them also writes outside the
  matched sentences: a brief keeps the defendant's, victim's and court's names of its wire
  story, which names them again in its other sentences, while two companies' dividend or
  redemption briefs meet in a stock sentence ("payable April 1 to holders of record March
  20.") and name different companies. With prose alone the scaled bar still added 26 reuse
  findings among those 400 Reuters stories, 10 of them such stock prose; with the name, 8, all
  between two stories of one event (coffee-quota talks, Bank of England money-market updates).

What is *not* evidence: a shingle candidate that aligns to no copy (a shared 4-word phrase) or a
near-meaning sentence pair on its own, or several of them on one sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from .lexicon import CALENDAR_WORDS, FUNCTION_WORDS, PRONOUNS, TITLES
from .textnorm import fold, tokenize
from .types import ArticlePair, Finding, PairScore, Sentence, SentencePair

# Candidates link two articles without an aligned finding when they reach this many different
# sentences on each side. On the synthetic 1,000 articles 17 pairs pass at 3 (634 at 2, where
# most pairs are chance); two near-meaning pairs were the old bar, with any shingle candidate.
MIN_CANDIDATE_SENTENCES = 3
# ... or, between prose sentences, this share of the shorter article's sentences, rounded up:
# 1 sentence of articles of 1-2, 2 of 3-5, the full 3 from 6 up (a brief's summary sentence
# merges several wire sentences, so a few of its sentences carry the story).
MIN_CANDIDATE_SHARE = 0.34
# A prose sentence has this many words, most of them words of letters, and a grammatical word:
# a line of a table or an earnings brief ("Qtly div 12 cts vs 12 cts prior") has figures and
# abbreviations but no article, preposition or auxiliary to join them.
MIN_PROSE_WORDS = 6
_GRAMMAR_WORDS = frozenset(
    {"a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "as", "and"}
    | {"or", "but", "that", "which", "who", "is", "are", "was", "were", "be", "been", "has"}
    | {"have", "had", "will", "would", "said", "says", "it", "its", "this", "their", "his"}
    | {"her", "they", "he", "she", "we"}
)
_WORD = re.compile(r"\S+")
# A name's word: a capital then a small letter ("Pike", "McKay", "O'Brien"); headlines in
# capitals and acronyms of tables ("QTR", "NET") are not names here.
_TITLECASE = re.compile(r"^[A-Z](?:[a-z]|'[A-Z])")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_NOT_NAMES = CALENDAR_WORDS | FUNCTION_WORDS | PRONOUNS | TITLES
_LETTERS = re.compile(r"^[^\w]*[A-Za-z][A-Za-z'\-]*[^\w]*$")


def is_prose(text: str) -> bool:
    """Whether a sentence is running prose rather than a line of figures.

    >>> is_prose("The company said the dividend is payable on April 15 to holders.")
    True
    >>> is_prose("Shr 25 cts vs 20 cts Net 1,234,000 vs 987,000 Revs 10.1 mln vs 9.8 mln")
    False
    """
    words = _WORD.findall(text)
    if len(words) < MIN_PROSE_WORDS:
        return False
    lettered = [w for w in words if _LETTERS.match(w)]
    if 2 * len(lettered) <= len(words):
        return False
    return any(w.strip(".,;:\"'()").lower() in _GRAMMAR_WORDS for w in lettered)


def sentences_needed(
    shorter: int, most: int = MIN_CANDIDATE_SENTENCES, share: float = MIN_CANDIDATE_SHARE
) -> int:
    """How many different prose sentences of each side candidates between prose sentences must
    reach to link two articles, the shorter of which has `shorter` sentences.

    >>> [sentences_needed(n) for n in (1, 2, 3, 5, 6, 40)]
    [1, 1, 2, 2, 3, 3]
    """
    return min(most, max(1, math.ceil(share * shorter)))


def linked_pairs(
    found: Mapping[ArticlePair, Sequence[Finding]],
    copies: Mapping[ArticlePair, Iterable[SentencePair]],
    accepted: Mapping[ArticlePair, Mapping[SentencePair, PairScore]],
    related: Mapping[ArticlePair, Mapping[SentencePair, float]],
    sentences: Sequence[Sequence[Sentence]] | None = None,
    min_sentences: int = MIN_CANDIDATE_SENTENCES,
) -> set[ArticlePair]:
    """The article pairs worth reading for rewritten sentences: those with an aligned finding
    (`found`, per pair of article positions), and those whose candidate sentence pairs (shingle
    `copies`, paraphrases `accepted` by the scorer, near-meaning pairs only `related`) together
    reach `min_sentences` different sentences on both sides, or, when the shorter article has
    few sentences, the scaled bar between prose sentences (`sentences_needed`) with a name the
    two share outside what matched (`shares_a_name`); `sentences` per article position, without
    them only the full bar applies. (Below, the last wire has no other sentence naming Kerr.)

    >>> linked_pairs({(0, 1): ["a copy"]}, {(0, 2): [(1, 1)]}, {}, {(0, 2): {(2, 1): 0.7}})
    {(0, 1)}
    >>> sorted(linked_pairs({}, {(0, 2): [(1, 4)]}, {}, {(0, 2): {(2, 5): 0.7, (3, 6): 0.6}}))
    [(0, 2)]
    >>> brief = [Sentence(0, 0, 0, 40, "The judge said Tom Kerr was guilty of theft.")]
    >>> wire = [Sentence(i, i, 0, 9, "Shr 2 cts") for i in range(4)]
    >>> wire.append(Sentence(4, 4, 0, 40, "A judge said Tom Kerr was guilty of theft."))
    >>> wire.append(Sentence(5, 5, 0, 40, "The court heard that Tom Kerr had denied it."))
    >>> linked_pairs({}, {}, {}, {(0, 1): {(4, 0): 0.7}}, sentences=[wire, brief])
    {(0, 1)}
    >>> linked_pairs({}, {}, {}, {(0, 1): {(0, 0): 0.7}}, sentences=[wire, brief])
    set()
    >>> linked_pairs({}, {}, {}, {(0, 1): {(4, 0): 0.7}}, sentences=[wire[:5], brief])
    set()
    """
    prose = None if sentences is None else [_prose_indices(sents) for sents in sentences]
    out = {pair for pair, findings in found.items() if findings}
    for pair in set(copies) | set(accepted) | set(related):
        near = set(copies.get(pair, ())) | set(accepted.get(pair, {})) | set(related.get(pair, {}))
        left, right = {i for i, _ in near}, {j for _, j in near}
        full_bar = min(len(left), len(right)) >= min_sentences
        # the scaled bar only where the full one fails: it reads the pair's names
        if full_bar or (
            sentences is not None
            and prose is not None
            and _prose_bar_met(near, prose[pair[0]], prose[pair[1]])
            and shares_a_name(sentences[pair[0]], sentences[pair[1]], left, right)
        ):
            out.add(pair)
    return out


def names_in(text: str) -> set[str]:
    """The names a sentence writes: runs of capitalised words (Titlecase, so not a headline in
    capitals) after its first word, folded, less calendar words, titles and function words
    ("Judge Alan Hughes" gives "alan hughes"). A sentence's first word is capitalised whatever
    it is ("Police", "Shares"), so it is left out.

    >>> sorted(names_in("Darren Pike, 29, wounded Imran Malik outside a nightclub in Bradford."))
    ['bradford', 'imran malik', 'pike']
    >>> sorted(names_in("Police said the dividend is payable April 15 to holders of record."))
    []
    """
    runs: list[list[str]] = []
    last_end = -1
    for token in tokenize(text)[1:]:
        word = fold(_POSSESSIVE.sub("", token.raw))  # "December's" is December
        if not (_TITLECASE.match(token.raw) and word not in _NOT_NAMES):
            last_end = -1
            continue
        if last_end >= 0 and text[last_end : token.start].strip() in ("", "-"):
            runs[-1].append(word)  # "Imran Malik", "Bloggs-Smith": one name
        else:
            runs.append([word])
        last_end = token.end
    return {" ".join(run) for run in runs}


def shares_a_name(
    a: Sequence[Sentence], b: Sequence[Sentence], near_a: set[int], near_b: set[int]
) -> bool:
    """Whether two articles name someone or something in common outside what matched: a name of
    both that one of them also writes in a sentence no candidate joined (`near_a`, `near_b`).
    A brief written from a wire story names its defendant, victim and court, which the wire
    story repeats in its other sentences; two companies' dividend briefs meet in a stock
    sentence ("payable April 1 to holders of record March 20") and name different companies,
    and a name inside the stock sentence itself ("Lead manager is Union Bank of Switzerland")
    is the stock phrase, not a shared subject."""
    names_a = [names_in(s.text) for s in a]
    names_b = [names_in(s.text) for s in b]
    shared = set().union(*names_a) & set().union(*names_b)
    if not shared:
        return False
    outside = {n for i, ns in enumerate(names_a) if i not in near_a for n in ns}
    outside |= {n for j, ns in enumerate(names_b) if j not in near_b for n in ns}
    return bool(shared & outside)


def _prose_indices(sentences: Sequence[Sentence]) -> tuple[int, frozenset[int]]:
    return len(sentences), frozenset(s.index for s in sentences if is_prose(s.text))


def _prose_bar_met(
    near: Iterable[SentencePair],
    prose_a: tuple[int, frozenset[int]],
    prose_b: tuple[int, frozenset[int]],
) -> bool:
    """Whether candidates between prose sentences reach the bar scaled to the shorter article
    (all its sentences: a brief of table lines and one note needs as many prose sentences as a
    long story)."""
    (count_a, a), (count_b, b) = prose_a, prose_b
    between = [(i, j) for i, j in near if i in a and j in b]
    reached = min(len({i for i, _ in between}), len({j for _, j in between}))
    return reached >= sentences_needed(min(count_a, count_b))
