"""How important a story is: the news, not the length.

A story's score adds five signals (the README's "How the order is decided"):

- **outlets**: ``2 × log2(n)`` for ``n`` independent outlets reporting it (a newsletter
  that retold it counts too): two outlets add 2, four add 4. Independent confirmation
  weighs most; each doubling adds the same.
- **prominence** (0 to 1): how high an outlet placed it, where the input orders its news
  by importance: ``1 / (1 + position)`` at its best place, so a newsletter's lead or a
  feed's top entry adds 1, the second 0.5. A scraper's file or a saved page says nothing.
- **breaking** (0 or 1): "Eilmeldung", "Eil" or "Breaking" opens a headline, kicker or lead.
- **recency** (0 to 1): 1 for a report published at the issue's time, falling linearly to 0
  at two days before; the newest report counts; 0.5 when no report is dated.
- **ressort** (0 to 1): the section's place in the configured order, 1 for the first
  (Politik by default) down to 0 for the last; 0.5 for a story in no section.

A story told only by pieces about the news (a commentary, a feature, an explainer, a
podcast's page: ``dedup.genre.is_piece``) loses ``PIECE_WEIGHT``: the report of an event
comes before a view of it, as a newspaper's front page has it.

Length plays no part. Ties go to the newer story, then to the headline's alphabet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from digest.dedup.genre import is_piece
from digest.models import Article, Story
from digest.text.patterns import BREAKING

OUTLET_WEIGHT = 2.0
RECENCY_HOURS = 48.0
UNDATED_RECENCY = 0.5
NO_SECTION_WEIGHT = 0.5
PIECE_WEIGHT = 1.0


@dataclass(frozen=True)
class Signals:
    """The signals a story's score adds up (see the module)."""

    outlets: int
    prominence: float
    breaking: bool
    recency: float
    ressort: float
    newest: dt.datetime | None = None
    piece: bool = False  # every report of it is a piece about the news

    @property
    def score(self) -> float:
        """Return the story's importance."""
        outlets = OUTLET_WEIGHT * math.log2(max(self.outlets, 1))
        found = outlets + self.prominence + float(self.breaking) + self.recency + self.ressort
        return found - (PIECE_WEIGHT if self.piece else 0.0)


def signals(
    story: Story, articles: Sequence[Article], ressort: float, reference: dt.datetime
) -> Signals:
    """Read the signals of ``story``, merged from ``articles``, at the time ``reference``."""
    places = [a.position for a in articles if a.position is not None]
    dates = [s.published for s in story.sources if s.published is not None]
    newest = max(dates, key=_utc, default=None)
    return Signals(
        outlets=len({s.name for s in story.sources}),
        prominence=max((1.0 / (1 + p) for p in places), default=0.0),
        breaking=any(is_breaking(a) for a in articles),
        recency=recency(newest, reference),
        ressort=ressort,
        newest=_utc(newest) if newest else None,
        piece=bool(articles) and all(is_piece(a) for a in articles),
    )


def is_breaking(article: Article) -> bool:
    """Tell whether ``article`` is flagged as breaking news in its headline, kicker or lead."""
    lead = article.body.lstrip()[:80]
    return any(BREAKING.match(t) for t in (article.title, article.kicker, article.ressort, lead))


def recency(published: dt.datetime | None, reference: dt.datetime) -> float:
    """Return 1 for news as new as ``reference``, falling to 0 at two days before it."""
    if published is None:
        return UNDATED_RECENCY
    hours = (_utc(reference) - _utc(published)).total_seconds() / 3600
    return min(1.0, max(0.0, 1.0 - hours / RECENCY_HOURS))


def ressort_weight(index: int | None, count: int) -> float:
    """Return the weight of the section at ``index`` among ``count`` news sections."""
    if index is None:
        return NO_SECTION_WEIGHT
    return 1.0 - index / max(1, count - 1)


def _utc(when: dt.datetime) -> dt.datetime:
    # A date without a zone is taken as UTC: it only shifts recency by hours.
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
