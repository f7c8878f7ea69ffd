"""Concurrent and killed runs: one run at a time, and a SIGKILL never loses or repeats work."""

from __future__ import annotations

import asyncio
import gzip
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from digest.exitcodes import ExitCode
from tests.conftest import CORPUS
from tests.smtp_server import DATE, PEOPLE, Mailbox, Server, ledger, project


@dataclass
class SlowMailbox(Mailbox):
    """A mailbox that holds chosen recipients in DATA before storing and answering."""

    delays: dict[str, float] = field(default_factory=dict)
    in_data: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.in_data.append(envelope.rcpt_tos[0])
        await asyncio.sleep(self.delays.get(envelope.rcpt_tos[0], 0))
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow() -> Iterator[Server]:
    """Run an SMTP server whose mailbox the test slows down per recipient."""
    srv = Server(SlowMailbox()).start()
    yield srv
    srv.stop()


def start(config: Path, *args: str) -> subprocess.Popen[str]:
    """Start `digest run` as its own process, as cron would."""
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "run", "-c", str(config), "--date", DATE.isoformat(),
         *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Poll ``condition`` until it holds, or fail the test."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def counts(server: Server) -> dict[str, int]:
    """Return how many messages each recipient got."""
    return {p: len(server.mailbox.to(p)) for p in PEOPLE}


def test_two_runs_started_at_once_one_sends_the_other_reports_the_lock(
    tmp_path: Path, slow: Server
) -> None:
    slow.mailbox.delays = {PEOPLE[0]: 2.0}  # type: ignore[attr-defined]
    config = project(tmp_path, slow.port, build=False)
    first = start(config)
    wait_for(lambda: bool(slow.mailbox.in_data))  # type: ignore[attr-defined]
    second = start(config)
    _out2, err2 = second.communicate(timeout=60)
    out1, _ = first.communicate(timeout=60)
    assert second.returncode == ExitCode.LOCKED
    assert err2.startswith("Error: another digest run is in progress (pid ")
    assert first.returncode == ExitCode.OK, out1
    assert counts(slow) == dict.fromkeys(PEOPLE, 1)


def test_a_run_killed_while_sending_never_sends_twice(tmp_path: Path, slow: Server) -> None:
    slow.mailbox.delays = {PEOPLE[1]: 60.0}  # type: ignore[attr-defined]
    config = project(tmp_path, slow.port, build=False)
    run = start(config)
    wait_for(lambda: PEOPLE[1] in slow.mailbox.in_data)  # type: ignore[attr-defined]
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    states = {r: s[0] for r, s in ledger(config).items()}
    assert states == {PEOPLE[0]: "sent", PEOPLE[1]: "sending"}
    slow.mailbox.delays = {}  # type: ignore[attr-defined]
    again = start(config)
    _, err = again.communicate(timeout=60)
    assert again.returncode == ExitCode.PARTIAL
    assert f"1 uncertain (the connection broke after the message went out; check, then use " \
           f"--resend-uncertain): {PEOPLE[1]}" in err
    assert counts(slow) == {PEOPLE[0]: 1, PEOPLE[1]: 0, PEOPLE[2]: 1}
    resend = subprocess.run(
        [sys.executable, "-m", "digest", "send", "-c", str(config), "--date", DATE.isoformat(),
         "--resend-uncertain"], capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert resend.returncode == ExitCode.OK, resend.stderr
    assert counts(slow) == dict.fromkeys(PEOPLE, 1)


@pytest.mark.skipif(not (CORPUS / "fang-covid-de-2020-11-12.jsonl.gz").exists(),
                    reason="../shared/corpus is not present")  # fmt: skip
def test_a_run_killed_while_building_leaves_no_half_issue(tmp_path: Path, slow: Server) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with gzip.open(CORPUS / "fang-covid-de-2020-11-12.jsonl.gz", "rt", encoding="utf-8") as f:
        (inbox / "agentur.jsonl").write_text("".join(f.readlines()[:1500]), encoding="utf-8")
    config = project(tmp_path, slow.port, build=False,
                     extra="max_input_bytes: 100000000\nmax_age_days: null\n")
    text = config.read_text("utf-8").replace(str(sample_inbox()), str(inbox))
    config.write_text(text, "utf-8")
    run = start(config)
    time.sleep(1.0)
    assert run.poll() is None, "the build finished too fast to be interrupted"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    folder = tmp_path / "output" / DATE.isoformat()
    visible = sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) \
        if folder.exists() else []  # fmt: skip
    assert visible in ([], ["issue.html"], ["issue.html", "issue.txt"],
                       ["index.html", "issue.html", "issue.txt"],
                       ["index.html", "issue.html", "issue.json", "issue.txt"])  # fmt: skip
    assert ledger(config) == {}
    again = start(config)
    _out, err = again.communicate(timeout=300)
    assert again.returncode == ExitCode.OK, err
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["index.html", "issue.html", "issue.json", "issue.txt"]
    assert counts(slow) == dict.fromkeys(PEOPLE, 1)


def sample_inbox() -> Path:
    """Return the sample inbox the delivery tests' config points at."""
    from tests.smtp_server import INBOX

    return INBOX
