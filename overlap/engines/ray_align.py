"""Alignment on Ray: pipeline.align_stage as a map over batches of candidate article pairs,
each batch with its pairs' copy and paraphrase candidates, aligned on a worker by align_stage
itself against the run's articles (put in Ray's object store once, read by every task), the
findings sent back and put together in batch order.

Every article goes to every task, not only those its pairs name: the rewrite stage weighs words
by their rarity over the whole run (rewrite.py, paraphrase.Rarity), so a batch of fewer articles
scores its rewrites otherwise (seen on 50 Reuters stories: 0.407 against 0.418).

Why the findings are the local ones: each step of align_stage reads one article pair at a time
(the pair's copies and paraphrases, align.align_across; whether the pair is linked, its
rewritten sentences and shared runs) beside those run-wide word weights, so a batch's findings
are those the whole run finds for its pairs. Only their order differs (the local stage lists
every pair's copies and paraphrases, then every pair's rewrites, then the runs), and nothing
after it depends on that order: the report sorts the findings, and shuffling them changes no
JSON result (seeds with judging, 50 Reuters stories; tests/test_ray_engine.py compares whole
results).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..candidates import ParaphraseCandidates
from ..config import Settings
from ..pipeline import Copies, align_stage
from ..types import ArticlePair, Finding, Segmented, SentenceRef
from .ray_rows import map_each_row
from .ray_stages import Batch

AlignStage = Callable[..., list[Finding]]  # pipeline.align_stage's signature
BATCHES_PER_WORKER = 4  # a batch of slow pairs leaves the other workers busy


def align_on(workers: int) -> AlignStage:
    """pipeline.align_stage, run on the connected Ray cluster with `workers` CPUs."""

    def align(
        segs: Sequence[Segmented],
        copies: Copies,
        paraphrases: ParaphraseCandidates,
        hidden: set[SentenceRef],
        s: Settings,
        short_runs: bool = True,
    ) -> list[Finding]:
        import ray.data

        pairs = sorted(set(copies) | set(paraphrases.pairs) | set(paraphrases.related))
        if not pairs:
            return []
        chunks = np.array_split(
            np.arange(len(pairs)), min(len(pairs), workers * BATCHES_PER_WORKER)
        )
        rows = [
            {
                "batch": n,
                "work": pickle.dumps(pair_batch([pairs[i] for i in chunk], copies, paraphrases)),
            }
            for n, chunk in enumerate(chunks)
        ]
        shared = ray.put((list(segs), hidden))
        done = map_each_row(rows, align_batches, "batch", run=shared, s=s, short_runs=short_runs)
        return [f for r in done for f in pickle.loads(r["findings"])]

    return align


def pair_batch(
    pairs: Sequence[ArticlePair], copies: Copies, paraphrases: ParaphraseCandidates
) -> tuple[Copies, ParaphraseCandidates]:
    """align_stage's candidates for `pairs` alone (the copies, the accepted and the related
    sentence pairs of those article pairs)."""

    def only(table: dict) -> dict:
        return {pair: table[pair] for pair in pairs if pair in table}

    return only(copies), dataclasses.replace(
        paraphrases, pairs=only(paraphrases.pairs), related=only(paraphrases.related)
    )


def align_batches(batch: Batch, run: Any, s: Settings, short_runs: bool) -> Batch:
    """The map: each row's pairs aligned by pipeline.align_stage against the run's articles
    (`run`: their object-store reference, with the hidden sentences), its findings pickled."""
    import ray

    segs, hidden = ray.get(run) if isinstance(run, ray.ObjectRef) else run
    out = []
    for work in batch["work"]:
        copies, paraphrases = pickle.loads(work)
        out.append(pickle.dumps(align_stage(segs, copies, paraphrases, hidden, s, short_runs)))
    return {"batch": batch["batch"], "findings": np.array(out, dtype=object)}
