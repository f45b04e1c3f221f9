"""Word tokens with character offsets, and the folding that makes Peña == Pena and U.S. == US."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Order matters: numbers with thousands separators, then dotted acronyms (U.S., L.A.), then words
# with inner apostrophes (Mexico's). Hyphens split words so "1,954-mile" gives "1,954" and "mile".
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+(?:\.\d+)?"
    r"|(?:[^\W\d_]\.){2,}"
    r"|[^\W_]+(?:['’][^\W_]+)*"
)
_DROP = re.compile(r"[.'’,]")
# A stock symbol in angle brackets after a firm's name, as Reuters wires print them ("Texaco Inc
# <TX>"): no word of the sentence (slots.py) or of a quotation (quote_words.py).
STOCK_SYMBOL = re.compile(r"<[A-Z][A-Z0-9.\-]{0,14}>")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    raw: str
    norm: str


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """Case- and accent-folded form with dots and apostrophes dropped: fold("Peña") == "pena"."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DROP.sub("", stripped.casefold())


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text`; offsets are shifted by `offset` (the text's place in its article).

    >>> [t.norm for t in tokenize("U.S. and Peña's 1,954-mile border")]
    ['us', 'and', 'penas', '1954', 'mile', 'border']
    """
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), fold(m.group()))
        for m in _TOKEN.finditer(text)
    ]


def folded_words(text: str) -> list[str]:
    """The `norm` of each token of `text`, without building Tokens: the shingle index, the
    rarity weights and line matching read every sentence of the corpus and need nothing else
    (building Token objects was a tenth of a 2,000-article run).

    >>> folded_words("U.S. and Peña's 1,954-mile border")
    ['us', 'and', 'penas', '1954', 'mile', 'border']
    """
    return [fold(w) for w in _TOKEN.findall(text)]


def word_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def normalise_line(text: str) -> str:
    """A line reduced to its folded words, for spotting the same line in several articles."""
    return " ".join(folded_words(text))
