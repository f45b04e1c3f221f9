"""`overlap check` of a 1,000-word draft (the demo draft, then paragraphs drawn from the synthetic
corpus and the seeds, so it holds copies, paraphrases and new text) against seeds/ and against
the 1,000-article synthetic corpus (benchmarks/synthetic.py, seed 13; built on first use), cold
(empty embedding cache, models loaded in the call) and warm (the cache a cold run filled)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from .. import ROOT, WORK
from ..harness import figure

SECTION = "overlap check (issue 5)"
DRAFT = WORK / "check" / "draft-1000.txt"


def corpus() -> Path:
    """The synthetic corpus's articles, built the first time (MRPC, PAN, STS-B... needed)."""
    from ..synthetic import built

    return built(1000, 13)[0]


def draft(words: int = 1000, seed: int = 5) -> Path:
    if DRAFT.exists():
        return DRAFT
    rng = random.Random(seed)
    demo = (ROOT / "seeds" / "drafts" / "demo-draft.md").read_text(encoding="utf-8")
    paragraphs = [demo.split("---", 2)[2].strip()]
    pool = [
        p.strip()
        for path in sorted(corpus().glob("*.txt"))[:200] + sorted((ROOT / "seeds").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 12
    ]
    count = len(paragraphs[0].split())
    while count < words:
        paragraphs.append(rng.choice(pool))
        count += len(paragraphs[-1].split())
    DRAFT.parent.mkdir(parents=True, exist_ok=True)
    DRAFT.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return DRAFT


def _check(sources: str, cache: str):
    import overlap

    path = WORK / "check" / f"{cache}.sqlite"
    return overlap.check(str(draft()), [sources], overlap.Settings(cache_path=path))


def _sources(which: str) -> str:
    return str(ROOT / "seeds") if which == "seeds" else str(corpus())


def _empty(which: str = "seeds") -> None:
    draft()
    (WORK / "check" / f"cold-{which}.sqlite").unlink(missing_ok=True)


def _filled(which: str = "seeds") -> None:
    """A cold check in a fresh process fills the warm cache (untimed)."""
    import subprocess
    import sys

    draft()
    code = (
        "from benchmarks.tasks.check import _check, _sources; "
        f"_check(_sources({which!r}), 'warm-{which}')"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)


@figure(setup=_empty)
def time_cold(which: str = "seeds") -> None:
    """Check of the 1,000-word draft, empty cache (`--set which=seeds|synthetic`)."""
    _check(_sources(which), f"cold-{which}")


@figure(setup=_empty)
def peakmem_cold(which: str = "seeds") -> None:
    """Peak RSS of that cold check."""
    _check(_sources(which), f"cold-{which}")


@figure(setup=_filled)
def time_warm(which: str = "seeds") -> None:
    """The same check with the cache a cold run filled."""
    _check(_sources(which), f"warm-{which}")


@figure(unit="sentences")
def track_classes(which: str = "seeds") -> dict[str, int]:
    """The draft's sentences by class."""
    return dict(
        sorted(
            Counter(s.cls.value for s in _check(_sources(which), "warm-" + which).sentences).items()
        )
    )
