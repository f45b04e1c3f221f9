"""Reuters-21578: the exact-duplicate ground truth the copy-detection benchmark scores against
(bodies equal after whitespace normalisation). Seconds, no model."""

from __future__ import annotations

from functools import cache
from itertools import combinations

from ..harness import figure

SECTION = "Reuters-21578 duplicates (issue 12)"


@cache
def _groups() -> tuple[int, list[list[int]]]:
    from .. import reuters
    from ..data import require

    stories = reuters.with_body(reuters.read_reuters(require("reuters")))
    return len(stories), reuters.exact_groups(stories)


@figure(
    unit="stories", anchor="19,043 of 21,578 (title-only BRIEF/UNPROC left out)", data=("reuters",)
)
def track_bodies() -> int:
    """Stories with a <BODY>."""
    return _groups()[0]


@figure(unit="groups", anchor="279 (2026-12-01 run)", data=("reuters",))
def track_exact_groups() -> int:
    """Groups of two or more bodies equal after whitespace normalisation."""
    return len(_groups()[1])


@figure(unit="bodies", anchor="560 (2026-12-01 run)", data=("reuters",))
def track_exact_bodies() -> int:
    """Bodies in those groups."""
    return sum(len(g) for g in _groups()[1])


@figure(unit="pairs", anchor="284 (2026-12-01 run)", data=("reuters",))
def track_exact_pairs() -> int:
    """Exact-duplicate article pairs (the recall denominator)."""
    return sum(1 for g in _groups()[1] for _ in combinations(g, 2))
