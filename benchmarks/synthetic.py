"""A deterministic synthetic news corpus with planted reuse, for benchmarking `overlap.compare`.

Articles are 8-20 paragraphs of 1-4 sentences drawn from public sentence sets in
`../shared/data` (train/dev splits only, see `load_filler`). Between random pairs of articles
we plant:

- verbatim: a 2-4 sentence passage copied word for word into another article;
- edited: the same, with small edits in the copy (accents removed, "U.S." -> "US", one word or
  number changed, punctuation changed);
- paraphrase: a positive pair from MRPC **test** (Quality == 1) or PAN sentences **test**
  (label 1), s1 in one article and s2 in the other;
- hard_negative: a negative pair from MRPC **test** (Quality == 0); a finding on it is a false
  positive.

Paraphrase pairs come from test splits only: the pipeline's thresholds are tuned on MRPC train /
PAN train / STS-B dev, so evaluating on those would flatter it. Filler sentences never repeat
(past about 1,300 articles the public sentences run out and further filler is relexicalised: see
`_Relexicaliser`), and no filler sentence equals any MRPC or PAN test sentence, so every true
copy in the corpus is a planted one.

Everything is drawn from one `random.Random(seed)`: the same arguments give the same corpus.

>>> corpus = build_corpus(Path("../shared/data"), Path("/tmp/syn"), n_articles=20)  # doctest: +SKIP
>>> corpus.plants[0]["kind"], corpus.plants[0]["a"]["article"]  # doctest: +SKIP
"""

from __future__ import annotations

import json
import random
import re
import shutil
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from . import data as loaders
from .data import DataMissing

# Plants per 1,000 articles; scaled linearly with the corpus size (at least 1 each).
PLANTS_PER_1000 = {"verbatim": 150, "edited": 150, "paraphrase": 300, "hard_negative": 200}

MRPC_TEST = "paraphrase/mrpc/msr_paraphrase_test.txt"
MRPC_TRAIN = "paraphrase/mrpc/msr_paraphrase_train.txt"
PAN_TEST = (
    "reuse/pan_sentences/pan-test_s1.txt",
    "reuse/pan_sentences/pan-test_s2.txt",
    "reuse/pan_sentences/pan-test.labels",
)
PAN_TRAIN_S1 = "reuse/pan_sentences/pan-train_s1.txt"
STSB = ("sts/stsb/sts-train.csv", "sts/stsb/sts-dev.csv")
SNLI_DEV_S1 = "nli/snli/s1.dev"
MNLI_DEV = "nli_more/mnli/dev_matched.tsv"
FEVER_DEV = "nli_more/fever_rte/dev.tsv"
CONTROL_TRAIN = "nli_more/control/train.tsv"

# Files the corpus cannot be built without; the others (MRPC train, MNLI dev, FEVER dev,
# ConTRoL train) only widen the filler pool.
REQUIRED = (MRPC_TEST, *PAN_TEST, *STSB, SNLI_DEV_S1, PAN_TRAIN_S1)

# Filler: sentences only, train/dev splits only: MRPC train s1, STS-B train+dev s1 (no MSRpar),
# SNLI dev s1, PAN train s1, and the premises of MNLI dev_matched, FEVER-RTE dev and ConTRoL
# train. One side of each pair is used, so that no two filler sentences are paraphrases of each
# other by construction (STS-B s2, MRPC s2 and PAN s2 are rewrites of s1). STS-B MSRpar rows are
# left out: they are MRPC sentences.

MIN_WORDS, MAX_WORDS = 5, 60

# Word swaps for "edited" copies: the kind of change a copy desk makes.
SWAPS = dict(
    re.findall(
        r"([^:|]+):([^|]+)",
        "said:stated|says:states|about:around|also:too|big:large|large:big|people:persons|"
        "percent:per cent|before:prior to|after:following|but:yet|because:since|help:assist|"
        "show:indicate|shows:indicates|buy:purchase|start:begin|started:began|told:informed|"
        "expected:anticipated|major:key|officials:authorities|company:firm|many:numerous|"
        # Function words, so that nearly every passage has something to swap.
        "new:fresh|is:was|was:is|are:were|were:are|has:had|had:has|will:would|would:will|"
        "can:could|could:can|this:that|that:this|the:a",
    )
)


