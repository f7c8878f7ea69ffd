"""Follow-ups: a story that returns is marked with the earlier issue and tells only the new.

The seeds (five outlets' reports of one event, read from ../shared/seeds) stand for two
nights: two outlets report first, three more the next day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pipeline import stories_and_items

from digest.api import load
from digest.config import DedupConfig
from digest.dedup.memory import Told, story_text
from digest.merge.followup import mark_followups, only_new
from digest.models import Follows, Passage, SourceRef, Story
from digest.text.sentences import split_sentences

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
DAY = dt.date(2025, 12, 5)
SETTINGS = DedupConfig()


def story_of(numbers: tuple[int, ...]) -> Story:
    articles = [a for p in sorted(SEEDS.glob("*.txt")) if int(p.name[:3]) in numbers
                for a in load(p)]  # fmt: skip
    stories, _ = stories_and_items(articles, SETTINGS)
    assert len(stories) == 1
    return stories[0]


def told_of(story: Story) -> Told:
    return Told(DAY, story.headline, story_text(story))


def test_the_new_reports_of_a_told_story_are_its_follow_up() -> None:
    first = story_of((0, 1))
    [later] = mark_followups([story_of((2, 3, 4))], [told_of(first)], SETTINGS)
    assert later.follows == Follows(DAY, first.headline)
    assert len(later.sources) == 3 and later.summary and later.paragraphs


def test_a_follow_up_drops_what_the_earlier_story_told() -> None:
    first = story_of((0, 1))
    new = story_of((2, 3, 4))
    marked = only_new(new, told_of(first))
    before, after = split_sentences(story_text(new)), split_sentences(story_text(marked))
    dropped = [s for s in before if s not in after]
    # The meeting itself, which the first night told, goes; what the others add stays.
    assert len(dropped) >= 1 and len(after) >= len(before) - 3
    assert all(s in before for s in after)
    assert marked.body == "" and marked.follows == Follows(DAY, first.headline)


def test_another_story_is_no_follow_up() -> None:
    first = story_of((0, 1))
    bridge = Story(
        headline="Neue Brücke über den Kanal eröffnet",
        summary="Nach drei Jahren Bauzeit ist die Fußgängerbrücke über den Kanal offen.",
        body="", sources=[SourceRef("Stadtbote", "stadtbote.txt")],
        paragraphs=((Passage("Die Baukosten lagen bei knapp neun Millionen Euro. Radfahrer "
                             "müssen schieben."),),),
    )  # fmt: skip
    assert mark_followups([bridge], [told_of(first)], SETTINGS) == [bridge]


def test_a_sentence_is_told_when_half_its_weight_was_told() -> None:
    told = Told(DAY, "Stadtrat beschließt Radwege",
                "Der Stadtrat hat am Dienstag zwölf Kilometer neue Radwege beschlossen. "
                "Die Kosten liegen bei vier Millionen Euro.")  # fmt: skip
    story = Story(
        headline="Radwege: Händler klagen", body="",
        summary="Der Stadtrat hatte am Dienstag zwölf Kilometer neue Radwege beschlossen.",
        sources=[SourceRef("Stadtbote", "a.txt")],
        paragraphs=((Passage("Händler an der Ringstraße wollen dagegen klagen. Sie fürchten "
                             "um ihre Parkplätze.", credit="Stadtbote"),),),
    )  # fmt: skip
    marked = only_new(story, told)
    # The summary retold the decision: the first new sentence takes its place.
    assert marked.summary == "Händler an der Ringstraße wollen dagegen klagen."
    assert marked.paragraphs == ((Passage("Sie fürchten um ihre Parkplätze.", "Stadtbote"),),)


def test_a_follow_up_with_nothing_new_keeps_its_summary_only() -> None:
    told = Told(DAY, "Stadtrat beschließt Radwege",
                "Der Stadtrat hat am Dienstag zwölf Kilometer neue Radwege beschlossen.")
    story = Story(
        headline="Radwege beschlossen", body="",
        summary="Der Stadtrat hat zwölf Kilometer neue Radwege beschlossen.",
        sources=[SourceRef("Morgenpost", "b.txt")],
        paragraphs=((Passage("Am Dienstag hat der Stadtrat die Radwege beschlossen."),),),
    )  # fmt: skip
    marked = only_new(story, told)
    assert (marked.summary, marked.paragraphs) == (story.summary, ())
    assert marked.follows == Follows(DAY, "Stadtrat beschließt Radwege")
