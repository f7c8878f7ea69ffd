"""The patterns the parser reads German news structure with: sections, bullets, headers.

Each rule is a named regular expression with a comment saying what it catches;
``tests/test_parse_patterns.py`` holds a table of examples for each. Adding an outlet's
pattern means adding one alternative here and one row to that table. Patterns are matched
against single stripped lines unless their comment says otherwise. Word lists come from
``digest.text.vocabulary``, boilerplate lines from ``digest.parse.boilerplate``.
"""

from __future__ import annotations

import re

from digest.text.vocabulary import (
    ABBREVIATIONS,
    AGENCIES,
    DESK_MARKS,
    END_SECTIONS,
    MONTHS,
    alternation,
)

_I = re.IGNORECASE

# The heading of a short-item section ("WEITERE MELDUNGEN", "In Kürze:" ...): its
# bullets or numbered entries become ``Article.items``.
ITEM_SECTION = re.compile(
    r"^(?:weitere (?:wichtige )?(?:meldungen|themen|nachrichten)|das wichtigste(?: in kürze)?"
    r"|kurz gemeldet|kurzmeldungen|in (?:aller )?kürze|kurz und knapp|nachrichten in kürze"
    r"|was (?:(?:heute|sonst noch) )?wichtig (?:ist|war)|was (?:heute )?wichtig wird"
    r"|unsere themen(?: heute)?|die themen des tages|heute wichtig|meldungen des tages"
    r"|das müssen sie (?:heute )?wissen)\s*[:.!…]?$",
    _I,
)

# A heading after which the rest is not the story: FAQ and source lists.
END_SECTION = re.compile(rf"^{alternation(END_SECTIONS)}\s*:?$", _I)

# A bullet at the start of a line: dashes, bullets, arrows, or "1." / "1)".
BULLET = re.compile(r"^(?:[-–—•*·▪►‣◦]\s+|\d{1,2}[.)]\s+(?=\S))")

# Bullets inside one line, as some newsletters run their short items together: `` • ``.
INLINE_BULLET = re.compile(r"\s+[•·▪]\s+|\s+[•·▪]$")

# A bullet sign alone on its line; the item's text is on the next line.
LONE_BULLET = re.compile(r"^[-–—•*·▪►‣◦]$")

# A bare item number alone on its line ("1", "2."); the item's text is on the next line.
BARE_NUMBER = re.compile(r"^\d{1,2}[.)]?$")

# A Markdown heading as trafilatura or a .md file writes it.
MD_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")

# A headline glued to the text after it by a run of spaces: 3 to 25 words, then 2+ spaces,
# then text that opens like a sentence and goes on (a scrape that flattened the page).
GLUED_HEADLINE = re.compile(
    r"\s*((?:\S+ ){2,24}\S+) {2,}(?=[\"„“«»(\[]?(?:[^\W\d_a-zäöüß]|\d).{40})"
)

# A sentence boundary inside a line (used to refuse a heading and to cut a title): not
# after an abbreviation or an initial ("P. Tiko"), nor after an ordinal before a month.
SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])"
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ABBREVIATIONS)
    + r"(?<!\b[A-ZÄÖÜa-zäöü]\.)"
    + rf"(?!(?<=\d\.)\s+(?i:{alternation(frozenset(MONTHS))})\b)"
    + r"['\"“”«»]?\s+(?=[A-ZÄÖÜ„«\"])"
)

# A headline standing in German or Swiss quotation marks.
QUOTED_HEADLINE = re.compile(r"^(?:„[^“]+“|«[^»]+»|»[^«]+«|\"[^\"]+\")$")

# A kicker glued to a quoted headline: ``Iranischer Angriff auf Israel: «…»``.
GLUED_KICKER = re.compile(r"^(?P<kicker>[^:„“«»\"]{2,60}):\s+(?P<title>(?:„[^“]+“|«[^»]+»))$")

