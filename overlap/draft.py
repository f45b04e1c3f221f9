"""overlap check: a pre-publication check of a draft against its sources.

Every draft sentence gets one class (misquoted, contradicted, copied, quoted, supported,
unsupported: the most serious that applies) with the source spans and evidence behind it. The
compare stages do the finding; this module only reads the findings that touch the draft.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from . import misquotes
from .attribution import credit_of
from .candidates import is_heading
from .config import Settings
from .dates import normalise_date
from .embed import Embedder
from .errors import ConfigError, InputError
from .formats import Unreadable, blank_controls, guess_title, read_document
from .ids import text_id
from .ingest import read_articles
from .models import Models, load_models
from .nli import NLI
from .pipeline import analyse
from .progress import Progress
from .quote_match import Outcome, QuoteVerdict, from_segmented
from .short_claims import is_short_claim, judge_short_claim
from .tabular import Columns
from .textnorm import normalise_line
from .types import (
    Article,
    CheckResult,
    Direction,
    Finding,
    Judgement,
    Kind,
    LinkRelation,
    Segmented,
    Sentence,
    SentenceCheck,
    SentenceClass,
    Skipped,
    SourceLink,
    Span,
    Verdict,
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
}


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


STDIN = "-"  # the draft name that means "the text given as `stdin`"
STDIN_SOURCE = "<stdin>"


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
) -> list[CheckResult]:
    """Check each of `drafts` against the same `sources`: one CheckResult per draft, in order,
    each the same as `check` would give. The sources are read once and the models loaded once;
    a source sentence is embedded (and an NLI pair scored) once for all drafts. A draft named
    "-" is the text `stdin` (Markdown or plain text, source `<stdin>`). The models are `models`,
    else the shipped ones (except an `embedder` or `nli` given).

    >>> results = check_many(["a.md", "b.md"], ["sources/"])  # doctest: +SKIP
    >>> [r.failing for r in results]  # doctest: +SKIP
    """
    s = settings or Settings()
    read = [_read_draft(d, s, stdin) for d in drafts]  # every draft readable before any work
    found, more_skipped = read_articles(
        sources,
        s.encoding,
        recursive=s.recursive,
        encoding_force=s.encoding_force,
        columns=Columns.from_settings(s),
    )
    models = remembering(models or load_models(s, embedder, nli))
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


def _read_draft(
    draft: str, s: Settings, stdin: str | None
) -> tuple[Article, str, int, list[Skipped]]:
    """(the draft, its text as written, lines before the text, what was skipped)."""
    if draft == STDIN:
        if stdin is None:
            raise InputError("draft '-' means standard input, but no text was given on it")
        try:
            body, meta = read_document(stdin, "md")
        except Unreadable as exc:
            raise InputError(f"{STDIN_SOURCE}: cannot check this draft ({exc})") from None
        if not body.strip():
            raise InputError(f"{STDIN_SOURCE}: cannot check this draft (no text on standard input)")
        body, _ = blank_controls(body)
        field = {
            k: str(meta[k]) if meta.get(k) not in (None, "") else None
            for k in ("title", "outlet", "date", "author", "url")
        }
        article = Article(
            id="stdin",
            source=STDIN_SOURCE,
            text=body,
            format="md",
            title=field["title"] or guess_title(body),
            outlet=field["outlet"],
            date=normalise_date(field["date"]) if field["date"] else None,
            author=field["author"],
            url=field["url"],
        )
        at = stdin.find(body[:200])
        return article, body, stdin[:at].count("\n") if at > 0 else 0, []
    drafts, skipped = read_articles([draft], s.encoding, encoding_force=s.encoding_force)
    if len(drafts) != 1:
        why = skipped[0].reason if skipped else "it holds more than one article"
        raise InputError(
            f"{draft}: cannot check this draft ({why}); give one .txt, .md or .html file"
        )
    return drafts[0], drafts[0].text, _body_line(drafts[0]), skipped


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
    )
    segs = {seg.article.id: seg for seg in result.segmented}
    draft_seg = segs[the_draft.id]
    occurrence = _occurrences(draft_seg)
    # Every draft quotation is matched once, against all sources (the credited one first).
    verdicts = misquotes.quote_verdicts(
        from_segmented(draft_seg), [from_segmented(segs[a.id]) for a in found]
    )
    links = _unique(
        [
            link
            for f in result.findings
            if the_draft.id in (f.a.article, f.b.article) and f.kind is not Kind.REPEAT
            for link in _links(f, draft_seg, segs, occurrence, verdicts)
        ]
    )
    checks = []
    used: set[str] = set()
    sources = [segs[a.id] for a in found]
    for sent in draft_seg.sentences:
        here_links = [x for x in links if x.draft.start < sent.end and x.draft.end > sent.start]
        if s.judge and is_short_claim(
            sent.text, is_heading(draft_seg, sent), s.min_paraphrase_words
        ):
            here_links = _short_claim_links(
                sent, here_links, the_draft.id, sources, models, occurrence
            )
        mine = tuple(
            sorted(
                here_links,
                key=lambda x: (SEVERITY.index(CLASS_OF[x.relation]), x.source, x.span.start),
            )
        )
        span = Span(the_draft.id, sent.start, sent.end, sent.text)
        cls = CLASS_OF[mine[0].relation] if mine else SentenceClass.UNSUPPORTED
        ident = mine[0].id if mine else text_id("unsupported", sent.text, *occurrence[sent.index])
        here = [v for v in verdicts if _within(v, sent.start, sent.end)]
        notes = quote_notes(here)
        bad = misquotes.misquoted(here)
        if bad and cls is not SentenceClass.MISQUOTED:
            # A quotation too short to be found as a copy is still matched: a misquote found
            # by quote_match alone decides the class, its reason leads the notes.
            cls = SentenceClass.MISQUOTED
            notes.insert(0, misquotes.reason(bad[0]))
            ident = text_id("misquoted", sent.text, bad[0].quote.text, *occurrence[sent.index])
        while ident in used:  # two sentences decided by one link: each keeps its own id
            ident = text_id(ident, sent.text, str(sent.index))
        used.add(ident)
        says = {x.relation for x in mine}
        disagree = LinkRelation.CONTRADICTS in says and bool(
            says & {LinkRelation.SUPPORTS, LinkRelation.QUOTED, LinkRelation.COPIED}
        )
        line, column = _line_col(raw_text, sent.start, line_base)
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


def _short_claim_links(
    sent: Sentence,
    links: list[SourceLink],
    draft_id: str,
    sources: Sequence[Segmented],
    models: Models,
    occurrence: dict[int, tuple[str, ...]],
) -> list[SourceLink]:
    """A short claim (a headline, a sentence under min_paraphrase_words words) is judged against
    the source passages closest to it (short_claims.py), not by the single related sentences the
    compare stages pair it with. A quotation of it keeps its own links; a copy of it too, and
    a passage that debunks it is reported beside the copy (a body may repeat a claim word for
    word to call it a hoax)."""
    kept = [x for x in links if x.finding.kind is not Kind.CLAIM]
    if any(x.relation in (LinkRelation.QUOTED, LinkRelation.MISQUOTED) for x in kept):
        return links
    verdict = judge_short_claim(sent.text, sources, models.embedder, models.nli)
    copied = any(x.relation is LinkRelation.COPIED for x in kept)
    if verdict is None or copied and verdict.relation != "contradicts":
        return links if copied else kept
    claim = Span(draft_id, sent.start, sent.end, sent.text)
    p = verdict.passage
    relation = LinkRelation(verdict.relation)
    judgement = Judgement(
        Verdict.CONTRADICT if relation is LinkRelation.CONTRADICTS else Verdict.AGREE,
        round(
            verdict.nli.a_to_b.contradiction
            if relation is LinkRelation.CONTRADICTS
            else verdict.nli.a_to_b.entailment,
            3,
        ),
        (verdict.reason,),
        (),
        verdict.nli,
    )
    finding = Finding(
        text_id("short-claim", p.article, p.text, sent.text),
        Kind.CLAIM,
        round(verdict.cosine, 4),
        0.0,
        round(verdict.cosine, 4),
        p,
        claim,
        (),
        Direction.UNKNOWN,
        "not reused text: a short claim and the passage about it",
        None,
        judgement,
    )
    ident = text_id(relation, sent.text, p.article, p.text, *occurrence.get(sent.index, ()))
    return [*kept, SourceLink(ident, p.article, relation, claim, p, (verdict.reason,), finding)]


_BLOCK_START = re.compile(r"\s*(?:[#>|]|[-*+]\s|\d+[.)]\s|```|~~~|={3,}\s*$|-{3,}\s*$)")


def unwrap(text: str) -> str:
    r"""`text` with each line break inside a paragraph turned into a space. A blank line, a
    Markdown heading, list item, quote, table row, fence or rule starts a new block, as in
    CommonMark; offsets do not move.

    >>> unwrap("# Title\nA sentence that\nruns on.\n\n- item\n- item")
    '# Title\nA sentence that runs on.\n\n- item\n- item'
    """
    lines = text.split("\n")
    out = []
    for line, nxt in zip(lines, lines[1:], strict=False):
        join = (
            line.strip()
            and nxt.strip()
            and not _BLOCK_START.match(line)
            and not _BLOCK_START.match(nxt)
            and not line.endswith("  ")
        )
        out.append(line + (" " if join else "\n"))
    out.append(lines[-1])
    return "".join(out)


def _occurrences(draft: Segmented) -> dict[int, tuple[str, ...]]:
    """Per sentence, () for the first sentence with its words and ("2",), ("3",), ... for later
    ones with the same words: two identical sentences in one draft get two ids."""
    seen: dict[str, int] = {}
    out: dict[int, tuple[str, ...]] = {}
    for sent in draft.sentences:
        key = " ".join(normalise_line(sent.text).split())
        seen[key] = seen.get(key, 0) + 1
        out[sent.index] = () if seen[key] == 1 else (str(seen[key]),)
    return out


def _unique(links: list[SourceLink]) -> list[SourceLink]:
    """One link per id (two findings may say the same about one sentence), reasons once each."""
    out: dict[str, SourceLink] = {}
    for x in links:
        if x.id not in out:
            out[x.id] = dataclasses.replace(x, reasons=tuple(dict.fromkeys(x.reasons)))
    return list(out.values())


def _links(
    f: Finding,
    draft: Segmented,
    segs: dict[str, Segmented],
    occurrence: dict[int, tuple[str, ...]] | None = None,
    verdicts: Sequence[QuoteVerdict] = (),
) -> list[SourceLink]:
    """What this finding says about the draft: one link per draft sentence it touches, with the
    verdict and evidence of that sentence's own pairs (judge.combine's `sentence` evidence)."""
    draft_is_a = f.a.article == draft.article.id
    dspan, sspan = (f.a, f.b) if draft_is_a else (f.b, f.a)
    source = segs[sspan.article]
    occurrence = occurrence or {}
    out = []
    for sent in draft.sentences:
        if not (sent.start < dspan.end and sent.end > dspan.start):
            continue
        verdict, reasons = _about(f, draft_is_a, sent.start, sent.end)
        lo, hi = max(sent.start, dspan.start), min(sent.end, dspan.end)
        quoted = [v for v in verdicts if _within(v, lo, hi)]
        relation = _relation(f, draft, dspan, source, sspan, reasons, verdict, quoted)
        ident = text_id(
            relation, sent.text, sspan.article, sspan.text, *occurrence.get(sent.index, ())
        )
        out.append(
            SourceLink(
                ident, sspan.article, relation, dspan, sspan, tuple(dict.fromkeys(reasons)), f
            )
        )
    return out


def _about(f: Finding, draft_is_a: bool, start: int, end: int) -> tuple[Verdict | None, list[str]]:
    """The verdict and reasons of the finding for the draft text start:end. A finding judged in
    several sentence pairs gives a sentence only what its own pairs found: a number changed in
    one sentence does not contradict its neighbour."""
    j = f.judgement
    # The judge's own misquote note assumes `b` copied `a`; for a draft the copier is known, so
    # the check words it itself (_relation).
    reasons = [r for r in (j.reasons if j else ()) if not r.startswith("credited quotation")]
    if j is None:
        return None, reasons
    pairs = [e for e in j.evidence if e.check == "sentence"]
    if not pairs:
        return j.verdict, reasons

    def here(e: object) -> bool:
        span = getattr(e, "a" if draft_is_a else "b")
        return span is not None and span.start < end and span.end > start

    mine = [e for e in pairs if here(e)]
    says = {e.relation for e in mine}
    verdict = (
        Verdict.CONTRADICT
        if "contradict" in says
        else Verdict.AGREE
        if "agree" in says or not mine
        else Verdict.UNCLEAR
    )
    typed = [
        e.message for e in j.evidence if e.check != "sentence" and e.relation != "same" and here(e)
    ]
    own = [e.message for e in sorted(mine, key=lambda e: e.relation != verdict.value)]
    return verdict, [*own, *typed] or ["the same words"]


def _relation(
    f: Finding,
    draft: Segmented,
    dspan: Span,
    source: Segmented,
    sspan: Span,
    reasons: list[str],
    verdict: Verdict | None,
    quoted: Sequence[QuoteVerdict] = (),
) -> LinkRelation:
    """The link's relation. Quotations are judged by quote_match alone (`quoted`: its verdicts
    on the draft quotations of this sentence inside the finding), so a changed word or the
    wrong speaker is a misquote whatever the finding's verdict."""
    if f.kind in (Kind.VERBATIM, Kind.EDITED):
        att = credit_of(draft, dspan, source.article)
        if att.quoted:
            bad = misquotes.misquoted(quoted)
            if bad:
                reasons.insert(0, misquotes.reason(bad[0]))
                return LinkRelation.MISQUOTED
            who = next(
                (
                    q.speaker or q.outlet or q.document
                    for q in (v.quote for v in quoted)
                    if q.credited
                ),
                None,
            ) or (att.credit if att.credited else None)
            if who is None:
                reasons.insert(0, "in quote marks but credited to no one")
                return LinkRelation.COPIED
            if verdict is Verdict.CONTRADICT:
                return LinkRelation.CONTRADICTS
            reasons.insert(0, f"credited quotation ({who}) matching the source")
            return LinkRelation.QUOTED
        if verdict is Verdict.CONTRADICT:
            return LinkRelation.CONTRADICTS
        if att.credited:
            reasons.insert(0, f"reused without quote marks, credited to {att.credit}")
            return LinkRelation.SUPPORTS
        reasons.insert(0, f"{f.kind.value} copy of the source without quote marks or credit")
        return LinkRelation.COPIED
    if verdict is Verdict.CONTRADICT:
        return LinkRelation.CONTRADICTS
    return LinkRelation.SUPPORTS


def _within(v: QuoteVerdict, start: int, end: int) -> bool:
    return v.quote.start < end and v.quote.end > start


def quote_notes(verdicts: Sequence[QuoteVerdict]) -> list[str]:
    """Notes on a sentence's quotations that do not fail it: no source prints the words, or the
    sources print them differently."""
    out = []
    for v in verdicts:
        if v.outcome is Outcome.UNVERIFIED:
            out.append("unverified quote: no source prints these words")
        elif v.sources_differ and v.source is not None:
            labels = ", ".join(dict.fromkeys([v.source.label, *(o.label for o in v.others)]))
            out.append(
                f"sources differ on this quote: {labels} print it differently; judged "
                f"against {v.source.label}"
            )
    return out


def _body_line(article: object) -> int:
    """Lines before the article text in its file (Markdown front matter), for line numbers."""
    source = Path(str(getattr(article, "source", "")))
    try:
        raw = source.read_text(encoding=getattr(article, "encoding", "utf-8") or "utf-8")
    except (OSError, UnicodeDecodeError, LookupError):
        return 0
    at = raw.find(getattr(article, "text", "")[:200])
    return raw[:at].count("\n") if at > 0 else 0


def _line_col(text: str, offset: int, base: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1 + base
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
