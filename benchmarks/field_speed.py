"""Speed parts of the field benchmark: embedding throughput, paraphrase mining against
sentence-transformers, copy detection against datasketch and rapidfuzz, end-to-end compare.

Every comparison runs its contenders one after another in the same process on the same input,
alternating where it repeats, so a busy machine slows all of them alike.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from field_common import WORK, log, mrpc, stsb_test


def _best(times: list[float]) -> float:
    return min(times)


# --------------------------------------------------------------------------- embedding


def embedding(data: Path, n: int = 1500, rounds: int = 2) -> dict:
    """Embedding throughput, twice, each in a fresh process: with torch loaded before overlap (so
    OpenMP keeps its default spin-waiting, as before this issue) and as overlap loads it (OpenMP
    threads sleep at barriers, see overlap/embed.py)."""
    out: dict = {}
    for mode in ("torch-default", "overlap"):
        path = WORK / f"embedding-{mode}.child.json"
        path.unlink(missing_ok=True)
        cmd = [sys.executable, str(Path(__file__).parent / "bench_field.py"), "--embedding-child"]
        proc = subprocess.run(
            [*cmd, mode, str(data), str(n), str(rounds), str(path)], capture_output=True, text=True
        )
        if proc.returncode != 0 or not path.is_file():
            raise RuntimeError(f"embedding child ({mode}) failed: {proc.stderr[-2000:]}")
        out[mode] = json.loads(path.read_text(encoding="utf-8"))
    return out


def embedding_child(mode: str, data: str, n: str, rounds: str, out: str) -> None:
    if mode == "torch-default":
        import torch  # noqa: F401 - loaded first on purpose: OpenMP starts with its defaults
    result = embedding_run(Path(data), int(n), int(rounds))
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def embedding_run(data: Path, n: int, rounds: int) -> dict:
    """Sentences per second: sentence-transformers' plain `encode` (fp32, its defaults), overlap's
    embedder in fp32 and with bf16 weights; alternating, best of `rounds`."""
    import os

    from overlap.embed import MiniLM

    test = mrpc(data, "test")
    texts = list(dict.fromkeys(test.a + test.b))[:n]
    fp32, bf16 = MiniLM(precision="fp32"), MiniLM(precision="bf16")
    st = fp32._load()
    bf16._load()  # its own copy, with bf16 weights
    contenders = {
        "sentence-transformers encode (fp32, batch 32)": lambda: st.encode(
            texts, show_progress_bar=False, normalize_embeddings=True
        ),
        "overlap fp32 (batch 64)": lambda: fp32.encode(texts),
        "overlap bf16 weights (batch 64)": lambda: bf16.encode(texts),
    }
    st.encode(texts[:64], show_progress_bar=False)  # warm-up: first-call allocations
    times: dict[str, list[float]] = defaultdict(list)
    vectors = {}
    for _ in range(rounds):
        for name, run in contenders.items():
            began = time.perf_counter()
            vectors[name] = np.asarray(run(), dtype=np.float32)
            times[name].append(time.perf_counter() - began)
    ref = vectors["overlap fp32 (batch 64)"]
    words = sum(len(t.split()) for t in texts)
    return {
        "n": len(texts),
        "mean_words": words / len(texts),
        "rounds": rounds,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "(unset: spin, then sleep)"),
        "gomp_spincount": os.environ.get("GOMP_SPINCOUNT", "(unset)"),
        "rows": [
            {
                "name": name,
                "seconds": _best(t),
                "per_s": len(texts) / _best(t),
                "min_cosine_to_fp32": float((vectors[name] * ref).sum(axis=1).min()),
            }
            for name, t in times.items()
        ],
    }


# --------------------------------------------------------------------------- paraphrase mining


def mining(data: Path, n: int = 5000, threshold: float = 0.6, k: int = 10) -> dict:
    """overlap (bf16 embedding + neighbour_pairs) against sentence-transformers'
    `util.paraphrase_mining` (fp32 encode + chunked top-k), on the same STS-B test sentences and
    others; then the search alone on the same vectors, and the inverted-file index's recall."""
    from sentence_transformers.util import paraphrase_mining, paraphrase_mining_embeddings

    from overlap.candidates import neighbour_pairs
    from overlap.embed import MiniLM, embed_texts

    sts = stsb_test(data)
    train = mrpc(data, "train")
    texts = list(dict.fromkeys(sts.a + sts.b + train.a + train.b))[:n]
    model = MiniLM(precision="bf16")
    model._load()  # bf16 weights: its own copy of the model
    st = MiniLM(precision="fp32")._load()
    groups = np.arange(len(texts))

    began = time.perf_counter()
    st_pairs = paraphrase_mining(st, texts, top_k=k, show_progress_bar=False)
    st_seconds = time.perf_counter() - began

    began = time.perf_counter()
    vecs, _, _ = embed_texts(model, texts, None)
    embed_s = time.perf_counter() - began
    began = time.perf_counter()
    ours = neighbour_pairs(vecs, groups, threshold, k)
    search_s = time.perf_counter() - began

    theirs = {(min(i, j), max(i, j)) for s, i, j in st_pairs if s >= threshold}
    mine = {(i, j) for i, j, _ in ours}
    top_theirs = [(min(i, j), max(i, j)) for _, i, j in st_pairs[:100]]
    top_mine = [(i, j) for i, j, _ in sorted(ours, key=lambda x: -x[2])[:100]]

    # The search alone, on the same (fp32) vectors.
    import torch

    emb = st.encode(
        texts, convert_to_tensor=True, normalize_embeddings=True, show_progress_bar=False
    )
    v32 = emb.numpy()
    # Sub-second runs: alternate the three, best of 3, so a stray stall cannot decide the ratio.
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(3):
        began = time.perf_counter()
        st_only = paraphrase_mining_embeddings(emb, top_k=k)
        runs["st"].append(time.perf_counter() - began)
        began = time.perf_counter()
        exact = neighbour_pairs(v32, groups, threshold, k)
        runs["exact"].append(time.perf_counter() - began)
        began = time.perf_counter()
        ivf = neighbour_pairs(v32, groups, threshold, k, exact_max=0)
        runs["ivf"].append(time.perf_counter() - began)
    st_search_s, exact_s, ivf_s = (min(runs[x]) for x in ("st", "exact", "ivf"))
    exact_set, ivf_set = {(i, j) for i, j, _ in exact}, {(i, j) for i, j, _ in ivf}
    st_only_set = {(min(i, j), max(i, j)) for s, i, j in st_only if s >= threshold}
    del torch
    return {
        "n": len(texts),
        "threshold": threshold,
        "k": k,
        "st_seconds": st_seconds,
        "ours_embed_s": embed_s,
        "ours_search_s": search_s,
        "pairs_st": len(theirs),
        "pairs_ours": len(mine),
        "agree": len(theirs & mine),
        "top100_agree": len(set(top_theirs) & set(top_mine)),
        "search_only": {
            "st_s": st_search_s,
            "exact_s": exact_s,
            "ivf_s": ivf_s,
            "exact_vs_st_agree": len(exact_set & st_only_set),
            "exact_pairs": len(exact_set),
            "st_pairs": len(st_only_set),
            "ivf_recall": len(exact_set & ivf_set) / max(1, len(exact_set)),
        },
    }


