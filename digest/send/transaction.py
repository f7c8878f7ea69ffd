"""One SMTP transaction with a commit point: the only moment a message can be delivered.

Until the final ``.`` of DATA goes out, a server must discard the transaction if the
connection breaks (RFC 5321, 4.1.1.4): nothing can have arrived. So the ledger's
"in flight" mark belongs right before that dot, not before connecting: ``transaction``
calls ``on_commit`` after the body and before the dot, and a connection lost before it
is a plain failure to retry, never a doubt. Replies outside the protocol (DATA answered
250 instead of 354, RCPT answered 252) are failures: no body went out. MAIL FROM refused
means no RCPT at all. Non-ASCII addresses go out with SMTPUTF8 when the server offers
it (a non-ASCII domain always as punycode), else only that recipient fails.

The ledger states this implies are listed in ``digest.send.ledger.STATES``.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

CRLF = b"\r\n"
#: sendmail's exit code for "try again later" (sysexits.h EX_TEMPFAIL).
EX_TEMPFAIL = 75


@dataclass(frozen=True)
class Reply:
    """A final answer for one recipient: the server's code and text, or our own reason."""

    code: int | None
    text: str

    @property
    def ok(self) -> bool:
        """The server accepted the complete message."""
        return self.code is not None and 200 <= self.code < 300

    @property
    def temporary(self) -> bool:
        """A 4xx: the same message may go through on a later try."""
        return self.code is not None and 400 <= self.code < 500

    def __str__(self) -> str:
        return self.text if self.code is None else f"{self.code} {self.text}".strip()


def violation(text: str) -> Reply:
    """A reply outside the protocol: a failure, never a send."""
    return Reply(None, f"protocol violation: {text}")


class Lost(Exception):
    """The connection broke; ``uncertain`` only if it broke after the final dot went out."""

    def __init__(self, reason: str, *, uncertain: bool) -> None:
        super().__init__(reason)
        self.uncertain = uncertain


class AddressError(ValueError):
    """An address that cannot go on the wire as it is; the message says why."""


def wire_address(address: str, *, smtputf8: bool) -> str:
    """Return ``address`` as it goes into MAIL/RCPT: punycode domain, checked local part."""
    if any(ord(c) < 32 or ord(c) == 127 for c in address):
        raise AddressError("contains a control character")
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise AddressError("is not an email address")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise AddressError(f"has a domain that is not a valid name ({domain})") from None
    if not local.isascii() and not smtputf8:
        raise AddressError("the server does not offer SMTPUTF8, which a non-ASCII address needs")
    return f"{local}@{ascii_domain}"


def reply_text(raw: bytes | str) -> str:
    """Return a server's reply text (or a command's output) as one line."""
    value = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return " ".join(value.split())


def _body(data: bytes) -> bytes:
    """Dot-stuff ``data`` and end it with CRLF, without the final dot."""
    lines = re.sub(rb"\r\n|\n|\r", CRLF, data)
    quoted = re.sub(rb"(?m)^\.", b"..", lines)
    return quoted if quoted.endswith(CRLF) else quoted + CRLF


def _refused(smtp: smtplib.SMTP, reply: Reply) -> Reply:
    """End a refused transaction with RSET so the connection can carry the next one."""
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError):
        smtp.close()
    return reply


def _envelope(smtp: smtplib.SMTP, sender: str, recipient: str) -> Reply | None:
    """Run MAIL and RCPT; return the failure, or None when DATA may follow."""
    utf8 = bool(smtp.has_extn("smtputf8"))
    try:
        wire_from = wire_address(sender, smtputf8=utf8)
        wire_to = wire_address(recipient, smtputf8=utf8)
    except AddressError as exc:
        return Reply(None, str(exc))
    needs = not (wire_from.isascii() and wire_to.isascii())
    code, text = smtp.mail(wire_from, ["SMTPUTF8"] if needs else [])
    if code != 250:
        return _refused(smtp, _failure("MAIL", code, text))
    code, text = smtp.rcpt(wire_to)
    if code not in (250, 251):
        return _refused(smtp, _failure("RCPT", code, text))
    return None


def _failure(command: str, code: int, text: bytes | str) -> Reply:
    """A refusal as the server gave it; a success code where none belongs is a violation."""
    if 200 <= code < 300:
        return violation(f"{command} answered {code}")
    return Reply(code, reply_text(text))


def transaction(
    smtp: smtplib.SMTP, sender: str, recipient: str, data: bytes, on_commit: Callable[[], None]
) -> Reply:
    """Deliver ``data`` to one recipient over an open, greeted connection.

    ``on_commit`` runs after the body and before the final dot: the ledger's "in flight".
    Raises ``Lost`` when the connection breaks (``uncertain`` only after the dot).
    """
    try:
        failed = _envelope(smtp, sender, recipient)
        if failed is not None:
            return failed
        smtp.putcmd("data")
        code, text = smtp.getreply()
        if code != 354:
            if 200 <= code < 300:  # the server claims a message it never read
                smtp.close()
                return violation(f"DATA answered {code} instead of 354")
            return _refused(smtp, Reply(code, reply_text(text)))
        smtp.send(_body(data))
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        smtp.close()
        raise Lost(str(exc) or type(exc).__name__, uncertain=False) from None
    on_commit()
    try:
        smtp.send(b"." + CRLF)
        code, text = smtp.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        smtp.close()
        raise Lost(str(exc) or type(exc).__name__, uncertain=True) from None
    reply = Reply(code, reply_text(text))
    return reply if code == 250 else _refused(smtp, reply)


def command_reply(name: str, returncode: int, output: str) -> Reply:
    """Map a local command's exit to a reply: 0 sent, 75 (EX_TEMPFAIL) temporary, else refused."""
    if returncode == 0:
        return Reply(250, f"accepted by '{name}'")
    code = 451 if returncode == EX_TEMPFAIL else 554
    return Reply(code, f"'{name}' exited with status {returncode}: {output or 'no output'}")
