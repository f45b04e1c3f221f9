"""benchmarks/tasks/check_meter.py: scoring a saved run against the alarm labels (no corpus)."""

from benchmarks.tasks import check_meter


def _sentence(start, cls, reasons=(), notes=()):
    return {
        "start": start,
        "end": start + 5,
        "class": cls,
        "reasons": list(reasons),
        "notes": list(notes),
        "source": "",
        "source_text": "",
        "text": "",
    }


def test_scores_count_labelled_alarms_and_class_shares():
    records = [
        {
            "story": "s",
            "paper": "p1.txt",
            "label": "wholly",
            "sentences": [
                _sentence(0, "misquoted", ["words changed: 'a' dropped (against X)"]),
                _sentence(10, "misquoted", ["these words are Mr A's, not Mr B's (in X)"]),
                _sentence(20, "contradicted"),
                _sentence(30, "copied"),
            ],
        }
    ]
    labels = {
        ("p1.txt", 0, "misquoted"): {"right": "yes"},
        ("p1.txt", 10, "misquoted"): {"right": "no"},
        # a label for another class says nothing about this sentence's contradicted alarm
        ("p1.txt", 20, "misquoted"): {"right": "yes"},
    }
    out = check_meter.scores(records, labels)
    assert out["misquoted: alarm precision"] == 100.0
    assert out["misattributed: alarm precision"] == 0.0
    assert out["contradicted: alarms unlabelled"] == (1, "sentences")
    assert out["wholly-derived: copied share"] == 25.0
    assert out["class: misquoted"] == (2, "sentences")
