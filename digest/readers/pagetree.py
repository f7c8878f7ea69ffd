"""A page's structure before it is flattened to text: the blocks that are not the article.

The extractor sees a page's text; the page's markup says more about what a block is. This
module removes, on the parsed tree and before extraction, the blocks whose structure shows
they are not the article, whatever site they come from:

* boxes whose class, id or aria-label names what they are (``text.vocabulary.MARKUP_WORDS``:
  promotions, teasers, author notes, consent placeholders, captions, sharing bars, polls)
  and that have the shape of it: short, or mostly links, or holding a form;
* forms (newsletter sign-ups, polls) with the short box around them;
* lists and boxes that are mostly links, and cards whose heading is a link (teasers);
* captions: ``figcaption`` and headings inside a figure or next to its picture;
* headings between the headline and the first paragraph (subtitles, header residue).

A block that holds the headline, or most of the page's paragraph text, is never removed.
A heading that opens a FAQ or source section is marked as a heading, so the text parser
can cut the section where it trails the story (``text.paragraphs.trailing_cut``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from digest.readers.pagerules import PageRules
from digest.text.patterns import END_HEADING
from digest.text.vocabulary import MARKUP_WORDS

# Removed boxes whose heading goes with them: a heading right above such a box introduces it.
_BOX_REASONS = frozenset(("form", "widget", "link list", "promo", "teaser"))
_BOXES = frozenset((
    "div", "section", "aside", "ul", "ol", "li", "nav", "article", "figure", "span", "p",
    "blockquote", "form",
))  # fmt: skip
_LISTS = frozenset(("ul", "ol", "div", "section", "aside", "nav", "fieldset"))
_NAMING = ("class", "id", "aria-label", "data-testid")  # the attributes that name a block
_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
_DROPPED = ["script", "style", "noscript", "template", "svg", "iframe"]
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-zA-Z0-9äöüÄÖÜß]+")
_MAX_SHARE = 0.4  # a block with more of the page's paragraph text than this is the article
_CARD_CHARS = 400  # a teaser card (picture, kicker, headline, a line) is short
_MEDIA = frozenset(["img", "picture", "video"])
_SHORT_ITEM_WORDS = 8  # an item of a header list ("3 Minuten Lesezeit", "Von: …") is short
HEADER_REACH = 300  # elements after the headline searched for header residue



def words_of(element: HtmlElement) -> frozenset[str]:
    """Return the words of an element's class, id and aria-label, and each pair joined."""
    raw = " ".join(element.get(a) or "" for a in _NAMING)
    if element.tag != "input":
        raw += " " + (element.get("type") or "")  # <div type="poll">
    parts = [p.lower() for p in _SPLIT.split(_CAMEL.sub(" ", raw)) if p]
    return frozenset(parts) | {a + b for a, b in itertools.pairwise(parts)}


def text_of(element: HtmlElement) -> str:
    """Return the element's visible text with single spaces."""
    return " ".join(element.text_content().split())


def _leads_away(link: HtmlElement) -> bool:
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def prepare(tree: HtmlElement) -> None:
    """Drop scripts, styles and other elements that never show text (in place)."""
    etree.strip_elements(tree, *_DROPPED, with_tail=False)


@dataclass
class Sizes:
    """Text measures of every element, taken once before anything is removed."""

    chars: dict[HtmlElement, int] = field(default_factory=dict)  # visible text
    link_chars: dict[HtmlElement, int] = field(default_factory=dict)  # ... inside links away
    links: dict[HtmlElement, int] = field(default_factory=dict)  # links to other pages
    paragraph_chars: dict[HtmlElement, int] = field(default_factory=dict)  # ... inside <p>
    choices: dict[HtmlElement, int] = field(default_factory=dict)  # radio and check boxes


def measure(tree: HtmlElement) -> Sizes:
    """Measure every element of ``tree`` in one pass, children before their parents."""
    sizes = Sizes()
    for element in reversed(list(tree.iter())):
        if not isinstance(element.tag, str):
            continue  # a comment: its tail is counted with its parent
        chars = _length(element.text)
        link = links = paragraph = choices = 0
        for child in element:
            chars += sizes.chars.get(child, 0) + _length(child.tail)
            link += sizes.link_chars.get(child, 0)
            links += sizes.links.get(child, 0)
            paragraph += sizes.paragraph_chars.get(child, 0)
            choices += sizes.choices.get(child, 0)
        if element.tag == "a" and _leads_away(element):
            link, links = chars, links + 1
        kind = (element.get("type") or "").lower() if element.tag == "input" else ""
        sizes.chars[element] = chars
        sizes.link_chars[element] = link
        sizes.links[element] = links
        sizes.paragraph_chars[element] = chars if element.tag == "p" else paragraph
        sizes.choices[element] = choices + (kind in ("radio", "checkbox"))
    return sizes


def _length(text: str | None) -> int:
    return len(" ".join(text.split())) + 1 if text and not text.isspace() else 0


def prune(tree: HtmlElement, rules: PageRules) -> list[tuple[str, str]]:
    """Remove the blocks that are not the article (in place); return (reason, text) pairs."""
    h1 = next(tree.iter("h1"), None)
    sizes = measure(tree)
    total = sizes.paragraph_chars.get(tree, 0) or 1
    protected = set(h1.iterancestors()) | {h1} if h1 is not None else set()
    removed: list[tuple[str, str]] = []
    for reason, element in list(_candidates(tree, h1, rules, sizes)):
        if element in protected or not _attached(element, tree):
            continue
        if sizes.paragraph_chars.get(element, 0) > _MAX_SHARE * total:
            continue
        removed.append((reason, text_of(element)[:120]))
        heading = element.getprevious()
        if reason in _BOX_REASONS and heading is not None and heading.tag in _HEADINGS:
            removed.append((reason, text_of(heading)[:120]))  # it introduced the box
            heading.drop_tree()
        element.drop_tree()  # the text after it in its parent stays
    _mark_end_headings(tree)
    return removed


