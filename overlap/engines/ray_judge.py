"""Judging on Ray: pipeline.judge_stage as two maps over batches of findings (the candidate
pairs aligned, and the claim pairs), with the NLI model's pairs scored between them by the
cluster's NLI actors (ray_jobs.nli_on_ray, through the run's NLI model).

1. A map over batches of findings: each finding's sentence pairs for the model, as
   judge.judge_all plans them (`model_pairs`).
2. On the driver: those pairs in the whole run's order, once each, scored by
   nli_pairs.pair_scores with the run's model and cache: the one call the local engine makes,
   so the model sees the same batches and every score is the local one to the bit (its bf16
   kernels round by batch).
3. A map over the same batches: judge.judge_all itself on each batch, the model's part answered
   from the scores of step 2 (`ScoredPairs`), the findings in their order.

Why the verdicts are the local ones: judge_all judges one finding at a time from the finding,
its two articles and the scores of its sentence pairs; a batch holds whole findings and every
article (in the object store once, read by every task). tests/test_ray_engine.py compares the
whole JSON result on the seeds, and the batches' verdicts with judge_stage's on the seeds and
25 Reuters stories.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..align import MAX_UNIT_WORDS, sentence_pairs
from ..cache import EmbeddingStore
from ..config import Settings
from ..judge import COPIES, Thresholds, judge_all, same_words
from ..models import Models
from ..nli_pairs import pair_scores
from ..pipeline import judge_stage
from ..types import Finding, Kind, NLIScores, Segmented
from .ray_rows import map_each_row
from .ray_stages import Batch

JudgeStage = Callable[..., list[Finding]]  # pipeline.judge_stage's signature
BATCHES_PER_WORKER = 4  # as ray_align: a batch of long findings leaves the other workers busy
Pair = tuple[str, str]


def judge_on(workers: int) -> JudgeStage:
    """pipeline.judge_stage, run on the connected Ray cluster with `workers` CPUs."""

    def judge(
        findings: list[Finding],
        segs: Sequence[Segmented],
        models: Models,
        s: Settings,
        store: EmbeddingStore | None,
    ) -> list[Finding]:
        import ray
        import ray.data

        if not findings or models.nli is None:  # nothing for a model: judged here, at once
            return judge_stage(findings, segs, models, s, store)
        chunks = np.array_split(
            np.arange(len(findings)), min(len(findings), workers * BATCHES_PER_WORKER)
        )
        rows = [
            {"batch": n, "work": pickle.dumps([findings[i] for i in chunk])}
            for n, chunk in enumerate(chunks)
        ]
        shared = ray.put(list(segs))

        def each_batch(fn: Callable[..., Batch], **kwargs: Any) -> list[Any]:
            done = map_each_row(rows, fn, "batch", run=shared, **kwargs)
            return [pickle.loads(r["out"]) for r in done]

        planned = each_batch(plan_batches)
        wanted = list(dict.fromkeys(p for pairs in planned for p in pairs))
        scores = ray.put(dict(zip(wanted, pair_scores(models.nli, wanted, store), strict=True)))
        judged = each_batch(judge_batches, scores=scores, t=Thresholds.from_settings(s))
        return [f for batch in judged for f in batch]

    return judge


def model_pairs(
    findings: Sequence[Finding], by_id: dict[str, Segmented], max_words: int = MAX_UNIT_WORDS
) -> list[Pair]:
    """The (a, b) text pairs judge.judge_all gives the NLI model for `findings`, once each, in
    its order: every aligned sentence pair of a finding but a within-article repeat's or a
    credited quotation's (judged by its words), and in a finding of several pairs, those not
    the same words. judge_all's own rule, restated: tests/test_ray_engine.py checks the two
    give the model the same pairs."""

    def credited_quote(f: Finding) -> bool:
        a = f.attribution
        return f.kind in COPIES and a is not None and a.quoted and a.credited

    out: dict[Pair, None] = {}
    for f in findings:
        if f.kind is Kind.REPEAT or credited_quote(f):
            continue
        pairs = sentence_pairs(f, by_id[f.a.article], by_id[f.b.article], max_words)
        for a, b in pairs:
            if len(pairs) == 1 or not same_words(a.text, b.text):
                out[(a.text, b.text)] = None
    return list(out)


class ScoredPairs:
    """An NLI model answering from scores made before (text pair -> both-way scores): what
    judge_all asks of a model for a batch of findings whose pairs were scored for the whole
    run. A pair not among them is a bug (model_pairs and judge_all disagree), said as such."""

    model_id = "scored-before"  # never used as a cache key: the batches judge without a cache

    def __init__(self, scores: dict[Pair, NLIScores | None]):
        self._scores = scores

    def predict(self, pairs: Sequence[Pair]) -> np.ndarray:
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for n, (a, b) in enumerate(pairs):
            known = self._scores.get((a, b))
            if known is not None:
                out[n] = known.a_to_b
                continue
            reverse = self._scores.get((b, a))
            if reverse is None:
                raise RuntimeError(
                    "a sentence pair judge_all gives the NLI model was not scored ahead "
                    "(engines/ray_judge.model_pairs no longer plans what judge.judge_all does)"
                )
            out[n] = reverse.b_to_a
        return out


def plan_batches(batch: Batch, run: Any) -> Batch:
    """Map 1: each row's findings -> the text pairs the NLI model reads for them."""
    segs = _articles(run)
    by_id = {seg.article.id: seg for seg in segs}
    out = [pickle.dumps(model_pairs(pickle.loads(work), by_id)) for work in batch["work"]]
    return {"batch": batch["batch"], "out": np.array(out, dtype=object)}


def judge_batches(batch: Batch, run: Any, scores: Any, t: Thresholds) -> Batch:
    """Map 2: each row's findings judged by judge_all, the model answering from `scores`."""
    import ray

    segs = _articles(run)
    by_id = {seg.article.id: seg for seg in segs}
    model = ScoredPairs(ray.get(scores) if isinstance(scores, ray.ObjectRef) else scores)
    out = [pickle.dumps(judge_all(pickle.loads(work), by_id, model, t)) for work in batch["work"]]
    return {"batch": batch["batch"], "out": np.array(out, dtype=object)}


def _articles(run: Any) -> list[Segmented]:
    import ray

    return ray.get(run) if isinstance(run, ray.ObjectRef) else run
