"""Page metadata a publisher states for machines: JSON-LD, then Open Graph and meta tags.

Publishers put the editorial headline, the exact publication time and the author
names into schema.org JSON-LD; page ``<title>`` and Open Graph titles are often SEO
variants with the site name appended, and extractors' day-only dates lose the time.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from digest.readers.pagerules import TitleWeights
from digest.readers.titles import choose_title, key, slug_words, tidy_title
from digest.text.dates import parse_date
from digest.text.names import AUTHOR_INITIALS, PERSON_NAME, split_names
from digest.text.patterns import INVISIBLE
from digest.text.vocabulary import NON_NAME_WORDS

# A kicker as pages mark it up (matched on HTML near the ``<h1>``): an element whose
# class names it, ``<span class="article-kicker">Boxen</span>``.
KICKER_MARKUP = re.compile(
    r"<(?P<tag>\w+)[^>]*(?:class=\"[^\"]*|\sdata-[\w-]*)(?:kicker|topline|dachzeile|overline"
    r"|roofline|spitzmarke|supertitle)[^\"]*\"[^>]*>(?P<text>.{1,400}?)</(?P=tag)>",
    re.S | re.I,
)

# The text a page shows right after its kicker element (matched on the markup that follows
# the kicker): the displayed headline, ``<span class="kicker">…</span> <h1>Titel</h1>``.
SHOWN_HEADLINE = re.compile(r"(?:\s|&nbsp;|<[!/a-z][^>]*>)*(?P<text>[^<>\s][^<>]{2,299})<", re.I)

# An author link near the headline (matched on HTML): ``<a href="/autoren/name/…">Name</a>``.
AUTHOR_LINK = re.compile(
    r"<a\s[^>]*href=\"[^\"]*/(?:autor(?:en|in|innen)?|authors?|profil|people)/[^\"]*\"[^>]*>"
    r"\s*(?P<name>[^<>]{3,60}?)\s*</a>",
    re.I,
)

_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.S | re.I
)
_META = re.compile(r"<meta\s[^>]*>", re.I)
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|LiveBlogPosting|Report)$")
# Meta tags that hold the publication time, best first.
_DATE_METAS = (
    "article:published_time", "article:published:time", "og:published_time", "datepublished",
    "date", "pubdate", "publishdate", "dc.date", "dcterms.date", "dc.date.issued", "sailthru.date",
)  # fmt: skip
_MAX_LD_CHARS = 500_000  # a bigger JSON-LD block is data, not metadata
_KICKER_REACH = 3000  # the kicker sits this close to the headline in the markup
_KICKER_WORDS = 5
_SHOWN_KICKER_WORDS = 12  # a kicker shown above a headline may be a longer phrase
_BYLINE_REACH = 6000  # the byline follows the headline within this much markup
_MAX_BYLINES = 4


@dataclass
class PageMeta:
    """The title, publication time, authors and description a page declares."""

    title: str = ""
    kicker: str = ""
    bylines: list[str] = field(default_factory=list)
    aliases: tuple[str, ...] = ()
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    descriptions: tuple[str, ...] = ()  # og:description, description, twitter:, JSON-LD
    publisher: str = ""  # the JSON-LD publisher's name, else the page's og:site_name
    section: str = ""  # the JSON-LD articleSection, else the article:section meta tag


def page_meta(html: str, h1: tuple[str, str, str], weights: TitleWeights) -> PageMeta:
    """Read the page's JSON-LD article object and meta tags.

    ``h1`` is the visible headline's text and the kicker and headline it marks up in two
    elements (``("", "", "")`` without an ``<h1>``); the title is chosen by the vote of
    ``digest.readers.titles``.
    """
    meta = PageMeta()
    article = _ld_article(html) or {}
    meta.published = parse_date(_text(article.get("datePublished")))
    meta.authors = _authors(article.get("author"))
    tags = _meta_tags(html)
    vote = title_vote(html, h1, tags, article)
    choice = choose_title(*vote, weights)
    meta.title, meta.aliases = choice.title, choice.aliases
    if meta.published is None:
        meta.published = next(
            (d for d in (parse_date(tags.get(k, "")) for k in _DATE_METAS) if d), None
        )
    kickers = [k for k, headline in shown_headline(html) if key(headline) == key(meta.title)]
    meta.kicker = choice.kicker or (kickers[0] if kickers else _kicker(html))
    meta.bylines = _author_links(html)
    described = (tags.get(k, "") for k in ("og:description", "description", "twitter:description"))
    meta.descriptions = tuple(dict.fromkeys(
        d for d in (*map(_text, described), _text(article.get("description"))) if d
    ))  # fmt: skip
    meta.publisher = _name_of(article.get("publisher")) or _text(tags.get("og:site_name"))
    meta.section = _text(article.get("articleSection")) or _text(tags.get("article:section"))
    return meta


TitleVote = tuple[dict[str, str], tuple[str, str], frozenset[str], list[str]]


def title_vote(
    html: str, h1: tuple[str, str, str], tags: dict[str, str] | None = None,
    article: dict[str, Any] | None = None,
) -> TitleVote:  # fmt: skip
    """Return what the headline vote reads: the titles, the ``<h1>``'s parts, slug, site names."""
    tags = _meta_tags(html) if tags is None else tags
    article = (_ld_article(html) or {}) if article is None else article
    url = _canonical(html) or tags.get("og:url", "") or _text(article.get("url"))
    host = url.split("://", 1)[-1].split("/", 1)[0]
    sites = [_name_of(article.get("publisher")), tags.get("og:site_name", ""),
             tags.get("application-name", ""), host]  # fmt: skip
    titles = {
        "ld": _text(article.get("headline")), "og": _text(tags.get("og:title")),
        "twitter": _text(tags.get("twitter:title")), "page": _page_title(html), "h1": h1[0],
    }  # fmt: skip
    return titles, (h1[1], h1[2]), slug_words(url), [s for s in sites if s]


