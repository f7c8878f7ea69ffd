"""Input kinds: the suffix that names a file's kind, gzip, feeds by content, size limits."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

GZIP = ".gz"
# Kinds only sources make, never a file's suffix: a whole feed, and one feed entry bundled
# with its fetched page (``full_text``).
FEED_KIND = ".feed"
ENTRY_KIND = ".entry"
# Kinds that hold many articles to a file (a scraper's night, a mailbox, a feed): the size
# limit is for one article, so such a file may be this many times as large.
CONTAINERS = frozenset({".jsonl", ".mbox", FEED_KIND})
CONTAINER_FACTOR = 100

# What may stand before a feed's root element: XML declaration, comments, a doctype.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)[\s>/]")
_SNIFF_BYTES = 65536


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


def looks_like_feed(data: bytes) -> bool:
    """Tell whether ``data`` is an RSS, RDF or Atom document, whatever its file name."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", "replace").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    prolog = _PROLOG.match(head)
    return bool(_ROOT.match(head, prolog.end() if prolog else 0))
