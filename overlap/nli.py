"""Natural-language inference: does passage A entail, leave open, or contradict passage B?

The model is this project's own cross-encoder (`models/nli-minilm-l6/`, trained by
`benchmarks/training/train_nli.py` from the bundled all-MiniLM-L6-v2 weights), loaded offline and
lazily: importing this module imports neither torch nor transformers. Callers take anything that
meets the `NLI` protocol, so tests can pass a fake.

Probabilities always come back in the fixed column order `LABELS` (entailment, neutral,
contradiction); the model's own output order is read from its config's `id2label`.

Weights file format: overlap/nli_weights.py (int8 rows with a scale each; the word embeddings
read from the installed base package).

Calibration (`calibration.json`, required): probabilities are softmax(logits / temperature), the
temperature fitted on a dev slice by `benchmarks/training/calibrate_nli.py --write`, so a
0.9 means right about nine times in ten. It is part of the cache key.

No pair is ever cut: a pair longer than `max_length` word pieces raises `PairTooLong` (callers
split long passages into sentence pairs first; `NLIModel.pair_lengths` says what fits). A cut
pair is scored on what is left, and a passage paired with itself then reads as two different
texts.

Identical texts: a pair whose two texts are equal after Unicode (NFKC, typographic quotes and
dashes), whitespace and case normalisation (`same_text`) is entailment, probability 1, without
running the model. A text entails itself by definition, whatever a model says (the shipped one
gives only 19.8 % of identical news sentences p(entailment) >= 0.95: reports/benchmarks.md), and
the pair costs no model call; such a pair is never refused as too long either. The shortcut is
part of the cache key (`+same`); `same_text_is_entailment=False` measures the model itself
(benchmarks/tasks/nli.py does).
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import ModelError, OverlapError
from .model_files import models_root, read_json
from .nli_weights import HOW_TO_GET, file_sha256, load_state_dict
from .progress import batch_done

LABELS = ("entailment", "neutral", "contradiction")
MODEL_NAME = "overlap/nli-minilm-l6"
MODEL_SUBDIR = "nli-minilm-l6"  # under the shipped models folder (overlap/model_files.py)
ENV_DIR = "OVERLAP_NLI_MODEL"  # a folder holding another copy of the model
WEIGHTS_FILE = "model.safetensors"
CALIBRATION_FILE = "calibration.json"


class PairTooLong(OverlapError):
    """A pair longer than the model reads at once; scoring what fits would be a silent cut."""

    def __init__(self, index: int, length: int, max_length: int):
        self.index, self.length, self.max_length = index, length, max_length
        super().__init__(
            f"NLI pair {index} is {length} word pieces long, more than the model's {max_length}: "
            "split the passages into sentence pairs (overlap's judge does) rather than cut them"
        )


class NLI(Protocol):
    """Anything that scores (premise, hypothesis) pairs."""

    model_id: str  # name plus a checksum: the cache key

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probabilities, shape (len(pairs), 3), columns in `LABELS` order."""
        ...


def label_columns(config: Mapping[str, Any]) -> list[int]:
    """For each of `LABELS`, the model output column holding it, read from `config["id2label"]`.

    >>> label_columns({"id2label": {"0": "CONTRADICTION", "1": "entailment", "2": "neutral"}})
    [1, 2, 0]
    """
    id2label = config.get("id2label")
    if not isinstance(id2label, Mapping) or not id2label:
        raise ModelError("NLI model config has no id2label mapping; " + HOW_TO_GET)
    by_name: dict[str, int] = {}
    for key, name in id2label.items():
        try:
            index = int(key)
        except (TypeError, ValueError):
            raise ModelError(f"NLI model config: id2label key {key!r} is not an integer") from None
        by_name[str(name).strip().lower()] = index
    missing = [label for label in LABELS if label not in by_name]
    if missing or len(by_name) != len(LABELS) or sorted(by_name.values()) != [0, 1, 2]:
        raise ModelError(
            f"NLI model config: id2label {dict(id2label)} must name exactly "
            f"{', '.join(LABELS)} as outputs 0-2; " + HOW_TO_GET
        )
    return [by_name[label] for label in LABELS]


