"""Is a reworded passage pair a paraphrase? A logistic model over cheap features of the pair.

Embedding cosine alone cannot tell a paraphrase from two sentences on the same topic: articles
about one story are all close in embedding space. Reuse also keeps the story's distinctive
words and facts. So the score combines the cosine with the share of rare content words the two
passages have in common, where rarity (IDF) is measured over the sentences of the corpus being
compared and normalised to 0-1 so it means the same on 5 articles or 10,000, and with a few
more lexical signs (`pair_features`): word order kept, near-identical spelling, how much news
one side adds, and numbers or names that differ. None needs a model run beyond the cosine.

Weights and both thresholds live in models/paraphrase_scorer.json, fitted on MRPC train and PAN
train by benchmarks/training/tune_thresholds.py: the weights on most of each train split, the
bars on a dev fifth of it, each the lowest that keeps the precision the earlier two-feature
scorer had there (issue 12 item 5). One bar is for two articles that already share copied text
(MRPC's situation: sentences from articles about one story), a stricter one for articles with
no other reuse, where paraphrases are rare among many same-topic sentences. No test split chose
any of them. A file with only w_cosine, w_overlap and bias is the earlier two-feature scorer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .errors import ModelError
from .model_files import model_path, read_json
from .textnorm import folded_words, tokenize

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
        self._known: dict[str, float] = {}  # a word's weight, worked out once

    def __call__(self, word: str) -> float:
        weight = self._known.get(word)
        if weight is None:
            weight = math.log((self.n + 1) / (self.df.get(word, 0) + 1)) / self._norm
            self._known[word] = weight
        return weight

    def overlap(self, a: str, b: str) -> float:
        """Rarity-weighted share of the smaller passage's content words found in the other."""
        ca, cb = content_words(a), content_words(b)
        # fsum: a set's order moves with the hash seed, and a plain sum with it in the last bit
        wa, wb = math.fsum(map(self, ca)), math.fsum(map(self, cb))
        smaller = min(wa, wb)
        return math.fsum(map(self, ca & cb)) / smaller if smaller > 0 else 0.0


def _numbers(text: str) -> set[str]:
    return {w for w in folded_words(text) if any(c.isdigit() for c in w)}


def _names(text: str) -> set[str]:
    """Capitalised words past the first: names, mostly (a sentence's first word is capitalised
    whatever it is, and function words are left out: "The", "But" open clauses too)."""
    stop = stop_words()
    return {
        t.norm
        for t in tokenize(text)[1:]
        if t.raw[:1].isupper() and t.norm not in stop and not t.norm.isdigit()
    }


def _disagreement(x: frozenset[str], y: frozenset[str]) -> float:
    """Share of the numbers (or names) of either side missing from the other; 0 with none."""
    either = x | y
    return len(x ^ y) / len(either) if either else 0.0


def _squash(amount: float) -> float:
    """0 for nothing, about 0.4 for one fully rare word, near 1 from five: 1 - exp(-amount / 2)."""
    return 1.0 - math.exp(-amount / 2)


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


@dataclass(frozen=True)
class _Parts:
    """What the features read of one passage, worked out once per text: a sentence is scored
    against each of its neighbours."""

    content: frozenset[str]
    words: tuple[str, ...]
    joined: str  # the folded words, space-separated, for rapidfuzz
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]


@lru_cache(maxsize=1 << 15)
def _parts(text: str) -> _Parts:
    words = folded_words(text)
    return _Parts(
        frozenset(content_words(text)),
        tuple(words),
        " ".join(words),
        frozenset(_bigrams(words)),
        frozenset(_numbers(text)),
        frozenset(_names(text)),
    )


