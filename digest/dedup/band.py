"""The uncertain band: which texts the sentence model reads, most useful first.

Only pairs the words leave uncertain need vectors (``Scorer.uncertain``). A pair nearer
the threshold is likelier to be the same event (on three FANG nights every pair the
model merged scored 0.23 or more), and a text in several such pairs serves them all: the
texts are embedded in that order until the time budget is spent, and the pairs left
without vectors are decided by the words, as before. Texts that got vectors add their
nearest texts by the model to the pairs compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digest.dedup.candidates import semantic_neighbours
from digest.dedup.embed import story_text
from digest.dedup.scoring import Pair, Scorer
from digest.dedup.vectors import Semantic
from digest.models import Article

NEAR_FLOOR = 0.1  # even a pair at the band's floor adds a little to its texts' worth


@dataclass(frozen=True)
class Band:
    """How the uncertain band went: its pairs, those left to the words, those merged."""

    uncertain: int = 0
    left_lexical: int = 0
    embedded: int = 0  # texts given vectors (from the cache or the model)

    def summary(self) -> str:
        """Say it in one line for the build's log."""
        return (f"{self.left_lexical} of {self.uncertain} uncertain pairs left lexical "
                f"({self.embedded} texts read by the sentence model)")  # fmt: skip


def order(band: Sequence[Pair], scorer: Scorer) -> list[int]:
    """Return the texts of the ``band`` pairs, the most useful first."""
    low, high = scorer.settings.semantic_low, scorer.settings.threshold
    worth: dict[int, float] = {}
    for i, j in band:
        gain = (scorer.lexical(i, j) - low) / max(high - low, 1e-9) + NEAR_FLOOR
        worth[i] = worth.get(i, 0.0) + gain
        worth[j] = worth.get(j, 0.0) + gain
    return sorted(worth, key=lambda k: (-worth[k], k))


def read_band(
    articles: Sequence[Article], scorer: Scorer, pairs: set[Pair], semantic: Semantic
) -> tuple[set[Pair], Band]:
    """Give the band's texts vectors in order of use; return the model's neighbour pairs."""
    band = sorted(p for p in pairs if scorer.uncertain(*p))
    texts = order(band, scorer)
    found = semantic.vectors([story_text(articles[i]) for i in texts])
    scorer.vectors.update((i, v) for i, v in zip(texts, found, strict=True) if v is not None)
    near = semantic_neighbours(scorer.vectors, scorer.feats, scorer.window) - pairs
    band += [p for p in near if scorer.uncertain(*p)]
    left = sum(1 for i, j in band if i not in scorer.vectors or j not in scorer.vectors)
    return near, Band(len(band), left, len(scorer.vectors))
