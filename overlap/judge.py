"""The verdict rule: agree / contradict / unclear / changed over time for a passage pair, from
the typed checks and the NLI model (run both ways). This is the one place the two are combined.

The rule, in order:
1. A credited quotation in a copy is judged by quote_match alone and never contradicts: it
   agrees, and changed words inside it (or another speaker) are its misquote note, which the
   views show as "misquoted". The NLI model has no say there.
2. A typed difference between aligned words (number, money, percent, date, name, negation,
   quantifier all/some/none, modality will/may; in a copy or nearly the same words also a word
   replaced by its opposite, higher / lower) makes a contradiction; no model can veto it.
3. Opposite-direction wording (deepen vs forgo) on the aligned subject makes a contradiction
   only when the model agrees (contradiction at least `nli_direction_min` one way); without
   that it is unclear, with the wording as a hint.
4. NLI contradiction at least `nli_contradict_min` both ways: contradiction.
5. Copies without typed differences agree; otherwise NLI entailment at least `nli_entail_min`
   one way, with no contradiction above it the other way, agrees.
6. Everything else is unclear; so is a pair (not a copy) where one sentence is a question.
A contradiction between articles dated more than `days_apart` days apart is "changed over time"
instead. Reasons are sentences; the model's probabilities stay in `Judgement.nli`.
Thresholds live in Settings; they were chosen on SICK TRAIN+TRIAL
(benchmarks/training/tune_judge.py), never on a test split.

The rule reads one aligned sentence pair at a time (align.sentence_pairs): a long passage is
judged sentence by sentence (windows of at most MAX_UNIT_WORDS words where there is no
punctuation), so no model input grows with the passage and evidence stays with its sentence. The
finding takes the most serious verdict of its pairs (overlap/finding_verdict.py); the model's
both-way probabilities come in one cached batch (overlap/nli_pairs.py). Two rules no model can
overrule: identical words (after folding) are never a contradiction, and a copy, or a pair that
is nearly the same words, is contradicted only by a typed difference between aligned words (the
NLI model gives some sentences paired with themselves 0.5 or more contradiction).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rapidfuzz.distance import Indel

from . import misquotes
from .align import MAX_UNIT_WORDS, sentence_pairs, word_diff
from .cache import EmbeddingStore
from .claim_judge import MODEL_CONTRADICTS, MODEL_ENTAILS, judge_claim
from .claims import denies, headline_subjects, other_subjects, restated, same_subject
from .config import Settings
from .evidence import run_checks
from .finding_verdict import combine
from .models import load_nli  # noqa: F401 - where benchmarks/ import it from
from .nli import NLI
from .nli_pairs import nli_scores as nli_scores  # where benchmarks/training/ import it from
from .nli_pairs import pair_scores
from .sentence_pairs import from_reporting_verb, to_quote_close
from .slot_names import full_names, shared_names
from .stance_words import asks
from .textnorm import folded_words
from .time_frames import days_apart, other_period, period_reason
from .types import (
    DiffOp,
    Evidence,
    Finding,
    Judgement,
    Kind,
    NLIProbs,
    NLIScores,
    Segmented,
    Span,
    Verdict,
)

# The model's contradiction, read either way, from which a paraphrase is not agreement on the
# scorer's word alone. On FNC-1 dev (150 of each stance) the paraphrase links that supported a
# headline read at most 0.34 either way where the stance was "agree"; one "disagree" read 0.9.
DOUBT = 0.5
REWORDED = "reworded with no typed difference; the model sees no contradiction"
# Aligned-slot differences (slots.compare_sentences): each makes a contradiction on its own.
HARD_CHECKS = {"number", "date", "name", "negation", "quantifier", "modality"}
COPIES = (Kind.VERBATIM, Kind.EDITED, Kind.REPEAT)
# Folded words matched (Indel similarity, 0-1) from which two sentences count as nearly the same
# words: only a typed difference between aligned words can make them contradict.
NEAR_IDENTICAL = 0.9
Scores = NLIScores  # both readings of a pair (a as premise, b as premise)


@dataclasses.dataclass(frozen=True)
class Thresholds:
    """The rule's bars; the defaults are Settings' (the one place they are set and explained)."""

    contradict: float = Settings.nli_contradict_min  # NLI contradiction both ways
    entail: float = Settings.nli_entail_min  # NLI entailment one way
    # NLI contradiction one way, to confirm opposite-direction wording
    direction: float = Settings.nli_direction_min
    # Articles whose dates lie more days apart than this: a contradiction between them is
    # "changed over time" (a figure or a stance may have moved on between the two). A week:
    # wire services file the same form weekly (Reuters-21578's coffee roastings, port balances,
    # Bank of England operations), and on the 58 hand-labelled template pairs 7 instead of 30
    # took the pairs with a "contradiction" from 26 to 15, the 8 changed facts (reissued the
    # same day) still found; the next morning's paper (METER) is still the same news.
    days_apart: int = 7

    @classmethod
    def from_settings(cls, s: Settings) -> Thresholds:
        return cls(s.nli_contradict_min, s.nli_entail_min, s.nli_direction_min)


def typed_differences(evidence: Sequence[Evidence], alike: bool) -> list[Evidence]:
    """The evidence that makes a contradiction whatever the model reads (step 2): a difference
    on aligned slots, and, where the two are the same words but for it (`alike`: a copy, nearly
    the same words), a word replaced by its opposite; between reworded sentences that is a
    hint, as direction words are."""
    return [
        e
        for e in evidence
        if e.relation == "differs" and (e.check in HARD_CHECKS or alike and e.check == "opposite")
    ]


def same_words(a: str, b: str) -> bool:
    """The same words after folding (case, accents, punctuation): never a contradiction."""
    return folded_words(a) == folded_words(b)


def near_identical(a: str, b: str) -> bool:
    return Indel.normalized_similarity(folded_words(a), folded_words(b)) >= NEAR_IDENTICAL


def judge(
    f: Finding,
    seg_a: Segmented,
    seg_b: Segmented,
    nli: Scores | None,
    t: Thresholds,
    pair: tuple[Span, Span] | None = None,
    names: frozenset[frozenset[str]] | None = None,
) -> Judgement:
    """The verdict on one aligned sentence pair of a finding (`pair`; default: the finding taken
    whole), with reasons a reader can check. `names`: the people named in full that may join
    two parts of one name (default: those the two articles name; judge_all adds the articles
    of the same story, shared_names)."""
    # Long on purpose: the rule of the module docstring, step by step in its order, in one
    # place; cut into helpers, the order of the steps (which decides) would be hard to read.
    a, b = pair or (f.a, f.b)
    # A claim pair is not aligned text: a word diff would pair unrelated names, so the checks
    # that read the diff (names, negation inside it) do not run; negation falls back to counts.
    diff = _diff_within(f.diff, a, b) if f.kind is not Kind.CLAIM else ()
    if f.kind is Kind.CLAIM and near_identical(a.text, b.text):
        diff = word_diff(a, b)  # nearly the same words: they align, and the checks read that
    # The people either article names in full: "Miss Crump" and "Sarah" may be parts of one.
    if names is None:
        names = full_names(seg_a.article.text) | full_names(seg_b.article.text)
    # The checks read a copy on to the close of a short quotation it stops inside ("'doing").
    read_a, read_b = to_quote_close(seg_a, a), to_quote_close(seg_b, b)
    # and back to the reporting verb of a clause it starts inside ("told MPs that ... would")
    read_a, read_b = from_reporting_verb(seg_a, read_a), from_reporting_verb(seg_b, read_b)
    dates = seg_a.article.date, seg_b.article.date
    evidence = tuple(run_checks(read_a, read_b, diff, *dates, names))
    reasons = [e.message for e in evidence]
    ab, ba = (nli.a_to_b, nli.b_to_a) if nli else (NLIProbs(0.0, 0.0, 0.0),) * 2
    entail_ab, contra_ab = ab.entailment, ab.contradiction
    entail_ba, contra_ba = ba.entailment, ba.contradiction
    copy = f.kind in COPIES
    att = f.attribution
    # Identical or nearly identical words: the model's opinion cannot make a contradiction.
    same = same_words(a.text, b.text)
    alike = copy or same or bool(diff) and near_identical(a.text, b.text)
    hard = typed_differences(evidence, alike)
    direction = [
        e for e in evidence if e.check == "direction" or not alike and e.check == "opposite"
    ]

    def done(
        verdict: Verdict, confidence: float, first: str, misquote: tuple[str, ...] = ()
    ) -> Judgement:
        return Judgement(
            verdict,
            round(min(max(confidence, 0.0), 1.0), 3),
            (first, *(r for r in reasons if r != first)),
            evidence,
            nli,
            misquote,
        )

    if copy and att is not None and att.quoted and att.credited:
        # quote_match decides a quotation; the model has no say (it cannot see a changed word).
        changed = misquotes.in_copy(f, seg_a, seg_b)
        first = (
            "credited quotation matches its source"
            if not changed
            else "credited quotation with changed words (misquote): " + "; ".join(changed)
        )
        return done(Verdict.AGREE, f.lexical, first, changed)
    if same:
        return done(Verdict.AGREE, 1.0, "the same words")
    if not copy and (asks(a.text) or asks(b.text)):
        # A question asserts nothing: it neither agrees with a statement nor contradicts it.
        return done(
            Verdict.UNCLEAR, 0.0, "one of the two sentences is a question: it asserts nothing"
        )
    apart = days_apart(seg_a.article.date, seg_b.article.date)

    def contradiction(confidence: float, first: str) -> Judgement:
        # Articles far apart in time may both have been right when written.
        if apart is not None and apart > t.days_apart:
            return done(
                Verdict.CHANGED,
                confidence,
                f"{first}; the articles are {apart} days apart, so this may have changed over time",
            )
        return done(Verdict.CONTRADICT, confidence, first)

    if f.kind is Kind.CLAIM and not alike:
        anchored = same_subject(f.a.text, f.b.text)
        told_twice = restated(a.text, b.text)
        denied = denies(read_a.text, read_b.text)
        return judge_claim(evidence, nli, t, done, contradiction, anchored, told_twice, denied)
    subjects = other_subjects(seg_a, a, seg_b, b) if hard else None
    if subjects is not None:
        # The copied words open with "it" or "he", and the two sentences name different
        # subjects before them: each says a thing of its own subject (claims.other_subjects).
        return done(
            Verdict.UNCLEAR,
            0.3,
            f"{hard[0].message}, but the copied words are about two subjects "
            f"({subjects[0]!r} here, {subjects[1]!r} in the source)",
        )
    own = headline_subjects(seg_a, seg_b) if hard else None
    if own is not None:
        return done(
            Verdict.UNCLEAR,
            0.3,
            f"{hard[0].message}, but the two articles are about different subjects ({own[0]!r} "
            f"in one headline, {own[1]!r} in the other's, neither in the other article)",
        )
    if hard:
        # A typed difference between aligned words: the model is blind to numbers and may not
        # overrule it (issue 13), however strongly it reads the two as saying the same.
        conf = 0.7 + 0.3 * max(contra_ab, contra_ba) if nli else 0.7
        far_apart = apart is not None and apart > t.days_apart  # said so by contradiction()
        period = None if far_apart else other_period(hard, *dates)
        if period is not None:
            # Two periods' reports (this week's figures against last week's, "last Monday"
            # in articles a week apart): the figures moved with the date (time_frames.py).
            return done(Verdict.CHANGED, 0.5, period_reason(hard[0], period))
        return contradiction(conf, hard[0].message)
    if direction:
        # Opposite-direction words on the aligned subject are a hint; the model must see a
        # contradiction too, else the pair is unclear with the hint as its reason.
        if nli and max(contra_ab, contra_ba) >= t.direction:
            return contradiction(0.5 + 0.5 * max(contra_ab, contra_ba), direction[0].message)
        return done(
            Verdict.UNCLEAR,
            0.3,
            direction[0].message
            + (
                " (a hint only: the model does not read a contradiction)"
                if nli
                else " (a hint only: no NLI model ran)"
            ),
        )
    if nli and min(contra_ab, contra_ba) >= t.contradict and not alike:
        return contradiction(min(contra_ab, contra_ba), MODEL_CONTRADICTS)
    if copy:
        return done(Verdict.AGREE, f.lexical, "the same words")
    if alike:
        return done(Verdict.AGREE, max(entail_ab, entail_ba, 0.8), "nearly the same words")
    differs = [e for e in evidence if e.relation == "differs"]
    if f.kind is Kind.PARAPHRASE and not differs and (not nli or max(contra_ab, contra_ba) < DOUBT):
        # The paraphrase scorer already judged the two passages to say the same thing (MRPC's
        # "semantically equivalent"); with no typed difference and no NLI objection, they agree.
        # An objection is a contradiction read either way (DOUBT): "Christian Bale will not play
        # Steve Jobs" / "Christian Bale will slip into a mock turtleneck to play Steve Jobs"
        # scores as a paraphrase, and the model reads 0.9 contradiction one way only (FNC-1).
        return done(
            Verdict.AGREE,
            max(f.score, max(entail_ab, entail_ba) if nli else 0.0),
            REWORDED if nli else "reworded with no typed difference",
        )
    best_entail = max(entail_ab, entail_ba)
    other_contra = contra_ba if entail_ab >= entail_ba else contra_ab
    if nli and best_entail >= t.entail and other_contra < best_entail:
        return done(Verdict.AGREE, best_entail, MODEL_ENTAILS)
    return done(
        Verdict.UNCLEAR,
        1.0 - max(best_entail, contra_ab, contra_ba) if nli else 0.0,
        "no typed difference, and the model reads neither agreement nor contradiction"
        if nli
        else "no typed difference; no NLI model ran",
    )


def _diff_within(diff: Sequence[DiffOp], a: Span, b: Span) -> tuple[DiffOp, ...]:
    """The diff steps that lie inside one sentence pair of the finding."""
    return tuple(
        d
        for d in diff
        if a.start <= d.a_start and d.a_end <= a.end and b.start <= d.b_start and d.b_end <= b.end
    )


def judge_all(
    findings: Sequence[Finding],
    by_id: dict[str, Segmented],
    nli: NLI | None,
    t: Thresholds,
    store: EmbeddingStore | None = None,
    max_words: int = MAX_UNIT_WORDS,
) -> list[Finding]:
    """Judge every finding except within-article repeats (nothing to compare there), one
    aligned sentence pair at a time; the NLI model sees every pair that is not the same words,
    all in one batch, and never a text over `max_words` words."""
    todo = [f for f in findings if f.kind is not Kind.REPEAT]

    def credited_quote(f: Finding) -> bool:
        return (
            f.kind in COPIES
            and f.attribution is not None
            and f.attribution.quoted
            and f.attribution.credited
        )

    plans = {
        f.id: sentence_pairs(f, by_id[f.a.article], by_id[f.b.article], max_words)
        for f in todo
        if not credited_quote(f)
    }
    # A finding read as one short pair is scored as before (its report shows the model's view);
    # in a longer one, the pairs that are the same words need no model. A credited quotation
    # is judged by its words alone (quote_match), so the model never reads it.
    wanted = list(
        dict.fromkeys(
            (a.text, b.text)
            for pairs in plans.values()
            for a, b in pairs
            if len(pairs) == 1 or not same_words(a.text, b.text)
        )
    )
    scored = dict(zip(wanted, pair_scores(nli, wanted, store), strict=True))
    named = shared_names(findings, by_id)

    def one(f: Finding) -> Judgement:
        sa, sb = by_id[f.a.article], by_id[f.b.article]
        names = named(f.a.article, f.b.article)
        if credited_quote(f):
            # Read whole: its misquote note covers the whole quote.
            return judge(f, sa, sb, None, t, names=names)
        pairs = plans[f.id]
        verdicts = [
            judge(f, sa, sb, scored.get((a.text, b.text)), t, (a, b), names) for a, b in pairs
        ]
        return combine(f, pairs, verdicts)

    return [
        f if f.kind is Kind.REPEAT else dataclasses.replace(f, judgement=one(f)) for f in findings
    ]
