"""Boilerplate: whole lines that are never article text, each rule named for the reason.

Credits, calls to action, paywall and shop widgets, appeals, sign-offs; each rule is a
named regular expression with a comment saying what it catches (examples in
``tests/test_parse_patterns.py``). Patterns match single stripped lines.
"""

from __future__ import annotations

import re

from digest.parse.patterns import GREETING, URL_LINE
from digest.text.vocabulary import AGENCIES, LINK_LABEL_WORDS, PHOTO_AGENCIES, alternation

_I = re.IGNORECASE

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
    rf"^(?=[^.!?]{{2,100}}$)(?=.*[/|])(?=.*\b{alternation(PHOTO_AGENCIES)}\b).+$",
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
    r"|lesen sie (?:auch|hier|mehr)|(?:sehen|hören) sie hier|zum artikel"
    r"|mehr dazu(?:\s*[:.…»›→]|$)"
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
BRACKET_NOTE = re.compile(
    r"^(?:[\w-]+:\s*)?\[(?!\s*(?:update|aktualisier|nachtrag))[^\[\]]{8,}\]$", _I
)  # a one-word label may stand before it ("Morgenlage: [… Zur Anmeldung geht es hier.]")

# Newsletter and social calls to action: ``Abonniere …``, ``Folge @… für …``.
CTA = re.compile(
    r"^(?:abonnier(?:e|en sie|t)\b|folgen? (?:sie )?(?:uns|@)|folge @|melden sie sich"
    r"|jetzt (?:anmelden|abonnieren|registrieren|kostenlos|testen|herunterladen)"
    r"|jetzt (?:unterstützen|spenden|mitmachen|kaufen|bestellen|sichern)\s*[!.:]?$"
    r"|hier (?:anmelden|abonnieren|geht es zu)|teilen$|merken$|drucken$|kommentare$"
    r"|(?:zum|unser) newsletter|newsletter(?:$|\s+abonnieren|-anmeldung)"
    r"|folgst du (?:schon|uns)\b"
    r"|ihre meinung (?:ist uns wichtig|interessiert uns)|(?:schreiben|senden) sie uns\b"
    r"|(?:wollen|möchten) sie uns (?:ihre meinung|etwas) (?:sagen|mitteilen|schreiben)"
    # "Zur Anmeldung geht es hier.", "Hier geht es zur Registrierung": a link's pointer
    r"|(?:zur |die )?(?:kostenlosen )?(?:anmeldung|registrierung|bestellung)\b.{0,40}\bhier\b)",
    _I,
)


class Guarded:
    """A pattern searched only in lines holding one of its ``words`` (in lower case).

    A phrase that may stand anywhere in a line is tried at every position of it; on the
    tens of thousands of lines of a night that cost seconds, a substring test almost none.
    """

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.words = words

    def search(self, line: str) -> re.Match[str] | None:
        """Search ``line`` if it holds one of the words the pattern needs."""
        low = line.lower()
        return self.pattern.search(line) if any(w in low for w in self.words) else None


# The same call anywhere in a line, each alternative needing one of the guard's words.
CTA_INSIDE = Guarded(
    re.compile(
        r"\bnewsletter\b.{0,80}\b(?:anmelden|abonnier\w*|bestellen|hier entlang)"
        r"|\b(?:news-?app|app)\b.{0,60}\b(?:android|ios)\b"
        r"|\b(?:social media|whatsapp-kanal)\b.{0,60}\b(?:whatsapp|instagram|facebook)\b"
        r"|\babonnier\w*\b.{0,60}\b(?:kanal|newsletter|podcast)\b"
        r"|\bteilen? (?:sie )?(?:deine|ihre|uns)\b.{0,60}\b(?:community|kommentar\w*)\b"
        r"|\bum (?-i:[A-ZÄÖÜ])[\w.-]* zu unterstützen\b",
        _I,
    ),
    ("newsletter", "android", "ios", "social media", "whatsapp", "abonnier", "community",
     "kommentar", "unterstützen"),
)

