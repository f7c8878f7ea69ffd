"""What the similarity reads: captions, credits, calls to action and wire frames are not news."""

from __future__ import annotations

import time

from digest import api
from digest.models import Article, Source
from digest.text.features import content_sentences, extract


def test_credit_inside_a_sentence_is_cut_and_the_news_kept() -> None:
    body = (
        "Foto: Petra Beispiel/dpa Jetzt teilen: Jetzt teilen: KASSEL - Die Stadt sperrt die "
        "Fuldabrücke ab Montag für drei Wochen."
    )
    assert content_sentences(body) == [
        "KASSEL - Die Stadt sperrt die Fuldabrücke ab Montag für drei Wochen."
    ]


def test_short_sentence_before_a_credit_is_a_caption() -> None:
    body = (
        "Der Bürgermeister Jan Muster vor dem Rathaus. Foto: Bildagentur Nord (Bild: dpa)\n\n"
        "Die Stadt Kassel sperrt die Fuldabrücke ab Montag für drei Wochen."
    )
    assert content_sentences(body) == [
        "Die Stadt Kassel sperrt die Fuldabrücke ab Montag für drei Wochen."
    ]


def test_long_sentence_before_a_credit_stays() -> None:
    long_sentence = "Die Stadt sperrt die Brücke " + "und saniert die Fahrbahn " * 8 + "bis Mai."
    assert content_sentences(f"{long_sentence} Foto: dpa") == [long_sentence]


def test_press_release_frame_is_dropped() -> None:
    body = (
        "Veröffentlichung einer Insiderinformation nach Artikel 17 MAR, übermittelt durch "
        "einen Dienst.\n\nDie Muster AG senkt ihre Prognose für das laufende Jahr."
    )
    assert content_sentences(body) == ["Die Muster AG senkt ihre Prognose für das laufende Jahr."]


def test_agency_tags_carry_no_weight() -> None:
    features = extract("Hafen", "HAMBURG (dpa-AFX) - Der Hafen meldet mehr Container.")
    assert not {"dpa", "afx"} & set(features.terms)
    assert "contain" in features.terms


def _article(title: str, body: str, name: str) -> Article:
    return Article(title=title, body=body, source=Source(name, f"{name}.txt"))


def test_shared_photo_caption_does_not_make_two_stories_one() -> None:
    # Two different decisions of one minister, both pages showing the same agency photo.
    caption = (
        "Die Kultusministerin Eva Beispiel spricht im Landtag über das neue Schulgesetz. "
        "Foto: Max Muster/dpa Jetzt teilen: Jetzt teilen: "
    )
    a = _article(
        "Ministerin will Ferien verlängern",
        caption + "WIESBADEN - Die Kultusministerin Eva Beispiel will die Herbstferien um eine "
        "Woche verlängern. Eltern und Lehrer hatten das seit Monaten gefordert. Die Schulen "
        "sollen bis Freitag Pläne für die zusätzliche Woche vorlegen.",
        "a",
    )
    b = _article(
        "Landtag stimmt im Juni über Schulgesetz ab",
        caption + "WIESBADEN - Über das neue Schulgesetz stimmt der Landtag am 16. Juni in "
        "dritter Lesung ab. Das Gesetz regelt die Digitalisierung der Schulverwaltung. Die "
        "Opposition kündigte Änderungsanträge zur Lehrerausbildung an.",
        "b",
    )
    with_caption = api.similarity(a, b)
    plain = api.similarity(
        _article(a.title, a.body.replace(caption, ""), "a"),
        _article(b.title, b.body.replace(caption, ""), "b"),
    )
    assert with_caption == plain


def test_ad_label_goes_but_a_police_report_stays() -> None:
    assert content_sentences("Anzeige Anzeige Der Senat beschließt den Haushalt.") == [
        "Der Senat beschließt den Haushalt."
    ]
    features = extract("Betrug", "Die Polizei nahm eine Anzeige wegen Betrugs auf.")
    assert "anzeig" in features.terms


def test_share_verb_in_a_sentence_is_kept() -> None:
    sentence = "Die Länder teilen die Kosten für die neuen Busse."
    assert content_sentences(sentence) == [sentence]


def test_words_after_a_colon_are_not_taken_for_a_credit() -> None:
    for sentence in (
        "Die Grafik: Sie zeigt den Anstieg der Preise seit Januar.",
        "Die Zeitung Bild: Sie berichtete am Montag ausführlich über den Fall.",
        "China und die USA sind die größten Emittenten von Treibhausgasen.",
        "Der Prozess wegen Insiderhandels beginnt im Mai.",
    ):
        assert content_sentences(sentence) == [sentence]


def test_a_source_line_is_cut_but_the_sentence_before_it_is_no_caption() -> None:
    body = "Der Einsatz am Hafen dauerte drei Stunden. Quelle: Polizei Hamburg."
    assert content_sentences(body) == ["Der Einsatz am Hafen dauerte drei Stunden."]


def test_a_long_gallery_credit_is_cut_in_linear_time() -> None:
    # Nested loops over " / " once took seconds per line, doubling with every slash.
    gallery = "Fotos: " + " / ".join(f"© Fotograf {i}" for i in range(300)) + " ."
    slashes = "Foto: " + " /" * 300 + " ("
    started = time.perf_counter()
    content_sentences(f"{gallery}\n\n{slashes}")
    assert time.perf_counter() - started < 1.0
