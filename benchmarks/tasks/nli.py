"""Sanity of the NLI model on real news (issue 13 item 5): copies are entailment, and the
probabilities mean what they say.

`track_identity` pairs sentences of ../shared/data/news (Reuters-21578, BBC, METER; every 7th
article; read in place, never used for training) with themselves and with meaning-keeping
edits; the goal is calibrated p(entailment) >= 0.95 for every identical sentence:

- identity: every sentence with itself;
- near-identity: a copy with whitespace, punctuation or case changed, or one adjective dropped
  from the hypothesis ("a big rise" entails "a rise");
- passages: two or three consecutive sentences with themselves, and with one of their
  sentences as the hypothesis.

`track_calibration`: the expected calibration error (15 bins of the top probability) on the
3-way pairs of the dev slice train_nli.py holds out, plain softmax against the shipped
temperature (benchmarks/training/calibrate_nli.py fits and writes it); no test split is read.

Options: `--set model=DIR` (another copy of the model, e.g. a fine-tune), `--set
per_corpus=1100` (sentences per corpus), `--set near=800` (pairs per near-identity kind),
`--set passages=300` (passages per corpus). Pairs longer than the model reads are refused by
the model, not cut: they are counted, not scored. On a shared machine set OMP_NUM_THREADS=1.

Every figure is the model's own (`NLIModel(same_text_is_entailment=False)`): the product
scores a pair whose texts are equal after Unicode, whitespace and case normalisation as
entailment, 1.0, without the model (overlap.nli.same_text). "same text, entailment without the
model" says which share of each kind that covers: all of identity, whitespace, case and
passage identity; 1.6 % of punctuation (sentences the edit leaves as they were: no comma,
colon or final stop); none of adjective dropped or sentence from passage.
"""

from __future__ import annotations

import random
import re

from ..harness import figure

SECTION = "NLI sanity: copies, calibration (issue 13 item 5)"
GOAL = 0.95


def _adjective() -> re.Pattern[str]:
    from ..training.train_nli import DROPPABLE_ADJECTIVES

    return re.compile(r"\b(" + "|".join(DROPPABLE_ADJECTIVES) + r") (?=[a-z])")


def near_copies(
    sentences: list[str], n: int, rng: random.Random
) -> dict[str, list[tuple[str, str]]]:
    """Meaning-keeping edits of real sentences, `n` of each kind (premise, hypothesis).

    >>> pairs = near_copies(["A big crowd gathered, police said."], 1, random.Random(1))
    >>> pairs["punctuation"], pairs["adjective dropped"]
    ([('A big crowd gathered, police said.', 'A big crowd gathered police said')], \
[('A big crowd gathered, police said.', 'A crowd gathered, police said.')])
    """
    adjective = _adjective()
    picked = rng.sample(sentences, min(n, len(sentences)))
    with_adj = [s for s in sentences if adjective.search(s)]
    adj = rng.sample(with_adj, min(n, len(with_adj)))
    return {
        "whitespace": [(s, "  ".join(s.split()) + " \n") for s in picked],
        "punctuation": [(s, re.sub(r"[,;:]", "", s).rstrip(".!? ")) for s in picked],
        "case": [(s, s.lower()) for s in picked],
        "adjective dropped": [
            (s, s[: m.start()] + s[m.end() :])
            for s in adj
            for m in [rng.choice(list(adjective.finditer(s)))]
        ],
    }


