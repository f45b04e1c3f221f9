"""What the candidate search hands to align and judge, and the encoder's settings vocabularies."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

# Hand-offs between candidates, align and judge. Articles and passages are named by their index
# in the run's list of Segmented articles and in that article's sentences / paragraphs.
ArticlePair = tuple[int, int]  # (a, b): two articles, a before b in the run's order
SentencePair = tuple[int, int]  # (i, j): sentence i of article a with sentence j of article b
SentenceRef = tuple[int, int]  # (article, sentence)
ParagraphRef = tuple[int, int]  # (article, paragraph)


class PairScore(NamedTuple):
    """What the paraphrase stage says about a sentence pair."""

    probability: float  # the paraphrase scorer's (overlap/paraphrase.py)
    cosine: float  # of the two sentences' embeddings


class Precision(StrEnum):
    """The encoder's number format (Settings.embed_precision); part of the cache key."""

    AUTO = "auto"  # bf16 where the device runs it fast, else fp32 (embed.resolve_precision)
    BF16 = "bf16"
    FP32 = "fp32"


class ParagraphVectors(StrEnum):
    """How paragraph vectors are made for the paragraph-pair search (Settings.paragraph_vectors)."""

    ENCODE = "encode"  # every paragraph through the encoder
    MEAN = "mean"  # the normalised mean of its sentence vectors
    SHORTLIST = "shortlist"  # mean vectors shortlist, the encoder confirms the shortlist
