"""Speed against the tools users would pick instead: embedding throughput, paraphrase mining
against sentence-transformers, copy detection against datasketch and rapidfuzz, and `compare`
end to end on the synthetic corpus (benchmarks/synthetic.py).

Every comparison runs its contenders one after another in the same process on the same input,
alternating where it repeats, so a busy machine slows all of them alike: the ratios are the
figures to read. Runs that depend on how torch was first loaded go to a fresh process.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import WORK
from .. import field_common as fc
from ..harness import figure, fresh, peak_rss_mib

SECTION = "Measured against the field (issue 6)"
FIELD = WORK / "field"


# --------------------------------------------------------------------------- embedding


def embedding_run(torch_first: bool, n: int = 1500, rounds: int = 2) -> dict[str, float]:
    """Sentences per second: sentence-transformers' plain `encode` (fp32, its defaults), overlap's
    embedder in fp32 and with bf16 weights; alternating, best of `rounds`. With `torch_first`
    torch is loaded before overlap, so OpenMP keeps its default spin-waiting (as before issue 6);
    else overlap loads it and picks how threads wait (`overlap.embed.set_openmp_waits`)."""
    if torch_first:
        import torch  # noqa: F401 - loaded first on purpose: OpenMP starts with its defaults
    from overlap.embed import MiniLM

    test = fc.mrpc("test")
    texts = list(dict.fromkeys(test.a + test.b))[:n]
    fp32, bf16 = MiniLM(precision="fp32"), MiniLM(precision="bf16")
    st = fp32._load()
    bf16._load()  # its own copy, with bf16 weights
    contenders: dict[str, Callable] = {
        "sentence-transformers fp32": lambda: st.encode(
            texts, show_progress_bar=False, normalize_embeddings=True
        ),
        "overlap fp32": lambda: fp32.encode(texts),
        "overlap bf16": lambda: bf16.encode(texts),
    }
    st.encode(texts[:64], show_progress_bar=False)  # warm-up: first-call allocations
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(rounds):
        for name, run in contenders.items():
            began = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - began)
    return {name: round(len(texts) / s) for name, s in best.items()}


@figure(unit="sentences/s", data=("mrpc",))
def track_embedding_throughput() -> dict:
    """Embedding throughput against sentence-transformers on 1500 MRPC test sentences.

    Sentences/s of sentence-transformers and overlap (fp32, bf16 weights), each with torch
    loaded first (OpenMP spins) and as overlap loads it, in a fresh process per half."""
    out = {}
    for label, torch_first in (("torch default", True), ("overlap's OpenMP choice", False)):
        for name, per_s in fresh(embedding_run, torch_first).items():
            out[f"{name}, {label}"] = per_s
    return out


# --------------------------------------------------------------------------- paraphrase mining


def _ours(found: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
    """overlap's (i < j, cosine) as pairs."""
    return {(i, j) for i, j, _ in found}


def _theirs(found: list, threshold: float) -> set[tuple[int, int]]:
    """sentence-transformers' (score, i, j) at or above the threshold, as (i < j)."""
    return {(min(i, j), max(i, j)) for s, i, j in found if s >= threshold}


@figure(unit="", data=("stsb", "mrpc"))
def track_paraphrase_mining(n: int = 5000, threshold: float = 0.6, k: int = 10) -> dict:
    """Paraphrase mining of 5000 sentences against sentence-transformers: speed-up, agreement.

    overlap (bf16 embedding + neighbour_pairs) against `util.paraphrase_mining` on the same
    STS-B test and MRPC train sentences; then the search alone on the same fp32 vectors."""
    from sentence_transformers.util import paraphrase_mining, paraphrase_mining_embeddings

    from overlap.embed import MiniLM, embed_texts
    from overlap.neighbours import neighbour_pairs

    sts, train = fc.stsb_test(), fc.mrpc("train")
    texts = list(dict.fromkeys(sts.a + sts.b + train.a + train.b))[: int(n)]
    model = MiniLM(precision="bf16")
    model._load()  # bf16 weights: its own copy of the model
    st = MiniLM(precision="fp32")._load()
    groups = np.arange(len(texts))
    began = time.perf_counter()
    theirs = _theirs(paraphrase_mining(st, texts, top_k=k, show_progress_bar=False), threshold)
    st_s = time.perf_counter() - began
    began = time.perf_counter()
    vectors, _, _ = embed_texts(model, texts, None)
    ours = _ours(neighbour_pairs(vectors, groups, threshold, k))
    ours_s = time.perf_counter() - began
    emb = st.encode(
        texts, convert_to_tensor=True, normalize_embeddings=True, show_progress_bar=False
    )
    v32 = emb.numpy()
    # Sub-second runs: alternate the three, best of 3, so a stray stall cannot decide the ratio.
    searches = {
        "st": lambda: _theirs(paraphrase_mining_embeddings(emb, top_k=k), threshold),
        "exact": lambda: _ours(neighbour_pairs(v32, groups, threshold, k)),
        "ivf": lambda: _ours(neighbour_pairs(v32, groups, threshold, k, exact_max=0)),
    }
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    found = {}
    for _ in range(3):
        for name, search in searches.items():
            began = time.perf_counter()
            found[name] = search()
            best[name] = min(best[name], time.perf_counter() - began)
    return {
        "speed-up over sentence-transformers": (round(st_s / ours_s, 2), "×"),
        "pairs sentence-transformers": (len(theirs), "pairs"),
        "pairs overlap": (len(ours), "pairs"),
        "pairs both": (len(theirs & ours), "pairs"),
        "search only, speed-up": (round(best["st"] / best["exact"], 2), "×"),
        "search only, exact pairs also sentence-transformers'": (
            len(found["exact"] & found["st"]),
            "pairs",
        ),
        "inverted-file recall": (_recall(found["exact"], found["ivf"]), "%"),
    }


