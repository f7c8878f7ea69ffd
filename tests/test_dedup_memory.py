"""The memory across issues: what an issue carried is left out of the issues after it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

from digest.config import Config
from digest.dedup.memory import Memory
from digest.models import Article, Issue, IssueItem, Item, Source, SourceRef, Story

DAY = dt.date(2025, 12, 5)


def article(title: str, body: str, *, id: str = "", url: str | None = None,
            items: tuple[str, ...] = ()) -> Article:  # fmt: skip
    """Return an article as a build reads it: with its keys."""
    read = Article(title=title, body=body, source=Source("Stadtbote", "in.txt", url, id),
                   items=[Item(text) for text in items])  # fmt: skip
    return replace(read, keys=read.own_keys())


BRIDGE = article("Brücke eröffnet", "Die Brücke über den Kanal ist seit Montag offen.",
                 id="guid-1", url="https://stadtbote.example/bruecke")  # fmt: skip
MARKET = article("Markthalle", "Die Markthalle am Hafen bekommt einen neuen Betreiber.",
                 items=("Der Zoo verlängert seine Öffnungszeiten im Sommer.",
                        "Die Fähre fährt ab Juni wieder stündlich."))  # fmt: skip


def issue_of(date: dt.date, *articles: Article, items: tuple[str, ...] = ()) -> Issue:
    """Return an issue with one story per article and ``items`` (from MARKET's newsletter)."""
    stories = [Story(a.title, a.body, "", [SourceRef.of(a)]) for a in articles]
    refs = [IssueItem(text, [SourceRef("Stadtbote", "in.txt", keys=(Item(text).key,))])
            for text in items]  # fmt: skip
    return Issue(date, "de_DE", "Der Digest", stories, refs)


def remember(config: Config, issue: Issue) -> None:
    memory = Memory.open(config, issue.date, write=True)
    memory.record(issue)
    memory.close()


def test_the_next_day_leaves_out_what_an_issue_carried(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "out")
    remember(config, issue_of(DAY, BRIDGE, items=(MARKET.items[0].text,)))
    after = Memory.open(config, DAY + dt.timedelta(days=1))
    # The same report again, the same link under another guid, the same text elsewhere.
    again = article("Brücke offen", "Andere Worte.", url="https://stadtbote.example/bruecke")
    copy = article(BRIDGE.title, BRIDGE.body)
    fresh = after.leave_out([BRIDGE, again, copy, MARKET])
    assert [a.title for a in fresh] == ["Markthalle"]
    assert [i.text for i in fresh[0].items] == ["Die Fähre fährt ab Juni wieder stündlich."]


def test_an_issue_does_not_leave_out_what_it_or_a_later_one_carried(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "out")
    remember(config, issue_of(DAY, BRIDGE))
    remember(config, issue_of(DAY + dt.timedelta(days=1), MARKET))
    same_day = Memory.open(config, DAY)
    assert same_day.leave_out([BRIDGE, MARKET]) == [BRIDGE, MARKET]


def test_writing_an_issue_again_replaces_its_records(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "out")
    remember(config, issue_of(DAY, BRIDGE))
    remember(config, issue_of(DAY, MARKET))  # the date rebuilt from other inputs
    later = Memory.open(config, DAY + dt.timedelta(days=1))
    assert later.leave_out([BRIDGE, MARKET]) == [BRIDGE]
    assert [(t.date, t.headline) for t in later.told()] == [(DAY, "Markthalle")]


def test_stories_of_the_last_week_are_told_newest_first(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "out")
    for days, a in ((0, BRIDGE), (3, MARKET), (-1, BRIDGE)):
        remember(config, issue_of(DAY + dt.timedelta(days=days), a))
    told = Memory.open(config, DAY + dt.timedelta(days=7)).told()
    assert [(t.date.day, t.headline) for t in told] == [(8, "Markthalle"), (5, "Brücke eröffnet")]
    assert told[1].text == "Die Brücke über den Kanal ist seit Montag offen.\n\n"


def test_reading_creates_nothing_and_the_records_are_private(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "out")
    assert Memory.open(config, DAY).leave_out([BRIDGE]) == [BRIDGE]
    assert not (tmp_path / "out").exists()
    remember(config, issue_of(DAY, BRIDGE))
    database = tmp_path / "out" / ".digest" / "state.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    rows = sqlite3.connect(database).execute("SELECT key, date FROM carried ORDER BY key")
    assert [k.split(":")[0] for k, _ in rows] == ["id", "text", "url"]
