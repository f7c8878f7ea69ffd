"""Which report leads a merged story: its headline, its most central report, its citations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from digest.dedup.scoring import NEAR_COPY
from digest.dedup.similarity import feature_similarity
from digest.merge.facts import QUESTION
from digest.models import Article, SourceRef
from digest.text.features import Features
from digest.text.sentences import stems

_NOT_ALNUM = re.compile(r"[^\w\s]|_")  # what ``str.isalnum`` and ``str.isspace`` refuse


def choose_headline(group: Sequence[Article], feats: Sequence[Features]) -> tuple[str, str]:
    """Return (headline, kicker): the source headline naming most of the shared story."""
    shared = Counter(t for f in feats for t in f.terms)
    best: tuple[float, int] = (-1.0, 0)
    for i, article in enumerate(group):
        title = article.title.strip()
        words = len(title.split())
        if not title or QUESTION.search(title) or title.endswith(("…", ".", ":")):
            continue
        if words < 4 or words > 16:  # a kicker or a whole sentence, not a headline
            continue
        score = sum(1 for t in stems(title) if shared[t] > 1) + min(words, 10) / 10
        best = max(best, (score, -i))
    index = -best[1] if best[0] >= 0 else max(range(len(group)), key=lambda i: bool(group[i].title))
    return group[index].title.strip(), group[index].kicker


def primary(feats: Sequence[Features]) -> int:
    """Return the most central article: the one most similar to the rest."""
    if len(feats) < 3:
        return 0
    sums = [sum(feature_similarity(f, g) for g in feats if g is not f) for f in feats]
    return max(range(len(feats)), key=lambda i: sums[i])


def distinct(ordered: Sequence[Article], feats: Sequence[Features]) -> list[Article]:
    """Drop near-copies: syndicated agency text in several outlets adds a citation, not facts."""
    kept: list[int] = []
    for i, article in enumerate(ordered):
        copy = any(
            article.body == ordered[k].body or feature_similarity(feats[i], feats[k]) >= NEAR_COPY
            for k in kept
        )
        if not copy:
            kept.append(i)
    return [ordered[k] for k in kept]


def cited(ordered: Sequence[Article], headline: str) -> list[SourceRef]:
    """Cite the source whose headline the story uses first, then the others in order."""
    first = sorted(ordered, key=lambda a: a.title.strip() != headline)
    return [SourceRef.of(a) for a in first]


def is_headline(sentence: str, headline: str) -> bool:
    """Tell a body sentence that only repeats the headline ("Kabinett befasst sich mit …."
    opening a ticker entry whose heading became its first sentence)."""
    return bool(headline) and _plain(sentence) == _plain(headline)


@lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    # One pattern, not a test per character: this runs on every sentence of a night.
    return " ".join(_NOT_ALNUM.sub("", text.casefold()).split())
