"""overlap.tabular: CSV/TSV with named columns, including FNC-1's train_bodies.csv shape."""

from __future__ import annotations

import csv

import pytest

from overlap.config import load_settings
from overlap.errors import ConfigError
from overlap.ingest import read_articles
from overlap.tabular import Columns

ONE = (
    "Officials from both countries met on Thursday to discuss security cooperation along "
    "the border, a spokesman said."
)
TWO = 'A second paragraph, with a comma, and "quotes" inside.'


def _csv(path, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_fnc1_bodies_shape_multiline_quoted_fields(tmp_path):
    path = _csv(
        tmp_path / "train_bodies.csv",
        [["Body ID", "articleBody"], ["0", f"{ONE}\n\n{TWO}"], ["4", "Short body."]],
    )
    articles, skipped = read_articles([str(path)])
    assert skipped == []
    assert [(a.source, a.id, a.text) for a in articles] == [
        (f"{path}:row 1", "0", f"{ONE}\n\n{TWO}"),
        (f"{path}:row 2", "4", "Short body."),
    ]
    assert {a.format for a in articles} == {"csv"}


def test_metadata_columns_found_by_name_and_tsv(tmp_path):
    path = _csv(
        tmp_path / "a.tsv",
        [
            ["id", "Headline", "Published", "Source", "URL", "text"],
            ["x1", "Border talks", "2024-05-02", "Example Times", "https://ex.example/1", ONE],
        ],
        delimiter="\t",
    )
    [art], skipped = read_articles([str(path)])
    assert skipped == []
    assert (art.id, art.title, art.date, art.outlet, art.url, art.text, art.format) == (
        "x1",
        "Border talks",
        "2024-05-02",
        "Example Times",
        "https://ex.example/1",
        ONE,
        "tsv",
    )


def test_semicolon_csv_is_recognised(tmp_path):
    path = _csv(tmp_path / "eu.csv", [["titel", "content"], ["T", ONE]], delimiter=";")
    [art], skipped = read_articles([str(path)])
    assert skipped == [] and art.text == ONE


def test_columns_named_by_settings(tmp_path):
    path = _csv(
        tmp_path / "odd.csv",
        [["story", "hed", "when", "paper"], [ONE, "Border talks", "2024-05-02", "Gazette"]],
    )
    articles, skipped = read_articles([str(path)])
    assert articles == []
    [skip] = skipped
    assert skip.reason.startswith("no text column (text, body, articleBody, content or article)")
    assert "columns: story, hed, when, paper" in skip.reason and "csv_text_column" in skip.reason
    settings = load_settings(
        csv_text_column="Story",
        csv_title_column="hed",
        csv_date_column="when",
        csv_outlet_column="paper",
        csv_url_column="link",
    )
    [art], skipped = read_articles([str(path)], columns=Columns.from_settings(settings))
    assert skipped == []
    assert (art.text, art.title, art.date, art.outlet) == (
        ONE,
        "Border talks",
        "2024-05-02",
        "Gazette",
    )
    assert "csv_url_column 'link' is not a column of this file; not read" in art.notes
    wrong = read_articles([str(path)], columns=Columns(text="body"))
    assert wrong[1][0].reason.startswith("no column named 'body'")


def test_short_rows_empty_rows_and_a_broken_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(f'id,title,text\n1,A,"{ONE}"\n2\n3,C,\n4,D,"unterminated\n', encoding="utf-8")
    articles, skipped = read_articles([str(path)])
    assert [a.id for a in articles] == ["1", "4"]
    reasons = {s.source: s.reason for s in skipped}
    assert reasons[f"{path}:row 2"].startswith("row has 1 fields, the header has 3")
    assert reasons[f"{path}:row 3"].startswith("no text")
    # csv reads an unterminated quote at the end as a field running to the end: nothing lost
    assert articles[1].text == "unterminated\n" and len(reasons) == 2


@pytest.mark.parametrize("value", [3, True, ["text"]])
def test_csv_settings_must_be_text(value):
    with pytest.raises(ConfigError, match="csv_text_column must be text"):
        load_settings(csv_text_column=value)


def test_compare_reads_csv_with_the_column_settings_of_a_config_file(tmp_path, fake_models):
    from overlap.pipeline import compare

    copy = (
        "Officials from both countries met on Thursday to discuss security cooperation "
        "along the border between the two states, a government spokesman said."
    )
    path = _csv(tmp_path / "wire.csv", [["story", "paper"], [copy, "Gazette"], [copy, "Herald"]])
    config = tmp_path / "overlap.toml"
    config.write_text(
        'csv_text_column = "story"\ncsv_outlet_column = "paper"\ncache_path = '
        f'"{tmp_path / "c.sqlite"}"\njudge = false\n',
        encoding="utf-8",
    )
    result = compare([str(path)], load_settings(config))
    assert [(a.source, a.outlet) for a in result.articles] == [
        (f"{path}:row 1", "Gazette"),
        (f"{path}:row 2", "Herald"),
    ]
    assert list(result.skipped) == []
    assert any(f.kind.value == "verbatim" for f in result.findings)
