"""`digest run`: build then send, under a lock that a second run (or a killed one) respects."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.cli import main
from digest.exitcodes import ExitCode
from digest.send.lock import run_lock
from tests.smtp_server import DATE, PEOPLE, SUBJECT, Mailbox, Server, digest, project


@pytest.fixture
def server() -> Iterator[Server]:
    """Run a plain SMTP server on 127.0.0.1 for one test."""
    srv = Server(Mailbox()).start()
    yield srv
    srv.stop()


def test_run_builds_then_sends_then_has_nothing_to_do(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    first = digest("run", "-c", config, "--date", DATE.isoformat())
    assert first.exit_code == ExitCode.OK, first.output
    assert first.stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"
    html = tmp_path / "output" / "2025-12-03" / "issue.html"
    built_at = html.stat().st_mtime_ns
    second = digest("run", "-c", config, "--date", DATE.isoformat())
    assert second.exit_code == ExitCode.NOTHING_TO_DO
    assert second.stdout == "Nothing to do: already sent to all 3 recipients.\n"
    assert html.stat().st_mtime_ns == built_at, "an issue that went out is never rebuilt"
    assert sorted(r.rcpt_tos[0] for r in server.mailbox.received) == PEOPLE


def test_quiet_run_prints_nothing_on_success(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    result = digest("run", "-q", "-c", config, "--date", DATE.isoformat())
    assert (result.exit_code, result.output) == (ExitCode.OK, "")


def test_second_run_while_the_first_holds_the_lock(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    output = tmp_path / "output"
    with run_lock(output / ".digest") as lock:
        result = digest("run", "-c", config, "--date", DATE.isoformat())
        blocked_send = digest("send", "-c", config, "--date", DATE.isoformat())
    assert result.exit_code == ExitCode.LOCKED
    assert result.stderr == (
        f"Error: another digest run is in progress (pid {os.getpid()}); "
        f"lock file {lock}; not starting\n"
    )
    assert blocked_send.exit_code == ExitCode.LOCKED
    assert server.mailbox.received == []
    assert not (output / "2025-12-03").exists()


def test_a_killed_run_leaves_no_stale_lock(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from digest.send.lock import run_lock\n"
         "with run_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)",
         str(tmp_path / "output" / ".digest")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert digest("run", "-c", config, "--date", DATE.isoformat()).exit_code == ExitCode.LOCKED
    finally:
        holder.kill()
        holder.wait()
    result = digest("run", "-c", config, "--date", DATE.isoformat())
    assert result.exit_code == ExitCode.OK
    # The lock lives in the private state folder, never in the published output folder.
    assert (tmp_path / "output" / ".digest" / "run.lock").exists()
    assert not (tmp_path / "output" / ".digest.lock").exists()


def test_run_without_inputs_is_an_input_error(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    config.write_text(config.read_text().replace("inputs: ", "inputs: []\n# "), encoding="utf-8")
    result = digest("run", "-c", config, "--date", DATE.isoformat())
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == "Error: no inputs: set 'inputs' in config.yaml\n"


def test_the_console_script_exits_with_the_codes(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    config = project(tmp_path, server.port, build=False)
    args = ["digest", "run", "-c", str(config), "--date", DATE.isoformat()]
    monkeypatch.setattr(sys, "argv", args)
    server.mailbox.data_refusals["bernd@example.org"] = "550 5.1.1 User unknown"
    with pytest.raises(SystemExit) as partial:
        main()
    server.mailbox.data_refusals.clear()
    with pytest.raises(SystemExit) as rest:
        main()
    with pytest.raises(SystemExit) as nothing:
        main()
    codes = [partial.value.code, rest.value.code, nothing.value.code]
    assert codes == [ExitCode.PARTIAL, ExitCode.OK, ExitCode.NOTHING_TO_DO]
    out = capsys.readouterr()
    assert out.err == (
        f"Sent '{SUBJECT}' to 2 of 3 recipients; "
        "1 failed: bernd@example.org (550 5.1.1 User unknown).\n"
    )
    assert out.out == (
        f"Sent '{SUBJECT}' to 1 of 3 recipients (2 already had it).\n"
        "Nothing to do: already sent to all 3 recipients.\n"
    )


def test_run_sends_nothing_when_the_issue_has_no_news(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    empty = tmp_path / "leer"
    empty.mkdir()
    text = config.read_text("utf-8").splitlines()
    config.write_text("\n".join(f"inputs: {empty}" if ln.startswith("inputs:") else ln
                                for ln in text) + "\n", "utf-8")  # fmt: skip
    result = digest("run", "-c", config, "--date", DATE.isoformat())
    assert result.exit_code == ExitCode.NOTHING_TO_DO
    assert result.stdout == "Nothing to do: the issue of 2025-12-03 has no news; not sent.\n"
    assert server.mailbox.received == []
    assert (tmp_path / "output" / "2025-12-03" / "issue.json").is_file()
