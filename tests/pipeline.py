"""The build's middle stages for tests that start from articles: group, merge, write, rank."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from digest import dedup, rank
from digest.config import DedupConfig
from digest.dedup.vectors import Semantic
from digest.merge import merge, merge_groups
from digest.models import Article, IssueItem, Story
from digest.render.credits import CREDIT_LABEL, with_body

# A time after every test article: recency then ranks by age alone.
REFERENCE = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def merged(
    group: Sequence[Article], settings: DedupConfig | None = None, label: str = CREDIT_LABEL
) -> Story:
    """Merge ``group`` into one story and write its body, as the build does."""
    return with_body(merge(group, settings), label)


def stories_and_items(
    articles: Sequence[Article], settings: DedupConfig, label: str = CREDIT_LABEL,
    semantic: Semantic | None = None,
) -> tuple[list[Story], list[IssueItem]]:
    """Return the ranked stories and the short items the build makes of ``articles``.

    ``semantic``: the sentence model, as the build gives it (None: the words alone).
    """
    grouping = dedup.group(articles, settings, semantic)
    stories = merge_groups(articles, grouping, settings, semantic)
    groups = [[articles[i] for i in group] for group in grouping.groups]
    sections = rank.sections_for([], lambda text: text)
    written = [with_body(s, label) for s in stories]
    return rank.rank(written, groups, sections, REFERENCE), grouping.items