def index_recall(vectors: np.ndarray, groups: np.ndarray, threshold: float, k: int = 10) -> dict:
    """The inverted-file index against the exact search on one set of vectors."""
    from overlap.candidates import neighbour_pairs

    began = time.perf_counter()
    exact = {(i, j) for i, j, _ in neighbour_pairs(vectors, groups, threshold, k)}
    exact_s = time.perf_counter() - began
    began = time.perf_counter()
    ivf = {(i, j) for i, j, _ in neighbour_pairs(vectors, groups, threshold, k, exact_max=0)}
    ivf_s = time.perf_counter() - began
    return {
        "rows": len(vectors),
        "threshold": threshold,
        "exact_pairs": len(exact),
        "ivf_pairs": len(ivf),
        "recall": len(exact & ivf) / max(1, len(exact)),
        "exact_s": exact_s,
        "ivf_s": ivf_s,
    }


# --------------------------------------------------------------------------- copy detection


def _sentences(directory: Path) -> tuple[list[tuple[str, int, int, str]], dict[str, str]]:
    """(article id, start, end, text) for every sentence overlap's segmenter finds."""
    from overlap.ingest import read_articles
    from overlap.segment import segment

    articles, _ = read_articles([str(directory)], None, None, False)
    out = []
    for art in articles:
        seg = segment(art, [])
        out += [(art.id, s.start, s.end, s.text) for s in seg.sentences]
    return out, {a.id: Path(a.source).stem for a in articles}


