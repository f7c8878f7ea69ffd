"""Order the stories by importance and file each into a section of the issue.

The stage between the merge and the renderer: every story gets its section ("Politik",
"Wirtschaft", …, or "" for none) and an opinion mark (``digest.rank.sections``), and the
stories come in the order of their importance (``digest.rank.importance``), news first,
then opinion. The renderer shows them grouped by section; the size budget keeps the most
important ones in the email, and the web version holds every story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from digest.config import SectionRule
from digest.models import Article, Story
from digest.rank.importance import Signals, ressort_weight, signals
from digest.rank.sections import Section, builtin_sections, configured_sections, story_section

__all__ = ["Section", "rank", "reference_time", "sections_for"]

MIN_STORY_WORDS = 10


def sections_for(rules: Sequence[SectionRule], gettext: Callable[[str], str]) -> list[Section]:
    """Return the configured sections, or the built-in ones named in the issue's language."""
    return configured_sections(rules) if rules else builtin_sections(gettext)


def reference_time(date: dt.date, tz: dt.tzinfo, now: dt.datetime | None = None) -> dt.datetime:
    """Return the time the issue's news is measured against: now, or the end of a past date."""
    now = now or dt.datetime.now(tz)
    end = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return min(now, end)


def rank(
    stories: Sequence[Story], groups: Sequence[Sequence[Article]], sections: Sequence[Section],
    reference: dt.datetime,
) -> list[Story]:  # fmt: skip
    """Return ``stories`` (merged from ``groups``) filed into sections, most important first."""
    news = [s for s in sections if not s.opinion]
    scored: list[tuple[Story, Signals]] = []
    for story, articles in zip(stories, groups, strict=True):
        section = story_section(articles, sections)
        index = news.index(section) if section is not None and section in news else None
        found = signals(story, articles, ressort_weight(index, len(news)), reference)
        opinion = section is not None and section.opinion
        filed = replace(story, section=section.name if section else "", opinion=opinion)
        scored.append((filed, found))
    scored.sort(key=_order)
    return [story for story, _ in scored]


def _order(entry: tuple[Story, Signals]) -> tuple[bool, bool, float, float, str]:
    """News before opinion, a story with text before one without, the higher score, the newer.

    A story the merge left without text (a teaser line) tells the reader nothing, however
    important its source made it look; ties go to the newer story, then the headline.
    """
    story, found = entry
    newest = found.newest.timestamp() if found.newest else 0.0
    empty = story.words < MIN_STORY_WORDS
    return (story.opinion, empty, -round(found.score, 9), -newest, story.headline)
