"""The run lock: one ``digest run``, ``send`` or ``build`` per output folder at a time.

The lock file lives in the private state folder (``.digest/run.lock``), not in the
published output folder. It is an exclusive ``flock``: the kernel drops it when the process
dies, so a kill leaves no stale lock. The file is opened without following links and must
be a plain file with one name: a lock file that is a link (symbolic or hard) to another
file would otherwise be truncated and overwritten with our pid.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from digest.errors import DigestError
from digest.exitcodes import ExitCode

LOCK_NAME = "run.lock"


class LockedError(DigestError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


class UnsafeLockError(DigestError):
    """The lock file is a link or not a plain file: refuse rather than write through it."""


def _open(path: Path) -> int:
    """Open (or create) the lock file itself, never what a link points at."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeLockError(f"lock file {path} is a symbolic link; not starting") from None
        if exc.errno == errno.EISDIR:
            raise UnsafeLockError(f"lock file {path} is not a plain file; not starting") from None
        raise DigestError(f"lock file {path}: {exc.strerror or exc}; not starting") from None
    info = os.fstat(fd)
    problem = "" if stat.S_ISREG(info.st_mode) else "is not a plain file"
    problem = problem or ("has other names (hard links)" if info.st_nlink > 1 else "")
    if problem:
        os.close(fd)
        raise UnsafeLockError(f"lock file {path} {problem}; not starting")
    return fd


@contextmanager
def run_lock(folder: Path) -> Iterator[Path]:
    """Hold an exclusive flock on ``<folder>/run.lock``; the kernel drops it if we die."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            pid = f" (pid {holder})" if holder.isdigit() else ""
            raise LockedError(
                f"another digest run is in progress{pid}; lock file {path}; not starting"
            ) from None
        # Only now: we hold the lock on our own plain file. The pid is only for the message
        # above; the flock itself is the lock.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the flock
