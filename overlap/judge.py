"""The verdict rule: agree / contradict / unclear for a passage pair, from the typed checks and
the NLI model (run both ways). This is the one place the two are combined.

The rule, in order:
1. A credited quotation whose words match its source (verbatim or edited copy, quoted and
   credited) is never a contradiction: it agrees. Changed words inside it are reported as a
   misquote (spelling variants such as Peña/Pena and punctuation are not changes).
2. A typed difference (a number, a date, a name swapped, a negation on one side only) makes a
   contradiction, unless the NLI model finds entailment both ways at `nli_entail_min` or more
   (then the difference is taken as a rewording: unclear).
3. Opposite-direction wording (deepen vs forgo) makes a contradiction when the NLI model gives
   contradiction at least `nli_direction_min` one way (or when no NLI model ran).
4. NLI contradiction at least `nli_contradict_min` both ways: contradiction.
5. Copies without typed differences agree; otherwise NLI entailment at least `nli_entail_min`
   one way, with no contradiction above it the other way, agrees.
6. Everything else is unclear.
Thresholds live in Settings; they were chosen on SICK TRAIN+TRIAL (benchmarks/tune_judge.py),
never on a test split.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from .checks import run_checks
from .store import EmbeddingStore, text_key
from .textnorm import tokenize
from .types import Evidence, Finding, Judgement, Kind, Segmented, Verdict

HARD_CHECKS = {"number", "date", "name", "negation"}


class NLI(Protocol):
    """(entailment, neutral, contradiction) probabilities for (premise, hypothesis) pairs."""

    model_id: str

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


@dataclasses.dataclass(frozen=True)
class Thresholds:
    contradict: float = 0.9  # NLI contradiction both ways (defaults as in Settings)
    entail: float = 0.8  # NLI entailment one way
    direction: float = 0.1  # NLI contradiction one way, to confirm opposite-direction wording


def load_nli() -> tuple[NLI | None, str | None]:
    """The shipped NLI model, or None and the reason it could not be loaded."""
    from .errors import ModelError

    try:
        from .nli import NLIModel
    except ImportError as exc:
        return None, f"NLI model code unavailable ({exc})"
    try:
        return NLIModel(), None
    except ModelError as exc:
        return None, str(exc)


def nli_scores(
    nli: NLI | None, findings: Sequence[Finding], store: EmbeddingStore | None = None
) -> list[dict[str, tuple[float, float, float]] | None]:
    """Both-way NLI probabilities for every finding, in one batch. With a store, scores are
    cached like embeddings (keyed by model id and the hash of the text pair), so a second run on
    the same corpus runs the model on nothing."""
    if nli is None or not findings:
        return [None] * len(findings)
    pairs = [(f.a.text, f.b.text) for f in findings] + [(f.b.text, f.a.text) for f in findings]
    keys = [text_key(a + "\u0000" + b) for a, b in pairs]
    known = store.get_many(nli.model_id, list(dict.fromkeys(keys))) if store else {}
    todo = list(dict.fromkeys(k for k in keys if k not in known))
    if todo:
        by_key = dict(zip(keys, pairs, strict=True))
        fresh = np.asarray(nli.predict([by_key[k] for k in todo]), dtype=np.float32)
        computed = dict(zip(todo, fresh, strict=True))
        if store:
            store.put_many(nli.model_id, computed)
        known = {**known, **computed}
    probs = np.asarray([known[k] for k in keys], dtype=float)
    n = len(findings)
    return [{"a->b": _triple(probs[k]), "b->a": _triple(probs[n + k])} for k in range(n)]


def _triple(row: np.ndarray) -> tuple[float, float, float]:
    return (round(float(row[0]), 4), round(float(row[1]), 4), round(float(row[2]), 4))


def judge(
    f: Finding,
    seg_a: Segmented,
    seg_b: Segmented,
    nli: dict[str, tuple[float, float, float]] | None,
    t: Thresholds,
) -> Judgement:
    """The verdict on one finding, with reasons a reader can check."""
    # A claim pair is not aligned text: a word diff would pair unrelated names, so the checks
    # that read the diff (names, negation inside it) do not run; negation falls back to counts.
    diff = f.diff if f.kind is not Kind.CLAIM else ()
    evidence = tuple(run_checks(f.a, f.b, diff, seg_a.article.date, seg_b.article.date))
    reasons = [e.message for e in evidence]
    entail_ab, contra_ab = (nli["a->b"][0], nli["a->b"][2]) if nli else (0.0, 0.0)
    entail_ba, contra_ba = (nli["b->a"][0], nli["b->a"][2]) if nli else (0.0, 0.0)
    if nli:
        reasons.append(
            f"NLI a->b entail {entail_ab:.2f} contradict {contra_ab:.2f}; "
            f"b->a entail {entail_ba:.2f} contradict {contra_ba:.2f}"
        )
    hard = [e for e in evidence if e.relation == "differs" and e.check in HARD_CHECKS]
    direction = [e for e in evidence if e.check == "direction"]
    copy = f.kind in (Kind.VERBATIM, Kind.EDITED, Kind.REPEAT)
    att = f.attribution

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
        changed = misquoted_words(f, seg_a, seg_b)
        first = (
            "credited quotation matches its source"
            if not changed
            else "credited quotation with changed words (misquote): " + "; ".join(changed)
        )
        return done(Verdict.AGREE, f.lexical, first, changed)
    if f.kind is Kind.CLAIM:
        return _judge_claim(evidence, reasons, nli, t, done)
    if hard:
        if nli and min(entail_ab, entail_ba) >= t.entail:
            return done(Verdict.UNCLEAR, 0.5, "typed difference, but NLI entailment both ways")
        conf = 0.7 + 0.3 * max(contra_ab, contra_ba) if nli else 0.7
        return done(Verdict.CONTRADICT, conf, hard[0].message)
    if direction and copy and not (nli and min(entail_ab, entail_ba) >= t.entail):
        # In aligned copies the changed word is the direction word ("more than" / "less than").
        return done(Verdict.CONTRADICT, 0.6, direction[0].message)
    if direction and nli and max(contra_ab, contra_ba) >= t.direction:
        conf = 0.5 + 0.5 * max(contra_ab, contra_ba) if nli else 0.5
        return done(Verdict.CONTRADICT, conf, direction[0].message)
    if nli and min(contra_ab, contra_ba) >= t.contradict:
        return done(
            Verdict.CONTRADICT,
            min(contra_ab, contra_ba),
            f"NLI contradiction {min(contra_ab, contra_ba):.2f} both ways",
        )
    if copy:
        return done(Verdict.AGREE, f.lexical, "the same words")
    differs = [e for e in evidence if e.relation == "differs"]
    if f.kind is Kind.PARAPHRASE and not differs and (not nli or max(contra_ab, contra_ba)
                                                      < t.contradict):
        # The paraphrase scorer already judged the two passages to say the same thing (MRPC's
        # "semantically equivalent"); with no typed difference and no NLI objection, they agree.
        return done(Verdict.AGREE, max(f.score, max(entail_ab, entail_ba) if nli else 0.0),
                    "reworded with no typed difference" + ("; NLI finds no contradiction"
                                                           if nli else ""))
    best_entail = max(entail_ab, entail_ba)
    other_contra = contra_ba if entail_ab >= entail_ba else contra_ab
    if nli and best_entail >= t.entail and other_contra < best_entail:
        return done(Verdict.AGREE, best_entail, f"NLI entailment {best_entail:.2f}")
    return done(
        Verdict.UNCLEAR,
        1.0 - max(best_entail, contra_ab, contra_ba) if nli else 0.0,
        "no typed difference and no clear NLI decision"
        if nli
        else "no typed difference; no NLI model ran",
    )


def _judge_claim(
    evidence: tuple[Evidence, ...],
    reasons: list[str],
    nli: dict[str, tuple[float, float, float]] | None,
    t: Thresholds,
    done: Callable[..., Judgement],
) -> Judgement:
    """Two passages that are not reuse, only about the same thing. Their words are not aligned,
    so a typed difference alone proves little (two sentences may count different things): a
    contradiction needs the NLI model to see one too."""
    if nli is None:
        return done(Verdict.UNCLEAR, 0.0, "related claim; no NLI model ran")
    contra_max = max(nli["a->b"][2], nli["b->a"][2])
    contra_min = min(nli["a->b"][2], nli["b->a"][2])
    typed = [
        e
        for e in evidence
        if e.relation == "differs" and e.check in ("number", "date", "direction")
    ]
    if typed and contra_max >= t.direction:
        return done(Verdict.CONTRADICT, 0.5 + 0.5 * contra_max, typed[0].message)
    if contra_min >= t.contradict:
        return done(Verdict.CONTRADICT, contra_min, f"NLI contradiction {contra_min:.2f} both ways")
    entail, other = max((nli["a->b"][0], nli["b->a"][2]), (nli["b->a"][0], nli["a->b"][2]))
    if entail >= t.entail and other < entail and not typed:
        return done(Verdict.AGREE, entail, f"NLI entailment {entail:.2f}")
    return done(Verdict.UNCLEAR, 1.0 - contra_max, "related claim without a clear contradiction")


def misquoted_words(f: Finding, seg_a: Segmented, seg_b: Segmented) -> tuple[str, ...]:
    """Words changed inside the quotation marks of the copy (`b`), ignoring spelling variants
    and punctuation. Words outside the marks ("…,” the website stated. “…") are attribution."""
    out = []
    text_a, text_b = seg_a.article.text, seg_b.article.text
    inner = [
        (q.inner_start, q.inner_end)
        for q in seg_b.quotes
        if q.start < f.b.end and q.end > f.b.start
    ]
    for d in f.diff:
        if d.op == "equal" or not any(s <= d.b_start and d.b_end <= e for s, e in inner):
            continue
        wa, wb = text_a[d.a_start : d.a_end], text_b[d.b_start : d.b_end]
        if [t.norm for t in tokenize(wa)] == [t.norm for t in tokenize(wb)]:
            continue  # Peña/Pena, U.S./US: the same words
        out.append(
            f"'{wa}' -> '{wb}'" if wa and wb else f"'{wa}' dropped" if wa else f"'{wb}' added"
        )
    return tuple(out)


def judge_all(
    findings: Sequence[Finding],
    by_id: dict[str, Segmented],
    nli: NLI | None,
    t: Thresholds,
    store: EmbeddingStore | None = None,
) -> list[Finding]:
    """Judge every finding except within-article repeats (nothing to compare there)."""
    todo = [f for f in findings if f.kind is not Kind.REPEAT]
    scores = dict(zip((f.id for f in todo), nli_scores(nli, todo, store), strict=True))
    return [
        f
        if f.kind is Kind.REPEAT
        else dataclasses.replace(
            f, judgement=judge(f, by_id[f.a.article], by_id[f.b.article], scores[f.id], t)
        )
        for f in findings
    ]
