"""A newsletter end to end: blocks in, furniture out, split by shape, each piece titled.

A mail gives both of its parts: the plain text read into blocks here
(``digest.parse.textblocks``) and the HTML part as the reader's blocks; the part that
carries the letter better once boilerplate is gone is split. A text or a saved web
version is split only when it shows a newsletter's marks (``newsletter_marks``): a web
article's sub-headings tell one story from several sides and must stay together.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, replace

from digest.models import HEADING, ITEM, PARAGRAPH, Article, Block, Document, Item, Recipient
from digest.parse.footer import Cleaned, clean, scrub
from digest.parse.patterns import ITEM_SECTION
from digest.parse.pieces import Piece, Split
from digest.parse.shapes import marked_run, sections
from digest.parse.textblocks import text_blocks
from digest.parse.titles import (
    first_sentence_title,
    is_caps,
    is_generic,
    is_rubric,
    mail_title,
    without_names,
)  # fmt: skip
from digest.parse.topics import split
from digest.text.wordsets import stems, trim_unfinished

_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
_SENTENCE = re.compile(r"\w[.!?]['\"“”»«)]*(?:\s|$)")
_MIN_PLAIN_WORDS = 40  # a shorter plain part is a "view it in your browser" stub
_HTML_MORE = 1.15  # the HTML part wins when it holds this much more text ...
_HTML_HEADINGS = 2  # ... or at least this many more headings above text
_HEADING_TEXT_WORDS = 10
_TOC_SEPARATORS = (" + ", " • ", " | ", " · ", " ++ ")
_TOC_MATCH = 0.6  # a header entry titles a story when this share of its words is in it


@dataclass(frozen=True)
class Reading:
    """What the splitter made of one newsletter (kept whole for the bench)."""

    articles: list[Article]
    split: Split
    cleaned: Cleaned
    part: str  # "plain", "html" or "text"
    recipient: Recipient  # the mail's, with what its greeting and registration data told


def _text_words(blocks: list[Block]) -> int:
    """Count the words of blocks holding a sentence (navigation and labels hold none)."""
    return sum(b.words for b in blocks if b.kind in (PARAGRAPH, ITEM) and _SENTENCE.search(b.text))


def _headings(blocks: list[Block]) -> int:
    """Count headings standing right above text: the structure a reader can navigate."""
    return sum(
        1 for a, b in itertools.pairwise(blocks)
        if a.kind == HEADING and b.kind in (PARAGRAPH, ITEM) and b.words >= _HEADING_TEXT_WORDS
    )  # fmt: skip


def prefer_html(raw_plain: list[Block], plain: list[Block], html: list[Block]) -> bool:
    """Tell whether the HTML part carries the letter better than the plain part.

    ``raw_plain`` is the plain part as read, ``plain`` and ``html`` the parts after
    boilerplate is gone: HTML wins when the plain part is a stub, or when the HTML
    holds clearly more text (a plain part cut short by its converter) or more
    headings above text (stories the plain part runs together). A plain part that
    says the same as a wrapper of HTML is the cleaner read.
    """
    if not html:
        return False
    if _text_words(raw_plain) < _MIN_PLAIN_WORDS:
        return _text_words(html) > _text_words(plain)
    more_text = _text_words(html) > _HTML_MORE * _text_words(plain)
    more_structure = _headings(html) >= _headings(plain) + _HTML_HEADINGS
    return more_text or more_structure


def read_blocks(document: Document, *, prefer: str = "") -> tuple[Cleaned, str]:
    """Read a document's better part into blocks without boilerplate; name the part.

    ``prefer="html"`` takes the HTML blocks whatever the text says (a saved web version:
    its text is the extractor's guess at one article).
    """
    if prefer == "html" and document.blocks:
        return clean(list(document.blocks), document.recipient), "html"
    raw_plain = text_blocks(document.text) if document.text.strip() else []
    plain = clean(raw_plain, document.recipient)
    if not document.blocks:
        return plain, "plain" if document.newsletter else "text"
    html = clean(list(document.blocks), document.recipient)
    if prefer_html(raw_plain, plain.blocks, html.blocks):
        return html, "html"
    return plain, "plain"


def newsletter_marks(cleaned: Cleaned, *, rubrics: bool = True) -> bool:
    """Tell a newsletter among texts and pages by a letter's marks or a rubric of news.

    A letter greets its reader on a line of its own or says why it was sent ("Sie
    erhalten diesen Newsletter, weil …"); a briefing names a rubric of short news ("Was
    heute wichtig ist"), or lists marked items (bullets, numbers, bold lead-ins, link
    labels) under a rubric set in capitals or right after a greeting. Lists, numbered
    sections and capitals headings alone are no proof: web listicles, Q&A pages and
    long pieces have them too. ``rubrics=False`` (a saved web page): only the letter's
    marks count, as a page's own boxes ("Das Wichtigste in Kürze") look like rubrics.
    """
    if cleaned.letter or cleaned.subscribed:
        return True
    if not rubrics:
        return False
    blocks = cleaned.blocks
    if cleaned.greeted and any(marked_run(s.body) for s in sections(blocks)):
        return True
    for i, block in enumerate(blocks):
        if block.kind == HEADING and ITEM_SECTION.match(block.flat):
            return True
        if block.kind == HEADING and is_caps(block.flat) and marked_run(blocks[i + 1 :]):
            return True
    return False


def read_newsletter(document: Document, read: tuple[Cleaned, str] | None = None) -> Reading:
    """Split one newsletter document into titled articles, the items on the first one.

    ``read``: the document's blocks as ``read_blocks`` gave them, when already read.
    """
    cleaned, part = read or read_blocks(document)
    result = split(cleaned.blocks, greeted=cleaned.greeted, briefs=True)
    recipient = Recipient(
        document.recipient.addresses | cleaned.addresses, document.recipient.names | cleaned.names
    )
    articles = to_articles(result, cleaned, document, recipient)
    return Reading(articles, result, cleaned, part, recipient)


def _header_titles(header: list[str]) -> list[str]:
    """Return the entries of a preheader's topic list ("+ A + B + C +")."""
    found: list[str] = []
    for line in header:
        for sep in _TOC_SEPARATORS:
            if line.count(sep.strip()) >= 2:
                found += [p.strip(" +•|·") for p in line.split(sep.strip()) if p.strip(" +•|·")]
                break
    return list(dict.fromkeys(found))


def _from_header(text: str, candidates: list[str]) -> str:
    own = stems(text)
    best = max(candidates, key=lambda c: len(stems(c) & own) / max(1, len(stems(c))), default="")
    return best if best and len(stems(best) & own) >= _TOC_MATCH * len(stems(best)) else ""


def _story_title(piece: Piece, candidates: list[str]) -> tuple[str, str]:
    """Return (title, kicker) of a story of a several-piece newsletter."""
    if piece.title and ITEM_SECTION.match(piece.title):  # "Was heute wichtig ist": no headline
        return first_sentence_title(piece.text), piece.kicker
    if piece.title and piece.level and is_rubric(piece.title):
        return first_sentence_title(piece.text), piece.kicker or piece.title
    if piece.title:  # "1. Kieler Woche verlängert": the number only orders the pieces
        return first_sentence_title(_NUMBERED.sub("", piece.title)), piece.kicker
    return _from_header(piece.text, candidates) or first_sentence_title(piece.text), piece.kicker


def _titles(pieces: list[Piece], cleaned: Cleaned, document: Document) -> list[tuple[str, str]]:
    """Return (title, kicker) of each story: the subject for a one-story mail."""
    subject = document.subject or document.title
    sender = document.source.name
    candidates = _header_titles(cleaned.header)
    found: list[tuple[str, str]] = []
    for n, piece in enumerate(pieces):
        if len(pieces) == 1:
            heading = piece.title if piece.level and not ITEM_SECTION.match(piece.title) else ""
            title = mail_title(subject, sender, heading, piece.text) if subject else ""
            title = title or _story_title(piece, candidates)[0]
            found.append((title, piece.kicker if title == piece.title else ""))
            continue
        title, kicker = _story_title(piece, candidates)
        lead = n == 0 and not piece.title and _names(subject, piece)
        if lead and not is_generic(subject, sender):
            title = subject  # the subject names the lead story
        found.append((title, kicker))
    return found


def _names(subject: str, piece: Piece) -> bool:
    """Tell whether ``subject`` speaks of ``piece``: half its words or more are in it."""
    own = stems(subject)
    return bool(own) and 2 * len(own & stems(piece.text)) >= len(own)


def to_articles(
    result: Split, cleaned: Cleaned, document: Document, recipient: Recipient
) -> list[Article]:
    """Turn the pieces into articles: titled stories, the items on the first one."""
    pieces, items = list(result.stories), list(result.items)
    if not pieces and len(items) == 1:
        pieces, items = items, []  # a mail of one short piece is that piece
    published: dt.datetime | None = document.published
    authors = list(cleaned.authors or document.authors)
    articles = [
        Article(
            title=without_names(title, recipient.names), body=trim_unfinished(
                scrub(piece.text, recipient)), source=document.source, kicker=kicker,
            published=published, authors=authors, newsletter=True,
        )
        for piece, (title, kicker) in zip(pieces, _titles(pieces, cleaned, document), strict=True)
    ]  # fmt: skip
    entries = [
        Item(text=trim_unfinished(scrub(p.as_item(), recipient)), url=p.href) for p in items
    ]
    if not articles:
        if not entries:
            return []
        return [Article(title="", body="", source=document.source, published=published,
                        items=entries, newsletter=True)]  # fmt: skip
    return [replace(articles[0], items=entries), *articles[1:]]
