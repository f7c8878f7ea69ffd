"""Labels of newsletter furniture, each matched against a whole block (not a line).

A label takes its block along (``digest.parse.footer``): the footer's "Impressum" its
address lines, "Anzeige" the ad's headline and text, a sign-off the signature below it.
Each rule is a named regular expression with a comment; ``tests/test_parse_patterns.py``
holds examples of what each catches and a news sentence each leaves alone.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
# A mail that may have been forwarded: "Weitergeleitet bekommen? Hier abonnieren."
_FORWARDED = r"weitergeleitet bekommen|(?:wurde|hat) (?:dir|ihnen|euch) .{0,40}weitergeleitet"
# Unsubscribing, as a label ("Abmelden", "Newsletter abbestellen:") or said of the mail:
# not the verbs of news ("ihre Kinder vom Unterricht abmelden", "das Finale austragen").
_UNSUBSCRIBE = (
    r"(?:^|[|·•]\s*)(?:abmelden|abbestellen|austragen)\b"
    r"|\b(?:abmelden|abbestellen|austragen)\s*[:|»›→]"
    r"|\b(?:newsletter|e-mails?|mails?|nachrichten|verteiler|liste|hier|link|jederzeit)\W+"
    r"(?:[\w-]+\W+){0,4}?(?:abmelden|abbestellen|austragen)\b"
)
# A label opening the footer's legal blocks: ``Impressum``, ``Herausgeber:``, ``© 2026 …``.
FOOTER = re.compile(
    r"^(?:impressum|herausgeber\b|verantwortlich\b|v\.\s?i\.\s?s\.\s?d\.\s?p|geschäftsführ"
    r"|sitz der gesellschaft|handelsregister|registergericht|amtsgericht|ust-?id|umsatzsteuer-id"
    r"|datenschutz|kontakt\b|rechtliche hinweise|agb\b|haftungsausschluss|disclaimer"
    r"|copyright|©|\(c\) ?\d{4})",
    _I,
)
# Service lines anywhere in a block: unsubscribe, settings, "Im Browser ansehen", "Sie erhalten
# diesen Newsletter, weil …", registration data, "Klicken Sie hier".
SERVICE = re.compile(
    r"sie erhalten diese[nr]? (?:e-mail|newsletter|nachricht|mail)|du erhältst diese"
    rf"|{_UNSUBSCRIBE}|{_FORWARDED}|\babbestellung\b|newsletter-abonnement"
    r"|abonnement (?:verwalten|ändern|kündigen)|e-mail[- ]einstellung"
    r"|einstellungen (?:zu )?verwalten"
    r"|daten ändern|profil (?:bearbeiten|ändern)|wurde automatisch erstellt"
    r"|bitte antworten sie nicht|an folgende adresse versandt|mit folgenden daten registriert"
    r"|adress(?:en)?buch|sicherer absender|im browser (?:ansehen|lesen|öffnen|anzeigen)"
    r"|newsletter im browser|online-version|webversion|web-version"
    r"|nicht (?:korrekt|richtig) angezeigt"
    r"|darstellungsprobleme|klicke hier|klicken sie (?:hier|auf den folgenden link)|hier klicken",
    _I,
)
# The subscriber's own data: "Sie sind mit folgenden Daten registriert: E-Mail: …", "Ihre
# E-Mail-Adresse: …", "Diese E-Mail wurde an … verschickt"; any address in it is theirs.
REGISTERED = re.compile(
    r"(?:sie sind|du bist|sie haben sich|du hast dich) .{0,60}"
    r"(?:registriert|eingetragen|angemeldet)"
    r"|(?:ihre|deine) (?:e-mail-?adresse|e-mail|daten|kundennummer)"
    r"|(?:wurde|wird) an .{0,80}(?:gesendet|verschickt|versandt|geschickt)|an folgende adresse",
    _I,
)
# What only a mail to a subscriber says: why it came, how to stop it.
SUBSCRIBED = re.compile(
    r"(?:sie erhalten|du erhältst) diese[nr]? (?:e-mail|newsletter|nachricht|mail)"
    rf"|{_UNSUBSCRIBE}|newsletter-abonnement|im browser (?:ansehen|lesen)"
    rf"|{_FORWARDED}"
    r"|newsletter im browser|nicht (?:korrekt|richtig) angezeigt",
    _I,
)
# A label opening an ad: ``Anzeige``, ``Reklame``, ``Sponsored by``, ``Präsentiert von``.
AD = re.compile(
    r"^(?:anzeige|reklame|werbung|sponsored(?: by)?|gesponsert(?: von)?|präsentiert von"
    r"|partnerangebot|partner-angebot|in kooperation mit|advertorial|promotion)\b",
    _I,
)
_PLATFORMS = r"\b(?:facebook|twitter|instagram|linkedin|youtube|tiktok|mastodon|threads|xing)\b"
# Share and follow lines: ``Teilen: …``, ``Folgen Sie uns``, ``Facebook · Twitter``.
SOCIAL = re.compile(r"^(?:teilen|share|folg(?:en sie|e|t) uns|follow us)\b", _I)
# ... and a short line of network names ("Facebook · Instagram · LinkedIn").
SOCIAL_LINKS = re.compile(rf"{_PLATFORMS}.{{0,40}}{_PLATFORMS}", _I)
# A line about the piece, not news: a reading time ("6 Min. Lesezeit"), a source credit
# standing alone ("Quelle: Landblatt").
META = re.compile(
    r"\b\d+\s*min(?:\.|uten)?\s*(?:lesezeit|lesedauer|zum lesen)\b|\blese(?:zeit|dauer)\s*:?\s*\d"
    r"|^(?:quelle|via)\s*:\s*[^.!?]{2,60}$",
    _I,
)
# A mail template's placeholder left unfilled: ``{TITLE}``, ``*|FNAME|*``, ``%%name%%``.
PLACEHOLDER = re.compile(r"\{[A-Z_]{2,}\}|\*\|[A-Z_]+\|\*|%%[\w]+%%|\[\[[A-Z_]+\]\]")
# The newsletter promoting itself: "Diesen Newsletter weiterempfehlen", "… hat Ihnen gefallen?".
SELF_PROMO = re.compile(
    r"newsletter.{0,60}(?:abonnier|registrier|anmeld|weiterempfehl|empfehlen|gefallen)"
    r"|(?:abonnier|registrier|anmeld|empfehl)\w*.{0,60}newsletter",
    _I,
)
# A box of the outlet's most read or most recommended texts, or of readers' discussions, as a
# heading: ``Meistgelesen``, ``3 aus 24 - Meistempfohlen heute``, ``SZ-Leser diskutieren``.
# Its entries point to other articles: they are no news of this issue.
POPULAR = re.compile(
    r"^(?:\d+ aus \d+\s*[-–:]\s*)?(?:meist(?:gelesen|empfohlen|kommentiert|geteilt|geklickt)"
    r"|am meisten (?:gelesen|empfohlen|kommentiert)|die beliebtesten (?:artikel|beiträge|texte)"
    r"|(?:[\w-]+-)?leser(?:innen)? diskutieren|leserdiskussion)\b",
    _I,
)
# A short imperative addressing the reader: "Probieren Sie … aus!", "Jetzt testen!".
CALL = re.compile(r"^(?:jetzt \w+|[A-ZÄÖÜ]\w+(?:en|e) (?:Sie|du)\b)[^.?]{0,80}!$", _I)
# A greeting opening the letter, with the addressee in ``who``: ``Guten Morgen, Anna Beispiel,``,
# ``Sehr geehrte(r) Herr Schüle,``, ``Grüezi Herr Muster``.
_HELLO = (
    r"^(?P<hello>guten (?:morgen|tag|abend)|hallo|hi|moin|servus|grüezi|grüß gott"
    r"|liebe[rs]?|sehr geehrte[rs]?(?:\(r\))?)\b"
)
# The addressee, after at most one comma ("Guten Morgen, liebe Leser,"): no sentence ends
# inside ("Liebe kommt selten allein. Oft …" is no greeting), a dot only within a word
# ("Dr.", "e.V.").
_WHO = r"(?:,\s*)?(?:[^!?.,\n]|\.(?=\S)|(?<=Dr)\.|(?<=Prof)\.){0,60}?"
SALUTATION = re.compile(rf"{_HELLO}(?P<who>{_WHO})\s*(?P<end>[,!])(?=\s|$)", _I)
# ... the same as a whole first line of a block; a short one may drop the comma, as Swiss
# and Austrian letters do ("Grüezi Herr Muster", "Hallo zusammen").
SALUTATION_LINE = re.compile(
    rf"{_HELLO}(?:(?P<who>{_WHO})\s*(?P<end>[,!])$"
    r"|(?<!liebe)(?<!lieber)(?<!liebes)(?P<bare>(?:\s+(?-i:[A-ZÄÖÜ][\w.()-]*)"
    r"|\s+(?:zusammen|miteinander|mitenand|allerseits)){0,4})$)",
    _I,
)
# A sign-off; the signature below it goes with it: ``Viele Grüße``, ``Ihr Stadtbote-Team``.
CLOSING = re.compile(
    r"^(?:(?:mit )?(?:viele|herzliche|beste|liebe|freundliche|sonnige)n? grüß"
    r"|es grüß(?:t|en)|(?:ihr|ihre|euer|eure|dein|deine)\s+(?:[\w.]+[- ])?(?:team|redaktion)\b"
    r"|bis (?:morgen|bald|zum nächsten mal|nächste woche)|wir wünschen (?:ihnen|dir|euch)"
    r"|(?:einen )?(?:schönen|guten) (?:tag|abend|start|sonntag|wochenende))",
    _I,
)
# A closing thanks near the end: "Vielen Dank, dass du dabei bist!".
THANKS = re.compile(r"(?:vielen dank|danke),? (?:dass|für)[^.!?]{0,60}[.!]$", _I)
# A link label ending a real line, cut off (the line stays): ``… » mehr info``, ``… Zum Artikel``.
LINK_TAIL = re.compile(
    r"(?:(?<=[.!?…“\"])\s+|\s*[»›→]\s*)(?:[»›→>]\s*)?"
    r"(?:mehr(?: info| infos| erfahren| lesen| dazu)?|weiter(?:lesen)?|hier weiterlesen"
    r"|zum (?:artikel|test|beitrag|video|interview|dossier|angebot)"
    r"|zur \w+(?: \w+)?|jetzt lesen|artikel lesen|lesen sie (?:hier|mehr|weiter)|hier klicken)"
    r"\s*[.…»›→:]*$",  # a colon: the label's URL was on the line and went
    _I,
)
