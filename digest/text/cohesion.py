"""How a German sentence hangs on the one before it.

Extractive merging takes sentences out of their text; one that points back ("Damit sank
…"), names its person only by a pronoun or a description ("Der 24-Jährige"), or reports
speech without saying who speaks reads right only after its own sentence before. The
merger keeps such sentences next to their own (``digest.merge``); the newsletter splitter
keeps such a paragraph with the piece of news above it (``digest.parse.topics``).
"""

from __future__ import annotations

import re

from digest.text.vocabulary import SUBJUNCTIVE_WORDS, alternation

# Quotation marks and brackets a sentence may open with: the first word after them counts.
_OPENING_MARKS = "\"'„“”»«‚‘’( "
# "Diese Woche" points at the calendar, not at the sentence before.
_NOT_TIME = (
    r"(?!\s+(?:Woche|Wochen|Jahr|Jahres|Jahre|Jahren|Monat|Monats|Monate|Monaten|Tag|Tages|Tage"
    r"|Tagen|Wochenende|Wochenendes|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag"
    r"|Sonnabend|Sonntag|Morgen|Abend|Nacht|Sommer|Sommers|Winter|Winters|Frühjahr|Frühjahrs"
    r"|Frühling|Frühlings|Herbst|Herbstes|Saison|Jahrhundert|Jahrhunderts|Jahrzehnt"
    r"|Jahrzehnts|Schuljahr|Schuljahres|Semester|Semesters)\b)"
)
# Verbs that "Das", or "den"/"dem" after a preposition, is the pronoun subject or object of
# ("Das betrifft …", "Für den gilt …"); as an article it comes before a noun or an adjective.
_VERB = (
    r"(?:sei|ist|war|wäre|hat|habe|hatte|wird|würde|kann|könnte|soll|solle|muss|darf|bedeutet"
    r"|heißt|hieß|betrifft|betraf|zeigt|zeigte|gilt|galt|geht|ging|macht|machte|klingt|bringt"
    r"|brachte|führt|führte|liegt|lag|steht|stand|kommt|kam|bleibt|blieb|passt|reicht|hilft"
    r"|trifft|fällt|fiel|gibt|gab|ändert|kostet|dauert|stimmt|sorgt|sorgte|lässt|ließ|hängt"
    r"|entspricht|spricht|folgt|folgte|ergibt|ergab|scheint|wirkt|schafft|sieht|sah"
    r"|widersprach|widerspricht|schloss|schließt|stimmte"
    # "Das teilte die Polizei mit": an attribution of the sentence before.
    r"|teilte|teilt|sagte|sagt|erklärte|erklärt|berichtete|berichtet|meldete|meldet|bestätigte"
    r"|bestätigt|schrieb|schreibt|twitterte|betonte|verkündete|kündigte)"
)
_PREPOSITION = (
    r"(?:Für|Mit|Bei|Von|Zu|Nach|Gegen|Ohne|Um|Über|Auf|An|In|Aus|Vor|Hinter|Neben|Unter"
    r"|Zwischen|Trotz|Wegen|Außer|Seit)"
)
# Words and phrases opening a sentence that point at what was said before.
_POINTING = re.compile(
    rf"^(?:Dies(?:e[rsmn]?)?{_NOT_TIME}|Dort|Damit|Dabei|Daher|Deshalb|Allerdings|Dennoch"
    r"|Trotzdem|Dazu|Darin|Darauf|Darunter|Darüber|Daneben|Zuvor|Danach|Dadurch|Dahinter"
    r"|Doch|Dann|Beide|Deren|Dessen|Letztere[rsmn]?|Solche[rsmn]?|Daran|Davon|Daraus|Damals"
    r"|Dorthin|Hier|Bis dahin|Vorher|Anschließend)\b"
    rf"|^(?:Das|Dem) {_VERB}\b"
    rf"|^{_PREPOSITION} (?:ihm|ihn|ihnen|denen|(?:den|dem|der|das) {_VERB})\b"
)
# A demonstrative among the first words ("Nach dieser Logik …", "Sollte sich dies …").
# Not a paragraph's opening word: a newsletter's new piece may begin "Was ist diese
# Straße?", so only the merger, which moves single sentences, asks for it.
_MENTIONS = re.compile(rf"^(?:\S+\s+){{1,3}}dies(?:e[rsmn]?)?\b{_NOT_TIME}")
# "das" or "dies" as a pronoun among the first words: an article comes before a noun or
# an adjective, a pronoun before a particle or an adverb ("Vorher hatten das bereits andere
# EU-Länder getan", "Wer das nicht kann, …").
_PARTICLES = (
    r"(?:auch|bereits|schon|nicht|noch|nun|jetzt|so|ja|doch|wohl|gar|ebenfalls|längst|immer"
    r"|erst|allerdings|zuvor|selbst|etwa|kaum|nie|niemals|vorher|damals|genau|eben|offenbar"
    r"|vermutlich|wahrscheinlich|sicher|bislang|bisher|inzwischen|mittlerweile|zunächst"
    r"|künftig|weiterhin|ebenso|zwar|jedoch|dennoch|trotzdem|deshalb|daher|gestern|heute)"
)
_PRONOUN = re.compile(rf"^(?:\S+\s+){{0,3}}(?:das|dies)\s+{_PARTICLES}\b")
# A person named before: a pronoun opening the sentence or as the subject after the verb
# ("Nun ist er …", "Zudem rief sie …"), a description ("Der 24-Jährige", "Die
# SPD-Politikerin"), a quotation's second half ("…", sagt sie).
_PERSON = re.compile(
    r"^(?:Er|Sie|Es|Ihm|Ihn|Ihnen)\b"
    # A possessive opening names its owner before: "Ihr Sprecher Jonas Berger nannte …"
    r"|^(?:Sein|Seine[mnrs]?|Ihr|Ihre[mnrs]?|Deren|Dessen)\s+\w"
    r"|^(?:Der|Die) (?:\d+-[Jj]ährige|[A-ZÄÖÜ]\w*-(?:Politiker|Politikerin|Chef|Chefin))\b"
    r"|\b(?:der|die|dem|den|des) \d+-Jährige"  # "…, sagte der 48-Jährige"
    # Not after a comma: "Die Polizei erklärte, sie habe …" names its speaker first.
    # ... also after a longer opening phrase: "Gemeinsam mit den Vereinten Nationen hatte er …"
    r"|^(?:[^\s,]+ ){1,5}[^\s,]+ (?:er|sie|ihm|ihn|ihnen)\b"
    r"|\b(?:sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|fügte|äußerte|warnte"
    r"|warnt|schrieb|schreibt|ergänzte|ergänzt) (?:er|sie)\b|, so (?:er|sie)\b"
)
# Drawing a conclusion from, a contrast to or a likeness with the sentence before
# ("Demnach …", "Dagegen …", "Ähnlich …", "Die Gewerkschaft fordert deshalb …").
_DRAWS_ON = re.compile(
    r"^(?:Demnach|Somit|Dafür|Dagegen|Jedoch|Stattdessen|Deswegen|Darum|Hierzu|Hierbei"
    r"|Aber)\b"
    # ... or likening it to the sentence before: "Ähnlich argumentierte …", "Weiter hieß es"
    # (not "Ähnlich wie …", "Anders als …", which compare inside the sentence).
    r"|^(?:Ähnlich|Genauso|Gleichermaßen)\b(?!\s+wie\b)|^Anders\b(?!\s+als\b)|^Weiter\b"
    # ... among the first words, not after a comma: "Betroffen sind Familien, aber auch
    # Betriebe" contrasts inside the sentence.
    r"|^(?:\S+\s+){0,3}[^\s,]+\s+(?:deshalb|daher|deswegen|darum|dennoch|trotzdem|jedoch"
    r"|allerdings|demnach|somit|dagegen|stattdessen|aber)\b"
)
# Indirect speech (Konjunktiv I: "Jeder Tag früher helfe …") without a word naming who
# speaks goes on reporting the speaker of the sentence before.
_REPORTED_SPEECH = re.compile(rf"\b{alternation(SUBJUNCTIVE_WORDS)}\b")
_SPEAKER = re.compile(
    r"\b(?:sagte|sagt|sagten|erklärte|erklärt|betonte|meinte|teilte|berichtete|hieß|heißt"
    r"|zufolge|[Ll]aut|Angaben|Ansicht|Auffassung|schrieb|schreibt|warnte|forderte|fordert"
    r"|kritisierte|mitteilte|bestätigte|argumentierte|räumte|kündigte|ergänzte|fügte"
    r"|unterstrich|verwies|begründete|glaubt|glaubte|befürchtet|befürchtete|meldete)\b"
    r"|, so [A-ZÄÖÜ]"
)
_QUOTED = re.compile(r"[„“\"»«][^„“”\"»«]*[“”\"«»]")
# A sentence that is a quotation and nothing else ("„Wir müssen die Zahlen senken.“"): who
# says it was told in the sentence before.
_WHOLE_QUOTE = re.compile(r"^[„\"»«][^„“”\"»«]+[“”\"«»][.!?…]?$")
# Adding to what came before ("Auch …", "Die Stadt will zudem …"): reads fine anywhere
# after the fact it adds to, but cannot open a summary.
_ADDS = re.compile(
    r"^(?:Auch\b(?!\s+(?:wenn|falls|nachdem|ohne|weil|wo)\b)|(?:Zudem|Außerdem|Ebenfalls"
    r"|Ebenso)\b)"
    r"|^(?:\S+\s+){1,4}(?:zudem|außerdem|ebenfalls)\b"
)


