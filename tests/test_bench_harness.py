"""The benchmark harness (benchmarks/harness.py, render.py, data.py): records keep their stamps
through the renderer, a missing public set is named instead of a traceback, and the migrated
report renders with every section it had."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import ROOT, data, harness, render


def rec(figure: str, value, section: str = "S", **kw) -> harness.Record:
    stamp = dict(
        command=f"python -m benchmarks run {figure}",
        commit="abc1234",
        date="2026-12-01 10:00",
        load="0.5 → 0.7",
        machine="2 CPU cores (test)",
    )
    return harness.Record(section=section, figure=figure, value=value, **{**stamp, **kw})


def test_records_round_trip_through_jsonl(tmp_path):
    path = tmp_path / "records.jsonl"
    first = rec("a.track_x", 1.5, unit="%", anchor="goal 2 %")
    harness.append(first, path)
    harness.append(rec("a.track_y", "72.3 / 81.9"), path)
    assert harness.read_records(path) == [first, rec("a.track_y", "72.3 / 81.9")]


def test_the_latest_record_of_a_figure_wins_and_keeps_its_own_stamp(tmp_path):
    records = [
        rec("a.track_x", 1.0),
        rec("a.track_y", 2.0),
        rec("a.track_x", 3.0, commit="def5678", date="2026-12-02 09:00"),
    ]
    (tmp_path / "01-s.md").write_text("## S\n\nProse kept as written.\n", encoding="utf-8")
    (tmp_path / "00-pre.md").write_text("Preamble line.\n", encoding="utf-8")
    text = render.render(records, tmp_path)
    assert text.index("Preamble line.") < text.index("## S") < text.index("Prose kept")
    rows = [line for line in text.splitlines() if line.startswith("| a.track_")]
    assert len(rows) == 2 and rows[0].startswith("| a.track_x | 3 |")  # first place, new value
    assert "def5678" in rows[0] and "2026-12-02 09:00" in rows[0] and "0.5 → 0.7" in rows[0]
    assert "Machine: 2 CPU cores (test)." in text


def test_a_section_with_records_but_no_prose_is_still_rendered(tmp_path):
    text = render.render([rec("b.time_z", 4.2, section="New", unit="s")], tmp_path)
    assert "## New" in text and "| b.time_z | 4.2 s |" in text


def test_a_missing_data_set_is_named(tmp_path):
    with pytest.raises(data.DataMissing, match="'mrpc' is missing.*paraphrase/mrpc"):
        data.require("mrpc", tmp_path)
    assert not data.available("reuters", tmp_path)


def test_run_skips_a_task_whose_data_is_missing(monkeypatch, capsys):
    def needs_missing():
        raise data.DataMissing("data set 'x' is missing: expected ../shared/data/x")

    module = type(sys)("fake")
    module.SECTION = "S"
    monkeypatch.setattr(harness, "catalogue", lambda: {"fake.track_t": (module, needs_missing)})
    assert harness.run(["fake.track_t"], {}, save=False) == []
    assert "fake.track_t: skipped: data set 'x' is missing" in capsys.readouterr().err


def test_the_migrated_report_renders_every_section_it_had():
    text = render.render()
    for title in (
        "compare (issue 2)",
        "NLI model (issue 3)",
        "METER courts (issue 12)",
        "Perturbation suite (issue 13)",
        "Reuters-21578 duplicates (issue 12)",
    ):
        assert f"\n## {title}\n" in text
    assert "| Reuters-21578 duplicates (issue 12)" not in text
    assert "`python -m benchmarks run reuters.track_exact_recall --set reuse=1`" in text


def test_list_names_the_tasks_from_the_repo_root():
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "reuters.track_exact_pairs" in out and "seeds.time_compare_cold" in out
    assert all(
        Path(ROOT, "benchmarks", "tasks", f"{n}.py").exists()
        for n in {line.split(".")[0] for line in out.splitlines() if line}
    )


def _pid_and_mark() -> tuple[int, bool]:
    return os.getpid(), hasattr(harness, "_set_by_the_parent")


def test_fresh_runs_the_function_in_a_new_interpreter(monkeypatch):
    monkeypatch.setattr(harness, "_set_by_the_parent", True, raising=False)
    pid, inherited = harness.fresh(_pid_and_mark)
    # another process, and a fresh one: what this process set (or loaded) is not there
    assert pid != os.getpid() and not inherited


def test_a_saved_run_keeps_its_own_stamp_and_a_figure_its_own_section(monkeypatch):
    saved = {"command": "old script --sizes 9", "commit": "0ld0ld0", "date": "2026-11-30 08:00"}

    @harness.figure(section="Elsewhere")
    def track_read_back() -> harness.Saved:
        return harness.Saved({"size": (9, "articles")}, saved)

    module = type(sys)("fake")
    module.SECTION = "S"
    monkeypatch.setattr(harness, "catalogue", lambda: {"fake.track_r": (module, track_read_back)})
    [record] = harness.run(["fake.track_r"], {}, save=False)
    assert (record.section, record.figure, record.value, record.unit) == (
        "Elsewhere",
        "fake.track_r[size]",
        9,
        "articles",
    )
    assert (record.commit, record.date, record.load) == ("0ld0ld0", "2026-11-30 08:00", "")
    assert (
        record.command == "old script --sizes 9 (read back: python -m benchmarks run fake.track_r)"
    )


def test_the_saved_archive_run_gives_the_figures_its_section_printed():
    from benchmarks.archive_runs import read_saved
    from benchmarks.tasks.archive import index_figures

    stamp, run = read_saved("archive-index-21273.json")
    figures = index_figures(run["steps"])
    assert figures["CPU per added article after the first step"] == (63, "ms")
    assert figures["100,000 articles at that rate, one core"] == (104, "CPU min")
    assert figures["last index: per article"] == (55.7, "KiB")
    assert figures["10,905: check via the index = against seeds/"] == ("equal", "")
    assert stamp["date"] == "2026-12-01 19:50"


def test_set_values_arrive_as_the_type_of_the_keywords_default():
    def track_sized(n: int = 3, share: float = 0.5, name: str = "x", flag: bool = False):
        return n, share, name, flag

    got = harness._call(track_sized, {"n": "5", "share": "0.25", "name": "7", "flag": "1"})
    assert got == (5, 0.25, "7", "1")  # a bool default is left a string: "0" would be True
    with pytest.raises(SystemExit, match="--set n=five: track_sized wants a int"):
        harness._call(track_sized, {"n": "five"})


@pytest.mark.parametrize(
    ("task", "saved", "figure", "value"),
    [
        ("archive.track_int8", "encoder-int8-2000.json", "int8: nearest as fp32", (70.8, "%")),
        ("ray.track_index_add", "ray-index-add-1000.json", "ray, 2 workers: wall", (209.2, "s")),
        ("ray.track_compare", "ray-compare-200.json", "ray / local wall time", (2.64, "")),
        ("ray.track_compare", "ray-compare-200.json", "equal results (same json)", ("yes", "")),
    ],
)
def test_each_saved_run_reads_back_through_its_task(task, saved, figure, value):
    _module, fn = harness.catalogue()[task]
    got = fn(saved=saved)
    assert isinstance(got, harness.Saved) and got.values[figure] == value
    assert got.stamp["commit"] and got.stamp["date"].startswith("2026-12-01")
