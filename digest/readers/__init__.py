"""The reader registry: each input kind (by file suffix) turns bytes into documents.

A reader decodes one kind of input and says what it knows besides the text (a page's
headline, a mail's subject and date); ``digest.parse`` then reads the text's structure.
Reader modules are imported when first used, so the registry (and the CLI) start
without loading trafilatura. Any kind may come gzipped (``day.jsonl.gz``): the suffix
before ``.gz`` names the kind. An RSS or Atom feed is recognised by its content, whatever
its file's suffix.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from digest.config import DEFAULT_MAX_INPUT_BYTES
from digest.errors import SkipFile
from digest.models import Document
from digest.readers import unpack
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
    read.__module__ = f"digest.readers.{module}"  # what ``preload`` imports
    return read


READERS: dict[str, Reader] = {
    ".txt": _lazy("text", "read"),
    ".md": _lazy("text", "read"),
    ".html": _lazy("blocks", "read_page"),
    ".htm": _lazy("blocks", "read_page"),
    ".eml": _lazy("mail", "read"),
    ".mbox": _lazy("mail", "read_mbox"),
    ".jsonl": _lazy("jsonl", "read"),
    FEED_KIND: _lazy("feed", "read"),
    ENTRY_KIND: _lazy("feed", "read_entry"),
}
# Kinds only sources make; a file's suffix never names them.
SOURCE_KINDS = frozenset({FEED_KIND, ENTRY_KIND})


def preload() -> None:
    """Import every reader module now (before readers run in forked children, which then
    need not import trafilatura or lxml once per input)."""
    for module in sorted({r.__module__ for r in READERS.values()}):
        importlib.import_module(module)


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


def gunzip(data: bytes, limit: int, kind: str = "") -> bytes:
    """Decompress ``data`` within ``limit`` bytes (and ``kind``'s record limit), or raise
    ``SkipFile``: a small file can unpack to gigabytes."""
    try:
        return unpack.gunzip(data, max_bytes=limit, records=unpack.RECORDS.get(kind))
    except ValueError as exc:  # too large, or not gzip
        raise SkipFile(str(exc)) from None


def read_bytes(
    data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, kind: str = ""
) -> list[Document]:
    """Read ``data`` as ``kind`` (default: what ``filename`` names or the content shows).

    Gzipped data (``filename`` ends in ``.gz``) is decompressed within the size limit; a
    container (JSON lines, a mailbox) may hold at most ``unpack.MAX_RECORDS`` records.
    Raise ``SkipFile`` if the data is unusable.
    """
    if is_gzipped(filename) and not kind:
        data = gunzip(data, size_limit(filename, max_bytes), kind_of(filename))
    if not data.strip():
        raise SkipFile("empty file")
    records = unpack.RECORDS.get(kind or kind_of(filename))
    if records is not None:
        try:
            unpack.check_records(data, records)  # each record is parsed: their number is the cost
        except unpack.TooLarge as exc:
            raise SkipFile(str(exc)) from None
    if not kind and looks_like_feed(data):
        kind = FEED_KIND
    return reader_for(filename, kind)(data, filename)
