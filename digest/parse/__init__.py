"""German news structure: each reader's documents become clean articles.

``parse_documents`` reads the structure of each document's text (``digest.parse.structure``),
lets what the reader knew (a page's kicker, date and authors) win, drops documents that were
all boilerplate, and splits newsletters into their stories and short items
(``digest.parse.topics``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from digest.errors import SkipFile
from digest.models import Article, Document, Item
from digest.parse.structure import structure
from digest.parse.topics import split_all
from digest.text.paragraphs import has_running_text
from digest.text.vocabulary import RESSORTS

__all__ = ["parse_document", "parse_documents", "parse_input"]


def parse_document(document: Document) -> Article:
    """Read the structure of one document's text into an article.

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
        authors=list(document.authors) or article.authors,
        newsletter=article.newsletter or document.newsletter,
        # The text's own ressort line wins: the input's category is often a broad one.
        ressort=article.ressort or document.ressort,
        position=document.position,
    )


def parse_documents(documents: Sequence[Document]) -> list[Article]:
    """Parse ``documents``; raise ``SkipFile`` when none holds article text."""
    # An article with neither running text nor items was all boilerplate: nothing to show.
    articles = [a for a in map(parse_document, documents) if has_running_text(a.body) or a.items]
    if not articles:
        raise SkipFile("no article text found")
    return articles


def parse_input(documents: Sequence[Document]) -> list[Article]:
    """Parse the documents of one input; a newsletter's topics become stories and items."""
    return split_all(parse_documents(documents))


def _with_kicker(article: Article, kicker: str) -> Article:
    """Add the page's kicker, unless the headline already opens with it or it names a ressort."""
    if not kicker or article.kicker or article.title.casefold().startswith(kicker.casefold()):
        return article
    if kicker.casefold() in RESSORTS:
        return replace(article, ressort=article.ressort or kicker)
    return replace(article, kicker=kicker)
