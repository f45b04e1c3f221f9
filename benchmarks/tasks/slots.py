"""Typed differences on aligned words (issue 13 item 3): `overlap.slots.compare_sentences` on the
perturbation suite's cases (benchmarks/perturb.py: real Reuters, BBC and METER sentences with one
rule-made change each), without the rest of the check. A changed case is caught when a slot of
its kind differs; a control (verbatim, meaning-preserving paraphrase, quote kept, credit removed,
quote truncated) is clean when no slot differs. Options: `--set split=dev|test` (tune on dev,
run test once), `--set per_kind=150`, `--set every=3` (every n-th sentence of the corpus is a
candidate; 1 for the largest suite). `track_initial_common_words`: the name rule's reading of a
sentence's first word (overlap/slot_names.py) against the BBC corpus's own capitalisation.
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


@figure(unit="%", data=("bbc",))
def track_initial_common_words() -> dict[str, float | tuple[int, str]]:
    """overlap.slot_names.common_word on every sentence-initial capitalised word of the BBC
    articles (function words left out: the name rule never reads those), against the corpus's
    own evidence: a word the corpus writes in lower case more often than capitalised in
    mid-sentence is a common word; words seen fewer than 5 times there are not scored."""
    import re
    from collections import Counter

    from overlap.slot_alignment import STOP
    from overlap.slot_names import common_word

    from ..data import require

    initial: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for path in sorted(require("bbc").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = re.findall(r"[A-Za-z]+", sentence)
            if not words:
                continue
            if words[0][:1].isupper() and words[0][1:].islower():
                initial[words[0]] += 1
            for w in words[1:]:
                if w.islower():
                    lower[w] += 1
                elif w[:1].isupper() and w[1:].islower():
                    upper[w.lower()] += 1
    hit = wrong = missed = 0
    for word, n in initial.items():
        low, up = lower[word.lower()], upper[word.lower()]
        if word.lower() in STOP or low + up < 5:
            continue
        common, read = low > up, common_word(word)
        hit += n * (common and read)
        wrong += n * (read and not common)
        missed += n * (common and not read)
    return {
        "precision": round(100 * hit / (hit + wrong), 1),
        "recall": round(100 * hit / (hit + missed), 1),
        "read as common": (hit + wrong, "tokens"),
    }
