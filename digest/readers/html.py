"""Saved HTML pages: trafilatura finds the main content and the page's metadata."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import trafilatura

from digest.dates import parse_date
from digest.errors import SkipFile
from digest.models import Article, Source
from digest.readers.decode import decode
from digest.structure import structure


def read(data: bytes, filename: str) -> list[Article]:
    """Extract the article of one saved page."""
    html = decode(data)
    doc = trafilatura.bare_extraction(
        html, output_format="python", include_comments=False, include_images=False,
        include_formatting=True, with_metadata=True, favor_precision=True,
    )  # fmt: skip
    if doc is None or not (doc.text or "").strip():
        raise SkipFile("no main content found in the HTML page")
    name = doc.sitename or doc.hostname or Path(filename).stem
    source = Source(name=name, file=filename, url=doc.url or None)
    title = (doc.title or "").strip()
    article = structure(f"{title}\n\n{doc.text}" if title else doc.text, source)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return [
        replace(
            article,
            published=parse_date(doc.date or "") or article.published,
            authors=authors or article.authors,
        )
    ]
