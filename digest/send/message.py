"""The email: one multipart/alternative message per recipient, built from the issue files."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path
from urllib.parse import quote

from digest.config import MailConfig
from digest.errors import DigestError
from digest.i18n import translations
from digest.models import Issue, issue_from_json
from digest.render import subject
from digest.render.templating import wrap
from digest.text.clean import CONTROL

# Anything that could end a header line: CR, LF and the other Unicode line breaks.
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_PRINTABLE = "".join(chr(c) for c in range(33, 127))
# Raw headers (set_raw) are written as they are: Python would otherwise turn a long URL
# into RFC 2047 encoded words, which no client reads as a URL.
_WIRE_POLICY = SMTP.clone(refold_source="none")
# No controls either: NUL or BEL in an address would go out on the wire as they are.
_ATOM = r"[^@\s\x00-\x1f\x7f<>(),;:\"\[\]\\]+"
_ADDR_SPEC = re.compile(rf"{_ATOM}@{_ATOM}\.{_ATOM}")


class NotBuiltError(DigestError):
    """The issue of the requested date has not been built."""


class HeaderError(DigestError):
    """A header value would span lines or is not a usable address."""


@dataclass(frozen=True)
class Recipient:
    """One recipient: the address for the envelope and the ledger, and an optional name."""

    addr: str
    name: str = ""

    @property
    def key(self) -> str:
        """Return the ledger key: case differences never mean a second delivery."""
        return self.addr.lower()

    def header(self) -> Address:
        """Return the ``To`` header value; a non-ASCII domain as punycode."""
        local, _, domain = self.addr.rpartition("@")
        return Address(display_name=self.name, username=local, domain=_ascii_domain(domain))

    @property
    def needs_utf8(self) -> bool:
        """Tell whether the address goes out only over SMTPUTF8, with UTF-8 headers."""
        return not self.addr.rpartition("@")[0].isascii()

    def __str__(self) -> str:
        return self.addr


@dataclass(frozen=True)
class BuiltIssue:
    """An issue as written by ``digest build``: its folder, parsed JSON, HTML and text."""

    folder: Path
    issue: Issue
    html: str
    text: str

    @property
    def subject(self) -> str:
        """Return the subject: the issue title and its long localized date."""
        return one_line(subject(self.issue))


def read_built(folder: Path) -> BuiltIssue:
    """Read the issue files from ``folder``; issue.json marks a complete build."""
    if not (folder / "issue.json").is_file():
        day = folder.name
        raise NotBuiltError(f"no built issue in {folder}: run 'digest build --date {day}' first")
    data = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
    return BuiltIssue(
        folder=folder,
        issue=issue_from_json(data),
        html=(folder / "issue.html").read_text(encoding="utf-8"),
        text=(folder / "issue.txt").read_text(encoding="utf-8"),
    )


def one_line(value: str) -> str:
    """Fold line breaks into single spaces so text from articles cannot add a header."""
    return _LINE_BREAKS.sub(" ", value).strip()


def parse_recipient(value: str) -> Recipient:
    """Parse ``addr`` or ``Name <addr>``; raise ``ValueError`` when it is not an address."""
    if _LINE_BREAKS.search(value):
        raise ValueError("contains a line break")
    found = getaddresses([value.strip()])
    name, addr = found[0] if len(found) == 1 else ("", "")
    if CONTROL.search(value):
        raise ValueError("contains a control character")
    if not _ADDR_SPEC.fullmatch(addr):
        raise ValueError("is not an email address")
    return Recipient(addr=addr, name=name)


def _ascii_domain(domain: str) -> str:
    """Return ``domain`` in punycode (IDNA) where it is not ASCII; as it is if it cannot be."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def _address(value: str, key: str) -> Recipient:
    try:
        return parse_recipient(value)
    except ValueError as exc:
        raise HeaderError(f"mail.{key}: {value!r} {exc}") from None


def message_id(issue: Issue, recipient: Recipient, domain: str) -> str:
    """Return a Message-ID that is the same for the same issue and recipient."""
    digest = hashlib.sha256(f"{issue.date}\n{recipient.key}".encode()).hexdigest()[:20]
    return f"<digest.{issue.date:%Y%m%d}.{digest}@{domain}>"


def list_id(mail: MailConfig, domain: str) -> str:
    """Return the List-Id (RFC 2919): the configured one, else one derived from the sender."""
    value = one_line(mail.list_id or f"digest.{domain}")
    return value if "<" in value else f"<{value}>"


