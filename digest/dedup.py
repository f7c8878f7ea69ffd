"""Group articles that report the same event.

Similarity of two texts is the geometric mean of two views that must agree: the cosine of
their stem vectors (headline and lead weighted, names and numbers boosted) and how much of
each one's lead (headline and first sentence) the other contains. Same topic is not enough:
two reports of different meetings share the topic words but not the lead. Far-apart
publication dates lower the score. In a batch of 50 texts or more, stems are weighted by
inverse document frequency (a lone pair has no statistics to weigh them by, so
``similarity`` of two articles leaves them equal). Candidate pairs come from a sparse
inverted index over each article's strongest stems (top-k per article), so the cost grows
near-linearly.
Groups form by average linkage: a pair above ``threshold`` joins two groups only if the
groups' mean pairwise similarity stays above ``group_threshold``, so chains of "somewhat
similar" articles do not snowball into one false story.
Short newsletter items join the story they retell or another newsletter's copy of them,
only within the date window plus a day (a newsletter retells the last day's news).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from digest.config import DedupConfig
from digest.features import FULL_TERMS, Features, of_article
from digest.models import Article, IssueItem, Item, SourceRef
from digest.sentences import split_sentences, stems

IDF_MIN_DOCS = 50  # below this many texts document frequencies say nothing
BLOCK_TERMS = 15  # strongest stems per text that go into the inverted index
MAX_DF = 0.05  # stems in more than this share of texts (at least 50) are too common to block on
MAX_POSTINGS = 1000  # ... and never more than this many, which keeps the cost near-linear
MIN_ITEM_STEMS = 5  # fewer shared content stems are too few to call two texts the same news
ITEM_LEAD_SHARE = 0.3  # an item retelling a story names a good part of the story's lead
# A newsletter retells the last day's news: an item dated further than the date window plus
# a day from a story or another item is another day's news (a daily column's standing
# intro, the next match, the next day's figures), however alike the words.
ITEM_EXTRA_DAYS = 1.0


def date_factor(a: Features, b: Features, window: float) -> float:
    """Return 1 within ``window`` days, falling off as the dates drift apart."""
    if a.day is None or b.day is None or window <= 0:
        return 1.0
    gap = abs(a.day - b.day)
    return 1.0 / (1.0 + max(0.0, gap - window) / window)


def item_days(window: float) -> float:
    """Return how many days apart two items (or an item and a story) may be dated."""
    return window + ITEM_EXTRA_DAYS if window > 0 else math.inf


def cosine(a: Features, b: Features) -> float:
    """Return the cosine of two texts' stem vectors."""
    small, large = a.terms, b.terms
    # Only shared stems add to the dot product; the key intersection runs in C, so the
    # Python loop sees a few dozen stems instead of every stem of the shorter text.
    dot = sum(small[t] * large[t] for t in small.keys() & large.keys())
    norm = a.norm * b.norm
    return dot / norm if norm else 0.0


def reweight(f: Features, idf: Mapping[str, float]) -> Features:
    """Return ``f`` with every stem weighted by its inverse document frequency."""
    terms = {t: w * idf.get(t, 1.0) for t, w in f.terms.items()}
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return replace(f, terms=terms, norm=norm, weighted=True)


def _contained(lead: frozenset[str], head: frozenset[str]) -> float:
    return len(lead & head) / len(lead) if lead else 0.0


def feature_similarity(
    a: Features, b: Features, window: float = DedupConfig.date_window_days
) -> float:
    """Return the same-event score of two feature sets, in [0, 1]."""
    cos = cosine(a, b)
    lead = (_contained(a.lead, b.head) + _contained(b.lead, a.head)) / 2
    # Too little text (a stub, a page that was all consent banner) is weak evidence.
    damp = min(1.0, min(len(a.terms), len(b.terms)) / FULL_TERMS)
    return min(1.0, math.sqrt(cos * lead) * damp * date_factor(a, b, window))


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


def weigh(feats: Sequence[Features]) -> list[Features]:
    """Return ``feats`` IDF-weighted when the batch is large enough to tell (else as given)."""
    weighted = list(feats)
    idf = None if all(f.weighted for f in weighted) else inverse_document_frequencies(feats)
    if idf is None:
        return weighted
    for i, f in enumerate(weighted):
        weighted[i] = reweight(f, idf)  # one by one, so the unweighted copies can go
    return weighted


def candidate_pairs(feats: Sequence[Features], k: int = 10) -> set[tuple[int, int]]:
    """Return the index pairs worth scoring: each text's top-``k`` by shared strong stems.

    ``feats`` should already be IDF-weighted (``reweight``) for large batches.
    """
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
        strongest = heapq.nlargest(BLOCK_TERMS, f.terms.items(), key=lambda tw: tw[1])
        for term, weight in strongest:
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
        if a == b:
            return
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


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


# --- short items: across newsletters, and into the lead story another source wrote ---------


def _item_ref(article: Article, item: Item) -> SourceRef:
    """Cite the newsletter that carried ``item``, with the item's first sentence as title."""
    first = (split_sentences(item.text) or [item.text])[0]
    return SourceRef(
        name=article.source.name, file=article.source.file, title=first,
        url=item.url or article.source.url, published=article.published,
        authors=list(article.authors),
    )  # fmt: skip


