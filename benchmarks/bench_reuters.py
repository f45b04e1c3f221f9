"""Benchmark overlap's copy detection on Reuters-21578 (real 1987 wire, many reissued stories),
beside datasketch MinHash LSH, the tool a user would otherwise pick.

    python benchmarks/bench_reuters.py [--articles N] [--seed 12] [--out reports/benchmarks.md]

1. reads the SGML (benchmarks/reuters.py) and writes the stories that have a body as overlap's
   JSONL input under benchmarks/.work/reuters/ (git-ignored: the data stays out of the repo);
   `--articles N` takes the first N bodies by NEWID (reissues sit close together);
2. ground truth for exact duplicates: bodies equal after whitespace normalisation (560 bodies in
   279 groups over all 19,043);
3. `overlap.compare` with judge=False and a fresh cache, in a fresh process (its own peak RSS),
   then MinHash LSH (128 permutations, word 5-gram shingles, Jaccard bar 0.5) in another;
4. exact duplicates: a pair of a group is found when overlap reports a verbatim finding between
   the two; extra verbatim pairs are the others;
5. near-duplicates: article pairs with an edited or paraphrase finding that are not exact
   duplicates. A seeded sample of 100 is written (texts included) to the work folder for
   labelling by hand; the labels (NEWID pair, label, note; no text) are kept in
   benchmarks/labels/reuters_near_duplicates.csv and give the precision (Wilson 95 % interval).

It only measures; it writes the `## Reuters-21578 duplicates (issue 12)` section.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mdreport import machine, replace_section  # noqa: E402
from reuters import REUTERS, exact_groups, read_reuters, with_body, write_jsonl  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from overlap.near_duplicates import NEAR_SHARE as NEAR_BAR  # noqa: E402
from overlap.near_duplicates import STOCK_MIN_VARIANTS as STOCK_VARIANTS  # noqa: E402
from overlap.near_duplicates import STOCK_SHINGLE as STOCK_WORDS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TITLE = "Reuters-21578 duplicates (issue 12)"
LABELS = REPO / "benchmarks" / "labels" / "reuters_near_duplicates.csv"
# Hand labels on a sample of the pairs the product's pair decision calls near-duplicates.
DECISION_LABELS = REPO / "benchmarks" / "labels" / "reuters_pair_decision.csv"
SAMPLE = 100
SHINGLE = 5
NUM_PERM = 128
LSH_BAR = 0.5


# --------------------------------------------------------------------------- children


def copy_stages(inputs: str, s):
    """The library's copy stages only (read, segment, copy candidates, align): no embedding, so
    no paraphrases; what `compare` does before and after its embedding stage."""
    from types import SimpleNamespace

    from overlap.align import align_across, align_repeats, sentences_under
    from overlap.candidates import copy_candidates
    from overlap.chrome import find_chrome
    from overlap.ingest import read_articles
    from overlap.near_duplicates import pair_duplication
    from overlap.segment import segment

    laps = {}
    t = time.perf_counter()
    articles, skipped = read_articles([inputs], s.encoding, None, s.recursive, s.encoding_force)
    chrome = find_chrome(articles, s.recurring_line_min_articles, s.recurring_line_max_words)
    segs = [segment(a, chrome[a.id]) for a in articles]
    laps["read and segment"], t = time.perf_counter() - t, time.perf_counter()
    copies = copy_candidates(segs, s)
    repeats = align_repeats(segs, copies.within, s.min_copy_words, s.edited_min_similarity)
    hidden = sentences_under(segs, [f.b for f in repeats])
    laps["copy index"], t = time.perf_counter() - t, time.perf_counter()
    findings = repeats + align_across(
        segs,
        copies.across,
        {},
        hidden,
        s.min_copy_words,
        s.edited_min_similarity,
        s.min_paraphrase_words,
    )
    laps["align"], t = time.perf_counter() - t, time.perf_counter()
    duplication = pair_duplication(segs, findings)
    laps["pair decision"] = time.perf_counter() - t
    return SimpleNamespace(
        articles=articles,
        skipped=skipped,
        segmented=segs,
        findings=findings,
        pair_duplication=duplication,
        stats=SimpleNamespace(stages=laps),
    )


def child_overlap(inputs: str, out: str, stages: str = "all") -> None:
    """compare() with judging off and a fresh cache (or only its copy stages); findings as
    article pairs and spans."""
    began = time.perf_counter()
    from overlap.config import Settings
    from overlap.pipeline import compare

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(cache_path=Path(tmp) / "cache.sqlite", judge=False)
        imported = time.perf_counter()
        run = copy_stages if stages == "copy" else (lambda i, st: compare([i], st))
        result = run(inputs, settings)
        done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    payload = {
        "import_s": imported - began,
        "seconds": done - imported,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
        "articles": len(result.articles),
        "skipped": [[s.source, s.reason] for s in result.skipped],
        "sentences": sum(len(s.sentences) for s in result.segmented),
        "stages": result.stats.stages if result.stats else {},
        "notes": sorted({n for a in result.articles for n in a.notes}),
        "findings": [
            [
                str(f.kind),
                f.a.article,
                f.a.start,
                f.a.end,
                f.b.article,
                f.b.start,
                f.b.end,
                round(f.score, 3),
            ]
            for f in result.findings
        ],
        # The product's decision per article pair (overlap/near_duplicates.py).
        "pairs": [
            [
                p.a,
                p.b,
                p.shorter,
                p.words,
                p.share_matched,
                p.share_stock,
                p.share_distinctive,
                str(p.label),
            ]
            for p in result.pair_duplication
        ],
    }
    Path(out).write_text(json.dumps(payload), encoding="utf-8")


_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _TOKEN.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def child_minhash(inputs: str, out: str) -> None:
    """MinHash LSH over word 5-gram shingles: candidate pairs, kept at exact Jaccard >= 0.5."""
    began = time.perf_counter()
    from datasketch import MinHash, MinHashLSH

    rows = [json.loads(line) for line in Path(inputs).read_text(encoding="utf-8").splitlines()]
    sets = {r["id"]: shingles(r["text"]) for r in rows}
    lsh = MinHashLSH(threshold=LSH_BAR, num_perm=NUM_PERM)
    hashes = {}
    for ident, sh in sets.items():
        if not sh:
            continue  # under five words: nothing to shingle
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(s.encode("utf-8") for s in sh)
        hashes[ident] = m
        lsh.insert(ident, m)
    candidates = {
        tuple(sorted((ident, other)))
        for ident, m in hashes.items()
        for other in lsh.query(m)
        if other != ident
    }
    indexed = time.perf_counter()
    pairs = []
    for a, b in sorted(candidates):
        jac = len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        if jac >= LSH_BAR:
            pairs.append([a, b, round(jac, 4)])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    payload = {
        "seconds": time.perf_counter() - began,
        "index_s": indexed - began,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
        "hashed": len(hashes),
        "candidates": len(candidates),
        "pairs": pairs,
    }
    Path(out).write_text(json.dumps(payload), encoding="utf-8")


def run_child(which: str, inputs: Path, stages: str = "all") -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        f"--child-{which}",
        str(inputs),
        "--child-out",
        str(out),
        "--stages",
        stages,
    ]
    log(f"{which} on {inputs}")
    began = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        out.unlink(missing_ok=True)
        fail(f"{which} failed (exit {proc.returncode}):\n" + proc.stderr[-3000:])
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    data["process_s"] = time.perf_counter() - began
    log(f"{which}: {data['seconds']:.1f} s, {data['rss_mib']:.0f} MiB peak RSS")
    return data


# --------------------------------------------------------------------------- evaluation


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def newid(article: str) -> int:
    return int(article.rsplit("-", 1)[1])


def pair_key(a: str, b: str) -> tuple[int, int]:
    x, y = newid(a), newid(b)
    return (x, y) if x < y else (y, x)


def by_pair(findings: list[list]) -> dict[tuple[int, int], dict]:
    """Article pair -> kinds found and the character spans on each side."""
    pairs: dict[tuple[int, int], dict] = {}
    for kind, a, a0, a1, b, b0, b1, _score in findings:
        if a == b:
            continue  # a repeat inside one article
        key = pair_key(a, b)
        row = pairs.setdefault(key, {"kinds": Counter(), "spans": defaultdict(list)})
        row["kinds"][kind] += 1
        row["spans"][newid(a)].append((a0, a1))
        row["spans"][newid(b)].append((b0, b1))
    return pairs


def covered(spans: list[tuple[int, int]], text: str) -> float:
    """Share of the text's non-space characters inside the union of spans."""
    mask = bytearray(len(text))
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]
    return sum(mask[i] for i in solid) / max(1, len(solid))


