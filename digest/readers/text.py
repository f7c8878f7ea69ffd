"""Plain text and Markdown as copied from web pages and newsletters."""

from __future__ import annotations

import re
from typing import Any

import yaml

from digest.config import safeyaml
from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers.decode import decode
from digest.text.dates import parse_date
from digest.text.names import split_names

# YAML front matter at the top of a Markdown file: ``---`` lines around ``key: value``.
_FRONT_MATTER = re.compile(r"\A---\n(.{0,4000}?)\n---\n", re.S)


def read(data: bytes, filename: str) -> list[Document]:
    """Read one article from a ``.txt`` or ``.md`` file."""
    text = decode(data)
    meta, text = _front_matter(text)
    source = Source(
        name=_get(meta, "source"),
        file=filename,
        url=_get(meta, "url") or None,
    )
    authors = split_names(_get(meta, "author") or _get(meta, "authors"))
    return [
        Document(
            text=text, source=source, title=_get(meta, "title"),
            published=parse_date(_get(meta, "date")), authors=tuple(authors),
            ressort=_get(meta, "ressort") or _get(meta, "section"),
            newsletter=meta.get("newsletter") is True,
        )
    ]  # fmt: skip


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (title, date, author, source, url, newsletter) from the text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = safeyaml.safe_load(match.group(1))
    except safeyaml.AliasBomb as exc:  # not a mistake in the front matter: an attack
        raise SkipFile(f"YAML front matter: {exc}") from None
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}, text
    return (meta, text[match.end() :]) if isinstance(meta, dict) else ({}, text)


def _get(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value).strip() if value is not None else ""
