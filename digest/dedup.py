"""Group articles that report the same event.

Similarity of two texts is the geometric mean of two views that must agree: the cosine of
their stem vectors (headline and lead weighted, names and numbers boosted) and how much of
each one's lead (headline and first sentence) the other contains. Same topic is not enough:
two reports of different meetings share the topic words but not the lead. Far-apart
publication dates lower the score. Candidate pairs come from a sparse inverted index over
each article's strongest stems (top-k per article), so the cost grows near-linearly.
Groups form by average linkage: a pair above ``threshold`` joins two groups only if the
groups' mean pairwise similarity stays above ``group_threshold``, so chains of "somewhat
similar" articles do not snowball into one false story.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from digest.config import DedupConfig
from digest.features import FULL_TERMS, Features, of_article
from digest.models import Article

IDF_MIN_DOCS = 50  # below this many texts document frequencies say nothing
BLOCK_TERMS = 15  # strongest stems per text that go into the inverted index
MAX_DF = 0.05  # stems in more than this share of texts (at least 50) are too common to block on
MAX_POSTINGS = 1000  # ... and never more than this many, which keeps the cost near-linear


def date_factor(a: Features, b: Features, window: float) -> float:
    """Return 1 within ``window`` days, falling off as the dates drift apart."""
    if a.day is None or b.day is None or window <= 0:
        return 1.0
    gap = abs(a.day - b.day)
    return 1.0 / (1.0 + max(0.0, gap - window) / window)


def _cosine(a: Features, b: Features, idf: Mapping[str, float] | None) -> float:
    small, large = (a, b) if len(a.terms) <= len(b.terms) else (b, a)
    if idf is None:
        dot = sum(w * large.terms.get(t, 0.0) for t, w in small.terms.items())
        norm = a.norm * b.norm
    else:
        big = large.terms
        dot = sum(w * big.get(t, 0.0) * idf.get(t, 1.0) ** 2 for t, w in small.terms.items())
        norm = _idf_norm(a, idf) * _idf_norm(b, idf)
    return dot / norm if norm else 0.0


def _idf_norm(f: Features, idf: Mapping[str, float]) -> float:
    return math.sqrt(sum((w * idf.get(t, 1.0)) ** 2 for t, w in f.terms.items()))


def _contained(lead: frozenset[str], other: Features) -> float:
    return sum(1 for t in lead if t in other.terms) / len(lead) if lead else 0.0


def feature_similarity(
    a: Features, b: Features, idf: Mapping[str, float] | None = None, window: float = 3.0
) -> float:
    """Return the same-event score of two feature sets, in [0, 1]."""
    cosine = _cosine(a, b, idf)
    lead = (_contained(a.lead, b) + _contained(b.lead, a)) / 2
    # Too little text (a stub, a page that was all consent banner) is weak evidence.
    damp = min(1.0, min(len(a.terms), len(b.terms)) / FULL_TERMS)
    return min(1.0, math.sqrt(cosine * lead) * damp * date_factor(a, b, window))


def similarity(a: Article, b: Article) -> float:
    """Return how likely ``a`` and ``b`` report the same event, in [0, 1], symmetric."""
    return feature_similarity(of_article(a), of_article(b))


def inverse_document_frequencies(feats: Sequence[Features]) -> dict[str, float] | None:
    """Return the IDF of every stem, or None for too few texts to tell."""
    if len(feats) < IDF_MIN_DOCS:
        return None
    df = Counter(t for f in feats for t in f.terms)
    n = len(feats)
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def candidate_pairs(
    feats: Sequence[Features], idf: Mapping[str, float] | None, k: int = 10
) -> set[tuple[int, int]]:
    """Return the index pairs worth scoring: each text's top-``k`` by shared strong stems."""
    n = len(feats)
    if n < 2:
        return set()
    cap = n if n < IDF_MIN_DOCS else min(MAX_POSTINGS, max(50, int(MAX_DF * n)))
    df = Counter(t for f in feats for t in f.terms)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, f in enumerate(feats):
        usable = ((t, w * (idf.get(t, 1.0) if idf else 1.0)) for t, w in f.terms.items())
        for term, weight in heapq.nlargest(BLOCK_TERMS, usable, key=lambda tw: tw[1]):
            if df[term] <= cap:
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                vals.append(weight)
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))))
    return _top_k(matrix @ matrix.T, k)


def _top_k(product: sparse.spmatrix, k: int) -> set[tuple[int, int]]:
    product = sparse.csr_matrix(product)
    pairs: set[tuple[int, int]] = set()
    for i in range(product.shape[0]):
        start, end = product.indptr[i], product.indptr[i + 1]
        cols = product.indices[start:end]
        vals = product.data[start:end]
        mask = cols != i
        cols, vals = cols[mask], vals[mask]
        if len(cols) > k:
            keep = np.argpartition(-vals, k)[:k]
            cols = cols[keep]
        pairs.update((min(i, int(j)), max(i, int(j))) for j in cols)
    return pairs


class _Groups:
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
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


def cluster_features(
    feats: Sequence[Features], settings: DedupConfig | None = None
) -> list[list[int]]:
    """Group the indices of ``feats`` by event; biggest groups first."""
    settings = settings or DedupConfig()
    idf = inverse_document_frequencies(feats)
    cache: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in cache:
            cache[key] = feature_similarity(feats[i], feats[j], idf, settings.date_window_days)
        return cache[key]

    scored = [(score(i, j), i, j) for i, j in candidate_pairs(feats, idf)]
    groups = _Groups(len(feats))
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
