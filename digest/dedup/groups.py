"""Group articles by event: average linkage over the scored candidate pairs.

A pair above ``threshold`` joins two groups only if the groups' mean pairwise similarity
stays above ``group_threshold``, so chains of "somewhat similar" articles do not snowball
into one false story.
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.config import DedupConfig
from digest.dedup.candidates import candidate_pairs
from digest.dedup.similarity import feature_similarity, weigh
from digest.models import Article
from digest.text.features import Features, of_article


class Groups:
    """Union-find over texts that also remembers each group's members."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        if a == b:
            return
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


class DatedGroups(Groups):
    """Union-find whose groups stay within ``max_days`` from first to last publication."""

    def __init__(self, days: Sequence[float | None], max_days: float) -> None:
        super().__init__(len(days))
        self.max_days = max_days
        self.span = {k: (d, d) for k, d in enumerate(days) if d is not None}

    def try_join(self, a: int, b: int) -> None:
        """Join the groups of roots ``a`` and ``b`` unless together they span too many days."""
        if a == b:
            return
        spans = [self.span[r] for r in (a, b) if r in self.span]
        if spans:
            low, high = min(s[0] for s in spans), max(s[1] for s in spans)
            if high - low > self.max_days:
                return
            self.span.pop(b, None)
            self.span[a] = (low, high)
        self.join(a, b)


def cluster_features(
    feats: Sequence[Features], settings: DedupConfig | None = None
) -> list[list[int]]:
    """Group the indices of ``feats`` by event; biggest groups first."""
    settings = settings or DedupConfig()
    feats = weigh(feats)
    cache: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in cache:
            cache[key] = feature_similarity(feats[i], feats[j], settings.date_window_days)
        return cache[key]

    scored = [(score(i, j), i, j) for i, j in candidate_pairs(feats)]
    groups = Groups(len(feats))
    for value, i, j in sorted(scored, reverse=True):
        a, b = groups.find(i), groups.find(j)
        if value < settings.threshold or a == b:
            continue
        cross = [score(x, y) for x in groups.members[a] for y in groups.members[b]]
        if sum(cross) / len(cross) >= settings.group_threshold:
            groups.join(a, b)
    result = [sorted(m) for m in groups.members.values()]
    return sorted(result, key=lambda g: (-len(g), g[0]))


def cluster(articles: Sequence[Article], settings: DedupConfig | None = None) -> list[list[int]]:
    """Group the indices of ``articles`` by event (default settings unless given)."""
    return cluster_features([of_article(a) for a in articles], settings)
