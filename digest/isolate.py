"""Run one reader on one input in a forked child with limits; a failure is a one-line reason.

A reader is third-party parsing (the stdlib ``email`` package, lxml, trafilatura,
feedparser, PyYAML) on bytes from anywhere; some inputs make it recurse without end,
allocate gigabytes or run for hours. A forked child is the one boundary that holds for
all of these: its address space is capped (``RLIMIT_AS``), its recursion limit set, its
wall time watched by the parent, and whatever happens to it (even a segfault in C code)
costs only that input. At most ``workers`` children run at once, so a night of many
files uses both cores and no more.

Fork, not spawn: the child starts with the parent's imports (no second start-up of
trafilatura), and the cost per input is a fork and a pickle of the result. What a child
logs comes back with its result, and the caller replays it in the order of the inputs,
so two children at work never mix or reorder the warnings a user reads.
"""

from __future__ import annotations

import ctypes
import faulthandler
import itertools
import logging
import math
import os
import pickle
import resource
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
A = TypeVar("A")

DEFAULT_SECONDS = 30.0
DEFAULT_MEMORY = 1 << 30  # address space a child may add to what it inherits
DEFAULT_RECURSION = 2_000
DEFAULT_WORKERS = 2
SHARE_FROM = 500  # items from which ``in_shares`` gives the work to children ...
SHARE_SECONDS = 60.0  # ... each child given this long, and its items' time on top
#: The logger whose records a child sends back (the package's; the CLI's handler prints them).
LOGGER = "digest"
_CHUNK = 1 << 20
_EX_SOFTWARE = 70
_PR_SET_PDEATHSIG = 1

Said = tuple[str, int, str]  # logger name, level, message: one line a child logged


@dataclass(frozen=True)
class Limits:
    """What one input may cost: wall time, added address space and Python recursion."""

    seconds: float = DEFAULT_SECONDS
    memory: int = DEFAULT_MEMORY
    recursion: int = DEFAULT_RECURSION


@dataclass(frozen=True)
class Failed:
    """An input that could not be read: the reason, one line, for ``skipped`` and the log."""

    reason: str


@dataclass(frozen=True)
class Job(Generic[A]):
    """One input to read: its argument and its own time limit."""

    arg: A
    seconds: float


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one child gave back: its result (or why there is none) and what it logged."""

    value: T | Failed
    said: tuple[Said, ...] = ()

    def replay(self) -> None:
        """Log here what the child logged, as if it had been logged in this process."""
        for name, level, message in self.said:
            logging.getLogger(name).log(level, "%s", message)


def size_name(nbytes: int) -> str:
    """Name a memory size the way the reason shows it: ``1 GiB``, ``512 MiB``."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if nbytes >= 1 << shift:
            return f"{nbytes / (1 << shift):g} {unit}"
    return f"{nbytes} bytes"


def reason_for(
    exc: BaseException, limits: Limits, expected: tuple[type[BaseException], ...]
) -> str:
    """Turn what a reader raised into the one-line reason a user reads."""
    if isinstance(exc, expected):
        return " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, MemoryError):
        return f"needed more than {size_name(limits.memory)}"
    if isinstance(exc, RecursionError):
        return "nesting too deep"
    text = " ".join(str(exc).split())[:200]
    return f"reader failed ({type(exc).__name__}{': ' + text if text else ''})"


