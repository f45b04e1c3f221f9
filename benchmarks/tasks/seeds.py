"""The five seed articles (seeds/) through the public entry points, `overlap.compare` and
`overlap.check`, each with an empty embedding cache: time, peak memory and what they find."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from .. import ROOT
from ..harness import figure

SECTION = "seeds: compare and check"
SEEDS = ROOT / "seeds"
DRAFT = SEEDS / "drafts" / "demo-draft.md"


def _compare():
    import overlap

    with tempfile.TemporaryDirectory() as tmp:
        return overlap.compare([str(SEEDS)], overlap.Settings(cache_path=Path(tmp) / "c.sqlite"))


def _check():
    import overlap

    with tempfile.TemporaryDirectory() as tmp:
        return overlap.check(
            str(DRAFT), [str(SEEDS)], overlap.Settings(cache_path=Path(tmp) / "c.sqlite")
        )


def time_compare_cold() -> None:
    """`compare` on seeds/, empty cache, models loaded in the call."""
    _compare()


def peakmem_compare_cold() -> None:
    """Peak RSS of a fresh process running `compare` on seeds/."""
    _compare()


@figure(unit="findings")
def track_compare_findings() -> int:
    """Findings `compare` reports on seeds/."""
    return len(_compare().findings)


def time_check_demo_draft() -> None:
    """`check` of seeds/drafts/demo-draft.md against seeds/, empty cache."""
    _check()


@figure(unit="sentences")
def track_check_demo_draft_classes() -> dict[str, int]:
    """Sentences of the demo draft by class."""
    return dict(sorted(Counter(s.cls.value for s in _check().sentences).items()))
