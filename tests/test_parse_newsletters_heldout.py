"""Newsletters of shapes the splitter was not built on, written before it first ran on them.

``tests/data/newsletters/heldout/expected.json`` says what a German reader expects of each
fixture there: the pieces of news (stories and short items) with their headlines, and the
furniture that must not show (greetings, footers, ads, the subscriber's data). The first
run of the splitter on them is reported in ``docs/newsletters.md`` as the held-out figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from digest import api

DATA = Path(__file__).parent / "data" / "newsletters" / "heldout"


@dataclass(frozen=True)
class Expected:
    """What a reader expects of one held-out newsletter (a row of ``expected.json``)."""

    name: str
    stories: int | None  # None: stories and items may share the pieces
    items: int | None
    pieces: int  # stories and items together
    headlines: tuple[str, ...]  # each found in a story's title or at the start of an item
    residue: tuple[str, ...]  # never shown anywhere


CASES = [
    Expected(r["name"], r["stories"], r["items"], r["pieces"], tuple(r["headlines"]),
             tuple(r["residue"]))
    for r in json.loads((DATA / "expected.json").read_text("utf-8"))
]  # fmt: skip


def _shown(articles: list[api.Article]) -> str:
    parts = [f"{a.kicker}\n{a.title}\n{a.body}" for a in articles]
    return "\n".join(parts + [i.text for a in articles for i in a.items])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_held_out_newsletter(case: Expected) -> None:
    articles = api.load(DATA / case.name)
    stories = [a for a in articles if a.body.strip()]
    items = [i.text for a in articles for i in a.items]
    if case.stories is not None:
        assert len(stories) == case.stories, [a.title for a in stories]
    if case.items is not None:
        assert len(items) == case.items, items
    assert len(stories) + len(items) == case.pieces, ([a.title for a in stories], items)
    for headline in case.headlines:
        titled = any(headline in a.title for a in stories)
        assert titled or any(i.startswith(headline) for i in items), headline
    shown = _shown(articles)
    assert [r for r in case.residue if r in shown] == []


def test_the_listicle_keeps_every_place_in_its_one_story() -> None:
    (story,) = api.load(DATA / "listicle.txt")
    for place in ("Wildpark", "Sternwarte", "Moor", "Saline", "Rodelhang"):
        assert place in story.body