def _attached(element: HtmlElement, tree: HtmlElement) -> bool:
    """Say whether ``element`` is still in ``tree`` (an ancestor may have gone already)."""
    return element.getparent() is not None and any(a is tree for a in element.iterancestors())


def _candidates(
    tree: HtmlElement, h1: HtmlElement | None, rules: PageRules, sizes: Sizes
) -> Iterator[tuple[str, HtmlElement]]:
    """Yield (reason, element) for each block whose structure says it is not the article."""
    groups = {g: MARKUP_WORDS[g] for g in rules.markup_groups}
    for element in tree.iter(*_BOXES, *_HEADINGS, "figcaption", "a", "input"):
        if element.tag == "figcaption":
            yield "caption", element
            continue
        named = _named(element, groups)
        if named and _shaped(named, element, rules, sizes):
            yield named, element
        elif element.tag == "form" or _is_signup(element):
            yield "form", _box_around(element, rules.box_chars, sizes)
        elif element.tag in _LISTS and sizes.choices[element] >= 2:
            yield "widget", _box_around(element, rules.box_chars, sizes)
        elif element.tag in _LISTS and _link_list(element, rules.link_share, sizes):
            yield "link list", element
        elif element.tag in _HEADINGS and _linked_heading(element, sizes):
            yield "teaser card", _box_around(element, _CARD_CHARS, sizes)
        elif element.tag in _HEADINGS and _caption_heading(element, sizes):
            yield "caption heading", element
    if h1 is not None:
        yield from (("header", e) for e in _header_residue(h1))


def _named(element: HtmlElement, groups: dict[str, frozenset[str]]) -> str:
    """Return the group whose words the element's class, id or aria-label use, or ``""``."""
    if not any(element.get(a) for a in (*_NAMING, "type")):
        return ""
    words = words_of(element)
    return next((g for g, vocabulary in groups.items() if words & vocabulary), "")


def _shaped(group: str, element: HtmlElement, rules: PageRules, sizes: Sizes) -> bool:
    """Say whether a block named as ``group`` also has the shape of one."""
    chars = sizes.chars[element]
    if group == "teaser":
        # A teaser box links on; the article's own lead (class "teaser" on some sites) does not.
        return not chars or _link_list(element, rules.link_share, sizes) or any(
            _linked_heading(h, sizes) for h in element.iter(*_HEADINGS)
        )
    if group == "caption":
        return chars <= rules.box_chars // 2
    if group == "widget" or (group == "promo" and element.find(".//form") is not None):
        return chars <= rules.box_chars * 2
    return chars <= rules.box_chars


def _link_list(element: HtmlElement, share: float, sizes: Sizes) -> bool:
    """Say whether ``element`` is mostly links: two or more, and ``share`` of its text."""
    chars = sizes.chars[element]
    return sizes.links[element] >= 2 and chars > 0 and sizes.link_chars[element] >= share * chars


def _is_signup(element: HtmlElement) -> bool:
    kind = (element.get("type") or "text").lower()
    return element.tag == "input" and kind in ("email", "text")


def _box_around(element: HtmlElement, limit: int, sizes: Sizes) -> HtmlElement:
    """Return the largest ancestor of ``element`` (itself included) with at most ``limit`` chars."""
    box = element
    for parent in element.iterancestors():
        if parent.tag in ("body", "html", "main") or sizes.chars.get(parent, 0) > limit:
            break
        box = parent
    return box


def _linked_heading(heading: HtmlElement, sizes: Sizes) -> bool:
    """Say whether a heading is a link to another page (a teaser's headline)."""
    chars = sizes.chars[heading]
    if not chars:
        return False
    if any(_leads_away(a) for a in heading.iterancestors("a")):
        return True
    return sizes.link_chars[heading] >= 0.9 * chars


def _caption_heading(heading: HtmlElement, sizes: Sizes) -> bool:
    """Say whether a heading captions a picture: inside a figure, or beside its image."""
    if any(a.tag == "figure" for a in heading.iterancestors()):
        return True
    parent = heading.getparent()
    return parent is not None and sizes.chars.get(parent, 0) <= _CARD_CHARS and any(
        e.tag in _MEDIA for e in parent.iter()
    )


def _header_residue(h1: HtmlElement) -> Iterator[HtmlElement]:
    """Yield headings and short-item lists between the headline and the first paragraph."""
    for element in h1.xpath("following::*")[:HEADER_REACH]:
        if _opens_text(element):
            return
        if element.tag in _HEADINGS:
            yield element
        elif element.tag in ("ul", "ol"):
            entries = [text_of(li) for li in element.iter("li")]
            if entries and all(len(e.split()) <= _SHORT_ITEM_WORDS for e in entries):
                yield element


def _opens_text(element: HtmlElement) -> bool:
    """Say whether ``element`` is a paragraph of running text (the article has begun)."""
    own = text_of(element) if element.tag == "p" else element.text or ""
    return len(own.split()) >= _SHORT_ITEM_WORDS


def _mark_end_headings(tree: HtmlElement) -> None:
    """Turn a short element that only names a FAQ or source section into an ``<h2>``."""
    for element in tree.iter("div", "span", "p", "strong", "b", "dt"):
        if len(element) == 0 and element.text and END_HEADING.match(element.text.strip()):
            element.tag = "h2"
