"""Sending through a real SMTP server on loopback: messages, retries, the ledger, exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from digest.send.tokens import make_token
from tests.conftest import SECRET
from tests.smtp_server import (
    PEOPLE,
    SUBJECT,
    Mailbox,
    Server,
    digest,
    free_port,
    ledger,
    project,
    send,
)  # fmt: skip


@pytest.fixture
def mailbox() -> Mailbox:
    """Return an empty mailbox; set its scripted replies before sending."""
    return Mailbox()


@pytest.fixture
def server(mailbox: Mailbox) -> Iterator[Server]:
    """Run a plain SMTP server on 127.0.0.1 for one test."""
    srv = Server(mailbox).start()
    yield srv
    srv.stop()


def test_send_delivers_each_recipient_once(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    result = send(config)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"
    assert [r.rcpt_tos for r in server.mailbox.received] == [[p] for p in PEOPLE]
    assert {r.mail_from for r in server.mailbox.received} == {"digest@lindenauer-digest.de"}
    state = ledger(config)
    assert {k: v[0] for k, v in state.items()} == dict.fromkeys(PEOPLE, "sent")
    ids = [r.parsed()["Message-ID"] for r in server.mailbox.received]
    assert ids == [state[p][1] for p in PEOPLE] and len(set(ids)) == 3
    assert state[PEOPLE[0]][2] == "250 2.0.0 Ok: queued"


def test_received_message_is_correct_email(tmp_path: Path, server: Server) -> None:
    send(project(tmp_path, server.port))
    raw = server.mailbox.to("bernd@example.org")[0].data
    assert raw.isascii(), "8-bit data needs no 8BITMIME: everything is QP or RFC 2047"
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]  # the subject's en dash, encoded
    msg = server.mailbox.to("bernd@example.org")[0].parsed()
    assert msg["To"] == "bernd@example.org"
    assert msg["From"] == "Der Digest <digest@lindenauer-digest.de>"
    assert msg["Subject"] == SUBJECT
    assert msg["Reply-To"] == "redaktion@lindenauer-digest.de"
    assert msg["Date"].datetime.tzinfo is not None
    assert msg["List-Id"] == "Der Digest <digest.lindenauer-digest.de>"
    token = make_token(SECRET.encode(), "bernd@example.org")  # bernd's own, signed link
    assert msg["List-Unsubscribe"] == (
        f"<https://lindenauer-digest.de/abmelden?t={token}>, "
        "<mailto:abmelden@lindenauer-digest.de>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.iter_parts()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    for part in (plain, html):
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
        assert part.get_content_charset() == "utf-8"
    assert "Neuer Radweg zwischen Lindenau und Grünbach fertig" in plain.get_content()
    assert "„Wir hatten mehr Gäste als im sonnigen Vorjahr“" in plain.get_content()
    assert "Grünbach" in html.get_content() and "<html" in html.get_content()


def test_second_send_has_nothing_to_do(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    send(config)
    again = send(config)
    assert again.exit_code == ExitCode.NOTHING_TO_DO
    assert again.stdout == "Nothing to do: already sent to all 3 recipients.\n"
    assert len(server.mailbox.received) == 3


def test_added_recipient_gets_the_issue_alone(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    send(config)
    project(tmp_path, server.port, build=False, to=[*PEOPLE, "Dora Weiß <dora@example.org>"])
    result = send(config)
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"Sent '{SUBJECT}' to 1 of 4 recipients (3 already had it).\n"
    assert [r.rcpt_tos for r in server.mailbox.received][3:] == [["dora@example.org"]]
    assert server.mailbox.received[3].parsed()["To"] == "Dora Weiß <dora@example.org>"


def test_temporary_451_is_retried(tmp_path: Path, server: Server) -> None:
    server.mailbox.rcpt_replies["bernd@example.org"] = ["451 4.7.1 Greylisted, try again later"]
    result = send(project(tmp_path, server.port))
    assert result.exit_code == ExitCode.OK
    assert len(server.mailbox.to("bernd@example.org")) == 1


def test_temporary_failure_until_retries_run_out(tmp_path: Path, server: Server) -> None:
    server.mailbox.rcpt_replies["bernd@example.org"] = ["451 4.3.0 Busy"] * 3
    config = project(tmp_path, server.port)
    result = send(config)
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stderr == (
        f"Sent '{SUBJECT}' to 2 of 3 recipients; 1 failed: bernd@example.org (451 4.3.0 Busy).\n"
    )
    assert ledger(config)["bernd@example.org"][0] == "failed"


def test_permanent_550_is_partial_and_others_still_get_it(tmp_path: Path, server: Server) -> None:
    server.mailbox.data_refusals["bernd@example.org"] = "550 5.1.1 Mailbox unavailable"
    config = project(tmp_path, server.port)
    result = send(config)
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stdout == ""
    assert result.stderr == (
        f"Sent '{SUBJECT}' to 2 of 3 recipients; "
        "1 failed: bernd@example.org (550 5.1.1 Mailbox unavailable).\n"
    )
    assert [r.rcpt_tos for r in server.mailbox.received] == [[PEOPLE[0]], [PEOPLE[2]]]
    assert ledger(config)["bernd@example.org"][::2] == ("failed", "550 5.1.1 Mailbox unavailable")


def test_server_stopped_mid_run_then_restarted(tmp_path: Path, server: Server) -> None:
    server.mailbox.go_down_after = 1
    config = project(tmp_path, server.port)
    first = send(config)
    assert first.exit_code == ExitCode.PARTIAL
    assert first.stderr == (
        f"Sent '{SUBJECT}' to 1 of 3 recipients; stopped: cannot reach SMTP server "
        f"127.0.0.1:{server.port}: Connection refused; 2 not sent yet, run again.\n"
    )
    assert ledger(config)[PEOPLE[0]][0] == "sent"
    assert ledger(config)[PEOPLE[1]][0] == "failed"
    server.stop()
    restarted = Server(Mailbox(), port=server.port).start()
    try:
        second = send(config)
    finally:
        restarted.stop()
    assert second.exit_code == ExitCode.OK
    assert second.stdout == f"Sent '{SUBJECT}' to 2 of 3 recipients (1 already had it).\n"
    everything = server.mailbox.received + restarted.mailbox.received
    assert sorted(r.rcpt_tos[0] for r in everything) == PEOPLE


def test_unreachable_server_is_one_line_and_nothing_is_sent(tmp_path: Path) -> None:
    port = free_port()
    config = project(tmp_path, port)
    result = send(config)
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr == (
        f"Error: cannot reach SMTP server 127.0.0.1:{port}: Connection refused; nothing was sent\n"
    )
    assert all(state != "sent" for state, _, _ in ledger(config).values())


def test_connection_lost_after_data_is_uncertain_and_not_resent(
    tmp_path: Path, server: Server
) -> None:
    server.mailbox.drop_after_data.add("anna@example.org")
    config = project(tmp_path, server.port)
    first = send(config)
    assert first.exit_code == ExitCode.PARTIAL
    assert first.stderr.startswith(f"Sent '{SUBJECT}' to 2 of 3 recipients; 1 uncertain")
    assert first.stderr.endswith("use --resend-uncertain): anna@example.org.\n")
    assert ledger(config)["anna@example.org"][0] == "sending"
    second = send(config)
    assert second.exit_code == ExitCode.PARTIAL
    assert second.stderr == (
        f"Sent '{SUBJECT}' to 0 of 3 recipients (2 already had it); 1 uncertain (the connection "
        "broke after the message went out; check, then use --resend-uncertain): "
        "anna@example.org.\n"
    )
    assert len(server.mailbox.to("anna@example.org")) == 1
    server.mailbox.drop_after_data.clear()
    third = send(config, "--resend-uncertain")
    assert third.stdout == f"Sent '{SUBJECT}' to 1 of 3 recipients (2 already had it).\n"
    first_copy, second_copy = (r.parsed() for r in server.mailbox.to("anna@example.org"))
    assert first_copy["Message-ID"] == second_copy["Message-ID"]  # so clients can deduplicate


def test_missing_issue_says_build_first(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    result = send(config)
    assert result.exit_code == ExitCode.FAILED
    folder = tmp_path / "output" / "2025-12-03"
    assert result.stderr == (
        f"Error: no built issue in {folder}: run 'digest build --date 2025-12-03' first\n"
    )


def test_recipient_file_with_a_bad_line(tmp_path: Path, server: Server) -> None:
    (tmp_path / "empfaenger.txt").write_text(
        "# Leserinnen und Leser\n\nanna@example.org\nkeine-adresse\n", encoding="utf-8"
    )
    config = project(tmp_path, server.port, to=[])
    text = config.read_text(encoding="utf-8").replace("  to: []", "  to_file: empfaenger.txt")
    config.write_text(text, encoding="utf-8")
    result = send(config)
    assert result.exit_code == ExitCode.CONFIG_ERROR
    assert result.stderr == (
        f"Error: {tmp_path / 'empfaenger.txt'}: line 4: 'keine-adresse' is not an email address\n"
    )
    (tmp_path / "empfaenger.txt").write_text("# Liste\nanna@example.org\n\nAnna@Example.org\n")
    assert send(config).stdout == f"Sent '{SUBJECT}' to 1 of 1 recipient.\n"


def test_dry_run_writes_eml_files_and_sends_nothing(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    result = send(config, "--dry-run")
    folder = tmp_path / "output" / "2025-12-03"
    assert result.exit_code == ExitCode.OK
    private = tmp_path / "output" / ".digest" / "dry-run" / "2025-12-03"
    assert result.stdout == f"Dry run: wrote 3 message(s) to {private}; nothing was sent.\n"
    assert list(folder.glob("*.eml")) == []  # never in the published issue folder
    folder = private
    files = sorted(p.name for p in folder.glob("*.eml"))
    assert files == [f"dry-run-{p}.eml" for p in PEOPLE]
    assert server.mailbox.received == [] and ledger(config) == {}
    assert b"Subject: Der Digest =?utf-8?" in (folder / files[0]).read_bytes()


def test_test_copy_is_marked_and_never_counts(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    result = send(config, "--test", "pruefer@example.org")
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"Sent a test copy of '[TEST] {SUBJECT}' to pruefer@example.org.\n"
    (copy,) = server.mailbox.received
    msg = copy.parsed()
    assert copy.rcpt_tos == ["pruefer@example.org"] and msg["Subject"] == f"[TEST] {SUBJECT}"
    banner = "TEST – diese Ausgabe ging nur an pruefer@example.org"
    plain, html = msg.iter_parts()
    assert plain.get_content().splitlines()[1].startswith(banner)
    assert banner in html.get_content()
    assert ledger(config) == {}
    assert send(config).stdout == f"Sent '{SUBJECT}' to 3 of 3 recipients.\n"


def test_help_shows_examples() -> None:
    for command in ("send", "run"):
        assert "Example" in digest(command, "--help").output
