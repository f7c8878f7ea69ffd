"""The tunable values of the page reader, in one place, with the values a fit may choose.

Every number or list the HTML reader decides with is a field here, so that
``bench/parse_bench.py`` can re-fit each one without the publisher it scores
(leave-one-publisher-out) and show which values the folds chose. The defaults are set
from what the values mean (a widget box is short, a link list is mostly links); ``CHOICES``
lists the alternatives a fold may pick instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Groups of class, id and aria-label words that name a block that is not the article
# (``text.vocabulary.MARKUP_WORDS``); each group can be switched off by a fit.
MARKUP_GROUPS = ("promo", "teaser", "bio", "consent", "caption", "meta", "widget")


@dataclass(frozen=True)
class TitleWeights:
    """How much each of a page's titles counts in the vote for its headline."""

    ld: float = 1.5  # the JSON-LD headline
    og: float = 0.5  # og:title
    twitter: float = 0.5  # twitter:title
    h1: float = 0.5  # the visible <h1>
    page: float = 1.0  # <title>
    slug: float = 1.0  # the URL path spells the title word for word
    part: float = 0.5  # a title that holds the candidate as its headline part (after a kicker)


@dataclass(frozen=True)
class PageRules:
    """Thresholds and word groups of the page reader (see the module docstring)."""

    link_share: float = 0.75  # a box whose text is this much link text is a list of links
    box_chars: int = 600  # a widget box (promo, bio, placeholder) holds at most this much text
    lead_match: float = 0.6  # share of the description's words a recovered lead must hold
    lead_by_place: bool = True  # without a description match: the first paragraph below the
    # headline, when the extracted text lacks it
    markup_groups: frozenset[str] = frozenset(MARKUP_GROUPS)
    titles: TitleWeights = field(default_factory=TitleWeights)


RULES = PageRules()

# The values a leave-one-publisher-out fit chooses from for each field (the default among
# them); the title weights are fitted jointly over every combination.
CHOICES: dict[str, tuple[object, ...]] = {
    "link_share": (0.45, 0.6, 0.75),
    "box_chars": (350, 600, 1000),
    "lead_match": (0.4, 0.6, 0.8),
    "lead_by_place": (False, True),
    **{f"markup_groups-{g}": ("on", "off") for g in MARKUP_GROUPS},
    **{f"titles.{w}": (0.5, 1.0, 1.5) for w in ("ld", "og", "twitter", "h1", "page", "slug")},
    "titles.part": (0.25, 0.5, 0.9),
}
