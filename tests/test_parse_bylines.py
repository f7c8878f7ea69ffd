"""A byline standing as a sentence, or a pointer to a picture the digest does not show, is
not news. Texts and names here are our own; the real feed is read in test_readers_feed."""

from __future__ import annotations

import pytest

from digest import api
from digest.merge.single import single_story
from digest.models import Article, Source
from digest.parse.cleanup import (
    boilerplate_sentence,
    byline_authors,
    drop_announcements,
    trim_edges,
)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Von Jana Brückner.", True),
    ("Von Paul Weiß, Ida Kramer und Tom Seidel", True),
    ("Von J. Brückner und P. Weiß.", True),
    ("Von Lotte von Steinfeld.", True),
    ("Ein Kommentar von Anna Muster.", True),
    ("Von Montag an gilt die neue Regel.", False),
    ("Von Berlin aus.", False),
    ("Von Ostern.", False),
    ("Von Angesicht zu Angesicht.", False),
])  # fmt: skip
def test_a_byline_sentence_is_boilerplate(sentence: str, expected: bool) -> None:
    assert boilerplate_sentence(sentence) is expected


def test_a_teaser_loses_its_closing_byline() -> None:
    news = "Der Stadtrat konnte sich auch in der dritten Sitzung nicht auf einen Haushalt einigen."
    assert trim_edges(f"{news} Von J. Brückner und P. Weiß.") == news


def test_a_byline_between_two_teasers_is_not_told() -> None:
    body = ("Der Tabellenführer gewinnt knapp in Lindenau, verliert aber zwei Stammspieler. Von "
            "Jana Brückner. Der Aufsteiger siegt auswärts deutlich und bleibt auf dem dritten "
            "Platz der Tabelle.")  # fmt: skip
    summary, body_paragraphs = single_story(
        Article(title="Spieltag", body=body, source=Source("Tagesblatt", "t.txt")), 400)
    told = " ".join([summary, *(p.text for paragraph in body_paragraphs for p in paragraph)])
    assert "Brückner" not in told
    assert "Der Aufsteiger siegt" in told


def test_a_pointer_to_a_picture_goes_from_the_text() -> None:
    text = ("---\ntitle: Konzerte ausgebucht\n---\n"
            "Die Adventskonzerte in der Lindenauer Stadtkirche (Foto) sind bereits alle "
            "ausgebucht. Die Zahl der Anmeldungen ist wieder gestiegen (siehe Grafik). Die "
            "Gemeinde bietet zusätzliche Termine an, sagte ein Sprecher am Dienstag.")  # fmt: skip
    body = api.parse(text.encode(), filename="konzerte.txt").body
    assert body.startswith("Die Adventskonzerte in der Lindenauer Stadtkirche sind bereits alle")
    assert "wieder gestiegen. Die Gemeinde" in body


@pytest.mark.parametrize(("text", "authors"), [
    ("Der Umbau passt der Verwaltung nicht ins Konzept. Von Jana Brückner.", ["Jana Brückner"]),
    ("Die Verbände haben sich durchgesetzt. Von J. Brückner und P. Weiß.",
     ["J. Brückner", "P. Weiß"]),
    ("Erster Absatz.\nZweiter Absatz. Von Lotte von der Heide", ["Lotte von der Heide"]),
    ("Sie trafen sich von Angesicht zu Angesicht. Von Angesicht zu Angesicht.", []),
    ("Von Montag an gilt die Regel.", []),
])  # fmt: skip
def test_a_signed_teaser_names_its_author(text: str, authors: list[str]) -> None:
    assert byline_authors(text) == authors


def test_a_feed_entry_signed_at_its_end_has_that_author() -> None:
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Kanal</title>"
            "<item><title>Neues Bad</title><link>https://example.org/a</link>"
            "<pubDate>Thu, 18 Feb 2021 21:56:21 +0100</pubDate><description>Das neue Hallenbad "
            "in Lindenau wird teurer als geplant. Der Stadtrat will die Mehrkosten am Montag "
            "beraten. Von Jana Brückner.</description></item></channel></rss>")
    article = api.parse(feed.encode(), filename="kanal.xml")
    assert article.authors == ["Jana Brückner"]
    assert "Brückner" not in article.body


def test_a_long_pointer_to_a_text_elsewhere_goes_and_the_news_before_it_stays() -> None:
    news = "Der Stadtrat von Lindenau hat am Montag den Haushalt beschlossen."
    pointer = (
        "Ein Gespräch mit der Kämmerin Jana Brückner über die Schulden der Stadt, die neuen "
        "Busse und die Frage, wie das Hallenbad saniert werden soll, lesen Sie mit Beispiel Plus."
    )
    assert len(pointer) > 160  # longer than any other boilerplate sentence cut at an edge
    assert trim_edges(f"{news} {pointer}") == news


def test_a_quotation_that_sounds_like_a_pointer_stays() -> None:
    line = (
        "Die Autorin Jana Brückner las in Lindenau. „Was da geschieht, finden Sie in keinem "
        "Buch“, sagte sie."
    )
    assert trim_edges(line) == line


def test_an_agency_tag_after_the_last_sentence_goes_and_a_dateline_stays() -> None:
    news = (
        "Lindenau (dpa) - Der Stadtrat hat den Haushalt beschlossen. Die Opposition (AfD) war "
        "dagegen."
    )
    assert trim_edges(f"{news} (dpa, AFP)") == news


def test_a_teasers_announcement_of_the_article_goes_and_the_news_stays() -> None:
    body = (
        "Der Rat von Lindenau hat die Nordbrücke gesperrt. Welche Fragen jetzt noch offen "
        "sind. Kaum war die Sperre beschlossen, meldeten sich die ersten Pendler.\n"
        "Wie es weitergeht, entscheidet der Rat am Montag."
    )
    assert drop_announcements(body) == (
        "Der Rat von Lindenau hat die Nordbrücke gesperrt. Kaum war die Sperre beschlossen, "
        "meldeten sich die ersten Pendler.\nWie es weitergeht, entscheidet der Rat am Montag."
    )


def test_an_announcement_opening_the_text_goes_with_its_line_but_never_the_whole_text() -> None:
    assert drop_announcements("Was Pendler jetzt wissen müssen.\nDie Brücke ist zu.") == (
        "Die Brücke ist zu."
    )
    assert drop_announcements("Was Pendler jetzt wissen müssen.") == (
        "Was Pendler jetzt wissen müssen."
    )


def test_an_announcing_question_deep_in_the_text_stays() -> None:
    body = "Der Rat tagte. Er stritt. Er beschloss. Was Pendler jetzt wissen müssen."
    assert drop_announcements(body) == body
