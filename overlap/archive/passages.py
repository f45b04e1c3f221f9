"""What the index stores of one article: its passages with offsets, which of them are embedded
(the texts the paraphrase stage embeds: paraphrase_passages.select_passages and
confirm_paragraph_pairs), and each sentence's shingle signature."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..cache import text_key
from ..candidates import MIN_CLAIM_WORDS
from ..config import Settings
from ..textnorm import word_count
from ..types import ParagraphVectors, Segmented
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
    paragraph: int  # the paragraph it is (or is in)


def article_passages(seg: Segmented, s: Settings) -> list[StoredPassage]:
    """Every sentence and paragraph of `seg`. Sentences from MIN_CLAIM_WORDS words are embedded
    (the paraphrase stage embeds them, as claims or as evidence). A paragraph is embedded only
    where the paraphrase stage encodes every paragraph (`paragraph_vectors = encode`), and then
    when it holds a paraphrase-length sentence and is not that one sentence (whose vector it
    shares).

    Why not always: by default (`shortlist`) the stage encodes only the paragraphs whose mean
    sentence vectors shortlist them (paraphrase_passages.confirm_paragraph_pairs), a few per
    check, so a stored paragraph vector is a cache of something a check rarely asks for, and
    paragraphs are 40 % of the tokens an add encodes (74 % of the attention's length-squared
    work; 1,000 real news articles). The paragraph's mean vector, which the shortlist and the
    archive's candidate search use, is stored either way (writer.py); a shortlisted paragraph
    is encoded when a check needs it, as a direct run encodes it."""
    encode_paragraphs = s.paragraph_vectors == ParagraphVectors.ENCODE
    out = [
        StoredPassage(
            "sentence",
            x.index,
            x.start,
            x.end,
            x.text,
            word_count(x.text) >= MIN_CLAIM_WORDS,
            sentence_signature(x.text, s.shingle_size),
            x.paragraph,
        )
        for x in seg.sentences
    ]
    for p in seg.paragraphs:
        members = [x for x in seg.sentences if x.paragraph == p.index]
        long_enough = any(word_count(x.text) >= s.min_paraphrase_words for x in members)
        alone = len(members) == 1 and members[0].text == p.text
        out.append(
            StoredPassage(
                "paragraph",
                p.index,
                p.start,
                p.end,
                p.text,
                encode_paragraphs and long_enough and not alone,
                None,
                p.index,
            )
        )
    return out


# The vector file also holds each paragraph's mean sentence vector (the paragraph stage
# shortlists pairs on those, paraphrase_passages._paragraph_pairs), under the paragraph's id
# with this bit.
MEAN_BIT = 1 << 62


def mean_key(p: StoredPassage) -> str:
    """The vectors-table key of a paragraph's mean sentence vector."""
    return "mean:" + text_key(p.text)


def paragraph_means(
    passages: Sequence[StoredPassage], vectors: dict[str, np.ndarray], s: Settings
) -> dict[int, np.ndarray]:
    """Position in `passages` of each paragraph -> the normalised mean of its paraphrase-length
    sentences' vectors (`vectors` by text hash), as the paragraph stage builds it."""
    members: dict[int, list[np.ndarray]] = defaultdict(list)
    for p in passages:
        if p.kind == "sentence" and p.embedded and word_count(p.text) >= s.min_paraphrase_words:
            members[p.paragraph].append(vectors[text_key(p.text)])
    out = {}
    for n, p in enumerate(passages):
        if p.kind == "paragraph" and members.get(p.paragraph):
            mean = np.mean(members[p.paragraph], axis=0).astype(np.float32)
            norm = float(np.linalg.norm(mean))
            out[n] = mean / norm if norm else mean
    return out