def _address_space() -> int:
    """Return the bytes of address space this process maps now (Linux)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        pages = int(f.read().split()[0])
    return pages * resource.getpagesize()


class _Collect(logging.Handler):
    """Keep what the child logs, to be sent back with its result."""

    def __init__(self, said: list[Said]) -> None:
        super().__init__()
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append((record.name, record.levelno, record.getMessage()))


def _capture_logs() -> list[Said]:
    """Route the package logger's records into a list (the child's own copy of the logger)."""
    said: list[Said] = []
    logger = logging.getLogger(LOGGER)
    logger.handlers[:] = [_Collect(said)]
    logger.propagate = False
    return said


def _set_limits(limits: Limits, seconds: float) -> None:
    """In the child: cap the address space, the CPU time and the recursion depth."""
    cap = _address_space() + limits.memory
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    # CPU time as a backstop to the parent's wall clock, should the parent die first.
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    sys.setrecursionlimit(limits.recursion)


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies (Linux), as a kill -9 of
    ``digest`` would otherwise leave it running, holding the parent's run lock."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(_EX_SOFTWARE)


def _child(
    func: Callable[[A], T], arg: A, limits: Limits, seconds: float, write_fd: int,
    expected: tuple[type[BaseException], ...], parent: int,
) -> None:  # fmt: skip
    """In the forked child: set the limits, run, send the pickled outcome, never return."""
    status = 0
    try:
        _die_with(parent)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C stops the parent, which kills us
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the preview's handler: just die
        faulthandler.disable()  # a crash is reported as a reason, not a dump on the user's tty
        said = _capture_logs()
        _set_limits(limits, seconds)
        try:
            outcome: tuple[str, Any, list[Said]] = ("ok", func(arg), said)
        except BaseException as exc:  # everything, by design: the child's last word
            outcome = ("failed", reason_for(exc, limits, expected), said)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except (MemoryError, RecursionError, pickle.PicklingError) as exc:
            data = pickle.dumps(("failed", reason_for(exc, limits, expected), said))
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view[:_CHUNK]) :]
    except BaseException:
        status = _EX_SOFTWARE  # the parent reports a crash
    finally:
        os._exit(status)


@dataclass
class _Running:
    index: int
    pid: int
    fd: int
    deadline: float
    seconds: float
    data: bytearray


def _start(
    index: int, job: Job[A], func: Callable[[A], T], limits: Limits,
    expected: tuple[type[BaseException], ...],
) -> _Running:  # fmt: skip
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(func, job.arg, limits, job.seconds, write_fd, expected, parent)
    os.close(write_fd)
    return _Running(index, pid, read_fd, time.monotonic() + job.seconds, job.seconds, bytearray())


def _finish(run: _Running, timed_out: bool) -> Outcome[Any]:
    """Reap the child and decode its outcome, or explain how it died."""
    if timed_out:
        os.kill(run.pid, signal.SIGKILL)
    os.close(run.fd)
    _, status = os.waitpid(run.pid, 0)
    late = Outcome[Any](Failed(f"took longer than {run.seconds:g} s"))
    if timed_out:
        return late
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGXCPU, signal.SIGKILL):
            return late
        return Outcome(Failed(f"reader crashed ({signal.Signals(sig).name})"))
    code = os.WEXITSTATUS(status)
    if not run.data:
        return Outcome(Failed(f"reader crashed (exit status {code}, no result)"))
    try:
        kind, value, said = pickle.loads(bytes(run.data))
    except Exception:  # a child that died mid-write sent a broken pickle
        return Outcome(Failed(f"reader crashed (exit status {code}, incomplete result)"))
    return Outcome(value if kind == "ok" else Failed(str(value)), tuple(said))


def map_isolated(
    func: Callable[[A], T], jobs: Sequence[Job[A]], limits: Limits = Limits(), *,
    workers: int = DEFAULT_WORKERS, expected: tuple[type[BaseException], ...] = (),
) -> Iterator[tuple[int, Outcome[T]]]:  # fmt: skip
    """Run ``func`` on every job in children, at most ``workers`` at once.

    Yields ``(index, outcome)`` as children finish (not in order). Exceptions of the
    ``expected`` types become ``Failed`` with their message as the reason.
    """
    pending = list(enumerate(jobs))[::-1]
    running: dict[int, _Running] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                index, job = pending.pop()
                run = _start(index, job, func, limits, expected)
                running[run.fd] = run
            yield from _step(running)
    finally:
        for run in running.values():  # the caller stopped early, or Ctrl-C
            os.kill(run.pid, signal.SIGKILL)
            os.close(run.fd)
            os.waitpid(run.pid, 0)


def _step(running: dict[int, _Running]) -> Iterator[tuple[int, Outcome[Any]]]:
    """Wait for output, an end or a deadline; yield what finished."""
    now = time.monotonic()
    wait = max(0.0, min(r.deadline for r in running.values()) - now)
    ready, _, _ = select.select(list(running), [], [], wait)
    for fd in ready:
        run = running[fd]
        chunk = os.read(fd, _CHUNK)
        if chunk:
            run.data += chunk
            continue
        del running[fd]
        yield run.index, _finish(run, timed_out=False)
    now = time.monotonic()
    for fd, run in list(running.items()):
        if now >= run.deadline:
            del running[fd]
            yield run.index, _finish(run, timed_out=True)


def run_isolated(
    func: Callable[[A], T], arg: A, limits: Limits = Limits(), *,
    expected: tuple[type[BaseException], ...] = (),
) -> T | Failed:  # fmt: skip
    """Run ``func(arg)`` in one child under ``limits``; replay what it logged."""
    [(_, outcome)] = list(map_isolated(func, [Job(arg, limits.seconds)], limits, expected=expected))
    outcome.replay()
    return outcome.value


def seconds_for(size: int, one_article: int, limits: Limits) -> float:
    """Return the time limit of an input of ``size`` bytes: one article's worth gets the limit.

    A container (a night of JSON lines, a mailbox) may hold many articles' worth of bytes
    and gets proportionally more time; a small hostile page gets no more than one.
    """
    return limits.seconds * max(1.0, size / max(1, one_article))


def in_shares(
    func: Callable[[int, int], Sequence[T]], n: int, *, item_seconds: float, memory: int,
    workers: int = DEFAULT_WORKERS, what: str = "items",
) -> list[T]:  # fmt: skip
    """Return ``func(0, n)``, computed as one contiguous share per worker in children.

    For work on many independent items the parent already holds (a batch's texts, its
    stories): each child inherits them and computes ``func(start, end)``, one result per
    item, and only the results come back. A child may take ``SHARE_SECONDS`` and
    ``item_seconds`` per item of its share, and add ``memory`` bytes of address space. A
    share whose child fails is computed here, said at ``-v`` (``what`` names the items):
    the work is kept, only slower. Under ``SHARE_FROM`` items everything is computed
    here: a fork and a pickle would cost more than they save.
    """
    if n < SHARE_FROM or workers < 2:
        return list(func(0, n))
    bounds = [n * k // workers for k in range(workers + 1)]
    spans = [(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    limits = Limits(seconds=SHARE_SECONDS + item_seconds * bounds[1], memory=memory)
    done: dict[int, Sequence[T]] = {}
    jobs = [Job(span, limits.seconds) for span in spans]
    for index, outcome in map_isolated(lambda span: func(*span), jobs, limits, workers=workers):
        outcome.replay()
        start, end = spans[index]
        if isinstance(outcome.value, Failed):
            logging.getLogger(LOGGER).info(
                "Working on %s %d to %d in a child failed (%s): done here instead",
                what, start + 1, end, outcome.value.reason)  # fmt: skip
        else:
            done[index] = outcome.value
    found: list[T] = []
    for index, span in enumerate(spans):
        found.extend(done[index] if index in done else func(*span))
    return found
