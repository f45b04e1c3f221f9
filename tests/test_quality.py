"""The quality gate: cheap checks on real, labelled data, with floors that only go up.

Each floor is the figure measured when it was set, rounded down a little; a change that lowers
a figure fails here, and a change that raises one should raise its floor in the same commit.
The data is read in place from ../shared/data (never copied into the repo); a check whose data
is missing is skipped with the reason. Marker `quality`: left out of the default test run and
run by CI on its own (`python -m pytest -q -p no:cacheprovider -m quality`, with the heaviest
real-data checks of other files: tests/conftest.py). No model is loaded; about 17 s of CPU: the
perturbation cases and one copy-stage run on the hand-labelled Reuters stories.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from benchmarks import perturb, reuters
from overlap import Settings, compare
from overlap.quantities import find_quantities
from overlap.quote_match import Outcome, article_quotes, match_quote
from overlap.quotes import quotations
from overlap.slots import compare_sentences, differs
from overlap.types import Article

pytestmark = pytest.mark.quality

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parents[1].parent / "shared" / "data"
NEWS = DATA / "news"
_NO_NEWS = "../shared/data/news (Reuters-21578, BBC, METER) not present: quality gate not run"


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


# --- the seeds -------------------------------------------------------------------------------


class _NoNeighbours:
    """An embedder under which no two sentences are alike: the copy stages alone, no model
    (paraphrases and verdicts need the real models: tests/test_seeds_e2e.py, marked slow)."""

    model_id = "no-neighbours@1"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.zeros((len(texts), 8), dtype=np.float32)


def test_seed_copies_kinds_and_count(seeds_dir: Path):
    """The five seed articles' copies, as the README's table lists them (one verbatim copy,
    four edited copies, two repeats within an article), and, with no embeddings to go on, the
    two paraphrases the rewrite rule finds by shared words alone: Fox News Latino's rewording of
    ABC News's sentence on "a recent decision by" Mexico's government, and the clause "agencies
    like the DEA" Fox kept from ABC's "who work for agencies like the DEA" inside a sentence it
    otherwise rewrote (the clause-level rule, issue 12). Not a floor: a finding gained or lost
    here is a decision, recorded with the README table and reports/."""
    result = compare([str(seeds_dir)], Settings(cache_path=None, judge=False), _NoNeighbours())
    kinds = Counter(str(f.kind) for f in result.findings)
    assert kinds == {"edited": 4, "repeat": 2, "verbatim": 1, "paraphrase": 2}
    rewritten = sorted(
        (f for f in result.findings if f.kind == "paraphrase"), key=lambda f: f.a.start
    )
    texts = [(f.a.text, f.b.text) for f in rewritten]
    assert any("recent decision by" in a and "recent decision by" in b for a, b in texts), texts
    assert any(b.strip(" .,") == "agencies like the DEA" for a, b in texts), texts


# --- the quantity reader on real wire figures ------------------------------------------------

# Reuters writes money and percentages one way ("5.5 mln dlrs", "3 pct"): each such figure is
# a labelled mention (value, unit) the reader must get, whatever the sentence around it.
_WIRE_FIGURE = re.compile(r"(?<![\w.,/-])(\d+(?:\.\d+)?)\s+(?:(mln|billion|bln)\s+)?(dlrs|pct)\b")
_SCALE = {None: 1.0, "mln": 1e6, "billion": 1e9, "bln": 1e9}


def _reuters_bodies(every: int, limit: int) -> list[str]:
    """Every `every`-th body of the first two SGM files, on one line."""
    out = []
    for path in reuters.sgm_files(NEWS / "reuters21578")[:2]:
        bodies = [s.body for s in reuters.read_sgm(path) if s.body is not None]
        out += [" ".join(body.split()) for k, body in enumerate(bodies) if k % every == 0]
    return out[:limit]


@pytest.mark.skipif(not (NEWS / "reuters21578").is_dir(), reason=_NO_NEWS)
def test_quantity_reader_on_reuters_money_and_percent():
    found = total = 0
    for body in _reuters_bodies(every=3, limit=400):
        quantities = find_quantities(body)
        for m in _WIRE_FIGURE.finditer(body):
            total += 1
            value = float(m.group(1)) * _SCALE[m.group(2)]
            unit = "dollar" if m.group(3) == "dlrs" else "percent"
            found += any(
                q.start <= m.start(1) < q.end
                and q.unit == unit
                and value in (pytest.approx(q.value), pytest.approx(q.high or -1))
                for q in quantities
            )
    assert total >= 500
    # Measured 1.0 of 660 figures (400 stories, every 3rd of the first two files); only goes up.
    assert _rate(found, total) >= 0.995


# --- a slice of the perturbation suite: real sentences with one slot changed -----------------

# Share of cases caught, per rule, measured on 30 cases each (every 9th article); only goes up.
_SLOT_FLOORS = {
    "number": 1.0, "money": 1.0, "percent": 1.0, "date": 0.93, "weekday": 1.0,
    "relative date": 0.93, "person swap": 1.0, "place swap": 1.0, "organisation swap": 1.0,
    "negation added": 1.0, "negation removed": 1.0, "quantifier": 0.93, "modality": 1.0,
}  # fmt: skip


@pytest.fixture(scope="module")
def perturbation_cases():
    if not (NEWS / "reuters21578").is_dir() or not (NEWS / "meter").is_dir():
        pytest.skip(_NO_NEWS)
    return perturb.build(per_kind=30, every=9)


# The rules' slot kinds, and the controls (the sentence unchanged, reworded, its quotation cut
# short or its credit removed), none of which may give a slot difference (measured 0 of 150).
_SLOT_KINDS = perturb.SLOT_KINDS_CAUGHT
_CONTROLS = perturb.SLOT_CONTROLS


def test_slot_changes_in_real_sentences_are_reported(perturbation_cases):
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in perturbation_cases:
        if case.kind in _SLOT_KINDS or case.kind in _CONTROLS:
            found = compare_sentences(case.claim, case.sentence, 0, 0, case.date, case.date)
            diffs = differs(found)
            total[case.kind] += 1
            if case.kind in _CONTROLS:
                caught[case.kind] += not diffs
            else:
                caught[case.kind] += bool({d.kind for d in diffs} & _SLOT_KINDS[case.kind])
    rates = {kind: _rate(caught[kind], total[kind]) for kind in _SLOT_KINDS}
    low = {k: round(r, 3) for k, r in rates.items() if r < _SLOT_FLOORS[k]}
    assert not low, f"below the floor: {low}"
    assert total["verbatim"] >= 20
    alarms = {k: total[k] - caught[k] for k in _CONTROLS if caught[k] < total[k]}
    assert not alarms, f"slot differences on unchanged or reworded claims: {alarms}"


# Quote rules: the outcome match_quote must give a claim against its source passage.
_QUOTE_EXPECTED = {
    "quote kept": {Outcome.QUOTED},
    "quote truncated": {Outcome.QUOTED},
    "quote words changed": {Outcome.MISQUOTED},
    "speaker swapped": {Outcome.MISQUOTED, Outcome.MISATTRIBUTED},
}
# Share right, per rule, measured on 30 cases each; only goes up.
_QUOTE_FLOORS = {"quote kept": 0.93, "quote truncated": 0.96, "quote words changed": 0.96,
                 "speaker swapped": 0.79}  # fmt: skip


def test_quotations_in_real_sentences_are_matched(perturbation_cases):
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in perturbation_cases:
        if case.kind not in _QUOTE_EXPECTED:
            continue
        source = article_quotes(Article(case.article, case.article, case.source, "txt"))
        claims = quotations(case.claim, [(0, len(case.claim))])
        total[case.kind] += 1
        if claims:
            outcome = match_quote(claims[0], [source]).outcome
            right[case.kind] += outcome in _QUOTE_EXPECTED[case.kind]
    rates = {kind: _rate(right[kind], total[kind]) for kind in _QUOTE_EXPECTED}
    low = {k: round(r, 3) for k, r in rates.items() if r < _QUOTE_FLOORS[k]}
    assert not low, f"below the floor: {low}"


# --- Reuters-21578: one story or not, per article pair ---------------------------------------

_PAIR_LABELS = REPO / "benchmarks" / "labels" / "reuters_pair_decision.csv"


@pytest.fixture(scope="module")
def reuters_pair_decisions(tmp_path_factory):
    """The pair decision (overlap/near_duplicates.py) on the 100 hand-labelled Reuters pairs
    (benchmarks/labels/reuters_pair_decision.csv: 118 one story reissued, 68 not) and on the
    first 40 groups of bodies that are equal word for word (42 pairs), all compared in one run
    of the copy stages (no model; those stories are the compared set)."""
    import csv

    if not (NEWS / "reuters21578").is_dir():
        pytest.skip(_NO_NEWS)
    stories = reuters.with_body(reuters.read_reuters(NEWS / "reuters21578"))
    with open(_PAIR_LABELS, encoding="utf-8", newline="") as fh:
        labels = {(int(r["newid_a"]), int(r["newid_b"])): r["label"] for r in csv.DictReader(fh)}
    groups = reuters.exact_groups(stories)[:40]
    exact = [(g[0], other) for g in groups for other in g[1:]]
    wanted = {n for pair in [*labels, *exact] for n in pair}
    path = tmp_path_factory.mktemp("reuters") / "stories.jsonl"
    reuters.write_jsonl([s for s in stories if s.newid in wanted], path)
    result = compare([str(path)], Settings(cache_path=None, judge=False), _NoNeighbours())
    newid = {a.id: int(a.id.rsplit("-", 1)[1]) for a in result.articles}
    decided = {
        tuple(sorted((newid[d.a], newid[d.b]))): str(d.label) for d in result.pair_duplication
    }
    return labels, exact, decided


def test_reuters_exact_duplicates_are_exact(reuters_pair_decisions):
    _, exact, decided = reuters_pair_decisions
    assert len(exact) >= 40
    missed = [pair for pair in exact if decided.get(tuple(sorted(pair))) != "exact"]
    assert not missed, f"equal bodies not decided exact: {missed[:5]}"


def test_reuters_hand_labelled_pairs_decided_as_labelled(reuters_pair_decisions):
    """The labelled pairs were sampled from those the decision once called one story, so the 48
    labelled "not" are its false positives then: most are still called one story (templates,
    tables, recurring reports), and telling them apart is what the floor on `right` records."""
    labels, _, decided = reuters_pair_decisions
    one_story = {pair for pair, label in labels.items() if label == "near-duplicate"}
    said_one = {pair for pair in labels if decided.get(pair) in ("exact", "near")}
    right = sum((pair in said_one) == (pair in one_story) for pair in labels)
    # Measured 115 of the 118 reissued stories called one story, 153 of the 186 pairs right.
    # The first 100 labels (seed 2026) chose near_duplicates.FIGURES_KEPT / NAMES_KEPT: 49 of
    # their 52 and 85 of 100 (50 and 59 before); the other 86 are the fresh sample of seed 7
    # that measured it. Copy stages only, the labelled stories as the compared set; only goes up.
    assert len(one_story & said_one) >= 115, f"{len(one_story & said_one)} of {len(one_story)}"
    assert right >= 153, f"{right} of {len(labels)} pairs decided as labelled"