class _ItemIndex:
    """Rarity-weighted stems of items, and which articles hold each stem."""

    def __init__(
        self, entries: list[tuple[int, Item, frozenset[str]]], feats: Sequence[Features]
    ) -> None:
        wanted = set().union(*(s for _, _, s in entries))
        df: Counter[str] = Counter(t for _, _, s in entries for t in s)
        self.column: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for i, f in enumerate(feats):
            for t in wanted.intersection(f.terms):
                df[t] += 1
                rows.append(i)
                cols.append(self.column.setdefault(t, len(self.column)))
        # Article x stem incidence, so "which article holds most of an item" is one product.
        shape = (len(feats), max(1, len(self.column)))
        self.holds = sparse.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        n = len(entries) + len(feats)
        # Stems every text shares ("Trump") cannot tell one news item from another.
        self.weight = {t: math.log(1 + n / c) for t, c in df.items()}
        self.days = np.array([np.nan if f.day is None else f.day for f in feats], dtype=float)

    def mass(self, terms: frozenset[str]) -> float:
        """Sum the weights of ``terms``."""
        return sum(self.weight.get(t, 0.0) for t in terms)

    def best_article(
        self, terms: frozenset[str], skip: set[int], day: float | None = None,
        max_days: float = math.inf,
    ) -> tuple[int, float, int]:  # fmt: skip
        """Return the article holding most of ``terms`` (by weight), that share and count.

        Articles dated more than ``max_days`` from ``day`` are not considered (undated ones
        always are).
        """
        held_terms = sorted((self.column[t], self.weight[t]) for t in terms if t in self.column)
        if not held_terms or self.holds.shape[0] == 0:
            return -1, 0.0, 0
        part = self.holds[:, [c for c, _ in held_terms]]
        held = part @ np.array([w for _, w in held_terms])
        count = np.asarray(part.sum(axis=1)).ravel()
        held[list(skip)] = 0.0
        if day is not None and math.isfinite(max_days):
            held[np.abs(self.days - day) > max_days] = 0.0  # NaN (undated) compares False
        best = int(np.argmax(held))  # ties: the first article
        if held[best] <= 0.0:
            return -1, 0.0, 0
        return best, float(held[best]) / (self.mass(terms) or 1.0), int(count[best])


def _is_story_of(
    terms: frozenset[str], lead: frozenset[str], share: float, held: int, threshold: float
) -> bool:
    """Tell whether an item retells an article: it holds the item, the item its lead."""
    lead_share = len(lead & terms) / len(lead) if lead else 0.0
    return share >= threshold and held >= MIN_ITEM_STEMS and lead_share >= ITEM_LEAD_SHARE


def group_items(
    articles: Sequence[Article], feats: Sequence[Features], groups: Sequence[Sequence[int]],
    settings: DedupConfig,
) -> tuple[dict[int, list[SourceRef]], list[IssueItem]]:  # fmt: skip
    """Attach items that are another source's story to it; merge the same item's copies.

    Returns the extra sources per story group and the remaining items, each once.
    """
    entries = [
        (i, it, frozenset(stems(it.text)))
        for i, a in enumerate(articles) for it in a.items if it.text.strip()
    ]  # fmt: skip
    if not entries:
        return {}, []
    index = _ItemIndex(entries, feats)
    max_days = item_days(settings.date_window_days)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    attached: dict[int, dict[int, SourceRef]] = {}
    rest = []
    for i, item, terms in entries:
        own = set(groups[group_of[i]]) if i in group_of else {i}
        j, share, held = index.best_article(terms, own, feats[i].day, max_days)
        if j >= 0 and _is_story_of(terms, feats[j].lead, share, held, settings.item_threshold):
            # One citation per newsletter, however many of its items the story covers.
            attached.setdefault(group_of[j], {}).setdefault(i, _item_ref(articles[i], item))
        else:
            rest.append((i, item, terms))
    extra = {g: list(refs.values()) for g, refs in attached.items()}
    days = [feats[i].day for i, _, _ in rest]
    return extra, _merge_items(rest, articles, index, settings.item_threshold, days, max_days)


class _DatedGroups(_Groups):
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


def _merge_items(
    entries: list[tuple[int, Item, frozenset[str]]], articles: Sequence[Article],
    index: _ItemIndex, threshold: float, days: Sequence[float | None], max_days: float,
) -> list[IssueItem]:  # fmt: skip
    """Merge copies of one item from different newsletters; keep the fullest text.

    ``days`` are the items' publication days: copies more than ``max_days`` apart stay apart.
    """
    groups = _DatedGroups(days, max_days)
    by_stem: dict[str, list[int]] = {}
    for k, (_, _, terms) in enumerate(entries):
        for t in terms:
            by_stem.setdefault(t, []).append(k)
    seen: dict[str, set[int]] = {}  # each text's groups (more than one only across days)
    for k, (_, item, _) in enumerate(entries):
        key = " ".join(item.text.casefold().split())
        for m in seen.get(key, ()):  # word for word the same item: one, whatever its length
            groups.try_join(groups.find(m), groups.find(k))
        seen[key] = {groups.find(m) for m in (*seen.get(key, ()), k)}
    for k, (i, _, terms) in enumerate(entries):
        near = {m for t in terms for m in by_stem[t] if m > k and entries[m][0] != i}
        for m in sorted(near):
            shared = index.mass(terms & entries[m][2])
            small = min(index.mass(terms), index.mass(entries[m][2])) or 1.0
            enough = len(terms & entries[m][2]) >= MIN_ITEM_STEMS
            if shared / small >= threshold and enough:
                groups.try_join(groups.find(k), groups.find(m))
    items = []
    for members in sorted(groups.members.values(), key=min):
        texts = [entries[k][1] for k in members]
        best = max(texts, key=lambda it: len(it.text.split()))  # ties: the first
        refs = [_item_ref(articles[entries[k][0]], entries[k][1]) for k in sorted(members)]
        url = next((it.url for it in texts if it.url), None)
        items.append(IssueItem(text=best.text, sources=refs, url=url))
    return items
