"""The command transport against a script that stores what it gets, and user hooks."""

from __future__ import annotations

import email
import sys
from collections.abc import Iterator
from email.policy import default
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from tests.smtp_server import PEOPLE, SUBJECT, Mailbox, Server, ledger, project, send

STORE = """\
import pathlib, sys
folder = pathlib.Path(sys.argv[1])
data = sys.stdin.buffer.read()
if b"bernd@" in data.split(b"\\r\\n\\r\\n")[0] and (folder / "refuse").exists():
    sys.exit("sendmail: queue file write error")
n = len(list(folder.glob("*.eml")))
(folder / f"{n}.eml").write_bytes(data)
"""


@pytest.fixture
def server() -> Iterator[Server]:
    """Run a plain SMTP server on 127.0.0.1 for one test."""
    srv = Server(Mailbox()).start()
    yield srv
    srv.stop()


def command_project(tmp_path: Path) -> tuple[Path, Path]:
    """Return a config using the command transport, and the folder the command fills."""
    (tmp_path / "store.py").write_text(STORE, encoding="utf-8")
    spool = tmp_path / "spool"
    spool.mkdir()
    extra = f"  transport: command\n  command: [{sys.executable}, {tmp_path / 'store.py'}, {spool}]"
    config = project(tmp_path, 1)
    text = config.read_text(encoding="utf-8").replace("delivery:\n", f"delivery:\n{extra}\n")
    config.write_text(text, encoding="utf-8")
    return config, spool


def test_command_transport_pipes_each_message(tmp_path: Path) -> None:
    config, spool = command_project(tmp_path)
    result = send(config)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"
    messages = [email.message_from_bytes(p.read_bytes(), policy=default) for p in
                sorted(spool.glob("*.eml"))]  # fmt: skip
    assert [m["To"] for m in messages] == PEOPLE
    assert all(m["Subject"] == SUBJECT for m in messages)
    assert send(config).exit_code == ExitCode.NOTHING_TO_DO
    assert len(list(spool.glob("*.eml"))) == 3


def test_command_failure_is_recorded_for_that_recipient(tmp_path: Path) -> None:
    config, spool = command_project(tmp_path)
    (spool / "refuse").touch()
    result = send(config)
    assert result.exit_code == ExitCode.PARTIAL
    reply = "554 'store.py' exited with status 1: sendmail: queue file write error"
    reply = reply.replace("'store.py'", f"'{sys.executable}'")
    assert result.stderr == (
        f"Sent '{SUBJECT}' to 2 of 3 recipients; 1 failed: bernd@example.org ({reply}).\n"
    )
    assert ledger(config)["bernd@example.org"][::2] == ("failed", reply)


HOOK = """\
import json, pathlib
LOG = pathlib.Path(__file__).with_name("hook.log")

def on_issue(issue):
    LOG.write_text(f"issue {issue.date} {len(issue.stories)} stories\\n")

def on_before_send(message):
    if message["To"].addresses[0].username == "bernd":
        return None
    message["X-Digest-Hook"] = "ja"
    return message

def on_after_send(result):
    with LOG.open("a") as f:
        f.write(f"after {result.sent} sent, {result.exit_code.name}\\n")
"""


def with_hook(config: Path, name: str, text: str) -> Path:
    hook = config.parent / name
    hook.write_text(text, encoding="utf-8")
    body = config.read_text(encoding="utf-8")
    config.write_text(body + f"hooks: [{name}]\n", encoding="utf-8")
    return hook


def test_hooks_see_the_issue_change_or_veto_messages_and_get_the_result(
    tmp_path: Path, server: Server
) -> None:
    config = project(tmp_path, server.port)
    hook = with_hook(config, "hooks.py", HOOK)
    result = send(config)
    assert result.exit_code == ExitCode.OK
    assert result.stdout == (
        f"Sent '{SUBJECT}' to 2 of 3 recipients; "
        "1 skipped: bernd@example.org (vetoed by hook 'hooks.py').\n"
    )
    received = [r.parsed() for r in server.mailbox.received]
    assert [m["To"] for m in received] == [PEOPLE[0], PEOPLE[2]]
    assert all(m["X-Digest-Hook"] == "ja" for m in received)
    log = hook.with_name("hook.log").read_text()
    assert log == "issue 2025-12-03 2 stories\nafter 2 sent, OK\n"
    assert ledger(config)["bernd@example.org"][0] == "skipped"


def test_a_hook_that_fails_to_import_is_one_line(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    hook = with_hook(config, "kaputt.py", "def on_issue(issue)\n    pass\n")
    result = send(config)
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr.startswith(f"Error: hook '{hook}': cannot import: SyntaxError: ")
    assert len(result.stderr.splitlines()) == 1
    assert server.mailbox.received == []
