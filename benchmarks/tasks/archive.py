"""Issue 15's archive index on real news, growing, and whether an int8 encoder would pay.

    nice -n 10 python -m benchmarks run archive.track_index --set sizes=1005,2105,10905
    python -m benchmarks run archive.track_index --set saved=archive-index-21273.json
    nice -n 10 python -m benchmarks run archive.track_int8 --set sentences=2000

`track_index`: `overlap index add` of the first 1,005 articles (500 Reuters-21578 stories with a
body, the first ones; 100 BBC articles of each of its 5 topics; the 5 seed articles), then the
next articles added 1,000 or more at a time to the same index up to each size in `sizes` (the
rest of Reuters and BBC interleaved evenly, about 9 Reuters stories to 1 BBC article; `first=20`
scales the first step and the chunks down for a small re-run of the same code path), and
`overlap check` of the seeds' demo draft against the index after the first and the last step,
cold (a fresh embedding cache) and warm. Each step is one `overlap` process timed from outside:
wall seconds, CPU seconds (user + system: what the machine's other jobs do not change) and peak
memory. Steps go to benchmarks/.work/archive/<sizes>/steps.jsonl as they end (a run killed keeps
the steps it finished; `saved=` a copy of that file's run under benchmarks/results/runs/ reads
it back). Development data, no test split; the data stays under benchmarks/.work.

`track_int8`: the encoder's CPU seconds on one thread for fp32, bf16 (what `auto` picks on a CPU
with bf16 units) and int8 dynamic quantisation of its Linear layers over fp32 weights, on real
sentences of at least 12 words (the first Reuters stories and BBC articles), with each one's
cosine to the fp32 vector of the same sentence and how often its nearest other sentence is
fp32's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .. import ROOT, WORK
from ..archive_runs import FIRST_REUTERS, first_articles, read_saved, save_run, timed
from ..harness import Saved, figure
from ..reuters import BBC, read_reuters, with_body, write_jsonl

SECTION = "Archive index (issue 15)"
DRAFT = ROOT / "seeds" / "drafts" / "demo-draft.md"


def _pool(work: Path, first_reuters: int) -> tuple[list[str], list[list[str]]]:
    """The first step's inputs, and the later articles in chunks of twice the first step's
    Reuters stories (as lines of per-chunk JSONL files, BBC articles as their files),
    interleaved evenly."""
    first, rest_reuters, rest_bbc = first_articles(work, first_reuters, first_reuters)
    chunk = 2 * first_reuters
    # One BBC article after every `every` Reuters stories spreads them over the whole pool.
    every = max(1, len(rest_reuters) // max(len(rest_bbc), 1))
    later: list[list[str]] = []
    for at in range(0, len(rest_reuters), chunk):
        part = rest_reuters[at : at + chunk]
        path = work / f"reuters-{at // chunk + 1}.jsonl"
        write_jsonl(part, path)
        later.append([str(path), *rest_bbc[at // every : (at + len(part)) // every]])
    return [*first, str(ROOT / "seeds")], later


def _count(inputs: list[str]) -> int:
    n = 0
    for x in inputs:
        p = Path(x)
        if p.suffix == ".jsonl":
            n += sum(1 for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
        else:
            n += len(list(p.glob("*.txt"))) if p.is_dir() else 1
    return n


def _classes(path: Path) -> list[tuple[str, str]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [(s.get("class", ""), s.get("id", "")) for s in doc["sentences"]]


def _grow(work: Path, sizes: list[int], first_reuters: int) -> list[dict]:
    """Add articles step by step up to each size, checking the draft after the first and the
    last step; every step's figures appended to work/steps.jsonl as it ends."""
    first, later = _pool(work, first_reuters)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OVERLAP_CACHE": str(work / "cache.sqlite")}
    no_cache = {**env, "OVERLAP_CACHE": str(work / "unused.sqlite")}
    overlap, idx = [sys.executable, "-m", "overlap"], str(work / "idx")
    steps_file = work / "steps.jsonl"
    steps_file.write_text("", encoding="utf-8")

    def record(step: dict) -> None:
        with steps_file.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(step) + "\n")

    def run(cmd: list[str], environment: dict[str, str]) -> dict:
        figures, _ = timed(cmd, environment, ok=(0, 1))  # check exits 1 when it finds reuse
        return {k: figures[k] for k in ("seconds", "cpu_seconds", "peak_mib", "load")}

    def stats() -> dict:
        stats_cmd = [*overlap, "index", "stats", "--index", idx, "--json"]
        done = subprocess.run(stats_cmd, env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    def checks(size: int) -> None:
        (work / "cache.sqlite").unlink(missing_ok=True)
        check = [*overlap, "check", str(DRAFT), "--index", idx, "--format", "json", "-o"]
        for kind in ("cold", "warm"):
            record(
                {"step": f"check {kind}", "size": size, **run([*check, f"{work}/{kind}.json"], env)}
            )
        against = [*overlap, "check", str(DRAFT), "--against", str(ROOT / "seeds")]
        run([*against, "--format", "json", "-o", str(work / "direct.json")], env)
        same = _classes(work / "warm.json") == _classes(work / "direct.json")
        record({"step": "same findings", "size": size, "same": same})

    def add(inputs: list[str]) -> list[str]:
        return [*overlap, "index", "add", *inputs, "--index", idx, "--no-cache", "-q"]

    targets = iter(sizes)
    target, size, pending, checked = next(targets), 0, [], 0
    for inputs in [first, *later]:
        pending += inputs
        size += _count(inputs)
        if size < target:
            continue
        step = run(add(pending), no_cache)
        record({"step": "index add", "size": size, "added": _count(pending), **step, **stats()})
        pending = []
        if checked == 0:
            again = run(add(first), no_cache)
            record({"step": "index add again (nothing changed)", "size": size, **again})
            checks(size)
            checked = size
        target = next((t for t in targets if t > size), 0)
        if not target:
            break
    if checked != size:
        checks(size)
    return [json.loads(x) for x in steps_file.read_text(encoding="utf-8").splitlines()]


def index_figures(steps: list[dict]) -> dict[str, tuple[float | int | str, str]]:
    """Each step's cost, the last index's contents, whether the check through the index finds
    what the check against seeds/ alone finds, and the growth rate projected to 100,000
    articles from the later steps' CPU seconds per added article (their mix is the pool's)."""
    out: dict[str, tuple[float | int | str, str]] = {}
    for s in steps:
        at = f"{s['size']:,}: {s['step']}" + (f" (+{s['added']:,})" if "added" in s else "")
        if s["step"] == "same findings":
            out[f"{s['size']:,}: check via the index = against seeds/"] = (
                "equal" if s["same"] else "DIFFER",
                "",
            )
            continue
        out[f"{at}: wall"] = (s["seconds"], "s")
        out[f"{at}: CPU"] = (s["cpu_seconds"], "s")
        out[f"{at}: peak"] = (s["peak_mib"], "MiB")
    adds = [s for s in steps if s["step"] == "index add"]
    last = adds[-1]
    for key in ("articles", "sentences", "paragraphs", "embedded_passages", "paragraph_means"):
        out[f"last index: {key.replace('_', ' ')}"] = (last[key], "")
    out["last index: distinct vectors"] = (last["distinct_vectors"], "")
    out["last index: shingle postings"] = (last["shingle_postings"], "")
    out["last index: on disk"] = (round(last["bytes_on_disk"] / 2**20, 1), "MiB")
    out["last index: per article"] = (
        round(last["bytes_on_disk"] / last["articles"] / 1024, 1),
        "KiB",
    )
    if later := adds[1:]:
        rate = sum(s["cpu_seconds"] for s in later) / sum(s["added"] for s in later)
        out["CPU per added article after the first step"] = (round(rate * 1000), "ms")
        out["100,000 articles at that rate, one core"] = (round(rate * 100_000 / 60), "CPU min")
    return out


@figure(data=("reuters", "bbc"))
def track_index(sizes: str = "1005,2005", first: int = 500, saved: str = "") -> dict | Saved:
    """`overlap index add` growing on real news, and `check` through it: cost per step."""
    if saved:
        stamp, run = read_saved(saved)
        return Saved(index_figures(run["steps"]), stamp)
    targets = sorted(int(x) for x in sizes.split(","))
    work = WORK / "archive" / f"index-{first}-{'-'.join(map(str, targets))}"
    work.mkdir(parents=True, exist_ok=True)
    steps = _grow(work, targets, int(first))
    command = f"nice -n 10 python -m benchmarks run archive.track_index --set sizes={sizes}"
    command += f" --set first={first}" if int(first) != FIRST_REUTERS else ""
    save_run(work / "run.json", command, {"steps": steps})
    return index_figures(steps)


def _sentences(count: int) -> list[str]:
    from overlap.candidates import MIN_CLAIM_WORDS
    from overlap.segment import segment
    from overlap.textnorm import word_count
    from overlap.types import Article

    texts = [s.body or "" for s in with_body(read_reuters())[:150]]
    topics = sorted(t for t in BBC.iterdir() if t.is_dir())
    texts += [p.read_text(encoding="latin-1") for t in topics for p in sorted(t.glob("*.txt"))[:30]]
    out: list[str] = []
    for n, text in enumerate(texts):
        article = Article(id=f"a{n}", source=f"a{n}", text=text, format="txt")
        out += [x.text for x in segment(article).sentences if word_count(x.text) >= MIN_CLAIM_WORDS]
    return list(dict.fromkeys(out))[:count]


@figure(data=("reuters", "bbc"), section="Encoder in int8? (issue 15 item 4)")
def track_int8(sentences: int = 2000, saved: str = "") -> dict | Saved:
    """The encoder in fp32, bf16 and int8 on one thread: CPU seconds, cosine to fp32, nearest."""
    if saved:
        stamp, run = read_saved(saved)
        return Saved({k: tuple(v) for k, v in run["figures"].items()}, stamp)
    import numpy as np
    import torch

    from overlap.embed import MiniLM

    def encoded(model: MiniLM) -> tuple[np.ndarray, float]:
        began = time.process_time()  # CPU seconds: the machine's load does not inflate them
        vectors = model.encode(texts)
        return vectors, time.process_time() - began

    def nearest(v: np.ndarray) -> np.ndarray:
        sims = v @ v.T
        np.fill_diagonal(sims, -2.0)
        return sims.argmax(1)

    torch.set_num_threads(1)
    texts = _sentences(int(sentences))
    # fp32 and bf16 load their model inside the timed call, as they did when first measured
    runs = {"fp32": encoded(MiniLM(64, "fp32")), "bf16": encoded(MiniLM(64, "bf16"))}
    quantised = MiniLM(64, "fp32")
    quantised._model = torch.ao.quantization.quantize_dynamic(
        quantised._load(), {torch.nn.Linear}, dtype=torch.qint8
    )
    runs["int8"] = encoded(quantised)
    fp32, near = runs["fp32"][0], nearest(runs["fp32"][0])
    out: dict[str, tuple[float | int | str, str]] = {"sentences": (len(texts), "")}
    for name, (v, seconds) in runs.items():
        cos = (v * fp32).sum(1)
        out[f"{name}: CPU"] = (round(seconds, 1), "s")
        out[f"{name}: sentences per CPU second"] = (round(len(texts) / seconds), "")
        out[f"{name}: min cosine to fp32"] = (round(float(cos.min()), 4), "")
        out[f"{name}: 1st percentile cosine"] = (round(float(np.percentile(cos, 1)), 4), "")
        out[f"{name}: mean cosine"] = (round(float(cos.mean()), 4), "")
        out[f"{name}: nearest as fp32"] = (round(100 * float((nearest(v) == near).mean()), 1), "%")
    same = np.array_equal(runs["int8"][0], encoded(quantised)[0])
    out["int8 twice gives the same vectors"] = (str(same), "")
    work = WORK / "archive" / f"int8-{len(texts)}"
    work.mkdir(parents=True, exist_ok=True)
    command = f"nice -n 10 python -m benchmarks run archive.track_int8 --set sentences={sentences}"
    save_run(work / "run.json", command, {"figures": out})
    return out
