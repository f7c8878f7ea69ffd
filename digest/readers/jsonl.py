"""JSON lines as scrapers write them: one article per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from digest.dates import parse_date
from digest.errors import SkipFile
from digest.models import Article, Source
from digest.readers.decode import decode
from digest.structure import structure


def read(data: bytes, filename: str) -> list[Article]:
    """Read every line holding an object with ``text`` as one article; skip the rest."""
    articles = []
    bad = 0
    for line in decode(data).splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        article = _article(record, filename)
        if article is None:
            bad += 1
        else:
            articles.append(article)
    if not articles and bad:
        raise SkipFile(f"no line holds a JSON object with 'text' ({bad} unusable lines)")
    return articles


def _article(record: Any, filename: str) -> Article | None:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None
    title = record.get("title") if isinstance(record.get("title"), str) else ""
    name = record.get("source") if isinstance(record.get("source"), str) else Path(filename).stem
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = Source(name=name, file=filename, url=url)
    text = f"{title}\n\n{record['text']}" if title else record["text"]
    article = structure(text, source)
    published = parse_date(str(record.get("date") or ""))
    authors = record.get("authors")
    changes: dict[str, Any] = {}
    if published:
        changes["published"] = published
    if isinstance(authors, list) and all(isinstance(a, str) for a in authors):
        changes["authors"] = list(authors)
    from dataclasses import replace

    return replace(article, **changes) if changes else article
