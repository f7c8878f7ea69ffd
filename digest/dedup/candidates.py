"""Which pairs of a batch are worth scoring: a sparse inverted index over strong stems.

Each text's top-k neighbours by shared strong stems (IDF-weighted in large batches), so the
cost grows near-linearly with the batch instead of quadratically. In a batch of many days
a text's top-k fill up with other days' reports of its topic (in the 4,820 FANG texts, 24
of 51 same-night pairs to merge were never compared): the index is built again per block
of the date window, and texts that have vectors add their nearest ones by the model.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from digest.dedup.embed import Vectors
from digest.dedup.similarity import IDF_MIN_DOCS
from digest.text.features import Features

BLOCK_TERMS = 15  # strongest stems per text that go into the inverted index
MAX_DF = 0.05  # stems in more than this share of texts (at least 50) are too common to block on
MAX_POSTINGS = 1000  # ... and never more than this many, which keeps the cost near-linear
PRODUCT_ROWS = 2000  # texts whose candidate products are held at once
NEIGHBOURS = 3  # nearest texts by the model, within the date window, per text with a vector


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
    pairs: set[tuple[int, int]] = set()
    # Row blocks: the whole product of 46,840 texts held tens of millions of entries.
    for start in range(0, n, PRODUCT_ROWS):
        block = matrix[start : start + PRODUCT_ROWS]
        pairs |= _top_k(block @ matrix.T, k, start)
    return pairs


def _top_k(product: sparse.spmatrix, k: int, first: int) -> set[tuple[int, int]]:
    """Return each row's ``k`` largest columns as pairs; row 0 of ``product`` is ``first``."""
    product = sparse.csr_matrix(product)
    pairs: set[tuple[int, int]] = set()
    for r in range(product.shape[0]):
        i = first + r
        start, end = product.indptr[r], product.indptr[r + 1]
        cols = product.indices[start:end]
        vals = product.data[start:end]
        mask = cols != i
        cols, vals = cols[mask], vals[mask]
        if len(cols) > k:
            keep = np.argpartition(-vals, k)[:k]
            cols = cols[keep]
        pairs.update((min(i, int(j)), max(i, int(j))) for j in cols)
    return pairs


def blocked_pairs(feats: Sequence[Features], window: float, k: int = 10) -> set[tuple[int, int]]:
    """Return each text's top-``k`` within every block of two date windows, a window apart.

    Any two texts dated within the window share a block. Nothing for a batch that spans
    two windows or less (the whole batch is one block) or has too few dated texts.
    """
    dated = sorted((f.day, i) for i, f in enumerate(feats) if f.day is not None)
    if window <= 0 or len(dated) < IDF_MIN_DOCS or dated[-1][0] - dated[0][0] <= 2 * window:
        return set()
    days = [d for d, _ in dated]
    pairs: set[tuple[int, int]] = set()
    start = days[0]
    while start <= days[-1]:
        lo, hi = bisect.bisect_left(days, start), bisect.bisect_left(days, start + 2 * window)
        block = [i for _, i in dated[lo:hi]]
        for a, b in candidate_pairs([feats[i] for i in block], k):
            pairs.add((min(block[a], block[b]), max(block[a], block[b])))
        start += window
    return pairs


def semantic_neighbours(
    vectors: Mapping[int, Vectors], feats: Sequence[Features], window: float,
    k: int = NEIGHBOURS,
) -> set[tuple[int, int]]:  # fmt: skip
    """Return each text's ``k`` nearest texts by the model among those within the window."""
    index = sorted(vectors)
    if len(index) < 2:
        return set()
    sims = np.vstack([vectors[i] for i in index]) @ np.vstack([vectors[i] for i in index]).T
    days = np.array([np.nan if feats[i].day is None else feats[i].day for i in index])
    if window > 0:
        sims[np.abs(days[:, None] - days[None, :]) > window] = -np.inf  # NaN (undated): kept
    np.fill_diagonal(sims, -np.inf)
    pairs: set[tuple[int, int]] = set()
    for row, i in enumerate(index):
        for col in np.argsort(-sims[row])[:k]:
            if np.isfinite(sims[row, col]):
                j = index[int(col)]
                pairs.add((min(i, j), max(i, j)))
    return pairs
