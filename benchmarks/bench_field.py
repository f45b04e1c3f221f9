"""Measure overlap against the field: accuracy on public test splits beside published figures,
and speed against the tools users would pick instead, side by side in one run.

    python benchmarks/bench_field.py                      # everything (about an hour on 2 cores)
    python benchmarks/bench_field.py --parts accuracy     # or: clough, nli, embedding, mining,
                                                          #     copies, e2e (comma-separated)
    python benchmarks/bench_field.py --sizes 100,1000,10000 --data ../shared/data

Each part saves its result under benchmarks/.work/field/ (git-ignored); the section
`## Measured against the field (issue 6)` of reports/benchmarks.md is then redrawn from every
saved part, each with the date and command that produced it; other sections are left as they are.

Thresholds are chosen on train splits only (MRPC train, PAN train); Clough & Stevenson has no
train split, so its rule was fixed in advance (and cross-validated by task, reported apart). No
timing is asserted; the script exits non-zero only when it cannot run (no data at all, or a part
failing with an error).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE / "training"))  # train_nli.detok for the SNLI figures

import field_accuracy as acc  # noqa: E402
import field_speed as speed  # noqa: E402
from field_common import DATA, REPO, Missing, load, log, machine, mrpc, save  # noqa: E402
from field_report import TITLE, render  # noqa: E402
from mdreport import replace_section  # noqa: E402

PARTS = ("accuracy", "clough", "nli", "embedding", "mining", "copies", "e2e")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    p.add_argument("--out", type=Path, default=REPO / "reports" / "benchmarks.md")
    p.add_argument("--parts", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS))
    p.add_argument("--sizes", default="100,1000,10000", help="end-to-end corpus sizes (articles)")
    p.add_argument(
        "--before-sizes",
        default="100,1000",
        help="sizes also run as before this issue (fp32 embeddings, OpenMP spin-waiting)",
    )
    p.add_argument("--e2e-timeout", type=float, default=1800, help="seconds per end-to-end run")
    p.add_argument("--copies-articles", type=int, default=1000)
    p.add_argument("--rapidfuzz-articles", type=int, default=200)
    p.add_argument("--nli-max", type=int, default=None, help="pairs per NLI set (default: all)")
    p.add_argument("--render-only", action="store_true", help="redraw the section, measure nothing")
    p.add_argument("--e2e-child", nargs=5, help=argparse.SUPPRESS)
    p.add_argument("--embedding-child", nargs=5, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.e2e_child:
        speed.e2e_child(*args.e2e_child)
        return 0
    if args.embedding_child:
        speed.embedding_child(*args.embedding_child)
        return 0
    command = "python benchmarks/bench_field.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
    )
    command = command.strip()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        log(f"unknown part(s): {', '.join(unknown)}; choose from: {', '.join(PARTS)}")
        return 2
    if not args.render_only and not args.data.is_dir():
        log(
            f"Error: no data folder at {args.data}. The public sets (STS-B, MRPC, PAN, Clough & "
            "Stevenson, SNLI, SICK) are read from ../shared/data; see its README.md, or pass "
            "--data."
        )
        return 2
    failed = []
    if not args.render_only:
        for part in parts:
            log(f"{part} ...")
            try:
                result = run_part(part, args)
            except Missing as exc:
                log(f"  {part}: data missing ({exc}); the report says so")
                result = {"missing": str(exc)}
            except Exception:  # one failing part must not hide the others' figures
                log(traceback.format_exc())
                failed.append(part)
                continue
            result["_when"] = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
            result["_command"] = command
            result["_machine"] = machine()
            save(part, result)
    saved = {part: load(part) for part in PARTS}
    body = render(saved)
    replace_section(TITLE, body, args.out)
    log(f"wrote the section of {args.out}")
    if failed:
        log(f"parts that failed: {', '.join(failed)}")
        return 1
    return 0


def run_part(part: str, args: argparse.Namespace) -> dict:
    data = args.data
    if part == "accuracy":
        return acc.sentence_sets(data)
    if part == "clough":
        return acc.clough(data)
    if part == "nli":
        return acc.nli(data, args.nli_max)
    if part == "embedding":
        return speed.embedding(data)
    if part == "mining":
        out = speed.mining(data)
        out["index"] = index_recall(data)
        return out
    if part == "copies":
        return copies(args)
    if part == "e2e":
        import os

        # Runs of other sizes saved before are kept: sizes can be measured a few at a time.
        runs = {(r["n"], r["precision"]): r for r in (load("e2e") or {}).get("runs", [])}
        sizes = [int(x) for x in args.sizes.split(",") if x]
        before = {int(x) for x in args.before_sizes.split(",") if x}
        for n in sizes:
            for precision in (["before"] if n in before else []) + ["auto"]:
                log(f"  compare on {n} articles, embeddings {precision}")
                load_before = os.getloadavg()[0]
                r = speed.e2e(data, n, precision, timeout=args.e2e_timeout)
                r["load"] = [load_before, os.getloadavg()[0]]
                r["when"] = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
                log(f"    {r.get('compare_s', r.get('timeout_s', 'error'))}")
                runs[(n, precision)] = r
        return {"runs": [runs[key] for key in sorted(runs, key=lambda k: (k[0], k[1] != "before"))]}
    raise ValueError(part)


def index_recall(data: Path) -> dict:
    """The inverted-file index against the exact search on every MRPC train sentence plus all
    PAN train sentences (already embedded by the accuracy part, else embedded now)."""
    import numpy as np
    from field_common import embed, pan

    texts = []
    for pairs in (mrpc(data, "train"), pan(data, "train")):
        texts += pairs.a + pairs.b
    texts = list(dict.fromkeys(texts))
    vectors = embed(texts, "bf16")
    return speed.index_recall(vectors, np.arange(len(texts)), 0.6)


def copies(args: argparse.Namespace) -> dict:
    import json

    sys.path.insert(0, str(HERE))
    from synthetic import build_corpus

    n = args.copies_articles
    work = speed.WORK / f"synthetic-n{n}-seed13"
    if not (work / "plants.json").is_file():
        build_corpus(args.data, work, n, 13)
    plants = json.loads((work / "plants.json").read_text(encoding="utf-8"))["plants"]
    full = speed.copies(work / "articles", plants)
    small = speed.rapidfuzz_pairs(work / "articles", plants, args.rapidfuzz_articles)
    return {"full": full, "subset": small}


if __name__ == "__main__":
    raise SystemExit(main())
