"""Write one story from a group of articles about the same event.

A first version (the longest article stands for the group); the dedup issue replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.config import DedupConfig
from digest.dedup import cluster
from digest.models import Article, IssueItem, SourceRef, Story

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def merge(group: Sequence[Article]) -> Story:
    """Merge ``group`` into one story that cites every article."""
    primary = max(group, key=lambda a: len(a.body))
    paragraphs = [p for p in primary.body.split("\n\n") if p and not p.startswith("## ")]
    sentences = _SENTENCE_END.split(paragraphs[0]) if paragraphs else []
    summary = " ".join(sentences[:2])
    return Story(
        headline=primary.title or summary[:80],
        kicker=primary.kicker,
        summary=summary,
        body=primary.body,
        sources=[SourceRef.of(a) for a in group],
    )


def merge_items(articles: Sequence[Article]) -> list[IssueItem]:
    """Collect the short items of every article, each text once."""
    seen: dict[str, IssueItem] = {}
    for article in articles:
        for item in article.items:
            key = item.text.casefold()
            if key in seen:
                seen[key].sources.append(SourceRef.of(article))
            else:
                seen[key] = IssueItem(text=item.text, sources=[SourceRef.of(article)], url=item.url)
    return list(seen.values())


def make_stories(
    articles: Sequence[Article], settings: DedupConfig
) -> tuple[list[Story], list[IssueItem]]:
    """Group ``articles`` by story and merge each group; stories come most sources first."""
    groups = cluster(articles, settings)
    stories = [merge([articles[i] for i in group]) for group in groups]
    stories.sort(key=lambda s: -len(s.sources))
    return stories, merge_items(articles)