def opening(text: str) -> str:
    """Return ``text`` without the quotation marks it opens with: a quotation's first word
    points back as much as a reported sentence's ("„Deshalb hätte ich …“")."""
    return text.lstrip(_OPENING_MARKS)


def points_back(text: str) -> bool:
    """Tell whether ``text`` opens on a word pointing back ("Damit …", "Das bedeutet …").

    A pronoun alone does not count here: a news lede often names its subject only after
    "Sie sprangen …:".
    """
    return _POINTING.search(opening(text)) is not None


def refers_back(text: str) -> bool:
    """Tell whether ``text`` reads right only right after its own sentence before."""
    start = opening(text)
    if any(p.search(start) for p in (_POINTING, _PERSON, _DRAWS_ON, _MENTIONS, _PRONOUN)):
        return True
    if _WHOLE_QUOTE.match(text.strip()):
        return True  # a quotation without its speaker
    told = _QUOTED.sub(" ", text)  # a quotation's own words are no reported speech
    return _REPORTED_SPEECH.search(told) is not None and _SPEAKER.search(told) is None


def adds_to(text: str) -> bool:
    """Tell whether ``text`` adds to a fact told before it ("Auch …", "… zudem …")."""
    return _ADDS.search(opening(text)) is not None


# Saying that a side has not confirmed or commented ("Von den USA gab es zunächst keine
# Bestätigung") answers the claim told right before it; after any other sentence it seems
# to deny that one.
_UNCONFIRMED = re.compile(
    r"\b(?:kein(?:e|en)?|nicht)\b[^.;:]{0,40}\b(?:Bestätigung|Stellungnahme|Reaktion"
    r"|Kommentar)\b|\b(?:Bestätigung|Stellungnahme|Reaktion)\b[^.;:]{0,40}\bnicht\b"
    r"|\bnicht (?:offiziell )?bestätigt\b"
)
# Attributing a claim to a side: what such a sentence answers.
_ATTRIBUTED = re.compile(
    r"\b(?:[Ll]aut|zufolge|Angaben|berichte\w*|meldete\w*|teilte\w*|mitteilte\w*"
    r"|sagte\w*|erklärte\w*|verlautete|hieß es)\b"
)


def unconfirmed(text: str) -> bool:
    """Tell whether ``text`` says a side has not confirmed or commented on something."""
    return _UNCONFIRMED.search(text) is not None


def attributed(text: str) -> bool:
    """Tell whether ``text`` attributes what it tells to someone ("laut Kreml", "sagte")."""
    return _ATTRIBUTED.search(text) is not None