def _name_of(node: Any) -> str:
    """Return the name of a schema.org organisation (an object, a list of them or a string)."""
    if isinstance(node, list):
        node = node[0] if node else None
    return _text(node.get("name")) if isinstance(node, dict) else _text(node)


def _author_links(html: str) -> list[str]:
    """Return the names of author pages linked next to the ``<h1>`` (the visible byline)."""
    h1 = html.find("<h1")
    if h1 < 0:
        return []
    around = html[max(0, h1 - _KICKER_REACH) : h1 + _BYLINE_REACH]
    names = (_text(m.group("name")) for m in AUTHOR_LINK.finditer(around))
    people = (n for n in names if PERSON_NAME.match(n) and not _listing(n))
    return list(dict.fromkeys(people))[:_MAX_BYLINES]


def _listing(name: str) -> bool:
    # "Alle Autoren", "Weitere Artikel": a link to a list, not a person.
    return name.split()[0].casefold() in NON_NAME_WORDS


def _kicker(html: str) -> str:
    """Return the kicker the page marks up next to its ``<h1>`` (class "kicker", "topline" …)."""
    h1 = html.find("<h1")
    if h1 < 0:
        return ""
    around = html[max(0, h1 - _KICKER_REACH) : h1 + _KICKER_REACH]
    for match in KICKER_MARKUP.finditer(around):
        text = _text(_TAG.sub(" ", match.group("text")))
        if text and len(text.split()) <= _KICKER_WORDS:
            return text
    return ""


def shown_headline(html: str) -> tuple[tuple[str, str], ...]:
    """Pair each kicker element near the ``<h1>`` with the text the page shows right after it.

    The caller decides whether a title of the page confirms a pair.
    """
    h1 = html.find("<h1")
    if h1 < 0:
        return ()
    start = max(0, h1 - _KICKER_REACH)
    around = html[start : h1 + _KICKER_REACH]
    pairs = []
    for match in KICKER_MARKUP.finditer(around):
        kicker = _text(_TAG.sub(" ", match.group("text")))
        after = SHOWN_HEADLINE.match(around, match.end())
        if kicker and after and len(kicker.split()) <= _SHOWN_KICKER_WORDS:
            pairs.append((kicker, tidy_title(_text(after.group("text")))))
    return tuple(pairs)


_TAG = re.compile(r"<[^>]+>")


_PAGE_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


_CANONICAL = re.compile(r"<link\s[^>]*rel=[\"']canonical[\"'][^>]*>", re.I)


def _canonical(html: str) -> str:
    """Return the ``<link rel="canonical">`` address of the page."""
    match = _CANONICAL.search(html, 0, 300_000)
    href = _ATTR_HREF.search(match.group(0)) if match else None
    return htmllib.unescape(href.group(1)) if href else ""


_ATTR_HREF = re.compile(r"\bhref\s*=\s*[\"']([^\"']*)[\"']", re.I)


def _page_title(html: str) -> str:
    match = _PAGE_TITLE.search(html, 0, 300_000)
    return _text(match.group(1)) if match else ""


def _ld_article(html: str) -> dict[str, Any] | None:
    for block in _SCRIPT.findall(html):
        if len(block) > _MAX_LD_CHARS:
            continue
        try:
            data = json.loads(block.strip())
        except (ValueError, RecursionError):
            continue
        for node in _walk(data, 0):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if node.get("headline") and any(
                isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds
            ):
                return node
    return None


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value, depth + 1)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if not isinstance(value, str):
        return ""
    return " ".join(INVISIBLE.sub("", htmllib.unescape(value)).split())


def _authors(value: Any) -> list[str]:
    """Flatten schema.org authors (names, objects, nested lists) into clean names."""
    names: list[str] = []
    for node in _flatten(value, 0):
        name = _text(node.get("name")) if isinstance(node, dict) else _text(node)
        names.extend(AUTHOR_INITIALS.sub("", n) for n in split_names(name))
    return list(dict.fromkeys(n for n in names if n and not n.startswith("http")))


def _flatten(value: Any, depth: int) -> Iterator[Any]:
    if isinstance(value, list) and depth < 4:
        for item in value:
            yield from _flatten(item, depth + 1)
    elif value:
        yield value


def _meta_tags(html: str) -> dict[str, str]:
    """Map ``property``/``name``/``itemprop`` of each meta tag to its content (first wins)."""
    tags: dict[str, str] = {}
    for tag in _META.findall(html[:300_000]):
        attrs = {k.lower(): a or b for k, a, b in _ATTR.findall(tag)}
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and "content" in attrs:
            tags.setdefault(key.lower(), htmllib.unescape(attrs["content"]).strip())
    return tags
