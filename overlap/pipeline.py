"""compare() and analyse(): the stage order, nothing else. Each stage is a plain function in its
own module; `check` (draft.py) runs the same stages on a draft and its sources."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .align import align_across, align_repeats, sentences_under
from .attribution import attribute
from .cache import EmbeddingStore
from .candidates import copy_candidates, paraphrase_candidates
from .chrome import find_chrome
from .claims import claim_findings, related_pairs, reported_claims
from .config import Settings
from .derivation import derive_pairs
from .embed import Embedder
from .errors import InputError
from .ingest import read_articles
from .judge import NLI, Thresholds, judge_all, load_nli
from .progress import NoProgress, Progress
from .segment import segment
from .tabular import Columns
from .types import Article, Result, RunStats, Skipped


def compare(
    inputs: Sequence[str],
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
    nli: NLI | None = None,
) -> Result:
    """Find reused and paraphrased passages across (and within) the articles at `inputs`, and
    judge whether each pair agrees or contradicts (with `settings.judge`).

    >>> result = compare(["seeds/"])  # doctest: +SKIP
    >>> result.findings[0].kind, result.findings[0].a.text[:40]  # doctest: +SKIP
    """
    s = settings or Settings()
    began = time.perf_counter()
    articles, skipped = read_articles(inputs, s.encoding, overrides, s.recursive, s.encoding_force,
                                      Columns.from_settings(s))
    if not articles:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(
            f"no readable articles in the input{first}; give .txt, .md, .html or "
            ".jsonl files, a folder of them, or a quoted glob"
        )
    return analyse(articles, skipped, s, embedder, progress, nli, began=began)


def analyse(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    s: Settings,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    nli: NLI | None = None,
    keep_agreeing_claims: bool = False,
    began: float | None = None,
) -> Result:
    """The stages after ingest, on articles already read."""
    began = time.perf_counter() if began is None else began
    clock = StageClock(began)
    chrome = find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
    segs = [segment(a, chrome[a.id]) for a in articles]
    by_id = {seg.article.id: seg for seg in segs}
    clock.lap("read and segment")

    copies = copy_candidates(segs, s)
    repeats = align_repeats(segs, copies.within, s.min_copy_words, s.edited_min_similarity)
    # The later copy of a repeated passage is reported once, as a repeat, and matched no further.
    hidden = sentences_under(segs, [f.b for f in repeats])
    clock.lap("copy index")
    if embedder is None:
        from .embed import MiniLM

        embedder = MiniLM(s.batch_size, s.embed_precision)
    paraphrases = paraphrase_candidates(segs, hidden, embedder, s, progress or NoProgress())
    clock.lap("embed and neighbours")
    findings = repeats + align_across(
        segs, copies.across, paraphrases.pairs, hidden,
        s.min_copy_words, s.edited_min_similarity, s.min_paraphrase_words,
        paraphrases.threshold, paraphrases.threshold_related,
    )
    findings = [attribute(f, by_id[f.a.article], by_id[f.b.article]) for f in findings]
    clock.lap("align and attribute")

    describe = getattr(embedder, "describe", None)
    models = [describe() if describe else {"name": embedder.model_id}]
    notes: list[str] = list(paraphrases.notes)  # a broken cache, and what was done about it
    if s.judge:
        if nli is None:
            nli, problem = load_nli()
            if problem:
                notes.append(f"judged without the NLI model: {problem}")
        if nli is not None:
            describe_nli = getattr(nli, "describe", None)
            models.append(describe_nli() if describe_nli else {"name": nli.model_id})
        related = related_pairs(paraphrases.related, paraphrases.pairs)
        claims = claim_findings(segs, related, findings, hidden, s.max_claim_pairs)
        clock.lap("related claims")
        thresholds = Thresholds(s.nli_contradict_min, s.nli_entail_min, s.nli_direction_min)
        store = EmbeddingStore(s.cache_path) if s.cache_path else None
        try:
            findings = judge_all(findings + claims, by_id, nli, thresholds, store)
        finally:
            if store:
                store.close()
                notes += [n for n in store.notes if n not in notes]  # the same fault: noted once
        findings = reported_claims(findings, keep_agreeing_claims)
        clock.lap("judge")

    # Before the report filters: how much of an article is reused does not depend on what is shown.
    derivations = derive_pairs(articles, findings)
    findings = [f for f in findings if f.kind in s.kinds and f.score >= s.min_score]
    findings.sort(key=lambda f: (-f.score, f.a.article, f.a.start, f.b.article, f.b.start))
    stats = RunStats(paraphrases.passages, paraphrases.embedded, paraphrases.from_cache,
                     round(time.perf_counter() - began, 3), clock.laps)
    return Result(tuple(articles), tuple(segs), tuple(skipped), tuple(findings), s.to_dict(),
                  tuple(models), stats, {"notes": notes}, derivations)


class StageClock:
    """Wall seconds per stage: each lap is the time since the previous one (or `began`)."""

    def __init__(self, began: float):
        self.last = began
        self.laps: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self.last, 3)
        self.last = now
