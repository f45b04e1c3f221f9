"""Short claims judged against the source passages that bear on them, as a fact-checker reads an
article body for a headline (issue 13: "headlines and sentences of any length from 4 words are
claims and are checked").

A short claim (a headline, or a sentence under `min_paraphrase_words` words) is too short to be
found as a paraphrase, and one body sentence rarely says all of it. So the source sentences are
ranked by embedding cosine to the claim, and the best few are read alone and in windows of 2-3
adjacent sentences, each as an NLI premise with the claim as the hypothesis; so are the source
sentences that debunk something about the claim's subject, alone and beside the closest sentence
(claim_stance.debunks_subject). The verdict from what the model read is claim_stance.decide's:
supported by the best-supporting passage that asserts the claim, contradicted by the
best-contradicting one that has a basis besides the model, else unsupported, and always
unsupported when no source sentence reaches `RELATED` (an unrelated source is never read).

The thresholds were chosen on the FNC-1 dev half (benchmarks/bench_stance.py, headline vs body),
never on its test half; the measured figures are in reports/benchmarks.md.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .claim_stance import Passage, changed_facts, debunks_subject, decide, negated_predicate
from .embed import Embedder
from .evidence import check_opposites, run_checks
from .judge import typed_differences
from .nli import NLI
from .slot_names import full_names
from .textnorm import tokenize, word_count
from .types import NLIProbs, NLIScores, Segmented, Span

# Cosine (MiniLM sentence vectors) from which a source sentence is about the claim: FNC-1 dev
# headlines have a best body sentence at a median 0.65 for related bodies, 0.19 for unrelated.
RELATED = 0.5
TOP_SENTENCES = 4  # the closest source sentences, each read alone
WINDOWS_AROUND = 2  # of which the closest this many are also read with their neighbours
# One NLI premise holds at most this many words (nli.py reads 256 word pieces a pair).
MAX_PREMISE_WORDS = 100
DEBUNKS_READ = 3  # of the source sentences that debunk the claim's subject, the closest this many
# A sentence this close (cosine) to the best one is aligned with the claim too: only passages
# built around aligned sentences may support it (claim_stance.Passage.aligned).
ALIGNED_MARGIN = 0.05
# A source sentence holding this share of the longer one's words, in the claim's order (and at
# least MIN_RESTATED_WORDS), restates the claim: a typed difference between them is a changed
# fact (changed_restatement). Two thirds: one name of two words swapped in a nine-word sentence
# still leaves seven shared.
RESTATED_SHARE = 2 / 3
MIN_RESTATED_WORDS = 4


@dataclass(frozen=True)
class PassageJudgement:
    """What the sources' closest passage says about one short claim."""

    relation: str  # "supports" | "contradicts"
    passage: Span  # the source sentence(s) it rests on
    reason: str
    nli: NLIScores  # a_to_b: the passage as premise (what the verdict read); b_to_a: the claim
    cosine: float  # of the sentence the passage is built around
    on_words: bool = False  # a contradiction on the words both say (claim_stance.Stance)


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
    changed = changed_restatement(claim, sources)
    if changed is not None:
        span, reason = changed
        forward = np.asarray(nli.predict([(span.text, claim)]), dtype=float)[0]
        return PassageJudgement(
            "contradicts", span, reason, _both(nli, forward, span, claim), 1.0, True
        )
    vectors = embedder.encode([claim] + [seg.sentences[i].text for seg, i in rows])
    cosines = np.asarray(vectors[1:] @ vectors[0], dtype=float)
    # (the span shown, the cosine of the sentence it is built around, the premise read, debunk?,
    # aligned?: built around a sentence as close as this source's closest)
    candidates: list[tuple[Span, float, str, bool, bool]] = []
    around_of: dict[int, Span] = {}  # candidate -> the sentence a window is built around
    for seg in sources:
        own = {i: float(c) for (s, i), c in zip(rows, cosines, strict=True) if s is seg}
        ranked = [i for i in sorted(own, key=lambda i: -own[i]) if own[i] >= RELATED]
        for lo, hi, around in _passages(seg, ranked):
            span = _span(seg, lo, hi)
            if word_count(span.text) <= MAX_PREMISE_WORDS:
                aligned = own[around] >= own[ranked[0]] - ALIGNED_MARGIN
                if hi - lo > 1:
                    around_of[len(candidates)] = _span(seg, around, around + 1)
                candidates.append((span, own[around], span.text, False, aligned))
        if ranked:
            candidates += _debunk_passages(claim, seg, ranked[0], own)
    if not candidates:
        return None
    probs = np.asarray(nli.predict([(prem, claim) for _, _, prem, _, _ in candidates]), dtype=float)
    read = [
        Passage(prem, debunk, (float(p[0]), float(p[1]), float(p[2])), aligned)
        for (_, _, prem, debunk, aligned), p in zip(candidates, probs, strict=True)
    ]
    stance = decide(claim, read)
    if stance is None:
        return None
    span, cos, _, _, _ = candidates[stance.index]
    forward = probs[stance.index]
    narrow = _deciding_sentence(claim, sources, span) if stance.relation == "contradicts" else None
    if narrow is not None:  # the model's readings shown are those of the sentence shown
        span, forward = narrow, np.asarray(nli.predict([(narrow.text, claim)]), dtype=float)[0]
    scores = _both(nli, forward, span, claim)
    reason = stance.reason
    if stance.relation == "supports" and stance.index in around_of:
        # A window that supports is shown at the sentence it was built around, the one closest
        # to the claim ("In mitigation David Fish QC, defending, said ..." rather than the
        # judge's words before it, PA court copy): the readings stay the window's.
        span = around_of[stance.index]
        reason += " (this sentence read with the one next to it)"
    return PassageJudgement(stance.relation, span, reason, scores, cos, stance.on_words)


