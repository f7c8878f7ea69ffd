"""Inline Markdown taken out of the text: no ``**bold**`` or ``[text](url)`` reaches a reader.

Bodies keep their block structure as Markdown (``## `` sub-headings, ``- `` list entries:
the renderer shows them), but inline markup from Markdown inputs and trafilatura's
formatting would show as raw marks in a summary and in the plaintext issue.
"""

from __future__ import annotations

import re

# A link or an image: ``[Text](https://…)``, ``![Alt](bild.jpg)``; the text stays.
MD_LINK = re.compile(r"!?\[([^\]]*)\]\((https?://[^)\s]*|[^)\s]*)\)")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# Emphasis and code: ``**fett**``, ``__fett__``, ``*kursiv*``, ```code```; not a gender
# star ("Lehrer*innen") or a bullet.
EMPHASIS = re.compile(
    r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])|`([^`\n]+)`"
)
_BLOCK_MARK = re.compile(r"^(?:#{1,6} |- )")


def unmark(match: re.Match[str]) -> str:
    """Return the text an emphasis match marks."""
    return next(g for g in match.groups()[1:] if g is not None)


def plain_inline(text: str) -> str:
    """Return ``text`` without inline Markdown: links keep their text, images go."""
    if not any(mark in text for mark in "*_`["):
        return text
    text = MD_LINK.sub(lambda m: m.group(1), MD_IMAGE.sub("", text))
    return EMPHASIS.sub(unmark, text)


def plain_body(body: str) -> str:
    """Return a Markdown body with its block marks kept and every inline mark gone."""
    lines = []
    for line in body.split("\n"):
        mark = _BLOCK_MARK.match(line)
        start = mark.end() if mark else 0
        lines.append(line[:start] + plain_inline(line[start:]))
    return "\n".join(lines)