# A date line above or below the headline: ``03.12.2025 00:15``, ``Stand: …``,
# ``Versendet am 24.06.2022``, ``21.09.2021 | Rubrik Titel``, ``3. Dezember 2025, 10:15 Uhr``.
DATE_LINE = re.compile(
    r"^(?:(?:stand|aktualisiert(?: am)?|zuletzt aktualisiert|veröffentlicht(?: am)?|erstellt"
    r"|versendet am|datum|publiziert)\s*:?\s*)?(?:am\s+)?(?:[A-Za-zäÄ]+,?\s+)?"
    r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zäÄ]+)\s?\d{2,4}"
    r"(?:[,|\s]*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?(?:\s*\|.{0,80})?$",
    _I,
)

# A byline: ``Von Anna Meier und Jan Kurz``, ``Autorin: …``; the names become authors.
BYLINE = re.compile(
    r"^(?i:von|text|autor(?:in)?|autoren|aufgezeichnet von|protokoll)\s*:?\s+"
    r"(?P<names>[A-ZÄÖÜ][\w.'’-]*(?:\s+[A-ZÄÖÜ][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|und|&)\s*[A-ZÄÖÜ][\w.'’-]*(?:\s+[A-ZÄÖÜ][\w.'’-]*){0,3})*)$",
)

# Where a long first sentence may be cut into a title: after a clause (comma, dash, colon).
CLAUSE_BREAK = re.compile(r",\s|\s[–—-]\s|:\s")

# A dateline in bold with a full stop, as pages print it: ``**Rheinstadt.** Nach …``.
DATELINE_BOLD = re.compile(
    r"^\*\*(?P<place>[A-ZÄÖÜ][\w'’-]*(?:[ /][A-ZÄÖÜ][\w'’-]*){0,2})\.?\*\*\.?\s+(?=\S)"
)

# An all-capitals dateline with a colon: ``MADRID: ``.
DATELINE_CAPS = re.compile(r"^(?P<place>[A-ZÄÖÜ]{3,}(?:[/ -][A-ZÄÖÜ]{3,})*):\s+(?=\S)")

# A plain dateline with a full stop is taken only with an agency or author mark after it,
# ``Kassel. (dpa) Der …``, ``Bad Hersfeld. (red) Am …``: without one, ``Merkel. Die …``
# or ``Corona. Seit …`` opens the story with a topic word, not a place.
DATELINE_STOP = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]{2,}(?:[-/ ][A-ZÄÖÜ][a-zäöüß]+){0,2})\.\s*"
    rf"\({alternation(AGENCIES | DESK_MARKS)}\b[^)]{{0,20}}\)"
    r"\s*(?:[–—:-]\s*)?(?=[A-ZÄÖÜ„»«\"\d])"
)

# A drop cap split from the rest of its word in one line: ``N a endlich!``, ``D ie Stadt``.
# The rest is one or two lower-case letters and no word itself (not ``O du``, ``D er``,
# ``A kauft``): a capital before a word is a word of its own.
DROP_CAP = re.compile(
    r"^(?P<cap>[A-ZÄÖÜ]) (?!(?:ab|ah|am|an|au|da|du|eh|ei|er|es|hm|im|in|ja|je|na|nu|ob|oh|ok|so"
    r"|um|wo|zu)\b)(?P<rest>[a-zäöüß]{1,2})(?=[\s,.!?])"
)

# Quotation marks. ``„`` opens and ``“``/``”`` close (German); guillemets point either way
# (``»Zitat«`` in Germany, ``«Zitat»`` in Switzerland): the first one in a line opens.
QUOTE_MARK = re.compile(r"[„“”»«]")

# A newsletter's greeting on its own line: ``Guten Morgen,``, ``Liebe Leserinnen und Leser,``.
GREETING = re.compile(
    r"^(?:guten (?:morgen|tag|abend)|liebe leser\w*(?: und leser\w*)?|hallo|moin|servus"
    r"|grüezi|grüß gott)\b[^.!?]{0,40}[,!]?$",
    _I,
)

# An entry of a teaser list linking to other stories: ``**Warnung:** DRK-Präsidentin …``,
# ``Iran-Krieg: USA verlieren …`` (a kicker with a colon and a headline, no full stop).
TEASER_ENTRY = re.compile(r"^(?:\*\*)?[^:.!]{2,60}[:?][\"“”*]*\s+(?:\*\*)?\S[^.]*[^.:]$")

