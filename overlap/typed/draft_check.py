"""What `overlap check` returns: each draft sentence's class and the sources behind it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .findings import Finding, Kind
from .results import Result
from .text import Article, Skipped, Span


class SentenceClass(StrEnum):
    """What a draft sentence does with its sources (`overlap check`), most serious first."""

    MISQUOTED = "misquoted"  # quote marks around words, or a speaker, the source does not have
    CONTRADICTED = "contradicted"  # a source says otherwise
    COPIED = "copied"  # reused from a source without quote marks or credit
    QUOTED = "quoted"  # a credited quotation matching its source
    SUPPORTED = "supported"  # a source says the same thing
    UNSUPPORTED = "unsupported"  # no source says it (one may only report it)


class LinkRelation(StrEnum):
    """What one source does for one draft sentence."""

    COPIED = "copied"
    QUOTED = "quoted"
    MISQUOTED = "misquoted"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    # The source says it too, but hedged or passed on from a report ("reportedly", "appears
    # to", "media reports that"): it does not confirm what the draft asserts.
    REPORTS = "reports"


# The relations by which a source says what a draft sentence says.
AGREEING = (LinkRelation.COPIED, LinkRelation.QUOTED, LinkRelation.SUPPORTS)
# The findings whose words a draft shares with a source: a link from one is a copy.
COPY_KINDS = (Kind.VERBATIM, Kind.EDITED)


@dataclass(frozen=True)
class SourceLink:
    """What one source does for one draft sentence, with the finding behind it."""

    id: str  # stable: hash of the folded draft sentence, source id and source words
    source: str  # article id
    relation: LinkRelation
    draft: Span
    span: Span
    reasons: tuple[str, ...]
    finding: Finding


@dataclass(frozen=True)
class SentenceCheck:
    index: int
    span: Span
    line: int  # 1-based line and column of the sentence in the draft file
    column: int
    cls: SentenceClass
    links: tuple[SourceLink, ...]
    sources_disagree: bool
    allowed: bool  # the deciding link's id is in the allow-list
    id: str  # the deciding link's id (or the sentence's own, when unsupported)
    # Quote notes that need no failing class: an unverified quote, sources printing it
    # differently; and the reason of a misquote found by quote matching alone.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    draft: Article
    sources: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    sentences: tuple[SentenceCheck, ...]
    fail_on: tuple[SentenceClass, ...]
    compare: Result

    @property
    def failing(self) -> tuple[SentenceCheck, ...]:
        return tuple(c for c in self.sentences if c.cls in self.fail_on and not c.allowed)
