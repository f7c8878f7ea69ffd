"""German sentences and stems: a splitter that knows abbreviations, ordinals and quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-cased, dots and spaces removed: "z. B." -> "zb". Why a list: a full stop after these
# does not end a German sentence (see ../shared/docs/german-news-text.md).
_ABBREVIATIONS = _set(
    """
    abs abt allg anm bd bspw bzgl bzw ca chr dr dt ebd etc evtl ff fr frl ggf hr hrsg
    inkl insb jh jhd jr kap max mio mind mrd mr mrs nr obb prof sog st str tel
    usw vgl vs zb ua dh uu va oä zt zzgl nchr vchr udgl
    jan feb febr mär apr jun jul aug sep sept okt nov dez
    """
)
_MONTHS = _set(
    "januar jänner februar märz april mai juni juli august september oktober november dezember"
    " jan feb mär apr jun jul aug sep sept okt nov dez"
)
# Nouns that follow ordinals ("der 3. Oktober", "zum 2. Mal"): no sentence ends there.
_ORDINAL_NOUNS = _set(
    "mal jahrhundert jahrestag liga platz runde stock klasse etappe lesung sitzung"
    " minute spieltag halbzeit spiel saison bundesliga tag woche kalenderwoche quartal"
    " halbjahr lebensjahr geburtstag todestag advent welle dosis impfung weltkrieg"
    " wahlgang durchgang instanz senat kammer strafkammer etage auflage staffel folge"
)
# A German sentence starts with a capital, a digit or an opening quote or bracket.
_CANDIDATE = re.compile(r"[.!?…]+[\"“”»«’')\]]*(?=\s+[\"„“«»(\[]?[^\W\d_a-zäöüß]|\s+\d)")
_LAST_WORD = re.compile(r"([^\W_]+)$")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+")

_STOPWORDS = _set(
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


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def split_sentences(text: str) -> list[str]:
    """Split German ``text`` into sentences; line breaks always end a sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        sentences.extend(_split_line(line.strip()))
    return [s for s in sentences if s]


def _split_line(line: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(line):
        end = match.end()
        if _quote_depth(line[start:end]) > 0 or _no_boundary(line, match.start()):
            continue
        out.append(line[start:end].strip())
        start = end
    out.append(line[start:].strip())
    return out


_CLOSER = {"„": "“", "«": "»", "»": "«", "“": "”", "‚": "‘", '"': '"'}
_QUOTE_MARK = re.compile('[„«»“‚"]')


def _quote_depth(text: str) -> int:
    """Count quotes still open at the end of ``text`` („…“, «…», »…«, "…")."""
    if len(text) >= 600 or not _QUOTE_MARK.search(text):  # most sentences quote no one
        return 0
    expected: list[str] = []
    for char in text:
        if expected and char == expected[-1]:
            expected.pop()
        elif char == "”" and expected:
            expected.pop()  # „…” is a common typo for „…“
        elif char in _CLOSER:
            expected.append(_CLOSER[char])
    # An unbalanced quote must not swallow the rest of a long paragraph (hence the 600 above).
    return len(expected)


def _no_boundary(line: str, dot: int) -> bool:
    """Tell whether the full stop at ``dot`` belongs to an abbreviation, initial or ordinal."""
    if line[dot] != ".":
        return False
    # Windows around the dot: slicing the whole line here would make splitting quadratic.
    last = _LAST_WORD.search(line[max(0, dot - 40) : dot])
    if last is None:
        return False
    word = last.group(1)
    if len(word) == 1 and word.isalpha():
        return True  # an initial ("P. Tiko") or part of "z. B."
    if word.lower() in _ABBREVIATIONS:
        return True
    if word.isdigit():
        following = re.match(r"\s+([^\W_]+)", line[dot + 1 : dot + 60])
        nxt = following.group(1) if following else ""
        return nxt.lower() in _MONTHS or nxt.lower() in _ORDINAL_NOUNS or nxt.islower()
    return False


def words(text: str) -> list[str]:
    """Return the words of ``text`` (hyphenated compounds kept whole)."""
    return _WORD.findall(text)


def stems(text: str) -> list[str]:
    """Return the Snowball German stems of the content words of ``text``, in order."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    kept = [t for t in tokens if t not in _STOPWORDS and (len(t) > 2 or t.isdigit())]
    return list(_stemmer().stemWords(kept))


def stem_words(tokens: list[str]) -> list[str]:
    """Stem already lower-cased ``tokens``."""
    return list(_stemmer().stemWords(tokens))


def is_stopword(token: str) -> bool:
    """Tell whether the lower-cased ``token`` carries no content."""
    return token in _STOPWORDS


# Paragraphs after these headings are not the story (FAQ, source lists, related links).
_STOP_BLOCK = re.compile(
    r"^(?:#+\s*)?(faq|quellenangaben|quellen|mehr zum thema|auch interessant|das könnte sie"
    r" auch interessieren|lesen sie auch)\b",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"\((?:bild|foto)\s*:|\bfoto:|bildrechte|©|\bfolge @|abonnier|newsletter|zum artikel"
    r"|mehr dazu|hier weiterlesen|wir halten sie auf dem laufenden"
)  # matched on lower-cased text: twice as fast as IGNORECASE
_ASIDE = re.compile(r"\s*\((?:siehe|s\.) (?:unten|oben|video|grafik|karte)\)", re.IGNORECASE)
_FINAL = re.compile(r"[.!?…][\"“”»«')\]]*$")
_DATELINE = re.compile(
    r"^[A-ZÄÖÜ][\w.]+(?:[ /][A-ZÄÖÜ][\w.]+){0,2}(?:\s*\([^)]{1,30}\))?\s*[–—-]\s+(?=[A-ZÄÖÜ„«»\"])"
)


def body_paragraphs(body: str) -> list[str]:
    """Return the running-text paragraphs of a Markdown body: no headings, captions, CTAs."""
    return list(iter_body_paragraphs(body))


def iter_body_paragraphs(body: str) -> Iterator[str]:
    """Yield the running-text paragraphs of ``body`` one by one (see ``body_paragraphs``).

    A caller that needs only the first few paragraphs of a long article stops early.
    """
    seen: set[str] = set()
    last: str | None = None  # held back: a quote paragraph after it may still join it
    for block in body.split("\n\n"):
        block = _ASIDE.sub("", block.strip())
        if _STOP_BLOCK.match(block):
            break
        if block.startswith(("#", "- ", "* ")) or block in seen or _NOISE.search(block.lower()):
            continue
        if last is not None and last.endswith(":") and block[:1] in '„«»"':
            seen.discard(last)
            last = f"{last} {block}"  # "Er sagte wörtlich:" + the quote
            seen.add(last)
        elif _FINAL.search(block) or block.endswith(":"):
            if last is not None and not last.endswith(":"):
                yield last
            last = block
            seen.add(block)
    if last is not None and not last.endswith(":"):
        yield last


def strip_dateline(paragraph: str) -> str:
    """Remove a leading dateline ("Berlin (dpa) – ", "Washington/Moskau – ")."""
    return _DATELINE.sub("", paragraph, count=1)


def body_sentences(body: str) -> list[str]:
    """Return the sentences of the running text of ``body``, datelines removed."""
    sentences: list[str] = []
    for paragraph in body_paragraphs(body):
        sentences.extend(split_sentences(paragraph if sentences else strip_dateline(paragraph)))
    return sentences
