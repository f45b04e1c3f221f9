"""METER fast path for rewrite detection (issue 12 item 2): embed every METER courts sentence once,
then try sentence-alignment rules over the stored copy spans in seconds.

    python benchmarks/meter_rewrite.py prepare [--base abl_clause_all]   # segment + embed, cached
    python benchmarks/meter_rewrite.py eval    [--split dev|test|all]

`prepare` reads each story's PA files and newspaper articles with overlap's own reader and
segmenter, embeds all their sentences with overlap's embedder (the run's cache first) and writes
benchmarks/.work/meter/rewrite_prep.pkl. `eval` aligns each newspaper sentence with its best PA
sentence (or two adjacent PA sentences), labels sentences reused from the annotations, and
reports the benchmark's measures with the copy spans of `--base` plus the accepted sentences.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import meter  # noqa: E402  (the METER stories, run files and their scores)
from meter import default_root, load_stories  # noqa: E402

PREP = meter.WORK / "rewrite_prep.pkl"
CLAUSE = None  # rewrite.ClauseBars to try (None: the product's)
RUNS: dict | None = {}  # shared_runs keyword arguments to try ({}: the product's; None: off)


def prepare(base: str) -> None:
    from overlap.cache import EmbeddingStore, text_key
    from overlap.chrome import find_chrome
    from overlap.config import load_settings
    from overlap.embed import MiniLM, embed_texts
    from overlap.ingest import read_articles
    from overlap.segment import segment

    s = load_settings(None, judge=False, cache_path=None)
    stories = {x.key: x for x in load_stories(default_root())}
    out = []
    texts: list[str] = []
    for rec in sorted(meter.load_run(base), key=lambda r: r["story"]):
        pa_paths = [str(p) for p in stories[rec["story"]].pa]
        inputs = pa_paths + [p["path"] for p in rec["papers"]]
        articles, _ = read_articles(inputs, s.encoding, None, False, s.encoding_force)
        chrome = find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
        segs = {a.source: segment(a, chrome[a.id]) for a in articles}

        def sents(path, segs=segs):
            seg = segs.get(path)
            if seg is None:
                return None
            rows = []
            for x in seg.sentences:
                rows.append((x.start, x.end, x.text, x.paragraph, len(texts)))
                texts.append(x.text)
            return {"text": seg.article.text, "sentences": rows}

        out.append(
            {
                "story": rec["story"],
                "pa": [sents(p) for p in pa_paths],
                "papers": [sents(p["path"]) for p in rec["papers"]],
            }
        )
    from overlap.textnorm import word_count

    with (meter.WORK / "rewrite_sents.pkl").open("wb") as fh:
        pickle.dump({"stories": out, "texts": texts}, fh)
    wanted = sorted({t for t in texts if word_count(t) >= 4})
    store = EmbeddingStore(meter.WORK / "cache.sqlite")
    emb = MiniLM(s.batch_size, s.embed_precision)
    known = store.get_many(emb.model_id, [text_key(t) for t in wanted], emb.dim, unit=True)
    print(
        f"{len(texts)} sentences, {len(wanted)} distinct of 4+ words, {len(known)} cached",
        flush=True,
    )
    table = {}
    for i in range(0, len(wanted), 1000):  # stored as it goes: a killed run resumes
        part = wanted[i : i + 1000]
        vecs, fresh, cached = embed_texts(emb, part, store)
        table.update(zip(part, vecs, strict=True))
        print(f"{i + len(part)}/{len(wanted)} ({fresh} embedded)", flush=True)
    store.close()
    vecs = np.stack([table.get(t, np.zeros(emb.dim, np.float32)) for t in texts])
    with PREP.open("wb") as fh:
        pickle.dump({"stories": out, "vectors": vecs}, fh)


# --------------------------------------------------------------------------- eval


def load_prep():
    """The segmented stories and a vector per sentence from the embedding cache (zeros where
    `prepare` has not embedded it yet)."""
    from overlap.cache import EmbeddingStore, text_key

    with (meter.WORK / "rewrite_sents.pkl").open("rb") as fh:
        prep = pickle.load(fh)
    store = EmbeddingStore(meter.WORK / "cache.sqlite")
    model = "sentence-transformers/all-MiniLM-L6-v2@sha256:53aa51172d142c89+bf16w"
    keys = [text_key(t) for t in prep["texts"]]
    known = store.get_many(model, sorted(set(keys)), 384, unit=True)
    store.close()
    zero = np.zeros(384, np.float32)
    prep["vectors"] = np.stack([known.get(k, zero) for k in keys])
    prep["has_vector"] = np.array([k in known for k in keys])
    return prep


def sentence_rows(prep, base_records, min_words=4):
    """One feature row per newspaper sentence: its best PA sentence (and adjacent pair)."""
    from rapidfuzz import fuzz

    from overlap.paraphrase import Rarity, content_words
    from overlap.textnorm import folded_words, word_count

    V = prep["vectors"]
    HV = prep["has_vector"]
    recs = {r["story"]: r for r in base_records}
    rows = []

    def bigrams(text):
        w = folded_words(text)
        return set(zip(w, w[1:], strict=False))

    for st in prep["stories"]:
        rec = recs.get(st["story"])
        if rec is None:
            continue
        pa_sents = [(f, x) for f, pa in enumerate(st["pa"]) if pa for x in pa["sentences"]]
        all_texts = [x[2] for _, x in pa_sents] + [
            x[2] for p in st["papers"] if p for x in p["sentences"]
        ]
        rarity = Rarity(all_texts)
        if pa_sents:
            PV = V[[x[4] for _, x in pa_sents]]
            pcw = [content_words(x[2]) for _, x in pa_sents]
            pbg = [bigrams(x[2]) for _, x in pa_sents]
            pa_all = set().union(*pcw)
        for pi, (paper, prec) in enumerate(zip(st["papers"], rec["papers"], strict=True)):
            if paper is None or not prec["read"]:
                continue
            assert paper["text"] == prec["text"], st["story"]
            cover = np.zeros(len(paper["text"]), bool)
            for _, a, b, _ in prec["spans"]:
                cover[a:b] = True
            for a, b, text, _para, r in paper["sentences"]:
                wc = word_count(text)
                row = {
                    "story": st["story"],
                    "paper": pi,
                    "start": a,
                    "end": b,
                    "words": wc,
                    "label": prec["label"],
                    "has_vector": bool(HV[r]),
                    "covered": float(cover[a:b].mean()) if b > a else 0,
                }
                cw = content_words(text)
                bg = bigrams(text)
                wsum = sum(map(rarity, cw)) or 1e-9
                row.update(
                    cos1=0,
                    c1=0,
                    cos2=0,
                    c2=0,
                    tsr=0,
                    cmax=0,
                    bg=0,
                    bg2=0,
                    call=0,
                    cosc=0,
                    nshared=0,
                )
                if not pa_sents or wc < min_words or not cw:
                    rows.append(row)
                    continue
                cos = PV @ V[r]
                cont = np.array([sum(map(rarity, cw & pc)) / wsum for pc in pcw])
                bgc = np.array([len(bg & pb) / max(len(bg), 1) for pb in pbg])
                j = int(np.argmax(cos)) if HV[r] else int(np.argmax(cont + bgc))
                jc = int(np.argmax(cont + bgc))
                row["cos1"] = float(cos[j])
                row["c1"] = float(cont[j])
                row["cmax"] = float(cont[jc])
                row["bg"] = float(bgc[jc])
                row["cosc"] = float(cos[jc])
                row["nshared"] = len(cw & pcw[jc])
                row["call"] = sum(map(rarity, cw & pa_all)) / wsum
                row["tsr"] = fuzz.token_set_ratio(text, pa_sents[jc][1][2]) / 100
                # the best adjacent pair (a summary sentence drawing on two wire sentences)
                best2 = (row["cmax"], row["bg"], row["cosc"])
                row["shared"] = cw & pcw[jc]
                for jj in {j, jc}:
                    for k in (jj - 1, jj + 1):
                        if 0 <= k < len(pa_sents) and pa_sents[k][0] == pa_sents[jj][0]:
                            c2 = sum(map(rarity, cw & (pcw[jj] | pcw[k]))) / wsum
                            b2 = len(bg & (pbg[jj] | pbg[k])) / max(len(bg), 1)
                            v = PV[jj] + PV[k]
                            c2cos = float(v @ V[r] / (np.linalg.norm(v) or 1))
                            if c2 + b2 > best2[0] + best2[1]:
                                best2 = (c2, b2, c2cos)
                                row["shared"] = cw & (pcw[jj] | pcw[k])
                row["c2"], row["bg2"], row["cos2"] = best2
                rows.append(row)
    return rows


def gold_sentences(base_records, rows):
    """Per row: share of its mapped non-space characters annotated Verbatim or Rewrite (None when
    the article has no annotation; 0 for a non-derived article)."""
    tags_by = {}
    for rec in base_records:
        for pi, p in enumerate(rec["papers"]):
            if p.get("annotation") and p["read"]:
                tags_by[(rec["story"], pi)] = meter.gold_tags(p["text"], Path(p["annotation"]))
    for row in rows:
        tags = tags_by.get((row["story"], row["paper"]))
        if tags is None:
            row["gold"] = 0.0 if row["label"] == "non" else None
            continue
        seg = [t for t in tags[row["start"] : row["end"]] if t is not None]
        row["gold"] = (sum(t in ("verbatim", "rewrite") for t in seg) / len(seg)) if seg else None
    return rows


FEATURES = ("cos1", "c1", "cos2", "c2", "tsr", "cmax", "bg", "bg2", "call", "cosc")
LEXICAL = ("c2", "tsr", "cmax", "bg", "bg2", "call")


def features(rows, names=FEATURES):
    X = np.array([[r[k] for k in names] for r in rows], float)
    return np.c_[X, np.log1p([r["words"] for r in rows])]


def sentence_probs(rows, split_rows_mask, names=FEATURES, gold_min=0.5, folds=5):
    """Out-of-fold probability that each row is reused (GroupKFold over stories; a logistic
    model fitted on the training folds' labelled rows)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    X = features(rows, names)
    groups = np.array([r["story"] for r in rows])
    probs = np.zeros(len(rows))
    labelled = np.array([r["gold"] is not None and r["words"] >= 4 for r in rows])
    y = np.array([(r["gold"] or 0) >= gold_min for r in rows])
    models = []
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        tr = tr[labelled[tr]]
        m = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr], y[tr])
        models.append(m)
        probs[te] = m.predict_proba(X[te])[:, 1]
    probs[np.array([r["words"] < 4 for r in rows])] = 0
    return probs, models