def copies(corpus_dir: Path, plants: list[dict], subset: int | None = None) -> dict:
    """Verbatim and edited copies between articles, three ways on the same sentences:
    overlap's shingle index (`copy_pairs`), datasketch MinHashLSH on the same word 3-shingles
    (Jaccard >= 0.5, 128 permutations) and, for `subset` articles, rapidfuzz's all-pairs
    `process.cdist` (normalised Indel similarity >= 0.8). Recall is per planted copy: found when
    a reported sentence pair lies inside its two planted spans."""
    from overlap.candidates import copy_pairs
    from overlap.textnorm import tokenize

    sents, names = _sentences(corpus_dir)
    if subset:
        keep = set(sorted({names[a] for a, *_ in sents})[:subset])
        sents = [s for s in sents if names[s[0]] in keep]
        plants = [p for p in plants if p["a"]["article"] in keep and p["b"]["article"] in keep]
    arts = [names[a] for a, *_ in sents]
    targets = [p for p in plants if p["kind"] in ("verbatim", "edited")]
    tokens = [[t.norm for t in tokenize(text)] for *_, text in sents]

    def recall(pairs: list[tuple[int, int]]) -> dict:
        found = set()
        index = defaultdict(list)
        for p in targets:
            index[(p["a"]["article"], p["b"]["article"])].append(p)
            index[(p["b"]["article"], p["a"]["article"])].append(p)
        for i, j in pairs:
            for p in index.get((arts[i], arts[j]), ()):
                si, sj = (i, j) if arts[i] == p["a"]["article"] else (j, i)
                if _inside(sents[si], p["a"]) and _inside(sents[sj], p["b"]):
                    found.add(p["id"])
        by_kind = {
            kind: sum(1 for p in targets if p["kind"] == kind and p["id"] in found)
            for kind in ("verbatim", "edited")
        }
        return {"found": len(found), "by_kind": by_kind, "pairs": len(pairs)}

    rows = []
    began = time.perf_counter()
    ours = [(i, j) for i, j, _ in copy_pairs(tokens) if arts[i] != arts[j]]
    rows.append(
        {
            "name": "overlap copy_pairs (shingle index)",
            "seconds": time.perf_counter() - began,
            **recall(ours),
        }
    )

    began = time.perf_counter()
    lsh_pairs = _minhash_pairs(tokens)
    lsh_pairs = [(i, j) for i, j in lsh_pairs if arts[i] != arts[j]]
    rows.append(
        {
            "name": "datasketch MinHashLSH",
            "seconds": time.perf_counter() - began,
            **recall(lsh_pairs),
        }
    )

    out = {
        "articles": len(set(arts)),
        "sentences": len(sents),
        "targets": {k: sum(1 for p in targets if p["kind"] == k) for k in ("verbatim", "edited")},
        "rows": rows,
    }
    return out


