"""The paraphrase threshold's corpus-level F1 on a synthetic corpus built from TRAIN splits only.

    python benchmarks/training/tune_paraphrase_dev.py [--articles 600] [--data ../shared/data]

Both shipped bars now come from benchmarks/training/tune_thresholds.py: the lowest bars at which
precision on MRPC and PAN dev pairs stays where the two-feature scorer had it (issue 12 item 5).
This script is the corpus-level check of `threshold`: MRPC is two thirds paraphrases while a
real archive has few among many same-topic sentences. It builds a corpus like the benchmark's
(benchmarks/synthetic.py) but plants MRPC *train* and PAN *train* pairs, runs compare once with
a low threshold, and prints the threshold (and minimum sentence length) with the best F1 on the
planted paraphrases; `--write` puts that threshold (the bar of the two-feature scorer) into
models/paraphrase_scorer.json in place of the precision-matched one. Test splits are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

from overlap.config import Settings  # noqa: E402
from overlap.pipeline import compare  # noqa: E402
from overlap.textnorm import word_count  # noqa: E402

SCORER = ROOT / "models" / "paraphrase_scorer.json"


def train_pairs(data: Path) -> tuple[list[tuple], list[tuple], list[tuple], set[str]]:
    """MRPC train positives and negatives, PAN train positives, and their sentence keys."""
    pos, neg, exclude = [], [], set()
    for r in synthetic._tsv(data / synthetic.MRPC_TRAIN)[1:]:
        if len(r) < 5:
            continue
        quality, id1, id2, s1, s2 = r[:5]
        exclude.update((synthetic.norm_key(s1), synthetic.norm_key(s2)))
        item = (f"mrpc-train:{id1}-{id2}", s1.strip(), s2.strip(), (f"mrpc:{id1}", f"mrpc:{id2}"))
        (pos if quality == "1" else neg).append(item)
    base = data / "reuse" / "pan_sentences"
    s1s, s2s, labels = (
        synthetic._lines(base / f"pan-train{x}") for x in ("_s1.txt", "_s2.txt", ".labels")
    )
    pan = []
    for i, (s1, s2, label) in enumerate(zip(s1s, s2s, labels, strict=False)):
        k1, k2 = synthetic.norm_key(s1), synthetic.norm_key(s2)
        exclude.update((k1, k2))
        if label.strip() == "1" and s1.strip() and s2.strip() and k1 != k2:
            pan.append((f"pan-train:{i}", s1.strip(), s2.strip(), (f"pan:{k1}", f"pan:{k2}")))
    exclude.discard("")
    return pos, neg, pan, exclude


def overlaps(span: dict, target: dict) -> bool:
    return min(span["end"], target["end"]) > max(span["start"], target["start"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--write", action="store_true", help="update models/paraphrase_scorer.json")
    args = parser.parse_args()
    if not (args.data / synthetic.MRPC_TRAIN).is_file():
        print(f"missing {args.data / synthetic.MRPC_TRAIN}", file=sys.stderr)
        return 2
    synthetic.load_pairs = train_pairs  # plants from train splits only
    work = args.work / f"dev-train-n{args.articles}"
    corpus = synthetic.build_corpus(args.data, work, args.articles, seed=7)
    plants = json.loads(corpus.plants_path.read_text())["plants"]
    para = [p for p in plants if p["kind"] == "paraphrase"]
    settings = Settings(
        cache_path=work / "cache.sqlite",
        judge=False,
        paraphrase_threshold=0.05,
        paraphrase_threshold_related=0.05,
        min_paraphrase_words=5,
    )
    result = compare([str(corpus.directory)], settings)
    found = []
    for f in result.findings:
        a = {"article": f.a.article, "start": f.a.start, "end": f.a.end}
        b = {"article": f.b.article, "start": f.b.start, "end": f.b.end}
        hits = {
            k
            for k, p in enumerate(para)
            for x, y in ((a, b), (b, a))
            if x["article"] == p["a"]["article"]
            and y["article"] == p["b"]["article"]
            and overlaps(x, p["a"])
            and overlaps(y, p["b"])
        }
        words = min(word_count(f.a.text), word_count(f.b.text))
        found.append((f.kind.value, f.score, words, hits))
    by_copy = set().union(*(h for kind, _, _, h in found if kind != "paraphrase"))
    best = None
    rows = []
    for min_words in (5, 7, 10, 12):
        for t100 in range(5, 100, 1):
            t = t100 / 100
            kept = [
                (s, h)
                for kind, s, w, h in found
                if kind == "paraphrase" and s >= t and w >= min_words
            ]
            if not kept:
                continue
            hit = set().union(*(h for _, h in kept)) | by_copy
            precision = sum(1 for _, h in kept if h) / len(kept)
            recall = len(hit) / len(para)
            f1 = 2 * precision * recall / max(1e-9, precision + recall)
            rows.append((f1, t, min_words, precision, recall, len(kept)))
            if best is None or f1 > best[0]:
                best = (f1, t, min_words, precision, recall, len(kept))
    for row in sorted(rows, reverse=True)[:10]:
        f1, t, w, p, r, n = row
        print(
            f"F1 {f1:.3f} threshold {t:.2f} min_words {w} precision {p:.3f} recall {r:.3f} "
            f"findings {n}"
        )
    if best is None:
        print("no paraphrase findings at all", file=sys.stderr)
        return 1
    f1, t, min_words, precision, recall, n = best
    print(
        f"chosen: threshold {t:.2f}, min_paraphrase_words {min_words} (F1 {f1:.3f}, "
        f"precision {precision:.3f}, recall {recall:.3f} on {len(para)} planted train pairs)"
    )
    if args.write:
        scorer = json.loads(SCORER.read_text())
        scorer.update(
            {
                "threshold": round(t, 2),
                "min_paraphrase_words": min_words,
                "threshold_chosen_on": (
                    f"synthetic corpus of {args.articles} articles with MRPC train "
                    f"+ PAN train plants (seed 7): best F1 {f1:.3f}, precision "
                    f"{precision:.3f}, recall {recall:.3f}"
                ),
                "threshold_command": "python benchmarks/training/tune_paraphrase_dev.py --write",
            }
        )
        SCORER.write_text(json.dumps(scorer, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
