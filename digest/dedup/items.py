"""Short newsletter items: into the story another source wrote, or merged across newsletters.

An item joins the story it retells or another newsletter's copy of it, only within the
date window plus a day (a newsletter retells the last day's news). By the words, an item
must hold most of a story's lead; one that retells it in other words joins the story the
sentence model finds closest, at a cosine of ``semantic_item_threshold`` (its best story
only). Two items are one by their words alone: the model was no more precise there.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from digest.config import DedupConfig
from digest.dedup.embed import Vectors, cut, story_text
from digest.dedup.groups import DatedGroups
from digest.dedup.similarity import item_days
from digest.dedup.vectors import Semantic
from digest.models import Article, IssueItem, Item, SourceRef
from digest.text.features import Features
from digest.text.sentences import split_sentences, stems
from digest.text.wordsets import finished

MIN_ITEM_STEMS = 5  # fewer shared content stems are too few to call two texts the same news
ITEM_LEAD_SHARE = 0.3  # an item retelling a story names a good part of the story's lead
ITEM_CHARS = 1000  # what the model reads of an item (cut before: the tokenizer costs)


def _item_ref(article: Article, item: Item) -> SourceRef:
    """Cite the newsletter that carried ``item``, with the item's first sentence as title."""
    first = (split_sentences(item.text) or [item.text])[0]
    return SourceRef(
        name=article.source.name, file=article.source.file, title=first,
        url=item.url or article.source.url, published=article.published,
        authors=list(article.authors), keys=(item.key,),
    )  # fmt: skip


class _ItemIndex:
    """Rarity-weighted stems of items, and which articles hold each stem."""

    def __init__(
        self, entries: list[tuple[int, Item, frozenset[str]]], feats: Sequence[Features]
    ) -> None:
        wanted = set().union(*(s for _, _, s in entries))
        df: Counter[str] = Counter(t for _, _, s in entries for t in s)
        self.column: dict[str, int] = {}
        # Machine ints: 46,840 articles hold millions of item stems, as Python ints 300 MB.
        rows, cols = array("i"), array("i")
        for i, f in enumerate(feats):
            for t in wanted.intersection(f.terms):
                df[t] += 1
                rows.append(i)
                cols.append(self.column.setdefault(t, len(self.column)))
        # Article x stem incidence, so "which article holds most of an item" is one product.
        shape = (len(feats), max(1, len(self.column)))
        incidence = (np.ones(len(rows), dtype=np.float32), (np.frombuffer(rows, dtype=np.int32),
                                                             np.frombuffer(cols, dtype=np.int32)))
        self.holds = sparse.csc_matrix(incidence, shape=shape)  # fmt: skip
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
    settings: DedupConfig, semantic: Semantic | None = None,
    vectors: dict[int, Vectors] | None = None,
) -> tuple[dict[int, list[SourceRef]], list[IssueItem]]:  # fmt: skip
    """Attach items that are another source's story to it; merge the same item's copies.

    ``vectors`` are the articles' vectors the matching made (more are made as needed).
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
    nearest: list[int] = []  # each remaining item's best story by its words
    for i, item, terms in entries:
        own = set(groups[group_of[i]]) if i in group_of else {i}
        j, share, held = index.best_article(terms, own, feats[i].day, max_days)
        if j >= 0 and _is_story_of(terms, feats[j].lead, share, held, settings.item_threshold):
            # One citation per newsletter, however many of its items the story covers.
            attached.setdefault(group_of[j], {}).setdefault(i, _item_ref(articles[i], item))
        else:
            rest.append((i, item, terms))
            nearest.append(j)
    if semantic is not None and rest:
        found = _by_model(articles, feats, rest, nearest, group_of, semantic, vectors or {},
                          settings)  # fmt: skip
        for k, g in found.items():
            i, item, _ = rest[k]
            attached.setdefault(g, {}).setdefault(i, _item_ref(articles[i], item))
        rest = [entry for k, entry in enumerate(rest) if k not in found]
    extra = {g: list(refs.values()) for g, refs in attached.items()}
    days = [feats[i].day for i, _, _ in rest]
    return extra, _merge_items(rest, articles, index, settings.item_threshold, days, max_days)


def _by_model(
    articles: Sequence[Article], feats: Sequence[Features],
    rest: list[tuple[int, Item, frozenset[str]]], nearest: list[int], group_of: dict[int, int],
    semantic: Semantic, vectors: dict[int, Vectors], settings: DedupConfig,
) -> dict[int, int]:  # fmt: skip
    """Return the story group of each item (by its place in ``rest``) the model finds.

    Items are read first (short: cheap), then each item's best story by its words, where
    that has no vector yet; an item joins its closest story with a vector, within the date
    window plus a day, at ``semantic_item_threshold``, never its own newsletter's.
    """
    items = semantic.vectors([cut(item.text, ITEM_CHARS) for _, item, _ in rest])
    wanted = sorted({j for j in nearest if j >= 0 and j in group_of and j not in vectors})
    for j, vector in zip(wanted, semantic.vectors([story_text(articles[j]) for j in wanted]),
                         strict=True):  # fmt: skip
        if vector is not None:
            vectors[j] = vector
    stories = sorted(j for j in vectors if j in group_of)
    if not stories:
        return {}
    matrix = np.vstack([vectors[j] for j in stories])
    days = np.array([np.nan if feats[j].day is None else feats[j].day for j in stories])
    max_days = item_days(settings.date_window_days)
    found: dict[int, int] = {}
    for k, ((i, _, _), vector) in enumerate(zip(rest, items, strict=True)):
        if vector is None:
            continue
        cos = matrix @ vector
        own = group_of.get(i)
        cos[[g == own for g in (group_of[j] for j in stories)]] = -1.0
        day = feats[i].day
        if day is not None and math.isfinite(max_days):
            cos[np.abs(days - day) > max_days] = -1.0  # NaN (undated) compares False
        best = int(np.argmax(cos))
        if cos[best] >= settings.semantic_item_threshold:
            found[k] = group_of[stories[best]]
    return found


def _merge_items(
    entries: list[tuple[int, Item, frozenset[str]]], articles: Sequence[Article],
    index: _ItemIndex, threshold: float, days: Sequence[float | None], max_days: float,
) -> list[IssueItem]:  # fmt: skip
    """Merge copies of one item from different newsletters; keep the fullest text.

    ``days`` are the items' publication days: copies more than ``max_days`` apart stay apart.
    """
    groups = DatedGroups(days, max_days)
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
        items.append(IssueItem(text=finished(best.text), sources=refs, url=url))
    return items