def _recall(exact: set, approximate: set) -> float:
    return round(100 * len(exact & approximate) / max(1, len(exact)), 1)


@figure(unit="%", data=("mrpc", "pan"))
def track_index_recall(threshold: float = 0.6, k: int = 10) -> dict:
    """Recall of the inverted-file index against the exact search (MRPC + PAN train).

    The index is used above 40,000 passages; here on every MRPC train and PAN train sentence
    (cosine ≥ 0.6, top 10), with both times."""
    from overlap.neighbours import neighbour_pairs

    texts = []
    for pairs in (fc.mrpc("train"), fc.pan("train")):
        texts += pairs.a + pairs.b
    vectors = fc.embed(list(dict.fromkeys(texts)), "bf16")
    groups, timed = np.arange(len(vectors)), {}
    for name, exact_max in (("exact", len(vectors)), ("ivf", 0)):
        began = time.perf_counter()
        timed[name] = _ours(neighbour_pairs(vectors, groups, threshold, k, exact_max=exact_max))
        timed[f"{name}_s"] = time.perf_counter() - began
    return {
        "recall": _recall(timed["exact"], timed["ivf"]),
        "exact pairs": (len(timed["exact"]), "pairs"),
        "exact search": (round(timed["exact_s"], 2), "s"),
        "inverted-file search": (round(timed["ivf_s"], 2), "s"),
    }


# --------------------------------------------------------------------------- copy detection


def _corpus(n: int) -> tuple[Path, Path]:
    """The synthetic corpus of n articles (seed 13), built once: articles folder, plants file."""
    from ..synthetic import built

    return built(n, 13)


def _plants(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))["plants"]


def _copy_detectors(n: int, rapidfuzz: bool) -> dict:
    """Verbatim and edited copies between articles found three ways on the same sentences
    (overlap's segmenter): overlap's shingle index (`copy_pairs`), datasketch MinHashLSH on the
    same word 3-shingles (Jaccard ≥ 0.5, 128 permutations) and, if asked, rapidfuzz's all-pairs
    `process.cdist` (ratio ≥ 80). A copy is found when a reported sentence pair lies inside its
    two planted spans. Times are relative to overlap's."""
    from overlap.ingest import read_articles
    from overlap.segment import segment
    from overlap.shingles import copy_pairs
    from overlap.textnorm import tokenize

    folder, plants_path = _corpus(n)
    plants = _plants(plants_path)
    articles, _ = read_articles([str(folder)])
    sents = [(Path(a.source).stem, s) for a in articles for s in segment(a).sentences]
    tokens = [[t.norm for t in tokenize(s.text)] for _, s in sents]
    targets = [p for p in plants if p["kind"] in ("verbatim", "edited")]

    def inside(i: int, span: dict) -> bool:
        return sents[i][1].start >= span["start"] - 1 and sents[i][1].end <= span["end"] + 1

    by_articles = defaultdict(list)
    for p in targets:
        by_articles[frozenset((p["a"]["article"], p["b"]["article"]))].append(p)

    def found(pairs: list[tuple[int, int]]) -> int:
        hit = set()
        for i, j in pairs:
            for p in by_articles.get(frozenset((sents[i][0], sents[j][0])), ()):
                si, sj = (i, j) if sents[i][0] == p["a"]["article"] else (j, i)
                if inside(si, p["a"]) and inside(sj, p["b"]):
                    hit.add(p["id"])
        return len(hit)

    detectors = {
        "overlap": lambda: [(i, j) for i, j, _ in copy_pairs(tokens)],
        "datasketch MinHashLSH": lambda: _minhash_pairs(tokens),
    }
    if rapidfuzz:
        detectors["rapidfuzz all pairs"] = lambda: _rapidfuzz_pairs([s.text for _, s in sents])
    out, seconds = {}, {}
    for name, detect in detectors.items():
        began = time.perf_counter()
        pairs = [(i, j) for i, j in detect() if sents[i][0] != sents[j][0]]
        seconds[name] = time.perf_counter() - began
        out[f"{name}: copies found"] = (f"{found(pairs)}/{len(targets)}", "")
        if name != "overlap":
            out[f"{name}: time / overlap time"] = (
                round(seconds[name] / seconds["overlap"], 1),
                "×",
            )
    out["overlap: time"] = (round(seconds["overlap"], 2), "s")
    return out


