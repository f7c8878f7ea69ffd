"""A newsletter that tells several pieces of news becomes several stories and items."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from digest import api
from digest.cli import cli
from digest.exitcodes import ExitCode
from digest.models import PARAGRAPH, Block
from digest.parse import parse_documents
from digest.parse.pieces import entry_piece
from digest.readers import read_bytes

HARBOUR = (
    "Der Senat hat am Dienstag den Bau eines vierten Containerterminals im Nordhafen "
    "genehmigt. Die Kosten liegen bei 420 Millionen Euro, die Hafengesellschaft trägt zwei "
    "Drittel davon. Umweltverbände kündigten eine Klage gegen das Vorhaben an."
)
STRIKE = (
    "Wegen eines Warnstreiks der Gewerkschaft Verdi fahren am Mittwoch in ganz Neustadt "
    "keine Straßenbahnen. Betroffen sind nach Angaben der Verkehrsbetriebe rund 200.000 "
    "Fahrgäste. Verdi fordert acht Prozent mehr Lohn für die Fahrerinnen und Fahrer."
)
ZOO = (
    "Im Neustädter Zoo sind zwei Schneeleoparden zur Welt gekommen. Die Jungtiere sind nach "
    "Angaben des Zoodirektors gesund und werden von ihrer Mutter versorgt. Besucher können "
    "sie voraussichtlich ab Mai im Außengehege sehen."
)
BRIEFING = f"""\
From: Abendbrief <brief@abendbrief.example>
To: leser@example.org
Subject: Abendbrief: Die Themen des Tages
Date: Tue, 10 Mar 2026 18:00:00 +0100
Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0

Guten Abend,

hier sind die Themen des Tages.

Hafen bekommt neues Containerterminal

{HARBOUR}

Streik legt Straßenbahnen lahm

{STRIKE}

Zoo meldet Nachwuchs bei den Schneeleoparden

{ZOO}

WEITERE MELDUNGEN

– Die Stadtbibliothek öffnet künftig auch sonntags von 11 bis 17 Uhr.

