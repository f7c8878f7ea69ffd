"""Newsletters split by shape: every item-list shape, and what is not a list of items."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.models import HEADING, PARAGRAPH, Block, Recipient
from digest.parse.footer import clean
from digest.parse.newsletter import newsletter_marks
from digest.parse.textblocks import text_blocks
from digest.parse.topics import split
from tests.newsletter_files import NEWSLETTERS, items, reading, stories


def _items(name: str) -> list[str]:
    return items(NEWSLETTERS / name)


def _stories(name: str) -> list[str]:
    return stories(NEWSLETTERS / name)


def test_plain_list_without_a_known_rubric_name_is_items() -> None:
    # "Aus den Ortsteilen" is no rubric name any rule knows: the shape tells.
    items = _items("plain_72.txt")
    assert len(items) == 4
    assert items[0].startswith("Kreisel in Westend fertig. Der neue Kreisverkehr")
    assert _stories("plain_72.txt") == [
        "Neues Radwegenetz für die Innenstadt", "Streit um die Grundschule am Hang",
    ]  # fmt: skip


def test_bold_lead_ins_are_items_titled_by_their_lead() -> None:
    items = _items("bold_leads.md")
    assert [i.split(":")[0] for i in items] == [
        "Landtag beschließt Schulgesetz", "Autobahn wieder frei", "Zoo meldet Nachwuchs",
        "Hochwasser geht zurück",
    ]  # fmt: skip
    assert _stories("bold_leads.md") == []


def test_numbered_entries_are_items_and_the_title_line_is_not() -> None:
    items = _items("numbered.txt")
    assert len(items) == 4 and items[2].startswith("Die Inflationsrate ist im November")
    assert not any("Die Lage am Mittag" in i or "wissen müssen" in i for i in items)


def test_lines_ending_in_a_link_label_are_items_without_the_label() -> None:
    items = _items("link_labels.txt")
    assert len(items) == 4 and not any("Zum Artikel" in i for i in items)


def test_table_of_contents_is_not_items() -> None:
    parsed = reading(NEWSLETTERS / "toc.txt")
    assert [i.text for a in parsed.articles for i in a.items] == []
    assert len(parsed.split.toc) == 3
    assert _stories("toc.txt") == [
        "Neue Kita am Stadtpark eröffnet", "Gemeinderat streitet über Parkgebühren",
        "Sportverein feiert hundert Jahre",
    ]  # fmt: skip


def test_html_table_newsletter_gives_three_stories_and_five_items() -> None:
    parsed = reading(NEWSLETTERS / "table_newsletter.eml")
    assert parsed.part == "html"
    assert _stories("table_newsletter.eml") == [
        "Stadtrat gibt grünes Licht für die Fußgängerbrücke",
        "Kämmerin warnt vor Loch im Haushalt", "Hallenbad bleibt bis März geschlossen",
    ]  # fmt: skip
    items = _items("table_newsletter.eml")
    assert len(items) == 5
    assert items[0] == (
        "Weihnachtsmarkt eröffnet. Am Donnerstag öffnen die ersten vierzig Buden "
        "auf dem Marktplatz."
    )
    everything = " ".join([*items, *(a.body + a.title for a in parsed.articles)])
    for residue in (
        "anna.beispiel",
        "Anna",
        "Winterreifen",
        "Impressum",
        "abgemeldet",
        "Abmelden",
        "Herzliche Grüße",
        "Weiterlesen",
        "Zum Artikel",
        "Geschäftsführer",
    ):
        assert residue not in everything  # fmt: skip


def test_a_fact_list_stays_in_its_story() -> None:
    text = (
        "# Neue Version\n\nDie Version 2.0 der Software ist erschienen und bringt viele "
        "Verbesserungen für alle Nutzer, die sie seit Monaten erwartet haben.\n\n"
        "- Schnellerer Start\n- Dunkles Design\n- Neue Suche\n- Weniger Speicher"
    )
    result = split(text_blocks(text))
    assert result.items == [] and "- Dunkles Design" in result.stories[0].text


def test_options_saying_nearly_the_same_are_not_items() -> None:
    blocks = [
        Block(HEADING, "Das Rätsel der Woche", 8),
        Block(
            PARAGRAPH,
            "Was stimmt? Die Ministerin hat den Posten der Senatorin übernommen, sagen die einen.",
        ),
        *[
            Block(
                PARAGRAPH, f"Antwort. Die Ministerin hat den Posten der {who} übernommen.", group=n
            )
            for n, who in enumerate(("Senatorin", "Ministerin", "Kanzlerin"))
        ],
    ]
    assert split(blocks).items == []


def test_a_shape_seen_in_a_run_makes_a_pair_items_too() -> None:
    text = (
        "1. Der Rat beschließt den Haushalt für das kommende Jahr.\n"
        "2. Die Bahn streicht am Wochenende mehrere Verbindungen.\n"
        "3. Im Zoo ist ein Elefantenkalb zur Welt gekommen.\n\n"
        "## Lesetipps\n\n"
        "1. Ein langer Bericht über die Geschichte des Hafens der Stadt.\n"
        "2. Ein Gespräch mit der Bürgermeisterin über den Winter."
    )
    assert len(split(text_blocks(text)).items) == 5


def test_sub_headed_sections_naming_the_same_people_stay_one_story() -> None:
    text = Path(NEWSLETTERS / "plain_72.txt").read_text(encoding="utf-8")
    assert len(split(text_blocks(text)).stories) == 2
    one = (
        "Rat streitet über Brücke\n"
        "Der Stadtrat Neustadt und Bürgermeisterin Weber streiten über die Brücke am Hafen. "
        "Die Kosten der Brücke steigen.\n\n"
        "Was die Brücke kostet\n"
        "Bürgermeisterin Weber nannte im Stadtrat Neustadt neue Zahlen zur Brücke am Hafen, "
        "die Opposition zweifelt daran."
    )
    assert len(split(text_blocks(one)).stories) == 1


def test_ticker_banners_with_a_subscriber_notice_are_items() -> None:
    items = _items("ticker.txt")
    assert [i.split(" – ")[0] for i in items] == [
        "Brücke in Oberau gesperrt", "Neuer Chefarzt am Kreisklinikum",
        "Müllabfuhr verschiebt Termine", "Musikschule sucht Lehrkräfte",
    ]  # fmt: skip
    assert not any("+++" in i or "erhalten diese" in i for i in items)


def test_div_cards_are_stories_of_one_kind() -> None:
    # Three cards of 34, 26 and 23 words: one kind of thing, all stories.
    assert _stories("div_cards.eml") == [
        "Fähre nach Nordstrand fährt wieder", "Hafenamt plant neue Liegeplätze für Segelboote",
        "Gericht stoppt Abriss der alten Werfthalle",
    ]  # fmt: skip
    assert _items("div_cards.eml") == []


def test_greeted_letter_of_unlike_paragraphs_gives_briefs() -> None:
    parsed = reading(NEWSLETTERS / "flowed_letter.eml")
    items = [i.text for a in parsed.articles for i in a.items]
    assert len(items) == 3 and items[1].startswith("Das Sommerfest findet am 12. Juli")
    assert not any("Vorstand\n" in i or "Musterdorf" in i or "Grüße" in i for i in items)


def test_recurring_lead_ins_are_an_interviews_speakers_not_items() -> None:
    turns = [
        ("Anzeiger", "Frau Weber, wie geht es mit der Brücke am Hafen weiter?"),
        ("Weber", "Wir bauen ab März, die Förderung des Landes ist inzwischen bewilligt."),
        ("Anzeiger", "Und was sagen die Anwohner zu den Plänen für die Baustelle?"),
        ("Weber", "Viele freuen sich, einige fürchten den Lärm während der Bauzeit."),
    ]
    text = "Im Gespräch\n\n" + "\n\n".join(f"**{who}:** {said}" for who, said in turns)
    result = split(text_blocks(text))
    assert result.items == [] and len(result.stories) == 1


def _marked(text: str, *, page: bool = False) -> bool:
    return newsletter_marks(clean(text_blocks(text), Recipient()), rubrics=not page)


BRIEFS = (
    "- Die Bücherei öffnet künftig auch am Samstag für alle Leser.\n"
    "- Der Wochenmarkt zieht wegen Bauarbeiten auf den Neumarkt.\n"
    "- Im Zoo ist ein Elefantenkalb zur Welt gekommen, beiden geht es gut."
)


@pytest.mark.parametrize(
    ("text", "page", "newsletter"),
    [
        ("Liebe Leserinnen und Leser,\n\nder Rat hat getagt und den Haushalt beschlossen.", False,
         True),
        ("Der Rat hat getagt.\n\nSie erhalten diesen Newsletter, weil Sie ihn bestellt haben.",
         False, True),
        (f"Der Morgen\n\nWAS HEUTE WICHTIG IST\n\n{BRIEFS}", False, True),
        (f"Der Morgen\n\nKurz gemeldet\n\n{BRIEFS}", False, True),
        # A page's own summary box looks like a rubric: on a saved page it proves nothing.
        (f"Der Morgen\n\nKurz gemeldet\n\n{BRIEFS}", True, False),
        # A column opening "Hallo, sagt er, …" greets nobody; capitals headings of one
        # story's sections, a numbered list and a bare "Abbestellen" prove nothing either.
        ("Hallo, sagt er, ich beziehe es nicht auf mich. Dann geht er weiter.", False, False),
        ("DER TYP\n\nEr spielt seit drei Jahren im Verein und ist der Kopf der Mannschaft.\n\n"
         "DAS SPIEL\n\nIm Derby kommt es auf ihn an, sagt sein Trainer vor dem Anpfiff.", False,
         False),
        (f"Fünf Tipps für den Winter\n\n{BRIEFS}", False, False),
        ("Der Rat hat getagt und den Haushalt beschlossen.\n\nAbbestellen", False, False),
    ],
)
def test_only_a_newsletters_marks_open_a_text_to_splitting(
    text: str, page: bool, newsletter: bool
) -> None:
    assert _marked(text, page=page) is newsletter


def test_a_piece_without_headline_is_not_titled_by_its_rubric_and_sub_heading_glued() -> None:
    from digest.parse.titles import first_sentence_title

    piece = ("Außerdem wichtig:\n\n## Drei Empfehlungen von heute\n\n"
             "Der Rat hat die Linie 7 beschlossen. Sie soll 2030 fahren.")  # fmt: skip
    assert first_sentence_title(piece) == "Drei Empfehlungen von heute"
    assert first_sentence_title("Kurz:\n\nDer Rat hat die Linie 7 beschlossen. Mehr bald.") == (
        "Der Rat hat die Linie 7 beschlossen"
    )
