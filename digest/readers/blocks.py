"""HTML newsletters read into blocks before anything is flattened.

Newsletters lay out their HTML with tables: a cell is a block, a table is not a
table of data, so no ``| |`` ever reaches the text. Headings (``<h1>``-``<h6>``),
paragraphs, list entries and bare links each become a block; what the reader sees
is kept as well: a paragraph set wholly in bold reads as a heading, a bold start as
a lead-in, a short link after the last sentence as a link label ("» mehr info",
"Zum Artikel") that is cut off and kept as the block's link. Hidden elements (the
preheader a mail client shows in the inbox list) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import lxml.etree
import lxml.html

from digest.errors import SkipFile
from digest.models import BOLD, HEADING, ITEM, LINK, PARAGRAPH, Block, Document, Source
from digest.readers import html
from digest.readers.decode import decode
from digest.text.wordsets import clean_spaces, ends_full

# Elements never read, and elements that end a block of text.
_SKIP = frozenset((
    "script", "style", "head", "title", "noscript", "template", "svg", "img", "meta", "link",
    "iframe", "object", "map", "button", "select", "input", "textarea",
))  # fmt: skip
_BLOCKS = frozenset((
    "p", "div", "td", "th", "tr", "table", "tbody", "thead", "tfoot", "ul", "ol", "li", "dl",
    "dt", "dd", "blockquote", "section", "article", "header", "footer", "main", "aside", "nav",
    "center", "form", "pre", "address", "figure", "figcaption", "hr", "body",
))  # fmt: skip
# Elements that open a visual group: the blocks of one table cell belong together.
_GROUPS = frozenset(("td", "th", "li", "blockquote", "section", "article"))
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px)?\s*(?:;|$)"
    r"|font-size\s*:\s*0(?:px)?\s*(?:;|$)",
    re.I,
)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_BOLD_HEADING_WORDS = 15  # a longer all-bold paragraph is an emphasised paragraph
_LABEL_WORDS = 6  # a link at the end of a paragraph this short is a label, not text
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


@dataclass
class _Segment:
    text: str
    href: str | None = None
    bold: bool = False


@dataclass
class _Walker:
    """Walk the tree once, collecting inline text until a block boundary flushes it."""

    blocks: list[Block] = field(default_factory=list)
    segments: list[_Segment] = field(default_factory=list)
    groups: list[int] = field(default_factory=lambda: [0])
    lists: list[list[int]] = field(default_factory=list)  # [is_numbered, counter]
    next_group: int = 1

    def walk(self, el: lxml.html.HtmlElement, bold: bool, href: str | None) -> None:
        """Read ``el`` and its children; its tail is read by the caller."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or _HIDDEN.search(el.get("style", "")):
            return
        bold = bold or tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style", "")))
        if tag in _HEADINGS:
            self._heading(el, _HEADINGS[tag])
        elif tag == "br":
            self.segments.append(_Segment("\n"))
        elif tag in _BLOCKS:
            self._block(el, tag, bold, href)
        else:
            self._inline(el, bold, el.get("href") if tag == "a" else href)

    def _children(self, el: lxml.html.HtmlElement, bold: bool, href: str | None) -> None:
        if el.text:
            self.segments.append(_Segment(el.text, href, bold))
        for child in el:
            self.walk(child, bold, href)
            if child.tail:
                self.segments.append(_Segment(child.tail, href, bold))

    def _inline(self, el: lxml.html.HtmlElement, bold: bool, href: str | None) -> None:
        self._children(el, bold, href)

    def _block(self, el: lxml.html.HtmlElement, tag: str, bold: bool, href: str | None) -> None:
        self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        if tag in _GROUPS:
            self.groups.append(self.next_group)
            self.next_group += 1
        self._children(el, bold, href)
        self.flush(item=tag == "li")
        if tag in _GROUPS:
            self.groups.pop()
        if tag in ("ul", "ol"):
            self.lists.pop()

    def _heading(self, el: lxml.html.HtmlElement, level: int) -> None:
        self.flush()
        text = " ".join(el.text_content().split())
        link = next((a.get("href") for a in el.iter("a") if a.get("href")), None)
        if text:
            self.blocks.append(Block(HEADING, text, level, link, group=self.groups[-1]))

    def flush(self, *, item: bool = False) -> None:
        """Turn the collected inline text into one block."""
        segments = [s for s in self.segments if s.text]
        self.segments = []
        text = clean_spaces("".join(_spaced(s.text) for s in segments))
        if not any(c.isalnum() for c in text):
            return
        group = self.groups[-1]
        texty = [s for s in segments if any(c.isalnum() for c in s.text)]
        if item and self.lists:
            numbered, _ = self.lists[-1]
            self.lists[-1][1] += 1
            entry = _paragraph(texty, text, group)
            self.blocks.append(replace(
                entry, kind=ITEM, marker="number" if numbered else "bullet",
                number=self.lists[-1][1] if numbered else None,
                href=entry.href or next((s.href for s in segments if s.href), None),
            ))  # fmt: skip
            return
        if all(s.href for s in texty):
            self.blocks.append(Block(LINK, text, href=texty[0].href, group=group))
        elif all(s.bold for s in texty) and len(text.split()) <= _BOLD_HEADING_WORDS:
            self.blocks.append(Block(HEADING, " ".join(text.split()), BOLD, group=group))
        else:
            self.blocks.append(_paragraph(texty, text, group))


