"""digest.send.lock: one run, send or build at a time, through a lock that never writes through."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from digest.send.lock import LockedError, UnsafeLockError, run_lock


def test_the_lock_is_exclusive(tmp_path: Path) -> None:
    with run_lock(tmp_path), pytest.raises(LockedError, match=r"\(pid \d+\)"), \
            run_lock(tmp_path):  # fmt: skip
        pass


def test_the_lock_is_a_real_flock(tmp_path: Path) -> None:
    with run_lock(tmp_path) as path, open(path) as other:
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert path.read_text() == f"{os.getpid()}\n"


def test_a_symlinked_lock_file_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    precious = tmp_path / "wertvoll.txt"
    precious.write_text("Nicht anfassen.\n")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "run.lock").symlink_to(precious)
    with pytest.raises(UnsafeLockError, match=r"is a symbolic link; not starting$"), \
            run_lock(tmp_path / "state"):  # fmt: skip
        pass
    assert precious.read_text() == "Nicht anfassen.\n"


def test_a_hard_linked_lock_file_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    precious = tmp_path / "wertvoll.txt"
    precious.write_text("Nicht anfassen.\n")
    (tmp_path / "state").mkdir()
    os.link(precious, tmp_path / "state" / "run.lock")
    with pytest.raises(UnsafeLockError, match=r"has other names \(hard links\); not starting$"), \
            run_lock(tmp_path / "state"):  # fmt: skip
        pass
    assert precious.read_text() == "Nicht anfassen.\n"


def test_a_folder_in_place_of_the_lock_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "run.lock").mkdir()
    with pytest.raises(UnsafeLockError, match=r"run.lock is not a plain file; not starting$"), \
            run_lock(tmp_path):  # fmt: skip
        pass
