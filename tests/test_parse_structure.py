"""Structure rules on the project's own German fixtures (tests/data/parse)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_parse_patterns import NEWS_LIKE_WIDGETS

from digest.api import parse
from digest.models import Article, Source
from digest.parse.structure import derive_title, structure

DATA = Path(__file__).parent / "data" / "parse"
SOURCE = Source(name="test", file="test.txt")


def fixture(name: str) -> Article:
    return parse((DATA / name).read_bytes(), filename=name)


def blocks(article: Article) -> list[str]:
    return article.body.split("\n\n")


def test_newsletter_without_headline_gets_a_derived_title() -> None:
    article = fixture("newsletter_no_headline.txt")
    assert article.title.startswith("Der Stadtrat von Lindenau hat")
    assert article.title.endswith("…")
    assert [b for b in blocks(article) if b.startswith("## ")] == [
        "## Was sich für Familien ändert", "## Streit um die Gewerbesteuer",
    ]  # fmt: skip
    assert [i.text.split()[1] for i in article.items] == ["Brücke", "Freibad", "Stadtbibliothek"]
    assert article.authors == ["Anna Beispiel"]
    assert "Bis morgen" not in article.body and "Abonnieren" not in article.body


def test_bullets_in_every_shape_become_one_markdown_list() -> None:
    article = fixture("bullets.txt")
    lists = [b for b in blocks(article) if b.startswith("- ")]
    assert len(lists) == 1
    entries = lists[0].split("\n")
    assert len(entries) == 5
    assert all(e.startswith("- ") and e[2].isupper() for e in entries)
    assert blocks(article)[-1].startswith("Der Verband rechnet")


def test_glued_kicker_byline_date_and_dpa_dateline() -> None:
    article = fixture("glued_kicker.txt")
    assert article.kicker == "Streit im Stadtrat"
    assert article.title == "«Wir lassen uns nicht erpressen»"
    assert article.authors == ["Jana Fiktiv", "Olaf Erfunden"]
    assert article.published is not None
    assert article.published.replace(tzinfo=None) == dt.datetime(2024, 3, 14, 9, 30)
    assert article.published.utcoffset() == dt.timedelta(hours=1)
    assert article.dateline == "Berlin (dpa)"
    assert article.body.startswith("Im Streit um den Neubau")


def test_boilerplate_never_reaches_body() -> None:
    article = fixture("boilerplate.txt")
    assert (article.kicker, article.ressort) == ("Gipfeltreffen", "Wirtschaft")
    assert article.title == "„Wir sind einen Schritt weiter“"
    assert blocks(article) == [
        blocks(article)[0], "Die Regeln sollen ab dem kommenden Jahr gelten.",
        "Kritiker bemängeln, dass die Verbraucher zu wenig profitieren.",
    ]  # fmt: skip
    assert blocks(article)[0].startswith("Die Finanzminister")
    for fragment in ("Helsinki", "Schloss", "Bildrechte", "imago", "APA", "Anzeige", "(Z+)",
                     "Folge", "FAQ", "Quellen", "Recherche", "Wasserwerk"):  # fmt: skip
        assert fragment not in article.body


def test_item_shapes_headline_time_and_link_tails() -> None:
    article = fixture("items_variants.txt")
    texts = [i.text for i in article.items]
    # The short note under the newsletter's name is an item too, without that name.
    assert texts[0].startswith("Heute tagt der Kreistag zum letzten Mal")
    assert texts[1] == "Verkehr: Die Umleitung an der Hauptstraße bleibt bis Freitag bestehen."
    assert texts[2] == "Der Wochenmarkt zieht auf den Rathausplatz um"
    assert texts[3].startswith("Neues Café am Hafen – Am Hafen eröffnet")
    assert len(texts) == 4
    assert "Redaktion" not in " ".join([article.body, *texts])


@pytest.mark.parametrize(
    ("heading", "text"),
    [
        ("WEITERE MELDUNGEN", "– Erste Meldung im Ort.\n– Zweite Meldung im Ort."),
        ("Weitere wichtige Themen:", "• Erste Meldung im Ort.\n• Zweite Meldung im Ort."),
        ("Das Wichtigste in Kürze:", "1. Erste Meldung im Ort.\n2. Zweite Meldung im Ort."),
        ("In Kürze:", "-\nErste Meldung im Ort.\n-\nZweite Meldung im Ort."),
        ("Was heute wichtig ist", "1\nErste Meldung im Ort.\n2\nZweite Meldung im Ort."),
    ],
)
def test_item_sections_become_items_not_body(heading: str, text: str) -> None:
    lead = "Ein Titel für den Test\n\nDer Rat hat heute getagt und viel beschlossen."
    article = structure(f"{lead}\n\n{heading}\n{text}", SOURCE)
    assert [i.text for i in article.items] == ["Erste Meldung im Ort.", "Zweite Meldung im Ort."]
    assert "Meldung" not in article.body


def test_an_entry_pointing_back_or_going_on_quoting_stays_with_the_one_above() -> None:
    lead = "Ein Titel für den Test\n\nDer Rat hat heute getagt und viel beschlossen."
    senate = ("Der Senat soll den Rat künftig früher an seinen Beschlüssen über die "
              "Corona-Maßnahmen der Stadt beteiligen.")  # fmt: skip
    draft = ("Das sieht ein am Mittwoch vorgelegter Entwurf von drei Fraktionen für ein "
             "Pandemiegesetz der Stadt vor.")  # fmt: skip
    hosts = ('Die Wirte der Altstadt fordern vom Senat mehr Planungssicherheit. "Wir brauchen '
             "die Hilfen für den Winter.")  # fmt: skip
    said = ('Aber wir brauchen auch eine Perspektive für das Frühjahr", sagte ihr Sprecher am '
            "Mittwoch im Rathaus.")  # fmt: skip
    found = ("Das Fundbüro hat in diesem Jahr 25.000 Euro aus Versteigerungen eingenommen, so "
             "viel wie noch nie zuvor.")  # fmt: skip
    entries = "\n".join([senate, draft, hosts, said, found])
    article = structure(f"{lead}\n\nIn aller Kürze\n{entries}", SOURCE)
    assert [i.text for i in article.items] == [f"{senate} {draft}", f"{hosts} {said}", found]


def test_item_section_ends_at_the_next_markdown_heading() -> None:
    text = ("# Titel\n\nDer Rat tagte.\n\n## Das Wichtigste\n\nErste Meldung im Ort.\n\n"
            "## Hintergrund\n\nDer Rat tagt seit Jahren im Saal.")  # fmt: skip
    article = structure(text, SOURCE)
    assert [i.text for i in article.items] == ["Erste Meldung im Ort."]
    assert article.body.endswith("## Hintergrund\n\nDer Rat tagt seit Jahren im Saal.")


def test_caption_repeated_then_credit_is_dropped() -> None:
    text = ("Titel\n\nDer erste Absatz erzählt, was geschah.\n\nZwei Männer am Tisch\n\n"
            "Zwei Männer am Tisch\n\nFoto: Agentur\n\nDer zweite Absatz geht weiter.")  # fmt: skip
    article = structure(text, SOURCE)
    assert blocks(article) == ["Der erste Absatz erzählt, was geschah.",
                               "Der zweite Absatz geht weiter."]  # fmt: skip


def test_credit_run_into_a_long_paragraph_keeps_the_paragraph() -> None:
    paragraph = "Der Rat hat am Abend lange beraten und viel beschlossen. " * 8
    article = structure(f"Titel\n\nEin kurzer Absatz.\n\n{paragraph}Foto: Agentur", SOURCE)
    assert blocks(article)[-1] == paragraph.strip()


def test_derive_title_keeps_short_sentences_whole() -> None:
    assert derive_title(["Der Rat tagte. Dann ging er."]) == "Der Rat tagte"
    assert derive_title([]) == ""
    long = "Am Morgen traf der Rat im Saal des Rathauses die Gäste aus dem Umland und der Stadt."
    assert (
        derive_title([long])
        == "Am Morgen traf der Rat im Saal des Rathauses die Gäste aus dem Umland…"
    )


def test_markdown_headings_and_hard_wrapped_mail_text() -> None:
    wrapped = "\n".join([
        "# Überschrift",
        "",
        "Dies ist ein langer Absatz, der wie in einer E-Mail nach etwa siebzig",
        "Zeichen umbrochen wurde, damit er in jedes Fenster passt und lesbar",
        "bleibt, auch wenn das Programm alt ist und keine langen Zeilen kennt.",
        "",
        "Ein zweiter Absatz folgt hier, ebenfalls umbrochen an einer Stelle, die",
        "der Absender gewählt hat, ohne dass der Satz schon zu Ende gewesen wäre.",
    ])  # fmt: skip
    article = structure(wrapped, SOURCE)
    assert article.title == "Überschrift"
    assert len(blocks(article)) == 2
    assert blocks(article)[0].endswith("langen Zeilen kennt.")


@pytest.mark.parametrize(
    ("last", "authors"),
    [("Anna Meier", ["Anna Meier"]), ("P. Tiko", ["P. Tiko"]), ("Weitere Informationen", [])],
)
def test_a_bare_name_closing_the_text_is_its_author(last: str, authors: list[str]) -> None:
    article = structure(f"Titel\n\nEin Absatz endet hier.\n\n{last}", SOURCE)
    assert article.authors == authors
    assert (last in article.body) is not bool(authors)


def test_all_boilerplate_is_skipped() -> None:
    from digest.errors import SkipFile

    with pytest.raises(SkipFile, match="no article text"):
        parse(b"Abonniere den Newsletter\nFoto: AFP\n", filename="a.txt")


def test_newsletter_with_several_sections_and_broken_lines() -> None:
    article = fixture("newsletter_sections.txt")
    first = blocks(article)[0]
    assert first.startswith("Heute beschäftigt die Stadt")  # greeting gone, capitalised
    assert first.endswith("am Abend abstimmt.")  # broken lines joined
    texts = [i.text for i in article.items]
    assert len(texts) == 5
    assert texts[2:] == [
        "Der Weihnachtsmarkt öffnet schon am Freitag", "Die Eisbahn bleibt geschlossen",
        "Im Hallenbad gibt es neue Kurse",
    ]  # fmt: skip
    # The greeting's opening line announces the topic of the day: it leads that story.
    assert (article.kicker, article.title) == (
        "THEMA DES TAGES", "Wie die Umgehungsstraße geplant wurde"
    )
    assert blocks(article)[-1].startswith("Seit zwanzig Jahren")
    assert article.authors == ["Lena Erfunden"]
    assert article.authors == ["Lena Erfunden"]


def test_shop_donation_and_newsletter_widgets_never_reach_body() -> None:
    article = fixture("widgets.txt")
    assert article.title == "Neue Fähre für Lindenau"
    assert article.dateline == ""  # "Lindenau. " without an agency mark stays in the text
    assert blocks(article) == [
        "Lindenau. Die Stadtwerke haben am Montag eine neue Fähre über den Fluss in Betrieb"
        " genommen. Sie fährt künftig alle zwanzig Minuten.",
        "Die alte Fähre geht an ein Museum in der Nachbarstadt.",
        "Der Fahrplan gilt ab sofort.",
    ]


def test_news_sentences_that_open_like_widgets_stay_in_the_body() -> None:
    sentences = NEWS_LIKE_WIDGETS
    text = "Der Verein zieht Bilanz\n\n" + "\n\n".join(sentences)
    article = structure(text, SOURCE)
    assert article.title == "Der Verein zieht Bilanz"
    assert blocks(article) == sentences


def test_a_button_after_a_news_paragraph_goes_but_the_paragraph_and_title_stay() -> None:
    paragraph = (
        "Beim Sommerfest im vergangenen Jahr kamen mehr als dreihundert Gäste auf den"
        " Marktplatz, der Erlös ging an die Jugendfeuerwehr der Gemeinde."
    )
    text = f"Der Verein dankt den Spendern\n\n{paragraph} Jetzt mitmachen!\n\nDas Fest ist im Juni."
    article = structure(text, SOURCE)
    assert article.title == "Der Verein dankt den Spendern"
    assert blocks(article) == [paragraph, "Das Fest ist im Juni."]
    # An appeal box with a button goes with its heading, but never the title above it.
    box = "Lokaljournalismus kostet Geld. Sind Sie dabei? Jetzt unterstützen"
    article = structure(f"Der Verein dankt den Spendern\n\n{box}\n\n{paragraph}", SOURCE)
    assert article.title == "Der Verein dankt den Spendern"
    assert blocks(article) == [paragraph]


def test_the_outlets_notice_about_its_own_offers_goes_and_a_website_in_the_news_stays() -> None:
    news = ("Der Landkreis hat eine Übersicht der Impfzentren unter "
            "www.landkreis-lindenau.de/impfen veröffentlicht. Termine gibt es ab Montag.")
    notice = ("Der Lindenau-Podcast erscheint jeden Freitag. Sie finden alle Folgen auf "
              "tagesblatt.de/podcast. Verpassen Sie keine Folge und abonnieren Sie "
              "unser Audio-Angebot. Wie Sie den Podcast hören, erklären wir hier.")
    contact = ("Fragen oder Kritik? Sie erreichen uns unter podcast@tagesblatt.de. Alle Folgen "
               "finden Sie hier.")  # fmt: skip
    text = f"Impfzentren öffnen\n\n{news}\n\n{notice}\n\n{contact}"
    assert blocks(structure(text, SOURCE)) == [news]


LEAD = "Der Stadtrat hat am Montag den Haushalt für das kommende Jahr beschlossen."


@pytest.mark.parametrize(
    ("first", "dateline", "body"),
    [
        (f"Kassel. (dpa) {LEAD}", "Kassel", LEAD),
        (f"Bad Hersfeld. (red) {LEAD}", "Bad Hersfeld", LEAD),
        (f"**Kassel.** {LEAD}", "Kassel", LEAD),
        (f"**Fazit.** {LEAD}", "", f"**Fazit.** {LEAD}"),
        (f"Kassel. {LEAD}", "", f"Kassel. {LEAD}"),
        ("Endlich. Nach zehn Jahren Bauzeit ist die Brücke über den Fluss fertig.", "",
         "Endlich. Nach zehn Jahren Bauzeit ist die Brücke über den Fluss fertig."),
        ("Kassel. Dann nicht.", "", "Kassel. Dann nicht."),
    ],
)  # fmt: skip
def test_a_place_with_a_full_stop_is_a_dateline_only_with_evidence(
    first: str, dateline: str, body: str
) -> None:
    article = structure(f"Ein Titel für den Test\n\n{first}\n\nZweiter Absatz folgt.", SOURCE)
    assert article.dateline == dateline
    assert blocks(article) == [body, "Zweiter Absatz folgt."]


@pytest.mark.parametrize(
    "word", ["Merkel", "Corona", "Krieg", "Weihnachten", "Fußball", "Donnerstag", "Tesla",
             "Mehr Geld"],
)  # fmt: skip
def test_a_topic_word_opening_the_story_stays_in_it(word: str) -> None:
    first = f"{word}. Darüber wurde im Stadtrat am Montagabend lange und heftig gestritten."
    article = structure(f"Ein Titel für den Test\n\n{first}", SOURCE)
    assert article.dateline == ""
    assert blocks(article) == [first]


def test_drop_caps_are_joined_to_their_word() -> None:
    text = (
        "Stadtrat beschließt Haushalt\n\nD\n\ner Stadtrat von Lindenau hat am Dienstagabend den"
        " Haushalt beschlossen.\n\nA bis Z der Posten\n\nN a endlich! Nach drei Sitzungen war"
        " die Sache entschieden, sagte die Bürgermeisterin.\n\nD\nie Kämmerin war zufrieden"
        " mit dem Ergebnis."
    )
    assert blocks(structure(text, SOURCE)) == [
        "Der Stadtrat von Lindenau hat am Dienstagabend den Haushalt beschlossen.",
        "## A bis Z der Posten",
        "Na endlich! Nach drei Sitzungen war die Sache entschieden, sagte die Bürgermeisterin.",
        "Die Kämmerin war zufrieden mit dem Ergebnis.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "O du fröhliche, o du selige, sangen die Kinder am Abend vor der Kirche.",
        "A kauft von B ein Auto, doch B liefert es nie, so beginnt der Fall vor Gericht.",
        "E steht für Energie, erklärte die Lehrerin den Kindern im Museum.",
        "D er Stadtrat ist gemeint, nicht der Kreistag, sagte der Sprecher.",
    ],
)
def test_a_capital_letter_word_is_no_drop_cap(line: str) -> None:
    assert blocks(structure(f"Ein Titel für den Test\n\n{line}", SOURCE)) == [line]


@pytest.mark.parametrize(
    ("head", "kicker", "title"),
    [
        ("Streit um die Brücke\n„Wir geben diese\nBrücke nicht auf“", "Streit um die Brücke",
         "„Wir geben diese Brücke nicht auf“"),
        ("Brückenstreit: «Wir geben diese\nBrücke nicht auf»", "Brückenstreit",
         "«Wir geben diese Brücke nicht auf»"),
        ("Streit um die Brücke\n»Wir geben diese\nBrücke nicht auf«", "Streit um die Brücke",
         "»Wir geben diese Brücke nicht auf«"),
        ("Interview mit dem »Tatort«-Star\n»Ich war nie gern Kommissar«",
         "Interview mit dem »Tatort«-Star", "»Ich war nie gern Kommissar«"),
    ],
)  # fmt: skip
def test_a_headline_wrapped_inside_quotation_marks_is_one_title(
    head: str, kicker: str, title: str
) -> None:
    body = "Der Bürgermeister von Lindenau will die marode Brücke sanieren, statt sie abzureißen."
    article = structure(f"{head}\n\n{body}", SOURCE)
    assert (article.kicker, article.title) == (kicker, title)
    assert blocks(article) == [body]


def test_a_closed_german_quote_does_not_join_the_next_paragraph() -> None:
    first = "Der Bürgermeister nennt den Plan für die neue Brücke »unrealistisch«."
    second = "»Das sehe ich ganz anders«, sagte die Ratsfrau am Dienstag im Ausschuss."
    for gap in ("\n", "\n\n"):  # pages' text has one line break between paragraphs
        article = structure(f"Streit um die Brücke{gap}{first}{gap}{second}", SOURCE)
        assert blocks(article) == [first, second]
    # A quotation left open by a line, closed by the next one, is one paragraph.
    assert blocks(structure("Titel\n\nEr sagte: »Wir\nkommen wieder«, und ging.", SOURCE)) == [
        "Er sagte: »Wir kommen wieder«, und ging."
    ]


@pytest.mark.parametrize(
    "headline", ["Stadtrat beschließt neuen Haushalt für 2027", "Wer zahlt die neue Brücke?"]
)
def test_a_headline_glued_to_its_text_by_spaces_is_the_title(headline: str) -> None:
    body = "Der Stadtrat hat am Dienstagabend den Haushalt beschlossen. Die Mehrheit war knapp."
    article = structure(f"{headline}  {body}", SOURCE)
    assert (article.title, article.body) == (headline, body)


@pytest.mark.parametrize(
    "text",
    [
        "Der Rat tagte lange.  Danach ging er nach Hause, und alle waren zufrieden damit.",
        "Der Rat tagte lange, bis spät  in die Nacht, und alle waren am Ende zufrieden damit.",
        "Der Rat tagte lange und  Bürger hörten zu, bis alle am Ende zufrieden damit waren.",
        "Der Rat tagte lange am Abend. Er fand  Die Lösung war am Ende für alle zufriedenstellend.",
    ],
)
def test_spaces_after_a_sentence_or_inside_one_do_not_make_a_headline(text: str) -> None:
    article = structure(text, SOURCE)
    assert article.body == " ".join(text.split())
    assert article.title.startswith("Der Rat tagte lange")


CALLS_RUN_INTO_TEXT = """\
Neue Fähre für Lindenau

