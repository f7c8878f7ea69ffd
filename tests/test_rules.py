"""One row per pattern of ``digest.rules``: what it must catch and what it must leave alone."""

from __future__ import annotations

import re

import pytest

from digest import rules

# (rule name in digest.rules, line, should match)
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
    ("SENTENCE_END", "Er sagte das.", True),
    ("SENTENCE_END", "„Das ist so.“", True),
    ("SENTENCE_END", "Uschakow sagte wörtlich:", True),
    ("SENTENCE_END", "Ein kurzer Zwischentitel", False),
    ("SENTENCE_END", "Was heißt das für uns?", False),
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
    ("MOJIBAKE", "GÃ¤rten", True),
    ("MOJIBAKE", "â€žZitatâ€œ", True),
    ("MOJIBAKE", "Gärten „Zitat“", False),
    ("INVISIBLE", "Wort\u200b", True),
    ("INVISIBLE", "Wort", False),
]


@pytest.mark.parametrize(("name", "line", "expected"), CASES)
def test_rule(name: str, line: str, expected: bool) -> None:
    pattern = getattr(rules, name)
    assert isinstance(pattern, re.Pattern)
    assert bool(pattern.search(line)) is expected, f"{name} on {line!r}"


def test_every_pattern_has_a_case() -> None:
    named = {
        n for n, v in vars(rules).items() if isinstance(v, re.Pattern) and not n.startswith("_")
    }
    assert named <= {name for name, _, _ in CASES}
    assert all(any(c[0] == n and c[2] for c in CASES) for n in named)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Foto: AFP", "credit"),
        ("© imago", "copyright"),
        ("APA/AFP/Adem Altan", "agency credit"),
        ("Mehr zum Thema", "related link"),
        ("Abonniere den Newsletter", "call to action"),
        ("👉 Jetzt hier lesen", "emoji call to action"),
        ("Anzeige", "paywall"),
        ("Bis morgen!", "sign-off"),
        ("Mit Agenturmaterial.", "agency note"),
        ("Guten Morgen,", "greeting"),
        ("https://example.org", "link"),
        ("Die Regierung tagte am Montag.", None),
    ],
)
def test_boilerplate_names_the_rule(line: str, rule: str | None) -> None:
    assert rules.boilerplate(line) == rule


def test_word_lists() -> None:
    assert "außenpolitik" in rules.RESSORTS
    assert "die" in rules.FUNCTION_WORDS
    assert "weitere" in rules.NON_NAME_WORDS
    assert "zum" in rules.CONTINUATION_WORDS and "um" not in rules.CONTINUATION_WORDS