# A short sentence pointing the reader at a link: it addresses them ("Sie", "Ihnen" after
# its first word), says "hier" and tells them to read, find, see or follow something there
# ("Wie das ablaufen soll, lesen Sie hier.", "Sehen Sie die Landung hier live."). A
# question is an interviewer's ("Setzen Sie auch hier darauf, dass …?") and stays, and so
# does a paragraph of several sentences (its news; the pointer is cut as an edge sentence).
LINK_POINTER = Guarded(
    re.compile(
        r"^(?=[^\n]{0,160}$)(?!.*\?\W*$)(?!.*[.!?]\s+[A-ZÄÖÜ„\"])(?=.*\b[Hh]ier\b)"
        r"(?=.*(?<=\S )(?:Sie|Ihnen)\b)"
        r"(?=.*\b(?i:lesen|nachlesen|nachzulesen|finden|sehen|ansehen|anschauen|erfahren"
        r"|verfolgen|hören|abrufen)\b)"
    ),
    ("hier",),
)

# A sentence pointing at a text elsewhere by its fronted object: "Warum das nicht stimmt,
# lesen Sie im Kommentar.", "Was die Beschlüsse bedeuten, erfahren Sie in unserem
# Überblick." After a comma come the verb, "Sie" and only where to read it (hier, in, im,
# auf, with a subscription …). What it announces is not in the digest, so the sentence
# goes however long its clause; "…, sehen Sie vielleicht einmal im Leben" has no place
# after the verb, and a quotation ("„…, finden Sie in keinem Buch“, sagte er") is news.
READ_POINTER = Guarded(
    re.compile(
        r"^(?!.*[.!?]\s+[A-ZÄÖÜ])(?!.*[„“”\"»«])"  # one sentence, nobody quoted
        r"[^\n]*,\s*(?:lesen|nachlesen|erfahren|finden)\s+Sie\s+"
        r"(?:(?:hier|im|in|auf|bei|unter|weiter|ab|ausführlich)\b"
        r"|mit [^\n.!?,]{0,30}(?:Plus\b|\+|-?Abo\b|Abonnement\b))"
        r"[^\n.!?]{0,80}[.!]?\)?\s*$"
    ),
    ("lesen sie", "erfahren sie", "finden sie"),
)

