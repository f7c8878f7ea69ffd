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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

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

# What glues a kicker to the headline it precedes in a page's title: ``Kicker: Titel``,
# ``Kicker - Titel``, ``Kicker | Titel`` (matched inside a title).
KICKER_SEPARATOR = re.compile(r"(?::| [-–—|]) (?=\S)")

# A word of a page's URL path (the slug the article was filed under): ``/politik/ein-titel-123``.
SLUG_WORD = re.compile(r"[a-z0-9]+")

# An author link near the headline (matched on HTML): ``<a href="/autoren/name/…">Name</a>``.
AUTHOR_LINK = re.compile(
    r"<a\s[^>]*href=\"[^\"]*/(?:autor(?:en|in|innen)?|authors?|profil|people)/[^\"]*\"[^>]*>"
    r"\s*(?P<name>[^<>]{3,60}?)\s*</a>",
    re.I,
)

# A site name appended to a page title: ``Titel | Börsen-Zeitung``, ``Titel - DER SPIEGEL``.
TITLE_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?!.*\s[|–—-]\s).{2,40}$")

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
    """The title, publication time and authors a page declares."""

    title: str = ""
    kicker: str = ""
    bylines: list[str] = field(default_factory=list)
    aliases: tuple[str, ...] = ()
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str = ""  # the JSON-LD publisher's name, else the page's og:site_name
    section: str = ""  # the JSON-LD articleSection, else the article:section meta tag


def page_meta(html: str, sites: list[str]) -> PageMeta:
    """Read the page's JSON-LD article object, falling back to meta tags."""
    meta = PageMeta()
    article = _ld_article(html) or {}
    meta.published = parse_date(_text(article.get("datePublished")))
    meta.authors = _authors(article.get("author"))
    tags = _meta_tags(html)
    shown = shown_headline(html)
    others = (_text(tags.get("twitter:title")), _page_title(html))
    url = _canonical(html) or tags.get("og:url", "") or _text(article.get("url"))
    meta.title, meta.aliases = choose_title(
        _text(article.get("headline")), _text(tags.get("og:title")), _h1(html), sites,
        others=others, shown=shown, slug=slug_words(url),
    )  # fmt: skip
    if meta.published is None:
        meta.published = next(
            (d for d in (parse_date(tags.get(k, "")) for k in _DATE_METAS) if d), None
        )
    kickers = [k for k, headline in shown if headline == meta.title]
    meta.kicker = kickers[0] if kickers else _kicker(html)
    meta.bylines = _author_links(html)
    meta.publisher = _name_of(article.get("publisher")) or _text(tags.get("og:site_name"))
    meta.section = _text(article.get("articleSection")) or _text(tags.get("article:section"))
    return meta


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


def choose_title(
    ld: str, og: str, h1: str, sites: list[str], *, others: tuple[str, ...] = (),
    shown: tuple[tuple[str, str], ...] = (), slug: frozenset[str] = frozenset(),
) -> tuple[str, tuple[str, ...]]:  # fmt: skip
    """Pick the headline; return it and the page's other titles (to drop from the text).

    The schema.org headline is the one the publisher declares for the article; the
    Open Graph title (without an appended site name) and the ``<h1>`` come next.
    ``others`` are further titles of the page (``twitter:title``, ``<title>``) that only
    vote; ``shown`` pairs each kicker element with the text the page shows under it.

    When the declared headline is neither the shown headline nor the kicker and the
    shown headline, it is a search or social variant the reader never sees: if a title
    in the page's metadata confirms the shown headline (alone or after the kicker), the
    shown headline is the title, and the kicker stays apart.

    ``slug`` holds the words of the page's URL path. The slug is written from the
    headline the article was filed under; when the declared headline is not spelled
    in it but the Open Graph title or the ``<h1>`` is, word for word, that one is the
    article's headline and the declared one a later search variant (unless the
    declared one is that headline with a kicker before it: the publisher's full form).
    """
    ld, og, h1 = (tidy_title(t) for t in (strip_site(ld, sites), strip_site(og, sites), h1))
    # The ``<h1>`` holds or follows the kicker element itself, so it cannot confirm it.
    votes = [og, *(tidy_title(strip_site(t, sites)) for t in others)]
    titles = tuple(dict.fromkeys(t for t in (ld, og, h1) if t))
    for kicker, headline in shown if ld else ():
        forms = {_key(headline), _key(f"{kicker} {headline}")}
        if any(_key(t) in forms for t in votes if t):
            if _key(ld) in forms:
                break  # the declared headline is the one shown
            return headline, (headline, *titles)
    if ld and slug and not _in_slug(ld, slug):
        spelled = next((t for t in (og, h1) if t and _in_slug(t, slug)), "")
        if spelled and not _kicker_prefixed(ld, spelled):
            return spelled, tuple(dict.fromkeys((spelled, *titles)))
    return (titles[0] if titles else ""), titles


def _kicker_prefixed(title: str, headline: str) -> bool:
    """Say whether ``title`` is ``headline`` with a kicker glued before it (``Kicker: …``)."""
    return any(title[m.end() :] == headline for m in KICKER_SEPARATOR.finditer(title))


_MIN_SLUG_WORDS = 3  # a shorter title proves nothing by standing in a URL
_TRANSLIT = (str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}),
             str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))  # fmt: skip


def _in_slug(title: str, slug: frozenset[str]) -> bool:
    """Say whether every word of ``title`` stands in the URL slug (``ä`` as ``ae`` or ``a``)."""
    words = re.findall(r"\w+", title.casefold())
    if len(words) < _MIN_SLUG_WORDS:
        return False
    return all(any(_ascii(w.translate(t)) in slug for t in _TRANSLIT) for w in words)


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def slug_words(url: str) -> frozenset[str]:
    """Return the words of a URL's path: ``https://x.de/politik/ein-titel-123`` → ein, titel …"""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    return frozenset(SLUG_WORD.findall(path.casefold()))


def tidy_title(title: str) -> str:
    """Normalise a title's spacing: no space before a colon or comma (``Kultur : Titel``).

    A score keeps its spacing: ``Bayern gegen Mainz 3 : 1``.
    """
    return _SPACE_BEFORE_PUNCT.sub(lambda m: m.group(1) or m.group(2), " ".join(title.split()))


# A space before a colon, comma or semicolon that ends a word, but not one between digits.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\d)\s+([:,;])(?=\s|$)|(?<=\d)\s+([:,;])(?=\s+\D|$)")


def _key(title: str) -> str:
    # Compare titles by their words: pages join kicker and headline with ":", " - " or "|".
    return " ".join(re.findall(r"\w+", title.casefold()))


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


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)
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


def _h1(html: str) -> str:
    match = _H1.search(html)
    return _text(_TAG.sub(" ", match.group(1))) if match else ""


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


def strip_site(title: str, site_names: list[str]) -> str:
    """Remove a site name appended to a page title: ``Titel | Börsen-Zeitung``."""
    match = TITLE_SITE_SUFFIX.search(title)
    if not match:
        return title
    suffix = re.sub(r"\W", "", match.group(0)).casefold()
    known = [re.sub(r"\W", "", s).casefold() for s in site_names if s]
    if match.group(0).lstrip().startswith("|") or any(
        k and (k in suffix or suffix in k) for k in known
    ):
        return title[: match.start()].strip()
    return title
