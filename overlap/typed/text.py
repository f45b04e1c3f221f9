"""The article as read and as segmented.

Every span is a half-open character range into `Article.text`, the text as read (decoded, with
nothing removed), so `article.text[span.start:span.end] == span.text` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One article as read. `id` is unique within a run (file stem, or stem:line for JSONL)."""

    id: str
    source: str
    text: str
    format: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or a prefix of it) when known
    author: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the title, else the id."""
        return self.outlet or self.title or self.id


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why. Every report lists these."""

    source: str
    reason: str


@dataclass(frozen=True)
class Span:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chrome:
    """Page furniture (share links, bylines, donation appeals, related-content lists)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` cover the quote marks, `inner_*` the quoted words.

    `speaker` is who the text says spoke ("Sanchez", "the report", "Insight Crime"); `credit` is
    an outlet the quote is credited to ("told ABC News" gives "ABC News").
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    speaker: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Segmented:
    """An article cut into passages. Chrome is excluded from paragraphs and sentences."""

    article: Article
    chrome: tuple[Chrome, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]
