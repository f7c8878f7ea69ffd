"""IMAP folders: ``imap://`` or ``imaps://USER@HOST[:PORT]/FOLDER``, read without changing them.

The folder is opened with EXAMINE (read-only) and messages are fetched with
``BODY.PEEK[]``, so neither flags nor the message count change. ``imaps://`` is implicit
TLS; ``imap://`` upgrades with STARTTLS and sends the password in the clear only to a
loopback host that offers no STARTTLS. The certificate is always verified (the system
store, which honours ``SSL_CERT_FILE``, plus ``cafile``). The password comes from an
environment variable, never from the configuration file.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import imaplib
import logging
import os
import re
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from digest.config.inputs import ImapAddress, InputSpec
from digest.models import Skipped
from digest.sources.input import Input, SourceError, fetched, named_outlet
from digest.sources.maildir import MAIL_KIND
from digest.sources.neterr import network_reason

log = logging.getLogger(__name__)

TIMEOUT = 30.0
MAX_MESSAGES = 1000  # the newest this many: a digest reads a night's mail, not an archive
_BATCH = 50
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")


class ImapError(SourceError):
    """An IMAP folder that could not be read; the message is the reason."""


def imap_inputs(
    spec: InputSpec, *, max_bytes: int, env: Mapping[str, str] | None = None,
    since: dt.date | None = None, timeout: float = TIMEOUT,
) -> tuple[list[Input], list[Skipped]]:  # fmt: skip
    """Read the folder of ``spec``: one ``.eml`` input per message, oversized ones skipped.

    ``since`` leaves out messages that arrived before that day (IMAP ``SINCE``).
    Raise ``ImapError`` with a one-line reason if the folder cannot be read.
    """
    address = spec.imap
    password = (os.environ if env is None else env).get(spec.password_env, "")
    if not password:
        raise ImapError(f"no password: set the environment variable {spec.password_env}")
    client = _connect(address, _context(spec.cafile), timeout)
    try:
        inputs, skipped = _read(client, address, password, since, max_bytes)
        outlet = named_outlet(spec.name)
        return [replace(i, outlet=outlet) for i in inputs], skipped
    except (imaplib.IMAP4.abort, OSError, EOFError) as exc:
        raise ImapError(_reason(exc, address, timeout)) from None
    finally:
        _logout(client)


def _context(cafile: Path | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if cafile:
        context.load_verify_locations(cafile=str(cafile))
    return context


def _where(address: ImapAddress) -> str:
    return f"{address.host}:{address.port}"


def _reason(exc: BaseException, address: ImapAddress, timeout: float) -> str:
    known = network_reason(exc, address.host, _where(address), timeout)
    return known or f"connection to {_where(address)} lost ({_text(exc)})"


def _connect(address: ImapAddress, context: ssl.SSLContext, timeout: float) -> imaplib.IMAP4:
    """Connect with TLS (implicit or STARTTLS), or in the clear only to this machine."""
    try:
        if address.implicit_tls:
            return imaplib.IMAP4_SSL(
                address.host, address.port, ssl_context=context, timeout=timeout
            )
        client = imaplib.IMAP4(address.host, address.port, timeout=timeout)
    except (imaplib.IMAP4.error, OSError, EOFError) as exc:
        raise ImapError(_reason(exc, address, timeout)) from None
    try:
        if "STARTTLS" in client.capabilities:
            client.starttls(ssl_context=context)
        elif not address.loopback:
            raise ImapError(
                f"{_where(address)} does not offer STARTTLS: use imaps:// (the password is "
                "never sent unencrypted to another host)"
            )
    except (imaplib.IMAP4.error, OSError, EOFError) as exc:
        _logout(client)
        raise ImapError(_reason(exc, address, timeout)) from None
    except ImapError:
        _logout(client)
        raise
    return client


def _read(
    client: imaplib.IMAP4, address: ImapAddress, password: str, since: dt.date | None,
    max_bytes: int,
) -> tuple[list[Input], list[Skipped]]:  # fmt: skip
    _login(client, address, password)
    _examine(client, address)
    uids = _search(client, since)
    if len(uids) > MAX_MESSAGES:
        log.warning("'%s' holds %d messages; only the newest %d are read",
                    address.url, len(uids), MAX_MESSAGES)  # fmt: skip
        uids = uids[-MAX_MESSAGES:]
    sizes = _sizes(client, uids)
    wanted = [u for u in uids if sizes.get(u, 0) <= max_bytes]
    skipped = [
        Skipped(file=_name(address, u), reason=f"message too large ({sizes[u]:,} bytes, "
                f"limit {max_bytes:,})")
        for u in uids if sizes.get(u, 0) > max_bytes
    ]  # fmt: skip
    inputs = [
        fetched(_name(address, uid), data, address.url, MAIL_KIND)
        for uid, data in _bodies(client, wanted)
    ]
    return inputs, skipped


def _name(address: ImapAddress, uid: int) -> str:
    return f"{address.url};UID={uid}"


def _login(client: imaplib.IMAP4, address: ImapAddress, password: str) -> None:
    """Log in with one mechanism (PLAIN, which carries UTF-8, else LOGIN)."""
    try:
        if "AUTH=PLAIN" in client.capabilities:
            secret = f"\0{address.user}\0{password}".encode()
            client.authenticate("PLAIN", lambda _challenge: secret)
        else:
            client.login(address.user, password)
    except imaplib.IMAP4.error as exc:
        raise ImapError(
            f"IMAP server {_where(address)} refused the login of {address.user!r}: {_text(exc)}"
        ) from None


def _examine(client: imaplib.IMAP4, address: ImapAddress) -> None:
    """Open the folder read-only (EXAMINE)."""
    status, data = client.select(quote(encode_folder(address.folder)), readonly=True)
    if status != "OK":
        raise ImapError(
            f"cannot open folder {address.folder!r} on {_where(address)}: {_text(data)}"
        )


def _search(client: imaplib.IMAP4, since: dt.date | None) -> list[int]:
    criteria = ["SINCE", f"{since.day}-{_MONTHS[since.month - 1]}-{since.year}"] if since else \
        ["ALL"]  # fmt: skip
    status, data = client.uid("SEARCH", *criteria)
    if status != "OK":
        raise ImapError(f"search failed: {_text(data)}")
    return sorted(int(u) for chunk in data if chunk for u in bytes(chunk).split())


def _sizes(client: imaplib.IMAP4, uids: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for batch in _batches(uids):
        status, data = client.uid("FETCH", batch, "(UID RFC822.SIZE)")
        if status != "OK":
            raise ImapError(f"fetch failed: {_text(data)}")
        for item in data:
            head = item[0] if isinstance(item, tuple) else item
            uid, size = _UID.search(head or b""), _SIZE.search(head or b"")
            if uid and size:
                sizes[int(uid.group(1))] = int(size.group(1))
    return sizes


def _bodies(client: imaplib.IMAP4, uids: list[int]) -> Iterator[tuple[int, bytes]]:
    """Yield each message's bytes; BODY.PEEK[] leaves the \\Seen flag alone."""
    for batch in _batches(uids):
        status, data = client.uid("FETCH", batch, "(UID BODY.PEEK[])")
        if status != "OK":
            raise ImapError(f"fetch failed: {_text(data)}")
        pending: bytes | None = None
        for item in data:
            if isinstance(item, tuple):
                head, pending = item[0], item[1]
                uid = _UID.search(head)
                if uid:
                    yield int(uid.group(1)), pending
                    pending = None
            elif pending is not None and item:
                uid = _UID.search(item)  # "UID n" came after the literal
                if uid:
                    yield int(uid.group(1)), pending
                pending = None


