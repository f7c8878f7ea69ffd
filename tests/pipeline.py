"""The build's middle stages for tests that start from articles: group, merge, write, rank."""

from __future__ import annotations

from collections.abc import Sequence

from digest import dedup
from digest.config import DedupConfig
from digest.merge import merge, merge_groups, rank
from digest.models import Article, IssueItem, Story
from digest.render.credits import CREDIT_LABEL, with_body


def merged(
    group: Sequence[Article], settings: DedupConfig | None = None, label: str = CREDIT_LABEL
) -> Story:
    """Merge ``group`` into one story and write its body, as the build does."""
    return with_body(merge(group, settings), label)


def stories_and_items(
    articles: Sequence[Article], settings: DedupConfig, label: str = CREDIT_LABEL
) -> tuple[list[Story], list[IssueItem]]:
    """Return the ranked stories and the short items the build makes of ``articles``."""
    grouping = dedup.group(articles, settings)
    stories = merge_groups(articles, grouping, settings)
    return rank([with_body(s, label) for s in stories]), grouping.items
