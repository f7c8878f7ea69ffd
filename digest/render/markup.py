"""Safe Markdown for story bodies: raw HTML is escaped, only http(s)/mailto links survive."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from digest.isolate import SHARE_FROM, in_shares
from digest.text.clean import safe_link

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# Characters that render as nothing or flip text direction; look-alike tricks use them.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
TEXT_SECONDS = 0.05  # a child's time per story text (about 20 times what one takes)
SHARE_MEMORY = 1 << 30  # address space a child may add for its share of HTML
_AHEAD: dict[str, str] = {}  # Markdown text -> its HTML, converted by ``converted_ahead``
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


# The same sources' links are checked for each part written (email, web page, text, the
# archive): 4,555 stories of a large night asked 46,808 times.
@lru_cache(maxsize=1 << 16)
def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is a plain http(s) or mailto link (``text.clean.safe_link``)."""
    if not url:
        return None
    url = clean(url).strip()
    if not _SAFE_URL.match(url):
        return None
    return safe_link(url)  # no user info: "https://paypal.com@evil.example/" is not a link


class _LinkGuard(Treeprocessor):
    """Drop images and unsafe link targets that Markdown syntax could smuggle in."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    parent.remove(child)
                elif child.tag == "a" and not safe_url(child.get("href")):
                    child.attrib.clear()
                    child.tag = "span"
                elif child.tag == "a":
                    child.set("href", safe_url(child.get("href")) or "")
                    child.set("target", "_blank")
                    child.set("rel", "noopener")


class SafeExtension(Extension):
    """Escape raw HTML instead of passing it through, and guard links."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkGuard(md), "link_guard", 0)


def clean(text: str) -> str:
    """Remove invisible and direction-changing characters."""
    return _INVISIBLE.sub("", text)


def to_html(text: str) -> str:
    """Render Markdown ``text`` to safe HTML."""
    found = _AHEAD.get(text)
    return found if found is not None else _converter().reset().convert(clean(text))


@contextmanager
def converted_ahead(texts: Sequence[str]) -> Iterator[None]:
    """Have ``to_html`` of many ``texts`` ready, converted on both cores, while inside.

    The web page converts every story of the night (4,555 of a large one) in one
    template: Markdown's pure-Python converter was most of its time.
    """
    if len(texts) >= SHARE_FROM:  # fewer are converted as the template asks for them
        html = in_shares(lambda a, b: [to_html(t) for t in texts[a:b]], len(texts),
                         item_seconds=TEXT_SECONDS, memory=SHARE_MEMORY,
                         what="story texts")  # fmt: skip
        _AHEAD.update(zip(texts, html, strict=True))
    try:
        yield
    finally:
        _AHEAD.clear()


@cache
def _converter() -> markdown.Markdown:
    # One converter, reset before each text: building one (its processors and patterns)
    # cost more than converting a story, and the web page converts thousands.
    return markdown.Markdown(extensions=[SafeExtension(), "sane_lists"], output_format="html")


def to_plain_blocks(text: str) -> list[tuple[str, str]]:
    """Split Markdown ``text`` into (kind, text) blocks: heading, bullet or paragraph."""
    blocks: list[tuple[str, str]] = []
    text = _LINK.sub(r"\1", _EMPHASIS.sub(r"\2", clean(text)))
    for block in re.split(r"\n\s*\n", text.strip()):
        for line in _lines(block):
            if line.startswith("#"):
                blocks.append(("heading", line.lstrip("#").strip()))
            elif re.match(r"^([-*•–]|\d+\.)\s", line):
                blocks.append(("bullet", re.sub(r"^([-*•–]|\d+\.)\s+", "", line)))
            elif line:
                blocks.append(("paragraph", line))
    return blocks


def _lines(block: str) -> list[str]:
    lines = [line.strip() for line in block.split("\n")]
    if any(re.match(r"^([-*•–]|\d+\.)\s|^#", line) for line in lines):
        return lines
    return [" ".join(lines)]