def _batches(uids: list[int]) -> Iterator[str]:
    for start in range(0, len(uids), _BATCH):
        yield ",".join(str(u) for u in uids[start : start + _BATCH])


def _logout(client: imaplib.IMAP4) -> None:
    with contextlib.suppress(imaplib.IMAP4.error, OSError, EOFError):
        client.logout()


def _text(value: object) -> str:
    """Render a server answer or an error as one line of text."""
    if isinstance(value, BaseException):
        value = value.args[0] if len(value.args) == 1 else str(value)
    if isinstance(value, list | tuple):
        value = b" ".join(v if isinstance(v, bytes) else str(v).encode() for v in value if v)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())


def encode_folder(name: str) -> str:
    """Encode a folder name in IMAP's modified UTF-7 (RFC 3501 5.1.3): "Nachrichten/Überblick"."""
    out: list[str] = []
    wide: list[str] = []

    def flush() -> None:
        if wide:
            raw = "".join(wide).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode("ascii").rstrip("=").replace("/", ",")
                       + "-")  # fmt: skip
            wide.clear()

    for char in name:
        if " " <= char <= "~":
            flush()
            out.append("&-" if char == "&" else char)
        else:
            wide.append(char)
    flush()
    return "".join(out)


def quote(name: str) -> str:
    """Quote a folder name as an IMAP string."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
