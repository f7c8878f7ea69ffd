"""How the stories of an issue are laid out: grouped by section, each reachable by a link.

Stories keep their place in the issue's order of importance (their ``rank``, 1 for the most
important) everywhere: the anchor ``#story-7`` names the same story in the email and in the
web version. The email shows the most important stories that fit its size budget, grouped
by section (the section of the most important story first, opinion last); the others are
listed under "Mehr im Web" and linked into the web version (with ``archive_url``) or else
to their first source's own page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digest.config import Config
from digest.models import Issue, Story
from digest.render.markup import safe_url

# Stories left out of the email that "Mehr im Web" lists by name: with a web version to
# link to, a few, and a link to all; without one, as many as stay readable, each linked
# to its source (the only place a reader can find it).
MORE_WITH_WEB = 10
MORE_WITHOUT_WEB = 50
WEB_PAGE = "index.html"


@dataclass(frozen=True)
class Entry:
    """A story as laid out: its place in the issue's order and where a link to it points."""

    rank: int
    story: Story
    link: str | None = None


@dataclass(frozen=True)
class Group:
    """The stories of one section, most important first."""

    name: str
    opinion: bool
    entries: tuple[Entry, ...]


def web_url(issue: Issue, config: Config) -> str | None:
    """Return the web version's address under ``archive_url``, or None without one."""
    if not config.archive_url:
        return None
    return f"{config.archive_url.rstrip('/')}/{issue.date.isoformat()}/{WEB_PAGE}"


def entries(stories: Sequence[Story], start: int = 1, web: str | None = None) -> list[Entry]:
    """Number ``stories`` from ``start``; link each into ``web``, else to its first source."""
    return [
        Entry(rank, story, f"{web}#{anchor(rank)}" if web else source_link(story))
        for rank, story in enumerate(stories, start)
    ]


def source_link(story: Story) -> str | None:
    """Return the first safe web address among a story's sources, or None."""
    return next((url for s in story.sources if (url := safe_url(s.url))), None)


def anchor(rank: int) -> str:
    """Return the anchor name of the story at ``rank`` (the same in email and web version)."""
    return f"story-{rank}"


def groups(shown: Sequence[Entry]) -> list[Group]:
    """Group ``shown`` by section: news sections by their best story, then the stories of no
    section ("Weitere Themen": under that heading a reader expects the rest, not the lead),
    then opinion."""
    found: dict[tuple[bool, str], list[Entry]] = {}
    for entry in shown:
        found.setdefault((entry.story.opinion, entry.story.section), []).append(entry)
    ordered = sorted(found.items(), key=lambda kv: (kv[0][0], not kv[0][1], kv[1][0].rank))
    return [Group(name, opinion, tuple(items)) for (opinion, name), items in ordered]


def more_limit(web: str | None) -> int:
    """Return how many left-out stories "Mehr im Web" names."""
    return MORE_WITH_WEB if web else MORE_WITHOUT_WEB
