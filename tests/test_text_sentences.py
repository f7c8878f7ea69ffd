"""The German sentence splitter, stems and body cleaning."""

from __future__ import annotations

import pytest

from digest.text.paragraphs import body_sentences, strip_dateline
from digest.text.sentences import split_sentences, stems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Lange kam. Er blieb.", ["Dr. Lange kam.", "Er blieb."]),
        ("Das gilt z. B. für Nr. 5 und u. a. für Kinder. Dann nicht.",
         ["Das gilt z. B. für Nr. 5 und u. a. für Kinder.", "Dann nicht."]),
        ("Es kostet ca. 3 Mio. Euro bzw. 4 Mrd. Franken. Gut.",
         ["Es kostet ca. 3 Mio. Euro bzw. 4 Mrd. Franken.", "Gut."]),
        ("Vgl. dazu St. Gallen usw. im Anhang. Ende.",
         ["Vgl. dazu St. Gallen usw. im Anhang.", "Ende."]),
        ("Die Wahl ist am 12. April. Danach folgt mehr.",
         ["Die Wahl ist am 12. April.", "Danach folgt mehr."]),
        ("Der Zug fährt um 9.40 Uhr ab. Er ist pünktlich.",
         ["Der Zug fährt um 9.40 Uhr ab.", "Er ist pünktlich."]),
        ("Zum 2. Mal siegte sie. Alle jubelten.",
         ["Zum 2. Mal siegte sie.", "Alle jubelten."]),
        ("Das Tor fiel in der 25. Minute. Die 2. Welle rollt. Der Wert stieg auf 25. "
         "Danach sank er.",
         ["Das Tor fiel in der 25. Minute.", "Die 2. Welle rollt.", "Der Wert stieg auf 25.",
          "Danach sank er."]),
        ("Die Zahl stieg auf 120. Danach sank sie.",
         ["Die Zahl stieg auf 120.", "Danach sank sie."]),
        ("Schüsse fielen im 10. und 11. Bezirk der Stadt. Die Polizei kam.",
         ["Schüsse fielen im 10. und 11. Bezirk der Stadt.", "Die Polizei kam."]),
        ("Sie zählten 10 und 11. Danach gingen sie.",
         ["Sie zählten 10 und 11.", "Danach gingen sie."]),
        ("Sie sagte: „Wir sind bereit. Es geht los.“ Dann ging sie.",
         ["Sie sagte: „Wir sind bereit. Es geht los.“", "Dann ging sie."]),
        ("Er rief «Halt. Sofort.» und lief. Weiter.",
         ["Er rief «Halt. Sofort.» und lief.", "Weiter."]),
        ("Ein Durchbruch? Fehlanzeige. Kein Wort!",
         ["Ein Durchbruch?", "Fehlanzeige.", "Kein Wort!"]),
        ("Gezeichnet P. Muster. Ende.", ["Gezeichnet P. Muster.", "Ende."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_line_breaks_end_sentences() -> None:
    assert split_sentences("Erste Zeile ohne Punkt\nZweite Zeile.") == [
        "Erste Zeile ohne Punkt", "Zweite Zeile."
    ]  # fmt: skip


def test_stems_fold_umlauts_and_drop_stopwords() -> None:
    assert stems("Die Straße") == stems("die Strasse") == ["strass"]
    assert "und" not in stems("Brücken und Straßen")


def test_body_sentences_skip_headings_captions_and_faq() -> None:
    body = (
        "Berlin (dpa) – Der Senat hat am Dienstag den Plan beschlossen.\n\n"
        "## Was jetzt folgt\n\n"
        "Foto: Agentur Beispiel\n\n"
        "Der Plan sieht neue Radwege vor.\n\n"
        "Der Plan sieht neue Radwege vor.\n\n"
        "Die Senatorin sagte wörtlich:\n\n"
        "„Wir fangen sofort an.“\n\n"
        "FAQ\n\n"
        "Was kostet das? Niemand weiß es."
    )
    assert body_sentences(body) == [
        "Der Senat hat am Dienstag den Plan beschlossen.",
        "Der Plan sieht neue Radwege vor.",
        "Die Senatorin sagte wörtlich: „Wir fangen sofort an.“",
    ]


def test_strip_dateline_keeps_ordinary_openings() -> None:
    assert strip_dateline("Washington/Moskau – Am Dienstag traf er") == "Am Dienstag traf er"
    heading = "Trump-Putin-Treffen: kein Ergebnis"
    assert strip_dateline(heading) == heading
