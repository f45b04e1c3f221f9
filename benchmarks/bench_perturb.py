"""Per-kind accuracy of `overlap check` on the perturbation suite (benchmarks/perturb.py): real
news sentences with one rule-made change each, and the class a fact-checker expects.

    python benchmarks/bench_perturb.py [--split dev|test] [--limit N] [--per-kind 130]

Each case is checked on its own (a one-sentence draft against a one-passage source, as two
files), with the embedder and the NLI model loaded once for the whole run, so a case cannot pick
up evidence from another case's source. Results go to benchmarks/.work/perturb-<split>.json and
the `## Perturbation suite (issue 13)` section of reports/benchmarks.md, which shows every split
measured so far. Tune on dev; run test once. On a shared machine set OMP_NUM_THREADS=1: torch's
thread pool fighting the other processes made a case take 3 s instead of 0.4 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from mdreport import machine, replace_section  # noqa: E402
from news_sentences import available  # noqa: E402
from perturb import KINDS, Case, build  # noqa: E402

WORK = ROOT / "benchmarks" / ".work"
SECTION = "Perturbation suite (issue 13)"
CLASSES = ["misquoted", "contradicted", "copied", "quoted", "supported", "unsupported"]
_PAPERS = {"guardian": "The Guardian", "times": "The Times", "telegraph": "The Daily Telegraph",
           "mirror": "Daily Mirror", "sun": "The Sun", "star": "Daily Star", "mail": "Daily Mail",
           "express": "Daily Express", "independent": "The Independent", "ft": "Financial Times",
           "morningstar": "Morning Star"}


def outlet(article: str) -> str:
    if article.startswith("reuters/"):
        return "Reuters"
    if article.startswith("bbc/"):
        return "BBC News"
    if "/PA/" in article:
        return "Press Association"
    paper = article.rsplit("_", 1)[-1].lower()
    return _PAPERS.get(paper, paper.title())


def _md(title: str, who: str, date: str | None, text: str) -> str:
    lines = ["---", f'title: "{title}"', f'outlet: "{who}"']
    if date:
        lines.append(f"date: {date}")
    return "\n".join([*lines, "---", text, ""])


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "overlap"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
        return head + (" + uncommitted changes in overlap/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_cases(cases: list[Case], progress_every: int = 50) -> list[dict]:
    from overlap.draft import check
    from overlap.config import Settings
    from overlap.embed import MiniLM
    from overlap.judge import load_nli

    WORK.mkdir(parents=True, exist_ok=True)
    settings = Settings(cache_path=WORK / "perturb-cache.sqlite")
    embedder = MiniLM(settings.batch_size, settings.embed_precision)
    nli, why = load_nli()
    if nli is None:
        print(f"warning: no NLI model ({why}); judging without it", file=sys.stderr)
    out = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, case in enumerate(cases, 1):
            d = Path(tmp) / case.id
            d.mkdir()
            src = d / "source.md"
            src.write_text(_md("Source article", outlet(case.article), case.date, case.source),
                           encoding="utf-8")
            draft = d / "draft.md"
            draft.write_text(_md("Draft", "Draft desk", case.date, case.claim), encoding="utf-8")
            t0 = time.perf_counter()
            try:
                r = check(str(draft), [str(src)], settings, embedder=embedder, nli=nli)
                sents = r.sentences
                # one claim, but the draft may split it; the most serious class wins
                order = {c: i for i, c in enumerate(CLASSES)}
                worst = sorted(sents, key=lambda s: order[s.cls.value])
                got = worst[0].cls.value if worst else "none"
                reasons = [f"{x.relation}: {'; '.join(x.reasons)}" for s in worst
                           for x in s.links][:4]
                error = None
            except Exception as exc:  # noqa: BLE001 - a crash is a result to report, not a stop
                got, reasons, error = "error", [], f"{type(exc).__name__}: {exc}"
            out.append({**case.__dict__, "accept": list(case.accept), "got": got,
                        "ok": got in case.accept, "reasons": reasons, "error": error,
                        "seconds": time.perf_counter() - t0})
            if n % progress_every == 0:
                el = time.perf_counter() - began
                acc = sum(x["ok"] for x in out) / len(out)
                print(f"{n}/{len(cases)} cases, {el:.0f} s ({el / n:.2f} s/case), "
                      f"accuracy so far {acc:.1%}", flush=True)
    return out


def summary(rows: list[dict]) -> dict:
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_kind[r["kind"]].append(r)
    kinds = {}
    for kind in KINDS:
        rs = by_kind.get(kind, [])
        if not rs:
            continue
        kinds[kind] = {"n": len(rs), "ok": sum(r["ok"] for r in rs),
                       "confusion": dict(Counter(r["got"] for r in rs))}
    return kinds


def error_patterns(rows: list[dict], top: int = 10) -> list[tuple[str, str, int, dict]]:
    wrong: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in rows:
        if not r["ok"]:
            wrong[(r["kind"], r["got"])].append(r)
    ranked = sorted(wrong.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return [(k, g, len(rs), rs[0]) for (k, g), rs in ranked]


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= n else text[:n - 1] + "…"


def render(results: dict[str, dict]) -> str:
    parts = ["Cases: real sentences of `../shared/data/news` (Reuters-21578, BBC, METER courts) "
             "with one rule-made change each (`benchmarks/perturb.py`, fixed seed; a rule fires "
             "only where the sentence has its slot; swapped names are other names of the same "
             "type found in the corpus). Each claim is checked alone against its source passage "
             "(the sentence and its neighbours). Split by a stable hash of the source article "
             "id. *Expected* is the class a fact-checker wants; *also* lists classes that count "
             "as right too. Goals (issue 13): at least 95 % on the mechanical kinds (M), at least "
             "85 % on the others.\n",
             "Known limits of the suite (found on dev, not yet fixed): a slot rule skips words "
             "inside a quote only when the quote closes in the same sentence, so some changes "
             "land inside a quote that opened in an earlier sentence; there *misquoted* is as "
             "right as *contradicted* but is counted wrong (most of the negation removed -> "
             "misquoted row). Swapped names come from speech-verb patterns, and a few are not "
             "people (a judged error can then be the suite's). The quote truncated kind "
             "expects *quoted*; the product's documented rule that a shorter quote is not a "
             "misquote is what it measures.\n"]
    for split in ("dev", "test"):
        res = results.get(split)
        if not res:
            continue
        rows = res["rows"]
        kinds = summary(rows)
        ok = sum(r["ok"] for r in rows)
        mech = [r for r in rows if r["mechanical"]]
        other = [r for r in rows if not r["mechanical"]]
        parts.append(f"### {split} ({len(rows)} cases)\n")
        parts.append(f"Measured {res['date']} at commit {res['commit']}, on {res['machine']}; "
                     f"command `{res['command']}`; {res['seconds']:.0f} s "
                     f"({res['seconds'] / max(1, len(rows)):.2f} s a case).\n")
        parts.append(f"Overall {ok}/{len(rows)} = {ok / max(1, len(rows)):.1%}; mechanical kinds "
                     f"{sum(r['ok'] for r in mech) / max(1, len(mech)):.1%} (goal 95 %), others "
                     f"{sum(r['ok'] for r in other) / max(1, len(other)):.1%} (goal 85 %).\n")
        head = "| kind | M | expected (also) | n | accuracy | goal | " + " | ".join(
            CLASSES) + " | other |"
        table = [head, "|---|---|---|---:|---:|---|" + "---:|" * (len(CLASSES) + 1)]
        for kind, k in kinds.items():
            expected, also, mechanical = KINDS[kind]
            goal = 0.95 if mechanical else 0.85
            acc = k["ok"] / k["n"]
            conf = k["confusion"]
            rest = sum(v for c, v in conf.items() if c not in CLASSES)
            exp = expected + (f" ({', '.join(also)})" if also else "")
            table.append(f"| {kind} | {'M' if mechanical else ''} | {exp} | {k['n']} | "
                         f"{acc:.0%} | {'met' if acc >= goal else 'not met'} | "
                         + " | ".join(str(conf.get(c, 0)) for c in CLASSES) + f" | {rest} |")
        parts.append("\n".join(table) + "\n")
        if split == "dev":
            parts.append("Most common errors on dev (kind -> predicted class, one example each):"
                         "\n")
            lines = []
            for i, (kind, got, n, ex) in enumerate(error_patterns(rows), 1):
                why = _short(ex["reasons"][0], 140) if ex["reasons"] else (
                    _short(ex["error"] or "no source link", 140))
                lines.append(f"{i}. **{kind} -> {got}** ({n}): {ex['change']}. Claim: "
                             f"\"{_short(ex['claim'])}\" Reason given: {why}")
            parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--limit", type=int, default=0, help="at most this many cases (0: all)")
    parser.add_argument("--per-kind", type=int, default=130,
                        help="cases built per kind, both splits together")
    parser.add_argument("--no-report", action="store_true", help="print only")
    args = parser.parse_args()
    if not available():
        print("missing ../shared/data/news (Reuters-21578, BBC): nothing to measure",
              file=sys.stderr)
        return 2
    cases = [c for c in build(args.per_kind) if c.split == args.split]
    if args.limit:
        # a limit keeps every kind: take cases round-robin over kinds
        by_kind: dict[str, list[Case]] = defaultdict(list)
        for c in cases:
            by_kind[c.kind].append(c)
        cases, i = [], 0
        while len(cases) < args.limit and any(i < len(v) for v in by_kind.values()):
            cases += [v[i] for v in by_kind.values() if i < len(v)]
            i += 1
        cases = cases[:args.limit]
    print(f"{len(cases)} {args.split} cases over {len({c.kind for c in cases})} kinds", flush=True)
    began = time.perf_counter()
    rows = run_cases(cases)
    seconds = time.perf_counter() - began
    threads = os.environ.get("OMP_NUM_THREADS")
    command = (f"OMP_NUM_THREADS={threads} " if threads else "") + \
        "python benchmarks/bench_perturb.py --split " + args.split + (
        f" --limit {args.limit}" if args.limit else "") + (
        f" --per-kind {args.per_kind}" if args.per_kind != 130 else "")
    res = {"rows": rows, "seconds": seconds, "date": time.strftime("%Y-%m-%d %H:%M"),
           "commit": commit(), "machine": machine(), "command": command}
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"perturb-{args.split}.json").write_text(json.dumps(res), encoding="utf-8")
    for kind, k in summary(rows).items():
        print(f"{kind:22s} {k['ok']:4d}/{k['n']:<4d} {k['ok'] / k['n']:6.1%}  {k['confusion']}")
    for kind, got, n, ex in error_patterns(rows):
        print(f"{n:4d}  {kind} -> {got}: {ex['change']} | {_short(ex['claim'], 120)}")
    if not args.no_report:
        results = {}
        for split in ("dev", "test"):
            path = WORK / f"perturb-{split}.json"
            if path.exists():
                results[split] = json.loads(path.read_text(encoding="utf-8"))
        replace_section(SECTION, render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
