"""overlap check: a pre-publication check of a draft against its sources.

Every draft sentence gets one class (misquoted, contradicted, copied, quoted, supported,
unsupported: the most serious that applies) with the source spans and evidence behind it. The
compare stages do the finding; this module only reads the findings that touch the draft.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from . import misquotes
from .candidates import is_heading
from .config import Settings
from .copy_slots import aligned_only, changed_fact_links
from .draft_input import STDIN_SOURCE, line_col, read_draft, unwrap
from .draft_links import (
    links_of,
    occurrences,
    short_claim_links,
    unique_links,
)
from .draft_quotes import lifted_quote, quote_notes, quoted_note, reports_quote
from .embed import Embedder
from .errors import ConfigError, InputError
from .ids import text_id
from .ingest import read_articles
from .models import Models, load_models
from .nli import NLI
from .pipeline import analyse
from .progress import Progress, announced
from .quote_match import Outcome, QuoteVerdict, from_segmented
from .settled_links import (
    certainty_said_elsewhere,
    not_both_ways,
    quoted_in_part,
    sources_disagree,
)
from .short_claims import is_short_claim
from .stance_words import asks
from .tabular import Columns
from .types import (
    COPY_KINDS,
    Article,
    CheckResult,
    Kind,
    LinkRelation,
    Segmented,
    Sentence,
    SentenceCheck,
    SentenceClass,
    Skipped,
    SourceLink,
    Span,
)

DEFAULT_FAIL_ON = (SentenceClass.COPIED, SentenceClass.MISQUOTED, SentenceClass.CONTRADICTED)
SEVERITY = list(SentenceClass)  # declaration order: most serious first
# The class a sentence gets from its most serious link.
CLASS_OF = {
    LinkRelation.MISQUOTED: SentenceClass.MISQUOTED,
    LinkRelation.CONTRADICTS: SentenceClass.CONTRADICTED,
    LinkRelation.COPIED: SentenceClass.COPIED,
    LinkRelation.QUOTED: SentenceClass.QUOTED,
    LinkRelation.SUPPORTS: SentenceClass.SUPPORTED,
    LinkRelation.REPORTS: SentenceClass.UNSUPPORTED,  # reported is not confirmed
}

# Classes a verified, credited quotation raises to "quoted" (it says more than they do).
_BELOW_QUOTED = (SentenceClass.SUPPORTED, SentenceClass.UNSUPPORTED)


def parse_fail_on(text: str) -> tuple[SentenceClass, ...]:
    """`"copied,misquoted"` -> classes; an empty string fails on nothing."""
    names = [p.strip().lower() for p in text.split(",") if p.strip()]
    valid = ", ".join(c.value for c in SentenceClass)
    out = []
    for name in names:
        try:
            out.append(SentenceClass(name))
        except ValueError:
            raise ConfigError(
                f"unknown class {name!r} in --fail-on; choose from: {valid}"
            ) from None
    return tuple(dict.fromkeys(out))


def read_allow_list(path: Path) -> set[str]:
    """Finding ids, one per line; anything after the id and lines starting with # are comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{path}: allow-list not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read allow-list ({exc})") from None
    return {line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")}


def check(
    draft: str,
    sources: Sequence[str],
    settings: Settings | None = None,
    fail_on: Sequence[SentenceClass] = DEFAULT_FAIL_ON,
    allow: set[str] | None = None,
    embedder: Embedder | None = None,
    nli: NLI | None = None,
    progress: Progress | None = None,
    stdin: str | None = None,
    models: Models | None = None,
) -> CheckResult:
    """Check `draft` (one file, or "-" for the text `stdin`) against `sources` (files, folders,
    globs).

    >>> result = check("seeds/drafts/demo-draft.md", ["seeds/"])  # doctest: +SKIP
    >>> [(c.cls.value, c.span.text[:30]) for c in result.sentences]  # doctest: +SKIP
    """
    return check_many(
        [draft], sources, settings, fail_on, allow, embedder, nli, progress, stdin, models
    )[0]


def check_many(
    drafts: Sequence[str],
    sources: Sequence[str],
    settings: Settings | None = None,
    fail_on: Sequence[SentenceClass] = DEFAULT_FAIL_ON,
    allow: set[str] | None = None,
    embedder: Embedder | None = None,
    nli: NLI | None = None,
    progress: Progress | None = None,
    stdin: str | None = None,
    models: Models | None = None,
    sources_read: Sequence[Article] | None = None,
) -> list[CheckResult]:
    """Check each of `drafts` against the same `sources`: one CheckResult per draft, in order,
    each the same as `check` would give. The sources are read once and the models loaded once;
    a source sentence is embedded (and an NLI pair scored) once for all drafts. A draft named
    "-" is the text `stdin` (Markdown or plain text, source `<stdin>`). The models are `models`,
    else the shipped ones (except an `embedder` or `nli` given). `sources_read`: sources
    already read (an index's articles: overlap/archive/use.py), used instead of `sources`.

    >>> results = check_many(["a.md", "b.md"], ["sources/"])  # doctest: +SKIP
    >>> [r.failing for r in results]  # doctest: +SKIP
    """
    s = settings or Settings()
    read = [read_draft(d, s, stdin) for d in drafts]  # every draft readable before any work
    found, more_skipped = (
        (list(sources_read), [])
        if sources_read is not None
        else read_articles(
            sources,
            s.encoding,
            recursive=s.recursive,
            encoding_force=s.encoding_force,
            columns=Columns.from_settings(s),
        )
    )
    models = remembering(models or load_models(s, embedder, nli))
    if progress is not None:  # a model first used by the short claims says it loads too
        models = announced(models, progress)
    return [
        _check_one(
            article,
            raw_text,
            line_base,
            skipped,
            found,
            more_skipped,
            s,
            fail_on,
            allow or set(),
            models,
            progress,
        )
        for article, raw_text, line_base, skipped in read
    ]


def remembering(models: Models) -> Models:
    """The same models, answering a text (or pair) seen for an earlier draft from memory."""
    from .memo import RememberingEmbedder, RememberingNLI

    nli = RememberingNLI(models.nli) if models.nli is not None else None
    return dataclasses.replace(models, embedder=RememberingEmbedder(models.embedder), nli=nli)


def _check_one(
    draft: Article,
    raw_text: str,
    line_base: int,
    skipped: list[Skipped],
    found: list[Article],
    more_skipped: list[Skipped],
    s: Settings,
    fail_on: Sequence[SentenceClass],
    allow: set[str],
    models: Models,
    progress: Progress | None,
) -> CheckResult:
    # Sentences follow the text, not the line breaks: a hard-wrapped paragraph is read as one
    # (same length, so every offset and line number still points into the file as written).
    the_draft = dataclasses.replace(draft, text=unwrap(raw_text))
    if draft.source != STDIN_SOURCE:
        draft_path = Path(draft.source).resolve()
        found = [a for a in found if Path(a.source.rsplit(":", 1)[0]).resolve() != draft_path]
    if not found:
        first = f" ({more_skipped[0].source}: {more_skipped[0].reason})" if more_skipped else ""
        raise InputError(f"no readable sources{first}; give --against files, folders or globs")
    ids = {a.id for a in found}
    if the_draft.id in ids:  # keep the draft's id apart from every source's
        the_draft = dataclasses.replace(the_draft, id=f"draft:{the_draft.id}")
    result = analyse(
        [the_draft, *found],
        [*skipped, *more_skipped],
        s,
        models,
        progress,
        keep_agreeing_claims=True,
        # A sentence is "copied" when it is a copy or an edited copy of a source sentence. A
        # four-word wire phrase kept in the writer's own sentence ("at Leeds Crown Court") is
        # reuse worth measuring between articles (compare's shares), but flagging it would fail
        # a draft for a headline or a credited quote that shares a phrase with the wire.
        short_runs=False,
    )
    segs = {seg.article.id: seg for seg in result.segmented}
    draft_seg = segs[the_draft.id]
    occurrence = occurrences(draft_seg)
    # Every draft quotation is matched once, against all sources (the credited one first).
    verdicts = misquotes.quote_verdicts(
        from_segmented(draft_seg), [from_segmented(segs[a.id]) for a in found]
    )
    links = unique_links(
        [
            link
            for f in result.findings
            if the_draft.id in (f.a.article, f.b.article) and f.kind is not Kind.REPEAT
            for link in links_of(f, draft_seg, segs, occurrence, verdicts)
        ]
    )
    ctx = _DraftContext(
        draft_seg, segs, [segs[a.id] for a in found], occurrence, verdicts, s, models
    )
    checks = []
    used: set[str] = set()
    for sent in draft_seg.sentences:
        mine = _sentence_links(sent, links, ctx)
        cls, ident, notes = _sentence_class(sent, mine, ctx)
        if cls is SentenceClass.MISQUOTED and LinkRelation.MISQUOTED not in {
            x.relation for x in mine
        }:
            mine = quoted_in_part(mine)
        while ident in used:  # two sentences decided by one link: each keeps its own id
            ident = text_id(ident, sent.text, str(sent.index))
        used.add(ident)
        disagree = sources_disagree(mine)
        line, column = line_col(raw_text, sent.start, line_base)
        span = Span(the_draft.id, sent.start, sent.end, sent.text)
        checks.append(
            SentenceCheck(
                sent.index,
                span,
                line,
                column,
                cls,
                mine,
                disagree,
                ident in allow,
                ident,
                tuple(dict.fromkeys(notes)),
            )
        )
    return CheckResult(
        the_draft, tuple(found), result.skipped, tuple(checks), tuple(fail_on), result
    )


@dataclasses.dataclass(frozen=True)
class _DraftContext:
    """What every sentence of one draft is checked with."""

    draft: Segmented
    segs: dict[str, Segmented]
    sources: list[Segmented]
    occurrence: dict[int, tuple[str, ...]]
    verdicts: Sequence[QuoteVerdict]  # every draft quotation, matched against the sources
    settings: Settings
    models: Models


def _sentence_links(
    sent: Sentence, links: Sequence[SourceLink], ctx: _DraftContext
) -> tuple[SourceLink, ...]:
    """The links that bear on one draft sentence, most serious first."""
    here = [x for x in links if x.draft.start < sent.end and x.draft.end > sent.start]
    min_words = ctx.settings.min_paraphrase_words
    if asks(sent.text):
        # A question asserts nothing: a source cannot support or contradict it (its words
        # can still be copied or quoted).
        here = [x for x in here if x.finding.kind in COPY_KINDS]
    elif ctx.settings.judge:
        short = is_short_claim(sent.text, is_heading(ctx.draft, sent), min_words)
        # A longer sentence no compare stage linked is read like a short claim, against the
        # passages closest to it: one that joins two source sentences ("bought ... a large
        # California firm, and the terms were disclosed") pairs with neither whole. For it,
        # only a contradiction on the words both say counts (short_claim_links).
        if short or not here and is_short_claim(sent.text, True, min_words):
            here = short_claim_links(
                sent,
                here,
                ctx.draft.article.id,
                ctx.sources,
                ctx.models,
                ctx.occurrence,
                words_only=not short,
            )
    here += changed_fact_links(sent, here, ctx.draft, ctx.segs, ctx.occurrence)
    here = certainty_said_elsewhere(not_both_ways(aligned_only(here, ctx.segs)))
    return tuple(
        sorted(here, key=lambda x: (SEVERITY.index(CLASS_OF[x.relation]), x.source, x.span.start))
    )


def _sentence_class(
    sent: Sentence, mine: Sequence[SourceLink], ctx: _DraftContext
) -> tuple[SentenceClass, str, list[str]]:
    """The sentence's class, the id that decides it and its notes: its most serious link's,
    unless quote matching alone says more (a misquote, a credited or a lifted quotation too
    short to be found as a copy)."""
    seen = ctx.occurrence[sent.index]
    cls = CLASS_OF[mine[0].relation] if mine else SentenceClass.UNSUPPORTED
    ident = mine[0].id if mine else text_id("unsupported", sent.text, *seen)
    here = misquotes.local(ctx.verdicts, sent.start, sent.end)  # as this sentence has them
    notes = quote_notes(here)
    if asks(sent.text):
        notes.append("a question: it asserts nothing for a source to support or contradict")
    text = ctx.draft.article.text
    bad = misquotes.misquoted(here)
    if bad and cls is not SentenceClass.MISQUOTED:
        # A quotation too short to be found as a copy is still matched: a misquote found
        # by quote_match alone decides the class, its reason leads the notes.
        notes.insert(0, misquotes.reason(bad[0]))
        return (
            SentenceClass.MISQUOTED,
            text_id("misquoted", sent.text, bad[0].quote.text, *seen),
            notes,
        )
    if cls in _BELOW_QUOTED and reports_quote(here, text, sent.start, sent.end):
        # A credited quotation quote_match found as printed, too short to be found as a
        # copy: the sentence quotes its speaker (the same rule as a copy's, reports_quote).
        good = next(v for v in here if v.outcome is Outcome.QUOTED and v.source)
        notes.insert(0, quoted_note(good))
        return SentenceClass.QUOTED, text_id("quoted", sent.text, good.quote.text, *seen), notes
    lifted = lifted_quote(here, text, sent.start, sent.end) if cls in _BELOW_QUOTED else None
    if lifted is not None and lifted.source is not None:
        # The source's words in quote marks, credited to no one: copied, as such a copy is.
        notes.insert(
            0, f"in quote marks but credited to no one ({lifted.source.label} prints these words)"
        )
        return SentenceClass.COPIED, text_id("copied", sent.text, lifted.quote.text, *seen), notes
    return cls, ident, notes
