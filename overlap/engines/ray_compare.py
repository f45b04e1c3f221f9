"""`overlap compare --engine ray`: the files (or the new articles against an index) read on the
cluster as a map over partitions, every passage the paraphrase stage embeds embedded ahead by the
actor pool, the NLI pairs scored by another, the copy candidates found by two groupbys on banded
shingle keys (ray_candidates), against an index the stored articles near the new ones found by
searching its vectors in shards (ray_search), and the candidate article pairs aligned as a map
over batches of pairs (ray_align) and judged as two maps over batches of findings (ray_judge),
the nearest neighbours within the run found in shards of the vectors' row blocks
(ray_neighbours);
the local engine's other stages run on those vectors, pairs, findings and scores
(pipeline.analyse, archive.use), so the findings are the local engine's."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from ..cache import open_cache, text_key
from ..chrome import find_chrome
from ..config import Settings
from ..embed import LookupEmbedder
from ..errors import InputError
from ..memo import RememberingEmbedder
from ..models import Models, load_embedder, load_nli, load_scorer
from ..nli import NLI, NLIModel
from ..pipeline import analyse
from ..progress import NoProgress, Progress
from ..types import Article, Chrome, Result
from .ray_align import align_on
from .ray_candidates import copy_pairs_on
from .ray_jobs import embed_on_ray, nli_on_ray, passages_on_ray, read_on_ray, staging_folder
from .ray_judge import judge_on
from .ray_neighbours import neighbours_on
from .ray_runtime import ray_cluster
from .ray_search import ShardedVectors


class RayNLI:
    """The NLI model with `predict` run by the cluster's NLI actors; its id and description are
    the local model's, so cached scores and the report's model list are a local run's."""

    def __init__(self, model: NLIModel, workers: int):
        self._model = model
        self._workers = workers
        self.model_id = model.model_id

    def __getattr__(self, name: str) -> object:  # describe, max_length, ...
        return getattr(self._model, name)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        return nli_on_ray(self._model, pairs, self._workers)


def ray_compare(folder: Path | None, within: bool) -> Callable[..., Result]:
    """pipeline.compare's stand-in for `overlap compare ... --engine ray` (with --index DIR and
    --within-index as archive.use.index_compare takes them): called as it is."""
    from ..archive.use import compare_with_index, index_compare

    if folder is not None or within:
        index_compare(folder, within)  # the same usage errors, before a cluster starts

    def run(
        inputs: Sequence[str],
        s: Settings,
        overrides: dict[str, str] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        began = time.perf_counter()
        shown = progress or NoProgress()
        with ray_cluster() as workers:
            with shown.status("reading on Ray"):
                articles, skipped = (
                    read_on_ray(inputs, s, overrides, workers) if inputs else ([], [])
                )
            if inputs and not articles:
                first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
                raise InputError(
                    f"no readable articles in the input{first}; give .txt, .md, .html or "
                    ".jsonl files, a folder of them, or a quoted glob"
                )
            # Segmented as analyse segments them: with the run's recurring lines; against an
            # index, as the index stores them.
            chrome = (
                find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
                if folder is None
                else None
            )
            with shown.status("embedding passages on Ray"):
                models = ray_models(articles, s, workers, chrome)
            copy_pairs, align = copy_pairs_on(workers), align_on(workers)
            judge = judge_on(workers)
            with neighbours_on(workers):
                if folder is None:
                    return analyse(
                        articles,
                        skipped,
                        s,
                        models,
                        progress,
                        began=began,
                        copy_pairs=copy_pairs,
                        align=align,
                        judge=judge,
                    )
                return compare_with_index(
                    folder,
                    inputs,
                    s,
                    within,
                    overrides,
                    progress,
                    models.embedder,
                    models.nli,
                    copy_pairs,
                    lambda found, path: ShardedVectors(found, path, workers),
                    align,
                    judge,
                )

    return run


def ray_models(
    articles: Sequence[Article],
    s: Settings,
    workers: int,
    chrome: dict[str, tuple[Chrome, ...]] | None,
) -> Models:
    """The shipped models, the embedder answering from vectors the cluster made for every
    passage of `articles` that the cache lacks, the NLI model predicting on the cluster."""
    local = load_embedder(s)
    per_article = passages_on_ray(articles, s, workers, chrome)
    texts = {text_key(p.text): p.text for ps in per_article for p in ps if p.embedded}
    with open_cache(s.cache_path) or nullcontext() as store:
        dim = getattr(local, "dim", None)
        known = store.get_many(local.model_id, list(texts), dim, unit=True) if store else {}
    missing = {k: t for k, t in texts.items() if k not in known}
    with staging_folder() as staging:
        vectors = embed_on_ray(missing, s, workers, staging)
    nli: NLI | None = None
    problem = None
    if s.judge:
        model, problem = load_nli()
        nli = RayNLI(model, workers) if isinstance(model, NLIModel) else model
    table = {**known, **vectors}
    embedder = LookupEmbedder(
        RememberingEmbedder(local), lambda keys: {k: table[k] for k in keys if k in table}
    )
    return Models(embedder, nli, load_scorer(), problem)
