"""JSON lines as scrapers write them: one article per line."""

from __future__ import annotations

import json
from typing import Any

from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers.decode import decode
from digest.text.dates import parse_date
from digest.text.names import split_names

# Keys scrapers use for the article text and its metadata, best first.
_TEXT_KEYS = ("text", "body", "content", "maintext", "article")
_DATE_KEYS = ("date", "published", "date_publish", "publish_date", "datePublished", "pubdate")
_AUTHOR_KEYS = ("authors", "author", "byline")
_RESSORT_KEYS = ("ressort", "section", "category", "articleSection")


def read(data: bytes, filename: str) -> list[Document]:
    """Read every line holding an object with text as one article; skip the rest."""
    articles = []
    bad = 0
    # split("\n"), not splitlines(): U+2028 and friends may stand inside JSON strings.
    for line in decode(data).split("\n"):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            bad += 1
            continue
        article = _article(record, filename)
        if article is None:
            bad += 1
        else:
            articles.append(article)
    if not articles and bad:
        raise SkipFile(f"no line holds a JSON object with article text ({bad} unusable lines)")
    return articles


def _article(record: Any, filename: str) -> Document | None:
    if not isinstance(record, dict):
        return None
    text = _first(record, _TEXT_KEYS)
    if not text.strip():
        return None
    title = _first(record, ("title", "headline"))
    source = Source(
        name=_first(record, ("source", "source_domain", "publisher", "outlet")),
        file=filename,
        url=_first(record, ("url", "link")) or None,
    )
    return Document(
        text=text, source=source, title=title, published=parse_date(_first(record, _DATE_KEYS)),
        authors=tuple(_authors(record)), ressort=_first(record, _RESSORT_KEYS),
    )  # fmt: skip


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str:
    """Return the first string value among ``keys`` (a source object's name counts)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _authors(record: dict[str, Any]) -> list[str]:
    for key in _AUTHOR_KEYS:
        value = record.get(key)
        if isinstance(value, str):
            return split_names(value)
        if isinstance(value, list):
            names = [v if isinstance(v, str) else _first(v, ("name",)) if isinstance(v, dict)
                     else "" for v in value]  # fmt: skip
            return [n.strip() for n in names if n.strip()]
    return []
