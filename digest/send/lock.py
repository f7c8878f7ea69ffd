"""The run lock: one ``digest run`` or ``send`` per output folder at a time.

The lock file lives in the private state folder (``.digest/run.lock``), not in the
published output folder.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from digest.errors import DigestError
from digest.exitcodes import ExitCode

LOCK_NAME = "run.lock"


class LockedError(DigestError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


@contextmanager
def run_lock(folder: Path) -> Iterator[Path]:
    """Hold an exclusive flock on ``<folder>/run.lock``; the kernel drops it if we die."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            pid = f" (pid {holder})" if holder.isdigit() else ""
            raise LockedError(
                f"another digest run is in progress{pid}; lock file {path}; not starting"
            ) from None
        # The pid is only for the message above; the flock itself is the lock.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the flock