def read_temperature(path: Path, weights_sha256: str | None = None) -> float:
    """The temperature in `calibration.json`: a finite number above 0, else `ModelError`; also
    when the file names other weights than `weights_sha256` (fitted for another model)."""
    data = read_json(path, "NLI calibration file", HOW_TO_GET)
    fitted_for = data.get("weights_sha256")
    if weights_sha256 and fitted_for and fitted_for != weights_sha256:
        raise ModelError(
            f"NLI calibration file {path} was fitted for other weights (sha256 "
            f"{str(fitted_for)[:16]}, these are {weights_sha256[:16]}); refit it with: "
            "python benchmarks/training/calibrate_nli.py --model <folder> --write"
        )
    value = data.get("temperature")
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ModelError(
            f"NLI calibration file {path} is damaged (temperature {value!r}, expected a number "
            "above 0); " + HOW_TO_GET
        )
    return float(value)


def calibrated(logits: np.ndarray, temperature: float, columns: Sequence[int]) -> np.ndarray:
    """softmax(logits / temperature), columns reordered to `LABELS` order.

    >>> calibrated(np.array([[2.0, 0.0, 0.0]]), 2.0, [0, 1, 2]).round(3)
    array([[0.576, 0.212, 0.212]])
    """
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return (z / z.sum(axis=1, keepdims=True))[:, list(columns)]


# Typographic variants of one character: a copy set in another typeface or by another editor.
_TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    }
)


def normalised(text: str) -> str:
    """`text` as `same_text` compares it: NFKC (non-breaking spaces, ligatures, full-width
    forms), invisible format characters (soft hyphens, zero-width spaces) dropped, typographic
    quotes and dashes as ASCII, case folded, runs of whitespace as one space.

    >>> normalised("  Mexico\u2019s  \u00a0border\u00ad ")
    "mexico's border"
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.translate(_TYPOGRAPHIC).casefold().split())


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same words after `normalised` (punctuation still counts:
    "Let's eat, grandma" is not "Let's eat grandma").

    >>> same_text("The two countries share a 1,954-mile border.",
    ...           "the two countries  share a 1,954\u2013mile border.")
    True
    >>> same_text("The border is 1,954 miles long.", "The border is 1,954 miles long")
    False
    """
    return normalised(a) == normalised(b)


def model_dir(path: str | Path | None = None) -> Path:
    """The model folder: `path`, else `$OVERLAP_NLI_MODEL`, else the shipped `nli-minilm-l6/`."""
    chosen = Path(path or os.environ.get(ENV_DIR) or models_root() / MODEL_SUBDIR)
    needed = ["config.json", WEIGHTS_FILE, "tokenizer.json", CALIBRATION_FILE]
    missing = [name for name in needed if not (chosen / name).is_file()]
    if missing:
        raise ModelError(
            f"NLI model not found in {chosen} (missing {', '.join(missing)}); " + HOW_TO_GET
        )
    return chosen