Die Gemeinde Lindenau bekommt eine neue Fähre. Der Gemeinderat stimmte am Montag zu. \
Sehen Sie hier den Livestream der Sitzung.

Die Fähre soll im Mai fahren und 40 Autos tragen. Sie ersetzt das alte Schiff, das seit \
1968 zwischen Lindenau und Oberhafen pendelt und im Winter zweimal ausfiel. Die Werft in \
Rostock hat den Auftrag schon erhalten, der Bau beginnt im Januar. Der Bürgermeister \
sprach von einem guten Tag für die Pendler beider Ufer. Sie können unseren Abendbrief \
auch als kostenlosen Newsletter per Mail bestellen. Zur Anmeldung geht es hier.

Schreiben Sie uns eine E-Mail an redaktion@lindenau.example Die alte Fähre geht an \
einen Verein in Brandenburg.

Abendbrief: [Jeden Abend informieren wir Sie über die Region. Zur Anmeldung geht es hier.]

Die Kosten trägt zur Hälfte das Land.
"""


def test_calls_to_action_run_into_paragraphs_go_and_the_news_stays() -> None:
    article = parse(CALLS_RUN_INTO_TEXT, filename="faehre.txt")
    body = article.body
    for gone in ("Livestream", "Newsletter", "Zur Anmeldung", "redaktion@", "Abendbrief"):
        assert gone not in body
    for kept in (
        "Der Gemeinderat stimmte am Montag zu.",
        "Die Fähre soll im Mai fahren und 40 Autos tragen.",
        "Der Bürgermeister sprach von einem guten Tag für die Pendler beider Ufer.",
        "Die alte Fähre geht an einen Verein in Brandenburg.",
        "Die Kosten trägt zur Hälfte das Land.",
    ):
        assert kept in body


def test_a_sentence_glued_to_the_next_gets_its_space_and_addresses_stay() -> None:
    text = (
        "Fähre fährt wieder\n\nDie Eltern erhalten 67 Prozent des Nettolohns.Diese Regelung "
        "gilt ab Mai. Fragen beantwortet Lea.Brandt@lindenau.example oder die Seite "
        "www.Faehre-Lindenau.example, das Programm heißt „FährZeit.Sommer“.\n"
    )
    body = parse(text, filename="faehre.txt").body
    assert "Nettolohns. Diese Regelung" in body
    assert "Lea.Brandt@lindenau.example" in body
    assert "www.Faehre-Lindenau.example" in body and "„FährZeit.Sommer“" in body


def test_an_item_loses_a_pointer_at_its_end() -> None:
    text = (
        "Guten Morgen,\n\nWEITERE MELDUNGEN\n\n"
        "- Teuerstes Pferd gestorben. Der Hengst wurde 20 Jahre alt. Mehr dazu.\n"
        "- Fähre fährt wieder. Die Fähre in Lindenau fährt ab Montag wieder. Mehr dazu.\n"
        "- Bad öffnet früher. Das Freibad öffnet im April.\n"
    )
    items = [i.text for i in parse(text, filename="brief.txt").items]
    assert items == [
        "Teuerstes Pferd gestorben. Der Hengst wurde 20 Jahre alt.",
        "Fähre fährt wieder. Die Fähre in Lindenau fährt ab Montag wieder.",
        "Bad öffnet früher. Das Freibad öffnet im April.",
    ]
