"""Deduplicate: group the articles that report the same event, and the same short items.

``similarity`` scores one pair by its words (the seam for a better model), ``match``
picks the pairs worth scoring, lets the sentence model decide the uncertain ones and
groups by average linkage, and ``group_items`` sends each short item to the story it
retells or merges it with its copies in other newsletters. ``group`` runs them in that
order for the build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from digest.config import DedupConfig
from digest.dedup.band import Band
from digest.dedup.groups import cluster, match
from digest.dedup.items import group_items
from digest.dedup.prepare import read_texts
from digest.dedup.scoring import similarity
from digest.dedup.similarity import weigh_batch
from digest.dedup.vectors import Semantic
from digest.models import Article, IssueItem, SourceRef
from digest.text.features import Features

__all__ = ["Grouping", "cluster", "group", "similarity"]


@dataclass(frozen=True)
class Grouping:
    """Which articles report one event, and where the short items went.

    ``groups`` hold article indices, largest first; ``attached`` the newsletters whose item
    retold a group's story (cited under it); ``items`` the remaining short items, each once.
    ``features`` are the articles' (batch-weighted) features, for the merge to reuse;
    ``band`` says how the sentence model's share of the matching went.
    """

    features: list[Features]
    groups: list[list[int]]
    attached: dict[int, list[SourceRef]]
    items: list[IssueItem]
    band: Band = field(default_factory=Band)


def group(
    articles: Sequence[Article], settings: DedupConfig, semantic: Semantic | None = None
) -> Grouping:
    """Group ``articles`` by event and place their short items."""
    features, idf = weigh_batch(read_texts(articles))
    matched = match(articles, features, settings, semantic, idf)
    # A newsletter of short items only has no story of its own: its items still count.
    groups = [g for g in matched.groups if any(_has_story(articles[i]) for i in g)]
    attached, items = group_items(articles, features, groups, settings, semantic,
                                  matched.scorer.vectors)  # fmt: skip
    return Grouping(features, groups, attached, items, matched.band)


def _has_story(article: Article) -> bool:
    return bool(article.title.strip() or article.body.strip())