def _deciding_sentence(claim: str, sources: Sequence[Segmented], window: Span) -> Span | None:
    """The one sentence of a window the contradiction rests on, when it rests on words: the
    claim's predicate negated (claim_stance.negated_predicate), or a changed fact or an
    opposite word on the words both say (claim_stance.changed_facts, evidence.check_opposites).
    The evidence is shown where it is, not as the two or three sentences read around it."""
    seg = next(s for s in sources if s.article.id == window.article)
    inside = [x for x in seg.sentences if window.start <= x.start and x.end <= window.end]
    if len(inside) < 2:
        return None
    here = Span("claim", 0, len(claim), claim)
    for rests_on in (
        lambda x: negated_predicate(claim, x.text) is not None,
        lambda x: bool(
            changed_facts(claim, x.text)
            or check_opposites(here, Span(seg.article.id, x.start, x.end, x.text))
        ),
    ):
        for x in inside:
            if rests_on(x):
                return _span(seg, seg.sentences.index(x), seg.sentences.index(x) + 1)
    return None


def changed_restatement(claim: str, sources: Sequence[Segmented]) -> tuple[Span, str] | None:
    """A source sentence that says the claim in the same words but for a typed difference
    ("It went on sale in Greece before Christmas." / "... in Japan ..."; "She's 20, has ..." /
    "She's 17, has ..."): an edited copy too short to be found as one. As in a copy, the
    difference on aligned words is a contradiction whatever the model reads (judge.py step 2;
    the model reads such a pair as entailment). The sentence must hold most of the claim's words
    in order (RESTATED_SHARE of the longer's), so the slot compared is the same slot."""
    claim_tokens = [t.norm for t in tokenize(claim)]
    for seg in sources:
        names = full_names(seg.article.text) | full_names(claim)
        for sent in seg.sentences:
            words = [t.norm for t in tokenize(sent.text)]
            matcher = difflib.SequenceMatcher(None, claim_tokens, words, autojunk=False)
            shared = sum(size for *_, size in matcher.get_matching_blocks())
            if shared < max(
                MIN_RESTATED_WORDS, RESTATED_SHARE * max(len(words), len(claim_tokens))
            ):
                continue
            here = Span("claim", 0, len(claim), claim)
            there = Span(seg.article.id, sent.start, sent.end, sent.text)
            checks = run_checks(here, there, (), None, seg.article.date, names)
            hard = typed_differences(checks, alike=True)
            if hard:
                return there, f"{hard[0].message}, in otherwise the same words: a changed fact"
    return None


def _debunk_passages(
    claim: str, seg: Segmented, closest: int, own: dict[int, float]
) -> list[tuple[Span, float, str, bool, bool]]:
    """The source sentences that debunk something about the claim's subject (the closest
    `DEBUNKS_READ`), each read alone and after or before the closest sentence (in the source's
    order): a body often restates a claim in one sentence and calls it a hoax in another."""
    found = [
        i
        for i in sorted(own, key=lambda i: -own[i])
        if debunks_subject(claim, seg.sentences[i].text)
    ][:DEBUNKS_READ]
    out = []
    for i in found:
        span = _span(seg, i, i + 1)
        if word_count(span.text) > MAX_PREMISE_WORDS:
            continue
        out.append((span, own[i], span.text, True, False))
        if i != closest:
            lo, hi = sorted((i, closest))
            both = f"{seg.sentences[lo].text} {seg.sentences[hi].text}"
            if word_count(both) <= MAX_PREMISE_WORDS:
                out.append((span, own[i], both, True, False))
    return out


def _probs(row: np.ndarray) -> NLIProbs:
    return NLIProbs(round(float(row[0]), 4), round(float(row[1]), 4), round(float(row[2]), 4))


def _both(nli: NLI, forward: np.ndarray, passage: Span, claim: str) -> NLIScores:
    """Both readings of the passage the verdict rests on, for the report (the verdict reads the
    passage as premise only: a headline does not entail the body)."""
    backward = np.asarray(nli.predict([(claim, passage.text)]), dtype=float)[0]
    return NLIScores(_probs(forward), _probs(backward))
