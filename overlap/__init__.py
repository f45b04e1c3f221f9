"""overlap: find reused, edited and paraphrased passages across news articles.

    >>> from overlap import Settings, check, compare  # doctest: +SKIP
    >>> result = compare(["seeds/"], Settings())       # doctest: +SKIP
    >>> report = check("seeds/drafts/demo-draft.md", ["seeds/"])  # doctest: +SKIP

Heavy libraries (torch, sentence-transformers) load on first use, not on import. To run several
comparisons with models loaded once (or with fakes), pass `models=load_models(settings)`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings, load_settings
from .draft import check
from .errors import OverlapError
from .ingest import read_articles
from .models import Models, load_models
from .pipeline import compare
from .types import Article, Attribution, Finding, Kind, Result, Skipped, Span

__all__ = [
    "Article",
    "Attribution",
    "Finding",
    "Kind",
    "Models",
    "OverlapError",
    "Result",
    "Settings",
    "Skipped",
    "Span",
    "check",
    "compare",
    "load_models",
    "load_settings",
    "read_articles",
    "__version__",
]
