"""Compare and check against an index: the new articles (or drafts) are read and segmented, the
stored articles they can share passages with are found (select.py) and read from the database,
and the ordinary pipeline runs on both, every stored passage's vector served from the index
(embed.LookupEmbedder) instead of the encoder. Findings between two stored articles are left out
unless `within` asks for every pair inside the index."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ..cache import open_cache, text_key
from ..config import Settings
from ..draft import check_many
from ..draft_input import read_draft
from ..embed import Embedder, LookupEmbedder, embed_texts
from ..errors import InputError
from ..ingest import read_articles
from ..memo import RememberingEmbedder
from ..models import Models, load_models
from ..nli import NLI
from ..pipeline import CopyPairs, analyse
from ..progress import Progress
from ..segment import segment
from ..tabular import Columns
from ..types import Article, CheckResult, Finding, Result, SentenceClass
from .passages import article_passages, paragraph_means
from .schema import connect
from .select import by_shingles, by_vectors, nearest
from .store import check_compatible, get_meta, get_vectors, load_articles, source_key, stored_keys
from .vectors import Searchable, VectorFile


def archive_embedder(model: Embedder, db: sqlite3.Connection) -> LookupEmbedder:
    """An Embedder that answers the texts the index holds from its stored float32 vectors and
    sends only the others to `model` (each distinct one once)."""
    return LookupEmbedder(
        RememberingEmbedder(model), lambda keys: get_vectors(db, model.model_id, keys)
    )


class _Session:
    """An open index (database, vector file) and the models wrapped to read from it."""

    def __init__(
        self,
        folder: Path,
        s: Settings,
        models: Models,
        search_on: Callable[[VectorFile, Path], Searchable] | None = None,
    ):
        self.folder = folder
        self.db = connect(folder)
        # One read snapshot for the whole run: a writer adding meanwhile changes nothing here.
        self.db.execute("BEGIN")
        check_compatible(self.db, folder, models.embedder.model_id, s)
        name = get_meta(self.db, "vector_file")
        found = VectorFile(folder, name)
        # The candidates' search: the file here, or (search_on) its shards on a Ray cluster.
        self.vectors: Searchable = (
            search_on(found, folder / name) if search_on and name is not None else found
        )
        self.embedder = archive_embedder(models.embedder, self.db)
        self.models = dataclasses.replace(models, embedder=self.embedder)
        self.stored = stored_keys(self.db)

    def close(self) -> None:
        self.db.close()

    def candidates(self, new: Sequence[Article], s: Settings) -> tuple[list[Article], set[int]]:
        """The stored articles that can share passages with `new` (the same article stored is
        `new` itself, not a candidate), and the row ids of the stored copies of `new`."""
        own = {self.stored[k][0] for k in (source_key(a.source) for a in new) if k in self.stored}
        per_article = [article_passages(segment(a), s) for a in new]
        passages = [p for ps in per_article for p in ps]
        texts = [p.text for p in passages if p.embedded]
        with open_cache(s.cache_path) or _Nothing() as store:
            vectors, _, _ = embed_texts(self.embedder, texts, store)
        by_key = dict(zip((text_key(t) for t in texts), vectors, strict=True))
        means = [m for ps in per_article for m in paragraph_means(ps, by_key, s).values()]
        queries = np.concatenate([vectors, np.stack(means)]) if means else vectors
        signatures = [p.signature for p in passages if p.signature is not None]
        rows = by_vectors(self.vectors, self.db, queries, s, own) | by_shingles(
            self.db, signatures, s, own
        )
        if not rows and len(self.stored) > len(own):
            # Nothing near: the nearest stored article still lets a check say "unsupported".
            rows = nearest(self.vectors, self.db, queries, own)
        return load_articles(self.db, rows), own


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def compare_with_index(
    folder: Path,
    inputs: Sequence[str],
    s: Settings,
    within: bool = False,
    overrides: dict[str, str] | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    nli: NLI | None = None,
    copy_pairs: CopyPairs | None = None,
    search_on: Callable[[VectorFile, Path], Searchable] | None = None,
    align: Callable[..., list[Finding]] | None = None,
    judge: Callable[..., list[Finding]] | None = None,
) -> Result:
    """`overlap compare NEW... --index DIR`: the new articles against the index and among
    themselves; with `within`, every pair inside the index as well (and NEW may be empty).
    `copy_pairs`, `search_on`, `align` and `judge` put the copy candidates, the vector search,
    the alignment and the judging on a Ray cluster (engines/ray_compare.py); the answer is the
    same."""
    new, skipped = (
        read_articles(
            inputs, s.encoding, overrides, s.recursive, s.encoding_force, Columns.from_settings(s)
        )
        if inputs
        else ([], [])
    )
    if inputs and not new:
        first = f" ({skipped[0].source}: {skipped[0].reason})" if skipped else ""
        raise InputError(f"no readable articles in the input{first}")
    models = load_models(s, embedder, nli)
    session = _Session(folder, s, models, search_on)
    try:
        if within:
            keys = {source_key(a.source) for a in new}
            stored = [a for a in load_articles(session.db) if source_key(a.source) not in keys]
        else:
            stored, own = session.candidates(new, s)
        if not stored and not new:
            raise InputError(f"index {folder} holds no articles; add some with overlap index add")
        articles = _in_source_order(stored, new)
        result = analyse(
            articles,
            skipped,
            s,
            session.models,
            progress,
            copy_pairs=copy_pairs,
            align=align,
            judge=judge,
        )
    finally:
        session.close()
    if within:
        return result
    fresh = _new_ids(articles, stored)
    findings = tuple(f for f in result.findings if {f.a.article, f.b.article} & fresh)
    derivations = tuple(
        d for d in result.derivations if d.article in fresh or set(d.sources) & fresh
    )
    notes = [
        *result.extra.get("notes", []),
        f"compared against {len(stored)} of {len(session.stored)} indexed articles "
        "(those sharing shingles or near-neighbour passages with the input)",
    ]
    return dataclasses.replace(
        result, findings=findings, derivations=derivations, extra={**result.extra, "notes": notes}
    )


def _new_ids(articles: Sequence[Article], stored: Sequence[Article]) -> set[str]:
    stored_ids = {a.id for a in stored}
    return {a.id for a in articles if a.id not in stored_ids}


def _in_source_order(stored: Sequence[Article], new: Sequence[Article]) -> list[Article]:
    """Stored and new articles in source-key order (as a folder of them all is read), a new
    article's id kept apart from every stored one's."""
    taken = {a.id for a in stored}
    renamed = []
    for a in new:
        ident, n = a.id, 1
        while ident in taken:
            n += 1
            ident = f"{a.id}~{n}"
        taken.add(ident)
        renamed.append(a if ident == a.id else dataclasses.replace(a, id=ident))
    return sorted([*stored, *renamed], key=lambda a: source_key(a.source))


def check_with_index(
    drafts: Sequence[str],
    folder: Path,
    s: Settings,
    fail_on: Sequence[SentenceClass],
    allow: set[str],
    stdin: str | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    nli: NLI | None = None,
) -> list[CheckResult]:
    """`overlap check DRAFT... --index DIR`: each draft against the stored articles it can share
    passages with (found for all drafts together), as `check --against` would check it."""
    read = [read_draft(d, s, stdin)[0] for d in drafts]
    models = load_models(s, embedder, nli)
    session = _Session(folder, s, models)
    try:
        stored, _ = session.candidates(read, s)
        if not stored:
            raise InputError(f"index {folder} holds no articles; add some with overlap index add")
        return check_many(
            drafts,
            [],
            s,
            fail_on,
            allow,
            progress=progress,
            stdin=stdin,
            models=session.models,
            sources_read=stored,
        )
    finally:
        session.close()


def index_compare(folder: Path | None, within: bool) -> Callable[..., Result]:
    """pipeline.compare's stand-in for `overlap compare --index DIR [--within-index]`: called as
    it is (paths, settings, overrides=..., progress=...)."""
    from ..errors import ConfigError

    if folder is None:
        raise ConfigError("--within-index needs --index DIR (the index to compare inside)")

    def run(
        inputs: Sequence[str],
        s: Settings,
        overrides: dict[str, str] | None = None,
        progress: Progress | None = None,
    ) -> Result:
        if not inputs and not within:
            raise ConfigError("give the articles to compare, or --within-index for the index's own")
        return compare_with_index(folder, inputs, s, within, overrides, progress)

    return run


def index_check(folder: Path, against: Sequence[str] | None) -> Callable[..., list[CheckResult]]:
    """draft.check_many's stand-in for `overlap check DRAFT... --index DIR`: called as it is
    (drafts, sources, settings, fail_on, allowed, stdin=..., progress=...)."""
    from ..errors import ConfigError

    if against:
        raise ConfigError("give --against or --index, not both")

    def run(
        drafts: Sequence[str],
        _sources: Sequence[str],
        s: Settings,
        fail_on: Sequence[SentenceClass],
        allow: set[str],
        stdin: str | None = None,
        progress: Progress | None = None,
    ) -> list[CheckResult]:
        return check_with_index(drafts, folder, s, fail_on, allow, stdin, progress)

    return run
