"""Which pairs of a batch are worth scoring: a sparse inverted index over strong stems.

Each text's top-k neighbours by shared strong stems (IDF-weighted in large batches), so the
cost grows near-linearly with the batch instead of quadratically.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from digest.dedup.similarity import IDF_MIN_DOCS
from digest.text.features import Features

BLOCK_TERMS = 15  # strongest stems per text that go into the inverted index
MAX_DF = 0.05  # stems in more than this share of texts (at least 50) are too common to block on
MAX_POSTINGS = 1000  # ... and never more than this many, which keeps the cost near-linear


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
