"""One row per named pattern of the parser and its readers: what it catches, what it leaves."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from digest.parse import boilerplate, patterns
from digest.readers import html, pagemeta
from digest.text import names, vocabulary
from digest.text import patterns as text_patterns

# Every module whose upper-case regular expressions are rules with a row below.
MODULES: tuple[ModuleType, ...] = (patterns, boilerplate, text_patterns, names, pagemeta, html)


def rule(name: str) -> re.Pattern[str]:
    """Return the pattern called ``name`` in one of ``MODULES``."""
    found = {id(p): p for m in MODULES if isinstance(p := getattr(m, name, None), re.Pattern)}
    assert len(found) == 1, f"{name} is defined {len(found)} times"
    return next(iter(found.values()))

# (rule name in one of MODULES, line, should match)
CASES: list[tuple[str, str, bool]] = [
    # short-item section headings
    ("ITEM_SECTION", "WEITERE MELDUNGEN", True),
    ("ITEM_SECTION", "Weitere wichtige Themen:", True),
    ("ITEM_SECTION", "Das Wichtigste in Kürze:", True),
    ("ITEM_SECTION", "Kurz gemeldet", True),
    ("ITEM_SECTION", "In Kürze:", True),
    ("ITEM_SECTION", "Was heute wichtig ist", True),
    ("ITEM_SECTION", "Was wichtig wird", True),
    ("ITEM_SECTION", "Unsere Themen heute:", True),
    ("ITEM_SECTION", "Heute wichtig:", True),
    ("ITEM_SECTION", "In aller Kürze", True),
    ("ITEM_SECTION", "Weitere Meldungen aus der Region sind unten.", False),
    # end sections
    ("END_SECTION", "FAQ", True),
    ("END_SECTION", "Quellenangaben", True),
    ("END_SECTION", "Häufig gestellte Fragen:", True),
    ("END_SECTION", "Quellen zufolge ist das falsch.", False),
    # bullets
    ("BULLET", "– Ein Punkt", True),
    ("BULLET", "- Ein Punkt", True),
    ("BULLET", "• Ein Punkt", True),
    ("BULLET", "1. Ein Punkt", True),
    ("BULLET", "2) Ein Punkt", True),
    ("BULLET", "-Wort ohne Leerzeichen", False),
    ("INLINE_BULLET", "Erste Meldung • Zweite Meldung", True),
    ("INLINE_BULLET", "Erste Meldung - Zweite Meldung", False),
    ("LONE_BULLET", "-", True),
    ("LONE_BULLET", "•", True),
    ("LONE_BULLET", "- x", False),
    ("BARE_NUMBER", "3", True),
    ("BARE_NUMBER", "3.", True),
    ("BARE_NUMBER", "2025", False),
    ("MD_HEADING", "## Zwischentitel", True),
    ("MD_HEADING", "#hashtag", False),
    # headline shapes
    ("CLAUSE_END", "Er sagte das.", True),
    ("THOUGHT_END", "Er sagte das:", True),
    ("THOUGHT_END", "Er sagte das,", False),
    ("SENTENCE_END", "„Das ist so.“", True),
    ("SENTENCE_END", "Er sagte:", False),
    ("CLAUSE_END", "„Das ist so.“", True),
    ("CLAUSE_END", "Uschakow sagte wörtlich:", True),
    ("CLAUSE_END", "Ein kurzer Zwischentitel", False),
    ("CLAUSE_END", "Was heißt das für uns?", False),
    ("GLUED_HEADLINE", "Rat beschließt Etat  Der Rat hat am Montag den Etat beschlossen.", True),
    ("GLUED_HEADLINE", "„Wir bleiben hier“  „Wir bleiben“, sagte die Rätin am Montagabend.", True),
    ("GLUED_HEADLINE", "Der Rat tagte, bis spät  in die Nacht, und alle waren froh.", False),
    ("GLUED_HEADLINE", "Etat  Der Rat hat am Montag den Etat für das Jahr beschlossen.", False),
    ("SENTENCE_BREAK", "Erster Satz. Zweiter Satz", True),
    ("SENTENCE_BREAK", "Am 12. April kam er", False),
    ("QUOTED_HEADLINE", "„Wir bleiben hart“", True),
    ("QUOTED_HEADLINE", "«Wir bleiben hart»", True),
    ("QUOTED_HEADLINE", "Er sagte „nein“", False),
    ("GLUED_KICKER", "Angriff auf Israel: «Wir antworten»", True),
    ("GLUED_KICKER", "Krisentreffen: „Keine Einigung“", True),
    ("GLUED_KICKER", "Krisentreffen: Keine Einigung", False),
    # date lines and datelines
    ("KICKER_MARKUP", '<span class="headline__kicker">Boxen</span>', True),
    ("KICKER_MARKUP", '<span class="headline">Boxen</span>', False),
    ("KICKER_MARKUP", '<span data-article-kicker="Nach dem Streit">Nach dem Streit</span>', True),
    ("KICKER_MARKUP", '<span data-article-id="7">Boxen</span>', False),
    ("SHOWN_HEADLINE", '</span>\n <h1 class="x">Neue Fähre für Sylt</h1>', True),
    ("SHOWN_HEADLINE", "</span><h1></h1>", False),
    ("KICKER_SEPARATOR", "Nach dem Streit: Rat tagt", True),
    ("KICKER_SEPARATOR", "Nach dem Streit - Rat tagt", True),
    ("KICKER_SEPARATOR", "Kreis-Rat tagt", False),
    ("SLUG_WORD", "/politik/rat-tagt-123.html", True),
    ("SLUG_WORD", "/-/", False),
    ("AUTHOR_LINK", '<a href="/autoren/name/anna">Dr. Anna Muster</a>', True),
    ("AUTHOR_LINK", '<a href="/politik/artikel">Anna Muster</a>', False),
    ("DATE_LINE", "03.12.2025 00:15", True),
    ("DATE_LINE", "Stand: 03.12.2025, 14:20 Uhr", True),
    ("DATE_LINE", "Versendet am 24.06.2022", True),
    ("DATE_LINE", "21.09.2021 | Politik Ein Titel", True),
    ("DATE_LINE", "3. Dezember 2025, 10:15 Uhr", True),
    ("DATE_LINE", "Am 3. Dezember 2025 beginnt der Gipfel in Wien.", False),
    ("DATELINE", "Washington/Moskau – Am Dienstag", True),
    ("DATELINE", "Berlin (dpa) - Die Regierung", True),
    ("DATELINE", "Hamburg (dpa/lno) – Ein Mann", True),
    ("DATELINE", "Berlin - Die Regierung", True),
    ("DATELINE", "Berlin ist groß - sehr groß", False),
    ("DATELINE_CAPS", "MADRID: Die Regierung", True),
    ("DATELINE_STOP", "Kassel. (dpa) Der Stadtrat hat beschlossen", True),
    ("DATELINE_STOP", "Bad Hersfeld. (red) - Am Montag", True),
    ("DATELINE_STOP", "Kassel. Der Stadtrat hat beschlossen", False),
    ("DATELINE_STOP", "Merkel. Die Kanzlerin hat beschlossen", False),
    ("DATELINE_STOP", "Kassel ist eine Stadt. (dpa) Der Rat", False),
    ("DATELINE_STOP", "Dr. Muster sagt", False),
    ("DATELINE_MARKUP", '<p class="a"><span class="ort">Kassel.</span>&nbsp;Der Rat', True),
    ("DATELINE_MARKUP", "<p><span>Der Rat tagte.</span> Dann", False),
    ("NOT_PLACE_ENDING", "Ordnung", True),
    ("NOT_PLACE_ENDING", "Göttingen", False),
    ("DROP_CAP", "N a endlich!", True),
    ("DROP_CAP", "D ie Stadt tagte", True),
    ("DROP_CAP", "D er Stadtrat tagte", False),
    ("DROP_CAP", "O du fröhliche, o du selige", False),
    ("DROP_CAP", "A kauft von B ein Auto", False),
    ("DROP_CAP", "E steht für Energie", False),
    ("DROP_CAP", "A und O der Sache", False),
    ("DROP_CAP", "Der Stadtrat tagte", False),
    ("QUOTE_MARK", "»Zitat«", True),
    ("QUOTE_MARK", "Kein 'Zitat'", False),
    ("DATELINE_CAPS", "Madrid: Die Regierung", False),
    ("BYLINE", "Von Anna Meier und Jan Kurz", True),
    ("BYLINE", "Von Montag an gilt das.", False),
    ("BYLINE", "Aufgezeichnet von Anna Meier", True),
    ("NAME_SEPARATOR", "Anna Muster und Ben Beispiel", True),
    ("NAME_SEPARATOR", "Anna Undine Muster", False),
    ("AUTHOR_INITIALS", "Elena Muster (em)", True),
    ("AUTHOR_INITIALS", "Elena Muster", False),
    ("BYLINE_VON", "Magazin Von Anna Muster", True),
    ("BYLINE_VON", "Vonderau", False),
    ("CLAUSE_BREAK", "Der Rat tagte, und dann", True),
    ("CLAUSE_BREAK", "Der Rat tagte", False),
    ("PERSON_NAME", "Dr. Anna Muster", True),
    ("PERSON_NAME", "Bill MUSTERMANN", True),
    ("PERSON_NAME", "Alle Artikel", True),
    ("PERSON_NAME", "alle Artikel von ihr", False),
    ("SIGNATURE", "P. Tiko", True),
    ("SIGNATURE", "Anna-Lena Meier", True),
    ("SIGNATURE", "Das ist gut.", False),
    # boilerplate
    ("CREDIT_LINE", "Foto: AFP", True),
    ("CREDIT_LINE", "(Bild: EPA/Name Name / Agentur)", True),
    ("CREDIT_LINE", "Bildrechte: MDR/Name", True),
    ("CREDIT_LINE", "Fotos: dpa, Reuters", True),
    ("CREDIT_LINE", "Das Foto zeigt den Platz.", False),
    ("TRANSLATION_NOTE", "Aus dem Englischen von Anna Muster", True),
    ("TRANSLATION_NOTE", "Übersetzung: Anna Muster", True),
    ("TRANSLATION_NOTE", "Aus dem Englischen übernahm er viele Wörter, sagt sie.", False),
    ("END_SECTION", "Die Autorin", True),
    ("SEPARATOR", "---", True),
    ("SEPARATOR", "= = = = =", True),
    ("SEPARATOR", "-- Ende", False),
    ("MD_IMAGE", "![Ein Bild](bild.jpg)", True),
    ("MD_IMAGE", "Ein ![Bild](b.jpg) im Satz", False),
    ("COPYRIGHT_LINE", "© imago", True),
    ("COPYRIGHT_LINE", "©dpa", True),
    ("COPYRIGHT_LINE", "Copyright © Agentur 2017-2026. Für die Nutzung ist ein Abo nötig.", True),
    ("AGENCY_CREDIT", "APA/AFP/Adem Altan", True),
    ("AGENCY_CREDIT", "picture alliance / dpa | Max Muster", True),
    ("AGENCY_CREDIT", "Die dpa meldet das. Der Rest folgt.", False),
    ("GLUED_CREDIT", "Zwei Männer am Tisch(Bild: EPA/Name)", True),
    ("GLUED_CREDIT", "Ein Treffen in HelsinkiFoto: NAME NAME / Reuters", True),
    ("GLUED_CREDIT", "Wir zeigen das Foto: es ist alt", False),
    ("GLUED_CREDIT", "Los geht es im Mai. Bild: Anna Muster", True),
    ("RELATED", "Mehr zum ThemaFrieden in Sicht", True),
    ("RELATED", "Auch interessant", True),
    ("RELATED", "Lesen Sie auch: Ein Text", True),
    ("RELATED", "Auch interessant ist, dass der Preis stieg.", False),
    ("RELATED", "Verfolgen Sie alle Entwicklungen zur Wahl in unserem Liveblog.", True),
    ("RELATED", "Verfolgen Sie die Debatte ab 9 Uhr im Livestream", True),
    ("RELATED", "Verfolgen Sie die Ermittlungen, fragte der Richter.", False),
    ("BRACKET_NOTE", "[Mehr zum Thema: Der Rat und das Geld]", True),
    ("BRACKET_NOTE", "[Wenn Sie alle Nachrichten auf Ihr Handy wollen, laden Sie die App]", True),
    ("BRACKET_NOTE", "[Update, 14 Uhr: Die Polizei hat die Sperre aufgehoben.]", False),
    ("BRACKET_NOTE", "[1] Eine Fußnote. [2] Noch eine.", False),
    ("DATELINE_BOLD", "**Rheinstadt.** Nach dem Streit", True),
    ("DATELINE_BOLD", "**Wichtig:** Nach dem Streit", False),
    ("CTA", "Abonniere einfach den Newsletter", True),
    ("CTA", "Folge @Beispiel für mehr", True),
    ("CTA", "Melden Sie sich hier an", True),
    ("CTA", "Teilen", True),
    ("CTA", "Die Partei folgt dem Kurs.", False),
    ("EMOJI_CTA", "🔔 Folge uns für mehr", True),
    ("EMOJI_CTA", "❤ Beispielseite unterstützen", True),
    ("EMOJI_CTA", "Folge uns für mehr", False),
    ("CTA", "Ihre Meinung ist uns wichtig. Schreiben Sie an a@b.de", True),
    ("CTA", "Neu: Abonniere den Whatsapp-Kanal von Beispiel", True),
    ("CTA", "Folgst du schon Beispiel auf Whatsapp?", True),
    ("CTA", "Teile deine Tipps mit der Community.", True),
    ("CTA", "Nutzen Sie die Links, um Beispiel zu unterstützen:", True),
    ("CTA", "Wir fragen, was sie brauchen, um sie zu unterstützen.", False),
    ("PAYWALL", "Embed", True),
    ("PAYWALL", "Hauptinhalt", True),
    ("PAYWALL", "- -Aktualisiert am", True),
    ("EDITORIAL_NOTE", "Dieser Artikel ist zuerst bei Beispiel erschienen.", True),
    ("EDITORIAL_NOTE", "Sendung: Radio Beispiel, 24.04.2024, 15:10 Uhr", True),
    ("EDITORIAL_NOTE", "Gastbeiträge müssen nicht der Meinung der Redaktion entsprechen.", True),
    ("EDITORIAL_NOTE", "Dieser Artikel erklärt, wie die Wahl abläuft.", False),
    ("STAFF_CREDIT", "Redaktion: Anna Muster, Ben Beispiel", True),
    ("STAFF_CREDIT", "SENDER (Anna Muster, Ben Beispiel)", True),
    ("STAFF_CREDIT", "Redaktion: Die Zeitung hat sich entschuldigt.", False),
    ("PUNCT_RESIDUE", ". In: Zeitung,", True),
    ("PUNCT_RESIDUE", "„Zitat“ sagte sie.", False),
    ("PUNCT_RESIDUE", "... ging es weiter.", False),
    ("PAYWALL", "Anzeige", True),
    ("PAYWALL", "(Z+)", True),
    ("PAYWALL", "Link zum YouTube-Inhalt", True),
    ("PAYWALL", "Anzeigen wurden erstattet.", False),
    ("PAYWALL_MARK", "Ein Text (Z+)", True),
    ("PAYWALL_MARK", "Ein Text (€)", True),
    ("SIGNOFF", "Ihre KURIER-Redaktion", True),
    ("SIGNOFF", "Bis morgen!", True),
    ("SIGNOFF", "Herzliche Grüße", True),
    ("SIGNOFF", "Einen guten Start in den Tag!", True),
    ("SIGNOFF", "Schönes Wochenende!", True),
    ("SIGNOFF", "Bis morgen will die Regierung entscheiden, wie es weitergeht.", False),
    ("GREETING", "Guten Morgen,", True),
    ("GREETING", "Liebe Leserinnen und Leser,", True),
    ("GREETING", "Guten Morgen wünscht der Bürgermeister allen Gästen.", False),
    ("AGENCY_NOTE", "*mit dpa*", True),
    ("AGENCY_NOTE", "Mit Agenturmaterial.", True),
    ("AGENCY_NOTE", "Mit dpa sprach der Minister.", False),
    ("TEASER_ENTRY", "**Warnung:** Präsidentin schlägt bei Pflege Alarm", True),
    ("TEASER_ENTRY", "Krieg: Armee verliert einen ihrer Jets", True),
    ("TEASER_ENTRY", "Das Handy soll schneller sein.", False),
    ("ITEM_TAIL", "Ein Satz. Mehr dazu.", True),
    ("ITEM_TAIL", "Ein Satz. Zum Artikel", True),
    ("ITEM_TAIL", "Mehr dazu gibt es nicht", False),
    ("ITEM_TIME", "07:30 Uhr | Ein Titel", True),
    ("ITEM_TIME", "Um 7 Uhr kam er", False),
    ("TITLE_SITE_SUFFIX", "Ein Titel | Börsen-Zeitung", True),
    ("TITLE_SITE_SUFFIX", "Ein Titel", False),
    ("URL_LINE", "<https://example.org/a>", True),
    ("URL_LINE", "Siehe https://example.org/a", False),
    ("INLINE_URL", "Text <https://example.org/a>", True),
    ("SHOP", "Zum Angebot", True),
    ("SHOP", "Original-Preis", True),
    ("SHOP", "Original Händler-Preis:", True),
    ("SHOP", "Statt-Preis: 59,99 €", True),
    ("SHOP", "49,99 €", True),
    ("SHOP", "Ersparnis zum Listenpreis 15 %", True),
    ("SHOP", "Jetzt im Shop: Das Buch zur Serie", True),
    ("SHOP", "Die Ersparnisse der Haushalte wuchsen um 15 %.", False),
    ("SHOP", "Der Preis steigt auf 49,99 € im Monat.", False),
    ("SHOP", "Zum Angebot gehören auch Kurse für Senioren.", False),
    ("SHOP", "Im Onlineshop des Museums gibt es den Katalog.", False),
    (
        "SHOP",
        "Aktionspreise im Supermarkt sind oft Lockangebote, sagen Verbraucherschützer.",
        False,
    ),
    ("SHOP", "Zum Shop: " + "ein sehr langer Satz mit vielen Wörtern " * 2, False),
    ("APPEAL", "Unterstützen Sie unabhängigen Journalismus", True),
    ("APPEAL", "Ihre Spende hilft uns", True),
    ("APPEAL", "Jetzt spenden!", True),
    ("APPEAL", "Werden Sie Mitglied", True),
    ("APPEAL", "Jetzt Fördermitglied werden", True),
    ("APPEAL", "Spendenaktion des Vereins brachte 3000 Euro", False),
    (
        "APPEAL",
        "Spenden gingen im vergangenen Jahr um zehn Prozent zurück, teilte der Verband mit.",
        False,
    ),
    ("APPEAL", "Mit einer Spende von 5000 Euro unterstützt die Sparkasse den Kindergarten.", False),
    ("APPEAL", "Jetzt fördern Bund und Länder den Ausbau der Radwege.", False),
    ("APPEAL", "Ihre Spende hat 2024 geholfen, sagte die Tafel.", False),
    ("APPEAL", "Unterstützen Sie uns, forderte der Bürgermeister die Bürger auf.", False),
    ("NEWSLETTER_PROMO", "Die wichtigsten Nachrichten jeden Morgen direkt in Ihr Postfach", True),
    ("NEWSLETTER_PROMO", "Alle Neuigkeiten aus der Region kostenlos ins Postfach!", True),
    (
        "NEWSLETTER_PROMO",
        "Betrüger schicken täglich gefälschte Rechnungen in Ihr Postfach, warnt die Polizei.",
        False,
    ),
    ("NEWSLETTER_PROMO", "Betrüger schicken täglich gefälschte Rechnungen in Ihr Postfach.", False),
    ("CTA", "Jetzt unterstützen!", True),
    ("CTA", "Jetzt unterstützen auch die Grünen den Antrag der SPD.", False),
    ("APPEAL_BUTTON", "Machen Sie mit? Jetzt unterstützen", True),
    ("APPEAL_BUTTON", "Der Verein will die Schule jetzt unterstützen.", False),
    ("READER_ADDRESS", "Mit einem Beitrag sichern Sie, dass wir berichten.", True),
    ("READER_ADDRESS", "Bist du dabei?", True),
    ("READER_ADDRESS", "Sie sagte, der Rat tage am Montag.", False),
    ("READER_ADDRESS", "Der Preis stieg um einen Euro.", False),
    ("MOJIBAKE", "GÃ¤rten", True),
    ("MOJIBAKE", "â€žZitatâ€œ", True),
    ("MOJIBAKE", "Gärten „Zitat“", False),
    ("INVISIBLE", "Wort\u200b", True),
    ("INVISIBLE", "Wort", False),
    ("OPINION_TEASER", "Ist das nur ungerecht? Ein Kommentar. Immer auf die Alten.", True),
    ("OPINION_TEASER", "Den Geldbeutel füllen. Ein Kommentar Es gibt solche Spiele", True),
    ("OPINION_TEASER", "Willkürlich und überholt. Ein Gastbeitrag von Anna Muster.", True),
    ("OPINION_TEASER", "Kolumne: Warum wir wieder Briefe schreiben", True),
    ("OPINION_TEASER", "Der Kommentar des Ministers sorgte für Ärger.", False),
    ("OPINION_TEASER", "Der Minister wollte keinen Kommentar abgeben.", False),
    ("OPINION_TEASER", "Debatte um die Maskenpflicht geht weiter", False),
    ("BREAKING", "Eilmeldung: Der Kanzler tritt zurück", True),
    ("BREAKING", "+++ Eil +++ Erdbeben in der Türkei", True),
    ("BREAKING", "Breaking News: Einigung im Tarifstreit", True),
    ("BREAKING", "Eilig hat es niemand im Rathaus", False),
    ("BREAKING", "Der Eilantrag wurde abgelehnt", False),
]


@pytest.mark.parametrize(("name", "line", "expected"), CASES)
def test_rule(name: str, line: str, expected: bool) -> None:
    pattern = rule(name)
    assert isinstance(pattern, re.Pattern)
    assert bool(pattern.search(line)) is expected, f"{name} on {line!r}"


def test_every_pattern_has_a_case() -> None:
    named = {
        n for m in MODULES for n, v in vars(m).items()
        if isinstance(v, re.Pattern) and n.isupper() and not n.startswith("_")
    }  # fmt: skip
    assert named <= {name for name, _, _ in CASES}
    assert all(any(c[0] == n and c[2] for c in CASES) for n in named)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Foto: AFP", "credit"),
        ("© imago", "copyright"),
        ("APA/AFP/Adem Altan", "agency credit"),
        ("Mehr zum Thema", "related link"),
        ("[Der Autor ist Historiker in Neustadt.]", "bracketed note"),
        ("Abonniere den Newsletter", "call to action"),
        ("👉 Jetzt hier lesen", "emoji call to action"),
        ("Anzeige", "paywall"),
        ("Bis morgen!", "sign-off"),
        ("Mit Agenturmaterial.", "agency note"),
        ("Guten Morgen,", "greeting"),
        ("https://example.org", "link"),
        ("Die Regierung tagte am Montag.", None),
        ("Zum Angebot", "shop"),
        ("Jetzt Mitglied werden!", "appeal"),
        ("Die wichtigsten Nachrichten direkt in Ihr Postfach", "newsletter promotion"),
    ],
)
def test_boilerplate_names_the_rule(line: str, rule: str | None) -> None:
    assert boilerplate.boilerplate(line) == rule


# Ordinary news sentences that open like a widget: each stays story text.
NEWS_LIKE_WIDGETS = [
    "Spenden gingen im vergangenen Jahr um zehn Prozent zurück, teilte der Verband mit.",
    "Mit einer Spende von 5000 Euro unterstützt die Sparkasse den Kindergarten.",
    "Jetzt fördern Bund und Länder den Ausbau der Radwege.",
    "Jetzt unterstützen auch die Grünen den Antrag der SPD.",
    "Betrüger schicken täglich gefälschte Rechnungen in Ihr Postfach, warnt die Polizei.",
    "Zum Angebot gehören auch Kurse für Senioren.",
    "Im Onlineshop des Museums gibt es den Katalog.",
    "Aktionspreise im Supermarkt sind oft Lockangebote, sagen Verbraucherschützer.",
    "Ihre Spende hat 2024 geholfen, sagte die Tafel.",
    "Unterstützen Sie uns, forderte der Bürgermeister die Bürger auf.",
]


@pytest.mark.parametrize("line", NEWS_LIKE_WIDGETS)
def test_news_sentences_are_no_boilerplate(line: str) -> None:
    assert boilerplate.boilerplate(line) is None


def test_word_lists() -> None:
    assert "außenpolitik" in vocabulary.RESSORTS
    assert "die" in vocabulary.FUNCTION_WORDS
    assert "weitere" in vocabulary.NON_NAME_WORDS
    assert "zum" in vocabulary.CONTINUATION_WORDS and "um" not in vocabulary.CONTINUATION_WORDS
