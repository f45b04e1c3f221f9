"""`--engine ray`: without Ray installed, a clear error (exit 2) naming the extra to install; with
it, on a local Ray cluster of two workers started here, `index add` builds the index the local
engine builds and `compare` (files, or against an index) gives the local engine's JSON result,
run timings aside. On the seeds and on 50 real Reuters stories (../shared/data/news)."""

from __future__ import annotations

import html
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overlap.archive import build
from overlap.archive.use import compare_with_index
from overlap.cli import app
from overlap.config import Settings
from overlap.pipeline import compare
from overlap.report.json import to_document

runner = CliRunner()
NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
NO_JUDGE = Settings(judge=False, cache_path=None)


# --- without Ray ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["compare", "{seeds}", "--engine", "ray"], ["index", "add", "{seeds}", "--index", "{idx}"]],
)
def test_engine_ray_without_ray_says_how_to_install_it(monkeypatch, tmp_path, seeds_dir, command):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` fails as if never installed
    monkeypatch.setitem(sys.modules, "ray.data", None)
    args = [a.format(seeds=seeds_dir, idx=tmp_path / "idx") for a in command]
    if args[0] == "index":
        args += ["--engine", "ray"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "--engine ray needs Ray Data" in result.output
    assert "pip install 'overlap[ray]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "idx").exists()  # nothing was started or written


def test_a_ray_address_nothing_answers_on_is_a_clear_error(monkeypatch, tmp_path, seeds_dir):
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'overlap[ray]')")
    if ray.is_initialized():
        pytest.skip("a Ray cluster is already connected: RAY_ADDRESS is not read")
    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:9")  # the discard port: nothing listens
    result = runner.invoke(
        app, ["index", "add", str(seeds_dir), "--index", str(tmp_path / "idx"), "--engine", "ray"]
    )
    assert result.exit_code == 2, result.output
    assert "cannot reach the Ray cluster at RAY_ADDRESS=127.0.0.1:9" in result.output
    assert not (tmp_path / "idx").exists()


def test_an_unknown_engine_is_a_usage_error(seeds_dir):
    result = runner.invoke(app, ["compare", str(seeds_dir), "--engine", "spark"])
    assert result.exit_code == 2
    assert "spark" in result.output


# --- on a local Ray cluster of two workers --------------------------------------------------------


@pytest.fixture(scope="module")
def cluster():
    ray = pytest.importorskip(
        "ray", reason="Ray is not installed (pip install 'overlap[ray]'): the Ray engine not tested"
    )
    pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'overlap[ray]')")
    import torch

    # Each Ray actor encodes on one thread (engines/ray_stages.py). The bf16 kernels round by
    # thread count (a vector moves by up to 2e-3 between one and two threads), so the local
    # engine these tests compare against runs on one thread too; restored afterwards.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    from overlap.engines.ray_runtime import ray_cluster

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    with ray_cluster():  # connected already: only Ray Data's settings, as a run makes them
        yield ray
    ray.shutdown()
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def reuters(tmp_path_factory) -> list[str]:
    """50 real Reuters stories (reissued near-duplicates among them), one file each, written to
    a temporary folder: the corpus stays outside the repository."""
    path = NEWS / "reuters21578" / "reut2-000.sgm"
    if not path.exists():
        pytest.skip(f"news corpus not found at {path} (../shared/data/news)")
    raw = path.read_bytes().decode("latin-1")
    bodies = [html.unescape(b) for b in re.findall(r"<BODY>(.*?)</BODY>", raw, re.S)][:50]
    folder = tmp_path_factory.mktemp("reuters")
    for i, body in enumerate(bodies):
        (folder / f"r{i:04d}.txt").write_text(body, encoding="utf-8")
    return sorted(str(p) for p in folder.glob("*.txt"))


def _document(result) -> dict:
    """The JSON result without the run's timings (the only part that may differ)."""
    doc = to_document(result)
    doc.pop("run")
    return doc


def _rows(folder: Path) -> dict[str, list[str]]:
    """Every row of every table of an index, sorted: equal for equal indexes."""
    db = sqlite3.connect(folder / "index.sqlite")
    try:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        db.close()


def test_compare_on_ray_equals_local_on_the_seeds(cluster, seeds_dir):
    """With judging: the NLI pairs are scored by the cluster's actors."""
    from overlap.engines.ray_compare import ray_compare

    s = Settings(cache_path=None)
    local = compare([str(seeds_dir)], s)
    on_ray = ray_compare(None, False)([str(seeds_dir)], s)
    assert local.findings and any(f.judgement is not None for f in local.findings)
    assert _document(on_ray) == _document(local)


def test_compare_on_ray_equals_local_on_real_news(cluster, reuters):
    from overlap.engines.ray_compare import ray_compare

    local = compare(reuters, NO_JUDGE)
    on_ray = ray_compare(None, False)(reuters, NO_JUDGE)
    assert len(local.findings) > 5
    assert _document(on_ray) == _document(local)


def test_index_add_on_ray_builds_the_local_index(cluster, tmp_path, seeds_dir, reuters):
    """The same rows (articles, passages, signatures, vectors, settings), then the same findings
    of new articles compared against it on Ray and locally."""
    from overlap.engines.ray_compare import ray_compare
    from overlap.engines.ray_index import add_with_ray

    # New: 13 stories, three of them reissues of stored ones (r0015, r0032, r0034).
    new = [reuters[n] for n in (15, 32, 34)] + reuters[40:]
    inputs = [str(seeds_dir), *(r for r in reuters if r not in new)]
    local = build.add(tmp_path / "local", inputs, NO_JUDGE)
    on_ray = add_with_ray(tmp_path / "ray", inputs, NO_JUDGE)
    assert on_ray == local and local.embedded > 200
    assert _rows(tmp_path / "ray") == _rows(tmp_path / "local")
    again = add_with_ray(tmp_path / "ray", inputs, NO_JUDGE)
    assert (again.added, again.unchanged) == (0, local.added)  # incremental, as locally

    direct = compare_with_index(tmp_path / "local", new, NO_JUDGE)
    via = ray_compare(tmp_path / "ray", False)(new, NO_JUDGE)
    assert direct.findings and _document(via) == _document(direct)


def test_copy_pairs_on_ray_are_the_local_copy_pairs(cluster, seeds_dir, reuters):
    """The two groupbys on banded shingle keys accept the pairs copy_pairs accepts, in its
    order, containment included: on the seeds and on real stories with reissues among them."""
    from overlap.engines.ray_candidates import copy_pairs_on
    from overlap.ingest import read_articles
    from overlap.pipeline import segment_all
    from overlap.shingles import copy_pairs
    from overlap.textnorm import folded_words

    s = NO_JUDGE
    for inputs in ([str(seeds_dir)], reuters):
        articles, _ = read_articles(inputs)
        tokens = [folded_words(x.text) for seg in segment_all(articles, s) for x in seg.sentences]
        rule = (s.shingle_size, s.max_shingle_frequency, s.min_shared_shingles)
        rule += (s.min_containment, s.min_clause_shingles)
        local = copy_pairs(tokens, *rule)
        assert len(local) > 10
        assert copy_pairs_on(2)(tokens, *rule) == local
    # A stock phrase (a shingle in more units than max_frequency) counts for no pair there either.
    stock = [["in", "the", "year", "of", str(n)] for n in range(8)] + [["a", "b", "c"]] * 2
    assert copy_pairs_on(2)(stock, 3, 5, 1, 0.1) == copy_pairs(stock, 3, 5, 1, 0.1) == [(8, 9, 1.0)]


def test_sharded_search_is_the_vector_files_search(cluster, tmp_path):
    """Each shard searched exactly on a worker, the answers merged: the keys and cosines of the
    whole file's exact search, paragraph-mean keys (the high bit) and duplicates included: the
    same cosines (to a last bit now and then) and the same neighbours, but where two tie at the
    k-th place (a passage stored twice), where either may be the one kept."""
    import numpy as np

    from overlap.archive.passages import MEAN_BIT
    from overlap.archive.vectors import VectorFile, add_keys, open_generation, write_generation
    from overlap.engines.ray_search import ShardedVectors

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(600, 384)).astype(np.float32)
    vectors[300:310] = vectors[:10]  # the same passage stored twice
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keys = np.arange(1, 601, dtype=np.int64)
    keys[::3] |= MEAN_BIT
    index = open_generation(tmp_path, None, 384)
    add_keys(index, keys, vectors)
    name = write_generation(tmp_path, 1, index)
    local = VectorFile(tmp_path, name)
    queries = vectors[:40] + 0.2 * rng.normal(size=(40, 384)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    sharded = ShardedVectors(local, tmp_path / name, 2)
    for k in (5, 30):
        want_keys, want_cosines = local.search(queries, k)
        got_keys, got_cosines = sharded.search(queries, k)
        assert want_keys.shape == (40, k)
        assert np.allclose(got_cosines, want_cosines, rtol=0, atol=1e-6)
        for got, want, cosines in zip(got_keys, want_keys, want_cosines, strict=True):
            above_a_tie = cosines > cosines[-1] + 1e-6
            assert set(got[above_a_tie]) == set(want[above_a_tie])
            assert len(set(got)) == k
    assert len(sharded) == 600


def test_alignment_in_batches_of_pairs_finds_what_the_whole_run_finds(reuters):
    """ray_align's batches (each with its pairs' candidates) aligned by align_stage against the
    run's articles give the whole run's findings, in another order; on real stories whose
    reissues share copied text, rewrites and shared runs among them. No cluster: the map's
    step, run here."""
    from overlap.candidates import ParaphraseCandidates
    from overlap.engines.ray_align import pair_batch
    from overlap.ingest import read_articles
    from overlap.pipeline import align_stage, copy_stage, segment_all

    s = NO_JUDGE
    segs = segment_all(read_articles(reuters)[0], s)
    copies, _, hidden = copy_stage(segs, s)
    none = ParaphraseCandidates({}, {}, 0, 0, 0, 0.5, 0.5)
    whole = align_stage(segs, copies, none, hidden, s)
    pairs = sorted(copies)
    # Enough to compare (the count moves with the linking rule: 7 with a bar scaled to short
    # articles, 5 without); the assertion that matters is the equality below.
    assert len(pairs) > 3 and len(whole) >= 4
    # Rewrites (no paraphrase candidates were given), scored by the run's word rarity:
    assert any(f.kind == "paraphrase" for f in whole)
    batched = []
    for chunk in (pairs[:1], pairs[1:3], pairs[3:]):
        batched += align_stage(segs, *pair_batch(chunk, copies, none), hidden, s)
    assert sorted(map(repr, batched)) == sorted(map(repr, whole))


# --- judging in batches of findings (ray_judge's two maps, run here: no cluster) --------------


class _HashedNLI:
    """Probabilities from a hash of the pair (deterministic, different for each direction); it
    keeps every list of pairs it was asked to score."""

    model_id = "hashed-nli@1"

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs):
        import zlib

        import numpy as np

        self.calls.append(list(pairs))
        raw = np.array(
            [[zlib.crc32(f"{a}\0{b}\0{n}".encode()) % 997 + 1 for n in range(3)] for a, b in pairs],
            dtype=np.float32,
        ).reshape(-1, 3)
        return raw / raw.sum(axis=1, keepdims=True)


@pytest.fixture
def to_judge(seeds_dir, reuters, fake_embedder):
    """What pipeline.analyse hands the judging stage (aligned findings and claim pairs, the
    run's articles), what judge_stage answers and the pairs it gave the model, on the seeds and
    25 Reuters stories (reissues among them): with a bag-of-words embedder and a hashed NLI
    model, so no model loads."""
    from overlap.ingest import read_articles
    from overlap.models import Models, load_scorer
    from overlap.pipeline import analyse, judge_stage

    handed = []

    def judge(findings, segs, models, s, store):
        whole = judge_stage(findings, segs, models, s, store)
        handed.append((list(findings), list(segs), models, s, whole))
        return whole

    s = Settings(cache_path=None)
    articles, _ = read_articles([str(seeds_dir), *reuters[:25]])
    analyse(articles, [], s, Models(fake_embedder, _HashedNLI(), load_scorer()), judge=judge)
    (found,) = handed
    return found


def test_the_pairs_planned_ahead_are_those_judge_all_gives_the_model(to_judge):
    """ray_judge.model_pairs restates judge_all's rule of which sentence pairs the model reads;
    if the two part, the pairs scored ahead are not the local ones (and a batch would fail)."""
    from overlap.engines.ray_judge import model_pairs

    findings, segs, models, _, _ = to_judge
    wanted = model_pairs(findings, {seg.article.id: seg for seg in segs})
    assert len(wanted) > 20 and len({f.kind for f in findings}) >= 3
    # nli_pairs.pair_scores asks for each pair both ways, each reading once.
    assert models.nli.calls == [list(dict.fromkeys(wanted + [(b, a) for a, b in wanted]))]


def test_judging_in_batches_of_findings_gives_the_whole_runs_verdicts(to_judge):
    """ray_judge's maps (plan each batch, score the run's pairs once, judge each batch against
    those scores) give judge_stage's findings, in its order, for any cut into batches."""
    pytest.importorskip("ray", reason="Ray is not installed (pip install 'overlap[ray]')")
    import pickle

    from overlap.engines.ray_judge import judge_batches, plan_batches
    from overlap.judge import Thresholds
    from overlap.nli_pairs import pair_scores

    findings, segs, models, s, whole = to_judge
    assert sum(f.judgement is not None and f.judgement.nli is not None for f in whole) > 10
    for cuts in ((0, len(findings)), (0, 1, 7, 30, len(findings))):
        work = [pickle.dumps(findings[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
        batch = {"batch": list(range(len(work))), "work": work}
        planned = [pickle.loads(p) for p in plan_batches(batch, segs)["out"]]
        wanted = list(dict.fromkeys(p for pairs in planned for p in pairs))
        scores = dict(zip(wanted, pair_scores(models.nli, wanted), strict=True))
        judged = judge_batches(batch, segs, scores, Thresholds.from_settings(s))["out"]
        assert [f for out in judged for f in pickle.loads(out)] == whole


def test_neighbours_in_shards_of_row_blocks_are_the_whole_matrixs(cluster):
    """ray_neighbours: dense_hits' row blocks cut into shards, each computed on a worker: the
    same hits, to the bit and in the same order, as the blocks computed in one loop here
    (blocks of 64 rows here, so that 600 vectors make 10 blocks); one block is computed here."""
    import numpy as np

    from overlap.engines.ray_neighbours import neighbours_on, sharded_dense_hits
    from overlap.neighbours import dense_hits, neighbour_pairs

    rng = np.random.default_rng(11)
    vectors = rng.normal(size=(600, 48)).astype(np.float32)
    vectors[300:320] = vectors[:20] + 0.05 * rng.normal(size=(20, 48)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = np.arange(600) // 30  # 20 "articles" of 30 passages
    local = dense_hits(vectors, groups, 0.2, 5, 64)
    sharded = sharded_dense_hits(vectors, groups, 0.2, 5, 64, 2)
    assert len(local.rows) > 100 and set(local.rows[local.sims > 0.9]) >= set(range(20))
    for got, want in zip(sharded, local, strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want)
    with neighbours_on(2):
        on_ray = neighbour_pairs(vectors, groups, 0.2, 5, block=64)
    assert on_ray == neighbour_pairs(vectors, groups, 0.2, 5, block=64)


def test_neighbours_in_shards_of_kmeans_cells_are_the_whole_runs(cluster):
    """Above neighbour_pairs' exact_max, ivf_hits: its cells cut into shards of about equal
    work, each computed on a worker; the same hits, to the bit and in the same order (1,500
    vectors in 12 cells, each row probing 3 here, so that cells are small and many)."""
    import numpy as np

    from overlap.engines.ray_neighbours import neighbours_on
    from overlap.neighbours import ivf_hits, neighbour_pairs

    rng = np.random.default_rng(5)
    centres = rng.normal(size=(12, 32)).astype(np.float32)
    vectors = centres[rng.integers(0, 12, 1500)] + 0.6 * rng.normal(size=(1500, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    groups = np.arange(1500) // 25
    local = ivf_hits(vectors, groups, 0.3, 5, cells=12, nprobe=3)
    with neighbours_on(2):
        sharded = ivf_hits(vectors, groups, 0.3, 5, cells=12, nprobe=3)
        on_ray = neighbour_pairs(vectors, groups, 0.3, 5, exact_max=1000)
    assert len(local.rows) > 1000
    for got, want in zip(sharded, local, strict=True):
        assert got.dtype == want.dtype and np.array_equal(got, want)
    assert on_ray == neighbour_pairs(vectors, groups, 0.3, 5, exact_max=1000)
