"""The reader registry: each input kind (by file suffix) turns bytes into documents.

A reader decodes one kind of input and says what it knows besides the text (a page's
headline, a mail's subject and date); ``digest.parse`` then reads the text's structure.
Reader modules are imported when first used, so the registry (and the CLI) start
without loading trafilatura. Any kind may come gzipped (``day.jsonl.gz``): the suffix
before ``.gz`` names the kind. An RSS or Atom feed is recognised by its content, whatever
its file's suffix.
"""

from __future__ import annotations

import gzip
import importlib
import io
import zlib
from collections.abc import Callable

from digest.config import DEFAULT_MAX_INPUT_BYTES
from digest.errors import SkipFile
from digest.models import Document
from digest.sources.kinds import (
    ENTRY_KIND,
    FEED_KIND,
    is_gzipped,
    kind_of,
    looks_like_feed,
    size_limit,
)

Reader = Callable[[bytes, str], list[Document]]


def _lazy(module: str, function: str) -> Reader:
    def read(data: bytes, filename: str) -> list[Document]:
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
    FEED_KIND: _lazy("feed", "read"),
    ENTRY_KIND: _lazy("feed", "read_entry"),
}
# Kinds only sources make; a file's suffix never names them.
SOURCE_KINDS = frozenset({FEED_KIND, ENTRY_KIND})


def reader_for(filename: str, kind: str = "") -> Reader:
    """Return the reader of ``kind`` (default: ``filename``'s suffix) or raise ``SkipFile``."""
    suffix = kind or kind_of(filename)
    reader = READERS.get(suffix)
    if reader is None or (suffix in SOURCE_KINDS and not kind):
        known = ", ".join(sorted(set(READERS) - SOURCE_KINDS))
        raise SkipFile(
            f"unsupported file type '{suffix or '(none)'}' (known: {known}, each also as .gz; "
            "RSS and Atom feeds by their content)"
        )
    return reader


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
    data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, kind: str = ""
) -> list[Document]:
    """Read ``data`` as ``kind`` (default: what ``filename`` names or the content shows).

    Gzipped data (``filename`` ends in ``.gz``) is decompressed within the size limit.
    Raise ``SkipFile`` if the data is unusable.
    """
    if is_gzipped(filename) and not kind:
        data = gunzip(data, size_limit(filename, max_bytes))
    if not data.strip():
        raise SkipFile("empty file")
    if not kind and looks_like_feed(data):
        kind = FEED_KIND
    return reader_for(filename, kind)(data, filename)
