"""German news structure: headline, short-item sections and body from plain text.

A first version; the parser issue deepens it with the rules in ``digest.rules``.
"""

from __future__ import annotations

import re

from digest.models import Article, Item, Source

_ITEM_HEADING = re.compile(
    r"^(weitere meldungen|weitere wichtige themen|das wichtigste in kürze|kurz gemeldet"
    r"|in kürze)\s*:?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-–•*]|\d+\.)\s+")
_MAX_TITLE_CHARS = 200


def structure(text: str, source: Source) -> Article:
    """Split ``text`` into title, body and items."""
    lines = [line.strip() for line in text.split("\n")]
    body_lines, items = _split_items(lines)
    blocks = [b for b in _blocks(body_lines) if b]
    title = ""
    if blocks and len(blocks[0]) <= _MAX_TITLE_CHARS and not blocks[0].endswith("."):
        title = blocks.pop(0)
    elif blocks:
        title = re.split(r"(?<=[.!?])\s", blocks[0], maxsplit=1)[0]
    return Article(title=title, body="\n\n".join(blocks), source=source, items=items)


def _split_items(lines: list[str]) -> tuple[list[str], list[Item]]:
    for i, line in enumerate(lines):
        if _ITEM_HEADING.match(line):
            items = [
                Item(text=_BULLET.sub("", entry)) for entry in lines[i + 1 :] if _BULLET.match(entry)
            ]
            return lines[:i], items
    return lines, []


def _blocks(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    for line in lines:
        if line:
            blocks.append(line)
    return blocks
