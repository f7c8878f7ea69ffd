"""Reading newsletter fixtures for tests: the splitter's whole reading, or the articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from digest.models import Article, Document
from digest.parse import parse_articles, parse_documents
from digest.parse.newsletter import Reading, read_newsletter
from digest.readers import read_bytes

NEWSLETTERS = Path(__file__).parent / "data" / "newsletters"


def document(path: Path) -> Document:
    """Return the one document the reader makes of the file at ``path``."""
    (found,) = read_bytes(path.read_bytes(), path.name)
    return found


def reading(path: Path) -> Reading:
    """Return what the splitter makes of ``path`` read as a newsletter (as a mail would be)."""
    return read_newsletter(replace(document(path), newsletter=True))


def articles(path: Path, *, newsletter: bool = False) -> list[Article]:
    """Return the articles parsed from ``path``; ``newsletter``: read it as one, as a mail."""
    if newsletter:
        return parse_articles(replace(document(path), newsletter=True))
    return parse_documents(read_bytes(path.read_bytes(), path.name))


def shown(found: list[Article]) -> str:
    """Return everything of ``found`` a reader sees: kickers, titles, bodies, items."""
    parts = [f"{a.kicker}\n{a.title}\n{a.body}" for a in found]
    return "\n".join(parts + [i.text for a in found for i in a.items])


def items(path: Path) -> list[str]:
    """Return the texts of the short items of ``path`` read as a newsletter."""
    return [i.text for a in articles(path, newsletter=True) for i in a.items]


def stories(path: Path) -> list[str]:
    """Return the titles of the stories of ``path`` read as a newsletter."""
    return [a.title for a in articles(path, newsletter=True) if a.body]
