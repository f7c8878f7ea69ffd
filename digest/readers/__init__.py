"""The reader registry: each input kind (by file suffix) turns bytes into articles.

Reader modules are imported when first used, so the registry (and the CLI) start
without loading trafilatura, and the structure rules can share ``readers.lines``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from digest.errors import SkipFile
from digest.models import Article

Reader = Callable[[bytes, str], list[Article]]


def _lazy(module: str, function: str) -> Reader:
    def read(data: bytes, filename: str) -> list[Article]:
        reader: Reader = getattr(importlib.import_module(f"digest.readers.{module}"), function)
        return reader(data, filename)

    read.__doc__ = f"Read with ``digest.readers.{module}.{function}``."
    return read


READERS: dict[str, Reader] = {
    ".txt": _lazy("text", "read"),
    ".md": _lazy("text", "read"),
    ".html": _lazy("html", "read"),
    ".htm": _lazy("html", "read"),
    ".eml": _lazy("mail", "read"),
    ".mbox": _lazy("mail", "read_mbox"),
    ".jsonl": _lazy("jsonl", "read"),
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
