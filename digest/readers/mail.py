"""Newsletters as received: ``.eml`` files and ``.mbox`` mailboxes."""

from __future__ import annotations

import mailbox
import tempfile
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr
from pathlib import Path

from digest.dates import parse_date
from digest.errors import SkipFile
from digest.models import Article, Source
from digest.readers import html as html_reader
from digest.structure import structure


def read(data: bytes, filename: str) -> list[Article]:
    """Read the newsletter in one ``.eml`` file."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return [_article(message, filename)]


def read_mbox(data: bytes, filename: str) -> list[Article]:
    """Read every message of an ``.mbox`` mailbox."""
    # mailbox needs a real file; the data may come from memory (api.parse).
    with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
        tmp.write(data)
        tmp.flush()
        box = mailbox.mbox(tmp.name, create=False)
        messages = [BytesParser(policy=policy.default).parsebytes(m.as_bytes()) for m in box]
    articles = []
    for message in messages:
        try:
            articles.append(_article(message, filename))  # type: ignore[arg-type]
        except SkipFile:
            continue
    return articles


def _article(message: EmailMessage, filename: str) -> Article:
    display, address = parseaddr(str(message.get("From", "")))
    name = display or address or Path(filename).stem
    source = Source(name=name, file=filename)
    subject = str(message.get("Subject", "")).strip()
    published = parse_date(str(message.get("Date", "")))
    plain = _part_text(message, "plain")
    if plain and len(plain.split()) >= 20:
        article = structure(f"{subject}\n\n{plain}" if subject else plain, source)
    else:
        markup = _part_text(message, "html")
        if not markup:
            raise SkipFile("the email has no text/plain or text/html part")
        article = html_reader.read(markup.encode("utf-8"), filename)[0]
        article = replace(article, source=source, title=article.title or subject)
    return replace(article, published=published or article.published)


def _part_text(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("latin-1") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""
