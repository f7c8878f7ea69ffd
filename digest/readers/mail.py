"""Newsletters as received: ``.eml`` files and ``.mbox`` mailboxes.

A mail gives the parser both of its parts: the plain text (``format=flowed`` rejoined,
the signature below ``-- `` cut, whatever the line ends) and the HTML part read into
blocks before anything is flattened (``digest.readers.blocks``). Which part carries the
letter better is decided once boilerplate is gone (``digest.parse.newsletter``).
"""

from __future__ import annotations

import email.errors
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr

from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers import maillimits
from digest.readers.blocks import html_blocks
from digest.readers.mailheaders import (
    clean_subject,
    decode_bytes,
    header,
    message_charset,
    raw_headers,
    recipient_of,
)
from digest.text.dates import parse_date

# The "From " line that starts each message of an mbox file.
_MBOX_FROM = re.compile(rb"(?m)^From [^\n]*\n")
# The stdlib's MIME parsing has known crashes on malformed parts; treat those as empty.
_PART_ERRORS = (
    ValueError, IndexError, TypeError, AttributeError, LookupError, KeyError, AssertionError,
    email.errors.HeaderParseError,
)  # fmt: skip


def read(data: bytes, filename: str) -> list[Document]:
    """Read the newsletter in one ``.eml`` file."""
    return [_document(data, filename)]


def read_mbox(data: bytes, filename: str) -> list[Document]:
    """Read every message of an ``.mbox`` mailbox; messages without text are left out."""
    documents = []
    reasons = []
    for chunk in _MBOX_FROM.split(data):
        if not chunk.strip():
            continue
        try:
            documents.append(_document(chunk.replace(b"\n>From ", b"\nFrom "), filename))
        except SkipFile as exc:
            reasons.append(str(exc))
    if not documents and reasons:
        raise SkipFile(f"no message with text in the mailbox ({reasons[0]})")
    return documents


def _document(data: bytes, filename: str) -> Document:
    maillimits.check(data)  # before the parser: it recurses per part, comment and parameter
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise SkipFile("not an email message (no headers)")
    headers = raw_headers(data)
    charset = message_charset(headers, data)
    recipient = recipient_of(headers, charset)
    display, address = parseaddr(header(headers, "from", charset))
    plain = _part_text(message, "plain")
    blocks = tuple(html_blocks(_part_text(message, "html")))
    if not plain.strip() and not blocks:
        raise SkipFile("the email has no text/plain or text/html part with text")
    # A mail is a newsletter: its pieces of news may be stories and items of their own.
    return Document(
        # No file name: without a sender the outlet is unknown (the build labels it so).
        text=plain, source=Source(name=display or address, file=filename,
                                  id=" ".join(header(headers, "message-id", charset).split())),
        subject=clean_subject(header(headers, "subject", charset), recipient),
        published=parse_date(header(headers, "date", charset)), newsletter=True,
        blocks=blocks, recipient=recipient,
    )  # fmt: skip


def _part_text(message: EmailMessage, subtype: str) -> str:
    """Return the decoded text of the ``text/<subtype>`` body part, or ``""``."""
    try:
        part = message.get_body(preferencelist=(subtype,))
        payload = part.get_payload(decode=True) if part is not None else None
        charset = str(part.get_param("charset", "") or "") if part is not None else ""
    except _PART_ERRORS:
        return ""
    if part is None or not isinstance(payload, bytes):
        return ""
    text = decode_bytes(payload, charset)
    if subtype == "html":
        return text
    if str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return without_signature(text)


def without_signature(text: str) -> str:
    """Cut a plain-text mail at its last signature separator, a line of ``-- `` (RFC 3676).

    What follows is the sender's signature or the newsletter's footer: address,
    imprint, unsubscribe line. Only the exact separator counts, with any line end
    (LF, CRLF, CR); a bare ``--`` may be a divider inside the letter.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    marks = [i for i, line in enumerate(lines) if line == "-- "]
    return "\n".join(lines[: marks[-1]] if marks else lines)


def unflow(text: str, *, delsp: bool = False) -> str:
    """Join the soft line breaks of a ``format=flowed`` text (RFC 3676), CRLF or LF.

    A line ending in a space goes on in the next line, except the signature separator
    ``-- ``; a space opening a line was added by the sender ("space-stuffing") and goes.
    With ``delsp=yes`` the space before a soft break was added too and goes as well.
    """
    out: list[str] = []
    flowing = False
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line[1:] if line.startswith(" ") else line
        soft = line.endswith(" ") and line != "-- "
        if soft and delsp:
            line = line[:-1]
        if flowing:
            out[-1] += line
        else:
            out.append(line)
        flowing = soft
    return "\n".join(out)
