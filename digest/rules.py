"""Every pattern the parser uses to read German news text, in one place.

Each rule is a named regular expression or word list with a comment saying what it
catches; ``tests/test_rules.py`` holds a table of examples for each. Adding an
outlet's pattern means adding one alternative here and one row to that table.
Patterns are matched against single stripped lines unless their comment says otherwise.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short words a sentence can start with: never a place name in a dateline, never a kicker.
FUNCTION_WORDS = _words(
    "der die das den dem des ein eine einer eines einem und oder aber auch doch wie was wer "
    "wo wann warum nun so als ich wir sie er es man hier dort dann mit nach von für bei"
)

# Capitalised words that start short closing lines but are no names (never a signature).
NON_NAME_WORDS = _words(
    "weitere weiterer mehr alle neue neues unsere unser ihre ihr fazit hinweis kontakt "
    "impressum quelle quellen redaktion update korrektur anmerkung transparenzhinweis "
    "offenlegung info infos service termine bilder video videos galerie"
)

# Words a line cannot end with unless the sentence goes on on the next line (hard-wrapped
# text): articles, conjunctions, prepositions that are never separable verb particles.
CONTINUATION_WORDS = _words(
    "der die das den dem des ein eine einer eines einem und oder sowie aber dass ob weil "
    "wenn als wie am im zum zur vom beim bis für von seit ohne gegen laut trotz wegen"
)

# Names of newspaper sections (Ressorts) printed on a line of their own near the headline.
RESSORTS = _words(
    "politik außenpolitik innenpolitik ausland inland international welt deutschland "
    "österreich schweiz wirtschaft finanzen börse sport fußball kultur feuilleton panorama "
    "wissen wissenschaft gesundheit digital netzwelt technik meinung kommentar analyse "
    "leitartikel gesellschaft leben reise auto mobilität medien lokales region chronik "
    "regional stadt bildung karriere klima umwelt nachrichten news"
)

# --- structure --------------------------------------------------------------------------

# The heading of a short-item section ("WEITERE MELDUNGEN", "In Kürze:" ...): its
# bullets or numbered entries become ``Article.items``.
ITEM_SECTION = re.compile(
    r"^(?:weitere (?:wichtige )?(?:meldungen|themen|nachrichten)|das wichtigste(?: in kürze)?"
    r"|kurz gemeldet|kurzmeldungen|in (?:aller )?kürze|kurz und knapp|nachrichten in kürze"
    r"|was (?:heute|sonst noch) wichtig (?:ist|war)|was (?:heute )?wichtig wird"
    r"|unsere themen(?: heute)?|die themen des tages|heute wichtig|meldungen des tages"
    r"|das müssen sie (?:heute )?wissen)\s*[:.!…]?$",
    _I,
)

# A heading after which the rest is not the story: FAQ and source lists.
END_SECTION = re.compile(
    r"^(?:faq|häufig gestellte fragen|häufige fragen|fragen und antworten"
    r"|quellenangaben|quellen|quellenverzeichnis|verwendete quellen"
    r"|(?:über )?(?:die autorin|den autor|der autor|die autoren|die autorinnen))\s*:?$",
    _I,
)

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

# A line that ends like a sentence (full stop, colon, comma, ...), ignoring closing quotes.
SENTENCE_END = re.compile(r"[.:,;!…]['\"“”«»‘’)\]]*$")
# A headline glued to the text after it by a run of spaces: 3 to 25 words, then 2+ spaces,
# then text that opens like a sentence and goes on (a scrape that flattened the page).
GLUED_HEADLINE = re.compile(
    r"\s*((?:\S+ ){2,24}\S+) {2,}(?=[\"„“«»(\[]?(?:[^\W\d_a-zäöüß]|\d).{40})"
)

# Abbreviations a full stop does not end a sentence after (German newswire usage).
ABBREVIATIONS = (
    "Dr", "Nr", "z. B", "u. a", "bzw", "vgl", "ca", "Mio", "Mrd", "St", "ff", "Prof", "Abs",
    "Art", "bspw", "d. h", "etc", "evtl", "ggf", "inkl", "Jh", "Min", "Std", "v. a", "z. T",
)  # fmt: skip

_MONTHS = (
    "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember"
)

# A sentence boundary inside a line (used to refuse a heading and to cut a title): not
# after an abbreviation or an initial ("P. Tiko"), nor after an ordinal before a month.
SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])"
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in ABBREVIATIONS)
    + r"(?<!\b[A-ZÄÖÜa-zäöü]\.)"
    + rf"(?!(?<=\d\.)\s+(?i:{_MONTHS})\b)"
    + r"['\"“”«»]?\s+(?=[A-ZÄÖÜ„«\"])"
)

# A headline standing in German or Swiss quotation marks.
QUOTED_HEADLINE = re.compile(r"^(?:„[^“]+“|«[^»]+»|»[^«]+«|\"[^\"]+\")$")

# A kicker glued to a quoted headline: ``Iranischer Angriff auf Israel: «…»``.
GLUED_KICKER = re.compile(r"^(?P<kicker>[^:„“«»\"]{2,60}):\s+(?P<title>(?:„[^“]+“|«[^»]+»))$")

# A kicker as pages mark it up (matched on HTML near the ``<h1>``): an element whose
# class names it, ``<span class="article-kicker">Boxen</span>``.
KICKER_MARKUP = re.compile(
    r"<(?P<tag>\w+)[^>]*(?:class=\"[^\"]*|\sdata-[\w-]*)(?:kicker|topline|dachzeile|overline"
    r"|roofline|spitzmarke|supertitle)[^\"]*\"[^>]*>(?P<text>.{1,400}?)</(?P=tag)>",
    re.S | _I,
)

# The text a page shows right after its kicker element (matched on the markup that follows
# the kicker): the displayed headline, ``<span class="kicker">…</span> <h1>Titel</h1>``.
SHOWN_HEADLINE = re.compile(r"(?:\s|&nbsp;|<[!/a-z][^>]*>)*(?P<text>[^<>\s][^<>]{2,299})<", _I)

# What glues a kicker to the headline it precedes in a page's title: ``Kicker: Titel``,
# ``Kicker - Titel``, ``Kicker | Titel`` (matched inside a title).
KICKER_SEPARATOR = re.compile(r"(?::| [-–—|]) (?=\S)")

# A word of a page's URL path (the slug the article was filed under): ``/politik/ein-titel-123``.
SLUG_WORD = re.compile(r"[a-z0-9]+")

# An author link near the headline (matched on HTML): ``<a href="/autoren/name/…">Name</a>``.
AUTHOR_LINK = re.compile(
    r"<a\s[^>]*href=\"[^\"]*/(?:autor(?:en|in|innen)?|authors?|profil|people)/[^\"]*\"[^>]*>"
    r"\s*(?P<name>[^<>]{3,60}?)\s*</a>",
    _I,
)

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

# What separates author names in a byline: ``A, B und C``, ``A; B``, ``A & B``, ``A/B``.
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\bund\b|&|/)\s*")

# Initials an outlet puts after an author's name: ``Elena Oberholzer (obe)``.
AUTHOR_INITIALS = re.compile(r"\s*\([^)]{1,12}\)\s*$")

# The "von" that opens a byline inside a longer credit: ``Capital Von Anna Muster``.
BYLINE_VON = re.compile(r"\bvon\s+", _I)

# Where a long first sentence may be cut into a title: after a clause (comma, dash, colon).
CLAUSE_BREAK = re.compile(r",\s|\s[–—-]\s|:\s")

# A person's name as a byline shows it: ``Dr. Anna Muster``, ``Bill MCCARTHY``.
PERSON_NAME = re.compile(r"^(?:(?:Dr|Prof)\.\s)?[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,3}$")

# A signature: a bare name on the last line ("P. Tiko", "Anna Meier"); it is the author.
SIGNATURE = re.compile(
    r"^(?:[A-ZÄÖÜ]\.\s?){0,2}[A-ZÄÖÜ][a-zäöüßéè]+(?:-[A-ZÄÖÜ][a-zäöüßéè]+)?"
    r"(?:\s+(?:[A-ZÄÖÜ]\.|(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][a-zäöüßéè]+(?:-[A-ZÄÖÜ][a-zäöüßéè]+)?){0,2}$"
)

# A dateline opening the first paragraph: ``Washington/Moskau – ``, ``Berlin (dpa) - ``,
# ``Hamburg (dpa/lno) –``; group ``place`` is what goes to ``Article.dateline``.
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜ][\w.'’-]*){0,3}"
    r"(?:\s*\((?:dpa|afp|ap|reuters|kna|epd|apa|sda|dts|ddp|red|sid)[^)]{0,20}\))?)"
    r"\s*[–—-]\s+(?=[A-ZÄÖÜ„»«\"\d])"
)

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
    r"\((?:dpa|afp|ap|reuters|kna|epd|apa|sda|dts|ddp|red|sid|ots|pm)\b[^)]{0,20}\)"
    r"\s*(?:[–—:-]\s*)?(?=[A-ZÄÖÜ„»«\"\d])"
)

# A dateline set off in an element of its own at the start of the lead paragraph (matched
# at the first ``<p>`` after the ``<h1>``): ``<p><span class="x">Kassel.</span> Der …``;
# the reader marks it bold.
DATELINE_MARKUP = re.compile(
    r"(?P<open><p\b[^>]*>\s*)<(?P<tag>span|strong|b|em)\b[^>]*>\s*"
    r"(?P<place>[A-ZÄÖÜ][\w'’-]+(?:[ /][A-ZÄÖÜ][\w'’-]+){0,2}\.)\s*</(?P=tag)>(?:\s|&nbsp;|&#160;)*"
)

# Endings of abstract nouns, never of a place: a bold ``**Bilanz.** …`` or ``**Wirkung.**``
# opening a paragraph is a run-in heading, not a dateline.
NOT_PLACE_ENDING = re.compile(r"(?:ung|heit|keit|schaft|tion|ismus|tät|nis)$", _I)

# Words a bold lead-in uses that are never a place: run-in headings (``**Fazit.**``) and
# one-word sentences (``**Endlich.**``), so no dateline.
NOT_PLACES = _words(
    "fazit bilanz hintergrund analyse kommentar meinung update achtung hinweis info tipp "
    "übrigens außerdem endlich nein ja doch stopp schluss vorbei genau richtig falsch gut "
    "okay vorsicht danke bitte hallo also tja nun klar sicher immerhin trotzdem jetzt heute "
    "gestern morgen damals zunächst zuerst erstens zweitens drittens ende"
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

# --- boilerplate: whole lines that are never article text -------------------------------

# A photo credit on its own line: ``Foto: AFP``, ``(Bild: EPA/…)``, ``Bildrechte: MDR/…``.
CREDIT_LINE = re.compile(
    r"^\(?(?:fotos?|bild(?:er)?|bildquelle|bildrechte|grafik|illustration|video|copyright"
    r"|foto\s*&\s*video|quelle\s+(?:bild|foto))\s*:\s*[^\n]{2,120}\)?$",
    _I,
)

# A translation credit: ``Aus dem Englischen von Name``, ``Übersetzung: Name``.
TRANSLATION_NOTE = re.compile(
    r"^(?:aus dem [a-zäöü]+en (?:übersetzt )?von|übersetzung(?: aus dem [a-zäöü]+en)?(?: von|:))"
    r"\s*[^.]{2,80}\.?$",
    _I,
)

# A separator line: Markdown's ``---``, a mail's ``=====`` or ``_____``.
SEPARATOR = re.compile(r"^(?:[-*_=~#+]\s*){3,}$")

# An image in Markdown on its own line: ``![Alt-Text](bild.jpg)``.
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")

# A copyright-sign credit: ``© imago``, ``©dpa``.
COPYRIGHT_LINE = re.compile(r"^(?:copyright\s*)?(?:\(c\)|©)\s*\S.{0,300}$", _I)

# An agency credit such as ``APA/AFP/Adem Altan`` or ``picture alliance / dpa | Name``:
# a short line with a slash or bar naming a photo agency, and no sentence in it.
AGENCY_CREDIT = re.compile(
    r"^(?=[^.!?]{2,100}$)(?=.*[/|])(?=.*\b(?:dpa|afp|ap|reuters|epa|apa|imago|picture[ -]alliance"
    r"|getty(?: images)?|keystone|ddp|sputnik|shutterstock|istock|funke foto services"
    r"|kremlin pool|anadolu|xinhua|sipa|zuma|photothek)\b).+$",
    _I,
)

# A credit glued to the end of a caption: ``…Seite(Bild: EPA/…)``, ``…HelsinkiFoto: X / Reuters``;
# a line ending like this is a caption.
GLUED_CREDIT = re.compile(
    r"(?:\s?\((?i:bild|fotos?|grafik|quelle|video)\s*:[^)]{1,120}\)"
    r"|(?<=[a-zäöüß.)“\"])(?:Bild|Fotos?)\s*:\s*[^.]{2,100}"
    r"|(?<=[.!?“\"])\s(?:Bild|Fotos?)\s*:\s*[^.]{2,80})$"
)

# Related-content links: ``Mehr zum Thema…``, ``Auch interessant``, ``Lesen Sie auch``.
RELATED = re.compile(
    r"^(?:mehr zum thema|auch interessant(?!\s+(?:ist|war|sind|waren|dürfte))"
    r"|lesen sie (?:auch|hier|mehr)|zum artikel|mehr dazu(?:\s*[:.…»›→]|$)"
    r"|hier weiterlesen|weiterlesen|weitere artikel"
    r"|das könnte sie auch interessieren|empfehlungen der redaktion|passend zum thema"
    r"|zum thema:|weiterführende links|beliebt im preisvergleich|beiträge aus dem forum"
    # "Verfolgen Sie alle Entwicklungen in unserem Liveblog.": a pointer to another page
    r"|verfolgen sie [^.!?]{0,80}\b(?:im|in unserem|in unserer)"
    r" (?:live|news)-?(?:blog|ticker|stream)"
    r")",
    _I,
)

# An editor's note set wholly in square brackets between paragraphs: a teaser for another
# article, a newsletter or app pitch, a note on the author ("[Mehr zum Thema: …]",
# "[Wenn Sie alle aktuellen Entwicklungen … live auf Ihr Handy haben wollen, …]"). News
# text never stands in brackets; an update note does and stays ("[Update, 14 Uhr: …]").
BRACKET_NOTE = re.compile(r"^\[(?!\s*(?:update|aktualisier|nachtrag))[^\[\]]{8,}\]$", _I)

# Newsletter and social calls to action: ``Abonniere …``, ``Folge @… für …``.
CTA = re.compile(
    r"^(?:abonnier(?:e|en sie|t)\b|folgen? (?:sie )?(?:uns|@)|folge @|melden sie sich"
    r"|jetzt (?:anmelden|abonnieren|registrieren|kostenlos|testen|herunterladen)"
    r"|jetzt (?:unterstützen|spenden|mitmachen|kaufen|bestellen|sichern)\s*[!.:]?$"
    r"|hier (?:anmelden|abonnieren|geht es zu)|teilen$|merken$|drucken$|kommentare$"
    r"|(?:zum|unser) newsletter|newsletter(?:$|\s+abonnieren|-anmeldung))"
    r"|\bnewsletter\b.{0,80}\b(?:anmelden|abonnier\w*|bestellen|hier entlang)"
    r"|\b(?:news-?app|app)\b.{0,60}\b(?:android|ios)\b"
    r"|\b(?:social media|whatsapp-kanal)\b.{0,60}\b(?:whatsapp|instagram|facebook)\b"
    r"|\babonnier\w*\b.{0,60}\b(?:kanal|newsletter|podcast)\b|^folgst du (?:schon|uns)\b"
    r"|^ihre meinung (?:ist uns wichtig|interessiert uns)|^(?:schreiben|senden) sie uns\b"
    r"|\bteilen? (?:sie )?(?:deine|ihre|uns)\b.{0,60}\b(?:community|kommentar\w*)\b"
    r"|\bum (?-i:[A-ZÄÖÜ])[\w.-]* zu unterstützen\b",
    _I,
)

# A call to action led by an emoji: ``🔔 Folge …``, ``❤ … unterstützen``, ``👉 Hier …``.
EMOJI_CTA = re.compile(
    r"^[\u2600-\u27bf\u2b50\U0001f300-\U0001faff][\ufe0f\s]*.{0,300}"
    r"\b(?:folg\w*|abonn\w*|newsletter|jetzt|hier|podcast|kanal|app|unterstütz\w*|anmeld\w*)\b",
    _I,
)

# Paywall, ad and embed residue: ``Anzeige``, ``Link zum YouTube-Inhalt``, ``Artikel anhören``.
PAYWALL = re.compile(
    r"^(?:anzeige|werbung|sponsored|gesponserter inhalt|exklusiv für abonnenten"
    r"|dieser (?:artikel|beitrag) ist (?:nur )?(?:für|exklusiv)|jetzt weiterlesen|weiterlesen mit"
    r"|sie haben bereits ein abo|bereits abonnent|artikel anhören|vorlesen|zur startseite"
    r"|link zum [\w-]+-inhalt|externer inhalt|empfohlener (?:externer )?inhalt"
    r"|inhalte? von [\w.-]+ (?:anzeigen|laden)|video abspielen|\((?:z\+|€|\+|s\+|m\+)\)"
    r"|embed|hauptinhalt|zum inhalt springen|navigation|menü|[-–\s]*(?:aktualisiert|veröffentlicht)"
    r"(?: am)?)\s*:?$",
    _I,
)

# Notes about the piece rather than the story: first publication, broadcast, disclaimer.
EDITORIAL_NOTE = re.compile(
    r"^(?:dieser (?:artikel|beitrag|text) (?:ist|wurde) (?:zuerst|erstmals|ursprünglich)"
    r"|(?:dieses thema im programm|sendung)\s*:"
    r"|.{0,80}\b(?:entspricht|entsprechen) nicht (?:zwingend |unbedingt |immer )?der meinung"
    r"|.{0,80}\bmüssen nicht der meinung der redaktion)",
    _I,
)

# Staff credits: ``Redaktion: Name, Name``, ``Faktencheck: Name``, ``MDR (Name, Name)``.
STAFF_CREDIT = re.compile(
    r"^(?:(?i:redaktion|faktencheck|recherche|mitarbeit|gestaltung|lektorat|schlussredaktion"
    r"|produktion|kamera|schnitt|moderation|datenanalyse)\s*:\s*[A-ZÄÖÜ][^.!?]{2,150}"
    r"|[A-ZÄÖÜ]{2,}(?:[ -][A-ZÄÖÜ]{2,})*\s*\([^()]{2,80}\))$"
)

# A fragment left over from a citation box or widget: a line opening with punctuation
# (not an ellipsis: "... ging es weiter" continues a story).
PUNCT_RESIDUE = re.compile(r"^(?:[,;:)\]}]|\.(?!\.))")

# Paywall marks inside a line, removed from the text: ``(Z+)``, ``(€)``.
PAYWALL_MARK = re.compile(r" ?\((?:Z\+|€|S\+|M\+)\)")

# A newsletter's greeting on its own line: ``Guten Morgen,``, ``Liebe Leserinnen und Leser,``.
GREETING = re.compile(
    r"^(?:guten (?:morgen|tag|abend)|liebe leser\w*(?: und leser\w*)?|hallo|moin|servus"
    r"|grüezi|grüß gott)\b[^.!?]{0,40}[,!]?$",
    _I,
)

# A note that agencies contributed, closing a story: ``mit dpa``, ``Mit Agenturmaterial.``.
AGENCY_NOTE = re.compile(
    r"^[*_(]*(?:mit (?:material (?:von |der )?)?"
    r"(?:agenturmaterial|agenturen|dpa|afp|reuters|ap|kna|epd|sda)"
    r"(?:\s*(?:,|/|und)\s*\w+)*|quellen?: (?:dpa|afp|reuters|ap|agenturen)(?:\s*,\s*\w+)*)[.)*_]*$",
    _I,
)

# An entry of a teaser list linking to other stories: ``**Warnung:** DRK-Präsidentin …``,
# ``Iran-Krieg: USA verlieren …`` (a kicker with a colon and a headline, no full stop).
TEASER_ENTRY = re.compile(r"^(?:\*\*)?[^:.!]{2,60}[:?][\"“”*]*\s+(?:\*\*)?\S[^.]*[^.:]$")

# Sign-offs of a newsletter: ``Ihre KURIER-Redaktion``, ``Bis morgen!``.
SIGNOFF = re.compile(
    r"^(?:(?:ihre?|euer|eure|dein|deine)\s+.{0,40}?(?:redaktion|team|newsroom)\b.{0,20}"
    r"|bis morgen|bis zum nächsten mal|bis bald|schönen (?:tag|abend|sonntag|wochenende)"
    r"|(?:einen )?(?:guten|schönen) (?:start in den tag|tag|abend|sonntag|wochenende)"
    r"|(?:ein )?(?:schönes|gutes|erholsames) wochenende"
    r"|(?:viele|herzliche|beste|liebe) grüße)[\s!.,]*.{0,40}$",
    _I,
)

# The end of a short item that only links on: ``… Mehr dazu.``, ``… Zum Artikel``.
ITEM_TAIL = re.compile(r"\s*(?:Mehr dazu|Zum Artikel|Weiterlesen|Mehr lesen)\s*[.…»›→]*\s*$")

# A time heading a short item: ``07:30 Uhr | Titel``.
ITEM_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:Uhr)?\s*[|–-]\s*")

# A site name appended to a page title: ``Titel | Börsen-Zeitung``, ``Titel - DER SPIEGEL``.
TITLE_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?!.*\s[|–—-]\s).{2,40}$")

# A line holding only a link, as plain-text newsletters print them.
URL_LINE = re.compile(r"^(?:\[\d+\]\s*)?<?https?://\S+>?$")

# A link inside a line, removed from the text: ``Text <https://…>``.
INLINE_URL = re.compile(r" ?<https?://[^>\s]+>")

# Marks of UTF-8 read as cp1252 ("Ã¤" for "ä", "â€ž" for "„"): a double-encoded text.
MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u2013\u2014\u201e\u2020\u2021\u2026\u2030\u2039\u203a]|â€"
)

# Invisible characters that break matching: zero-width spaces, soft hyphens, BOMs.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# A widget line is short: at most 60 characters and 8 words (a news sentence is longer).
_WIDGET = r"^(?=.{1,60}$)(?!(?:\S+\s+){8}\S)"

# Shop and deal widgets, each the whole line: ``Zum Angebot``, ``Original-Preis``,
# ``59,99 €``, ``Ersparnis 15 %``, ``Jetzt im Shop: …``, ``Bei Händler ansehen``.
SHOP = re.compile(
    _WIDGET + r"(?:zum (?:angebot|shop|deal|produkt)"
    r"|(?:jetzt |hier )?(?:im|zum) (?:\w+-?)?shop(?::\s.+)?"
    r"|(?:original|uvp|statt|angebots?|aktions?|deal|listen)(?:[ -]\w+-)?-?preis"
    r"(?::?\s*\d{1,5}(?:[.,]\d{2})?\s?(?:€|euro))?"
    r"|ersparnis\b.{0,40}(?:%|€|euro)"
    r"|(?:bei|auf) [\w.-]{2,30} (?:ansehen|kaufen|bestellen)"
    r"|(?:ab |nur |jetzt )?\d{1,5}(?:[.,]\d{2})?\s?(?:€|euro)|€\s?\d{1,5}(?:[.,]\d{2})?)\s*[!.:]?$",
    _I,
)

# Donation appeals, each the whole line: ``Unterstützen Sie unabhängigen Journalismus``,
# ``Ihre Spende hilft``, ``Jetzt Mitglied werden``.
APPEAL = re.compile(
    _WIDGET + r"(?:unterstützen sie (?:uns|unsere arbeit|(?:\w+ )?(?:unabhängigen |freien )?"
    r"journalismus)|(?:jetzt |hier )?spenden|(?:ihre|deine) spende (?:hilft|zählt|wirkt)(?: \w+)?"
    r"|(?:werden sie|jetzt) (?:mitglied|unterstützer(?:in)?|förder(?:er|in|mitglied))(?: werden)?"
    r")\s*[!.:]?$",
    _I,
)

# Newsletter promotion, the whole line naming the news and the reader's mailbox: ``Die
# wichtigsten Nachrichten jeden Morgen direkt in Ihr Postfach``.
NEWSLETTER_PROMO = re.compile(
    r"^(?=.{1,100}$)[^.!?]{0,50}\b(?:nachrichten|news|newsletter|neuigkeiten|updates|briefing"
    r"|meldungen|themen)\b[^.!?]{0,50}\b(?:ins|in ihr|in dein|in ihren|in deinen) "
    r"(?:e-mail-|mail-)?(?:postfach|posteingang)\s*[!.:]?$",
    _I,
)

# The button that closes an appeal box run into its text: ``… Sind Sie dabei? Jetzt
# unterstützen`` (searched at the end of a paragraph). The button is stripped; the paragraph
# goes too only when it is an appeal itself (see ``READER_ADDRESS``).
APPEAL_BUTTON = re.compile(
    r"(?<=[.!?…“\"])\s+(?:Jetzt|Hier) (?:unterstützen|spenden|mitmachen|abonnieren|bestellen"
    r"|kaufen|testen|sichern|Mitglied werden)\s*[!.]?$"
)

# The reader addressed: a polite ``Sie``/``Ihr`` inside a sentence (``… sichern Sie, dass``),
# or ``du``/``dein``/``euch`` (case-sensitive; a ``Sie`` opening a sentence may be "they").
READER_ADDRESS = re.compile(
    r"(?<=[a-zäöüß,] )(?:Sie|Ihnen|Ihr|Ihre[mnrs]?)\b|\b(?:du|dich|dir|euch|dein|deine[mnrs]?"
    r"|euer|eure[mnrs]?)\b"
)

# Named boilerplate rules, checked in this order; the name says why a line was dropped.
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("credit", CREDIT_LINE),
    ("copyright", COPYRIGHT_LINE),
    ("image", MD_IMAGE),
    ("separator", SEPARATOR),
    ("translation credit", TRANSLATION_NOTE),
    ("agency credit", AGENCY_CREDIT),
    ("related link", RELATED),
    ("bracketed note", BRACKET_NOTE),
    ("call to action", CTA),
    ("emoji call to action", EMOJI_CTA),
    ("paywall", PAYWALL),
    ("shop", SHOP),
    ("appeal", APPEAL),
    ("newsletter promotion", NEWSLETTER_PROMO),
    ("editorial note", EDITORIAL_NOTE),
    ("staff credit", STAFF_CREDIT),
    ("residue", PUNCT_RESIDUE),
    ("sign-off", SIGNOFF),
    ("greeting", GREETING),
    ("agency note", AGENCY_NOTE),
    ("link", URL_LINE),
)


# Boilerplate and caption lines are short; longer lines are story text (and skipping
# them keeps parsing fast on long paragraphs).
MAX_BOILERPLATE_CHARS = 320


def boilerplate(line: str) -> str | None:
    """Return the name of the boilerplate rule ``line`` matches, or None."""
    if len(line) > MAX_BOILERPLATE_CHARS:
        return None
    for name, pattern in BOILERPLATE:
        if pattern.search(line):
            return name
    return None


def is_credit(line: str) -> bool:
    """Say whether ``line`` is a photo credit on its own line."""
    return len(line) <= MAX_BOILERPLATE_CHARS and any(
        p.search(line) for p in (CREDIT_LINE, COPYRIGHT_LINE, AGENCY_CREDIT)
    )