def trimmed(text, a, b, shared):
    """(a, b) narrowed to run from the first to the last word of `shared` in it."""
    import re

    from overlap.textnorm import fold

    hits = [
        (a + m.start(), a + m.end())
        for m in re.finditer(r"\w[\w'’-]*", text[a:b])
        if fold(m.group()) in shared
    ]
    return (hits[0][0], hits[-1][1]) if hits else (a, b)


def with_rewrites(base_records, rows, probs, t, kind="paraphrase", trim=False):
    import copy

    recs = copy.deepcopy(base_records)
    by = {r["story"]: r for r in recs}
    for row, p in zip(rows, probs, strict=True):
        if p >= t:
            paper = by[row["story"]]["papers"][row["paper"]]
            a, b = row["start"], row["end"]
            if trim and row.get("shared"):
                a, b = trimmed(paper["text"], a, b, row["shared"])
            paper["spans"].append([kind, a, b, "pa"])
    return recs


def measures(recs):
    from sklearn.metrics import roc_auc_score

    arows = meter.article_rows(recs)
    auc = roc_auc_score([r["label"] != "non" for r in arows], [r["shares"].total for r in arows])
    f1, _, fitted = meter.cross_validate(arows, "share")  # it tunes the spans
    sp = meter.span_scores(recs)
    return {
        "auc": auc,
        "f1": f1,
        "P": sp["precision"],
        "Rv": sp["verbatim_recall"],
        "Rr": sp["rewrite_recall"],
        "new": sp["new_flagged"],
        "th": fitted,
    }