# The end of a short item that only links on: ``… Mehr dazu.``, ``… Zum Artikel``.
ITEM_TAIL = re.compile(r"\s*(?:Mehr dazu|Zum Artikel|Weiterlesen|Mehr lesen)\s*[.…»›→]*\s*$")

# A time heading a short item: ``07:30 Uhr | Titel``.
ITEM_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:Uhr)?\s*[|–-]\s*")

# A line holding only a link, as plain-text newsletters print them.
URL_LINE = re.compile(r"^(?:\[\d+\]\s*)?<?https?://\S+>?$")

# A mail address: the subscriber's in a letter's small print, the outlet's in its notices.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# A link inside a line, removed from the text: ``Text <https://…>``.
INLINE_URL = re.compile(r" ?<https?://[^>\s]+>")

# Paywall marks inside a line, removed from the text: ``(Z+)``, ``(€)``, ``(SZ Plus)``.
PAYWALL_MARK = re.compile(r" ?\((?:Z\+|€|S\+|M\+|T\+|F\+|SZ Plus)\)")
# ... and a label opening a headline or teaser, set in capitals or as a paywall mark:
# ``EXKLUSIV Verdi kritisiert …``, ``SZ Plus Das Silicon Valley …``.
LEAD_MARK = re.compile(r"(?m)^(?:EXKLUSIV|SZ Plus|Z\+|T\+|F\+)\s+(?=[A-ZÄÖÜ0-9„\"»])")
# A pointer to a picture or chart the page showed and the digest does not: "im Hamburger
# Michel (Foto)", "… wieder gestiegen (siehe Grafik)."
MEDIA_POINTER = re.compile(
    r" ?\((?:siehe |s\. )?(?:Foto|Fotos|Bild|Bilder|Archivbild|Archivfoto|Symbolbild|Grafik"
    r"|Karte|Video)(?: (?:oben|unten|links|rechts))?\)",
    re.IGNORECASE,
)

# A teaser's line announcing what the article tells, as an indirect question standing
# alone, its verb last: "Welche Fragen noch offen sind.", "Was Mieter jetzt tun müssen –
# ein Überblick." Not a direct question ("Wer hätte das gedacht.": its verb second), not
# "Was für ein Abend.", and not a comparison opening a main clause, whose verb comes
# before its pronoun ("Wie im Vorjahr bereiten sich …", "Wie viele andere hatte er …").
ANNOUNCING_QUESTION = re.compile(
    r"^(?:Was(?! für)|Wie|Warum|Weshalb|Wieso|Welche[rsnm]?|Wer|Wo|Wann|Woher|Wohin|Wozu"
    r"|Worum|Wofür|Womit|Ob)\s+"
    r"(?!(?:ist|sind|war|waren|hat|haben|hatte|hätte|wird|werden|würde|kann|können|könnte"
    r"|soll|sollte|muss|müssen|darf|gibt|geht|kommt|bleibt)\b)"
    # a verb before its pronoun; a conjunction or a question word before one starts a clause
    r"(?!\S+\s.*\b(?!(?:und|oder|aber|was|wie|wo|wer|wann|warum|ob|dass|weil|wenn|als|da)\b)"
    r"[a-zäöüß]+\s+(?:er|sie|es|man|sich)\b)"
    r"(?=(?:\S+\s+){3})(?:(?!\s[-–]\s)[^,;:?!„“\"]){3,120}?\s[a-zäöüß][\w()]*"
    r"(?:\s+[-–]\s+(?:und|oder|sowie|aber|ein|eine|einer|während|warum|was|wie|wo|wann|wer"
    r"|welche\w*|ob)\b[^.,;:?!]{2,60})?\.$"
)

# A paragraph set wholly in single emphasis, as a page marks a note on the author or the
# piece at its end: ``*Der Autor ist Historiker in Neustadt.*`` (not ``**bold**``).
CLOSING_NOTE = re.compile(r"^[*_](?![*_])[^*_]{20,}[*_]$")
