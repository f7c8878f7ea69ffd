"""The memory across issues: what each issue carried, so the next one leaves it out.

Per issue date the state database (``digest.state``) records the keys of every article
and short item the issue carried (``Article.keys``: the input's id for it — a feed
entry's guid, a mail's Message-ID —, its URL, a hash of its text; an item's text hash)
and each story's headline and text. A build for a date leaves out what an issue of an
*earlier* date carried and sees those issues' stories for follow-ups; writing the issue
replaces that date's records. So rebuilding a date reproduces its issue, and a build for
an older date is not changed by newer ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from digest.config import Config
from digest.models import Article, Issue, Story
from digest.state import Table, has_state, open_state

log = logging.getLogger(__name__)

CARRIED = Table(
    "carried",
    "CREATE TABLE IF NOT EXISTS carried (key TEXT NOT NULL, date TEXT NOT NULL, "
    "PRIMARY KEY (key, date)) WITHOUT ROWID",
)
# Rewriting one date's records finds them by date.
CARRIED_BY_DATE = Table(
    "carried_date", "CREATE INDEX IF NOT EXISTS carried_date ON carried (date)"
)
TOLD = Table(
    "told",
    "CREATE TABLE IF NOT EXISTS told (date TEXT NOT NULL, position INTEGER NOT NULL, "
    "headline TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (date, position))",
)
# Stories of issues this many days back may return as follow-ups; older ones are history.
FOLLOW_UP_DAYS = 7
_BATCH = 500  # keys per query (SQLite allows 999 parameters by default on old builds)


@dataclass(frozen=True)
class Told:
    """A story an earlier issue told: that issue's date, the headline and the text."""

    date: dt.date
    headline: str
    text: str


class Memory:
    """The records of earlier issues, as seen from the issue of ``date``.

    Without a database (``db`` None: nothing was ever recorded) the memory is empty.
    """

    def __init__(self, db: sqlite3.Connection | None, date: dt.date) -> None:
        self.db = db
        self.date = date

    @classmethod
    def open(cls, config: Config, date: dt.date, *, write: bool = False) -> Memory:
        """Open the memory of ``config``'s output folder for the issue of ``date``.

        Only ``write`` creates the state database; reading a missing one finds nothing.
        """
        if not write and not has_state(config):
            return cls(None, date)
        return cls(open_state(config, CARRIED, CARRIED_BY_DATE, TOLD), date)

    def carried(self, keys: Iterable[str]) -> set[str]:
        """Return those of ``keys`` that an issue of an earlier date carried."""
        wanted = sorted(set(keys))
        if self.db is None or not wanted:
            return set()
        found: set[str] = set()
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT DISTINCT key FROM carried WHERE date < ? AND key IN ({marks})",
                (self.date.isoformat(), *chunk),
            )
            found.update(key for (key,) in rows)
        return found

    def knows(self, keys: Iterable[str]) -> bool:
        """Tell whether an earlier issue carried anything known by one of ``keys``."""
        return bool(self.carried(keys))

    def leave_out(self, articles: Sequence[Article]) -> list[Article]:
        """Return ``articles`` without what an earlier issue carried, articles and items."""
        known = self.carried([k for a in articles for k in (*a.keys, *(i.key for i in a.items))])
        fresh = []
        for article in articles:
            if not known.isdisjoint(article.keys):
                continue
            items = [i for i in article.items if i.key not in known]
            if items != article.items:
                article = replace(article, items=items)
            if article.title.strip() or article.body.strip() or article.items:
                fresh.append(article)
        if known:
            log.info("Left out %d of %d articles (or their items) that an earlier issue "
                     "carried", len(articles) - len(fresh), len(articles))  # fmt: skip
        return fresh

    def told(self, days: int = FOLLOW_UP_DAYS) -> list[Told]:
        """Return the stories of the issues of the ``days`` days before, newest first."""
        if self.db is None:
            return []
        start = self.date - dt.timedelta(days=days)
        rows = self.db.execute(
            "SELECT date, headline, text FROM told WHERE date >= ? AND date < ? "
            "ORDER BY date DESC, position",
            (start.isoformat(), self.date.isoformat()),
        )
        return [Told(dt.date.fromisoformat(d), h, t) for d, h, t in rows]

    def record(self, issue: Issue) -> None:
        """Replace the records of ``issue``'s date with what it carries."""
        if self.db is None:
            raise ValueError("the memory was opened for reading only")
        day = issue.date.isoformat()
        keys = {k for s in issue.stories for ref in s.sources for k in ref.keys}
        keys |= {k for i in issue.items for ref in i.sources for k in ref.keys}
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM carried WHERE date = ?", (day,))
            self.db.execute("DELETE FROM told WHERE date = ?", (day,))
            self.db.executemany("INSERT INTO carried VALUES (?, ?)", ((k, day) for k in keys))
            self.db.executemany(
                "INSERT INTO told VALUES (?, ?, ?, ?)",
                ((day, n, s.headline, story_text(s)) for n, s in enumerate(issue.stories)),
            )

    def close(self) -> None:
        """Close the database."""
        if self.db is not None:
            self.db.close()


def story_text(story: Story) -> str:
    """Return what a story told, as plain text: summary and body, without credits."""
    body = [p.text for paragraph in story.paragraphs for p in paragraph]
    return "\n\n".join([story.summary, *body]) if body else f"{story.summary}\n\n{story.body}"
