"""Newsletters of shapes the splitter was not built on, written before it was first run on them.

Each case says what a German reader expects of one fixture in ``tests/data/newsletters/``:
the pieces of news (stories and short items) with their headlines, and the furniture that
must not show (greetings, footers, ads, the subscriber's data). The first run of the
method on these fixtures is reported in ``docs/newsletters.md`` as the held-out figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from digest import api

DATA = Path(__file__).parent / "data" / "newsletters"


@dataclass(frozen=True)
class Expected:
    """What a reader expects of one held-out newsletter."""

    name: str
    stories: int | None  # None: stories and items may share the pieces
    items: int | None
    pieces: int  # stories and items together
    headlines: tuple[str, ...]  # each found in a story's title or at the start of an item
    residue: tuple[str, ...]  # never shown anywhere


CASES = (
    Expected(
        "ch_gemeinde.eml", None, None, 4,
        ("Velobrücke über die Birs wird gebaut", "Gemeindeversammlung genehmigt Budget 2027",
         "Neue Öffnungszeiten der Gemeindeverwaltung", "Grünabfuhr"),
        ("Grüezi", "Muster", "bluewin", "abbestellen", "Hauptstrasse", "Mehr lesen",
         "Einstellungen", "http"),
    ),
    Expected(
        "at_morgenpost.txt", 0, 5, 5, ("Wien", "Graz", "Innsbruck", "Linz", "Salzburg"),
        ("Servus", "Morgenpost", "abmelden", "bekommst", "Landeshauptstädte"),
    ),
    Expected(
        "turnverein.html", 3, None, 3,
        ("Neue Sporthalle: Spatenstich im April", "Handballerinnen steigen in die Oberliga auf",
         "Beitrag steigt ab Januar um zwei Euro"),
        ("Liebe Mitglieder", "Weiterlesen", "Instagram", "Datenschutz", "abbestellen",
         "Im Browser", "Vereinsnachrichten"),
    ),
    Expected(
        "html_only_numbered.eml", 3, 0, 3,
        ("Kieler Woche wird um zwei Tage verlängert", "Fähre nach Laboe fährt wieder im Takt",
         "Kreis baut neue Gesamtschule in Gettorf"),
        ("In dieser Ausgabe", "Bonus", "Förde-Energie", "Präsentiert", "lea.vogt", "HRB",
         "klicken Sie"),
    ),
    Expected(
        "cp1252_kundenbrief.eml", 0, 5, 5,
        ("Fernwärme: Neuer Anschluss im Wiesental", "Wasserzähler werden gewechselt",
         "Kundencenter am 24. Dezember geschlossen", "Hallenbad mit neuen Saunazeiten",
         "Strompreis bleibt stabil"),
        ("Berger", "m.berger", "Kundennummer", "4711", "Grüßen", "Austragen", "Bahnhofstraße",
         "\ufffd"),
    ),
    Expected(
        "linkliste.md", 0, 4, 4,
        ("Warum die Bahn ihre Brücken nicht schneller saniert", "Ein Dorf kauft seine Kneipe",
         "Wie Stadtbäume die Hitze bremsen", "Der letzte Uhrmacher von Pforzheim"),
        ("Quelle:", "Lesezeit", "Sponsored", "Podcast", "abonnieren", "**", "](",
         "Fünf Minuten"),
    ),
    Expected(
        "listicle.txt", 1, 0, 1, ("Fünf Ausflugsziele für einen Wintertag im Umland",), (),
    ),
)  # fmt: skip


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
