"""outputs: paths checked before the work, atomic writes (the old file survives a failure)."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from overlap.errors import ConfigError, OverlapError
from overlap.outputs import atomic_path, check_outputs, input_files, write_text


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="--json .*: is a folder; give a file name, such as"):
        check_outputs({"--json": tmp_path}, {})


def test_a_path_under_a_file_is_refused(tmp_path):
    (tmp_path / "report").write_text("x")
    with pytest.raises(ConfigError, match="report is a file, not a folder"):
        check_outputs({"--html": tmp_path / "report" / "deep" / "r.html"}, {})


def test_a_read_only_folder_is_refused(tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    real = os.access
    # root may write anywhere, so the folder's mode alone cannot be tested as root
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(ro) else real(p, mode))
    with pytest.raises(ConfigError, match=f"cannot write in {ro} \\(permission denied\\)"):
        check_outputs({"--markdown": ro / "sub" / "r.md"}, {})


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_is_refused_for_real(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(ConfigError, match="permission denied"):
            check_outputs({"--markdown": ro / "r.md"}, {})
    finally:
        ro.chmod(0o755)


def test_new_folders_and_files_are_fine(tmp_path):
    check_outputs({"--json": tmp_path / "new" / "deeper" / "r.json", "--html": None}, {})
    assert not (tmp_path / "new").exists()  # checking creates nothing


def test_inputs_sidecars_and_duplicates_are_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("An article.")
    protected = input_files([str(tmp_path / "in")])
    with pytest.raises(ConfigError, match="that is the input .*a.txt; writing there would"):
        check_outputs({"--json": tmp_path / "in" / ".." / "in" / "a.txt"}, protected)
    with pytest.raises(ConfigError, match="that is the metadata sidecar"):
        check_outputs({"--markdown": tmp_path / "in" / "metadata.json"}, protected)
    with pytest.raises(ConfigError, match="--html .*: also given to --json"):
        check_outputs({"--json": tmp_path / "r.out", "--html": tmp_path / "r.out"}, {})


def test_write_text_is_atomic_and_keeps_a_plain_mode(tmp_path):
    path = tmp_path / "sub" / "r.md"
    write_text(path, "# one\n")
    assert path.read_text() == "# one\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    path.chmod(0o640)
    write_text(path, "# two\n")
    assert path.read_text() == "# two\n" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["r.md"]  # no temp file left


def test_a_failed_write_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"old": true}\n')

    def half_then_disk_full(tmp):
        tmp.write_text('{"new": ')
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    full = "r.json: cannot write \\(No space left on device\\)"
    with pytest.raises(ConfigError, match=full), atomic_path(path) as tmp:
        half_then_disk_full(tmp)
    assert path.read_text() == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    # a bug in the writer is not turned into an OverlapError
    with pytest.raises(ZeroDivisionError), atomic_path(path) as tmp:
        tmp.write_text(str(1 / 0))
    assert path.read_text() == '{"old": true}\n' and len(list(tmp_path.iterdir())) == 1
    assert issubclass(ConfigError, OverlapError)


def test_a_symlink_is_followed_and_kept(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_text(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
