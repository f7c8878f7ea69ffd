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

from lxml import etree
from lxml.html import HtmlElement

from digest.readers.pagerules import PageRules
from digest.text.names import AUTHOR_INITIALS, PERSON_NAME, split_names
from digest.text.patterns import END_HEADING
from digest.text.vocabulary import MARKUP_WORDS

# Removed boxes whose heading goes with them: a heading right above such a box introduces it.
_BOX_REASONS = frozenset(("form", "widget", "link list", "promo", "teaser"))
_BOXES = frozenset((
    "div", "section", "aside", "ul", "ol", "li", "nav", "article", "figure", "span", "p",
    "blockquote", "form",
))  # fmt: skip
_NAMING = ("class", "id", "aria-label", "data-testid")  # the attributes that name a block
_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
_DROPPED = ["script", "style", "noscript", "template", "svg", "iframe"]
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-zA-Z0-9äöüÄÖÜß]+")
_MAX_SHARE = 0.4  # a block with more of the page's paragraph text than this is the article
_CARD_CHARS = 400  # a teaser card (picture, kicker, headline, a line) is short
_MEDIA = frozenset(["img", "picture", "video"])
_SHORT_ITEM_WORDS = 8  # an item of a header list ("3 Minuten Lesezeit", "Von: …") is short
_HEADER_REACH = 300  # elements after the headline searched for header residue
_KICKER_WORDS = 12  # a longer first part of the headline is no kicker
_BYLINE_CHARS = 120  # a byline is short: "Von Anna Muster und Ben Beispiel, Redaktion Kultur"

# A visible byline (matched on one element's text): ``von David Muster, MDR THÜRINGEN``,
# ``Von Anna Muster und Ben Beispiel``, ``Autorin: Anna Muster``.
BYLINE_TEXT = re.compile(r"^(?:von|autor(?:in)?|autoren|text)\s*:?\s+(?P<names>[A-ZÄÖÜ].*)$", re.I)


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


def link_chars(element: HtmlElement) -> int:
    """Count the characters of text inside links to other pages."""
    return sum(len(text_of(a)) for a in element.iter("a") if _leads_away(a))


def _leads_away(link: HtmlElement) -> bool:
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:"))


def prepare(tree: HtmlElement) -> None:
    """Drop scripts, styles and other elements that never show text (in place)."""
    etree.strip_elements(tree, *_DROPPED, with_tail=False)


def prune(tree: HtmlElement, rules: PageRules) -> list[tuple[str, str]]:
    """Remove the blocks that are not the article (in place); return (reason, text) pairs."""
    h1 = next(tree.iter("h1"), None)
    total = sum(len(text_of(p)) for p in tree.iter("p")) or 1
    protected = set(h1.iterancestors()) | {h1} if h1 is not None else set()
    removed: list[tuple[str, str]] = []
    for reason, element in list(_candidates(tree, h1, rules)):
        if element in protected or element.getparent() is None or not _attached(element, tree):
            continue
        if sum(len(text_of(p)) for p in element.iter("p")) > _MAX_SHARE * total:
            continue
        removed.append((reason, text_of(element)[:120]))
        heading = element.getprevious()
        if reason in _BOX_REASONS and heading is not None and heading.tag in _HEADINGS:
            removed.append((reason, text_of(heading)[:120]))  # it introduced the box
            _drop(heading)
        _drop(element)
    _mark_end_headings(tree)
    return removed


def _attached(element: HtmlElement, tree: HtmlElement) -> bool:
    """Say whether ``element`` is still in ``tree`` (an ancestor may have gone already)."""
    return any(a is tree for a in element.iterancestors()) or element is tree


def _drop(element: HtmlElement) -> None:
    """Remove ``element``; the text after it in its parent stays (``drop_tree``)."""
    element.drop_tree()


def _candidates(
    tree: HtmlElement, h1: HtmlElement | None, rules: PageRules
) -> Iterator[tuple[str, HtmlElement]]:
    """Yield (reason, element) for each block whose structure says it is not the article."""
    groups = {g: MARKUP_WORDS[g] for g in rules.markup_groups}
    for element in tree.iter(*_BOXES, *_HEADINGS, "figcaption", "a", "input"):
        if element.tag == "figcaption":
            yield "caption", element
            continue
        named = _named(element, groups)
        if named and _shaped(named, element, rules):
            yield named, element
        elif element.tag == "form" or _is_signup(element):
            yield "form", _box_around(element, rules.box_chars)
        elif _choices(element):
            yield "widget", _box_around(element, rules.box_chars)
        elif element.tag in ("ul", "ol", "div", "section", "aside", "nav") and _link_list(
            element, rules.link_share
        ):
            yield "link list", element
        elif element.tag in _HEADINGS and _linked_heading(element):
            yield "teaser card", _box_around(element, _CARD_CHARS)
        elif element.tag in _HEADINGS and _caption_heading(element):
            yield "caption heading", element
    if h1 is not None:
        yield from (("header", e) for e in _header_residue(h1))


