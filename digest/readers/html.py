"""Saved HTML pages: trafilatura finds the main content, the page's metadata the rest."""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers.decode import decode
from digest.readers.pagehead import byline_names, headline
from digest.readers.pagelead import find_lead, first_paragraph, insert_lead, missing
from digest.readers.pagemeta import page_meta
from digest.readers.pagerules import RULES, PageRules
from digest.readers.pagetree import prepare, prune
from digest.readers.titles import DOMAIN_NAME, strip_site
from digest.text.dates import parse_date
from digest.text.names import BYLINE_VON, SIGNATURE, is_place_like, split_names


def read(data: bytes, filename: str) -> list[Document]:
    """Extract the article of one saved page."""
    return [read_html(decode(data), filename)]


def read_html(html: str, filename: str, rules: PageRules = RULES) -> Document:
    """Extract the article of one page given as text; raise ``SkipFile`` if it has none.

    The page's structure is read first (``pagetree``): its headline, the lead under it
    (``pagelead``), and the blocks that are not the article, which go before trafilatura
    flattens the rest to text.
    """
    html = _mark_dateline(html)
    tree = _tree(html)
    meta = page_meta(html, headline(tree), rules.titles)
    lead = find_lead(tree, meta.descriptions, rules.lead_match)
    if not lead and rules.lead_by_place:
        lead = first_paragraph(tree)
    visible = byline_names(tree)  # before pruning and extraction change the tree
    prune(tree, rules)
    doc = _extract(tree)
    if doc is None or not (doc.text or "").strip():
        raise SkipFile("no main content found in the HTML page")
    sites = [doc.sitename or "", doc.hostname or "", meta.publisher]
    text = insert_lead(lead, doc.text) if lead and missing(lead, doc.text) else doc.text
    # The outlet as the page names it; the build prefers the outlet table's name for its URL.
    name = doc.sitename or meta.publisher or doc.hostname or ""
    found = [n for n in _trafilatura_authors(doc.author or "") if not _is_site(n, sites)]
    bylines = found or meta.bylines or visible
    return Document(
        text=text,
        source=Source(name=name, file=filename, url=doc.url or None),
        title=meta.title or strip_site((doc.title or "").strip(), sites),
        aliases=meta.aliases,
        kicker=meta.kicker,
        ressort=meta.section,
        published=meta.published or parse_date(doc.date or ""),
        authors=tuple(_authors(meta.authors, bylines, sites)),
    )


def _tree(html: str) -> HtmlElement:
    """Parse ``html`` as trafilatura does, without scripts and styles."""
    try:
        tree = load_html(html)
    except (ValueError, TypeError, RecursionError, AttributeError) as exc:
        raise SkipFile(f"cannot parse the HTML page ({type(exc).__name__})") from None
    if tree is None:
        raise SkipFile("cannot parse the HTML page (not HTML)")
    prepare(tree)
    return tree


# A dateline set off in an element of its own at the start of the lead paragraph (matched
# at the first ``<p>`` after the ``<h1>``): ``<p><span class="x">Kassel.</span> Der …``;
# the reader marks it bold.
DATELINE_MARKUP = re.compile(
    r"(?P<open><p\b[^>]*>\s*)<(?P<tag>span|strong|b|em)\b[^>]*>\s*"
    r"(?P<place>[A-ZÄÖÜ][\w'’-]+(?:[ /][A-ZÄÖÜ][\w'’-]+){0,2}\.)\s*</(?P=tag)>(?:\s|&nbsp;|&#160;)*"
)
_H1_END = re.compile(r"</h1\s*>", re.I)
_PARAGRAPH = re.compile(r"<p\b", re.I)


def _mark_dateline(html: str) -> str:
    """Mark a dateline in an element of its own, ``<p><span>Kassel.</span> Der …``, as bold.

    Only the lead paragraph (the first ``<p>`` after the ``<h1>``) can open with one: a
    ``<p><span>Fazit.</span> …`` further down is a run-in heading. The bold mark survives
    extraction, and the structure step takes it as the dateline.
    """
    h1 = _H1_END.search(html)
    lead = _PARAGRAPH.search(html, h1.end()) if h1 else None
    match = DATELINE_MARKUP.match(html, lead.start()) if lead else None
    if not match or not is_place_like(match.group("place")):
        return html
    marked = f"{match.group('open')}<b>{match.group('place')}</b> "
    return html[: match.start()] + marked + html[match.end() :]


def _extract(tree: HtmlElement) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree, include_comments=False, include_images=False, include_tables=True,
            include_formatting=True, with_metadata=True,
        )  # fmt: skip
    except (ValueError, TypeError, RecursionError, AttributeError) as exc:
        # lxml and trafilatura reject some malformed pages; that page is unusable.
        raise SkipFile(f"cannot parse the HTML page ({type(exc).__name__})") from None


def _authors(declared: list[str], bylines: list[str], sites: list[str]) -> list[str]:
    """Prefer the declared authors, unless they only name the outlet and a byline names people.

    An outlet beside a person stays (the publisher credits both); the outlet instead of the
    person the page shows in its byline does not.
    """
    if not declared:
        return bylines
    outlet = all(_is_site(name, sites) or _outlet_like(name) for name in declared)
    people = [b for b in bylines if SIGNATURE.match(b) and len(b.split()) >= 2]
    return people if outlet and people and len(people) == len(bylines) else declared


def _outlet_like(name: str) -> bool:
    """Say whether an author name reads as an outlet: a web address or a name in capitals."""
    return bool(DOMAIN_NAME.search(name)) or (name.isupper() and len(name) > 3)


def _is_site(name: str, sites: list[str]) -> bool:
    key = re.sub(r"\W", "", name.casefold()).removeprefix("www")
    known = [re.sub(r"\W", "", s.casefold()).removeprefix("www") for s in sites if s]
    return bool(key) and any(key in k or k in key for k in known)


def _trafilatura_authors(value: str) -> list[str]:
    names: list[str] = []
    for part in value.split(";"):
        # "Capital Von Anna Muster": the byline's name follows its "von".
        part = BYLINE_VON.split(part.strip())[-1]
        names.extend(split_names(part))
    return names
