"""Relative days become the weekday they mean, counted from the article's date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from digest.text.relative import absolute_days

WEDNESDAY = dt.date(2025, 12, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("Putin sagte gestern, er sei bereit.", "Putin sagte am Dienstag, er sei bereit."),
    ("Gestern Abend trafen sie sich.", "Am Dienstagabend trafen sie sich."),
    ("Seit gestern gilt die Regel.", "Seit Dienstag gilt die Regel."),
    ("Die Regel gilt ab morgen früh.", "Die Regel gilt ab Donnerstagmorgen."),
    ("Heute Abend spricht Merkel.", "Am Mittwochabend spricht Merkel."),
    ("Die Sitzung beginnt heute um 10 Uhr.", "Die Sitzung beginnt am Mittwoch um 10 Uhr."),
    ("Morgen ab 18.30 Uhr ist die Straße gesperrt.",
     "Am Donnerstag ab 18.30 Uhr ist die Straße gesperrt."),
    ("Die gestern veröffentlichten Zahlen", "Die am Dienstag veröffentlichten Zahlen"),
    ("Vorgestern hatte er angerufen.", "Am Montag hatte er angerufen."),
    ("Die Sitzung ist übermorgen früh.", "Die Sitzung ist am Freitagmorgen."),
    ("Was morgen ist, weiß keiner.", "Was morgen ist, weiß keiner."),
    ("Es kam gestern. Ab morgen wird es anders.",
     "Es kam am Dienstag. Ab Donnerstag wird es anders."),
    ("Nach gestern Abend ist das vorbei.", "Nach gestern Abend ist das vorbei."),
    ("Das wurde nicht erst gestern geplant.", "Das wurde nicht erst gestern geplant."),
    ("Fast fünf Stunden dauerte am gestrigen Tag ein Treffen.",
     "Fast fünf Stunden dauerte am Dienstag ein Treffen."),
    ("Am gestrigen Abend wurde es spät.", "Am Dienstagabend wurde es spät."),
    # Quoted as spoken; the sentence after the quotation is the writer's.
    ("Er sagte: „Gestern war ein guter Tag.“ Das sagte er gestern.",
     "Er sagte: „Gestern war ein guter Tag.“ Das sagte er am Dienstag."),
    # Left: "heute" alone may mean "nowadays"; nouns; either night; an idiom; a word part.
    ("Heute leben dort 500 Menschen.", "Heute leben dort 500 Menschen."),
    ("das Gestern und das Morgen", "das Gestern und das Morgen"),
    ("Am Morgen danach kam er. Guten Morgen!", "Am Morgen danach kam er. Guten Morgen!"),
    ("Gestern Nacht brannte es.", "Gestern Nacht brannte es."),
    ("Es ging von heute auf morgen.", "Es ging von heute auf morgen."),
    ("die Schulen von morgen", "die Schulen von morgen"),
    ("Ausblick auf morgen", "Ausblick auf morgen"),
    ("Mädchen heute und morgen begeistern", "Mädchen heute und morgen begeistern"),
    ("Denn morgen ist auch noch ein Tag.", "Denn morgen ist auch noch ein Tag."),
    ("Sie sagte: „Komm morgen wieder.", "Sie sagte: „Komm morgen wieder."),
    ("Morgen für Morgen stand er auf.", "Morgen für Morgen stand er auf."),
    ("Im heute-journal sagte er", "Im heute-journal sagte er"),
])  # fmt: skip
def test_relative_days_are_named(text: str, expected: str) -> None:
    assert absolute_days(text, WEDNESDAY) == expected


def test_a_sentence_that_keeps_a_relative_day_keeps_all_of_them() -> None:
    """"heute" alone stays, so "gestern" beside it stays too: the sentence's own time."""
    text = "Gestern noch geöffnet, heute geschlossen. Er kam gestern."
    assert absolute_days(text, dt.date(2020, 12, 11)) == (
        "Gestern noch geöffnet, heute geschlossen. Er kam am Donnerstag.")


def test_a_text_that_names_another_day_than_its_date_gives_keeps_its_words() -> None:
    """"Am heutigen Mittwoch" in a text dated Tuesday: it was written on another day."""
    text = "Am heutigen Mittwoch demonstrieren sie. Gestern kam er."
    assert absolute_days(text, dt.date(2020, 12, 8)) == text
    assert absolute_days("Am gestrigen Dienstag kam er.", dt.date(2020, 12, 9)) == (
        "Am Dienstag kam er.")


def test_a_tickers_entry_counts_from_its_own_date() -> None:
    body = ("Gestern begann es.\n\n"
            "Dienstag, 8. Dezember, 18.50 Uhr: In Lindenau gilt ab morgen ein Parkverbot.")
    assert absolute_days(body, dt.date(2020, 12, 6)) == (
        "Am Samstag begann es.\n\n"
        "Dienstag, 8. Dezember, 18.50 Uhr: In Lindenau gilt ab Mittwoch ein Parkverbot.")


def test_a_text_over_a_week_from_the_issue_keeps_its_words() -> None:
    """A weekday alone would not say which week it was."""
    issue = dt.date(2025, 12, 9)
    assert absolute_days("Er kam gestern.", WEDNESDAY, issue) == "Er kam am Dienstag."
    assert absolute_days("Er kam gestern.", WEDNESDAY, dt.date(2025, 12, 10)) == "Er kam gestern."


def test_the_issue_names_the_day_a_dated_report_calls_yesterday(
    invoke, write_config, tmp_path: Path
) -> None:
    """A report of Wednesday read in Thursday's issue: "gestern" was Tuesday, not Wednesday.
    An undated one has no day to count from and keeps its words."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "dated.txt").write_text(
        "---\ntitle: Brücke gesperrt\ndate: 2025-12-03T18:00:00+01:00\n---\n"
        "Die Stadt hat die Brücke am Hafen gestern Abend gesperrt. Ein Gutachter hatte Risse "
        "im Beton gefunden, sagte ein Sprecher. Sie bleibt bis morgen früh zu.", "utf-8")
    (folder / "undated.txt").write_text(
        "---\ntitle: Markt zieht um\n---\n"
        "Der Wochenmarkt ist gestern vom Rathausplatz an das Hafenbecken gezogen. Die Händler "
        "haben dort feste Stände mit Strom und Wasser, sagte die Marktmeisterin.", "utf-8")
    config = write_config("inputs: [inbox]\noutput: out\n")
    result = invoke("build", "-c", config, "--date", "2025-12-04", "--no-memory")
    assert result.exit_code == ExitCode.OK, result.stderr
    text = " ".join((tmp_path / "out" / "2025-12-04" / "issue.txt").read_text("utf-8").split())
    assert "am Dienstagabend gesperrt" in text
    assert "bis Donnerstagmorgen zu" in text
    assert "Der Wochenmarkt ist gestern vom Rathausplatz" in text
    issue = json.loads((tmp_path / "out" / "2025-12-04" / "issue.json").read_text("utf-8"))
    bodies = " ".join(s["summary"] + s["body"] for s in issue["stories"])
    assert "Brücke am Hafen am Dienstagabend" in bodies
