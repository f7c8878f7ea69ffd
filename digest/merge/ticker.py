"""Live tickers and roundup pages: keep only the pieces about the story being merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from digest.dedup.structure import pieces
from digest.models import Article
from digest.text.features import cosine, extract

# Of a ticker, a story keeps the pieces at least this share as close to the other reports
# as the closest piece: the one it was grouped by, and what else is about the same news.
TICKER_RELEVANT = 0.25


def about_story(article: Article, others: Sequence[Article]) -> Article:
    """Return ``article`` with only the pieces about the story that ``others`` report.

    A live ticker or a roundup joins a story by the one entry that reports it; its other
    entries are other news and must not become that source's own facts. Only a page that
    is mostly other news loses its pieces (``digest.dedup.structure.pieces``).
    """
    found = pieces(article.body) if others else []
    if not found:
        return article
    story = extract("", "\n\n".join(f"{o.title}\n\n{o.body}" for o in others))
    closeness = [cosine(extract("", text), story) for text in found]
    floor = TICKER_RELEVANT * max(closeness)
    kept = [text for text, value in zip(found, closeness, strict=True) if value >= floor]
    if 2 * len(kept) >= len(found):
        return article  # mostly about the story: one story told from several sides
    return replace(article, body="\n\n".join(kept))
