"""The reader registry: each input kind (by file suffix) turns bytes into articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from digest.errors import SkipFile
from digest.models import Article
from digest.readers import html, jsonl, mail, text

Reader = Callable[[bytes, str], list[Article]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".eml": mail.read,
    ".mbox": mail.read_mbox,
    ".jsonl": jsonl.read,
}


def reader_for(filename: str) -> Reader:
    """Return the reader for ``filename``'s suffix or raise ``SkipFile``."""
    suffix = Path(filename).suffix.lower()
    try:
        return READERS[suffix]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise SkipFile(f"unsupported file type '{suffix or '(none)'}' (known: {known})") from None


def read_bytes(data: bytes, filename: str) -> list[Article]:
    """Parse ``data`` as the kind of file ``filename`` names; raise ``SkipFile`` if unusable."""
    reader = reader_for(filename)
    if not data.strip():
        raise SkipFile("empty file")
    # An article with neither body nor items was all boilerplate: nothing to show.
    articles = [a for a in reader(data, filename) if a.body.strip() or a.items]
    if not articles:
        raise SkipFile("no article text found")
    return articles
