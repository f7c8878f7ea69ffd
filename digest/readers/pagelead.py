"""The lead paragraph under a page's headline, which extractors often drop.

Pages set the lead (the "Teaser" or "Vorspann") apart from the body, in an element of
its own with a class the extractor takes for a teaser, and state it again as their
description (``og:description``, ``description``). The lead is recovered when the page
shows a paragraph that matches its description, below the headline, and the extracted text
lacks it. The page's own paragraph is taken, not the description: the description may be
shortened or reworded for search, and the paragraph may open with its dateline.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from digest.readers.pagetree import text_of
from digest.text.names import is_place_like

_WORD = re.compile(r"\w+")
_MIN_WORDS = 8  # a shorter description says too little to find a paragraph by
_PRECISION = 0.5  # at least this share of the paragraph's words are the description's
_PRESENT = 0.5  # a paragraph with this share of its word 4-grams in the text is there
_GROWTH = 1.6  # the paragraph's element may hold this much more text than the description
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A lead is never inside these: a link (a teaser of another page), a caption, the head.
_NOT_LEAD = frozenset(("head", "title", "a", "figure", "figcaption"))
_BLOCK_TAGS = frozenset(("p", "div", "section", "article", "ul", "ol", "li", "blockquote", "h2",
                         "h3", "h4", "h5", "h6", "table", "figure", "header", "footer", "aside"))
_SENTENCE_END = re.compile(r"[.!?…][\"“”»«)]*$")
_POSITION_WORDS = 12  # a lead found by its place alone is a full sentence or two
_POSITION_REACH = 400  # elements after the headline searched
_PLACE = re.compile(r"^[A-ZÄÖÜ][\w'’-]+(?:[ /][A-ZÄÖÜ][\w'’-]+){0,2}\.$")


def find_lead(tree: HtmlElement, descriptions: tuple[str, ...], match: float) -> str:
    """Return the visible paragraph under the headline that matches a description, or ``""``.

    ``match`` is the share of the description's words the paragraph must hold.
    """
    wanted = [set(_words(d)) for d in descriptions if len(_words(d)) >= _MIN_WORDS]
    if not wanted:
        return ""
    order = {element: i for i, element in enumerate(tree.iter())}
    h1 = next(tree.iter("h1"), None)
    start = order.get(h1, -1) if h1 is not None else -1
    holders = [
        e for e in _holders(tree, wanted) if order.get(e, -1) > start and _visible(e)
    ]
    for description in wanted:  # the page's own description first, then the others
        best: tuple[float, int, HtmlElement] | None = None
        for element in holders:
            words = set(_words(text_of(element)))
            common = len(words & description)
            recall, precision = common / len(description), common / max(1, len(words))
            if recall >= match and precision >= _PRECISION:
                score = (round(recall + precision, 6), -order[element], element)
                best = score if best is None or score[:2] > best[:2] else best
        if best is not None:
            return _lead_text(best[2])
    return ""


def _holders(tree: HtmlElement, wanted: list[set[str]]) -> set[HtmlElement]:
    """Return the elements around text that shares words with a description."""
    found: set[HtmlElement] = set()
    for node in tree.xpath("//body//text()"):
        words = set(_words(str(node)))
        if len(words) < 3 or not any(len(words & d) >= 0.5 * len(words) for d in wanted):
            continue
        element = node.getparent()
        if element is None or _in_caption_or_link(element):
            continue
        limit = _GROWTH * max(sum(len(w) + 1 for w in d) for d in wanted) * 1.2
        while element is not None and element.tag != "body":
            if element.tag == "a" or len(text_of(element)) > limit:
                break
            found.add(element)
            element = element.getparent()
    return found


def _in_caption_or_link(element: HtmlElement) -> bool:
    return any(a.tag in _NOT_LEAD for a in element.iterancestors())


def _visible(element: HtmlElement) -> bool:
    """Say whether ``element`` shows as a paragraph: not hidden, in a link or a caption."""
    for node in (element, *element.iterancestors()):
        if node.tag in _NOT_LEAD or node.get("hidden") is not None:
            return False
        if node.get("aria-hidden") == "true" or _HIDDEN.search(node.get("style") or ""):
            return False
    return True


def _lead_text(element: HtmlElement) -> str:
    """Return the element's text; a dateline in an element of its own is marked bold."""
    text = text_of(element)
    first = next((c for c in element.iterchildren() if text_of(c)), None)
    place = text_of(first) if first is not None else ""
    if place and text.startswith(place) and _PLACE.match(place) and is_place_like(place[:-1]):
        return f"**{place}** {text[len(place):].strip()}"
    return text


def missing(lead: str, text: str) -> bool:
    """Say whether most of ``lead`` is absent from the extracted ``text``."""
    grams = _grams(lead)
    if not grams:
        return False
    found = sum((grams & _grams(text)).values())
    return found < _PRESENT * sum(grams.values())


def _grams(text: str) -> Counter[tuple[str, ...]]:
    words = _words(text)
    return Counter(tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3)))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def insert_lead(lead: str, text: str) -> str:
    """Put ``lead`` before the first paragraph of running text in ``text``."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line.split()) >= _MIN_WORDS and re.search(r"[.!?…][\"“”»«)]*(?:\s|$)", line):
            return "\n".join([*lines[:i], lead, *lines[i:]])
    return "\n".join([*lines, lead]) if lines else lead


def first_paragraph(tree: HtmlElement) -> str:
    """Return the first paragraph of running text the page shows below its headline.

    A paragraph here is an element without blocks inside, of ``_POSITION_WORDS`` words or
    more, ending like a sentence, visible and outside links and captions. When the extracted
    text lacks it, it is the lead the extractor dropped (``missing``).
    """
    h1 = next(tree.iter("h1"), None)
    for element in h1.xpath("following::*")[:_POSITION_REACH] if h1 is not None else ():
        if element.tag not in _BLOCK_TAGS or any(
            c.tag in _BLOCK_TAGS for c in element.iterdescendants()
        ):
            continue
        text = text_of(element)
        long = len(text.split()) >= _POSITION_WORDS and _SENTENCE_END.search(text)
        if long and _visible(element) and not _in_caption_or_link(element):
            return _lead_text(element)
    return ""
