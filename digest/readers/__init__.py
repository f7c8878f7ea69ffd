"""The reader registry: each input kind (by file suffix) turns bytes into documents.

A reader decodes one kind of input and says what it knows besides the text (a page's
headline, a mail's subject and date); ``digest.parse`` then reads the text's structure.
Reader modules are imported when first used, so the registry (and the CLI) start
without loading trafilatura. Any kind may come gzipped (``day.jsonl.gz``): the suffix
before ``.gz`` names the kind.
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
from digest.sources.kinds import is_gzipped, kind_of, size_limit

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
}


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
) -> list[Document]:
    """Read ``data`` as the kind of file ``filename`` names; raise ``SkipFile`` if unusable.

    Gzipped data (``filename`` ends in ``.gz``) is decompressed within the size limit.
    """
    reader = reader_for(filename)
    if is_gzipped(filename):
        data = gunzip(data, size_limit(filename, max_bytes))
    if not data.strip():
        raise SkipFile("empty file")
    return reader(data, filename)
