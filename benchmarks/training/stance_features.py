"""Experiment helper (issue 13): per FNC-1 pair, the features a short-claim rule could read, dumped
to JSON so rules can be compared offline without re-running the models.

    python benchmarks/training/stance_features.py --split dev --per-class 50 -o /tmp/feat-dev.json

(the sample the thresholds of overlap/short_claims.py were read from; never --split test)

For each pair: the body's sentences ranked by embedding cosine to the headline; the top few
single sentences and windows of 2-3 adjacent sentences around the top ones; NLI both ways on
each (premise = body passage, hypothesis = headline); and the body sentences that debunk the
headline's subject (overlap/claim_stance.debunks_subject, the closest 3), each read alone and
beside the closest sentence ("debunks": the passages claim_stance.decide reads as debunks).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stance_data import fnc1, stratified  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--per-class", type=int, default=100)
    ap.add_argument("--top", type=int, default=4)
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    from overlap.claim_stance import debunks_subject
    from overlap.embed import MiniLM
    from overlap.models import load_nli
    from overlap.segment import segment
    from overlap.types import Article

    pairs = [p for p in fnc1() if p.split == args.split]
    pc = args.per_class
    sample = stratified(pairs, {"agree": pc, "discuss": pc, "unrelated": pc, "disagree": 2 * pc})
    emb = MiniLM(64, "auto")
    nli, _ = load_nli()
    began = time.perf_counter()
    out = []
    body_cache: dict[str, tuple[list[str], object]] = {}
    for n, p in enumerate(sample, 1):
        if p.group not in body_cache:
            seg = segment(Article("s", "s.md", p.source, "md"))
            sents = [s.text for s in seg.sentences if len(s.text.split()) >= 3]
            body_cache[p.group] = (sents, emb.encode(sents) if sents else None)
        sents, vecs = body_cache[p.group]
        if not sents:
            out.append({"id": p.id, "stance": p.stance, "claim": p.claim, "passages": []})
            continue
        cv = emb.encode([p.claim])[0]
        cos = vecs @ cv
        order = sorted(range(len(sents)), key=lambda i: -cos[i])
        top = order[: args.top]
        units: dict[tuple[int, int], float] = {}
        for i in top:
            units[(i, i + 1)] = float(cos[i])
        for i in top[:2]:
            for lo, hi in ((i - 1, i + 1), (i, i + 2), (i - 1, i + 2)):
                lo, hi = max(0, lo), min(len(sents), hi)
                if hi - lo > 1:
                    units.setdefault((lo, hi), float(cos[i]))
        debunks = [i for i in order if debunks_subject(p.claim, sents[i])][:3]
        texts = []
        keys = []
        for (lo, hi), c in units.items():
            prem = " ".join(sents[lo:hi])
            if len(prem.split()) > 150:
                continue
            keys.append((lo, hi, c))
            texts.append(prem)
        best = order[0]
        debunk_reads = [(i, sents[i]) for i in debunks] + [
            (i, " ".join(sents[j] for j in sorted((i, best)))) for i in debunks if i != best
        ]
        debunk_reads = [(i, t) for i, t in debunk_reads if len(t.split()) <= 100]
        probs = []
        if nli is not None and debunk_reads:
            got = nli.predict([(t, p.claim) for _, t in debunk_reads])
            debunk_out = [
                {
                    "i": i,
                    "cos": round(float(cos[i]), 4),
                    "text": t,
                    "fwd": [round(float(x), 4) for x in g],
                }
                for (i, t), g in zip(debunk_reads, got, strict=True)
            ]
        else:
            debunk_out = []
        if nli is not None and texts:
            batch = [(t, p.claim) for t in texts] + [(p.claim, t) for t in texts]
            lens = nli.pair_lengths(batch)
            ok = [i for i, n_pieces in enumerate(lens) if n_pieces <= nli.max_length]
            got = nli.predict([batch[i] for i in ok]) if ok else []
            res = {i: [round(float(x), 4) for x in r] for i, r in zip(ok, got, strict=True)}
            probs = [(res.get(k), res.get(k + len(texts))) for k in range(len(texts))]
        out.append(
            {
                "id": p.id,
                "stance": p.stance,
                "claim": p.claim,
                "n_sents": len(sents),
                "max_cos": float(cos.max()),
                "cos_sorted": [round(float(cos[i]), 4) for i in order[:6]],
                "debunks": debunk_out,
                "passages": [
                    {"lo": lo, "hi": hi, "cos": round(c, 4), "text": t, "fwd": pr[0], "bwd": pr[1]}
                    for (lo, hi, c), t, pr in zip(keys, texts, probs, strict=True)
                ],
            }
        )
        if n % 25 == 0:
            el = time.perf_counter() - began
            print(f"{n}/{len(sample)} {el:.0f}s", flush=True)
            Path(args.out).write_text(json.dumps(out), encoding="utf-8")
    Path(args.out).write_text(json.dumps(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