def unsubscribe_headers(mail: MailConfig, personal: str | None = None) -> dict[str, str]:
    """Return List-Unsubscribe and, for an https endpoint, the RFC 8058 one-click header.

    ``personal`` is the recipient's own signed link that replaces ``mail.list_unsubscribe``.
    """
    first = personal or mail.list_unsubscribe
    urls = [_ascii_url(u) for u in (first, mail.list_unsubscribe_mailto) if u]
    if not urls:
        return {}
    value = ", ".join(f"<{u}>" for u in urls)
    if len(value) > 78 - len("List-Unsubscribe: "):
        value = ",\r\n ".join(f"<{u}>" for u in urls)  # fold between URLs, never inside one
    headers = {"List-Unsubscribe": value}
    if any(u.startswith("https://") for u in urls):
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _ascii_url(url: str) -> str:
    """Percent-encode what is not printable ASCII, so the URL goes into the header verbatim."""
    return quote(one_line(url), safe=_PRINTABLE)


def build_message(
    built: BuiltIssue, recipient: Recipient, mail: MailConfig, *,
    now: dt.datetime, test: bool = False, unsubscribe: str | None = None,
) -> EmailMessage:  # fmt: skip
    """Build the message for one recipient: text/plain then text/html, quoted-printable.

    ``unsubscribe`` is the recipient's personal link: it goes into ``List-Unsubscribe`` and
    replaces the footer's link to ``mail.list_unsubscribe`` in both parts.
    """
    msg = EmailMessage(policy=SMTP)
    _add_headers(msg, built, recipient, mail, now=now, test=test, unsubscribe=unsubscribe)
    text, body = built.text, built.html
    if unsubscribe and mail.list_unsubscribe:
        text, body = personal_links(text, body, mail.list_unsubscribe, unsubscribe)
    if test:
        text, body = _with_banner(text, body, recipient, built.issue.locale)
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(body, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def personal_links(text: str, body: str, base: str, personal: str) -> tuple[str, str]:
    """Put ``personal`` where the issue links ``base``: the HTML's hrefs, the text's link list."""
    href = f'href="{html.escape(base, quote=True)}"'
    body = body.replace(href, f'href="{html.escape(personal, quote=True)}"')
    listed = re.compile(rf"^(\[\d+\] ){re.escape(base)}$", re.MULTILINE)
    return listed.sub(lambda m: m.group(1) + personal, text), body


def _add_headers(
    msg: EmailMessage, built: BuiltIssue, recipient: Recipient, mail: MailConfig, *,
    now: dt.datetime, test: bool, unsubscribe: str | None,
) -> None:  # fmt: skip
    sender = _address(mail.sender, "from")
    domain = sender.addr.rpartition("@")[2]
    msg["From"] = sender.header()
    msg["To"] = recipient.header()
    msg["Subject"] = f"[TEST] {built.subject}" if test else built.subject
    msg["Date"] = format_datetime(now)
    # A test copy gets a fresh ID: it must never look like the real delivery to dedupers.
    real_id = message_id(built.issue, recipient, domain)
    msg["Message-ID"] = make_msgid("digest-test", domain) if test else real_id
    if mail.reply_to:
        msg["Reply-To"] = _address(mail.reply_to, "reply_to").header()
    ident = list_id(mail, domain)
    if ident.isascii():
        msg.set_raw("List-Id", ident)
    else:
        msg["List-Id"] = ident
    for name, value in unsubscribe_headers(mail, unsubscribe).items():
        msg.set_raw(name, value)


def _with_banner(text: str, body: str, recipient: Recipient, locale: str) -> tuple[str, str]:
    """Put a visible test banner on top of both parts."""
    banner = translations(locale).gettext(
        "TEST – this copy went to %(address)s only and does not count as sent."
    ) % {"address": recipient.addr}
    rule = "=" * 78
    text = f"{rule}\n{wrap(banner)}\n{rule}\n\n{text}"
    block = (
        '<div style="background:#fff3bf;border:3px solid #b8860b;color:#000000;'
        'font:bold 16px Arial,sans-serif;padding:12px;margin:0 0 12px 0;text-align:center">'
        f"{html.escape(banner)}</div>"
    )
    opening = re.search(r"<body\b[^>]*>", body, flags=re.IGNORECASE)
    at = opening.end() if opening else 0
    return text, body[:at] + block + body[at:]


def message_bytes(msg: EmailMessage, *, utf8: bool = False) -> bytes:
    """Serialize ``msg`` with CRLF line ends, as it goes over the wire.

    ``utf8``: headers in UTF-8 (RFC 6532), for a recipient whose address needs SMTPUTF8.
    """
    return msg.as_bytes(policy=_WIRE_POLICY.clone(utf8=True) if utf8 else _WIRE_POLICY)


def envelope_sender(mail: MailConfig) -> str:
    """Return the address for SMTP ``MAIL FROM``."""
    return _address(mail.sender, "from").addr
