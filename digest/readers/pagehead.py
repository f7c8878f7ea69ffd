"""What a page shows at its head: the headline (and a kicker inside it) and the byline."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from digest.readers.pagetree import HEADER_REACH, text_of
from digest.text.names import AUTHOR_INITIALS, PERSON_NAME, split_names

_KICKER_WORDS = 12  # a longer first part of the headline is no kicker
_BYLINE_CHARS = 120  # a byline is short: "Von Anna Muster und Ben Beispiel, Redaktion Kultur"

# A visible byline (matched on one element's text): ``von David Muster, MDR THÜRINGEN``,
# ``Von Anna Muster und Ben Beispiel``, ``Autorin: Anna Muster``.
BYLINE_TEXT = re.compile(r"^(?:von|autor(?:in)?|autoren|text)\s*:?\s+(?P<names>[A-ZÄÖÜ].*)$", re.I)


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
    for element in h1.xpath("following::*")[:HEADER_REACH]:
        if element.tag not in ("p", "span", "div", "li", "address", "a"):
            continue
        text = text_of(element)
        match = BYLINE_TEXT.match(text) if len(text) <= _BYLINE_CHARS else None
        if match:
            names = [AUTHOR_INITIALS.sub("", n) for n in split_names(match.group("names"))]
            return [n for n in names if PERSON_NAME.match(n) and not n.isupper()]
    return []