class NLIModel:
    """The trained cross-encoder. Loads on first `predict`, from local files only.

    Example (not run as a doctest: it loads the model)::

        model = NLIModel()
        model.predict([("The border is 1,954 miles long.", "The border is 2,000 miles long.")])
        # -> array([[p_entailment, p_neutral, p_contradiction]], dtype=float32)
    """

    def __init__(
        self,
        path: str | Path | None = None,
        batch_size: int = 32,
        # Trained on pairs of up to 128 word pieces; its position embeddings (from MiniLM, whose
        # sentence model reads 256) serve up to 256, which holds two 50-word sentences of news
        # (the judge's largest unit). Longer pairs raise PairTooLong.
        max_length: int = 256,
        precision: str = "auto",
        same_text_is_entailment: bool = True,
    ):
        from .embed import PRECISIONS, resolve_precision

        if precision not in PRECISIONS:
            raise ModelError(
                f"unknown NLI precision {precision!r}; choose from: {', '.join(PRECISIONS)}"
            )
        self.path = model_dir(path)
        self.batch_size = batch_size
        self.max_length = max_length
        self.same_text_is_entailment = same_text_is_entailment
        # As for the embedder (embed.py): bf16 weights where the CPU has bf16 matrix units.
        self.precision = resolve_precision(precision)
        self.config = read_json(self.path / "config.json", "NLI model config", HOW_TO_GET)
        self.columns = label_columns(self.config)
        self.checksum = file_sha256(self.path / WEIGHTS_FILE)
        self.temperature = read_temperature(self.path / CALIBRATION_FILE, self.checksum)
        # The temperature and the precision are part of the cache key (a temperature of 1, plain
        # softmax, and fp32 keep the id scores were cached under before either existed).
        suffix = "" if self.temperature == 1 else f"+t{self.temperature:g}"
        suffix += "" if self.precision == "fp32" else "+bf16w"
        suffix += "+same" if same_text_is_entailment else ""
        self.model_id = f"{MODEL_NAME}@sha256:{self.checksum[:16]}{suffix}"
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        if self._model is not None:
            return
        from .embed import before_transformers, quiet_transformers

        before_transformers()
        try:
            quiet_transformers()
            from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

            config = AutoConfig.from_pretrained(self.path, local_files_only=True)
            tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            model = AutoModelForSequenceClassification.from_config(config)
            state = load_state_dict(self.path / WEIGHTS_FILE, self.config)
            model.load_state_dict(state, strict=True)
            model.eval()
            if self.precision == "bf16":
                import torch

                model.to(torch.bfloat16)
        except ModelError:
            raise
        except Exception as exc:  # any failure here means the same thing to the user
            raise ModelError(
                f"cannot load the NLI model from {self.path}: {exc}; " + HOW_TO_GET
            ) from exc
        self._model, self._tokenizer = model, tokenizer

    def pair_lengths(self, pairs: Sequence[tuple[str, str]]) -> list[int]:
        """Word pieces of each pair as the model would read it, uncut ([CLS] a [SEP] b [SEP])."""
        if not pairs:
            return []
        self._load()
        return [
            len(ids)
            for start in range(0, len(pairs), 1024)
            for ids in self._tokenizer(
                [a for a, _ in pairs[start : start + 1024]],
                [b for _, b in pairs[start : start + 1024]],
                truncation=False,
            )["input_ids"]
        ]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities (entailment, neutral, contradiction) per pair, shape (n, 3);
        a pair of the same text is (1, 0, 0) without the model (`same_text_is_entailment`).

        Raises `PairTooLong` for a pair over `max_length` word pieces (nothing is cut)."""
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        same = [self.same_text_is_entailment and same_text(a, b) for a, b in pairs]
        out[np.asarray(same, dtype=bool), LABELS.index("entailment")] = 1.0
        rest = [i for i, s in enumerate(same) if not s]
        if len(rest) < len(pairs):
            batch_done(len(pairs) - len(rest))
        try:
            out[rest] = self._model_predict([pairs[i] for i in rest])
        except PairTooLong as err:  # the index the caller gave, not the one among the rest
            raise PairTooLong(rest[err.index], err.length, err.max_length) from None
        return out

    def _model_predict(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The model's calibrated probabilities for every pair (no shortcut)."""
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        self._load()
        import torch

        # Pairs of one token length per batch, no padding: padding changes bf16 results, so a
        # pair's scores would depend on the other pairs in its batch (embed.same_length_batches).
        from .embed import same_length_batches

        firsts, seconds = [a for a, _ in pairs], [b for _, b in pairs]
        lengths = self.pair_lengths(pairs)
        for index, n in enumerate(lengths):
            if n > self.max_length:
                raise PairTooLong(index, n, self.max_length)
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        with torch.inference_mode():
            for chunk in same_length_batches(lengths, self.batch_size):
                batch = self._tokenizer(
                    [firsts[i] for i in chunk],
                    [seconds[i] for i in chunk],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                )
                logits = self._model(**batch).logits.float().numpy()
                out[chunk] = calibrated(logits, self.temperature, self.columns)
                batch_done(len(chunk))  # the judging bar moves (progress.AnnouncedNLI)
        return out

    def both_ways(self, premise: str, hypothesis: str) -> np.ndarray:
        """Row 0: premise → hypothesis; row 1: hypothesis → premise; columns in `LABELS` order."""
        return predict_both_ways(self, [(premise, hypothesis)])[0]

    def describe(self) -> dict[str, str]:
        return {
            "name": MODEL_NAME,
            "path": str(self.path),
            "checksum": self.checksum,
            "precision": self.precision,
            "temperature": f"{self.temperature:g}",
            "same_text": "entailment" if self.same_text_is_entailment else "model",
        }


def predict_both_ways(model: NLI, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Both directions of every pair in one batch: shape (n, 2, 3); [:, 0] is a → b, [:, 1] b → a.

    >>> class Always:
    ...     model_id = "always-neutral"
    ...     def predict(self, pairs):
    ...         return np.tile([0.0, 1.0, 0.0], (len(pairs), 1))
    >>> predict_both_ways(Always(), [("a", "b")]).shape
    (1, 2, 3)
    """
    if not pairs:
        return np.zeros((0, 2, 3), dtype=np.float32)
    probs = np.asarray(model.predict([*pairs, *[(b, a) for a, b in pairs]]), dtype=np.float32)
    return np.stack([probs[: len(pairs)], probs[len(pairs) :]], axis=1)
