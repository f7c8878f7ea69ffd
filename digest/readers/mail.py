"""Newsletters as received: ``.eml`` files and ``.mbox`` mailboxes."""

from __future__ import annotations

import email.errors
import re
from dataclasses import replace
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import parseaddr

import trafilatura

from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers import html as html_reader
from digest.readers import maillimits
from digest.text.dates import parse_date

# A text/plain part shorter than this is a "view it in your browser" stub, not the letter.
_MIN_PLAIN_WORDS = 40
# Most of a stub's words are links; real text has few.
_MAX_LINK_SHARE = 0.3
# The "From " line that starts each message of an mbox file.
_MBOX_FROM = re.compile(rb"(?m)^From [^\n]*\n")
# Newsletters lay out their HTML with tables; read the cells as blocks, not as a table.
_LAYOUT_TABLE = re.compile(r"</?(?:table|tbody|thead|tfoot|tr|td|th)\b[^>]*>", re.I)
# The stdlib's header parsing has known crashes on malformed headers; treat those as empty.
_HEADER_ERRORS = (
    ValueError, IndexError, TypeError, AttributeError, LookupError,
    email.errors.HeaderParseError,
)  # fmt: skip


def read(data: bytes, filename: str) -> list[Document]:
    """Read the newsletter in one ``.eml`` file."""
    return [_article(_parse(data), filename)]


def read_mbox(data: bytes, filename: str) -> list[Document]:
    """Read every message of an ``.mbox`` mailbox; messages without text are left out."""
    articles = []
    reasons = []
    for chunk in _MBOX_FROM.split(data):
        if not chunk.strip():
            continue
        try:
            articles.append(_article(_parse(chunk.replace(b"\n>From ", b"\nFrom ")), filename))
        except SkipFile as exc:
            reasons.append(str(exc))
    if not articles and reasons:
        raise SkipFile(f"no message with text in the mailbox ({reasons[0]})")
    return articles


def _parse(data: bytes) -> EmailMessage:
    maillimits.check(data)  # before the parser: it recurses per part, comment and parameter
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise SkipFile("not an email message (no headers)")
    return message


def _header(message: Message, name: str) -> str:
    try:
        return str(message.get(name, "") or "").strip()
    except _HEADER_ERRORS:
        return ""


def _article(message: EmailMessage, filename: str) -> Document:
    display, address = parseaddr(_header(message, "From"))
    # No file name: without a sender the outlet is unknown (the build labels it so).
    source = Source(name=display or address, file=filename,
                    id=" ".join(_header(message, "Message-ID").split()))
    subject = " ".join(_header(message, "Subject").split())
    published = parse_date(_header(message, "Date"))
    plain = without_signature(_part_text(message, "plain"))
    if _is_real_text(plain):
        document = Document(text=plain, source=source, subject=subject)
    else:
        markup = _part_text(message, "html")
        if not markup.strip():
            raise SkipFile("the email has no text/plain or text/html part with text")
        document = _from_html(markup, filename, source, subject)
    # A mail is a newsletter: its sub-headed topics may be separate stories (digest.parse.topics).
    return replace(document, published=published or document.published, newsletter=True)


def _from_html(markup: str, filename: str, source: Source, subject: str) -> Document:
    """Read a newsletter's HTML part: the main content, else all of its text."""
    try:
        return replace(html_reader.read_html(_LAYOUT_TABLE.sub("<div>", markup), filename),
                       source=source)  # fmt: skip
    except SkipFile:
        text = trafilatura.html2txt(markup) or ""
        if not text.strip():
            raise SkipFile("the email's HTML part has no text") from None
        return Document(text=text, source=source, subject=subject)


def _is_real_text(text: str) -> bool:
    words = text.split()
    links = sum(1 for w in words if "://" in w)
    return len(words) >= _MIN_PLAIN_WORDS and links <= _MAX_LINK_SHARE * len(words)


def _part_text(message: EmailMessage, subtype: str) -> str:
    try:
        part = message.get_body(preferencelist=(subtype,))
    except _HEADER_ERRORS:
        return ""
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (*_HEADER_ERRORS, UnicodeDecodeError, AssertionError, KeyError):
        payload = part.get_payload(decode=True)
        content = payload.decode("cp1252", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if subtype == "plain" and str(part.get_param("format", "")).lower() == "flowed":
        delsp = str(part.get_param("delsp", "")).lower() == "yes"
        return unflow(content, delsp=delsp)
    return content


def without_signature(text: str) -> str:
    """Cut a plain-text mail at its signature separator, a line of ``-- `` (RFC 3676 4.3).

    What follows is the sender's signature or the newsletter's footer: address,
    imprint, unsubscribe line. Only the exact separator counts; a bare ``--`` may be a
    divider inside the letter.
    """
    at = text.rfind("\n-- \n")
    if at < 0 and text.startswith("-- \n"):
        return ""
    return text if at < 0 else text[: at + 1]


def unflow(text: str, *, delsp: bool = False) -> str:
    """Join the soft line breaks of a ``format=flowed`` text (RFC 3676).

    A line ending in a space goes on in the next line, except the signature separator
    ``-- ``; a space opening a line was added by the sender ("space-stuffing") and goes.
    With ``delsp=yes`` the space before a soft break was added too and goes as well.
    """
    out: list[str] = []
    flowing = False
    for line in text.split("\n"):
        line = line.removesuffix("\r")
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
