"""Each text's features and style, read once for the whole build, on both cores if large.

Reading a text's stems (``of_article``) and its style (``genre.piece_likelihood``) is
most of the grouping's time in a large batch (17 s and 10 s of the 4,684 FANG articles on
this 2-core machine) and each text is read on its own, so a large batch is read in one
share per core in forked children (``isolate.in_shares``: the articles are inherited,
only the results come back by pickle; a failed share is read here). The style is
remembered (``genre.remember``) for the scorer and the ranking, which ask of the same
texts.
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.dedup.genre import piece_likelihood, remember
from digest.isolate import DEFAULT_WORKERS, in_shares
from digest.models import Article
from digest.text.features import Features, of_article

TEXT_SECONDS = 0.05  # a child's time per text (about 10 times what one takes)
SHARE_MEMORY = 4 << 30  # address space a child may add: a share's features and their pickle


def read_texts(articles: Sequence[Article], workers: int = DEFAULT_WORKERS) -> list[Features]:
    """Return the features of ``articles`` in order, their style remembered by ``genre``."""
    read = in_shares(lambda start, end: _read(articles[start:end]), len(articles),
                     item_seconds=TEXT_SECONDS, memory=SHARE_MEMORY, workers=workers,
                     what="texts")  # fmt: skip
    for article, (_, likelihood) in zip(articles, read, strict=True):
        remember(article, likelihood)
    return [feats for feats, _ in read]


def _read(part: Sequence[Article]) -> list[tuple[Features, float]]:
    """Read the features and piece likelihood of each text of ``part``."""
    return [(of_article(a), piece_likelihood(a)) for a in part]
