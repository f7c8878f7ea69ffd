"""Run ``digest`` as its own process under a memory and time cap, as cron would run it.

The hostile-input tests must not take the test machine down with the code they test:
a memory bomb hits ``RLIMIT_AS`` in the child, a quadratic parse the timeout, and the
test reads that as a failure with a clear message instead of hanging or swapping.
Only the command line is used, so the tests do not depend on where modules live.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GIB = 1 << 30
#: Generous for one build of a few small files (a build peaks near 200 MB of address space).
MEMORY = 2 * GIB
SECONDS = 30.0


@dataclass(frozen=True)
class Finished:
    """How a ``digest`` process ended."""

    code: int | None  # None: it was stopped at the time cap
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        """Say how it ended, for assertion messages."""
        if self.code is None:
            return f"still running after {self.seconds:.0f} s (stopped)"
        tail = "\n".join(self.stderr.strip().splitlines()[-3:])
        return f"exit {self.code} after {self.seconds:.1f} s; stderr: {tail!r}"


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [(n, ctypes.c_uint32) for n in ("effective", "permitted", "inheritable")]


def drop_root_override() -> None:
    """Make a root process obey file modes: no capabilities, and none regained on exec.

    Tests run as root here and in CI; a folder of mode 000 is unreadable only this way.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    no_root_and_locked = 0x1 | 0x2  # SECBIT_NOROOT | SECBIT_NOROOT_LOCKED
    if libc.prctl(28, no_root_and_locked, 0, 0, 0) != 0:  # PR_SET_SECUREBITS
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECUREBITS)")
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _caps(memory: int, unprivileged: bool) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.nice(5)  # other workers share this machine
        if unprivileged:
            drop_root_override()

    return apply


def digest(
    *args: object, cwd: Path | None = None, memory: int = MEMORY, seconds: float = SECONDS,
    env: dict[str, str] | None = None, unprivileged: bool = False,
) -> Finished:  # fmt: skip
    """Run ``python -m digest ARGS`` with the caps; never raise on its failure."""
    argv = [sys.executable, "-m", "digest", *(os.fsdecode(a) if isinstance(a, bytes) else str(a)
                                             for a in args)]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(env),
        preexec_fn=_caps(memory, unprivileged),
    )  # fmt: skip
    try:
        out, err = proc.communicate(timeout=seconds)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        code = None
    took = time.monotonic() - started
    return Finished(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), took)


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root, "LC_ALL": "C.UTF-8"}
    return {**env, **(extra or {})}


def issue_json(output: Path, date: str) -> dict[str, Any]:
    """Read ``output/<date>/issue.json``."""
    data: dict[str, Any] = json.loads((output / date / "issue.json").read_text("utf-8"))
    return data


def headlines(issue: dict[str, Any]) -> list[str]:
    """Return the story headlines of an issue.json document."""
    return [str(s["headline"]) for s in issue["stories"]]
