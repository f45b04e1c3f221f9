"""The METER courts task's scoring (benchmarks/meter.py, benchmarks/tasks/meter.py) on small
records written like a run's, with court-report sentences in METER's annotation format."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import meter
from benchmarks.tasks.meter import scores

PA_WORDS = "A lorry driver who killed a cyclist was jailed for two years"
SGML = (
    "<meter><body><verbatim>A lorry driver who killed a cyclist</verbatim> "
    "<rewrite>was sent to prison</rewrite> <new>at Leeds Crown Court</new> "
    "<verbatim>for two years.</verbatim> <new>His fine was £1,000.</new></body></meter>"
)
# The article as overlap read it: the same words, one decoded differently (£ read as Ł).
ARTICLE = (
    "A lorry driver who killed a cyclist was sent to prison at Leeds Crown Court "
    "for two years. His fine was Ł1,000."
)


def _annotation(tmp_path):
    path = tmp_path / "driver12_sun.sgml"
    path.write_bytes(SGML.encode("latin-1"))
    return path


def test_annotated_words_map_onto_the_article_as_read(tmp_path):
    tags = meter.gold_tags(ARTICLE, _annotation(tmp_path))
    assert tags[ARTICLE.index("lorry")] == "verbatim"
    assert tags[ARTICLE.index("prison")] == "rewrite"
    assert tags[ARTICLE.index("Leeds")] == "new"
    # a word decoded differently still takes its annotated word's tag
    assert tags[ARTICLE.index("Ł1,000")] == "new"


def test_span_scores_count_characters_against_the_annotation(tmp_path):
    cut = ARTICLE.index(" at Leeds")
    records = [_record(tmp_path, [["verbatim", 0, cut, "pa"]])]
    got = meter.span_scores(records)
    assert got["files"] == 1
    assert got["precision"] == 1.0  # only verbatim and rewrite words were predicted
    assert 0.5 < got["verbatim_recall"] < 1.0  # "for two years." was missed
    assert got["verbatim_long_recall"] == 1.0  # ... but it is a run of 3 words, not 4
    assert got["rewrite_recall"] == 1.0
    assert got["new_flagged"] == 0.0


def test_thresholds_fitted_separate_the_three_labels():
    shares = np.array([0.05, 0.1, 0.4, 0.5, 0.9, 0.95])
    gold = ["non", "non", "partially", "partially", "wholly", "wholly"]
    th = meter.fit_thresholds(shares, gold)
    assert 0.1 < th.partially <= 0.4 and 0.5 < th.wholly <= 0.9
    assert meter.macro_f1(gold, gold) == 1.0
    assert meter.macro_f1(gold, ["non"] * 6) < 0.3


def test_the_splits_partition_the_stories():
    keys = [f"{d:02d}.11.99/story{n}" for d in range(1, 29) for n in range(5)]
    dev = {k for k in keys if meter.in_split(k, "dev")}
    test = {k for k in keys if meter.in_split(k, "test")}
    assert dev and test and not dev & test and dev | test == set(keys)


def test_a_run_is_scored_with_the_split_in_every_figure_name(tmp_path):
    whole = [["verbatim", 0, len(ARTICLE), "pa"]]
    labels = ["wholly", "wholly", "non", "non", "partially"]
    # one non-derived article keeps more words than two derived ones: 4 of 6 pairs ordered
    kept = [0.9, 0.8, 0.5, 0.85, 0.7]
    records = [
        _record(tmp_path, whole, story=f"0{n}.12.99/driver", label=label, kept=k)
        for n, (label, k) in enumerate(zip(labels, kept, strict=True), 1)
    ]
    for rec in records[2:4]:
        rec["papers"][0]["spans"] = []
    records[3]["papers"][0]["predicted"] = "wholly"
    got = scores(records, "dev")
    assert got["dev: stories"] == (5, "stories")
    assert got["dev: derived-vs-non AUC"] == round(4 / 6, 3)
    assert got["dev: derived-vs-non AUC on the reused share"] == 1.0
    # the product's own labels, as written: 4 of 5 right (non 1/2 found, wholly 2/3 precise)
    assert got["dev: macro-F1 at the shipped thresholds"] == round((1 + 0.8 + 2 / 3) / 3, 3)
    assert got["dev: span precision"] < 1.0  # the New words of the wholly copied articles
    assert all(key.startswith("dev: ") for key in got)


def test_a_run_saved_before_words_kept_is_refused(tmp_path):
    old = _record(tmp_path, [])
    del old["papers"][0]["words_kept"]
    with pytest.raises(ValueError, match="predates words_kept"):
        scores([old], "dev")


def _record(tmp_path, spans, story="08.12.99/driver", label="wholly", kept=0.9, predicted=None):
    return {
        "story": story,
        "pa": 1,
        "pa_read": 1,
        "papers": [
            {
                "path": "driver12_sun.txt",
                "label": label,
                "predicted": predicted or label,
                "words_kept": kept,
                "read": True,
                "text": ARTICLE,
                "spans": spans,
                "annotation": str(_annotation(tmp_path)),
            }
        ],
    }


def test_long_verbatim_runs_leave_out_short_ones(tmp_path):
    # "A lorry driver who killed a cyclist" is a run of 6 Verbatim words, "for two years." of 3
    tags = meter.gold_tags(ARTICLE, _annotation(tmp_path))
    long_run = meter._in_long_verbatim_runs(ARTICLE, tags)
    assert long_run[ARTICLE.index("lorry")] and long_run[ARTICLE.index("cyclist")]
    assert not long_run[ARTICLE.index("years")]
    assert not long_run[ARTICLE.index("prison")]


def test_settings_overrides_read_as_numbers():
    from benchmarks.tasks.meter import parse_overrides

    assert parse_overrides("min_paraphrase_words=8, sentence_candidate_min=0.55") == {
        "min_paraphrase_words": 8,
        "sentence_candidate_min": 0.55,
    }
    assert parse_overrides("") == {}
