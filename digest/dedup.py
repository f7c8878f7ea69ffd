"""Group articles that report the same story.

A first version (word-set cosine, single link); the dedup issue replaces it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from digest.models import Article

_WORD = re.compile(r"\w{4,}")


def _words(article: Article) -> set[str]:
    return set(_WORD.findall(f"{article.title} {article.body}".lower()))


def similarity(a: Article, b: Article) -> float:
    """Return how likely ``a`` and ``b`` report the same story, in [0, 1]."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / math.sqrt(len(wa) * len(wb))


def cluster(articles: Sequence[Article], threshold: float = 0.5) -> list[list[int]]:
    """Group the indices of ``articles`` by story (single link above ``threshold``)."""
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if similarity(articles[i], articles[j]) >= threshold:
                parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))
