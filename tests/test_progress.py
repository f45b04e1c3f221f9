"""Progress on stderr (issue 14 item 3): a status line while a model loads, a bar with counts and
an ETA for each long stage of compare and check, drawn on a (fake) terminal; nothing when stderr
is not a terminal unless --progress asks, and then plain lines. The models are fakes."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from rich.console import Console
from typer.testing import CliRunner

from overlap.cli import app
from overlap.progress import AnnouncedNLI, NoProgress, batch_done
from overlap.progress_bars import Bars

runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WORDS = [
    "harbour",
    "council",
    "budget",
    "river",
    "school",
    "bridge",
    "farmers",
    "police",
    "hospital",
    "railway",
    "election",
    "museum",
    "drought",
    "factory",
    "airport",
    "teachers",
    "festival",
    "library",
    "miners",
    "tunnel",
]


class LoadingNLI:
    """A fake NLI model that loads on first use as the shipped one does (`_load`)."""

    model_id = "fake-nli"

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.loads = 0

    def _load(self) -> None:
        self.loads += 1

    def predict(self, pairs):
        self.calls.append(len(pairs))
        # Scores that depend on the pair alone, so a split batch must give the same rows.
        return np.array([[len(a) % 7 / 10, 0.5, len(b) % 5 / 10] for a, b in pairs])


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=120)


def shown(console: Console) -> str:
    return ANSI.sub("", console.file.getvalue())  # type: ignore[attr-defined]


@pytest.fixture
def corpus(tmp_path, write):
    """Six articles of 15 distinct sentences each: 90 passages, enough for a drawn bar."""
    for a in range(6):
        sentences = [
            f"The {WORDS[(a + i) % 20]} report number {a * 100 + i} was read by {i + 3} "
            f"officials in {WORDS[(a * 3 + i) % 20]} town."
            for i in range(15)
        ]
        write(tmp_path, f"in/{a}.txt", f"Story {a}\n\n" + " ".join(sentences) + "\n")
    return tmp_path / "in"


@pytest.fixture
def loading_models(monkeypatch, tmp_path, fake_embedder):
    fake_embedder._load = lambda: None  # loads on first use, as the shipped embedder does
    monkeypatch.setattr("overlap.models.load_embedder", lambda settings: fake_embedder)
    monkeypatch.setattr("overlap.models.load_nli", lambda: (LoadingNLI(), None))
    monkeypatch.setenv("OVERLAP_CACHE", str(tmp_path / "cache.sqlite"))


@pytest.mark.parametrize("command", ["compare", "check"])
def test_a_terminal_sees_loading_stages_and_counts(
    command, corpus, tmp_path, write, loading_models, monkeypatch
):
    fake = terminal()
    monkeypatch.setattr("overlap.cli_common.err", fake)
    if command == "compare":
        args = ["compare", str(corpus), "--json", str(tmp_path / "r.json")]
    else:
        draft = write(tmp_path, "draft.md", "The harbour report was read by officials.\n")
        args = ["check", str(draft), "--against", str(corpus), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    out = shown(fake)
    assert "loading the embedding model" in out
    assert "finding paraphrase candidates" in out and "aligning passages" in out
    assert "judging" in out
    bar = re.search(r"embedding passages\s.*?(\d+)/(\d+)", out)
    assert bar is not None and int(bar.group(2)) >= 90, out[-2000:]
    assert "ETA" in out
    # The bars are on stderr only: the report on stdout is untouched by them.
    assert "embedding passages" not in result.stdout


def test_no_terminal_no_progress_unless_asked(corpus, tmp_path, loading_models):
    out = tmp_path / "r.json"
    asked = runner.invoke(app, ["compare", str(corpus), "--json", str(out), "--progress"])
    assert asked.exit_code == 0
    lines = asked.stderr.splitlines()
    # Plain lines for a log, no live redraws: a start line, counts, and an end line with seconds.
    assert "\r" not in asked.stderr and "\x1b" not in asked.stderr
    assert "loading the embedding model …" in lines
    total = next(
        int(m.group(1)) for x in lines if (m := re.match(r"embedding passages: 0/(\d+)", x))
    )
    assert total >= 90
    assert any(re.fullmatch(rf"embedding passages: {total}/{total} in \d+\.\d s", x) for x in lines)
    assert any(x.startswith("aligning passages: done in ") for x in lines)
    for args in ([], ["-q"]):  # CliRunner's stderr is not a terminal
        quiet = runner.invoke(app, ["compare", str(corpus), "--json", str(out), *args])
        assert quiet.exit_code == 0 and quiet.stderr == ""


def test_no_progress_beats_a_terminal(corpus, tmp_path, loading_models, monkeypatch):
    fake = terminal()
    monkeypatch.setattr("overlap.cli_common.err", fake)
    result = runner.invoke(
        app, ["compare", str(corpus), "--json", str(tmp_path / "r.json"), "--no-progress"]
    )
    assert result.exit_code == 0 and shown(fake) == ""


def test_a_long_nli_call_has_a_bar_moved_by_its_batches_and_the_same_scores():
    class Batched(LoadingNLI):
        def predict(self, pairs):
            for at in range(0, len(pairs), 32):
                batch_done(len(pairs[at : at + 32]))
            return super().predict(pairs)

    nli = Batched()
    pairs = [(f"premise {'x' * i}", f"hypothesis {'y' * (i % 13)}") for i in range(200)]
    whole = nli.predict(pairs)
    fake = terminal()
    announced = AnnouncedNLI(nli, Bars(fake), "NLI model")
    nli.calls.clear()
    assert np.array_equal(announced.predict(pairs), whole)
    assert nli.calls == [200] and nli.loads == 1  # one call, as without a bar
    out = shown(fake)
    assert "loading the NLI model" in out and "judging: sentence pairs (NLI)" in out
    counts = [int(m) for m in re.findall(r"(\d+)/200", out)]
    assert {32, 64, 96, 200} <= set(counts) and counts == sorted(counts)
    # Loaded once: the next call (the next draft of a check) does not load again.
    announced.predict(pairs[:3])
    assert nli.loads == 1 and announced.model_id == "fake-nli"


def test_small_stages_are_counted_but_not_drawn():
    fake = terminal()
    bars = Bars(fake)
    bars.start("embedding passages", 10)
    bars.advance(10)
    bars.finish()
    assert shown(fake) == ""


def test_check_announces_the_models_once_for_every_stage(tmp_path, write, monkeypatch):
    """The short claims (after analyse) use the announced models too: an NLI model first used
    there says it loads; analyse does not wrap them a second time."""
    from overlap import draft as draft_module
    from overlap.config import Settings
    from overlap.models import Models
    from overlap.progress import AnnouncedEmbedder, announced

    seen = []

    def spy(sent, links, draft_id, sources, models, occurrence, words_only=False):
        seen.append(models)
        return links

    monkeypatch.setattr(draft_module, "short_claim_links", spy)
    write(tmp_path, "src/a.txt", "Story\n\nThe harbour council met on Monday to set a budget.\n")
    draft = write(tmp_path, "draft.md", "The river school opened a new library on Friday.\n")
    embedder = type("E", (), {"model_id": "e", "encode": lambda self, t: np.eye(len(t), 8)})()
    models = Models(embedder, LoadingNLI())
    draft_module.check(
        str(draft),
        [str(tmp_path / "src")],
        Settings(cache_path=None),
        progress=Bars(terminal()),
        models=models,
    )
    assert seen and all(isinstance(m.embedder, AnnouncedEmbedder) for m in seen)
    assert not isinstance(seen[0].embedder._inner, AnnouncedEmbedder)
    again = announced(seen[0], NoProgress())
    assert again is seen[0]


def test_the_embedding_bar_moves_batch_by_batch_between_chunks():
    """embed_texts advances once per 256 texts; the model's batches move the bar in between
    (the shipped embedder reports each batch through progress.batch_done)."""
    from overlap.embed import embed_texts
    from overlap.progress import AnnouncedEmbedder, batch_done

    class Batched:
        model_id, dim = "batched@1", 4

        def encode(self, texts):
            for _ in range(0, len(texts), 32):
                batch_done(min(32, len(texts)))
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    fake = terminal()
    bars = Bars(fake)
    texts = [f"sentence number {i}" for i in range(300)]
    bars.start("embedding passages", len(texts))
    embed_texts(AnnouncedEmbedder(Batched(), bars, "embedding model"), texts, None, bars.advance)
    bars.finish()
    counts = [int(m) for m in re.findall(r"(\d+)/300", shown(fake))]
    assert {32, 64, 256} <= set(counts) and max(counts) == 300
    assert counts == sorted(counts)  # never backwards, never past the chunk's end
    batch_done(5)  # nobody listening: nothing happens
