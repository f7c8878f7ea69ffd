"""Test helpers for delivery: a real aiosmtpd server on loopback and a built sample issue."""

from __future__ import annotations

import datetime as dt
import email
import socket
import sqlite3
import ssl
from contextlib import closing
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner, Result

from digest.build import build_issue, write_issue
from digest.cli import cli
from digest.config import Config, load_config

DATA = Path(__file__).resolve().parent / "data" / "send"
INBOX = DATA / "inbox"
DATE = dt.date(2025, 12, 3)
SUBJECT = "Der Digest – Mittwoch, 3. Dezember 2025"
PEOPLE = ["anna@example.org", "bernd@example.org", "carla@example.org"]


def digest(*args: object) -> Result:
    """Run the CLI in-process; stdout and stderr stay apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ledger(config: Path) -> dict[str, tuple[str, str, str]]:
    """Return recipient -> (state, message_id, reply) from the ledger next to ``config``."""
    path = config.parent / "output" / ".digest" / "state.sqlite3"
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'deliveries'").fetchone():
            return {}
        rows = db.execute("SELECT recipient, state, message_id, reply FROM deliveries").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def send(config: Path, *args: object) -> Result:
    return digest("send", "-c", config, "--date", DATE.isoformat(), *args)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    def parsed(self) -> EmailMessage:
        """Parse the received bytes with the modern email API."""
        msg = email.message_from_bytes(self.data, policy=default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Mailbox:
    """An aiosmtpd handler that stores messages and answers as a test scripts it."""

    received: list[Received] = field(default_factory=list)
    #: recipient -> replies given at RCPT before accepting (e.g. one "451 …")
    rcpt_replies: dict[str, list[str]] = field(default_factory=dict)
    #: recipient -> a permanent refusal at the end of DATA
    data_refusals: dict[str, str] = field(default_factory=dict)
    #: stop listening and drop the connection at MAIL once this many messages arrived
    go_down_after: int | None = None
    #: recipients whose message is stored, then the connection drops before the reply
    drop_after_data: set[str] = field(default_factory=set)
    logins: list[tuple[str, str]] = field(default_factory=list)
    tls_sessions: int = 0
    listener: Any = None

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.go_down_after is not None and len(self.received) >= self.go_down_after:
            self.listener.close()  # nothing listens any more: reconnects are refused
            server.transport.close()
            return "421 4.3.2 Service shutting down"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        queue = self.rcpt_replies.get(address)
        if queue:
            return queue.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        refusal = self.data_refusals.get(envelope.rcpt_tos[0])
        if refusal:
            return refusal
        if session.ssl is not None:
            self.tls_sessions += 1
        got = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        self.received.append(got)
        if envelope.rcpt_tos[0] in self.drop_after_data:
            server.transport.close()  # the message arrived, but the client never hears so
        return "250 2.0.0 Ok: queued"

    def to(self, address: str) -> list[Received]:
        """Return the messages received for ``address``."""
        return [r for r in self.received if address in r.rcpt_tos]


class Server:
    """An aiosmtpd controller on 127.0.0.1 that can be stopped and started on the same port."""

    def __init__(self, mailbox: Mailbox, port: int | None = None, **smtp: Any) -> None:
        self.mailbox = mailbox
        self.port = port or free_port()
        self.smtp = smtp
        self.controller: Controller | None = None

    def start(self) -> Server:
        """Start listening."""
        self.controller = Controller(
            self.mailbox, hostname="127.0.0.1", port=self.port, **self.smtp
        )
        self.controller.start()
        self.mailbox.listener = self.controller.server  # for go_down_after
        return self

    def stop(self) -> None:
        """Stop listening (idempotent)."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def authenticator(mailbox: Mailbox, user: str, password: str) -> Any:
    """Return an aiosmtpd authenticator accepting ``user``/``password`` only."""

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword):
            login, secret = data.login.decode(), data.password.decode()
            mailbox.logins.append((login, secret))
            return AuthResult(success=(login, secret) == (user, password), handled=False)
        return AuthResult(success=False, handled=False)

    return check


def config_text(port: int, output: Path, *, to: list[str] | None = None, extra: str = "") -> str:
    """Return a config.yaml for sending the sample issue through a loopback server."""
    people = PEOPLE if to is None else to
    recipients = "".join(f"\n    - {a}" for a in people) if people else " []"
    return f"""\
title: Der Digest
locale: de_DE
timezone: Europe/Berlin
inputs: {INBOX}
output: {output}
impressum: Lindenauer Testverlag, Seestraße 1, 12345 Lindenau
sources:
  - match: "*.txt"
    name: Lindenauer Bote
smtp:
  host: 127.0.0.1
  port: {port}
  security: none
  timeout: 5
mail:
  from: Der Digest <digest@lindenauer-digest.de>
  reply_to: redaktion@lindenauer-digest.de
  list_unsubscribe: https://lindenauer-digest.de/abmelden
  list_unsubscribe_mailto: mailto:abmelden@lindenauer-digest.de
  list_id: Der Digest <digest.lindenauer-digest.de>
  to:{recipients}
delivery:
  retries: 2
  backoff: 0.01
{extra}"""


def build_sample(config: Config, date: dt.date = DATE) -> Path:
    """Build and write the sample issue; return its folder."""
    return write_issue(build_issue(config, date=date), config)


def project(tmp: Path, port: int, *, build: bool = True, **kwargs: Any) -> Path:
    """Write config.yaml into ``tmp`` (and build the issue); return the config path."""
    path = tmp / "config.yaml"
    path.write_text(config_text(port, tmp / "output", **kwargs), encoding="utf-8")
    if build:
        build_sample(load_config(path))
    return path


def tls_contexts(tmp: Path) -> tuple[ssl.SSLContext, Path]:
    """Create a CA and a certificate for 127.0.0.1; return the server context and CA file."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server)
    cafile = tmp / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    return server, cafile
