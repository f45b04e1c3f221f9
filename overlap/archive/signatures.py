"""Shingle signatures that mean the same in every run: the copy stage's word n-gram hashes
(shingles.shingle_hashes over folded words, textnorm.folded_words), computed over token hashes
rather than the copy stage's per-run vocabulary ids, so a signature stored today matches one
computed for tomorrow's draft."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from ..shingles import shingle_hashes
from ..textnorm import folded_words


def sentence_signature(text: str, n: int) -> np.ndarray:
    """The distinct n-gram hashes of a sentence's folded words, as int64 (SQLite's integer).

    >>> a = sentence_signature("The border is 1,954 miles long.", 3)
    >>> b = sentence_signature("the BORDER is 1,954 miles long", 3)
    >>> bool(np.array_equal(a, b)), len(a) > 0
    (True, True)
    """
    return token_signature(folded_words(text), n)


def token_signature(tokens: Sequence[str], n: int) -> np.ndarray:
    """The distinct n-gram hashes of a sentence's folded words (`tokens`), as int64."""
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in tokens), dtype=np.uint64)
    return shingle_hashes(ids, n).view(np.int64)


def to_blob(signature: np.ndarray) -> bytes:
    return np.ascontiguousarray(signature, dtype=np.int64).tobytes()


def from_blob(blob: bytes | None) -> np.ndarray:
    return np.frombuffer(blob or b"", dtype=np.int64)
