"""Each text's features and style, read once for the whole build, on both cores if large.

Reading a text's stems (``of_article``) and its style (``genre.piece_likelihood``) is
most of the grouping's time in a large batch (17 s and 10 s of the 4,684 FANG articles on
this 2-core machine) and each text is read on its own, so the batch is cut into one share
per core, read in forked children (``isolate``: the articles are inherited, only the
results come back by pickle), and put back in order. The style is remembered
(``genre.remember``) for the scorer and the ranking, which ask of the same texts.

A share whose child fails (out of time or memory) is read here instead: the night goes
on, only slower. A small batch is read here at once; a fork would cost more than it saves.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from digest.dedup.genre import piece_likelihood, remember
from digest.isolate import DEFAULT_WORKERS, Failed, Job, Limits, map_isolated
from digest.models import Article
from digest.text.features import Features, of_article

PARALLEL_FROM = 500  # texts from which the batch is read in children
SHARE_SECONDS = 120.0  # a child's time for its share ...
TEXT_SECONDS = 0.05  # ... and this much more per text (about 10 times what one takes)
SHARE_MEMORY = 4 << 30  # address space a child may add: a share's features and their pickle

log = logging.getLogger(__name__)
Read = tuple[list[Features], list[float]]  # the texts' features and piece likelihoods


def read_texts(articles: Sequence[Article], workers: int = DEFAULT_WORKERS) -> list[Features]:
    """Return the features of ``articles`` in order, their style remembered by ``genre``."""
    if len(articles) < PARALLEL_FROM or workers < 2:
        return _read(articles, 0, len(articles))[0]
    spans = _spans(len(articles), workers)
    found: dict[int, Read] = {}
    jobs = [Job(span, SHARE_SECONDS + TEXT_SECONDS * (span[1] - span[0])) for span in spans]
    share = Limits(seconds=max(j.seconds for j in jobs), memory=SHARE_MEMORY)
    for index, outcome in map_isolated(lambda span: _read(articles, *span), jobs, share,
                                       workers=workers):  # fmt: skip
        outcome.replay()
        if isinstance(outcome.value, Failed):
            log.info("Reading texts %d to %d in a child failed (%s): read here instead",
                     spans[index][0] + 1, spans[index][1], outcome.value.reason)  # fmt: skip
        else:
            found[index] = outcome.value
    out: list[Features] = []
    for index, (start, end) in enumerate(spans):
        part_feats, likelihoods = found.get(index) or _read(articles, start, end)
        out.extend(part_feats)
        for article, value in zip(articles[start:end], likelihoods, strict=True):
            remember(article, value)
    return out


def _spans(n: int, parts: int) -> list[tuple[int, int]]:
    """Cut ``range(n)`` into ``parts`` contiguous spans of near-equal length."""
    bounds = [n * k // parts for k in range(parts + 1)]
    return [(bounds[k], bounds[k + 1]) for k in range(parts) if bounds[k] < bounds[k + 1]]


def _read(articles: Sequence[Article], start: int, end: int) -> Read:
    """Read the features and piece likelihoods of ``articles[start:end]``."""
    part = articles[start:end]
    return [of_article(a) for a in part], [piece_likelihood(a) for a in part]
