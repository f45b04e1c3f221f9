"""How every view names an article: its outlet, else its title, else its id (as Article.label
does for a result in memory; the views read the JSON document, so they name it here).

The views escape for their own medium: a function taking `escape` applies it to each part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any


def _same(value: str) -> str:
    return value


def article_name(article: Mapping[str, Any], default: str | None = None) -> str:
    """The outlet, else the title, else `default` (the article's id when not given).

    >>> article_name({"id": "a1", "outlet": "", "title": "Rain"})
    'Rain'
    """
    if default is None:
        default = article["id"]
    return article.get("outlet") or article.get("title") or default


def dated_name(article: Mapping[str, Any], escape: Callable[[str], str] = _same) -> str:
    """The article's name with its date when known: "ABC News (2024-05-01)".

    >>> dated_name({"id": "a1", "outlet": "ABC News", "date": "2024-05-01"})
    'ABC News (2024-05-01)'
    """
    name = escape(article_name(article))
    return f"{name} ({escape(article['date'])})" if article.get("date") else name


def find_source(sources: Iterable[Mapping[str, Any]], source_id: str) -> Mapping[str, Any]:
    """The entry of `sources` with this id, else an empty one (whose name is the id itself)."""
    return next((x for x in sources if x["id"] == source_id), {})


def source_name(sources: Iterable[Mapping[str, Any]], source_id: str) -> str:
    """The name of source `source_id` among `sources`; the id when it is not listed."""
    return article_name(find_source(sources, source_id), source_id)