def _named(element: HtmlElement, groups: dict[str, frozenset[str]]) -> str:
    """Return the group whose words the element's class, id or aria-label use, or ``""``."""
    if not any(element.get(a) for a in (*_NAMING, "type")):
        return ""
    words = words_of(element)
    return next((g for g, vocabulary in groups.items() if words & vocabulary), "")


def _shaped(group: str, element: HtmlElement, rules: PageRules) -> bool:
    """Say whether a block named as ``group`` also has the shape of one."""
    text = text_of(element)
    if group == "teaser":
        # A teaser box links on; the article's own lead (class "teaser" on some sites) does not.
        return not text or _link_list(element, rules.link_share) or _has_linked_heading(element)
    if group == "caption":
        return len(text) <= rules.box_chars // 2
    if group == "widget" or (group == "promo" and element.find(".//form") is not None):
        return len(text) <= rules.box_chars * 2
    return len(text) <= rules.box_chars


def _link_list(element: HtmlElement, share: float) -> bool:
    """Say whether ``element`` is mostly links: two or more, and ``share`` of its text."""
    links = [a for a in element.iter("a") if _leads_away(a)]
    if len(links) < 2:
        return False
    text = len(text_of(element))
    return text > 0 and link_chars(element) >= share * text


def _choices(element: HtmlElement) -> bool:
    """Say whether ``element`` offers choices to click: two or more radio or check boxes."""
    if element.tag not in ("div", "section", "fieldset", "ul", "ol"):
        return False
    kinds = [(i.get("type") or "").lower() for i in element.iter("input")]
    return sum(k in ("radio", "checkbox") for k in kinds) >= 2


def _is_signup(element: HtmlElement) -> bool:
    kind = (element.get("type") or "text").lower()
    return element.tag == "input" and kind in ("email", "text")


def _box_around(element: HtmlElement, limit: int) -> HtmlElement:
    """Return the largest ancestor of ``element`` (itself included) with at most ``limit`` chars."""
    box = element
    for parent in element.iterancestors():
        if parent.tag in ("body", "html", "main") or len(text_of(parent)) > limit:
            break
        box = parent
    return box


def _linked_heading(heading: HtmlElement) -> bool:
    """Say whether a heading is a link to another page (a teaser's headline)."""
    text = text_of(heading)
    if not text:
        return False
    link = next((a for a in heading.iterancestors("a") if _leads_away(a)), None)
    if link is not None:
        return True
    return link_chars(heading) >= 0.9 * len(text)


def _has_linked_heading(element: HtmlElement) -> bool:
    return any(_linked_heading(h) for h in element.iter(*_HEADINGS))


def _caption_heading(heading: HtmlElement) -> bool:
    """Say whether a heading captions a picture: inside a figure, or beside its image."""
    if any(a.tag == "figure" for a in heading.iterancestors()):
        return True
    parent = heading.getparent()
    return parent is not None and any(e.tag in _MEDIA for e in parent.iter()) and (
        len(text_of(parent)) <= _CARD_CHARS
    )


def _header_residue(h1: HtmlElement) -> Iterator[HtmlElement]:
    """Yield headings and short-item lists between the headline and the first paragraph."""
    for element in h1.xpath("following::*")[:_HEADER_REACH]:
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


def headline(tree: HtmlElement) -> tuple[str, str, str]:
    """Return the ``<h1>``'s text and the (kicker, headline) it marks up in two elements.

    ``<h1><span>Kicker</span><span>Titel</span></h1>`` gives ("Kicker Titel", "Kicker",
    "Titel"); an ``<h1>`` without such parts gives its text and two empty strings.
    """
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return "", "", ""
    pieces = [" ".join(t.split()) for t in h1.itertext()]
    text = " ".join(p for p in pieces if p)
    first = next((c for c in h1.iterchildren() if text_of(c)), None)
    if first is None:
        return text, "", ""
    kicker = text_of(first).rstrip(" :")
    rest = text[len(text_of(first)) :].strip(" :")
    if text.startswith(text_of(first)) and rest and len(kicker.split()) <= _KICKER_WORDS:
        return text, kicker, rest
    return text, "", ""


def byline_names(tree: HtmlElement) -> list[str]:
    """Return the people a visible byline near the headline names (``von Anna Muster, MDR``)."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return []
    for element in h1.xpath("following::*")[:_HEADER_REACH]:
        if element.tag not in ("p", "span", "div", "li", "address", "a"):
            continue
        text = text_of(element)
        match = BYLINE_TEXT.match(text) if len(text) <= _BYLINE_CHARS else None
        if match:
            names = [AUTHOR_INITIALS.sub("", n) for n in split_names(match.group("names"))]
            return [n for n in names if PERSON_NAME.match(n) and not n.isupper()]
    return []
