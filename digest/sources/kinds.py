"""Input kinds: the suffix that names a file's kind, gzip, and how large each kind may be."""

from __future__ import annotations

from pathlib import Path

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
