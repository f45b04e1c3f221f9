"""Short claims judged against the source passages that bear on them, as a fact-checker reads an
article body for a headline (issue 13: "headlines and sentences of any length from 4 words are
claims and are checked").

A short claim (a headline, or a sentence under `min_paraphrase_words` words) is too short to be
found as a paraphrase, and one body sentence rarely says all of it. So the source sentences are
ranked by embedding cosine to the claim, and the best few are read alone and in windows of 2-3
adjacent sentences, each as an NLI premise with the claim as the hypothesis. The verdict:

* supported: in a related passage (cosine at least `RELATED`) the model reads the claim as
  following (entailment at least `ENTAIL`, above its contradiction), and the passage asserts it
  rather than reports it: "reportedly", "allegedly", "claims", "may" leave it unsupported (a
  body that reports a claim has not confirmed it);
* contradicted: the model reads a contradiction (at least `CONTRADICT`) in a related passage AND
  there is a basis: a denial or debunk ("false", "hoax", "denied", "not true", "fake", ...) on
  one side only (the passage debunks the claim, or the claim debunks what the passage
  reports; both calling it a hoax agree). The word list alone never makes a
  contradiction (issue 13 item 4), nor the model alone: it reads about half of all unrelated
  news pairs as contradicting;
* otherwise unsupported, and always when no source sentence reaches `RELATED` (an unrelated
  source).

The thresholds were chosen on the FNC-1 dev half (benchmarks/bench_stance.py, headline vs body),
never on its test half; the measured figures are in reports/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .embed import Embedder
from .nli import NLI
from .textnorm import word_count
from .types import NLIProbs, NLIScores, Segmented, Span

# Cosine (MiniLM sentence vectors) from which a source sentence is about the claim: FNC-1 dev
# headlines have a best body sentence at a median 0.65 for related bodies, 0.19 for unrelated.
RELATED = 0.5
ENTAIL = 0.35  # NLI entailment (passage -> claim) for "supported", above its contradiction
CONTRADICT = 0.4  # NLI contradiction (passage -> claim) for "contradicted", with a basis
TOP_SENTENCES = 4  # the closest source sentences, each read alone
WINDOWS_AROUND = 2  # of which the closest this many are also read with their neighbours
# One NLI premise holds at most this many words (nli.py reads 256 word pieces a pair).
MAX_PREMISE_WORDS = 100

# What a debunk or a denial says: the basis a contradiction needs besides the model.
DENIAL = re.compile(
    r"\b(false|falsely|hoax(?:es)?|den(?:y|ies|ied|ying)|not true|untrue|fake|debunk\w*|"
    r"fabricat\w*|baseless|satir\w*|refut\w*|dismiss\w*|rumou?rs?|no evidence|myth|nonsense|"
    r"not real|made up|photoshopped|doctored|spoof|prank|rejected|no truth|not the case|"
    r"misleading)\b",
    re.IGNORECASE,
)
# Words by which a passage reports a claim without standing behind it.
REPORTING = re.compile(
    r"\b(reportedly|allegedly|alleged|claim(?:s|ed|ing)?|rumou?r\w*|unconfirmed|unverified|"
    r"purported\w*|apparently|speculat\w*|may|might|could)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PassageJudgement:
    """What the sources' closest passage says about one short claim."""

    relation: str  # "supports" | "contradicts"
    passage: Span  # the source sentence(s) it rests on
    reason: str
    nli: NLIScores  # a_to_b: the passage as premise (what the verdict read); b_to_a: the claim
    cosine: float  # of the sentence the passage is built around


def is_short_claim(text: str, heading: bool, min_paraphrase_words: int, min_words: int = 4) -> bool:
    """A claim this module judges: from `min_words` words, and a heading or under
    `min_paraphrase_words` words (longer sentences are judged as paraphrases and pairs)."""
    n = word_count(text)
    return n >= min_words and (heading or n < min_paraphrase_words)