# A mail's service text about the mail itself, addressed to the reader: how to unsubscribe
# or change it, that it was sent automatically, not to reply, why it came. Matched on a
# line's start, after at most one word as a label ("Abbestellen. Klicken Sie auf den
# folgenden Link, wenn Sie den Newsletter nicht mehr erhalten wollen:").
MAIL_SERVICE = re.compile(
    r"^(?:[\w-]+[.:]\s+)?(?:"
    r"(?:bitte )?(?:klicken|klicke) (?:sie |du )?(?:hier|auf (?:den|diesen|folgenden)\b)"
    r"|bitte antworten sie nicht|antworten sie bitte nicht"
    r"|(?:diese|die) (?:e-mail|nachricht|mail) wurde automatisch"
    r"|sie erhalten diese (?:e-mail|nachricht|mail|information)"
    r"|(?:sie|du) (?:können|kannst) (?:ihr|dein|ihre|deine) (?:newsletter-?)?(?:abonnement|abo"
    r"|e-mail-einstellungen|einstellungen)"
    r"|um (?:ihre|deine) e-mail[- ]einstellungen"
    r"|wenn (?:sie|du) (?:den|diesen|unseren|keinen) newsletter (?:nicht mehr )?"
    r"(?:erhalten|empfangen|abbestellen)"
    r"|(?:\S+ )?(?:zu )?(?:ihrem|deinem) adress(?:en)?buch"
    r")",
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

# Agency copy run unedited: ``Das Ortsblatt hat diese Meldung redaktionell nicht bearbeitet.``
# (a literal, searched fast anywhere in a short line).
AGENCY_COPY = re.compile(r"redaktionell nicht bearbeitet")

# Staff credits: ``Redaktion: Name, Name``, ``Faktencheck: Name``, ``MDR (Name, Name)``.
STAFF_CREDIT = re.compile(
    r"^(?:(?i:redaktion|faktencheck|recherche|mitarbeit|gestaltung|lektorat|schlussredaktion"
    r"|produktion|kamera|schnitt|moderation|datenanalyse)\s*:\s*[A-ZÄÖÜ][^.!?]{2,150}"
    r"|[A-ZÄÖÜ]{2,}(?:[ -][A-ZÄÖÜ]{2,})*\s*\([^()]{2,80}\))$"
)

# A fragment left over from a citation box or widget: a line opening with punctuation
# (not an ellipsis: "... ging es weiter" continues a story).
PUNCT_RESIDUE = re.compile(r"^(?:[,;:)\]}]|\.(?!\.))")

# Sign-offs of a newsletter: ``Ihre KURIER-Redaktion``, ``Bis morgen!``.
SIGNOFF = re.compile(
    r"^(?:(?:ihre?|euer|eure|dein|deine)\s+.{0,40}?(?:redaktion|team|newsroom)\b.{0,20}"
    r"|bis morgen|bis zum nächsten mal|bis bald|schönen (?:tag|abend|sonntag|wochenende)"
    r"|(?:einen )?(?:guten|schönen) (?:start in den tag|tag|abend|sonntag|wochenende)"
    r"|(?:ein )?(?:schönes|gutes|erholsames) wochenende"
    r"|(?:viele|herzliche|beste|liebe) grüße)[\s!.,]*.{0,40}$",
    _I,
)

# A note that agencies contributed, closing a story: ``mit dpa``, ``Mit Agenturmaterial.``,
# or the agency's tag alone after the last sentence: ``… festgenommen. (dpa)``,
# ``(AFP, dpa)``, ``(dpa/lno)``. The story already names its outlet; mid-text, the tag is
# noise (a dateline's ``Berlin (dpa) -`` is a sentence's start and stays).
AGENCY_NOTE = re.compile(
    r"^[*_(]*(?:mit (?:material (?:von |der )?)?"
    rf"(?:agenturmaterial|agenturen|{alternation(AGENCIES)})"
    r"(?:\s*(?:,|/|und)\s*\w+)*"
    rf"|quellen?: (?:{alternation(AGENCIES)}|agenturen)(?:\s*,\s*\w+)*"
    rf"|\((?:{alternation(AGENCIES)})(?:\s*[,/]\s*[\w-]{{2,12}}){{0,3}}\))[.)*_]*$",
    _I,
)

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

# The words of a link label that name the pointing on to the full text.
_POINTING = r"\b(?:mehr|weiterlesen|lesen|artikel|meldung|beitrag|ansehen|anhören)\b"

# A pointing word (searched in a line's last characters before LINK_LABEL is tried there).
LABEL_WORD = re.compile(_POINTING, _I)

# A link's label that only points on to the full text, the whole line: ``mehr``, ``Meldung
# bei www.x.de lesen``, ``Zum Artikel »``, ``Weiterlesen``. Every word is a label word or a
# web address, one of them a pointing word; up to eight words. (The first lookahead fails
# most lines at their first word, before the costlier checks.)
LINK_LABEL = re.compile(
    rf"^(?=(?:{alternation(LINK_LABEL_WORDS)}\b|(?:https?://)?[\w-]+\.))(?=.{{1,120}}$)"
    rf"(?=.*{_POINTING})"
    rf"(?:(?:{alternation(LINK_LABEL_WORDS)}|(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?)"
    r"(?:\s+|(?=\s*[»›→.…:]*$))){1,8}[»›→.…:]*$",
    _I,
)

# Where a link label may be run into the end of a paragraph: after its last sentence end
# (``… erforschen. mehr Meldung bei www.x.de lesen``); the rest is checked with LINK_LABEL.
LABEL_AFTER = re.compile(r"[.!?…][\"“”»«)]*\s+(?=\S[^!?…]{0,78}$)")

# Named boilerplate rules, checked in this order; the name says why a line was dropped.
BOILERPLATE: tuple[tuple[str, re.Pattern[str] | Guarded], ...] = (
    ("credit", CREDIT_LINE),
    ("copyright", COPYRIGHT_LINE),
    ("image", MD_IMAGE),
    ("separator", SEPARATOR),
    ("translation credit", TRANSLATION_NOTE),
    ("agency credit", AGENCY_CREDIT),
    ("related link", RELATED),
    ("bracketed note", BRACKET_NOTE),
    ("call to action", CTA),
    ("call to action", CTA_INSIDE),
    ("link pointer", LINK_POINTER),
    ("reading pointer", READ_POINTER),
    ("mail service", MAIL_SERVICE),
    ("emoji call to action", EMOJI_CTA),
    ("paywall", PAYWALL),
    ("shop", SHOP),
    ("appeal", APPEAL),
    ("newsletter promotion", NEWSLETTER_PROMO),
    ("editorial note", EDITORIAL_NOTE),
    ("agency copy note", AGENCY_COPY),
    ("staff credit", STAFF_CREDIT),
    ("residue", PUNCT_RESIDUE),
    ("sign-off", SIGNOFF),
    ("greeting", GREETING),
    ("agency note", AGENCY_NOTE),
    ("link", URL_LINE),
    ("link label", LINK_LABEL),
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