def read_labels(path: Path) -> dict[tuple[int, int], tuple[str, str]]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            (int(r["newid_a"]), int(r["newid_b"])): (r["label"].strip(), r["note"].strip())
            for r in csv.DictReader(fh)
        }


# --------------------------------------------------------------------------- the pair decision


def decision_section(
    args: argparse.Namespace,
    ov: dict,
    exact: set[tuple[int, int]],
    short: set[tuple[int, int]],
    mh_pairs: dict[tuple[int, int], float],
    old_labelled: list[tuple[tuple[int, int], tuple[str, str]]],
    story_of: dict,
    any_edited: int,
) -> list[str]:
    """(c): the product's decision per article pair (overlap/near_duplicates.py) against the
    exact duplicates, the old sample's labels, and a fresh labelled sample of its near pairs."""
    if "pairs" not in ov:
        return ["(No pair decisions in this run: run again without --reuse.)", ""]
    decided = {pair_key(a, b): row for a, b, *row in ov["pairs"]}
    label = {k: row[-1] for k, row in decided.items()}
    near = sorted(k for k, lab in label.items() if lab == "near" and k not in exact)
    said_exact = {k for k, lab in label.items() if lab == "exact"}
    one_story = {k for k, lab in label.items() if lab in ("exact", "near")}
    out = [
        "**(c) The pair decision** (`overlap/near_duplicates.py`, reported per article pair in "
        "`compare`'s result as `article_pairs`): of the shorter article's words, the share the "
        "pair's findings match in the other, counting only words outside stock wording (runs of "
        f"{STOCK_WORDS} words found in {STOCK_VARIANTS} or more different sentences of as many "
        "articles of the compared set); near-duplicate at a share of "
        f"{NEAR_BAR:.2f} or more; exact when the two bodies have the same words (no finding "
        "needed). Decided per pair in "
        f"{ov['stages'].get('pair decision', 0):.0f} s; {len(decided):,} pairs decided: "
        f"{len(said_exact):,} exact, {sum(1 for v in label.values() if v == 'near'):,} near, "
        f"{sum(1 for v in label.values() if v == 'partial'):,} partial.",
        "",
        f"Exact duplicates: {_pct(len(exact & said_exact), len(exact))} of the exact pairs "
        f"called exact (of the pairs of bodies whose every line is under 10 words, which no "
        f"finding reaches: {_pct(len(short & said_exact), len(short))}), "
        f"{_pct(len(exact & one_story), len(exact))} called one story; "
        f"{len(said_exact - exact):,} pairs called exact whose bodies differ in more than "
        "spacing (case, punctuation or chrome).",
        "",
        f"Near-duplicates (not exact): {len(near):,} pairs, against {any_edited:,} with an "
        "edited or paraphrase finding (b); MinHash (J ≥ 0.5) has "
        f"{sum(1 for k in near if k in mh_pairs):,} of "
        f"them and {sum(1 for k in mh_pairs if k not in exact):,} non-exact pairs in all.",
        "",
    ]
    old_true = [k for k, (lab, _) in old_labelled if lab == "near-duplicate"]
    old_false = [k for k, (lab, _) in old_labelled if lab != "near-duplicate"]
    if old_labelled:
        out.append(
            f"On the old sample (seed {args.seed}, labelled before; the near-duplicate bar "
            f"was chosen on it, so this is not a test): of its {len(old_true)} true "
            f"near-duplicates the decision calls {sum(k in one_story for k in old_true)} one "
            f"story (MinHash: {sum(k in mh_pairs for k in old_true)}); of its "
            f"{len(old_false)} false ones, {sum(k in one_story for k in old_false)} "
            f"(MinHash: {sum(k in mh_pairs for k in old_false)})."
        )
        out.append("")
    rng = random.Random(args.decision_seed)
    sample = sorted(rng.sample(near, min(SAMPLE, len(near))))
    with open(args.work / f"decision-sample-n{len(story_of)}.txt", "w", encoding="utf-8") as fh:
        for a, b in sample:
            shorter, words, matched, stock, share, _ = decided[(a, b)]
            fh.write(
                f"=== {a} {b} shorter {newid(shorter)} words {words} matched {matched:.2f} "
                f"stock {stock:.2f} distinctive {share:.2f} minhash {mh_pairs.get((a, b))}\n"
            )
            for x in (a, b):
                st = story_of[x]
                fh.write(f"--- {x} {st.raw_date} | {st.title}\n{' '.join(st.body.split())}\n")
            fh.write("\n")
    labels = read_labels(args.decision_labels)
    labelled = [(k, labels[k]) for k in sample if k in labels]
    if not labelled:
        return [*out, f"No hand labels yet for the decision's sample ({args.decision_labels}).", ""]
    true = [k for k, (lab, _) in labelled if lab == "near-duplicate"]
    lo, hi = wilson(len(true), len(labelled))
    out.append(
        f"Hand labels on a fresh random sample (seed {args.decision_seed}) of {len(labelled)} "
        f"of the decision's near pairs (`{_rel(args.decision_labels)}`, a note per pair): "
        f"**{len(true)} true near-duplicates, precision {100 * len(true) / len(labelled):.0f} % "
        f"(Wilson 95 % interval {100 * lo:.0f}–{100 * hi:.0f} %)**, against 8 % (4–15 %) for "
        "any edited finding. MinHash (J ≥ 0.5) has "
        f"{sum(k in mh_pairs for k in true)} of the {len(true)} true ones and "
        f"{sum(k in mh_pairs for k, (lab, _) in labelled if lab != 'near-duplicate')} of the "
        f"{len(labelled) - len(true)} false ones."
    )
    false = [note for _, (lab, note) in labelled if lab != "near-duplicate"]
    notes = Counter(note.split(":")[0] for note in false)
    if notes:
        chance = sum(1 for note in false if "by chance" in note or "same 7-3/4" in note)
        out.append("")
        out.append(
            "What the false ones are (note prefix, count): "
            + ", ".join(f"{n} {c}" for n, c in notes.most_common())
            + f". Of the templates, {chance} are short notices on one form whose few "
            "distinctive words are figures that happen to be the same in both (a wave of "
            "prime-rate rises to 7-3/4 pct from 7-1/2 on 1-2 April 1987; dividends of one "
            "amount): each number is a word of its own, so two figures outweigh a bank's name. "
            "Most of the rest are weekly or daily reports whose changed figures are outnumbered "
            "by background wording that recurs in fewer than five variants."
        )
    out.append("")
    return out


