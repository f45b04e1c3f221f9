"""Typed differences on aligned words (issue 13 item 3): `overlap.slots.compare_sentences` on the
perturbation suite's cases (benchmarks/perturb.py: real Reuters, BBC and METER sentences with one
rule-made change each), without the rest of the check. A changed case is caught when a slot of
its kind differs; a control (verbatim, meaning-preserving paraphrase, quote kept, credit removed,
quote truncated) is clean when no slot differs. Options: `--set split=dev|test` (tune on dev,
run test once), `--set per_kind=150`, `--set every=3` (every n-th sentence of the corpus is a
candidate; 1 for the largest suite).
"""

from __future__ import annotations

from collections import Counter

from ..harness import figure
from ..perturb import SLOT_CONTROLS as CONTROLS
from ..perturb import SLOT_KINDS_CAUGHT as CAUGHT_BY

SECTION = "Perturbation suite (issue 13)"


@figure(unit="share", data=("reuters", "bbc"))
def track_catch_rate(split: str = "dev", per_kind: int = 150, every: int = 3) -> dict[str, float]:
    """Per kind: the share of changed cases whose change a slot of that kind reports, and for
    the controls the share with no slot difference at all."""
    from overlap.slots import compare_sentences, differs

    from ..perturb import build

    good, total = Counter(), Counter()
    for case in build(per_kind=int(per_kind), every=int(every)):
        if case.split != split or (case.kind not in CAUGHT_BY and case.kind not in CONTROLS):
            continue
        found = differs(compare_sentences(case.claim, case.sentence, 0, 0, case.date, case.date))
        total[case.kind] += 1
        if case.kind in CAUGHT_BY:
            good[case.kind] += bool({d.kind for d in found} & CAUGHT_BY[case.kind])
        else:
            good[case.kind] += not found
    return {k: round(good[k] / total[k], 3) for k in [*CAUGHT_BY, *CONTROLS] if total[k]}
