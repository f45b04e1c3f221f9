"""Peak memory of `compare` on one long article pair, by passage length (issue 10, D1).

Each case runs in a fresh process (so one case's peak cannot hide another's) with no embedding
cache: its peak resident set size (VmHWM) and seconds, with and without the judge. The
pairs, of `kb` KB each: a long article (real BBC business articles, read in place from
../shared/data/news/bbc, joined until the size is reached) with a verbatim copy of it; and the
same text lower-cased without punctuation (one paragraph, no sentence ends) with a near-copy
that changes every 40th word.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from ..data import require
from ..harness import figure, fresh, peak_rss_mib

SECTION = "Memory on long passages (issue 10)"


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


def compare_pair(a: str, b: str, judge: bool) -> dict:
    """compare() on the pair in this (fresh) process: seconds, and the peak as VmHWM (not
    ru_maxrss, which Linux carries over exec from the parent: harness.peak_rss_mib)."""
    began = time.perf_counter()
    from overlap.config import Settings
    from overlap.pipeline import compare

    compare([a, b], Settings(cache_path=None, judge=judge))
    return {"seconds": time.perf_counter() - began, "rss_mib": peak_rss_mib()}


def run_case(a: str, b: str, judge: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = Path(tmp) / "original.txt", Path(tmp) / "copy.txt"
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        return fresh(compare_pair, str(pa), str(pb), judge)


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