def _rel(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


# --------------------------------------------------------------------------- main


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fail(msg: str) -> None:
    print(f"bench_reuters: {msg}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def _pct(k: int, n: int) -> str:
    return f"{k}/{n} ({100 * k / n:.1f} %)" if n else f"{k}/0"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=None, help="first N bodies (default: all)")
    ap.add_argument("--seed", type=int, default=12, help="seed of the near-duplicate sample")
    ap.add_argument("--data", type=Path, default=REUTERS, help="the reuters21578 folder")
    ap.add_argument("--out", type=Path, default=REPO / "reports" / "benchmarks.md")
    ap.add_argument("--work", type=Path, default=REPO / "benchmarks" / ".work" / "reuters")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument(
        "--decision-seed",
        type=int,
        default=2026,
        help="seed of the sample of pairs the pair decision calls near-duplicates",
    )
    ap.add_argument("--decision-labels", type=Path, default=DECISION_LABELS)
    ap.add_argument(
        "--stages",
        choices=("all", "copy"),
        default="all",
        help="all: overlap.compare (judge off); copy: only its copy stages "
        "(no embedding, no paraphrase findings), for when compare is too slow",
    )
    ap.add_argument(
        "--reuse",
        action="store_true",
        help="evaluate the last run's saved outputs again (after labelling)",
    )
    ap.add_argument("--child-overlap", help=argparse.SUPPRESS)
    ap.add_argument("--child-minhash", help=argparse.SUPPRESS)
    ap.add_argument("--child-out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_overlap:
        child_overlap(args.child_overlap, args.child_out, args.stages)
        return 0
    if args.child_minhash:
        child_minhash(args.child_minhash, args.child_out)
        return 0
    command = shlex.join(
        ["python", "benchmarks/bench_reuters.py", *(sys.argv[1:] if argv is None else argv)]
    )
    if not args.data.is_dir():
        fail(f"Reuters-21578 not found at {args.data.resolve()} (pass --data)")

    stories = read_reuters(args.data)
    bodies = with_body(stories)
    if args.articles:
        bodies = bodies[: args.articles]
    text_of = {s.newid: s.body for s in bodies}
    story_of = {s.newid: s for s in bodies}
    groups = exact_groups(bodies)
    exact = {(a, b) for g in groups for a, b in combinations(g, 2)}
    tag = f"n{len(bodies)}"
    args.work.mkdir(parents=True, exist_ok=True)
    jsonl = args.work / f"bodies-{tag}.jsonl"
    saved = args.work / f"run-{tag}-{args.stages}.json"
    if args.reuse and saved.exists():
        run = json.loads(saved.read_text(encoding="utf-8"))
        ov, mh = run["overlap"], run["minhash"]
    else:
        write_jsonl(bodies, jsonl)
        log(f"{len(bodies)} bodies ({len(groups)} exact-duplicate groups) -> {jsonl}")
        ov = run_child("overlap", jsonl, args.stages)
        mh = run_child("minhash", jsonl)
        saved.write_text(json.dumps({"overlap": ov, "minhash": mh}), encoding="utf-8")

    pairs = by_pair(ov["findings"])
    verbatim = {k for k, r in pairs.items() if r["kinds"]["verbatim"]}
    any_found = set(pairs)
    near = sorted(
        k
        for k, r in pairs.items()
        if (r["kinds"]["edited"] or r["kinds"]["paraphrase"]) and k not in exact
    )
    # Bodies whose every line is under min_copy_words (10): no line can become a copy candidate.
    short = {
        k for k in exact if max(len(ln.split()) for ln in text_of[k[0]].splitlines() or [""]) < 10
    }

    # The shorter body's share covered by the pair's findings: how much of it is reused.
    def share(k: tuple[int, int]) -> float:
        if k not in pairs:
            return 0.0
        spans = pairs[k]["spans"]
        return min(covered(spans[k[0]], text_of[k[0]]), covered(spans[k[1]], text_of[k[1]]))

    rng = random.Random(args.seed)
    sample = sorted(rng.sample(near, min(SAMPLE, len(near))))
    with open(args.work / f"near-sample-{tag}.txt", "w", encoding="utf-8") as fh:
        for a, b in sample:
            r = pairs[(a, b)]
            fh.write(f"=== {a} {b} kinds {dict(r['kinds'])} share {share((a, b)):.2f}\n")
            for x in (a, b):
                s = story_of[x]
                fh.write(f"--- {x} {s.raw_date} | {s.title}\n{' '.join(s.body.split())}\n")
            fh.write("\n")

    mh_pairs = {pair_key(a, b): j for a, b, j in mh["pairs"]}
    mh_near = {k for k, j in mh_pairs.items() if k not in exact}
    labels = read_labels(args.labels)
    # The labelled pairs are the sample drawn from the run they were labelled on (9,631 pairs,
    # 2026-12-01 10:48); copy detection has changed since, so today's seeded sample differs.
    labelled = sorted(labels.items())
    true_near = [k for k, (lab, _) in labelled if lab == "near-duplicate"]
    still = sum(1 for k, _ in labelled if k in set(near))

    out: list[str] = []
    out.append(f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {machine()}.")
    out.append("")
    out.append(
        f"Command (from the repo root): `{command}`; labels: "
        f"`{args.labels.relative_to(REPO) if args.labels.is_relative_to(REPO) else args.labels}`."
    )
    out.append("")
    out.append(
        f"Input: the {len(bodies):,} Reuters-21578 stories that have a `<BODY>`"
        + (
            " (the first by NEWID)"
            if args.articles
            else " (of 21,578; title-only BRIEF and UNPROC stories left out)"
        )
        + ", converted from SGML by `benchmarks/reuters.py` into overlap's JSONL (id, title, "
        "date, text; control-character references dropped, entities decoded, the hard-wrapped "
        "layout kept for overlap to read). overlap: "
        + (
            "`compare` with judge=False and a fresh cache. "
            if args.stages == "all"
            else "the library's copy stages only (read, segment, `copy_candidates`, "
            "`align_repeats`, "
            "`align_across` without paraphrase pairs; default Settings): no embedding, so no "
            "paraphrase findings. "
        )
        + "MinHash: datasketch MinHashLSH, 128 permutations, word 5-grams (lower case), "
        "candidates kept at exact Jaccard ≥ 0.5."
    )
    if args.stages == "copy":
        out.append("")
        out.append(
            "Why the copy stages: `compare` (judge off) on the first 1,000 bodies had not "
            "finished after 17 min wall and 199 CPU s (embedding; machine load about 17 on 2 "
            "cores), against 3 CPU s for the copy stages on the same 1,000; the 19,043 would "
            "need about an hour of CPU. On the real-news scale run (next section), embedding "
            "was 574 of 609 s. Edited findings come from the copy stages, so the reissues "
            '("said" -> "reported") are all in reach; only paraphrase findings are missing.'
        )
    out.append("")
    out.append("| tool | time | CPU | peak RSS | article pairs reported |")
    out.append("|---|---:|---:|---:|---:|")
    out.append(
        f"| overlap {'compare (judge off)' if args.stages == 'all' else 'copy stages only'} "
        f"| {ov['seconds']:.0f} s | {ov['cpu_s']:.0f} s | "
        f"{ov['rss_mib']:.0f} MiB | {len(any_found):,} "
        f"({len(ov['findings']):,} findings) |"
    )
    out.append(
        f"| MinHash LSH (J ≥ 0.5) | {mh['seconds']:.0f} s | {mh['cpu_s']:.0f} s | "
        f"{mh['rss_mib']:.0f} MiB | {len(mh_pairs):,} |"
    )
    out.append("")
    stages = ", ".join(f"{k} {v:.0f} s" for k, v in ov["stages"].items())
    out.append(
        f"overlap stages: {stages}; {ov['sentences']:,} sentences; "
        f"{len(ov['skipped'])} inputs skipped."
    )
    out.append("")
    out.append(
        "**(a) Exact duplicates** (ground truth computed here: bodies equal after "
        f"whitespace normalisation): {sum(map(len, groups))} bodies in {len(groups)} "
        f"groups, {len(exact)} pairs."
    )
    out.append("")
    out.append("| | overlap (verbatim finding) | overlap (any finding) | MinHash (J ≥ 0.5) |")
    out.append("|---|---:|---:|---:|")
    long_exact = exact - short
    out.append(
        f"| recall, all exact pairs | {_pct(len(exact & verbatim), len(exact))} | "
        f"{_pct(len(exact & any_found), len(exact))} | "
        f"{_pct(len(exact & set(mh_pairs)), len(exact))} |"
    )
    out.append(
        "| recall, bodies with a line of 10+ words | "
        f"{_pct(len(long_exact & verbatim), len(long_exact))}"
        f" | {_pct(len(long_exact & any_found), len(long_exact))} | "
        f"{_pct(len(long_exact & set(mh_pairs)), len(long_exact))} |"
    )
    whole = sum(1 for k in exact & verbatim if share(k) >= 0.95)
    out.append(
        f"| found pairs whose findings cover ≥ 95 % of the body | "
        f"{_pct(whole, len(exact & verbatim))} | | |"
    )
    out.append("")
    extra_v = verbatim - exact
    missed = sorted(exact - verbatim)
    out.append(
        f"Extra verbatim pairs (a verbatim finding between bodies that are not exact "
        f"duplicates: shared paragraphs, reissues with a changed paragraph): {len(extra_v):,}; "
        f"of these, MinHash has {len(extra_v & set(mh_pairs)):,} at J ≥ 0.5."
    )
    if missed:
        out.append("")
        out.append(
            "Exact pairs with no verbatim finding (first 10: NEWIDs, words, kinds found): "
            + "; ".join(
                f"{a}/{b} ({len(text_of[a].split())} words, "
                f"{dict(pairs[(a, b)]['kinds']) if (a, b) in pairs else 'nothing'})"
                for a, b in missed[:10]
            )
            + ". They are dividend notices and price "
            "tables whose lines are paragraphs of under 10 words (`min_copy_words`), "
            "so no sentence becomes a copy candidate."
        )
    out.append("")
    out.append(
        f"**(b) Near-duplicates**: {len(near):,} article pairs with an edited or paraphrase "
        "finding that are not exact duplicates. MinHash finds "
        f"{len(mh_near):,} non-exact pairs at J ≥ 0.5 "
        f"({sum(1 for j in mh_pairs.values() if j >= 0.8)} pairs at J ≥ 0.8, exact ones "
        f"included); both: {len(mh_near & set(near)):,}; MinHash only: "
        f"{len(mh_near - set(near) - verbatim):,} (and {len(mh_near & (verbatim - set(near))):,}"
        " that overlap reports as verbatim only)."
    )
    out.append("")
    if labelled:
        k = len(true_near)
        lo, hi = wilson(k, len(labelled))
        out.append(
            f"Hand labels on a random sample (seed {args.seed}) of {len(labelled)} such pairs, "
            "drawn from the run they were labelled on (2026-12-01 10:48: 9,631 pairs; copy "
            f"detection has changed since, and {still} of the {len(labelled)} are such pairs "
            f"today): **{k} true near-duplicates (same story reissued, corrected or updated), "
            f"precision {100 * k / len(labelled):.0f} % (Wilson 95 % interval "
            f"{100 * lo:.0f}–{100 * hi:.0f} %)**."
        )
        out.append("")
        by_share: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for key, (lab, _) in labelled:
            s = share(key)
            band = "≥ 0.5" if s >= 0.5 else "0.2–0.5" if s >= 0.2 else "< 0.2"
            by_share[band][0] += lab == "near-duplicate"
            by_share[band][1] += 1
        out.append(
            "By the share of the shorter body covered by the pair's findings: "
            + "; ".join(f"{band}: {t}/{n}" for band, (t, n) in sorted(by_share.items()))
            + "."
        )
        in_mh = sum(1 for key in true_near if key in mh_pairs)
        out.append("")
        out.append(
            f"Of the {k} true near-duplicates in the sample, MinHash (J ≥ 0.5) finds {in_mh}; "
            f"of the {len(labelled) - k} false ones, "
            f"{sum(1 for key, (lab, _) in labelled if lab != 'near-duplicate' and key in mh_pairs)}"
            "."
        )
        notes = Counter(
            note.split(":")[0] for _, (lab, note) in labelled if lab != "near-duplicate"
        )
        out.append("")
        out.append(
            "What the false ones are (note prefix, count): "
            + ", ".join(f"{n} {c}" for n, c in notes.most_common())
            + "."
        )
    else:
        out.append(f"No hand labels yet for this sample ({args.labels}).")
    out.append("")
    out += decision_section(args, ov, exact, short, mh_pairs, labelled, story_of, len(near))
    body = "\n".join(out)
    print(body)
    if not args.articles:
        replace_section(TITLE, body, args.out)
        log(f"wrote section '## {TITLE}' of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
