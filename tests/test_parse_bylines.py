"""A byline standing as a sentence, or a pointer to a picture the digest does not show, is
not news."""

from __future__ import annotations

import pytest

from digest import api
from digest.merge.single import single_story
from digest.models import Article, Source
from digest.parse.cleanup import boilerplate_sentence, byline_authors, trim_edges


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Von Ulrich Hartmann.", True),
    ("Von Klaus Ott, Uwe Ritzer und Jörg Schmitt", True),
    ("Von S. Laghai und N. Steiner.", True),
    ("Von Griet von Petersdorff.", True),
    ("Ein Kommentar von Anna Muster.", True),
    ("Von Montag an gilt die neue Regel.", False),
    ("Von Berlin aus.", False),
    ("Von Ostern.", False),
    ("Von Angesicht zu Angesicht.", False),
])  # fmt: skip
def test_a_byline_sentence_is_boilerplate(sentence: str, expected: bool) -> None:
    assert boilerplate_sentence(sentence) is expected


def test_a_teaser_loses_its_closing_byline() -> None:
    news = "Zwei Oberlandesgerichte konnten sich zuvor nicht auf eine Linie einigen."
    assert trim_edges(f"{news} Von S. Laghai und N. Steiner.") == news


def test_a_byline_between_two_teasers_is_not_told() -> None:
    body = ("Dortmund zieht in die K.-o.-Runde ein, verliert aber zwei Leistungsträger. Von "
            "Ulrich Hartmann. Leipzig gewinnt sein Auswärtsspiel in Istanbul deutlich und "
            "wahrt seine Chance auf das Achtelfinale.")  # fmt: skip
    summary, body_paragraphs = single_story(
        Article(title="Dortmund weiter", body=body, source=Source("Tagesblatt", "t.txt")), 400)
    told = " ".join([summary, *(p.text for paragraph in body_paragraphs for p in paragraph)])
    assert "Hartmann" not in told
    assert "Leipzig gewinnt" in told


def test_a_pointer_to_a_picture_goes_from_the_text() -> None:
    text = ("---\ntitle: Gottesdienste ausgebucht\n---\n"
            "Die Christvespern im Hamburger Michel (Foto) sind bereits alle ausgebucht. Die "
            "Zahl der Anmeldungen ist wieder gestiegen (siehe Grafik). Die Gemeinde bietet "
            "zusätzliche Termine an, sagte ein Sprecher am Dienstag.")  # fmt: skip
    body = api.parse(text.encode(), filename="michel.txt").body
    assert body.startswith("Die Christvespern im Hamburger Michel sind bereits alle ausgebucht.")
    assert "wieder gestiegen. Die Gemeinde" in body


@pytest.mark.parametrize(("text", "authors"), [
    ("Die Debatte passt ihnen nicht ins Konzept. Von Corinna Emundts.", ["Corinna Emundts"]),
    ("Wirtschaftsverbände haben sich durchgesetzt. Von S. Laghai und N. Steiner.",
     ["S. Laghai", "N. Steiner"]),
    ("Erster Absatz.\nZweiter Absatz. Von Ursula von der Leyen", ["Ursula von der Leyen"]),
    ("Sie trafen sich von Angesicht zu Angesicht. Von Angesicht zu Angesicht.", []),
    ("Von Montag an gilt die Regel.", []),
])  # fmt: skip
def test_a_signed_teaser_names_its_author(text: str, authors: list[str]) -> None:
    assert byline_authors(text) == authors


def test_a_feed_entry_signed_at_its_end_has_that_author() -> None:
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Kanal</title>"
            "<item><title>Grünes Gespenst</title><link>https://example.org/a</link>"
            "<pubDate>Thu, 18 Feb 2021 21:56:21 +0100</pubDate><description>Die Debatte ums "
            "Eigenheim passt ihnen gar nicht ins Konzept. Schließlich waren sie das Image der "
            "Verbotspartei gerade los. Von Corinna Emundts.</description></item></channel></rss>")
    article = api.parse(feed.encode(), filename="kanal.xml")
    assert article.authors == ["Corinna Emundts"]
    assert "Emundts" not in article.body
