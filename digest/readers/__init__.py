"""The reader registry: each input kind (by file suffix) turns bytes into articles.

Reader modules are imported when first used, so the registry (and the CLI) start
without loading trafilatura, and the structure rules can share ``readers.lines``.
Any kind may come gzipped (``day.jsonl.gz``): the suffix before ``.gz`` names the kind.
"""

from __future__ import annotations

import gzip
import importlib
import io
import zlib
from collections.abc import Callable
from pathlib import Path

from digest.config import DEFAULT_MAX_INPUT_BYTES
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


GZIP = ".gz"
# Kinds that hold many articles to a file (a scraper's night, a mailbox): the size limit
# is for one article, so such a file may be this many times as large.
CONTAINERS = frozenset({".jsonl", ".mbox"})
CONTAINER_FACTOR = 100


def is_gzipped(filename: str) -> bool:
    """Tell whether ``filename`` names a gzipped input (``.gz``)."""
    return Path(filename).suffix.lower() == GZIP


def kind_of(filename: str) -> str:
    """Return the input kind's suffix: ``.jsonl`` for ``a.jsonl`` and for ``a.jsonl.gz``."""
    path = Path(filename)
    return Path(path.stem).suffix.lower() if is_gzipped(filename) else path.suffix.lower()


def size_limit(filename: str, max_bytes: int) -> int:
    """Return how many bytes ``filename`` may hold (decompressed) under ``max_bytes``."""
    return max_bytes * CONTAINER_FACTOR if kind_of(filename) in CONTAINERS else max_bytes


def reader_for(filename: str) -> Reader:
    """Return the reader for ``filename``'s suffix or raise ``SkipFile``."""
    suffix = kind_of(filename)
    try:
        return READERS[suffix]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise SkipFile(
            f"unsupported file type '{suffix or '(none)'}' (known: {known}, each also as .gz)"
        ) from None


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress ``data``, at most ``limit`` bytes of it; raise ``SkipFile`` if unusable."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)  # never more: a small file can unpack to gigabytes
    except (OSError, EOFError, zlib.error) as exc:
        raise SkipFile(f"not a valid gzip file ({exc})") from None
    if len(out) > limit:
        raise SkipFile(f"file too large when decompressed (more than {limit:,} bytes)")
    return out


def read_bytes(
    data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES
) -> list[Article]:
    """Parse ``data`` as the kind of file ``filename`` names; raise ``SkipFile`` if unusable.

    Gzipped data (``filename`` ends in ``.gz``) is decompressed within the size limit.
    """
    reader = reader_for(filename)
    if is_gzipped(filename):
        data = gunzip(data, size_limit(filename, max_bytes))
    if not data.strip():
        raise SkipFile("empty file")
    # An article with neither body nor items was all boilerplate: nothing to show.
    articles = [a for a in reader(data, filename) if a.body.strip() or a.items]
    if not articles:
        raise SkipFile("no article text found")
    return articles
