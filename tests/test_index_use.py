"""compare and check against an index give the findings that passing the same sources directly
gives, without re-embedding what the index holds."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from overlap.archive import build
from overlap.archive.use import check_with_index, compare_with_index
from overlap.config import Settings
from overlap.draft import DEFAULT_FAIL_ON, check
from overlap.pipeline import compare
from overlap.report import check_report
from overlap.segment import segment

SETTINGS = Settings(judge=False, cache_path=None)


def _findings(result, only: set[str] | None = None) -> list[tuple]:
    return sorted(
        (f.id, f.kind.value, round(f.score, 6), f.a.article, f.a.start, f.b.article, f.b.start)
        for f in result.findings
        if only is None or {f.a.article, f.b.article} & only
    )


def test_within_index_equals_compare_of_the_same_folder(tmp_path, seeds_dir, fake_embedder):
    idx = tmp_path / "idx"
    stored = build.add(idx, [str(seeds_dir)], SETTINGS, embedder=fake_embedder)
    direct = compare([str(seeds_dir)], SETTINGS, embedder=type(fake_embedder)())
    reader = type(fake_embedder)()
    via = compare_with_index(idx, [], SETTINGS, within=True, embedder=reader)
    assert _findings(direct) and _findings(via) == _findings(direct)
    # The sentence vectors come from the index; the paragraphs the shortlist confirms are
    # encoded, as a direct run encodes them (the index keeps their mean vectors only). The index
    # segments each article alone; a run removes the lines that recur across its articles
    # (chrome) first, which can reshape a paragraph (one, on the seeds): embedded afresh.
    paragraphs = {p.text for a in via.articles for p in segment(a).paragraphs}
    encoded = [t for call in reader.calls for t in call]
    assert sum(t in paragraphs for t in encoded) >= 10
    assert sum(t not in paragraphs for t in encoded) <= 0.02 * stored.embedded


def test_new_articles_against_the_index_equal_the_direct_findings(
    tmp_path, seeds_dir, fake_embedder
):
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    idx = tmp_path / "idx"
    build.add(idx, files[:3], SETTINGS, embedder=fake_embedder)
    direct = compare([str(seeds_dir)], SETTINGS, embedder=type(fake_embedder)())
    via = compare_with_index(idx, files[3:], SETTINGS, embedder=type(fake_embedder)())
    new = {a.id for a in direct.articles if a.source in files[3:]}
    assert len(new) == 2
    assert _findings(direct, new) and _findings(via) == _findings(direct, new)


def test_check_against_the_index_equals_check_against_the_folder(
    tmp_path, seeds_dir, fake_embedder
):
    idx = tmp_path / "idx"
    build.add(idx, [str(seeds_dir)], SETTINGS, embedder=fake_embedder)
    draft = str(seeds_dir / "drafts" / "demo-draft.md")
    direct = check(draft, [str(seeds_dir)], SETTINGS, embedder=type(fake_embedder)())
    via = check_with_index(
        [draft], idx, SETTINGS, DEFAULT_FAIL_ON, set(), embedder=type(fake_embedder)()
    )[0]

    def sentences(result):
        return [(c.cls, c.span.text, sorted(lk.id for lk in c.links)) for c in result.sentences]

    assert sentences(via) == sentences(direct)
    assert len({c.cls for c in direct.sentences}) > 1  # a draft with more than one class
    assert check_report.to_document(via)["failed"] == check_report.to_document(direct)["failed"]


def test_cli_index_add_compare_check(tmp_path, seeds_dir, fake_embedder, monkeypatch):
    from typer.testing import CliRunner

    from overlap.cli import app

    monkeypatch.setattr("overlap.models.load_embedder", lambda settings: fake_embedder)
    monkeypatch.setattr("overlap.models.load_nli", lambda: (None, "no NLI model in CLI tests"))
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "cache.sqlite"))
    runner = CliRunner()
    idx = tmp_path / "idx"
    added = runner.invoke(app, ["index", "add", str(seeds_dir), "--index", str(idx)])
    assert added.exit_code == 0, added.output
    assert "5 added" in added.output
    stats = runner.invoke(app, ["index", "stats", "--index", str(idx), "--json"])
    assert stats.exit_code == 0 and '"articles": 5' in stats.output
    direct = runner.invoke(app, ["compare", str(seeds_dir), "--no-judge", "--json", "-"])
    via = runner.invoke(
        app, ["compare", "--index", str(idx), "--within-index", "--no-judge", "--json", "-"]
    )
    assert via.exit_code == 0, via.output
    assert _json(via.output)["findings"] == _json(direct.output)["findings"]
    draft = str(seeds_dir / "drafts" / "demo-draft.md")
    checked = runner.invoke(
        app, ["check", draft, "--index", str(idx), "--no-judge", "--format", "json"]
    )
    assert checked.exit_code in (0, 1), checked.output
    # Bad input: exit 2 and one Error line, never a traceback.
    missing = runner.invoke(app, ["check", draft, "--index", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no index at" in missing.output
    both = runner.invoke(app, ["check", draft, "--index", str(idx), "--against", str(seeds_dir)])
    assert both.exit_code == 2 and "not both" in both.output
    alone = runner.invoke(app, ["compare", "--within-index"])
    assert alone.exit_code == 2 and "needs --index" in alone.output
    assert runner.invoke(app, ["index", "vacuum", "--index", str(idx)]).exit_code == 0
    removed = runner.invoke(app, ["index", "remove", str(seeds_dir), "--index", str(idx)])
    assert removed.exit_code == 0 and "5 articles removed" in removed.output


def _json(text: str) -> dict:
    import json

    return json.loads(text[text.index("{") :])


# --- real articles (../shared/data/news, not in the repository) --------------------------------

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"


def _reuters_files(tmp_path: Path, limit: int) -> list[str]:
    path = NEWS / "reuters21578" / "reut2-000.sgm"
    if not path.exists():
        pytest.skip(f"news corpus not found at {path} (../shared/data/news)")
    raw = path.read_bytes().decode("latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)][:limit]
    folder = tmp_path / "reuters"
    folder.mkdir()
    for i, body in enumerate(bodies):
        (folder / f"r{i:04d}.txt").write_text(body, encoding="utf-8")
    return sorted(str(p) for p in folder.glob("*.txt"))


def test_real_reuters_articles_against_the_index(tmp_path, fake_embedder):
    """100 real Reuters stories (with their reissued near-duplicates), the last 20 compared
    against an index of the first 80. The index picks every stored article that a direct compare
    of all 100 pairs with a new one, and on the articles it picks it finds exactly what a direct
    compare of those articles finds. (Against the direct compare of all 100 a few paraphrase
    findings can differ: the paraphrase scorer weighs words by their rarity among the articles
    compared, and each sentence keeps its nearest neighbours among them.)"""
    files = _reuters_files(tmp_path, 100)
    idx = tmp_path / "idx"
    build.add(idx, files[:80], SETTINGS, embedder=fake_embedder)
    direct = compare(files, SETTINGS, embedder=type(fake_embedder)())
    via = compare_with_index(idx, files[80:], SETTINGS, embedder=type(fake_embedder)())
    new = {a.id for a in direct.articles if a.source in files[80:]}
    picked = {a.id for a in via.articles}
    paired = {
        x
        for f in direct.findings
        if {f.a.article, f.b.article} & new
        for x in (f.a.article, f.b.article)
    }
    assert len(paired - new) > 3 and paired <= picked
    assert len(picked) < len(direct.articles)
    same = compare(sorted(a.source for a in via.articles), SETTINGS, embedder=type(fake_embedder)())
    assert _findings(via) and _findings(via) == _findings(same, new)
