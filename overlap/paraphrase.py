"""Is a reworded passage pair a paraphrase? A two-feature logistic model, fitted on MRPC train.

Embedding cosine alone cannot tell a paraphrase from two sentences on the same topic: articles
about one story are all close in embedding space. Reuse also keeps the story's distinctive
words. So the score combines the cosine with the share of rare content words the two passages
have in common, where rarity (IDF) is measured over the sentences of the corpus being compared
and normalised to 0-1 so it means the same on 5 articles or 10,000.

Weights and thresholds live in models/paraphrase_scorer.json. The weights and the threshold for two
articles that already share copied text come from MRPC train
(benchmarks/training/tune_thresholds.py: MRPC pairs are sentences from articles about one story, two
thirds of them paraphrases). Between unrelated articles paraphrases are rare among many same-topic
sentences, so the threshold there comes from a synthetic corpus with MRPC train and PAN train plants
(benchmarks/training/tune_paraphrase_dev.py). No test split chose any of them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelError
from .model_files import model_path, read_json
from .textnorm import folded_words

SCORER_NAME = "paraphrase_scorer.json"  # in the shipped models folder (overlap/model_files.py)
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


def load_model(path: Path | None = None) -> ParaphraseModel:
    """The scorer from `path`, else the shipped `paraphrase_scorer.json`; ModelError if either
    is missing or damaged (not JSON, a weight missing or not a finite number)."""
    path = model_path(SCORER_NAME) if path is None else Path(path)
    data = read_json(path, "paraphrase scorer")
    data.setdefault("threshold_related", data.get("threshold"))  # files older than that bar
    numbers: dict[str, float] = {}
    for name in ("w_cosine", "w_overlap", "bias", "threshold", "threshold_related"):
        value = data.get(name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            found = "missing" if value is None else f"{value!r}, not a number"
            raise ModelError(
                f"paraphrase scorer {path} is damaged: {name} is {found}; "
                "reinstall overlap, or refit it with: python benchmarks/training/tune_thresholds.py"
            )
        numbers[name] = float(value)
    return ParaphraseModel(**numbers)
