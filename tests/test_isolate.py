"""digest.isolate: a reader in a forked child under limits; each failure is one line."""

from __future__ import annotations

import ctypes
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.isolate import Failed, Job, Limits, map_isolated, run_isolated, seconds_for


class Unusable(Exception):
    """Stands for the readers' SkipFile."""


def test_the_result_comes_back() -> None:
    assert run_isolated(lambda n: {"n": n * 2}, 21) == {"n": 42}


def test_an_expected_exception_gives_its_message_as_the_reason() -> None:
    def read(_: int) -> None:
        raise Unusable("not a valid gzip file\n(CRC check failed)")

    assert run_isolated(read, 0, expected=(Unusable,)) == Failed(
        "not a valid gzip file (CRC check failed)"
    )


def test_an_unexpected_exception_is_named() -> None:
    assert run_isolated(lambda _: 1 // 0, 0) == Failed(
        "reader failed (ZeroDivisionError: integer division or modulo by zero)"
    )


def test_a_slow_reader_is_stopped_at_its_time_limit() -> None:
    started = time.monotonic()
    result = run_isolated(time.sleep, 30, Limits(seconds=0.5))
    assert result == Failed("took longer than 0.5 s")
    assert time.monotonic() - started < 3


def test_a_busy_loop_is_stopped_too() -> None:
    def spin(_: int) -> None:
        while True:
            pass

    assert run_isolated(spin, 0, Limits(seconds=0.3)) == Failed("took longer than 0.3 s")


def test_a_reader_that_wants_too_much_memory_is_stopped() -> None:
    def hog(_: int) -> int:
        return len(bytearray(2 << 30))

    assert run_isolated(hog, 0, Limits(memory=256 << 20)) == Failed("needed more than 256 MiB")


def test_endless_recursion_is_nesting_too_deep() -> None:
    def deep(n: int) -> int:
        return deep(n + 1) + 1

    assert run_isolated(deep, 0) == Failed("nesting too deep")


def test_a_segfault_costs_only_that_input() -> None:
    def crash(_: int) -> None:
        ctypes.string_at(0)

    assert run_isolated(crash, 0) == Failed("reader crashed (SIGSEGV)")


def test_an_exit_without_a_result_is_a_crash() -> None:
    assert run_isolated(os._exit, 3) == Failed("reader crashed (exit status 3, no result)")


def test_two_workers_run_side_by_side_and_one_failure_spares_the_rest() -> None:
    def nap(seconds: float) -> float:
        if seconds < 0:
            raise RecursionError
        time.sleep(seconds)
        return seconds

    jobs = [Job(0.4, 5.0), Job(-1.0, 5.0), Job(0.4, 5.0), Job(0.4, 5.0), Job(0.4, 5.0)]
    started = time.monotonic()
    results = {i: o.value for i, o in map_isolated(nap, jobs, workers=2)}
    took = time.monotonic() - started
    assert results == {0: 0.4, 1: Failed("nesting too deep"), 2: 0.4, 3: 0.4, 4: 0.4}
    assert 0.8 <= took < 1.6  # four naps of 0.4 s on two workers


def test_each_job_has_its_own_time_limit() -> None:
    results = {i: o.value for i, o in map_isolated(time.sleep, [Job(1.0, 0.3), Job(0.1, 5.0)])}
    assert results == {0: Failed("took longer than 0.3 s"), 1: None}


def test_a_container_gets_time_in_proportion_to_its_size() -> None:
    limits = Limits(seconds=30)
    assert seconds_for(900_000, 5 << 20, limits) == 30
    assert seconds_for(10 << 20, 5 << 20, limits) == 60


def test_the_parent_keeps_its_own_limits() -> None:
    before = sys.getrecursionlimit()
    run_isolated(lambda _: sys.setrecursionlimit(50), 0)
    assert sys.getrecursionlimit() == before


@pytest.mark.parametrize("workers", [1, 2])
def test_stopping_early_kills_the_children(workers: int) -> None:
    results = map_isolated(time.sleep, [Job(30.0, 60.0)] * 3, workers=workers)
    started = time.monotonic()
    with pytest.raises(StopIteration):
        results.close()
        next(results)
    assert time.monotonic() - started < 2


@pytest.fixture
def heard() -> Iterator[list[logging.LogRecord]]:
    """Collect what reaches the package logger in this process (whatever the CLI set up)."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("digest")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def test_what_a_child_logs_comes_back_and_is_logged_once_in_order(
    heard: list[logging.LogRecord],
) -> None:
    def talk(n: int) -> int:
        logging.getLogger("digest.readers").warning("Eingabe %d gelesen", n)
        time.sleep(0.2 if n == 0 else 0.0)  # the first finishes last
        return n

    outcomes = dict(map_isolated(talk, [Job(0, 5.0), Job(1, 5.0)], workers=2))
    assert heard == []  # nothing logged here while the children ran
    for index in sorted(outcomes):
        outcomes[index].replay()
    assert [r.getMessage() for r in heard] == ["Eingabe 0 gelesen", "Eingabe 1 gelesen"]
    assert {r.name for r in heard} == {"digest.readers"}


def test_run_isolated_replays_the_log_at_once(heard: list[logging.LogRecord]) -> None:
    def skip(_: int) -> None:
        logging.getLogger("digest").warning("Achtung")
        raise ValueError("kaputt")

    assert run_isolated(skip, 0, expected=(ValueError,)) == Failed("kaputt")
    assert [r.getMessage() for r in heard] == ["Achtung"]


def test_a_child_dies_with_its_parent(tmp_path: Path) -> None:
    """A kill -9 of digest must not leave a reader running (it would hold the run lock)."""
    script = (
        "import os, sys, time\n"
        "from digest.isolate import Job, Limits, map_isolated\n"
        "def work(path):\n"
        "    open(path, 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        f"list(map_isolated(work, [Job({str(tmp_path / 'child')!r}, 60.0)], Limits(seconds=60)))\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 20
    while not (tmp_path / "child").exists() or not (tmp_path / "child").read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    child = int((tmp_path / "child").read_text())
    parent.kill()
    parent.wait(timeout=10)
    deadline = time.monotonic() + 5
    while Path(f"/proc/{child}").exists() and "zombie" not in _state(child):
        assert time.monotonic() < deadline, "the child outlived its parent"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0]
    except (OSError, IndexError):
        return "zombie"
