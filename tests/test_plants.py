"""benchmarks/plants.py: findings scored against planted reuse (the scale benchmark's recall)."""

from __future__ import annotations

from benchmarks import plants


def _span(article: str, start: int, end: int) -> dict:
    return {"article": article, "start": start, "end": end, "text": "x" * (end - start)}


def _finding(kind: str, a: dict, b: dict) -> dict:
    return {"kind": kind, "score": 0.9, "lexical": 0.5, "semantic": 0.8, "a": a, "b": b}


PLANTS = {
    "plants": [
        {
            "id": 0,
            "kind": "verbatim",
            "origin": "filler",
            "edits": [],
            "a": _span("x", 100, 200),
            "b": _span("y", 50, 150),
        },
        {
            "id": 1,
            "kind": "paraphrase",
            "origin": "mrpc-test 12",
            "edits": [],
            "a": _span("x", 300, 350),
            "b": _span("z", 0, 60),
        },
        {
            "id": 2,
            "kind": "hard_negative",
            "origin": "mrpc-test 13",
            "edits": [],
            "a": _span("y", 400, 450),
            "b": _span("z", 200, 260),
        },
    ]
}


def test_found_plants_and_what_else_the_findings_touched():
    findings = [
        # the verbatim plant, sides given the other way round: still found, kind agrees
        _finding("verbatim", _span("y", 60, 150), _span("x", 110, 200)),
        # the hard negative flagged
        _finding("paraphrase", _span("y", 400, 450), _span("z", 200, 260)),
        # planted text of x paired with the wrong article
        _finding("edited", _span("x", 120, 180), _span("w", 0, 60)),
        # nothing planted on either side: background
        _finding("paraphrase", _span("w", 500, 560), _span("v", 10, 70)),
        # a claim finding is counted apart, not as reuse
        _finding("claim", _span("w", 700, 760), _span("v", 300, 360)),
    ]
    ev = plants.evaluate(PLANTS, findings)
    assert ev["groups"]["verbatim"]["found"] == 1
    assert ev["groups"]["verbatim"]["kind_agrees"] == 1
    assert ev["groups"]["paraphrase (MRPC test)"]["found"] == 0
    assert [p["id"] for p in ev["misses"]["paraphrase (MRPC test)"]] == [1]
    assert ev["groups"]["hard_negative"]["found"] == 1
    assert ev["categories"] == {
        plants.PLANTED: 1,
        plants.HARD_NEGATIVE: 1,
        plants.WRONG_PAIRING: 1,
        plants.BG_UNRELATED: 1,
    }
    assert sum(ev["claims"].values()) == 1
    assert ev["precision"] == 0.25
    # the verbatim finding covers 90 of the plant's 100 characters on its worse side
    assert ev["groups"]["verbatim"]["coverage"] == [0.9]


def test_a_finding_between_the_right_articles_but_beside_the_plant_does_not_find_it():
    beside = _finding("verbatim", _span("x", 0, 90), _span("y", 50, 150))
    ev = plants.evaluate(PLANTS, [beside])
    assert ev["groups"]["verbatim"]["found"] == 0
    assert ev["categories"] == {plants.WRONG_PAIRING: 1}
