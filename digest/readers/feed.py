"""Feeds: one document per entry, from a whole feed (``.feed``) or one entry bundle (``.entry``).

The entry's HTML becomes plain text with paragraphs, headings and bullets. Link labels
("mehr", "Meldung bei … lesen", "weiterlesen") are found by where they stand, not by
site: a short link to the entry's own page, a paragraph that is nothing but a short
link at the end, a short link after the last full stop; a plain-text teaser loses a
trailing read-more phrase (``READ_MORE_LABELS``). An entry with no text beyond its title
is a short item (``Document.item``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.etree
import lxml.html

from digest.errors import SkipFile
from digest.models import Document, Source
from digest.readers import html as html_reader
from digest.readers.decode import decode
from digest.sources.feeds import Feed, FeedEntry, FeedError, parse_feed, read_bundle
from digest.text.vocabulary import READ_MORE_LABELS, alternation

_SELF_LABEL_WORDS = 10  # a link to the entry's own page this short is a pointer, not text
_LABEL_WORDS = 6  # a link standing alone at the end, or after the last full stop
_DROP = ("script", "style", "img", "picture", "figure", "object", "embed", "iframe", "video",
         "audio", "noscript", "svg", "form", "button", "source")  # fmt: skip
_BLOCKS = ("p", "div", "section", "article", "blockquote", "pre", "table", "tr", "ul", "ol",
           "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "li", "hr")  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…]['\"“”«»‘’)\]]*\s*$")
_TAIL_MARKS = " \t\n»›→>)]|"
_LABELS = alternation(tuple(label.replace(" ", r"\s+") for label in READ_MORE_LABELS))
# A read-more label at the very end, maybe after an ellipsis, in brackets or with an arrow.
_READ_MORE = re.compile(
    r"(?:\s*[\[(]?\s*(?:…|\.\.\.)\s*[\])]?)?\s*[\[(]?\s*"
    rf"(?:{_LABELS}(?:\s+lesen)?|[^.!?\n]{{0,60}}\blesen)"
    r"\s*(?:[»›→>]+|…|\.\.\.)?\s*[\])]?\s*$",
    re.IGNORECASE,
)
_TRACKING = re.compile(r"^(?:utm_\w+|at_\w+|wt_\w+|ref|source|from|cmp|xtor)$", re.I)


def read(data: bytes, filename: str) -> list[Document]:
    """Read a feed file or a fetched feed: one document per entry."""
    base = filename if filename.startswith(("http://", "https://")) else ""
    try:
        feed = parse_feed(data, base)
    except FeedError as exc:
        raise SkipFile(str(exc)) from None
    return [document(entry, feed, filename) for entry in feed.entries]


def document(entry: FeedEntry, feed: Feed, filename: str) -> Document:
    """Turn one parsed entry into its document; a text that only repeats the title is none."""
    text = entry_text(entry)
    if _words(text) == _words(entry.title):
        text = ""  # "Was war. Was wird." as title and as summary
    source = Source(name=feed.outlet or filename, file=filename, url=entry.link or None,
                    id=entry.id)  # fmt: skip
    return Document(
        text=text, source=source, title=entry.title, published=_date(entry.published),
        authors=tuple(entry.authors), item=not text and bool(entry.title),
    )  # fmt: skip


def read_entry(data: bytes, filename: str) -> list[Document]:
    """Read an ``.entry`` bundle: the linked page if it says more than the entry, else the entry."""
    try:
        bundle = read_bundle(data)
    except FeedError as exc:
        raise SkipFile(str(exc)) from None
    feed = Feed(bundle.feed_title, "", bundle.outlet, [bundle.entry])
    teaser = document(bundle.entry, feed, filename)
    if bundle.page is None:
        return [teaser]
    try:
        page = html_reader.read_html(decode(bundle.page), filename)
    except SkipFile:
        return [teaser]
    if len(page.text.split()) < len(teaser.text.split()):
        return [teaser]  # a paywall or consent page says less than the feed did
    return [replace(
        page, source=teaser.source, title=page.title or teaser.title,
        published=page.published or teaser.published, authors=page.authors or teaser.authors,
    )]  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


# --- HTML to text --------------------------------------------------------------------------


def entry_text(entry: FeedEntry) -> str:
    """Return the entry's text without markup, link labels or a read-more tail."""
    if entry.content_type == "text/plain":
        return _without_tail(entry.content)
    root = _fragment(entry.content)
    if root is None:
        return ""
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    _drop_link_labels(root, entry.link)
    return _without_tail(_text(root))


def _fragment(markup: str) -> lxml.html.HtmlElement | None:
    if not markup.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def _drop_link_labels(root: lxml.html.HtmlElement, link: str) -> None:
    """Drop links that point to the story instead of telling it, last first."""
    own = _normal_url(link) if link else ""
    for anchor in reversed(list(root.iter("a"))):
        words = anchor.text_content().split()
        href = _normal_url(anchor.get("href", ""))
        if (own and href == own and len(words) <= _SELF_LABEL_WORDS) or (
            words and len(words) <= _LABEL_WORDS and _is_tail_label(anchor, root)
        ):
            anchor.drop_tree()


def _is_tail_label(anchor: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """Tell whether a link ends the text, alone or after a finished sentence."""
    label = anchor.text_content().strip()
    if _SENTENCE_END.search(label) or not _nothing_after(anchor, root):
        return False
    block = anchor.getparent()
    while block is not None and block is not root and block.tag not in _BLOCKS:
        block = block.getparent()
    full = (block if block is not None else root).text_content().rstrip(_TAIL_MARKS)
    if not full.endswith(label):
        return False
    before = full[: -len(label)].rstrip(" \t\n[(«‹|")
    return not before or bool(_SENTENCE_END.search(before))


def _nothing_after(element: lxml.html.HtmlElement, root: lxml.html.HtmlElement) -> bool:
    """Tell whether no text follows ``element`` in the fragment (arrows and brackets aside)."""
    node = element
    while node is not root and node is not None:
        if (node.tail or "").strip(_TAIL_MARKS):
            return False
        if any(sibling.text_content().strip(_TAIL_MARKS) for sibling in node.itersiblings()):
            return False
        node = node.getparent()
    return True


def _normal_url(url: str) -> str:
    """Normalise a link for comparison: no scheme, www, fragment, tracking or trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def _text(root: lxml.html.HtmlElement) -> str:
    """Write the fragment as text: blocks as paragraphs, headings as ``## ``, items as ``- ``."""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in root.iter(*_BLOCKS):
        prefix = "\n\n"
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            prefix += "## "
        elif element.tag == "li":
            prefix = "\n- "
        element.text = prefix + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"^(?:-|##)\s*$", "", text, flags=re.M)  # a heading or bullet left empty
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _without_tail(text: str) -> str:
    """Cut a trailing read-more phrase from the last paragraph ("… mehr", "Weiterlesen »")."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if not paragraphs:
        return ""
    last = paragraphs[-1]
    match = _READ_MORE.search(last)
    if match and len(match.group(0).split()) <= _LABEL_WORDS:
        before = last[: match.start()].rstrip()
        if not before or _SENTENCE_END.search(before):
            paragraphs[-1] = before
    return "\n\n".join(p for p in paragraphs if p.strip())
