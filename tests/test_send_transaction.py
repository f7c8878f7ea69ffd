"""digest.send.transaction: the ledger's commit point is right before DATA's final dot."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator

import pytest

from digest.send.transaction import (
    AddressError,
    Lost,
    Reply,
    command_reply,
    transaction,
    wire_address,
)
from tests.smtp_protocol import ProtocolServer, Recorder
from tests.smtp_server import Server

MESSAGE = b"From: digest@lindenau.example\r\nSubject: Test\r\n\r\nHallo\r\n.Punkt am Anfang\r\n"
SENDER = "digest@lindenau.example"


@pytest.fixture
def server() -> Iterator[ProtocolServer]:
    srv = ProtocolServer(Recorder()).start()
    yield srv
    srv.stop()


def connect(srv: Server) -> smtplib.SMTP:
    smtp = smtplib.SMTP("127.0.0.1", srv.port, timeout=5)
    smtp.ehlo()
    return smtp


def send(srv: Server, rcpt: str) -> tuple[Reply, list[int]]:
    """Run one transaction; return the reply and the mailbox size seen at the commit."""
    seen: list[int] = []
    smtp = connect(srv)
    try:
        reply = transaction(
            smtp, SENDER, rcpt, MESSAGE, lambda: seen.append(len(srv.mailbox.received))
        )
    finally:
        smtp.close()
    return reply, seen


def test_the_commit_comes_after_the_body_and_before_the_message_is_stored(
    server: ProtocolServer,
) -> None:
    reply, seen = send(server, "anna@example.org")
    assert reply.ok and str(reply) == "250 2.0.0 Ok: queued"
    assert seen == [0]  # nothing stored at the commit point, one message after it
    [got] = server.mailbox.received
    assert got.data.replace(b"\r\n", b"\n") == MESSAGE.replace(b"\r\n", b"\n")


def test_data_answered_250_is_a_violation_and_never_committed(server: ProtocolServer) -> None:
    server.mailbox.eager_data = True  # type: ignore[attr-defined]
    reply, seen = send(server, "anna@example.org")
    assert (reply.ok, str(reply)) == (False, "protocol violation: DATA answered 250 instead of 354")
    assert seen == []


def test_rcpt_answered_252_is_a_violation(server: ProtocolServer) -> None:
    server.mailbox.rcpt_replies = {"anna@example.org": ["252 2.1.5 Cannot VRFY user"]}
    reply, seen = send(server, "anna@example.org")
    assert (reply.ok, str(reply), seen) == (False, "protocol violation: RCPT answered 252", [])


def test_no_rcpt_after_a_refused_mail_from(server: ProtocolServer) -> None:
    server.mailbox.refuse_mail = "550 5.7.1 Sender address rejected"  # type: ignore[attr-defined]
    reply, _ = send(server, "anna@example.org")
    assert str(reply) == "550 5.7.1 Sender address rejected"
    assert [c.split()[0] for c in server.mailbox.commands] == ["MAIL"]  # type: ignore[attr-defined]


def test_a_4xx_at_rcpt_is_temporary_and_the_connection_carries_on(server: ProtocolServer) -> None:
    server.mailbox.rcpt_replies = {"anna@example.org": ["451 4.7.1 Try again later"]}
    smtp = connect(server)
    first = transaction(smtp, SENDER, "anna@example.org", MESSAGE, lambda: None)
    second = transaction(smtp, SENDER, "anna@example.org", MESSAGE, lambda: None)
    smtp.quit()
    assert first.temporary and second.ok


def test_a_non_ascii_local_part_goes_out_with_smtputf8(server: ProtocolServer) -> None:
    reply, _ = send(server, "jürgen@example.org")
    assert reply.ok
    assert server.mailbox.to("jürgen@example.org")


def test_without_smtputf8_only_that_recipient_fails() -> None:
    srv = ProtocolServer(Recorder(), enable_SMTPUTF8=False).start()
    try:
        smtp = connect(srv)
        bad = transaction(smtp, SENDER, "jürgen@example.org", MESSAGE, lambda: None)
        good = transaction(smtp, SENDER, "carla@bücherei-lindenau.example", MESSAGE, lambda: None)
        smtp.quit()
    finally:
        srv.stop()
    assert str(bad) == "the server does not offer SMTPUTF8, which a non-ASCII address needs"
    assert good.ok
    assert srv.mailbox.to("carla@xn--bcherei-lindenau-jzb.example")


@pytest.mark.parametrize("address", ["bernd\x07@example.org", "bernd\x00@example.org",
                                     "bernd@exa\nmple.org"])  # fmt: skip
def test_control_characters_never_reach_the_wire(address: str) -> None:
    with pytest.raises(AddressError, match="contains a control character"):
        wire_address(address, smtputf8=True)


def test_a_connection_lost_before_the_dot_is_certain(server: ProtocolServer) -> None:
    server.mailbox.go_down_after = 0  # drops the connection at MAIL
    smtp = connect(server)
    committed: list[bool] = []
    with pytest.raises(Lost) as lost:
        transaction(smtp, SENDER, "anna@example.org", MESSAGE, lambda: committed.append(True))
    assert (lost.value.uncertain, committed) == (False, [])


def test_a_connection_lost_after_the_dot_is_uncertain(server: ProtocolServer) -> None:
    server.mailbox.drop_after_data = {"anna@example.org"}
    smtp = connect(server)
    with pytest.raises(Lost) as lost:
        transaction(smtp, SENDER, "anna@example.org", MESSAGE, lambda: None)
    assert lost.value.uncertain
    assert server.mailbox.to("anna@example.org")  # it did arrive: a resend would double it


@pytest.mark.parametrize(
    ("code", "reply"),
    [(0, "250 accepted by 'sendmail'"),
     (75, "451 'sendmail' exited with status 75: queue busy"),
     (67, "554 'sendmail' exited with status 67: queue busy")],
)  # fmt: skip
def test_command_exit_codes(code: int, reply: str) -> None:
    got = command_reply("sendmail", code, "queue busy")
    assert str(got) == reply
    assert got.temporary == (code == 75)
