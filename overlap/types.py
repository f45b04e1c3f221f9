"""Frozen dataclasses and str enums passed between stages.

Every span is a half-open character range into `Article.text`, the text as read (decoded, with
nothing removed), so `article.text[span.start:span.end] == span.text` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple


class Kind(StrEnum):
    """What sort of reuse a finding is."""

    VERBATIM = "verbatim"  # the same words; only spacing, quote style or punctuation differ
    EDITED = "edited"  # the same text with small edits (Peña/Pena, U.S./US, a changed word)
    PARAPHRASE = "paraphrase"  # reworded: little shared wording, the same meaning
    REPEAT = "repeat"  # an article repeating a passage of itself
    CLAIM = "claim"  # not reused text: two passages about the same claim that disagree


@dataclass(frozen=True)
class Article:
    """One article as read. `id` is unique within a run (file stem, or stem:line for JSONL)."""

    id: str
    source: str
    text: str
    format: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or a prefix of it) when known
    author: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the title, else the id."""
        return self.outlet or self.title or self.id


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why. Every report lists these."""

    source: str
    reason: str


@dataclass(frozen=True)
class Span:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chrome:
    """Page furniture (share links, bylines, donation appeals, related-content lists)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` cover the quote marks, `inner_*` the quoted words.

    `speaker` is who the text says spoke ("Sanchez", "the report", "Insight Crime"); `credit` is
    an outlet the quote is credited to ("told ABC News" gives "ABC News").
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    speaker: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Segmented:
    """An article cut into passages. Chrome is excluded from paragraphs and sentences."""

    article: Article
    chrome: tuple[Chrome, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]


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


class DiffTag(StrEnum):
    """What one step of a word diff does (the words of a become those of b)."""

    EQUAL = "equal"
    REPLACE = "replace"
    DELETE = "delete"  # words of a only
    INSERT = "insert"  # words of b only


@dataclass(frozen=True)
class DiffOp:
    """One step of the word-level diff, with absolute offsets into each article."""

    op: DiffTag
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class Attribution:
    """How the copying article presents the reused text."""

    quoted: bool  # inside quote marks
    credited: bool  # credits the source outlet, its author or the quoted speaker
    credit: str | None = None  # the credit as written ("ABC News", "Insight Crime")
    speaker: str | None = None


class Verdict(StrEnum):
    """Whether two passages make the same claim."""

    AGREE = "agree"
    CONTRADICT = "contradict"
    UNCLEAR = "unclear"
    # Articles far apart in time that say different things: the facts may have moved on.
    CHANGED = "changed over time"


class EvidenceCheck(StrEnum):
    """Which check made an observation (overlap/evidence.py, overlap/judge.py)."""

    NUMBER = "number"  # numbers, money and percentages
    DATE = "date"  # dates, weekdays and clock times
    NAME = "name"
    NEGATION = "negation"
    QUANTIFIER = "quantifier"
    MODALITY = "modality"
    DIRECTION = "direction"  # opposite direction words (rose / fell)
    HEDGE = "hedge"  # one side hedges where the other asserts
    SENTENCE = "sentence"  # the NLI verdict on one aligned sentence pair


@dataclass(frozen=True)
class Evidence:
    """One typed observation about a passage pair, with the words involved on each side.

    `relation` is differs (points to a contradiction), same (points to agreement), variant (a
    spelling variant, same thing), hedged; for a sentence check, that sentence pair's verdict.
    """

    check: EvidenceCheck
    relation: str
    message: str  # e.g. "number differs: 1,954 miles vs 2,000 miles"
    a: Span | None = None
    b: Span | None = None


class NLIProbs(NamedTuple):
    """The NLI model's probabilities for one premise -> hypothesis reading."""

    entailment: float
    neutral: float
    contradiction: float


@dataclass(frozen=True)
class NLIScores:
    """Both readings of a passage pair: a as premise (a_to_b) and b as premise (b_to_a)."""

    a_to_b: NLIProbs
    b_to_a: NLIProbs

    def __getitem__(self, key: str) -> NLIProbs:
        """By the JSON document's keys, "a->b" and "b->a" (tests and benchmarks read these)."""
        if key == "a->b":
            return self.a_to_b
        if key == "b->a":
            return self.b_to_a
        raise KeyError(key)


@dataclass(frozen=True)
class Judgement:
    """The verdict on a finding and why. `nli` holds the NLI model's both-way probabilities,
    when it ran."""

    verdict: Verdict
    confidence: float
    reasons: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    nli: NLIScores | None = None
    misquote: tuple[str, ...] = ()  # changed words inside a credited quotation


class Direction(StrEnum):
    """Which side of a finding is the likely source."""

    A_TO_B = "a->b"  # a is the likely source, b the copy
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Finding:
    """A reused passage pair. When the direction is known, `a` is the source and `b` the copy."""

    id: str
    kind: Kind
    score: float
    lexical: float
    semantic: float | None
    a: Span
    b: Span
    diff: tuple[DiffOp, ...]
    direction: Direction
    direction_reason: str
    attribution: Attribution | None = None  # None for repeats within one article
    judgement: Judgement | None = None  # None until judged (or when judging is off)


@dataclass(frozen=True)
class RunStats:
    passages: int
    embedded: int
    embedded_from_cache: int
    seconds: float
    # Wall seconds per pipeline stage, in run order (where a large corpus spends its time).
    stages: dict[str, float] = field(default_factory=dict)


class DerivationLabel(StrEnum):
    """The METER corpus's three labels for how much of an article is derived from a source."""

    WHOLLY = "wholly"
    PARTIALLY = "partially"
    NON = "non"


@dataclass(frozen=True)
class Derivation:
    """How much of `article` is reused from `sources` (shares of its non-space characters, per
    kind; they add up to `share_total`) and the METER-style label it earns
    (overlap/derivation.py)."""

    article: str
    sources: tuple[str, ...]
    share_verbatim: float
    share_edited: float
    share_paraphrase: float
    share_total: float
    label: DerivationLabel


class Duplication(StrEnum):
    """Whether two articles are one story (overlap/near_duplicates.py)."""

    EXACT = "exact"  # the same words throughout
    NEAR = "near"  # the same story reissued, corrected or updated
    PARTIAL = "partial"  # two stories sharing some passages (or only stock wording)


@dataclass(frozen=True)
class PairDuplication:
    """An article pair (ids `a` < `b`) and whether it is one story: of the `shorter` article's
    `words`, the share the pair's findings match in the other (`share_matched`), the share that
    is stock wording of the compared set (`share_stock`), and the share of its other, distinctive
    words matched (`share_distinctive`, the evidence for `label`)."""

    a: str
    b: str
    shorter: str
    words: int
    share_matched: float
    share_stock: float
    share_distinctive: float
    label: Duplication


@dataclass(frozen=True)
class Result:
    articles: tuple[Article, ...]
    segmented: tuple[Segmented, ...]
    skipped: tuple[Skipped, ...]
    findings: tuple[Finding, ...]
    settings: dict[str, object]
    models: tuple[dict[str, str], ...] = ()
    stats: RunStats | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Per ordered article pair sharing reused text (article against its source); see derivation.py.
    derivations: tuple[Derivation, ...] = ()
    # Per article pair sharing reused text or the same body: one story or not; near_duplicates.py.
    pair_duplication: tuple[PairDuplication, ...] = ()


class SentenceClass(StrEnum):
    """What a draft sentence does with its sources (`overlap check`), most serious first."""

    MISQUOTED = "misquoted"  # quote marks around words, or a speaker, the source does not have
    CONTRADICTED = "contradicted"  # a source says otherwise
    COPIED = "copied"  # reused from a source without quote marks or credit
    QUOTED = "quoted"  # a credited quotation matching its source
    SUPPORTED = "supported"  # a source says the same thing
    UNSUPPORTED = "unsupported"  # no source says it


class LinkRelation(StrEnum):
    """What one source does for one draft sentence."""

    COPIED = "copied"
    QUOTED = "quoted"
    MISQUOTED = "misquoted"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class SourceLink:
    """What one source does for one draft sentence, with the finding behind it."""

    id: str  # stable: hash of the folded draft sentence, source id and source words
    source: str  # article id
    relation: LinkRelation
    draft: Span
    span: Span
    reasons: tuple[str, ...]
    finding: Finding


@dataclass(frozen=True)
class SentenceCheck:
    index: int
    span: Span
    line: int  # 1-based line and column of the sentence in the draft file
    column: int
    cls: SentenceClass
    links: tuple[SourceLink, ...]
    sources_disagree: bool
    allowed: bool  # the deciding link's id is in the allow-list
    id: str  # the deciding link's id (or the sentence's own, when unsupported)
    # Quote notes that need no failing class: an unverified quote, sources printing it
    # differently; and the reason of a misquote found by quote matching alone.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckResult:
    draft: Article
    sources: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    sentences: tuple[SentenceCheck, ...]
    fail_on: tuple[SentenceClass, ...]
    compare: Result

    @property
    def failing(self) -> tuple[SentenceCheck, ...]:
        return tuple(c for c in self.sentences if c.cls in self.fail_on and not c.allowed)