def rapidfuzz_pairs(corpus_dir: Path, plants: list[dict], subset: int) -> dict:
    """All cross-article sentence pairs scored by rapidfuzz (C++ `process.cdist`, one thread),
    on the first `subset` articles, with overlap and MinHashLSH on the same subset."""
    from rapidfuzz import fuzz, process

    base = copies(corpus_dir, plants, subset)
    sents, names = _sentences(corpus_dir)
    keep = set(sorted({names[a] for a, *_ in sents})[:subset])
    sents = [s for s in sents if names[s[0]] in keep]
    plants = [p for p in plants if p["a"]["article"] in keep and p["b"]["article"] in keep]
    targets = [p for p in plants if p["kind"] in ("verbatim", "edited")]
    arts = [names[a] for a, *_ in sents]
    texts = [s[3] for s in sents]
    began = time.perf_counter()
    scores = process.cdist(
        texts, texts, scorer=fuzz.ratio, score_cutoff=80, dtype=np.uint8, workers=1
    )
    i_idx, j_idx = np.nonzero(np.triu(scores, 1))
    seconds = time.perf_counter() - began
    pairs = [(int(i), int(j)) for i, j in zip(i_idx, j_idx, strict=False) if arts[i] != arts[j]]
    found = set()
    reported = set(pairs)
    for p in targets:
        a_rows = [
            i for i, s in enumerate(sents) if arts[i] == p["a"]["article"] and _inside(s, p["a"])
        ]
        b_rows = {
            i for i, s in enumerate(sents) if arts[i] == p["b"]["article"] and _inside(s, p["b"])
        }
        if any((min(i, j), max(i, j)) in reported for i in a_rows for j in b_rows):
            found.add(p["id"])
    base["rows"].append(
        {
            "name": "rapidfuzz cdist all pairs (ratio >= 80)",
            "seconds": seconds,
            "found": len(found),
            "by_kind": {
                k: sum(1 for p in targets if p["kind"] == k and p["id"] in found)
                for k in ("verbatim", "edited")
            },
            "pairs": len(pairs),
        }
    )
    return base


def _inside(sent: tuple, span: dict) -> bool:
    _, start, end, _ = sent
    return start >= span["start"] - 1 and end <= span["end"] + 1


def _minhash_pairs(tokens: list[list[str]], num_perm: int = 128, threshold: float = 0.5):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    hashes = []
    shingles = [[" ".join(t[i : i + 3]).encode("utf-8") for i in range(len(t) - 2)] for t in tokens]
    # bulk: the batched constructor datasketch offers for many sets at once.
    for i, m in enumerate(MinHash.bulk([s or [b""] for s in shingles], num_perm=num_perm)):
        hashes.append(m)
        if shingles[i]:
            lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(hashes):
        if not shingles[i]:
            continue
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


# --------------------------------------------------------------------------- end to end