def _passages(seg: Segmented, ranked: Sequence[int]) -> list[tuple[int, int, int]]:
    """(first, last + 1, the ranked sentence it is built around) per passage to read: the top
    sentences alone, and windows of 2-3 adjacent sentences around the closest ones."""
    n = len(seg.sentences)
    out: dict[tuple[int, int], int] = {}
    for i in ranked[:TOP_SENTENCES]:
        out.setdefault((i, i + 1), i)
    for i in ranked[:WINDOWS_AROUND]:
        for lo, hi in ((i - 1, i + 1), (i, i + 2), (i - 1, i + 2)):
            lo, hi = max(0, lo), min(n, hi)
            if hi - lo > 1:
                out.setdefault((lo, hi), i)
    return [(lo, hi, i) for (lo, hi), i in out.items()]


def _span(seg: Segmented, lo: int, hi: int) -> Span:
    start, end = seg.sentences[lo].start, seg.sentences[hi - 1].end
    return Span(seg.article.id, start, end, seg.article.text[start:end])


def judge_short_claim(
    claim: str, sources: Sequence[Segmented], embedder: Embedder, nli: NLI | None
) -> PassageJudgement | None:
    """The verdict of the sources on a short claim: None is unsupported (no related passage,
    no NLI model, or neither rule fires)."""
    if nli is None:
        return None
    rows = [(seg, i) for seg in sources for i in range(len(seg.sentences))]
    if not rows:
        return None
    vectors = embedder.encode([claim] + [seg.sentences[i].text for seg, i in rows])
    cosines = np.asarray(vectors[1:] @ vectors[0], dtype=float)
    candidates: list[tuple[Span, float]] = []
    for seg in sources:
        own = {i: float(c) for (s, i), c in zip(rows, cosines, strict=True) if s is seg}
        ranked = [i for i in sorted(own, key=lambda i: -own[i]) if own[i] >= RELATED]
        for lo, hi, around in _passages(seg, ranked):
            span = _span(seg, lo, hi)
            if word_count(span.text) <= MAX_PREMISE_WORDS:
                candidates.append((span, own[around]))
    if not candidates:
        return None
    probs = np.asarray(nli.predict([(span.text, claim) for span, _ in candidates]), dtype=float)
    # Contradiction first: a body that debunks a claim may also repeat it word for word. The
    # denial is the basis on either side, but on one side only ("a hoax" in the claim and in
    # the passage: they agree that it is one).
    claim_denial = DENIAL.search(claim)
    contradicting = [
        (p[2], k)
        for k, p in enumerate(probs)
        if p[2] >= CONTRADICT and bool(claim_denial) != bool(DENIAL.search(candidates[k][0].text))
    ]
    if contradicting:
        _, k = max(contradicting)
        span, cos = candidates[k]
        denial = DENIAL.search(span.text)
        reason = (
            f"the source passage closest to this claim calls it into question "
            f'("{denial.group(0)}"), and the model reads it as contradicting the claim'
            if denial
            else f'this claim calls into question ("{claim_denial.group(0)}")'  # type: ignore[union-attr]
            " what the closest source passage says, and the model reads the two as "
            "contradicting each other"
        )
        return PassageJudgement("contradicts", span, reason, _both(nli, probs[k], span, claim), cos)
    supporting = [
        (p[0], k)
        for k, p in enumerate(probs)
        if p[0] >= ENTAIL and p[0] > p[2] and not REPORTING.search(candidates[k][0].text)
    ]
    if supporting:
        _, k = max(supporting)
        span, cos = candidates[k]
        return PassageJudgement(
            "supports",
            span,
            "the model reads the closest source passage as saying this claim",
            _both(nli, probs[k], span, claim),
            cos,
        )
    return None


def _probs(row: np.ndarray) -> NLIProbs:
    return NLIProbs(round(float(row[0]), 4), round(float(row[1]), 4), round(float(row[2]), 4))


def _both(nli: NLI, forward: np.ndarray, passage: Span, claim: str) -> NLIScores:
    """Both readings of the passage the verdict rests on, for the report (the verdict reads the
    passage as premise only: a headline does not entail the body)."""
    backward = np.asarray(nli.predict([(claim, passage.text)]), dtype=float)[0]
    return NLIScores(_probs(forward), _probs(backward))