def pair_features(cosine: float, a: str, b: str, rarity: Rarity) -> dict[str, float]:
    """Everything the scorer weighs, each in 0-1 and cheap (no model runs beyond the cosine).

    Why each: `overlap` is reuse of the story's rare words; `overlap_larger` measures them against
    the longer side, so a sentence that adds a clause of news scores lower; `bigrams` keeps word
    order a rewrite often keeps; `token_set` (rapidfuzz) is a character-level match that forgives
    inflection ("rises"/"rose" do not, "charged"/"charges" nearly do); `length_ratio` flags one
    side carrying more, and `news_added` how much rare content the side that adds most brings
    (an absolute amount, squashed to 0-1: two new names matter in a short or a long sentence);
    `char_ratio` is the edit similarity of the folded texts; `numbers_differ` and `names_differ`
    catch same-story pairs about other figures or people, the hardest non-paraphrases of MRPC."""
    pa, pb = _parts(a), _parts(b)
    # fsum over the sets: the same value whatever order the hash seed gives them
    wa, wb = math.fsum(map(rarity, pa.content)), math.fsum(map(rarity, pb.content))
    shared = math.fsum(map(rarity, pa.content & pb.content))
    ba, bb = pa.bigrams, pb.bigrams
    na, nb = len(pa.words), len(pb.words)
    return {
        "cosine": cosine,
        "overlap": shared / min(wa, wb) if min(wa, wb) > 0 else 0.0,
        "overlap_larger": shared / max(wa, wb) if max(wa, wb) > 0 else 0.0,
        "bigrams": len(ba & bb) / min(len(ba), len(bb)) if ba and bb else 0.0,
        "token_set": fuzz.token_set_ratio(pa.joined, pb.joined) / 100,
        "length_ratio": min(na, nb) / max(1, na, nb),
        "numbers_differ": _disagreement(pa.numbers, pb.numbers),
        "names_differ": _disagreement(pa.names, pb.names),
        "news_added": _squash(max(wa - shared, wb - shared)),
        "char_ratio": fuzz.ratio(pa.joined, pb.joined) / 100,
    }


# The features a scorer file may weigh beside w_cosine and w_overlap (its "weights" object).
EXTRA_FEATURES = (
    "overlap_larger",
    "bigrams",
    "token_set",
    "length_ratio",
    "numbers_differ",
    "names_differ",
    "news_added",
    "char_ratio",
)


@dataclass(frozen=True)
class ParaphraseModel:
    w_cosine: float
    w_overlap: float
    bias: float
    threshold: float  # probability at or above which a pair is a paraphrase...
    threshold_related: float  # ...or, between two articles that already share copied text
    # Weights of further features (EXTRA_FEATURES), as (name, weight); none in a two-feature file.
    extra: tuple[tuple[str, float], ...] = ()

    def probability(
        self, cosine: float, overlap: float, others: Mapping[str, float] | None = None
    ) -> float:
        """The probability from the features; `others` must hold every extra feature weighed."""
        z = self.w_cosine * cosine + self.w_overlap * overlap + self.bias
        if self.extra:
            if others is None or any(name not in others for name, _ in self.extra):
                raise ValueError(
                    "this scorer also weighs "
                    + ", ".join(name for name, _ in self.extra)
                    + "; use score() with the two texts"
                )
            z += sum(weight * others[name] for name, weight in self.extra)
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, cosine: float, a: str, b: str, rarity: Rarity) -> float:
        """The probability that passage `b` is a paraphrase of `a`, given their cosine."""
        if not self.extra:  # a two-feature file: the overlap is all it needs
            return self.probability(cosine, rarity.overlap(a, b))
        features = pair_features(cosine, a, b, rarity)
        return self.probability(cosine, features["overlap"], features)


def _number(value: object) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok else None  # type: ignore[arg-type]


def _damaged(path: Path, what: str) -> ModelError:
    return ModelError(
        f"paraphrase scorer {path} is damaged: {what}; "
        "reinstall overlap, or refit it with: python benchmarks/training/tune_thresholds.py"
    )


def load_model(path: Path | None = None) -> ParaphraseModel:
    """The scorer from `path`, else the shipped `paraphrase_scorer.json`; ModelError if either
    is missing or damaged (not JSON, a weight missing or not a finite number, a feature in
    "weights" this version does not compute)."""
    path = model_path(SCORER_NAME) if path is None else Path(path)
    data = read_json(path, "paraphrase scorer")
    data.setdefault("threshold_related", data.get("threshold"))  # files older than that bar
    numbers: dict[str, float] = {}
    for name in ("w_cosine", "w_overlap", "bias", "threshold", "threshold_related"):
        value = data.get(name)
        number = _number(value)
        if number is None:
            found = "missing" if value is None else f"{value!r}, not a number"
            raise _damaged(path, f"{name} is {found}")
        numbers[name] = number
    weights = data.get("weights", {})  # absent in two-feature files
    if not isinstance(weights, dict):
        raise _damaged(path, f"weights is {weights!r}, not an object")
    extra = []
    for name, value in weights.items():
        number = _number(value)
        if name not in EXTRA_FEATURES:
            raise _damaged(path, f"weights names {name!r}, not one of {', '.join(EXTRA_FEATURES)}")
        if number is None:
            raise _damaged(path, f"weights.{name} is {value!r}, not a number")
        extra.append((name, number))
    return ParaphraseModel(**numbers, extra=tuple(extra))
