"""digest.fsutil.replace_folder: an issue folder is published whole, or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from digest import fsutil
from digest.fsutil import recover_folder, replace_folder

FILES = {"issue.html": b"<p>neu</p>", "issue.txt": b"neu", "issue.json": b"{}"}


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_new_folder_is_published_readable_by_everyone(tmp_path: Path) -> None:
    os.umask(0o077)  # a cron job's strict umask
    try:
        replace_folder(tmp_path / "2025-12-03", FILES)
    finally:
        os.umask(0o022)
    folder = tmp_path / "2025-12-03"
    assert contents(folder) == dict(sorted(FILES.items()))
    assert [p.name for p in tmp_path.iterdir()] == ["2025-12-03"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o644}


def test_a_rebuild_replaces_the_whole_folder(tmp_path: Path) -> None:
    folder = tmp_path / "2025-12-03"
    replace_folder(folder, {"issue.txt": b"alt", "alt.html": b"alt"})
    replace_folder(folder, FILES)
    assert contents(folder) == dict(sorted(FILES.items()))
    assert [p.name for p in tmp_path.iterdir()] == ["2025-12-03"]


def test_a_failure_while_writing_leaves_the_old_folder_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "2025-12-03"
    replace_folder(folder, {"issue.txt": b"alt", "issue.json": b"[]"})
    real = os.fsync
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file of the new build
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        replace_folder(folder, FILES)
    assert contents(folder) == {"issue.json": b"[]", "issue.txt": b"alt"}
    assert [p.name for p in tmp_path.iterdir()] == ["2025-12-03"]


def test_the_fallback_without_exchange_gives_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fsutil, "exchange", lambda a, b: False)
    folder = tmp_path / "2025-12-03"
    replace_folder(folder, {"issue.txt": b"alt"})
    replace_folder(folder, FILES)
    assert contents(folder) == dict(sorted(FILES.items()))
    assert [p.name for p in tmp_path.iterdir()] == ["2025-12-03"]


def test_recover_puts_back_a_folder_a_crash_left_aside(tmp_path: Path) -> None:
    old = tmp_path / ".2025-12-03.old-4711"
    old.mkdir()
    (old / "issue.txt").write_bytes(b"alt")
    (tmp_path / ".2025-12-03.new-abc").mkdir()
    recover_folder(tmp_path / "2025-12-03")
    assert contents(tmp_path / "2025-12-03") == {"issue.txt": b"alt"}
    assert [p.name for p in tmp_path.iterdir()] == ["2025-12-03"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    if not fsutil.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system cannot exchange")
    assert (tmp_path / "b" / "x").read_text() == "a"
    assert list((tmp_path / "a").iterdir()) == []