@dataclass
class Corpus:
    directory: Path  # the .txt articles
    plants_path: Path  # plants.json
    article_ids: list[str]
    plants: list[dict]
    filler_reuse: list[dict]
    pool_size: int
    pool_sources: dict[str, int]
    sentences_placed: int
    chars: int
    counts: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading the data


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def check_data(data: Path) -> list[Path]:
    """The required data files that are missing (empty when the corpus can be built)."""
    return [data / rel for rel in REQUIRED if not (data / rel).is_file()]


_PTB = dict(
    zip(("-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-", "``", "''"), '()[]{}""', strict=True)
)


def detokenise(text: str) -> str:
    """Undo PTB-style tokenisation ("a dog , running ." -> "A dog, running.")."""
    for tok, ch in _PTB.items():
        text = text.replace(tok, ch)
    text = re.sub(r"\[[^\]]*\]", "", text)  # FEVER pronunciation brackets
    text = re.sub(r"\(\s*[;,]?\s*\)", "", text)
    text = re.sub(r"\s+([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', text)
    return re.sub(r"\s+", " ", text).strip()


def _tidy(text: str) -> str | None:
    """A filler sentence fit for an article, or None: capitalised, ends in punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text or not text[0].isalpha():
        return None
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    text = text[0].upper() + text[1:]
    if text[-1] not in '.!?"”':
        text += "."
    return text


_SPLIT = re.compile(
    r"(?<![\s.][A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Dr\.)(?<!St\.)(?<!Mrs\.)(?<!No\.)"
    r"(?<=[.!?])\s+(?=[A-Z\"“])"
)


def _split(text: str) -> list[str]:
    """Rough sentence split for multi-sentence premises (pool building only)."""
    return [p for p in _SPLIT.split(text) if p]


def norm_key(text: str) -> str:
    """Case-, accent- and punctuation-folded key used to keep filler away from test sentences."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def load_filler(data: Path, exclude: set[str]) -> tuple[list[tuple[str, str, str]], Counter]:
    """(source, sentence, document) triples: deduplicated, none near an excluded (test) sentence.

    `document` names the passage a sentence was cut from (ConTRoL, FEVER and MNLI premises hold
    several sentences), or the set itself for one-sentence items; the benchmark uses it to tell
    background findings between sentences of one passage from those between unrelated ones.
    """
    raw: list[tuple[str, str, str]] = []
    if (data / MRPC_TRAIN).is_file():
        raw += [("mrpc-train", p.a, "") for p in loaders.mrpc("train", data)]
    for split in ("train", "dev"):
        raw += [
            (f"stsb {STSB_GENRES.get(p.origin, 'other')}", p.a, "")
            for p in loaders.stsb(split, data)
            if p.origin != "MSRpar"
        ]
    raw += [("snli captions", detokenise(x), "") for x in _lines(data / SNLI_DEV_S1)]
    raw += [("pan-train", x, "") for x in _lines(data / PAN_TRAIN_S1)]
    # Premises only, cut into sentences; MNLI's lower-case telephone transcripts are left out.
    for name, rel in (("mnli", MNLI_DEV), ("fever", FEVER_DEV), ("control", CONTROL_TRAIN)):
        if (data / rel).is_file():
            raw += [
                (name, s, _doc(name, r[0]))
                for r in loaders._tsv(data / rel)[1:]
                if r and (name != "mnli" or r[0][:1].isupper())
                for s in _split(detokenise(r[0]) if name == "fever" else r[0])
            ]
    seen = set(exclude)
    grams = {g for key in exclude for g in _grams(key)}
    out: list[tuple[str, str, str]] = []
    for source, text, doc in raw:
        tidy = _tidy(text)
        if tidy is None:
            continue
        key = norm_key(tidy)
        mine = _grams(key)
        # Near-duplicates too (a shared run of NEAR_DUP_WORDS words): the public sets hold many
        # ("... is a professional association football club based in ..."), and an unplanned
        # copy in the filler would count against the pipeline's precision.
        if key in seen or mine & grams:
            continue
        seen.add(key)
        grams |= mine
        out.append((source, tidy, doc))
    return out, Counter(s for s, _, _ in out)


# STS-B file -> kind of text. Captions come in clusters describing one video or picture (SNLI
# premises too: five captions per Flickr30k image), so two of them are often true paraphrases.
STSB_GENRES = {
    "MSRvid": "captions",
    "images": "captions",
    "track5.en-en": "captions",
    "headlines": "news",
    "deft-news": "news",
    "deft-forum": "forum",
    "answers-forums": "forum",
}


def _doc(source: str, premise: str) -> str:
    return f"{source}:{zlib.crc32(premise.encode('utf-8')):08x}"


NEAR_DUP_WORDS = 6


def _grams(key: str) -> set[str]:
    words = key.split()
    return {" ".join(words[i : i + NEAR_DUP_WORDS]) for i in range(len(words) - NEAR_DUP_WORDS + 1)}


def load_pairs(data: Path) -> tuple[list[tuple], list[tuple], list[tuple], set[str]]:
    """MRPC test positives, MRPC test negatives, PAN test positives, and every test sentence key.

    Pairs are (pair id, s1, s2, ids of the two sentences).
    """
    mrpc_pos, mrpc_neg = [], []
    exclude: set[str] = set()
    for p in loaders.mrpc("test", data):
        (id1, id2), s1, s2 = p.ids, p.a, p.b
        exclude.update((norm_key(s1), norm_key(s2)))
        item = (f"mrpc-test:{id1}-{id2}", s1.strip(), s2.strip(), (f"mrpc:{id1}", f"mrpc:{id2}"))
        (mrpc_pos if p.label == "1" else mrpc_neg).append(item)
    pan_pos = []
    for i, p in enumerate(loaders.pan("test", data)):
        k1, k2 = norm_key(p.a), norm_key(p.b)
        exclude.update((k1, k2))
        if p.label.strip() == "1" and p.a.strip() and p.b.strip() and k1 != k2:
            pan_pos.append((f"pan-test:{i}", p.a.strip(), p.b.strip(), (f"pan:{k1}", f"pan:{k2}")))
    exclude.discard("")
    return mrpc_pos, mrpc_neg, pan_pos, exclude


# --------------------------------------------------------------------------- edits


def edit_passage(sentences: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """A lightly edited copy of a passage and a description of each edit.

    Always one changed word (or number) and one punctuation change; accents and "U.S." go
    too when present.
    """
    text = "\u0000".join(sentences)  # NUL keeps sentence boundaries through the edits
    edits: list[str] = []
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if folded != text:
        text = folded
        edits.append("accents removed")
    for dotted, plain in (("U.S.", "US"), ("U.K.", "UK"), ("U.N.", "UN")):
        if dotted in text:
            text = text.replace(dotted, plain)
            edits.append(f"{dotted} -> {plain}")
    text, what = _change_word(text, rng)
    edits.append(what)
    text, what = _change_punctuation(text, rng)
    edits.append(what)
    return text.split("\u0000"), edits


def _change_word(text: str, rng: random.Random) -> tuple[str, str]:
    numbers = list(re.finditer(r"(?<![\w.,])\d{1,4}(?![\w.,]\d)", text))
    if numbers and rng.random() < 0.5:
        m = rng.choice(numbers)
        new = str(int(m.group()) + rng.randint(1, 9))
        return text[: m.start()] + new + text[m.end() :], f"number {m.group()} -> {new}"
    swaps = [m for m in re.finditer(r"\b[A-Za-z]+\b", text) if m.group().lower() in SWAPS]
    if swaps:
        m = rng.choice(swaps)
        new = SWAPS[m.group().lower()]
        if m.group()[0].isupper():
            new = new[0].upper() + new[1:]
    else:
        words = [m for m in re.finditer(r"\b[a-z]{4,}\b", text)]
        if not words:
            words = list(re.finditer(r"\b[A-Za-z]{2,}\b", text))
        m = rng.choice(words)
        new = rng.choice(["recently", "reportedly", "largely", "widely", "notably"])
        if m.group() == new:
            new = "apparently"
    return text[: m.start()] + new + text[m.end() :], f"word {m.group()!r} -> {new!r}"


def _change_punctuation(text: str, rng: random.Random) -> tuple[str, str]:
    commas = [m.start() for m in re.finditer(r",(?= )", text)]
    if commas:
        i = rng.choice(commas)
        return text[:i] + text[i + 1 :], "comma removed"
    if '"' in text:
        out, opening = [], True
        for ch in text:
            if ch == '"':
                out.append("“" if opening else "”")
                opening = not opening
            else:
                out.append(ch)
        return "".join(out), "straight quotes -> curly"
    m = re.search(r"^(\S+ \S+)( )", text)
    if m:
        return text[: m.end(1)] + "," + text[m.end(1) :], "comma added"
    return text.replace(".", ";", 1), "full stop -> semicolon"


# --------------------------------------------------------------------------- building


# Kept as they are when filler is relexicalised (below): the grammar of a sentence.
FUNCTION_WORDS = ENGLISH_STOP_WORDS | {"said", "says", "mr", "mrs", "ms", "new"}
_WORD = re.compile(r"[A-Za-z]+")


class _Relexicaliser:
    """Fresh filler once the public sentences run out: a pool sentence with each content word
    replaced through a seeded permutation of the pool's vocabulary, one permutation per round.

    Words are swapped only with words of the same length and frequency band, and function words
    stay, so sentence shape, length and word statistics stay those of the source text. Two rounds
    of one sentence rarely share a content word (only where a band holds one word). A rewrite
    that changes under MIN_CHANGED of its words, or still shares a run of NEAR_DUP_WORDS words
    with earlier filler (`fresh`, as in `load_filler`), is dropped, so a relexicalised sentence
    is neither a copy nor a paraphrase of anything.
    The text is nonsense with the statistics of news-like prose: enough for timing and for
    counting unplanned findings, not for reading.
    """

    def __init__(self, texts: list[str], seed: int):
        self.seed = seed
        counts = Counter(w.lower() for t in texts for w in _WORD.findall(t))
        self.bands: dict[tuple[int, int], list[str]] = defaultdict(list)
        for word, n in sorted(counts.items()):
            if word not in FUNCTION_WORDS:
                self.bands[(min(len(word), 12), n.bit_length())].append(word)
        self.maps: dict[int, dict[str, str]] = {}
        self.seen = {hash(g) for t in texts for g in _grams(norm_key(t))}

    def _map(self, round_: int) -> dict[str, str]:
        if round_ not in self.maps:
            rng = random.Random(self.seed * 7919 + round_)
            table: dict[str, str] = {}
            for words in self.bands.values():
                shuffled = list(words)
                rng.shuffle(shuffled)
                table.update(zip(words, shuffled, strict=True))
            self.maps[round_] = table
        return self.maps[round_]

    def rewrite(self, text: str, round_: int) -> str:
        table = self._map(round_)

        def swap(m: re.Match) -> str:
            word = m.group(0)
            new = table.get(word.lower())
            if new is None:
                return word
            if word.isupper() and len(word) > 1:
                return new.upper()
            return new.capitalize() if word[0].isupper() else new

        return _WORD.sub(swap, text)

    def fresh(self, text: str) -> bool:
        """True (and remembered) when `text` shares no NEAR_DUP_WORDS-word run with earlier
        filler."""
        mine = {hash(g) for g in _grams(norm_key(text))}
        if mine & self.seen:
            return False
        self.seen |= mine
        return True


# A relexicalised sentence keeps its function words in place, so one made mostly of function
# words stays a near copy of its source (and of its other rounds): "his or her hand up while two
# other children look at him or her" became "his or her head up while two other children past at
# him or her", an edited copy to any aligner. At 10,000 articles such pairs were 6,030 unplanned
# findings. A rewrite must change at least this share of the words, which keeps it, and any two
# rounds of one source, below the aligner's 0.7 edited-copy similarity.
MIN_CHANGED = 0.5


def changed_share(old: str, new: str) -> float:
    """Share of word positions whose word differs (relexicalising keeps the positions)."""
    a, b = old.lower().split(), new.lower().split()
    return sum(x != y for x, y in zip(a, b, strict=False)) / max(len(a), 1)


class _Pool:
    """Filler sentences handed out once each. When the public sentences are used up (past about
    1,300 articles), further rounds hand out relexicalised versions of them (`_Relexicaliser`):
    new items, appended to `items`, so no sentence is placed twice by running out."""

    def __init__(self, items: list[tuple[str, str, str]], rng: random.Random, seed: int):
        self.items = list(items)
        self.base = len(items)
        self.rng = rng
        self.seed = seed
        self.order = list(range(len(items)))
        rng.shuffle(self.order)
        self.pos = 0
        self.rounds = 1
        self.relex: _Relexicaliser | None = None
        self.relexicalised = 0

    def take(self) -> tuple[int, str]:
        misses = 0
        while True:
            if self.pos == len(self.order):
                self.rng.shuffle(self.order)
                self.pos = 0
                self.rounds += 1
            sid = self.order[self.pos]
            self.pos += 1
            if self.rounds == 1:
                return sid, self.items[sid][1]
            if self.relex is None:
                self.relex = _Relexicaliser([t for _, t, _ in self.items[: self.base]], self.seed)
            source, text, doc = self.items[sid]
            new = self.relex.rewrite(text, self.rounds)
            if changed_share(text, new) < MIN_CHANGED or not self.relex.fresh(new):
                misses += 1
                if misses > 2 * len(self.order):  # two whole rounds gave nothing new
                    raise RuntimeError("the filler pool is too small to relexicalise further")
                continue
            self.items.append((f"{source} (relexicalised)", new, f"{doc or source}#r{self.rounds}"))
            self.relexicalised += 1
            return len(self.items) - 1, new

    def take_where(self, wanted: set[int]) -> tuple[int, str] | None:
        """The next unused sentence from `wanted` (first round only), else None."""
        if self.rounds > 1:
            return None
        for k in range(self.pos, len(self.order)):
            if self.order[k] in wanted:
                sid = self.order[k]
                self.order[self.pos], self.order[k] = self.order[k], self.order[self.pos]
                self.pos += 1
                return sid, self.items[sid][1]
        return None


# A segment is (text, tag): tag ("f", sentence id) for filler, ("p", plant index, side) for plants.
Segment = tuple[str, tuple]


def _place(paragraphs: list[list[Segment]], block: list[Segment], rng: random.Random) -> None:
    """Put a block of segments in an article: as its own paragraph, or inside an existing one
    at a sentence boundary that does not split another plant."""
    if rng.random() < 0.5 or not paragraphs:
        paragraphs.insert(rng.randint(0, len(paragraphs)), block)
        return
    par = rng.choice(paragraphs)
    allowed = [
        k
        for k in range(len(par) + 1)
        if k in (0, len(par)) or not (par[k - 1][1][0] == "p" and par[k - 1][1] == par[k][1])
    ]
    k = rng.choice(allowed)
    par[k:k] = block


def scaled_counts(n_articles: int) -> dict[str, int]:
    return {k: max(1, round(v * n_articles / 1000)) for k, v in PLANTS_PER_1000.items()}


def build_corpus(
    data: Path,
    work: Path,
    n_articles: int = 1000,
    seed: int = 13,
    background: list[tuple[str, list[str]]] | None = None,
) -> Corpus:
    """Write `n_articles` .txt articles and plants.json under `work` (replaced if present).

    `background`, when given, is real articles as (id, paragraphs): they replace the filler
    articles (and `n_articles`), and the plants go between or around their paragraphs.
    """
    missing = check_data(data)
    if missing:
        raise DataMissing(", ".join(str(p) for p in missing))
    if n_articles < 2:
        raise ValueError("need at least 2 articles to plant pairs between")
    # One generator through every step, in this order: the same arguments give the same corpus.
    rng = random.Random(seed)
    mrpc_pos, mrpc_neg, pan_pos, exclude = load_pairs(data)
    filler, sources = load_filler(data, exclude)
    pool = _Pool(filler, rng, seed)
    ids, articles = _articles(pool, rng, n_articles, background)
    counts = scaled_counts(len(ids))
    jobs = _passage_jobs(counts, pool, filler, rng)
    jobs += _pair_jobs(counts, mrpc_pos, mrpc_neg, pan_pos, rng)
    plants = _place_jobs(jobs, articles, ids, rng)
    if work.exists():
        shutil.rmtree(work)
    directory = work / "articles"
    directory.mkdir(parents=True)
    written = _write_articles(directory, articles, ids, pool, plants)
    reuse = [
        {"sentence": pool.items[sid][1], "placements": where}
        for sid, where in sorted(written.placements.items())
        if len(where) > 1
    ]
    plants_path = work / "plants.json"
    plants_path.write_text(
        json.dumps(
            {
                "seed": seed,
                "articles": len(ids),
                "counts": counts,
                "planted": dict(Counter(p["kind"] for p in plants)),
                "filler_pool": len(filler),
                "filler_sources": dict(sources),
                "filler_reused_sentences": len(reuse),
                "filler_relexicalised": pool.relexicalised,
                "plants": plants,
                "filler_reuse": reuse,
                "filler_spans": written.filler_spans,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    counted = dict(Counter(p["kind"] for p in plants))
    args = (ids, plants, reuse, len(filler), dict(sources), written.placed, written.chars, counted)
    return Corpus(directory, plants_path, *args)


# (kind, origin, side a sentences, side b sentences, edits): one plant before it is placed.
Job = tuple[str, str, list[str], list[str], list[str]]


def _articles(
    pool: _Pool,
    rng: random.Random,
    n_articles: int,
    background: list[tuple[str, list[str]]] | None,
) -> tuple[list[str], list[list[list[Segment]]]]:
    """Article ids and paragraphs: filler articles of 8-20 paragraphs of 1-4 sentences, or the
    real background articles, a real paragraph one segment ("r"): plants go next to it, never
    inside it."""
    if background is not None:
        ids = [ident for ident, _ in background]
        return ids, [[[(par, ("r",))] for par in pars] for _, pars in background]
    articles = []
    for _ in range(n_articles):
        sizes = (rng.randint(1, 4) for _ in range(rng.randint(8, 20)))
        articles.append(
            [[(t, ("f", sid)) for sid, t in (pool.take() for _ in range(k))] for k in sizes]
        )
    return [f"syn{i:05d}" for i in range(n_articles)], articles


def _passage_jobs(
    counts: dict[str, int], pool: _Pool, filler: list[tuple[str, str, str]], rng: random.Random
) -> list[Job]:
    """Verbatim and edited copies of filler passages of 2-4 sentences."""
    # News-like sentences with something for the edit rules to act on.
    editable = {
        i
        for i, (src, t, _) in enumerate(filler)
        if re.search(r"U\.[SKN]\.|[^\x00-\x7f]", t) and src in ("mrpc-train", "stsb news")
    }
    jobs: list[Job] = []
    for _ in range(counts["verbatim"]):
        passage = [pool.take()[1] for _ in range(rng.randint(2, 4))]
        jobs.append(("verbatim", "filler", passage, list(passage), []))
    for _ in range(counts["edited"]):
        first = pool.take_where(editable) if rng.random() < 0.5 else None
        passage = [(first or pool.take())[1]] + [pool.take()[1] for _ in range(rng.randint(1, 3))]
        copy, edits = edit_passage(passage, rng)
        jobs.append(("edited", "filler", passage, copy, edits))
    return jobs


def _pair_jobs(
    counts: dict[str, int],
    mrpc_pos: list[tuple],
    mrpc_neg: list[tuple],
    pan_pos: list[tuple],
    rng: random.Random,
) -> list[Job]:
    """Paraphrases (half MRPC test, half PAN test positives) and hard negatives (MRPC test
    negatives), each sentence used once, sides in random order."""
    used_ids: set[str] = set()

    def pick(pairs: list[tuple], n: int) -> list[tuple]:
        order = list(range(len(pairs)))
        rng.shuffle(order)
        out = []
        for i in order:
            if len(out) == n:
                break
            pid, s1, s2, sids = pairs[i]
            if used_ids & set(sids):
                continue  # a sentence used twice would be an unplanned verbatim copy
            used_ids.update(sids)
            out.append((pid, s1, s2) if rng.random() < 0.5 else (pid, s2, s1))
        return out

    n_mrpc = counts["paraphrase"] // 2
    chosen = [("paraphrase", p) for p in pick(mrpc_pos, n_mrpc)]
    chosen += [("paraphrase", p) for p in pick(pan_pos, counts["paraphrase"] - n_mrpc)]
    chosen += [("hard_negative", p) for p in pick(mrpc_neg, counts["hard_negative"])]
    return [(kind, pid, [s1], [s2], []) for kind, (pid, s1, s2) in chosen]


def _place_jobs(
    jobs: list[Job], articles: list[list[list[Segment]]], ids: list[str], rng: random.Random
) -> list[dict]:
    """Each job's two sides put in two different random articles; the plant records (spans are
    filled in when the articles are written)."""
    plants = []
    for k, (kind, origin, a_sents, b_sents, edits) in enumerate(jobs):
        ai, bi = rng.sample(range(len(articles)), 2)
        _place(articles[ai], [(s, ("p", k, "a")) for s in a_sents], rng)
        _place(articles[bi], [(s, ("p", k, "b")) for s in b_sents], rng)
        plants.append(
            {
                "id": k,
                "kind": kind,
                "origin": origin,
                "edits": edits,
                "a": {"article": ids[ai]},
                "b": {"article": ids[bi]},
            }
        )
    return plants


@dataclass
class _Written:
    placements: dict[int, list[dict]]  # filler sentence id -> where it was placed
    filler_spans: dict[str, list[list]]  # article -> [start, end, source, doc]
    placed: int  # sentences placed
    chars: int


def _write_articles(
    directory: Path,
    articles: list[list[list[Segment]]],
    ids: list[str],
    pool: _Pool,
    plants: list[dict],
) -> _Written:
    """Each article as text (paragraphs apart by a blank line), noting where every filler
    sentence and every plant's side landed; the plants get their spans and text."""
    written = _Written(defaultdict(list), defaultdict(list), 0, 0)
    for ai, pars in enumerate(articles):
        spans: dict[tuple[int, str], list[int]] = {}
        chunks: list[str] = []
        pos = 0
        for pi, par in enumerate(pars):
            if pi:
                chunks.append("\n\n")
                pos += 2
            for si, (text, tag) in enumerate(par):
                if si:
                    chunks.append(" ")
                    pos += 1
                start, end = pos, pos + len(text)
                chunks.append(text)
                pos = end
                written.placed += 1
                if tag[0] == "f":
                    written.placements[tag[1]].append(
                        {"article": ids[ai], "start": start, "end": end}
                    )
                    source, _, doc = pool.items[tag[1]]
                    written.filler_spans[ids[ai]].append([start, end, source, doc])
                elif tag[0] == "p":
                    key = (tag[1], tag[2])
                    if key in spans:
                        spans[key][1] = end
                    else:
                        spans[key] = [start, end]
        text = "".join(chunks) + "\n"
        written.chars += len(text)
        (directory / f"{ids[ai]}.txt").write_text(text, encoding="utf-8")
        for (k, side), (start, end) in spans.items():
            plants[k][side].update(start=start, end=end, text=text[start:end])
    return written


def built(n_articles: int, seed: int = 13) -> tuple[Path, Path]:
    """The corpus of `n_articles` under benchmarks/.work/synthetic-n{N}-seed{S}, built the first
    time (plants.json is written last: its presence means a whole build), so the tasks that time
    other work on it share one copy: its articles folder and its plants file."""
    from . import DATA, WORK

    work = WORK / f"synthetic-n{n_articles}-seed{seed}"
    if not (work / "plants.json").is_file():
        build_corpus(DATA, work, n_articles, seed)
    return work / "articles", work / "plants.json"
