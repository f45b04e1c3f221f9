"""A killed `index add` leaves the previous state usable: killed while embedding, and killed
after its new vector file is in place but before the database commit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from overlap.archive import build
from overlap.archive.stats import index_stats
from overlap.archive.use import compare_with_index
from overlap.config import Settings

SETTINGS = Settings(judge=False, cache_path=None)

# The writer, in a process of its own: the conftest's fake embedder, and a pause (marked by a
# file) at the point named by argv[3] where the test kills it.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from conftest import FakeEmbedder
    from overlap.archive import build, vectors
    from overlap.config import Settings

    idx, where, marker, files = Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]), sys.argv[5:]

    def pause():
        marker.write_text("here")
        time.sleep(600)

    class Stalling(FakeEmbedder):
        def encode(self, texts):
            out = super().encode(texts)
            if where == "embedding":
                pause()
            return out

    real_write = vectors.write_generation

    def write_then_stall(*args, **kwargs):
        name = real_write(*args, **kwargs)
        if where == "before-commit":
            pause()
        return name

    vectors.write_generation = write_then_stall
    build.add(idx, files, Settings(judge=False, cache_path=None), embedder=Stalling())
    """
)


@pytest.mark.parametrize("where", ["embedding", "before-commit"])
def test_killed_add_leaves_the_previous_index_usable(tmp_path, seeds_dir, fake_embedder, where):
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    idx = tmp_path / "idx"
    build.add(idx, files[:3], SETTINGS, embedder=fake_embedder)
    before = index_stats(idx)
    marker = tmp_path / "paused"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(Path(__file__).parent), str(idx), where, str(marker)]
        + files[3:],
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert writer.poll() is None, "the writer ended before the pause"
            assert time.monotonic() < deadline, "the writer never reached the pause"
            time.sleep(0.05)
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
    after = index_stats(idx)
    assert after["articles"] == before["articles"] == 3
    assert after["vector_file"] == before["vector_file"]
    assert after["vectors_in_file"] == before["vectors_in_file"]
    result = compare_with_index(idx, [], SETTINGS, within=True, embedder=type(fake_embedder)())
    assert {a.id for a in result.articles} == {Path(f).stem for f in files[:3]}
    # The next add finishes the job (the lock died with the writer) and cleans up its files.
    report = build.add(idx, files, SETTINGS, embedder=fake_embedder)
    assert (report.added, report.unchanged) == (2, 3)
    assert index_stats(idx)["articles"] == 5
    assert not list(idx.glob(".*.tmp"))
