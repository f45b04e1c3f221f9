"""Which stored articles a new article can share passages with, so a check or a compare reads
those from the index instead of every article in it.

An archived article is a candidate when
- one of its sentences and one of the new article's meet the copy stage's shingle rule
  (shingles.copy_pairs: `min_shared_shingles` shared covering `min_containment` of the
  smaller, or `min_clause_shingles` shared), a shingle posted by more than
  `max_shingle_frequency` archived articles left out as the copy stage leaves out stock phrases;
- or one of its passages is among the `search_k` nearest of a new passage's vector at a cosine
  at least CANDIDATE_MARGIN below the lowest bar the paraphrase stage applies.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..candidates import SHORTLIST_MARGIN
from ..config import Settings
from .passages import MEAN_BIT
from .signatures import from_blob
from .store import articles_of_passages
from .vectors import Searchable

# Below the lowest cosine bar, for the f16 file's rounding and for paragraph means that the
# encoder's paragraph vectors (what the file holds) differ from.
CANDIDATE_MARGIN = 0.05


def cosine_floor(s: Settings) -> float:
    return min(s.sentence_candidate_min, s.paragraph_candidate_min - SHORTLIST_MARGIN) - (
        CANDIDATE_MARGIN
    )


def by_vectors(
    vf: Searchable, db: sqlite3.Connection, queries: np.ndarray, s: Settings, exclude: set[int]
) -> set[int]:
    """Archived articles (row ids) holding a near neighbour of a row of `queries`."""
    if not len(queries) or not len(vf):
        return set()
    # Room for the excluded articles' own passages (the new articles, when already stored).
    k = 2 * s.neighbours + 10
    keys, cosines = vf.search(queries, k)
    hits = keys[cosines >= cosine_floor(s)] & ~MEAN_BIT  # a paragraph's mean: the paragraph
    return articles_of_passages(db, hits.tolist()) - exclude


def nearest(
    vf: Searchable, db: sqlite3.Connection, queries: np.ndarray, exclude: set[int]
) -> set[int]:
    """The one archived article holding the nearest passage to any row of `queries`."""
    if not len(queries) or not len(vf):
        return set()
    keys, cosines = vf.search(queries, 20)
    for flat in np.argsort(-cosines, axis=None):
        found = articles_of_passages(db, [int(keys.flat[flat]) & ~MEAN_BIT]) - exclude
        if found:
            return found
    return set()


def by_shingles(
    db: sqlite3.Connection, signatures: Sequence[np.ndarray], s: Settings, exclude: set[int]
) -> set[int]:
    """Archived articles (row ids) with a sentence that meets the copy rule against one of
    `signatures` (the new sentences')."""
    wanted = sorted({int(h) for sig in signatures for h in sig})
    posted: dict[int, list[int]] = defaultdict(list)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        for h, article in db.execute(
            f"SELECT hash, article FROM postings WHERE hash IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            posted[h].append(article)
    usable = {h for h, arts in posted.items() if len(arts) <= s.max_shingle_frequency}
    shared: dict[int, int] = defaultdict(int)
    for h in usable:
        for article in posted[h]:
            if article not in exclude:
                shared[article] += 1
    maybe = sorted(a for a, n in shared.items() if n >= s.min_shared_shingles)
    new_sets = [(len(sig), set(sig.tolist()) & usable) for sig in signatures]
    new_sets = [(size, x) for size, x in new_sets if x]
    return {a for a in maybe if _any_copy(db, a, new_sets, usable, s)}


def _any_copy(
    db: sqlite3.Connection,
    article: int,
    new_sets: list[tuple[int, set[int]]],
    usable: set[int],
    s: Settings,
) -> bool:
    for (blob,) in db.execute(
        "SELECT signature FROM passages WHERE article=? AND kind='sentence'", (article,)
    ):
        full = set(from_blob(blob).tolist())
        if not full:
            continue
        mine = full & usable
        for size, theirs in new_sets:
            n = len(mine & theirs)
            if not n:
                continue
            # Containment over each unit's own shingles, as copy_pairs counts it.
            smaller = min(len(full), size)
            if n >= s.min_shared_shingles and n / max(smaller, 1) >= s.min_containment:
                return True
            if s.min_clause_shingles is not None and n >= s.min_clause_shingles:
                return True
    return False
