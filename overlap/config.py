"""One frozen Settings: defaults in code, an optional TOML file, CLI overrides on top.

Thresholds were chosen on training splits only (MRPC train, PAN train, STS-B dev): see
`benchmarks/training/tune_thresholds.py` and `models/README.md`. The seeds are a fixture, not a
tuning set.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .types import Kind

ALL_KINDS: tuple[Kind, ...] = tuple(Kind)


def default_cache_path() -> Path:
    """`$OVERLAP_CACHE` if set, else `$XDG_CACHE_HOME/overlap/cache.sqlite` (~/.cache default)."""
    if os.environ.get("OVERLAP_CACHE"):
        return Path(os.environ["OVERLAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "overlap" / "cache.sqlite"


PARAGRAPH_VECTORS = ("shortlist", "encode", "mean")


@dataclass(frozen=True)
class Settings:
    # Copy index: word n-grams over accent- and case-folded tokens.
    shingle_size: int = 3
    # A shingle found in more sentences than this is a stock phrase, not evidence of copying.
    max_shingle_frequency: int = 50
    # A sentence pair becomes a copy candidate when it shares this many shingles...
    min_shared_shingles: int = 2
    # ...covering at least this share of the shorter sentence's shingles...
    min_containment: float = 0.25
    # ...or at least this many shingles whatever share they cover: a clause reused inside a long
    # sentence (METER courts: a quarter of the verbatim text journalists marked) covers little
    # of either sentence. 4 shingles of 3 words = a run of 6 shared words at the least; the
    # alignment still decides whether it is a copy (min_copy_words).
    min_clause_shingles: int = 4
    # A copy must keep at least this many words in common, in order; shorter runs are stock phrases.
    # 8, not 10: with clauses inside long sentences aligned on their own (align.align_copies), an
    # 8-word clause is reuse journalists mark (METER courts dev stories: verbatim recall +0.02,
    # span precision unchanged); 6 found more but cost precision and macro-F1 there.
    min_copy_words: int = 8
    # Share of words matched (0-1, over folded tokens) above which a copy counts as "edited"
    # rather than a paraphrase; 1.0 with identical wording counts as "verbatim".
    edited_min_similarity: float = 0.7
    # Paraphrase candidates: sentence pairs whose embedding cosine (all-MiniLM-L6-v2,
    # normalised) is at least this, and paragraph pairs at least paragraph_candidate_min...
    sentence_candidate_min: float = 0.6
    paragraph_candidate_min: float = 0.7
    # ...are judged by the paraphrase scorer (models/paraphrase_scorer.json, fitted on MRPC
    # train). None takes the scorer's own thresholds: `threshold` between articles with no other
    # reuse (chosen on a synthetic train-split corpus), `threshold_related` between articles that
    # already share copied text (chosen on MRPC train).
    paraphrase_threshold: float | None = None
    paraphrase_threshold_related: float | None = None
    # Paragraph vectors. "shortlist": paragraph pairs are shortlisted on the normalised mean of
    # their sentences' vectors (0.1 below paragraph_candidate_min, twice the neighbours), and
    # only the shortlisted paragraphs are run through the encoder, whose cosine decides.
    # "encode": every paragraph is run through the encoder (about half of all encoder work:
    # paragraphs are long). "mean": the encoder never sees a paragraph. On the seeds and on
    # Clough & Stevenson "shortlist" gives exactly what "encode" gives ("mean" loses one heavy
    # revision of 95 answers); on 1,000 synthetic articles all three give the same 771 findings,
    # and "shortlist" encodes 771 paragraphs where "encode" encodes 13,704.
    paragraph_vectors: str = "shortlist"
    # Inside a paraphrased paragraph pair, mutually best-matching sentences at or above this
    # cosine pin the paraphrase down to sentences.
    paragraph_sentence_min: float = 0.55
    # Judging (agree / contradict / unclear): see overlap/judge.py for the rule. NLI thresholds
    # were chosen on SICK TRAIN+TRIAL (benchmarks/training/tune_judge.py), never on a test split.
    judge: bool = True
    # Chosen by `python benchmarks/training/tune_judge.py` (best macro-F1 0.680 over agree /
    # contradict / unclear on SICK TRAIN+TRIAL, 4,934 pairs): the model is confident when it is
    # right about contradiction or entailment, so only high probabilities count on their own;
    # opposite-direction wording needs just a little NLI support.
    nli_contradict_min: float = 0.9
    nli_entail_min: float = 0.8
    nli_direction_min: float = 0.1
    # Related-claim pairs (same subject, not reuse) are judged too, and reported when they
    # contradict each other. At most this many are judged per run (closest first).
    max_claim_pairs: int = 2000
    # Sentences shorter than this (in words) are never paraphrase evidence: too little content.
    min_paraphrase_words: int = 12
    # How many embedding neighbours to keep for each sentence and paragraph.
    neighbours: int = 10
    # A line found in at least this many articles of the set, and short, is page chrome.
    recurring_line_min_articles: int = 3
    recurring_line_max_words: int = 15
    # Report filters.
    min_score: float = 0.0
    kinds: tuple[Kind, ...] = ALL_KINDS
    # Input.
    # Text encoding for input files that are not valid UTF-8 (a byte order mark always wins);
    # default: detected. With encoding_force it applies to valid UTF-8 files too.
    encoding: str | None = None
    encoding_force: bool = False
    recursive: bool = False  # read the subfolders of folders given as input
    # CSV/TSV inputs: the header names of the article text and metadata columns. None finds
    # them by name (text: text, body, articleBody, content or article; title/headline, date,
    # outlet/source, url/link, id); a named text column that is absent skips the file.
    csv_text_column: str | None = None
    csv_title_column: str | None = None
    csv_date_column: str | None = None
    csv_outlet_column: str | None = None
    csv_url_column: str | None = None
    csv_id_column: str | None = None
    # Embedding.
    batch_size: int = 64
    # "auto" (bf16 where the CPU has native bf16, else fp32), "bf16" or "fp32". bf16 embeds about
    # 2x faster here with cosine >= 0.9999 to fp32; cached vectors are kept apart per precision.
    embed_precision: str = "auto"
    cache_path: Path | None = field(default_factory=default_cache_path)  # None: no cache

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready values (recorded in every result)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Path):
                value = str(value)
            elif isinstance(value, tuple):
                value = [str(v) for v in value]
            out[f.name] = value
        return out


def parse_kinds(text: str) -> tuple[Kind, ...]:
    """`"verbatim,edited"` -> (Kind.VERBATIM, Kind.EDITED); raises ConfigError on unknown names."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    valid = ", ".join(k.value for k in Kind)
    if not names:
        raise ConfigError(f"--kinds is empty; choose from: {valid}")
    kinds = []
    for name in names:
        try:
            kinds.append(Kind(name))
        except ValueError:
            raise ConfigError(f"unknown kind {name!r}; choose from: {valid}") from None
    return tuple(dict.fromkeys(kinds))


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then `config_file` (TOML, keys as in Settings), then non-None `overrides`.
    Every value is checked for its type and range here; a wrong one is a ConfigError naming the
    setting, what it must be and (for the file) where it came from.

    >>> load_settings(min_score=0.9).min_score
    0.9
    """
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}  # setting -> "FILE: " when the value came from the config file
    if config_file is not None:
        values.update(_read_toml(config_file))
        origin = dict.fromkeys(values, f"{config_file}: ")
    for k, v in overrides.items():
        if v is not None:
            values[k] = v
            origin.pop(k, None)
    known = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        where = origin.get(unknown[0], "")
        raise ConfigError(
            f"{where}unknown setting(s): {', '.join(unknown)}; known: {', '.join(known)}"
        )
    for name, value in values.items():
        try:
            values[name] = _typed(name, value)
        except ConfigError as exc:
            raise ConfigError(f"{origin.get(name, '')}{exc}") from None
    try:
        settings = Settings(**values)
    except TypeError as exc:
        raise ConfigError(f"bad setting: {exc}") from None
    _validate(settings)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder; --config takes a TOML file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {exc.start}); TOML files must be saved as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


# What each field's annotation (a string: `from __future__ import annotations`) accepts, in
# words for the message and as a test. bool is an int to Python, but `min_score = true` or
# `shingle_size = true` in a TOML file is a mistake, so bools are refused as numbers.
_NUMBER = ("a number", lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
_TYPES: dict[str, tuple[str, Any]] = {
    "int": ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "float": _NUMBER,
    "float | None": _NUMBER,
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "str": ("text (a quoted string)", lambda v: isinstance(v, str)),
    "str | None": ("text (a quoted string)", lambda v: isinstance(v, str)),
    "tuple[Kind, ...]": (
        "a list of kind names or a comma-separated string",
        lambda v: isinstance(v, (str, list, tuple)),
    ),
    "Path | None": (
        "a file path (a quoted string)",
        lambda v: isinstance(v, Path) or (isinstance(v, str) and v.strip() != ""),
    ),
}
_FIELD_TYPES = {f.name: str(f.type) for f in dataclasses.fields(Settings)}
assert set(_FIELD_TYPES.values()) <= set(_TYPES), "a Settings field has a type _TYPES lacks"


def _typed(name: str, value: Any) -> Any:
    """`value` for setting `name`, converted (kinds, cache_path), or ConfigError."""
    expected, ok = _TYPES[_FIELD_TYPES[name]]
    if value is None and _FIELD_TYPES[name].endswith("| None"):
        return None
    if not ok(value):
        raise ConfigError(f"{name} must be {expected}, got {_shown(value)}")
    if name == "kinds":
        if isinstance(value, str):
            return parse_kinds(value)
        if not all(isinstance(k, (str, Kind)) for k in value):
            bad = next(k for k in value if not isinstance(k, (str, Kind)))
            raise ConfigError(f"unknown kind {str(bad)!r} in kinds; kinds must be a list of names")
        return parse_kinds(",".join(str(k) for k in value))
    if name == "cache_path":
        return Path(value)
    if name == "encoding":
        try:
            codecs.lookup(value)
        except LookupError:
            raise ConfigError(
                f"unknown encoding {value!r}; use a name such as utf-8, cp1252 or latin-1"
            ) from None
    return value


def _shown(value: Any) -> str:
    kind = {
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)
    shown = str(value).lower() if isinstance(value, bool) else repr(value)
    return f"{shown} ({kind})"


def _validate(s: Settings) -> None:
    for name in (
        "min_containment",
        "edited_min_similarity",
        "sentence_candidate_min",
        "paragraph_candidate_min",
        "paragraph_sentence_min",
        "min_score",
        "paraphrase_threshold",
        "paraphrase_threshold_related",
        "nli_contradict_min",
        "nli_entail_min",
        "nli_direction_min",
    ):
        value = getattr(s, name)
        if value is None and name.startswith("paraphrase_threshold"):
            continue
        # bool is an int to Python, but `min_score = true` in a TOML file is a mistake
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigError(f"{name} must be a number between 0 and 1, got {value!r}")
    if s.paragraph_vectors not in PARAGRAPH_VECTORS:
        raise ConfigError(
            f"paragraph_vectors must be {' or '.join(PARAGRAPH_VECTORS)}, "
            f"got {s.paragraph_vectors!r}"
        )
    if s.embed_precision not in ("auto", "bf16", "fp32"):
        raise ConfigError(f"embed_precision must be auto, bf16 or fp32, got {s.embed_precision!r}")
    for name in (
        "shingle_size",
        "max_shingle_frequency",
        "min_shared_shingles",
        "min_clause_shingles",
        "min_copy_words",
        "neighbours",
        "batch_size",
        "recurring_line_min_articles",
        "max_claim_pairs",
    ):
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{name} must be a whole number of at least 1, got {value!r}")
