"""Every German word list the project reads text with, each defined once.

The parser, the sentence splitter, the features and the merge all import from here, so a
word added to a list (an abbreviation, an agency, a ressort) takes effect everywhere.
Lists are lower-case; patterns built from them live next to their users.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short words a sentence can start with: never a place name in a dateline, never a kicker.
FUNCTION_WORDS = _words(
    "der die das den dem des ein eine einer eines einem und oder aber auch doch wie was wer "
    "wo wann warum nun so als ich wir sie er es man hier dort dann mit nach von für bei"
)

# Words a line cannot end with unless the sentence goes on on the next line (hard-wrapped
# text): articles, conjunctions, prepositions that are never separable verb particles.
CONTINUATION_WORDS = _words(
    "der die das den dem des ein eine einer eines einem und oder sowie aber dass ob weil "
    "wenn als wie am im zum zur vom beim bis für von seit ohne gegen laut trotz wegen"
)

# Capitalised words that start short closing lines but are no names (never a signature).
NON_NAME_WORDS = _words(
    "weitere weiterer mehr alle neue neues unsere unser ihre ihr fazit hinweis kontakt "
    "impressum quelle quellen redaktion update korrektur anmerkung transparenzhinweis "
    "offenlegung info infos service termine bilder video videos galerie"
)

# Names of newspaper sections (Ressorts) printed on a line of their own near the headline.
RESSORTS = _words(
    "politik außenpolitik innenpolitik ausland inland international welt deutschland "
    "österreich schweiz wirtschaft finanzen börse sport fußball kultur feuilleton panorama "
    "wissen wissenschaft gesundheit digital netzwelt technik meinung kommentar analyse "
    "leitartikel gesellschaft leben reise auto mobilität medien lokales region chronik "
    "regional stadt bildung karriere klima umwelt nachrichten news"
)

# Ressort words (URL folders, ressort lines, kickers, feed categories) that file a story into
# each of the built-in sections (``digest.rank.sections``), most weighty first.
SECTION_WORDS = {
    "politics": _words(
        "politik innenpolitik außenpolitik inland ausland international internationales welt "
        "deutschland europa eu usa nahost asien afrika amerika bundestag wahl wahlen"
    ),
    "business": _words(
        "wirtschaft finanzen geld börse unternehmen konjunktur arbeit karriere beruf job jobs "
        "verbraucher immobilien energie handel märkte business economy"
    ),
    "science": _words(
        "wissen wissenschaft forschung gesundheit medizin klima umwelt natur digital netzwelt "
        "technik tech technologie internet computer"
    ),
    "culture": _words(
        "kultur feuilleton film kino musik literatur bücher buch theater kunst medien fernsehen "
        "tv serien bühne"
    ),
    "sports": _words(
        "sport fußball bundesliga tennis formel1 formel-1 wintersport olympia handball "
        "basketball eishockey"
    ),
    "regional": _words(
        "region regional regionales regionen lokal lokales stadt landkreis bezirk bezirke "
        "bayern berlin hamburg bremen hessen sachsen thüringen brandenburg niedersachsen nrw "
        "nordrhein-westfalen baden-württemberg rheinland-pfalz saarland schleswig-holstein "
        "mecklenburg-vorpommern sachsen-anhalt münchen köln frankfurt stuttgart düsseldorf "
        "leipzig dresden hannover nürnberg wien zürich bern basel graz linz salzburg innsbruck"
    ),
    "panorama": _words(
        "panorama vermischtes gesellschaft zeitgeschehen leben reise chronik wetter leute stars "
        "promis boulevard lifestyle stil mode essen genuss familie bildung schule auto mobilität"
    ),
}

# Names of opinion formats: a kicker, ressort line, URL folder or teaser ("Ein Kommentar.")
# naming one marks a piece as opinion, shown apart from the news.
OPINION_WORDS = _words(
    "meinung meinungen kommentar kommentare gastkommentar kolumne kolumnen leitartikel "
    "gastbeitrag essay glosse standpunkt debatte leserbriefe leserbrief pro-contra"
)

# A writer speaking as themself, and weighing rather than reporting: a piece's marks
# outside quotes (``dedup.genre``).
FIRST_PERSON_WORDS = _words("ich wir uns unser unsere unseren unserem mir mich mein meine")
MODAL_WORDS = _words(
    "muss müssen müsste müssten sollte sollten darf dürfen dürfte wäre wären hätte hätten "
    "könnte könnten"
)

# Words that mark breaking news at the start of a headline, kicker or lead ("Eilmeldung:").
BREAKING_WORDS = _words("eilmeldung eil breaking")

# Words a bold lead-in uses that are never a place: run-in headings (``**Fazit.**``) and
# one-word sentences (``**Endlich.**``), so no dateline.
NOT_PLACES = _words(
    "fazit bilanz hintergrund analyse kommentar meinung update achtung hinweis info tipp "
    "übrigens außerdem endlich nein ja doch stopp schluss vorbei genau richtig falsch gut "
    "okay vorsicht danke bitte hallo also tja nun klar sicher immerhin trotzdem jetzt heute "
    "gestern morgen damals zunächst zuerst erstens zweitens drittens ende"
)

# Abbreviations a full stop does not end a sentence after (German newswire usage), as
# written; ``ABBREVIATION_KEYS`` holds them lower-cased without dots and spaces ("zb").
ABBREVIATIONS = (
    "Dr", "Nr", "z. B", "u. a", "bzw", "vgl", "ca", "Mio", "Mrd", "St", "ff", "Prof", "Abs",
    "Art", "bspw", "d. h", "etc", "evtl", "ggf", "inkl", "Jh", "Min", "Std", "v. a", "z. T",
)  # fmt: skip
ABBREVIATION_KEYS = frozenset(a.replace(". ", "").lower() for a in ABBREVIATIONS) - {
    "art", "min", "std"  # nouns too ("auf diese Art."): the splitter would miss a sentence end
} | _words(
    """
    abt allg anm bd bzgl chr dt ebd fr frl hr hrsg insb jhd jr kap max mind mr mrs obb sog
    str tel usw vs uu oä zzgl nchr vchr udgl
    jan feb febr mär apr jun jul aug sep sept okt nov dez
    """
)

# Month names, German and Austrian ("Jänner"), with their numbers.
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS = _words("jan feb mär apr jun jul aug sep sept okt nov dez")

# Nouns that follow ordinals ("der 3. Oktober", "zum 2. Mal"): no sentence ends there.
ORDINAL_NOUNS = _words(
    "mal jahrhundert jahrestag liga platz runde stock klasse etappe lesung sitzung"
    " minute spieltag halbzeit spiel saison bundesliga tag woche kalenderwoche quartal"
    " halbjahr lebensjahr geburtstag todestag advent welle dosis impfung weltkrieg"
    " wahlgang durchgang instanz senat kammer strafkammer etage auflage staffel folge"
)

# Words that carry no content for similarity and stems.
STOPWORDS = _words(
    """
    aber alle allem allen aller alles als also am an ander andere anderen anderer anderes
    auch auf aus bei beim bereits bin bis bisher bist da dabei dadurch dafür dagegen daher
    damit dann darauf darin darum darüber das dass dem den denen denn der deren des dessen
    deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem
    einen einer eines einige einigen einmal er es etwa euch euer für gab gegen geht gewesen
    gibt hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem
    ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann kein
    keine keinem keinen keiner können könne könnte laut man mehr mein mit muss müssen nach
    nachdem neben nicht nichts noch nun nur ob oder ohne rund schon sehr sei seien sein seine
    seinem seinen seiner seit selbst sich sie sind so solche soll sollen sollte sondern sowie
    über um und uns unser unter viel vom von vor wann war waren warum was weil weiter weitere
    welche wem wen wenn wer werde werden wie wieder will wir wird wo wurde wurden während zu
    zum zur zwar zwischen zudem bereits heute gestern morgen sagte sagt erklärte hieß demnach
    mehrere worden wäre wären würde würden habe hätte hätten dies diesen jahr jahren prozent
    """
)

# News agencies and press offices whose tag any report can carry ("(dpa)", "(ots)").
AGENCIES = _words("dpa afp ap reuters kna epd apa sda dts ddp sid afx ots pol")
# Marks an outlet sets after a dateline besides an agency: its own desk, a press release.
DESK_MARKS = _words("red pm")
# Photo agencies and picture desks named in credits ("APA/AFP/Adem Altan").
PHOTO_AGENCIES = (
    "dpa", "afp", "ap", "reuters", "epa", "apa", "imago", "picture[ -]alliance",
    "getty(?: images)?", "keystone", "ddp", "sputnik", "shutterstock", "istock",
    "funke foto services", "kremlin pool", "anadolu", "xinhua", "sipa", "zuma", "photothek",
)  # fmt: skip

# Words that name a photo or its credit ("Foto:", "Bildquelle:").
PHOTO_WORDS = r"(?:fotos?|bild(?:er)?|bildquelle)"
CREDIT_WORDS = r"(?:fotos?|bild(?:er)?|bildquelle|grafik|quelle)"

# Headings after which the rest is not the story: FAQ, source lists, author notes, a mail's
# imprint.
END_SECTIONS = (
    "faq", "häufig gestellte fragen", "häufige fragen", "fragen und antworten",
    "quellenangaben", "quellen", "quellenverzeichnis", "verwendete quellen", "impressum",
    "(?:über )?(?:die autorin|den autor|der autor|die autoren|die autorinnen)",
)  # fmt: skip

# Headings of related-content boxes: what follows links to other stories.
RELATED_HEADINGS = (
    "mehr zum thema", "auch interessant", "das könnte sie auch interessieren", "lesen sie auch",
)  # fmt: skip

# Labels of links to the rest of a story at the end of a teaser ("… mehr", "Weiterlesen »"):
# the web's wording, German and English, not one site's. Besides these, a short label
# ending in "lesen" counts ("Meldung bei tagesschau.de lesen").
READ_MORE_LABELS = (
    "weiter", "weiterlesen", "weiter lesen", "hier weiterlesen", "hier weiter lesen", "mehr",
    "mehr lesen", "mehr erfahren", "mehr dazu", "zum artikel", "zum beitrag", "zum text",
    "ganzen artikel", "ganzer artikel", "vollständigen artikel", "vollständiger artikel",
    "ganzen beitrag", "vollständigen beitrag", "read more", "continue reading", "more",
)  # fmt: skip

# Words of a link's label that only points on to the full text: ``… mehr``, ``Meldung bei
# www.x.de lesen``, ``Zum Artikel``, ``Weiterlesen``.
LINK_LABEL_WORDS = _words(
    "mehr weiter weiterlesen lesen ansehen anschauen anhören hören zum zur artikel beitrag "
    "meldung bericht text video audio podcast interview story bei auf unter im hier ganzen "
    "vollständigen kompletten den die das dazu infos"
)

# Verbs and phrases of attribution: a sentence with one reports who said or did what.
SPEECH_VERBS = (
    "sagte", "sagt", "sagten", "erklärte", "erklärt", "betonte", "betont", "meinte", "meint",
    "teilte", "berichtete", "hieß", "heißt", "schrieb", "schreibt", "warnte", "warnt",
    "forderte", "fordert", "kritisierte", "mitteilte", "bestätigte", "argumentierte", "räumte",
    "kündigte", "ergänzte", "ergänzt", "fügte", "unterstrich", "verwies", "begründete",
    "glaubt", "glaubte", "befürchtet", "befürchtete", "meldete", "äußerte",
    "erläuterte", "erläutert", "mahnte", "mahnt", "bezeichnete", "bezeichnet", "schätzt",
    "schätzte", "sprach", "spricht", "nannte", "nennt", "betonten", "erklärten", "wies",
    "weist", "appellierte", "versicherte", "bekräftigte", "verkündete", "teilten",
)  # fmt: skip
# Indirect speech, Konjunktiv I ("Die Lage sei ernst", "es gebe Ausbrüche"): a report tells
# what its sources said in these forms, sentence after sentence.
SUBJUNCTIVE_WORDS = (
    "sei", "seien", "habe", "könne", "müsse", "werde", "wolle", "solle", "dürfe", "gebe",
    "helfe", "gehe", "komme", "stehe", "liege", "bleibe", "wisse", "brauche",
)  # fmt: skip


def alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    """Return ``words`` as one regular-expression group, longest first (so none is cut)."""
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


# Words of a page's class, id and aria-label attributes (split at ``-``, ``_`` and camel
# case, lower-cased) that name a block which is not the article, by what it is. A word
# alone removes nothing: the block must also have the shape of its kind (short, mostly
# links, a form) and never hold the headline (``readers.pagetree``).
MARKUP_WORDS: dict[str, frozenset[str]] = {
    # promotions and calls to action: newsletter and subscription boxes, ads
    "promo": _words(
        "promo promotion promoted cta newsletter newsletters subscribe subscription signup "
        "abo abonnement abonnieren anmeldung paywall upsell ad ads advert advertisement "
        "anzeige anzeigen werbung sponsor sponsored marketing commerce shop donation spenden"
    ),
    # lists and cards linking to other stories
    "teaser": _words(
        "teaser teasers related recommend recommended recommendation recommendations "
        "empfehlung empfehlungen readmore weiterlesen popular meistgelesen trending outbrain "
        "taboola carousel slider linklist morelinks further"
    ),
    # notes about the author or the piece
    "bio": _words(
        "bio biography authorbox autorenbox autorbox about disclaimer transparency "
        "transparenzhinweis editorialnote"
    ),
    # consent walls and placeholders of embedded content
    "consent": _words(
        "consent cmp cookie cookies privacy datenschutz optin placeholder embed embeds "
        "embedded oembed iframe twoclick zweiklick"
    ),
    # photo captions, whole (a credit alone stays: the parser reads the caption above it)
    "caption": _words("caption captions figcaption bildunterschrift bildtext imagedescription"),
    # header and footer residue: sharing, breadcrumbs, reading time, tags
    "meta": _words(
        "share sharing social breadcrumb breadcrumbs toolbar readingtime lesedauer lesezeit "
        "tags keywords print bookmark"
    ),
    # interactive widgets: polls, quizzes, comments
    "widget": _words("poll polls umfrage voting quiz survey comments kommentare forum rating"),
}

# Number words and their values: "fünf Stunden" and "fünfstündig" tell the same figure,
# "das sechste Treffen" and "sechsmal" too; "erstmals" is the first time.
_NUMBERS = (
    ("null", ""), ("eins", "erst"), ("zwei", "zweit"), ("drei", "dritt"), ("vier", "viert"),
    ("fünf", "fünft"), ("sechs", "sechst"), ("sieben", "siebt"), ("acht", "acht"),
    ("neun", "neunt"), ("zehn", "zehnt"), ("elf", "elft"), ("zwölf", "zwölft"),
)  # fmt: skip
# ("ein", "eine" are articles far more often than numbers: left out.)
NUMBER_WORDS = {
    word: value
    for value, (cardinal, ordinal) in enumerate(_NUMBERS)
    for word in (
        cardinal, f"{cardinal}mal",
        *((f"{ordinal}{ending}" for ending in ("e", "en", "er", "es", "em")) if ordinal else ()),
    )
} | {"erstmals": 1, "erstmalig": 1}
# Counted compounds: "fünfstündig", "dreitägig", "zweijährige" hold their number word.
NUMBER_COMPOUNDS = ("stündig", "tägig", "wöchig", "monatig", "jährig", "fach", "köpfig")
# Nouns of a person's role: a name right after one ("Kreml-Berater Juri Uschakow") or in an
# apposition with one ("Uschakow, der Berater Putins") is introduced. Matched as the end of
# a word, so compounds count ("Sondergesandten", "Außenminister", "Chef-Verhandler").
ROLE_NOUNS = (
    "berater", "beraterin", "sprecher", "sprecherin", "präsident", "präsidentin", "gesandte",
    "gesandten", "gesandter", "verhandler", "unterhändler", "minister", "ministerin",
    "kanzler", "kanzlerin", "chef", "chefin", "leiter", "leiterin", "vorsitzende",
    "vorsitzender", "vorsitzenden", "direktor", "direktorin", "bürgermeister",
    "bürgermeisterin", "sekretär", "sekretärin", "abgeordnete", "abgeordneter", "politiker",
    "politikerin", "experte", "expertin", "diktator", "schwiegersohn", "sohn", "tochter",
    "anwalt", "anwältin", "richter", "richterin", "trainer", "trainerin", "kommissar",
    "kommissarin", "botschafter", "botschafterin", "regierungschef", "senator", "senatorin",
    "gouverneur", "premier", "premierminister", "könig", "königin", "papst", "bischof",
    "oberbürgermeister", "landrat", "landrätin", "staatssekretär", "vize", "gründer",
    "gründerin", "manager", "managerin", "autor", "autorin", "aktivist", "aktivistin",
)  # fmt: skip
