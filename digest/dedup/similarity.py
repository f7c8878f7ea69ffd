"""Whether two texts report the same event: the score the grouping and the merge use.

Similarity of two texts is the geometric mean of two views that must agree: the cosine of
their stem vectors (headline and lead weighted, names and numbers boosted) and how much of
each one's lead (headline and first sentence) the other contains. Same topic is not enough:
two reports of different meetings share the topic words but not the lead. Far-apart
publication dates lower the score. In a batch of 50 texts or more, stems are weighted by
inverse document frequency (a lone pair has no statistics to weigh them by, so
``similarity`` of two articles leaves them equal). This module is the one seam for a
better model of "the same event" (``digest.dedup.scoring`` adds the page's structure and
the sentence model).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from digest.config import DedupConfig
from digest.text.features import FULL_TERMS, Features, cosine

IDF_MIN_DOCS = 50  # below this many texts document frequencies say nothing
_WEIGHTS: dict[float, float] = {}  # one float object per rounded weight, for all texts
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


def reweight(f: Features, idf: Mapping[str, float]) -> Features:
    """Return ``f`` with every stem weighted by its inverse document frequency.

    A batch large enough to weigh is large enough to fill the memory: each weight is
    rounded to three digits and shared among the texts (46,840 texts held 300 MB of
    floats, most of them equal to another's).
    """
    terms = {t: _shared(w * idf.get(t, 1.0)) for t, w in f.terms.items()}
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return replace(f, terms=terms, norm=norm, weighted=True)


def _shared(weight: float) -> float:
    """Return ``weight`` rounded to three significant digits, one object per value."""
    value = float(f"{weight:.3g}")
    return _WEIGHTS.setdefault(value, value)


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


def inverse_document_frequencies(feats: Sequence[Features]) -> dict[str, float] | None:
    """Return the IDF of every stem, or None for too few texts to tell."""
    if len(feats) < IDF_MIN_DOCS:
        return None
    df: dict[str, float] = Counter(t for f in feats for t in f.terms)  # type: ignore[assignment]
    n = len(feats)
    for t, c in df.items():  # in place: a batch's vocabulary runs to a million stems
        df[t] = math.log((n + 1) / (c + 1)) + 1.0
    return df


def weigh(feats: Sequence[Features]) -> list[Features]:
    """Return ``feats`` IDF-weighted when the batch is large enough to tell (else as given)."""
    return weigh_batch(list(feats))[0]


def weigh_batch(feats: list[Features]) -> tuple[list[Features], dict[str, float] | None]:
    """Weigh ``feats`` in place as ``weigh`` does; return them and the weights (or None).

    In place, so each text's unweighted features can go once it is weighted.
    """
    idf = None if all(f.weighted for f in feats) else inverse_document_frequencies(feats)
    if idf is None:
        return feats, None
    for i, f in enumerate(feats):
        feats[i] = reweight(f, idf)
    return feats, idf
