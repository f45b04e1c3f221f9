"""Peak memory of `compare` on one long article pair, by passage length (issue 10, D1).

Each case runs in a fresh process (so one case's peak cannot hide another's) with no embedding
cache: its peak resident set size (ru_maxrss) and seconds, with and without the judge. The
pairs, of `kb` KB each: a long article (real BBC business articles, read in place from
../shared/data/news/bbc, joined until the size is reached) with a verbatim copy of it; and the
same text lower-cased without punctuation (one paragraph, no sentence ends) with a near-copy
that changes every 40th word.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ..data import require
from ..harness import figure

SECTION = "Memory on long passages (issue 10)"

# The peak is VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the parent, here the
# benchmark runner with whatever earlier tasks loaded (harness.peak_rss_mib).
CHILD = """
import json, re, sys, time
t0 = time.perf_counter()
from overlap.config import Settings
from overlap.pipeline import compare
r = compare([sys.argv[1], sys.argv[2]], Settings(cache_path=None, judge=sys.argv[3] == "1"))
hwm = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
print(json.dumps({"seconds": time.perf_counter() - t0, "rss_mib": int(hwm) / 1024}))
"""


def long_text(kb: int) -> str:
    """Real BBC business articles (title and body), joined with blank lines until `kb` KB."""
    files = sorted((require("bbc") / "business").glob("*.txt"))
    parts, size = [], 0
    while size < kb * 1000:
        text = files[len(parts) % len(files)].read_bytes().decode("utf-8", "replace").strip()
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts)[: kb * 1000].rsplit(" ", 1)[0] + "\n"


def no_punctuation(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()) + "\n"


def near_copy(text: str, every: int = 40) -> str:
    words = text.split()
    return " ".join("changed" if k % every == every - 1 else w for k, w in enumerate(words)) + "\n"


def run_case(a: str, b: str, judge: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = Path(tmp) / "original.txt", Path(tmp) / "copy.txt"
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(pa), str(pb), "1" if judge else "0"],
            capture_output=True,
            text=True,
            cwd=tmp,
        )
    if proc.returncode != 0:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["?"])[-1])
    return json.loads(proc.stdout.strip().splitlines()[-1])


@figure(data=("bbc",))
def track_long_pair(kb: int = 100, judge: str = "both") -> dict:
    """Peak RSS and seconds of `compare` on one long pair (`--set kb=10|100|1000`)."""
    text = long_text(int(kb))
    flat = no_punctuation(text)
    cases = {"verbatim copy": (text, text), "near-copy": (flat, near_copy(flat))}
    judging = {"both": (False, True), "judge": (True,), "no-judge": (False,)}[judge]
    out = {}
    for name, (a, b) in cases.items():
        for with_judge in judging:
            got = run_case(a, b, with_judge)
            label = f"{kb} KB {name}, {'judge' if with_judge else 'no judge'}"
            out[f"{label}: peak RSS"] = (round(got["rss_mib"]), "MiB")
            out[f"{label}: time"] = (round(got["seconds"], 1), "s")
    return out