def _spaced(text: str) -> str:
    # Markup whitespace (indentation, source line breaks) is one space; <br> is a line break.
    return text if text == "\n" else re.sub(r"\s+", " ", text)


def _lead(segments: list[_Segment]) -> str:
    """Return the bold text opening a block that goes on in normal weight."""
    texty = [s for s in segments if s.text.strip()]
    lead: list[str] = []
    for s in texty:
        if not s.bold:
            break
        lead.append(s.text)
    if not lead or len(lead) == len(texty):
        return ""
    return " ".join("".join(lead).split())


def _paragraph(texty: list[_Segment], text: str, group: int) -> Block:
    """Make a paragraph block, cutting a link label off its end."""
    tail, href = "", None
    last = texty[-1]
    if last.href and len(last.text.split()) <= _LABEL_WORDS:
        label = [s for s in texty if s.href == last.href]
        # The label is the run of segments with that link at the end of the block.
        run: list[_Segment] = []
        for s in reversed(texty):
            if s.href != last.href:
                break
            run.insert(0, s)
        before = "".join(s.text for s in texty[: len(texty) - len(run)]).strip()
        label_text = " ".join("".join(s.text for s in run).split())
        # Only after a finished sentence: "E-Mail: <a>…</a>" or "Die <a>Computerwelt</a>" is text.
        if before and ends_full(before) and len(label_text.split()) <= _LABEL_WORDS:
            tail, href = label_text, label[0].href
            text = clean_spaces(before)
    return Block(PARAGRAPH, text, href=href, lead=_lead(texty), tail=tail, group=group)


def html_blocks(markup: str) -> list[Block]:
    """Read ``markup`` into blocks in reading order; an unreadable page gives none."""
    markup = _XML_DECL.sub("", markup)
    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return []
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root, False, None)
    walker.flush()
    return walker.blocks


def read_page(data: bytes, filename: str) -> list[Document]:
    """Read a saved page: the main article as text, and the whole page as blocks.

    The blocks let the parser see a newsletter's web version for what it is (the
    extractor keeps one article of it at best); for any other page they go unused.
    """
    markup = decode(data)
    blocks = tuple(html_blocks(markup))
    try:
        (document,) = html.read(data, filename)
    except SkipFile:
        if not any(b.kind == PARAGRAPH for b in blocks):
            raise
        document = Document(text="", source=Source(name=Path(filename).stem, file=filename))
    return [replace(document, blocks=blocks)]
