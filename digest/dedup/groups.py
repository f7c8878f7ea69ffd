"""Group articles by event: average linkage over the scored candidate pairs.

A pair above ``threshold`` joins two groups only if the groups' mean pairwise score stays
above ``group_threshold``, so chains of "somewhat similar" articles do not snowball into
one false story. ``match`` runs the whole matching: candidates, the uncertain band read
by the sentence model, then the linkage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from digest.config import DedupConfig
from digest.dedup.band import Band, read_band
from digest.dedup.candidates import blocked_pairs, candidate_pairs
from digest.dedup.scoring import Pair, Scorer
from digest.dedup.similarity import weigh_batch
from digest.dedup.vectors import Semantic
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


def link(
    n: int, pairs: Iterable[Pair], score: Callable[[int, int], float], settings: DedupConfig
) -> list[list[int]]:
    """Group ``n`` texts: strongest pairs first, a join only if the groups' mean holds."""
    groups = Groups(n)
    # Two groups kept apart stay apart until one of them grows: their mean is the same for
    # every further pair between them (big groups of copies met thousands of times).
    refused: set[tuple[int, int, int, int]] = set()
    for value, i, j in sorted(((score(i, j), i, j) for i, j in pairs), reverse=True):
        a, b = groups.find(i), groups.find(j)
        if value < settings.threshold or a == b:
            continue
        low, high = min(a, b), max(a, b)
        key = (low, high, len(groups.members[low]), len(groups.members[high]))
        if key in refused:
            continue
        cross = [score(x, y) for x in groups.members[a] for y in groups.members[b]]
        if sum(cross) / len(cross) >= settings.group_threshold:
            groups.join(a, b)
        else:
            refused.add(key)
    result = [sorted(m) for m in groups.members.values()]
    return sorted(result, key=lambda g: (-len(g), g[0]))


@dataclass(frozen=True)
class Matched:
    """The groups, the scorer that made them (its vectors and rescued pairs), the band."""

    groups: list[list[int]]
    scorer: Scorer
    band: Band


def match(
    articles: Sequence[Article], feats: Sequence[Features], settings: DedupConfig,
    semantic: Semantic | None = None, idf: dict[str, float] | None = None,
) -> Matched:  # fmt: skip
    """Group ``articles`` (their batch-weighted ``feats``) by event."""
    scorer = Scorer(articles, feats, settings, idf)
    pairs = candidate_pairs(feats) | blocked_pairs(feats, settings.date_window_days)
    band = Band()
    if semantic is not None and settings.semantic_threshold < 1:  # 1: the model never merges
        near, band = read_band(articles, scorer, pairs, semantic)
        pairs |= near
    return Matched(link(len(feats), pairs, scorer, settings), scorer, band)


def cluster(
    articles: Sequence[Article], settings: DedupConfig | None = None,
    semantic: Semantic | None = None,
) -> list[list[int]]:  # fmt: skip
    """Group the indices of ``articles`` by event (default settings unless given)."""
    feats, idf = weigh_batch([of_article(a) for a in articles])
    return match(articles, feats, settings or DedupConfig(), semantic, idf).groups