def e2e_child(corpus_dir: str, plants_path: str, precision: str, cache: str, out: str) -> None:
    """One compare() on a synthetic corpus, in this fresh process; writes timings and recall."""
    began = time.perf_counter()
    extra = {}  # "auto": the defaults
    if precision == "before":  # as before this issue: fp32, torch (and OpenMP) loaded first
        import torch  # noqa: F401

        precision, extra = "fp32", {"paragraph_vectors": "encode"}
    from overlap import Settings, compare
    from overlap.embed import MiniLM

    class Timed:
        """Delegates to `inner`, timing its `method` and counting the items passed to it."""

        def __init__(self, inner, method: str):  # noqa: ANN001 - an Embedder or an NLI
            self.inner, self.method, self.seconds, self.items = inner, method, 0.0, 0
            self.model_id = inner.model_id

        def __getattr__(self, name: str):  # noqa: ANN204
            attr = getattr(self.inner, name)
            if name != self.method:
                return attr

            def timed(batch):  # noqa: ANN001, ANN202
                t = time.perf_counter()
                out = attr(batch)
                self.seconds += time.perf_counter() - t
                self.items += len(batch)
                return out

            return timed

    from overlap.judge import load_nli

    settings = Settings(cache_path=Path(cache), embed_precision=precision, **extra)
    embedder = Timed(MiniLM(settings.batch_size, precision), "encode")
    imported = time.perf_counter()
    model, _ = load_nli()
    nli = Timed(model, "predict") if model is not None else None
    result = compare([corpus_dir], settings, embedder=embedder, nli=nli)
    done = time.perf_counter()
    plants = json.loads(Path(plants_path).read_text(encoding="utf-8"))["plants"]
    by_id = {Path(a.source).stem: a.id for a in result.articles}
    found: dict[int, str] = {}
    for p in plants:
        a, b = by_id.get(p["a"]["article"]), by_id.get(p["b"]["article"])
        for f in result.findings:
            for x, y in ((f.a, f.b), (f.b, f.a)):
                if (
                    x.article == a
                    and y.article == b
                    and x.start < p["a"]["end"]
                    and p["a"]["start"] < x.end
                    and y.start < p["b"]["end"]
                    and p["b"]["start"] < y.end
                ):
                    found[p["id"]] = f.kind.value
    kinds = defaultdict(lambda: [0, 0])
    for p in plants:
        kinds[p["kind"]][0] += 1
        kinds[p["kind"]][1] += p["id"] in found
    nli_models = [m for m in result.models if "nli" in json.dumps(m).lower()]
    Path(out).write_text(
        json.dumps(
            {
                "compare_s": done - imported,
                "process_s": done - began,
                "embed_s": embedder.seconds,
                "nli_s": nli.seconds if nli else 0.0,
                "nli_pairs": nli.items if nli else 0,
                "embedded": result.stats.embedded,
                "passages": result.stats.passages,
                "articles": len(result.articles),
                "chars": sum(len(a.text) for a in result.articles),
                "findings": len(result.findings),
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "plants": dict(kinds),
                "nli_used": bool(nli_models),
                "paragraph_vectors": settings.paragraph_vectors,
                "stages": dict(result.stats.stages),
                "notes": list(result.extra.get("notes", [])),
            }
        ),
        encoding="utf-8",
    )


def e2e(data: Path, n: int, precision: str, seed: int = 13, timeout: float | None = None) -> dict:
    """Build (or reuse) the synthetic corpus of n articles and time one cold compare on it in a
    fresh process."""
    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic import build_corpus

    work = WORK / f"synthetic-n{n}-seed{seed}"
    plants = work / "plants.json"
    if not plants.is_file():
        log(f"  building the {n}-article corpus")
        build_corpus(data, work, n, seed)
    doc = json.loads(plants.read_text(encoding="utf-8"))
    cache = WORK / f"e2e-{n}-{precision}.sqlite"
    cache.unlink(missing_ok=True)
    out = WORK / f"e2e-{n}-{precision}.child.json"
    out.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).parent / "bench_field.py"),
        "--e2e-child",
        str(work / "articles"),
        str(plants),
        precision,
        str(cache),
        str(out),
    ]
    began = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"n": n, "precision": precision, "timeout_s": timeout}
    wall = time.perf_counter() - began
    cache.unlink(missing_ok=True)
    if proc.returncode != 0 or not out.is_file():
        return {"n": n, "precision": precision, "error": proc.stderr[-2000:]}
    res = json.loads(out.read_text(encoding="utf-8"))
    return {
        "n": n,
        "precision": precision,
        "wall_s": wall,
        **res,
        "filler_reused_sentences": doc.get("filler_reused_sentences", 0),
        "filler_relexicalised": doc.get("filler_relexicalised", 0),
        "sentences_placed": sum(1 for spans in doc.get("filler_spans", {}).values() for _ in spans),
        "filler_pool": doc.get("filler_pool"),
    }