def _minhash_pairs(tokens: list[list[str]], num_perm: int = 128) -> list[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=num_perm)
    shingles = [[" ".join(t[i : i + 3]).encode("utf-8") for i in range(len(t) - 2)] for t in tokens]
    # bulk: the batched constructor datasketch offers for many sets at once.
    hashes = MinHash.bulk([s or [b""] for s in shingles], num_perm=num_perm)
    for i, m in enumerate(hashes):
        if shingles[i]:
            lsh.insert(i, m)
    return sorted(
        {
            (min(i, j), max(i, j))
            for i, m in enumerate(hashes)
            if shingles[i]
            for j in lsh.query(m)
            if j != i
        }
    )


def _rapidfuzz_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Every sentence pair scored (C++ `process.cdist`, one thread): time grows as sentences²."""
    from rapidfuzz import fuzz, process

    scores = process.cdist(
        texts, texts, scorer=fuzz.ratio, score_cutoff=80, dtype=np.uint8, workers=1
    )
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(scores, 1)), strict=True)]


@figure(data=("mrpc", "pan", "stsb"))
def track_copies(articles: int = 1000) -> dict:
    """Planted copies in 1000 synthetic articles: overlap's index against MinHashLSH."""
    return _copy_detectors(int(articles), rapidfuzz=False)


@figure(data=("mrpc", "pan", "stsb"))
def track_copies_with_rapidfuzz(articles: int = 200) -> dict:
    """Planted copies in 200 synthetic articles, rapidfuzz all pairs beside the two indexes."""
    return _copy_detectors(int(articles), rapidfuzz=True)


# --------------------------------------------------------------------------- end to end


def compare_run(folder: str, plants_path: str, embeddings: str, cache: str) -> dict:
    """One compare() in this fresh process, empty cache: seconds (excluding imports), peak RSS and
    the planted copies found. `embeddings="before"`: as before issue 6 (fp32, paragraphs encoded,
    torch and its OpenMP loaded first); "auto": the defaults."""
    if embeddings == "before":
        import torch  # noqa: F401 - loaded first on purpose: OpenMP spin-waits
    from overlap import Settings, compare

    extra = (
        {"embed_precision": "fp32", "paragraph_vectors": "encode"} if embeddings == "before" else {}
    )
    settings = Settings(cache_path=Path(cache), **extra)  # type: ignore[arg-type]
    began = time.perf_counter()
    result = compare([folder], settings)
    seconds = time.perf_counter() - began
    ids = {Path(a.source).stem: a.id for a in result.articles}
    plants = _plants(Path(plants_path))
    found = set()
    for p in plants:
        a, b = ids.get(p["a"]["article"]), ids.get(p["b"]["article"])
        for f in result.findings:
            for x, y in ((f.a, f.b), (f.b, f.a)):
                if (
                    (x.article, y.article) == (a, b)
                    and x.start < p["a"]["end"]
                    and p["a"]["start"] < x.end
                    and y.start < p["b"]["end"]
                    and p["b"]["start"] < y.end
                ):
                    found.add(p["id"])
    recall = {
        kind: round(
            100
            * sum(p["id"] in found for p in plants if p["kind"] == kind)
            / max(1, sum(p["kind"] == kind for p in plants)),
            1,
        )
        for kind in ("verbatim", "edited", "paraphrase")
    }
    return {
        "seconds": round(seconds),
        "peak_rss_mib": round(peak_rss_mib()),
        "findings": len(result.findings),
        "recall": recall,
        "stages": {k: round(v, 1) for k, v in result.stats.stages.items()} if result.stats else {},
    }


@figure(data=("mrpc", "pan", "stsb"))
def track_compare_synthetic(articles: int = 10000, embeddings: str = "auto") -> dict:
    """`compare` on 10,000 synthetic articles (`--set articles=N`): time, peak RSS, recall.

    In a fresh process, empty cache, default settings (`--set embeddings=before`: fp32,
    paragraphs encoded, OpenMP spinning, as before issue 6)."""
    folder, plants = _corpus(int(articles))  # the plants file: argv holds its path, not it
    cache = FIELD / f"e2e-{articles}-{embeddings}.sqlite"
    cache.unlink(missing_ok=True)
    try:
        got = fresh(compare_run, str(folder), str(plants), embeddings, str(cache))
    finally:
        cache.unlink(missing_ok=True)
    out = {
        "compare": (got["seconds"], "s"),
        "peak RSS": (got["peak_rss_mib"], "MiB"),
        "findings": (got["findings"], "findings"),
    }
    out |= {f"recall {kind}": (value, "%") for kind, value in got["recall"].items()}
    out |= {f"stage: {name}": (value, "s") for name, value in got["stages"].items()}
    return out
