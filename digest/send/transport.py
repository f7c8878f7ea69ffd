"""Transports hand one message to one recipient: an SMTP server or a local command.

Each calls ``on_commit`` at the one moment the message can first arrive (right before
DATA's final dot; before a command reads the message), so the ledger marks a recipient
as in flight only then (``digest.send.transaction``).
"""

from __future__ import annotations

import os
import smtplib
import ssl
import subprocess
from collections.abc import Callable
from typing import Protocol

from digest.config import Config, SmtpConfig
from digest.errors import ConfigError, DigestError
from digest.send.transaction import Lost, Reply, command_reply, reply_text, transaction

COMMAND_TIMEOUT = 120.0
Commit = Callable[[], None]


class Unreachable(DigestError):
    """No connection to the server could be made; nothing was handed over."""


class ConnectionLost(Exception):
    """The connection broke during a transaction; ``uncertain`` if after the final dot."""

    def __init__(self, reason: str, *, uncertain: bool) -> None:
        super().__init__(reason)
        self.uncertain = uncertain


class Transport(Protocol):
    """What the sender needs from a transport."""

    def open(self) -> None:
        """Connect if not connected; raise ``Unreachable`` or ``DigestError``."""

    def send(self, sender: str, recipient: str, data: bytes, on_commit: Commit) -> Reply:
        """Hand ``data`` over for ``recipient``, calling ``on_commit`` when it can first
        arrive; raise ``ConnectionLost`` on a broken link."""

    def close(self) -> None:
        """Drop the connection; the next ``open`` reconnects."""


class SmtpTransport:
    """Send through an SMTP server with STARTTLS, implicit TLS or (only if set) in the clear."""

    def __init__(self, smtp: SmtpConfig, password: str | None) -> None:
        self.config = smtp
        self.password = password
        self.where = f"{smtp.host}:{smtp.port}"
        self._smtp: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        # The system trust store (which honours SSL_CERT_FILE), plus smtp.cafile if given.
        context = ssl.create_default_context()
        if self.config.cafile:
            context.load_verify_locations(cafile=str(self.config.cafile))
        return context

    def open(self) -> None:
        """Connect, secure the connection and log in, unless already connected."""
        if self._smtp is not None:
            return
        cfg = self.config
        try:
            if cfg.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, timeout=cfg.timeout, context=self._context()
                )
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
            self._smtp = smtp
            self._secure_and_login(smtp)
        except ssl.SSLCertVerificationError as exc:
            self.close()
            reason = exc.verify_message
            raise DigestError(f"TLS certificate of {self.where} not trusted: {reason}") from None
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            reply = Reply(exc.smtp_code, reply_text(exc.smtp_error))
            raise DigestError(f"SMTP server {self.where} refused the login: {reply}") from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Unreachable(f"cannot reach SMTP server {self.where}: {_reason(exc)}") from None

    def _secure_and_login(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo()
        if self.config.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise DigestError(
                    f"SMTP server {self.where} does not offer STARTTLS; "
                    "set smtp.security: ssl, or none to send unencrypted"
                )
            smtp.starttls(context=self._context())
            smtp.ehlo()
        if self.config.username:
            self._login(smtp, self.config.username, self.password or "")

    @staticmethod
    def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
        # One mechanism, so a wrong password yields the server's 535, not the last of a series.
        offered = smtp.esmtp_features.get("auth", "").upper().split()
        for mechanism in ("PLAIN", "LOGIN"):
            if mechanism in offered:
                smtp.user, smtp.password = user, password
                smtp.auth(mechanism, getattr(smtp, f"auth_{mechanism.lower()}"))
                return
        smtp.login(user, password)

    def send(self, sender: str, recipient: str, data: bytes, on_commit: Commit) -> Reply:
        """Run one transaction (``transaction``): ``on_commit`` runs before the final dot."""
        smtp = self._smtp
        assert smtp is not None, "open() first"
        try:
            reply = transaction(smtp, sender, recipient, data, on_commit)
        except Lost as lost:
            self._smtp = None  # closed by ``transaction``
            raise ConnectionLost(str(lost), uncertain=lost.uncertain) from None
        if reply.code == 421 or smtp.sock is None:  # closing, or closed after a violation
            self.close()
        return reply

    def close(self) -> None:
        """Say QUIT if the connection still works, then drop it."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return str(Reply(exc.smtp_code, reply_text(exc.smtp_error)))
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


class CommandTransport:
    """Pipe each message to a local command such as ``sendmail -t -i`` or ``msmtp -t``."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv

    def open(self) -> None:
        """Nothing to connect to."""

    def send(self, sender: str, recipient: str, data: bytes, on_commit: Commit) -> Reply:
        """Run the command with the message on stdin; exit 75 (EX_TEMPFAIL) is temporary,
        any other non-zero exit a refusal."""
        name = self.argv[0]
        on_commit()  # the command may queue the message as soon as it reads it
        try:
            done = subprocess.run(
                self.argv, input=data, capture_output=True, timeout=COMMAND_TIMEOUT, check=False
            )
        except FileNotFoundError:
            raise DigestError(f"delivery.command: '{name}' not found") from None
        except subprocess.TimeoutExpired:
            raise ConnectionLost(f"'{name}' timed out", uncertain=True) from None
        output = reply_text(done.stderr) or reply_text(done.stdout)
        return command_reply(name, done.returncode, output)

    def close(self) -> None:
        """Nothing to close."""


def make_transport(config: Config) -> Transport:
    """Return the configured transport; check its settings before anything is sent."""
    label = str(config.path or "config")
    if config.delivery.transport == "command":
        if not config.delivery.command:
            raise ConfigError([f"{label}: delivery.command: required for transport 'command'"])
        return CommandTransport(list(config.delivery.command))
    smtp = config.smtp
    password = None
    if smtp.username:
        password = os.environ.get(smtp.password_env)
        if not password:
            raise ConfigError([
                f"{label}: smtp.username is set but the environment variable "
                f"{smtp.password_env} (smtp.password_env) is empty"
            ])  # fmt: skip
    return SmtpTransport(smtp, password)


__all__ = ["ConnectionLost", "Reply", "Transport", "Unreachable", "make_transport"]
