"""German news structure: each reader's documents become clean articles.

A newsletter (a mail, or a text or saved web version with a newsletter's marks) is read
as blocks, its furniture dropped by block, and split into stories and short items by
shape (``digest.parse.newsletter``). Any other document is one article: its text's
structure is read line by line (``digest.parse.structure``), what the reader knew (a
page's kicker, date and authors) wins. Documents that were all boilerplate are dropped;
no inline Markdown and no address of a mail's recipient reaches an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import unquote

from digest.errors import NotNews, SkipFile
from digest.models import Article, Document, Item, Recipient
from digest.parse.cleanup import byline_authors, drop_announcements, trim_edges
from digest.parse.footer import scrub
from digest.parse.labels import SUBSCRIBED
from digest.parse.markdown import plain_body, plain_inline
from digest.parse.newsletter import Reading, newsletter_marks, read_blocks, read_newsletter
from digest.parse.patterns import ITEM_SECTION, LEAD_MARK, MEDIA_POINTER, PAYWALL_MARK
from digest.parse.promotion import is_promotion
from digest.parse.structure import structure
from digest.parse.wrap import broken_inside_sentences
from digest.text.paragraphs import has_running_text
from digest.text.vocabulary import RESSORTS

__all__ = [
    "newsletter_reading", "parse_articles", "parse_document", "parse_documents", "parse_input",
]  # fmt: skip

# A text worth reading as blocks to look for a newsletter's marks (the blocks decide): a
# line opening with a greeting or a rubric of short news, a line in capitals, or a
# subscriber notice. Cheap tests first: most texts are web articles with none of these.
_LINE_MARK = re.compile(
    r"(?im)^[^\w\n]*(?:guten (?:morgen|tag|abend)|hallo|hi|moin|servus|grüezi|grüß gott"
    rf"|liebe[rs]?|sehr geehrte)\b|^[^\w\n]*{ITEM_SECTION.pattern.removeprefix('^')}"
    r"|^(?-i:[A-ZÄÖÜ][A-ZÄÖÜ ]{5,})$"
)
_NOTICE_WORDS = (
    "abmeld", "abbestell", "austrag", "erhalten diese", "erhältst diese", "browser",
    "weitergeleitet", "angezeigt", "newsletter-abonnement",
)  # fmt: skip


NO_ARTICLE_TEXT = "no article text found"  # why an input without running text is skipped


def _may_be_newsletter(text: str) -> bool:
    """Tell a text worth reading as blocks for a newsletter's marks."""
    if _LINE_MARK.search(text):
        return True
    low = text.casefold()
    return any(word in low for word in _NOTICE_WORDS) and bool(SUBSCRIBED.search(text))


def parse_document(document: Document) -> Article:
    """Read the structure of one document's text into one article (never split).

    A headline without text (``Document.item``) becomes an article that carries it as one
    short item: no title and no body, so it is no story of its own.
    """
    if document.item:
        item = Item(text=document.title, url=document.source.url)
        return Article(title="", body="", source=document.source, published=document.published,
                       authors=list(document.authors), items=[item])  # fmt: skip
    article = structure(
        document.text, document.source, title=document.title, aliases=document.aliases,
        fallback_title=document.subject,
    )  # fmt: skip
    article = _with_kicker(article, document.kicker)
    return replace(
        article,
        published=document.published or article.published,
        # A teaser signed at its end ("… Von Jana Brückner."): the signature is cut from
        # the text as a credit, and names the author where nothing else does.
        authors=list(document.authors) or article.authors or byline_authors(document.text),
        newsletter=article.newsletter or document.newsletter,
        # The text's own ressort line wins: the input's category is often a broad one.
        ressort=article.ressort or document.ressort,
        position=document.position,
    )


def parse_articles(document: Document) -> list[Article]:
    """Parse one document: a newsletter's stories with its items on the first, or one article."""
    reading = newsletter_reading(document)
    if reading is None:
        return [_finished(parse_document(document), document.recipient)]
    # Each piece keeps its place in the letter (the lead is 0): editors put first what
    # matters most, unless the input gave the letter a place of its own.
    return [
        replace(_finished(a, reading.recipient), position=document.position
                if document.position is not None else n)
        for n, a in enumerate(reading.articles)
    ]  # fmt: skip


def newsletter_reading(document: Document) -> Reading | None:
    """Split a newsletter (a mail, or a text or page with a newsletter's marks), else None."""
    if document.item:
        return None
    if document.newsletter:
        return read_newsletter(document)
    if not document.blocks and not _may_be_newsletter(document.text):
        return None
    if not document.blocks and broken_inside_sentences(document.text.split("\n")):
        # A scrape that broke its lines anywhere ("ZEIT" / "ONLINE: Herr …") gives fragments
        # when cut by shape; the line reader joins such breaks (see docs/newsletters.md).
        return None
    read = read_blocks(document, prefer="html" if document.blocks else "")
    marked = newsletter_marks(read[0], rubrics=not document.blocks)
    return read_newsletter(document, read) if marked else None


def parse_documents(documents: Sequence[Document]) -> list[Article]:
    """Parse ``documents``; raise ``SkipFile`` when none holds article text."""
    # An article with neither running text nor items was all boilerplate: nothing to show.
    found = [
        a for document in documents for a in parse_articles(document)
        if has_running_text(a.body) or a.items
    ]  # fmt: skip
    articles = [a for a in found if a.items or not is_promotion(a)]
    if found and not articles:
        raise NotNews("an advertisement, no news (it speaks to the reader and names prices)")
    if not articles:
        raise SkipFile(NO_ARTICLE_TEXT)
    return articles


def parse_input(documents: Sequence[Document]) -> list[Article]:
    """Parse the documents of one input; a newsletter's pieces become stories and items."""
    return parse_documents(documents)


def _finished(article: Article, recipient: Recipient) -> Article:
    """Take inline Markdown and the recipient's addresses out of everything shown."""

    def clean(text: str) -> str:
        return plain_inline(scrub(_unmarked(text), recipient))

    return replace(
        article,
        title=clean(article.title), kicker=clean(article.kicker),
        body=plain_body(scrub(_unmarked(drop_announcements(article.body)), recipient)),
        items=[Item(text=clean(trim_edges(i.text) or i.text), url=_public(i.url, recipient))
               for i in article.items],
        authors=[clean(a) for a in article.authors],
    )  # fmt: skip


def _unmarked(text: str) -> str:
    """Take paywall marks, a label opening a line ("EXKLUSIV …") and pointers to pictures
    the digest does not show ("(siehe Grafik)") out of ``text``."""
    return LEAD_MARK.sub("", MEDIA_POINTER.sub("", PAYWALL_MARK.sub("", text)))


def _public(url: str | None, recipient: Recipient) -> str | None:
    """Return ``url`` unless it carries the recipient's address (a personal tracking link)."""
    if not url or not recipient.addresses:
        return url
    plain = unquote(url).casefold()
    return None if any(address in plain for address in recipient.addresses) else url


def _with_kicker(article: Article, kicker: str) -> Article:
    """Add the page's kicker, unless the headline already opens with it or it names a ressort."""
    if not kicker or article.kicker or article.title.casefold().startswith(kicker.casefold()):
        return article
    if kicker.casefold() in RESSORTS:
        return replace(article, ressort=article.ressort or kicker)
    return replace(article, kicker=kicker)
