"""compare() and analyse(): the stage order, nothing else. Each stage is a plain function in its
own module; `check` (draft.py) runs the same stages on a draft and its sources."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext

from .align import align_across, align_repeats, sentences_under
from .attribution import attribute
from .cache import EmbeddingStore, open_cache
from .candidates import ParaphraseCandidates, copy_candidates, paraphrase_candidates
from .chrome import find_chrome
from .claims import claim_findings, related_pairs, reported_claims
from .config import Settings
from .derivation import derive_pairs
from .embed import Embedder
from .errors import InputError
from .ingest import read_articles
from .judge import Thresholds, judge_all
from .linked_articles import linked_pairs
from .models import Models, load_models
from .near_duplicates import pair_duplication
from .nli import NLI
from .progress import NoProgress, Progress, StageClock, announced
from .rewrite import rewritten_sentences
from .segment import segment
from .shared_runs import shared_runs
from .tabular import Columns
from .types import (
    Article,
    ArticlePair,
    Finding,
    Result,
    RunStats,
    Segmented,
    SentencePair,
    SentenceRef,
    Skipped,
)

Copies = dict[ArticlePair, list[SentencePair]]  # candidate copied sentence pairs between articles
CopyPairs = Callable[..., list[tuple[int, int, float]]]  # shingles.copy_pairs or a stand-in


def compare(
    inputs: Sequence[str],
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
    nli: NLI | None = None,
    models: Models | None = None,
) -> Result:
    """Find reused and paraphrased passages across (and within) the articles at `inputs`, and
    judge whether each pair agrees or contradicts (with `settings.judge`). The models are
    `models`, else the shipped ones (except an `embedder` or `nli` given).

    >>> result = compare(["seeds/"])  # doctest: +SKIP
    >>> result.findings[0].kind, result.findings[0].a.text[:40]  # doctest: +SKIP
    """
    s = settings or Settings()
    began = time.perf_counter()
    articles, skipped = read_articles(
        inputs, s.encoding, overrides, s.recursive, s.encoding_force, Columns.from_settings(s)
    )
    if not articles:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(
            f"no readable articles in the input{first}; give .txt, .md, .html or "
            ".jsonl files, a folder of them, or a quoted glob"
        )
    # Loaded once the input is known to be readable: a bad path is reported before a model.
    models = models or load_models(s, embedder, nli)
    return analyse(articles, skipped, s, models, progress, began=began)


def analyse(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    s: Settings,
    models: Models,
    progress: Progress | None = None,
    keep_agreeing_claims: bool = False,
    began: float | None = None,
    short_runs: bool = True,
    copy_pairs: CopyPairs | None = None,
    align: Callable[..., list[Finding]] | None = None,
    judge: Callable[..., list[Finding]] | None = None,
) -> Result:
    """The stages after ingest, on articles already read. The cache is opened once, for the
    embeddings and the NLI scores both. `short_runs` adds the short word runs kept inside
    otherwise rewritten sentences (shared_runs.py), which measure how much of an article is
    reused; the draft check leaves them out (see draft.check). `copy_pairs` stands in for
    shingles.copy_pairs, `align` for align_stage, `judge` for judge_stage (the Ray engine's,
    engines/ray_candidates.py, ray_align.py and ray_judge.py)."""
    began = time.perf_counter() if began is None else began
    clock = StageClock(began)
    if progress is not None:  # loading a model and long NLI batches show too
        models = announced(models, progress)
    progress = progress or NoProgress()
    with open_cache(s.cache_path) or nullcontext() as store:
        segs = segment_all(articles, s)
        clock.lap("read and segment")
        copies, repeats, hidden = copy_stage(segs, s, copy_pairs)
        clock.lap("copy index")
        with progress.status("finding paraphrase candidates"):
            paraphrases = paraphrase_candidates(
                segs, hidden, models.embedder, s, progress, models.scorer, store
            )
        clock.lap("embed and neighbours")
        with progress.status("aligning passages"):
            found = (align or align_stage)(segs, copies, paraphrases, hidden, s, short_runs)
            findings = attribute_all(repeats + found, segs)
        clock.lap("align and attribute")
        if s.judge:
            related = related_pairs(paraphrases.related, paraphrases.pairs)
            claims = claim_findings(segs, related, findings, hidden, s.max_claim_pairs)
            clock.lap("related claims")
            with progress.status("judging"):
                judged = (judge or judge_stage)(findings + claims, segs, models, s, store)
            findings = reported_claims(judged, keep_agreeing_claims)
            clock.lap("judge")
    notes = run_notes(store, models, s)
    # Before the report filters: how much of an article is reused does not depend on what is shown.
    derivations = derive_pairs(segs, findings)
    duplication = pair_duplication(segs, findings)
    stats = RunStats(
        paraphrases.passages,
        paraphrases.embedded,
        paraphrases.from_cache,
        round(time.perf_counter() - began, 3),
        clock.laps,
    )
    return Result(
        tuple(articles),
        tuple(segs),
        tuple(skipped),
        tuple(shown(findings, s)),
        s.to_dict(),
        models.records(s.judge),
        stats,
        {"notes": notes},
        derivations,
        duplication,
    )


def run_notes(store: EmbeddingStore | None, models: Models, s: Settings) -> list[str]:
    """What the reader of the report must know about the run: what was wrong with the cache and
    what was done about it (each fault once), and a judge that ran without its model."""
    notes = list(dict.fromkeys(store.notes)) if store else []
    if s.judge and models.nli is None and models.nli_problem:
        notes.append(f"judged without the NLI model: {models.nli_problem}")
    return notes


def segment_all(articles: Sequence[Article], s: Settings) -> list[Segmented]:
    """Every article segmented, with the lines that recur across articles (site chrome) marked."""
    chrome = find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
    return [segment(a, chrome[a.id]) for a in articles]


def copy_stage(
    segs: Sequence[Segmented], s: Settings, copy_pairs: CopyPairs | None = None
) -> tuple[Copies, list[Finding], set[SentenceRef]]:
    """Copy candidates between articles, the repeats within one, and the sentences they hide.
    The later copy of a repeated passage is reported once, as a repeat, and matched no further."""
    copies = copy_candidates(segs, s, copy_pairs) if copy_pairs else copy_candidates(segs, s)
    repeats = align_repeats(segs, copies.within, s.min_copy_words, s.edited_min_similarity)
    return copies.across, repeats, sentences_under(segs, [f.b for f in repeats])


def align_stage(
    segs: Sequence[Segmented],
    copies: Copies,
    paraphrases: ParaphraseCandidates,
    hidden: set[SentenceRef],
    s: Settings,
    short_runs: bool = True,
) -> list[Finding]:
    """Copies and paraphrases between articles, aligned; then the sentences of linked article
    pairs rewritten from the other article that neither found (wire copy reworded: rewrite.py),
    and (with `short_runs`) the short runs of words kept outside all of those."""
    found = align_across(
        segs,
        copies,
        paraphrases.pairs,
        hidden,
        s.min_copy_words,
        s.edited_min_similarity,
        s.min_paraphrase_words,
        paraphrases.threshold,
        paraphrases.threshold_related,
    )
    # Only pairs that share real text are read for rewrites: a candidate alone links almost
    # every pair of a large corpus by chance (linked_articles.py).
    linked = linked_pairs(
        findings_by_pair(found, segs),
        copies,
        paraphrases.pairs,
        paraphrases.related,
        sentences=[sg.sentences for sg in segs],
    )
    found += rewritten_sentences(segs, linked, findings_by_pair(found, segs), hidden)
    if not short_runs:
        return found
    # then the short runs of words kept outside all of those (shared_runs.py)
    return found + shared_runs(segs, linked, findings_by_pair(found, segs), hidden)


def findings_by_pair(
    findings: Sequence[Finding], segs: Sequence[Segmented]
) -> dict[ArticlePair, list[Finding]]:
    """Findings between two articles, by the pair of their positions in `segs`."""
    index = {seg.article.id: ai for ai, seg in enumerate(segs)}
    out: dict[ArticlePair, list[Finding]] = {}
    for f in findings:
        pair = (index[f.a.article], index[f.b.article])
        if pair[0] != pair[1]:
            out.setdefault(pair, []).append(f)
    return out


def attribute_all(findings: list[Finding], segs: Sequence[Segmented]) -> list[Finding]:
    """Each finding with its direction (which side is the source) and the copier's credit."""
    by_id = {seg.article.id: seg for seg in segs}
    return [attribute(f, by_id[f.a.article], by_id[f.b.article]) for f in findings]


def judge_stage(
    findings: list[Finding],
    segs: Sequence[Segmented],
    models: Models,
    s: Settings,
    store: EmbeddingStore | None,
) -> list[Finding]:
    """Every finding judged (NLI scores from the cache where known)."""
    by_id = {seg.article.id: seg for seg in segs}
    return judge_all(findings, by_id, models.nli, Thresholds.from_settings(s), store)


def shown(findings: Sequence[Finding], s: Settings) -> list[Finding]:
    """The findings the report shows (kinds and score asked for), most similar first."""
    out = [f for f in findings if f.kind in s.kinds and f.score >= s.min_score]
    out.sort(key=lambda f: (-f.score, f.a.article, f.a.start, f.b.article, f.b.start))
    return out