def fmt(m):
    return (
        f"AUC {m['auc']:.3f} F1 {m['f1']:.3f} P {m['P']:.3f} Rv {m['Rv']:.3f} "
        f"Rr {m['Rr']:.3f} new {m['new']:.3f}"
    )


def evaluate(base: str, split: str) -> None:
    import time

    t0 = time.time()
    prep = load_prep()
    base_records = [
        r
        for r in sorted(meter.load_run(base), key=lambda r: r["story"])
        if meter.in_split(r["story"], split)
    ]
    rows = gold_sentences(base_records, sentence_rows(prep, base_records))
    print(f"{len(rows)} sentences, {time.time() - t0:.0f} s")
    with (meter.WORK / f"rewrite_rows_{split}.pkl").open("wb") as fh:
        pickle.dump(rows, fh)
    print("base:", fmt(measures(base_records)))
    names = FEATURES if "--lexical" not in sys.argv else LEXICAL
    probs, _ = sentence_probs(rows, None, names)
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        print(f"t={t}:", fmt(measures(with_rewrites(base_records, rows, probs, t))))
        print(f"t={t} trim:", fmt(measures(with_rewrites(base_records, rows, probs, t, trim=True))))


def product(
    base: str, split: str, containment: float, bigrams: float, reverse: float = 0.3
) -> list[dict]:
    """The product's rule (overlap/rewrite.py) over each story, its spans added to `base`'s
    (each PA file paired with each article; `base`'s spans stand for the findings already
    there): close to what a full `run` would add, which is the measurement to report."""
    import copy
    from types import SimpleNamespace

    from overlap.chrome import find_chrome
    from overlap.config import load_settings
    from overlap.ingest import read_articles
    from overlap.rewrite import rewritten_sentences
    from overlap.segment import segment
    from overlap.shared_runs import shared_runs
    from overlap.types import Span

    s = load_settings(None, judge=False, cache_path=None)
    stories = {x.key: x for x in load_stories(default_root())}
    out = []
    for rec in sorted(meter.load_run(base), key=lambda r: r["story"]):
        if not meter.in_split(rec["story"], split):
            continue
        rec = copy.deepcopy(rec)
        pa_paths = [str(p) for p in stories[rec["story"]].pa]
        inputs = pa_paths + [p["path"] for p in rec["papers"]]
        articles, _ = read_articles(inputs, s.encoding, None, False, s.encoding_force)
        chrome = find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
        segs = [segment(a, chrome[a.id]) for a in articles]
        index = {seg.article.source: ai for ai, seg in enumerate(segs)}
        pa = [index[p] for p in pa_paths if p in index]
        pairs, found = [], {}
        for p in rec["papers"]:
            if p["path"] not in index:
                continue
            bj = index[p["path"]]
            art = segs[bj].article.id
            for ai in pa:
                pairs.append((ai, bj))
                found[(ai, bj)] = [
                    SimpleNamespace(a=Span(segs[ai].article.id, 0, 0, ""), b=Span(art, a, b, ""))
                    for _, a, b, _ in p["spans"]
                ]
        new = rewritten_sentences(
            segs,
            pairs,
            found,
            set(),
            min_containment=containment,
            min_bigrams=bigrams,
            min_reverse=reverse,
            clause=CLAUSE,
        )
        if RUNS is not None:
            # as in pipeline.align_stage: the runs left outside the copies and rewrites
            for ai, bj in pairs:
                ids = {segs[ai].article.id, segs[bj].article.id}
                found[(ai, bj)] += [f for f in new if {f.a.article, f.b.article} == ids]
            new += shared_runs(segs, pairs, found, set(), **RUNS)
        pa_ids = {segs[ai].article.id for ai in pa}
        for p in rec["papers"]:
            if p["path"] not in index:
                continue
            art = segs[index[p["path"]]].article.id
            for f in new:
                for mine, other in ((f.b, f.a), (f.a, f.b)):
                    if mine.article == art and other.article in pa_ids:
                        p["spans"].append([f.kind.value, mine.start, mine.end, other.article])
        out.append(rec)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=["prepare", "eval", "product"])
    ap.add_argument("--containment", type=float, default=0.4)
    ap.add_argument("--bigrams", type=float, default=0.2)
    ap.add_argument("--reverse", type=float, default=0.3)
    ap.add_argument("--base", default="abl_clause_all")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--lexical", action="store_true")
    a = ap.parse_args()
    if a.step == "prepare":
        prepare(a.base)
    elif a.step == "product":
        base_recs = [
            r
            for r in sorted(meter.load_run(a.base), key=lambda r: r["story"])
            if meter.in_split(r["story"], a.split)
        ]
        print("base:   ", fmt(measures(base_recs)))
        print(
            "product:",
            fmt(m := measures(product(a.base, a.split, a.containment, a.bigrams, a.reverse))),
        )
        print("fold thresholds:", m["th"])
    else:
        evaluate(a.base, a.split)
