"""Plain text and Markdown as copied from web pages and newsletters."""

from __future__ import annotations

from pathlib import Path

from digest.models import Article, Source
from digest.readers.decode import decode
from digest.structure import structure


def read(data: bytes, filename: str) -> list[Article]:
    """Read one article from a ``.txt`` or ``.md`` file."""
    text = decode(data)
    source = Source(name=Path(filename).stem, file=filename)
    return [structure(text, source)]