Einen schönen Abend wünscht
Ihre Redaktion
"""


def _parse_all(text: str, filename: str) -> list[api.Article]:
    return parse_documents(read_bytes(text.encode(), filename))


def test_a_briefing_mail_becomes_one_article_per_sub_headed_topic() -> None:
    parts = _parse_all(BRIEFING, "abendbrief.eml")
    assert [a.title for a in parts] == [
        "Hafen bekommt neues Containerterminal",
        "Streik legt Straßenbahnen lahm",
        "Zoo meldet Nachwuchs bei den Schneeleoparden",
    ]
    assert [a.body for a in parts] == [HARBOUR, STRIKE, ZOO]  # the greeting's line is gone
    assert {a.source.name for a in parts} == {"Abendbrief"}
    # The newsletter's own short items are cited once, with its first story.
    assert [[i.text for i in a.items] for a in parts] == [
        ["Die Stadtbibliothek öffnet künftig auch sonntags von 11 bis 17 Uhr."],
        [],
        [],
    ]


def test_sub_headings_of_one_story_keep_the_newsletter_whole() -> None:
    text = (
        "Guten Morgen,\n\nin Neustadt ist die Entscheidung über die Nordbrücke gefallen: Der "
        "Stadtrat hat am Donnerstag einen Neubau für 184 Millionen Euro beschlossen. Gebaut "
        "wird eine Schrägseilbrücke.\n\nWas die Nordbrücke kostet\n\nDer Bund übernimmt nach "
        "Angaben von Oberbürgermeisterin Carla Brenner die Hälfte der Kosten für die "
        "Nordbrücke. Die Opposition hält die Schätzung für zu niedrig und verlangt ein "
        "Gutachten.\n\nWann gebaut wird\n\nDie Arbeiten an der Nordbrücke sollen 2028 beginnen, "
        "sagte Brenner. Während des Abrisses wird der Rhein für die Schifffahrt gesperrt, "
        "voraussichtlich für zwei Wochen.\n"
    )
    (article,) = _parse_all(text, "morgen.txt")
    assert article.newsletter
    # One story: the letter stays whole, its lead story in first place.
    assert article.position == 0
    assert "## Was die Nordbrücke kostet" in article.body


def test_a_web_article_with_unlike_sections_is_not_split() -> None:
    text = (
        "Was hilft gegen Erkältung?\n\n"
        f"Hühnersuppe\n\n{HARBOUR}\n\nKnoblauch\n\n{STRIKE}\n\nIngwer\n\n{ZOO}\n"
    )
    (article,) = _parse_all(text, "ratgeber.txt")
    assert not article.newsletter  # no greeting, no short-item section


def test_a_rubric_of_briefs_gives_short_items_and_a_story_for_the_long_one() -> None:
    long_brief = (
        "Neustadt baut die Nordbrücke neu. Der Stadtrat hat am Donnerstag einen Neubau für "
        "184 Millionen Euro beschlossen, gebaut wird eine Schrägseilbrücke mit zwei Pylonen. "
        "Die Arbeiten sollen 2028 beginnen und vier Jahre dauern. Während des Abrisses wird "
        "der Rhein für zwei Wochen gesperrt, die Fähren fahren dann häufiger. Die Opposition "
        "hält die Kosten für zu niedrig geschätzt und verlangt ein zweites Gutachten, bevor "
        "der Auftrag vergeben wird."
    )
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben. Von Anna Muster\n\n"
        f"{long_brief}\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.\n"
    )
    parts = _parse_all(text, "lage.txt")
    assert [a.title for a in parts] == ["Neustadt baut die Nordbrücke neu"]
    assert parts[0].body == long_brief
    assert [i.text[:40] for i in parts[0].items] == [
        "Haftbefehl gegen Steueranwalt Berthold K",
        "Leipziger Handballer gewinnen das Pokalf",
    ]


def test_the_header_ends_at_the_greeting_even_below_a_dropped_line() -> None:
    text = (
        "Die Lage am Morgen\n\nhttps://lage.example/heute\n\nGuten Morgen,\n\n"
        "Was wichtig ist\n\nDer Stadtrat hat am Donnerstag den Haushalt für das kommende "
        "Jahr beschlossen, nach einer langen Sitzung.\n"
    )
    article = api.parse(text, filename="lage.txt")
    # The rubric below the greeting titles nothing: the first sentence does.
    assert (article.kicker, article.title) == (
        "", "Der Stadtrat hat am Donnerstag den Haushalt für das kommende Jahr beschlossen…"
    )
    assert article.body.startswith("Der Stadtrat hat")


def test_a_line_broken_inside_a_sentence_does_not_open_a_brief() -> None:
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben.\n\n"
        "Die Polizei in Neustadt hat am frühen Dienstagmorgen auf Anordnung der "
        "Staatsanwaltschaft in drei Stadtteilen sieben\n\n"
        "Wohnungen von Männern durchsucht, die im Internet zu Straftaten aufgerufen haben "
        "sollen; beschlagnahmt wurden Rechner und Telefone.\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.\n"
    )
    items = [i.text for i in _parse_all(text, "lage.txt")[0].items]
    assert len(items) == 3
    assert items[1].endswith(
        "in drei Stadtteilen sieben Wohnungen von Männern durchsucht, die im "
        "Internet zu Straftaten aufgerufen haben sollen; beschlagnahmt "
        "wurden Rechner und Telefone."
    )


def test_a_teaser_ending_on_a_pointer_to_its_article_is_a_brief_of_its_own() -> None:
    # A web briefing copied as text: each teaser ends on its link's words, without a stop.
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben. Die Details\n\n"
        "Neustädter Stadtrat löst sich vorzeitig auf. Damit wird im Frühjahr neu gewählt, zum "
        "zweiten Mal in drei Jahren. Anna Muster berichtet\n\n"
        "Die Stadtwerke erhöhen die Preise. Fernwärme wird im Januar zwölf Prozent teurer. Von "
        "Anna Muster, Ben Beispiel, Carla Exempel und Dora Probe (SZ Plus)\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft. Zum Spielbericht\n"
    )
    items = [i.text for i in _parse_all(text, "lage.txt")[0].items]
    assert items == [
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben.",
        "Neustädter Stadtrat löst sich vorzeitig auf. Damit wird im Frühjahr neu gewählt, zum "
        "zweiten Mal in drei Jahren.",
        "Die Stadtwerke erhöhen die Preise. Fernwärme wird im Januar zwölf Prozent teurer.",
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.",
    ]


def test_a_paragraph_pointing_back_stays_with_its_brief() -> None:
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben.\n\n"
        "Der Flughafen Neustadt hat im Herbst nur 300.000 Fluggäste abgefertigt.\n\n"
        "Das bedeutet einen Rückgang um 70 Prozent und einen Verlust von rund 30 Millionen "
        "Euro, teilte die Geschäftsführung mit.\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.\n"
    )
    items = [i.text for i in _parse_all(text, "lage.txt")[0].items]
    assert items[1] == (
        "Der Flughafen Neustadt hat im Herbst nur 300.000 Fluggäste abgefertigt. Das bedeutet "
        "einen Rückgang um 70 Prozent und einen Verlust von rund 30 Millionen Euro, teilte die "
        "Geschäftsführung mit."
    )
    assert len(items) == 3


def test_a_briefing_topic_joins_another_outlets_report_of_the_same_event(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "abendbrief.eml").write_text(BRIEFING, "utf-8")
    (inbox / "stadtanzeiger.txt").write_text(
        "---\nsource: Stadtanzeiger\n---\nWarnstreik: Keine Straßenbahnen in Neustadt\n\n"
        "Neustadt – Die Gewerkschaft Verdi hat die Fahrerinnen und Fahrer der "
        "Verkehrsbetriebe für Mittwoch zu einem Warnstreik aufgerufen. In ganz Neustadt "
        "fahren deshalb keine Straßenbahnen, rund 200.000 Fahrgäste sind betroffen.\n\n"
        "Verdi verlangt acht Prozent mehr Lohn. Die Verkehrsbetriebe nannten den Streik "
        "unverhältnismäßig, die Verhandlungen gehen am Freitag weiter.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "-i", str(inbox), "-o", str(out), "--date", "2026-03-10"]
    )
    assert result.exit_code == ExitCode.OK, result.output
    issue = json.loads((out / "2026-03-10" / "issue.json").read_text("utf-8"))
    sources = {s["headline"]: [r["name"] for r in s["sources"]] for s in issue["stories"]}
    strike = [names for headline, names in sources.items() if "Straßenbahn" in headline]
    assert [sorted(names) for names in strike] == [["Abendbrief", "Stadtanzeiger"]]
    assert len(issue["stories"]) == 3  # the harbour, the strike and the zoo
    assert "Abendbrief" not in sources  # no story is titled by the newsletter's name


def test_a_newsletter_of_short_items_only_makes_no_empty_story(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kurz.txt").write_text(
        "Guten Morgen,\n\nWEITERE MELDUNGEN\n\n"
        "– Die Stadtbibliothek öffnet künftig auch sonntags von 11 bis 17 Uhr.\n"
        "– Der Wochenmarkt zieht wegen Bauarbeiten bis Juni auf den Neumarkt.\n",
        "utf-8",
    )
    issue = api.build_issue(inputs=[inbox])
    assert issue.stories == []
    assert [i.text for i in issue.items] == [
        "Die Stadtbibliothek öffnet künftig auch sonntags von 11 bis 17 Uhr.",
        "Der Wochenmarkt zieht wegen Bauarbeiten bis Juni auf den Neumarkt.",
    ]


def test_labels_and_paywall_marks_leave_headlines_and_items() -> None:
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "EXKLUSIV Stadtwerke planen neues Wasserwerk. Das Werk soll 2030 in Betrieb gehen "
        "und 40.000 Haushalte versorgen.\n\n"
        "SZ Plus Neustädter Stadtrat löst sich vorzeitig auf. Damit wird im Frühjahr neu "
        "gewählt, zum zweiten Mal in drei Jahren. (SZ Plus)\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.\n"
    )
    items = [i.text for i in _parse_all(text, "lage.txt")[0].items]
    assert items[:2] == [
        "Stadtwerke planen neues Wasserwerk. Das Werk soll 2030 in Betrieb gehen und 40.000 "
        "Haushalte versorgen.",
        "Neustädter Stadtrat löst sich vorzeitig auf. Damit wird im Frühjahr neu gewählt, zum "
        "zweiten Mal in drei Jahren.",
    ]


def test_a_box_of_the_most_read_texts_is_no_news_of_the_issue() -> None:
    text = (
        "Die Lage am Morgen\n\nGuten Morgen,\n\nWas wichtig ist\n\n"
        "Haftbefehl gegen Steueranwalt Berthold Kranz. Der Hauptverdächtige im Skandal um "
        "Aktiengeschäfte ist zur Fahndung ausgeschrieben.\n\n"
        "Leipziger Handballer gewinnen das Pokalfinale gegen Kiel mit 31:29 nach "
        "Verlängerung, die Halle war ausverkauft.\n\n"
        "3 aus 24 - Meistempfohlen heute\n\n"
        "Warum die Nordbrücke teurer wird. Eine Analyse der Baukosten, die seit dem Frühjahr "
        "um ein Drittel gestiegen sind.\n"
    )
    parts = _parse_all(text, "lage.txt")
    told = " ".join([*(a.title + a.body for a in parts), *(i.text for a in parts for i in a.items)])
    assert "Steueranwalt" in told and "Pokalfinale" in told
    assert "Meistempfohlen" not in told and "Nordbrücke" not in told


def test_a_brief_led_by_a_label_is_headed_by_its_first_sentence() -> None:
    # "Champions League: <headline>. <text>": the label says what it is about, not what
    # happened; it becomes the kicker.
    block = Block(
        PARAGRAPH,
        "Champions League: Lindenau siegt in Porto, Neustadt verliert in Rom. Für Lindenau "
        "trifft Jana Brückner zweimal. Neustadt kann die K.-o.-Runde nicht mehr erreichen.",
    )
    piece = entry_piece(block)
    assert (piece.kicker, piece.title) == (
        "Champions League", "Lindenau siegt in Porto, Neustadt verliert in Rom"
    )
    assert piece.paragraphs == (
        "Für Lindenau trifft Jana Brückner zweimal. Neustadt kann die K.-o.-Runde nicht mehr "
        "erreichen.",
    )
