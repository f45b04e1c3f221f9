"""Is a reworded passage pair a paraphrase? A two-feature logistic model, fitted on MRPC train.

Embedding cosine alone cannot tell a paraphrase from two sentences on the same topic: articles
about one story are all close in embedding space. Reuse also keeps the story's distinctive
words. So the score combines the cosine with the share of rare content words the two passages
have in common, where rarity (IDF) is measured over the sentences of the corpus being compared
and normalised to 0-1 so it means the same on 5 articles or 10,000.

Weights and thresholds live in models/paraphrase_scorer.json. The weights and the threshold for
two articles that already share copied text come from MRPC train (benchmarks/tune_thresholds.py:
MRPC pairs are sentences from articles about one story, two thirds of them paraphrases). Between
unrelated articles paraphrases are rare among many same-topic sentences, so the threshold there
comes from a synthetic corpus with MRPC train and PAN train plants
(benchmarks/tune_paraphrase_dev.py). No test split chose any of them.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .textnorm import folded_words

SCORER_FILE = Path(__file__).resolve().parent.parent / "models" / "paraphrase_scorer.json"
# Function words carry no evidence of reuse (the scikit-learn English list, 318 words).
_STOP: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    global _STOP
    if _STOP is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        _STOP = frozenset(ENGLISH_STOP_WORDS)
    return _STOP


def content_words(text: str) -> set[str]:
    stop = stop_words()
    return {w for w in folded_words(text) if w not in stop}


class Rarity:
    """Normalised IDF over a collection of passages: 0 for a word in every passage, 1 for one."""

    def __init__(self, passages: Iterable[str]):
        df: Counter[str] = Counter()
        n = 0
        for text in passages:
            df.update(content_words(text))
            n += 1
        self.n = max(n, 1)
        self.df = df
        self._norm = math.log(self.n + 1)

    def __call__(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) / self._norm

    def overlap(self, a: str, b: str) -> float:
        """Rarity-weighted share of the smaller passage's content words found in the other."""
        ca, cb = content_words(a), content_words(b)
        wa, wb = sum(map(self, ca)), sum(map(self, cb))
        smaller = min(wa, wb)
        return sum(map(self, ca & cb)) / smaller if smaller > 0 else 0.0


@dataclass(frozen=True)
class ParaphraseModel:
    w_cosine: float
    w_overlap: float
    bias: float
    threshold: float  # probability at or above which a pair is a paraphrase...
    threshold_related: float  # ...or, between two articles that already share copied text

    def probability(self, cosine: float, overlap: float) -> float:
        z = self.w_cosine * cosine + self.w_overlap * overlap + self.bias
        return 1.0 / (1.0 + math.exp(-z))


def load_model(path: Path = SCORER_FILE) -> ParaphraseModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return ParaphraseModel(data["w_cosine"], data["w_overlap"], data["bias"], data["threshold"],
                           data.get("threshold_related", data["threshold"]))