def passages(per_corpus: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Two or three consecutive sentences of one article (at most 45 words), with its sentences."""
    from .. import news_sentences as news

    out: list[tuple[str, list[str]]] = []
    for source in (news.reuters(7), news.bbc(7), news.meter(7)):
        n = 0
        for _, _, body in source:
            sents = news.split_sentences(body)
            k = rng.choice([2, 3])
            for start in range(0, len(sents) - k + 1, k):
                chunk = sents[start : start + k]
                if sum(len(s.split()) for s in chunk) <= 45 and all(
                    len(s.split()) >= 4 for s in chunk
                ):
                    out.append((" ".join(chunk), chunk))
                    n += 1
                    break
            if n >= per_corpus:
                break
    return out


def copy_pairs(
    per_corpus: int = 1100, near: int = 800, n_passages: int = 300, seed: int = 13
) -> dict[str, list[tuple[str, str]]]:
    """Every kind of copy pair, in the order the report shows them (fixed seed)."""
    from .. import news_sentences as news

    rng = random.Random(seed)
    sents = [s.text for s in news.sentences(per_corpus)]
    kinds: dict[str, list[tuple[str, str]]] = {"identity": [(s, s) for s in sents]}
    kinds.update(near_copies(sents, near, rng))
    chunks = passages(n_passages, rng)
    kinds["passage identity"] = [(p, p) for p, _ in chunks]
    kinds["sentence from passage"] = [(p, rng.choice(c)) for p, c in chunks]
    return kinds


def _model(model: str):  # noqa: ANN202 - overlap.nli is imported lazily (torch)
    from overlap.nli import NLIModel

    # fp32: the figures are the model's own, not bf16-rounded (the product picks bf16 where the
    # CPU has bf16 units; the model card measures the difference). The model itself: the
    # product scores a pair of the same text 1.0 without the model (nli.same_text), which
    # would make the identity, whitespace, case and passage-identity rows say nothing.
    return NLIModel(model or None, precision="fp32", same_text_is_entailment=False)


@figure(
    unit="share",
    data=("reuters", "bbc", "meter"),
    anchor={"identity: p(ent) >= 0.95": "goal 1.0 (issue 13 item 5)"},
)
def track_identity(
    model: str = "", per_corpus: str = "1100", near: str = "800", passages: str = "300"
) -> dict[str, float | tuple[float | int, str]]:
    """Per kind of copy: the share with calibrated p(entailment) >= 0.95, the share whose most
    likely label is entailment, and the mean p(entailment); pairs scored and refused."""
    from overlap.nli import same_text

    from ..training.calibrate_nli import fits

    nli = _model(model)
    out: dict[str, float | tuple[float | int, str]] = {}
    for kind, pairs in copy_pairs(int(per_corpus), int(near), int(passages)).items():
        keep = fits(nli, pairs)
        scored = [p for p, k in zip(pairs, keep, strict=True) if k]
        probs = nli.predict(scored)
        ent = probs[:, 0]
        out[f"{kind}: p(ent) >= 0.95"] = round(float((ent >= GOAL).mean()), 4)
        out[f"{kind}: argmax entailment"] = round(float((probs.argmax(axis=1) == 0).mean()), 4)
        out[f"{kind}: mean p(ent)"] = (round(float(ent.mean()), 4), "p")
        out[f"{kind}: min p(ent)"] = (round(float(ent.min()), 4), "p")
        out[f"{kind}: pairs"] = (len(scored), "pairs")
        out[f"{kind}: too long, not scored"] = (len(pairs) - len(scored), "pairs")
        # The rows above are the model's own; the product never asks it about these pairs.
        same = sum(same_text(a, b) for a, b in pairs) / max(1, len(pairs))
        out[f"{kind}: same text, entailment without the model"] = round(same, 4)
    out["model"] = (nli.model_id, "")
    return out


@figure(unit="", data=("nli_more", "snli"))
def track_calibration(model: str = "") -> dict[str, float | tuple[float | int | str, str]]:
    """ECE (15 bins) on train_nli.py's dev slice (3-way pairs): plain softmax, the shipped
    temperature, and the temperature a refit would choose; the dev accuracy."""
    from ..training.calibrate_nli import dev_calibration

    nli = _model(model)
    dev = dev_calibration(nli)
    return {
        "dev ECE, plain softmax": (dev["ece_before"], "ECE"),
        "dev ECE, shipped temperature": (dev["ece_shipped"], "ECE"),
        "shipped temperature": (dev["shipped_temperature"], "T"),
        "refitted temperature": (dev["fitted_temperature"], "T"),
        "dev ECE, refitted temperature": (dev["ece_after"], "ECE"),
        "dev accuracy": (dev["accuracy"], "share"),
        "dev pairs": (dev["pairs"], "pairs"),
        "model": (nli.model_id, ""),
    }
