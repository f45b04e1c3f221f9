"""Stable ids: the same passages give the same id on every run, so a CI allow-list or a
reviewer's note can name a finding (or a draft sentence's link) across runs."""

from __future__ import annotations

import hashlib

from .textnorm import folded_words, normalise_line
from .types import Span


def stable_hash(*parts: str) -> str:
    """Twelve hex digits of the SHA-1 of the parts joined by `|`.

    >>> stable_hash("a", "b")
    '9abe6de24a87'
    """
    key = "|".join(parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def finding_id(a: Span, b: Span) -> str:
    """A stable id from the two articles and the folded words of both spans (case and accents
    do not change it; the order of the two sides does)."""
    return stable_hash(
        a.article, " ".join(folded_words(a.text)), b.article, " ".join(folded_words(b.text))
    )


def text_id(*parts: str) -> str:
    """A stable id from texts as a reader sees them: each part normalised (Unicode, quotes,
    dashes: textnorm.normalise_line) with its whitespace collapsed, so a re-wrapped or
    re-typed draft sentence keeps its id (the draft check's sentence and link ids).

    >>> text_id("copied", "The  border is long.") == text_id("copied", "The border is long.")
    True
    """
    return stable_hash(*(" ".join(normalise_line(p).split()) for p in parts))
