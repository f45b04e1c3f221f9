"""What the index stores of one article: its passages with offsets, which of them are embedded
(the texts the paraphrase stage embeds: candidates._select_passages and
confirm_paragraph_pairs), and each sentence's shingle signature."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..cache import text_key
from ..candidates import MIN_CLAIM_WORDS
from ..config import Settings
from ..textnorm import word_count
from ..types import Segmented
from .signatures import sentence_signature


@dataclass(frozen=True)
class StoredPassage:
    kind: str  # "sentence" or "paragraph"
    idx: int
    start: int
    end: int
    text: str
    embedded: bool  # its vector is stored (and searchable)
    signature: np.ndarray | None  # sentences only


def article_passages(seg: Segmented, s: Settings) -> list[StoredPassage]:
    """Every sentence and paragraph of `seg`. Sentences from MIN_CLAIM_WORDS words are embedded
    (the paraphrase stage embeds them, as claims or as evidence); a paragraph is embedded when it
    holds a paraphrase-length sentence and is not that one sentence (whose vector it shares)."""
    out = [
        StoredPassage(
            "sentence",
            x.index,
            x.start,
            x.end,
            x.text,
            word_count(x.text) >= MIN_CLAIM_WORDS,
            sentence_signature(x.text, s.shingle_size),
        )
        for x in seg.sentences
    ]
    for p in seg.paragraphs:
        members = [x for x in seg.sentences if x.paragraph == p.index]
        long_enough = any(word_count(x.text) >= s.min_paraphrase_words for x in members)
        alone = len(members) == 1 and members[0].text == p.text
        out.append(
            StoredPassage(
                "paragraph", p.index, p.start, p.end, p.text, long_enough and not alone, None
            )
        )
    return out


def embedded_texts(passages: list[StoredPassage]) -> list[str]:
    return [p.text for p in passages if p.embedded]


def key_of(p: StoredPassage) -> str | None:
    return text_key(p.text) if p.embedded else None
