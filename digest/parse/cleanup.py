"""Drop what is not story text: captions and credits, boilerplate lines, appeals, teasers.

Runs on the joined lines of any reader's text; the rules come from
``digest.parse.boilerplate``.
"""

from __future__ import annotations

import itertools
import re

from digest.parse.boilerplate import (
    APPEAL,
    APPEAL_BUTTON,
    GLUED_CREDIT,
    LABEL_AFTER,
    LABEL_WORD,
    LINK_LABEL,
    MAX_BOILERPLATE_CHARS,
    NEWSLETTER_PROMO,
    READ_POINTER,
    READER_ADDRESS,
    boilerplate,
    is_credit,
)
from digest.parse.lines import bare, headlike
from digest.parse.patterns import (
    ANNOUNCING_QUESTION,
    BULLET,
    CLOSING_NOTE,
    EMAIL,
    MD_HEADING,
    SENTENCE_BREAK,
    TEASER_ENTRY,
)
from digest.text.names import split_names
from digest.text.patterns import CLAUSE_END

_TEASER_MIN_WORDS = 4  # a teaser's headline after its kicker has at least this many words
_MAX_CAPTION_CHARS = 300  # a longer line with a credit at its end is a paragraph
_APPEAL_BOX_CHARS = 240  # an appeal box's text is short; a longer paragraph is story
# A web address ("sz.de/podcast", "www.…") and the outlet speaking of itself ("wir", "unser").
_WEB_ADDRESS = re.compile(r"\b(?:www\.|https?://|[\w-]+\.(?:de|com|at|ch|net|org)/)", re.I)
_OUTLET_VOICE = re.compile(r"\b(?:wir|uns|unser\w*)\b", re.I)
_LABEL_CHARS = 80  # a link label run into a paragraph stands in its last characters
_APPEAL_ADDRESSES = 2  # ... unless this many of its sentences address the reader
_EDGE_SENTENCE_CHARS = 160  # a boilerplate sentence run into a paragraph is this short
_EDGE_WINDOW = 700  # how far into a paragraph's start and end such sentences are looked for
# What an edge sentence the rules drop always shows: the reader or the newsroom addressed,
# a pointer, an address, a label's colon, a bracket, a credit's slash or an agency.
_EDGE_HINT = re.compile(
    r"\b(?:Sie|Ihnen|Ihr\w*|du|dich|dir|dein\w*|uns|unser\w*|hier|Hier|mehr|Mehr)\b"
    r"|[@\[\]:/©|]|\b(?:dpa|AFP|Reuters|epd|KNA|AP|Foto|Video)\b|\b[Vv]on [A-ZÄÖÜ]"
)
# Not after an initial: "Von J. Brückner und P. Weiß." is one sentence.
_BOUNDARY = re.compile(r"(?<![\s(][A-ZÄÖÜ])[.!?…][\"“”»«')\]]*\s+")
# An e-mail address or a web address and then a capital: a sentence ended there without
# its full stop ("Schreiben Sie uns an hamburg@zeit.de Die Zahl der Neuinfektionen …").
_AFTER_ADDRESS = re.compile(  # bounded: a hostile line may be one long token
    r"([\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,12})\s+(?=[A-ZÄÖÜ][a-zäöüß])"
)


def drop_captions(lines: list[str]) -> list[str]:
    """Drop photo captions and credits: glued credits, credit lines, repeated captions."""
    lines = list(lines)
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        # A glued credit sits in the last characters of its caption line.
        glued = GLUED_CREDIT.search(line, max(0, len(line) - 140))
        stem = line[: glued.start()].strip() if glued else ""
        if glued and len(stem) > _MAX_CAPTION_CHARS:
            lines[i] = stem  # a paragraph with a credit run into it: keep the paragraph
        elif glued and stem:
            keep[i] = False
            _drop_same(lines, keep, i - 1, stem)
        elif is_credit(line):
            keep[i] = False
            if i > 0 and keep[i - 1] and _caption_like(lines[i - 1]):
                keep[i - 1] = False
                _drop_same(lines, keep, i - 2, lines[i - 1])
        elif i + 1 < len(lines) and line == lines[i + 1] and not BULLET.match(line):
            keep[i] = keep[i + 1] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _drop_same(lines: list[str], keep: list[bool], index: int, text: str) -> None:
    if index >= 0 and lines[index] == text:
        keep[index] = False


def _caption_like(line: str) -> bool:
    # A caption above a credit reads as a label, not as a finished sentence of the story.
    return not CLAUSE_END.search(line) and not MD_HEADING.match(line)


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Drop the lines a boilerplate rule names (credits, calls to action, sign-offs …), and
    a link label run into the end of a line (``strip_link_label``)."""
    kept: list[str] = []
    greeted = False
    # "… E-Mail an hamburg@zeit.de Die Zahl der Neuinfektionen …": two lines, not one.
    lines = [part for line in lines for part in _split_at_address(line)]
    for line in lines:
        if LABEL_WORD.search(line, max(0, len(line) - _LABEL_CHARS)):
            line = strip_link_label(line)  # most lines: no pointing word near their end
        rule = boilerplate(bare(line))
        # An outlet's notice is judged whole by ``drop_appeals``: trimmed of its pointer
        # ("Alle Folgen finden Sie hier."), it would no longer show as one.
        if rule is None and line.strip() and not house_notice(line):
            line = trim_edges(line)
            rule = None if line else "boilerplate sentences"
        if rule is None:
            # After "Guten Morgen," a letter goes on in lower case; its paragraph starts here.
            kept.append(line[:1].upper() + line[1:] if greeted and not kept else line)
        greeted = rule == "greeting" or (greeted and not kept)
    return kept


def _split_at_address(line: str) -> list[str]:
    """Split a line where a sentence ended on an address without its full stop."""
    if "@" not in line:
        return [line]
    return _AFTER_ADDRESS.sub("\\1\n", line).split("\n")


def trim_edges(line: str) -> str:
    """Drop boilerplate sentences run into the start or end of a paragraph.

    A scrape or a feed often joins a call to action, a pointer to another page or an
    agency credit to the story's paragraph ("… auf den aktuellen Stand. Sie können die
    „Fragen des Tages“ auch als Newsletter bestellen. Zur Anmeldung geht es hier."). The
    line rules then see one long line; each edge sentence is checked on its own. Only
    short ones go (a bracketed note may be longer): a long "sentence" matching a rule is
    a call to action glued to news by a missing full stop, and the news must stay. Only
    the edges are split into sentences: a line may be a whole document.
    """
    if APPEAL_BUTTON.search(line, max(0, len(line) - 60)):
        return line  # an appeal box's button: ``drop_appeals`` takes the box with it
    reach = _EDGE_SENTENCE_CHARS + 2  # the last or first sentence to go lies within this
    if not (line.endswith("]") or _EDGE_HINT.search(line, max(0, len(line) - reach))
            or _EDGE_HINT.search(line, 0, reach)):  # fmt: skip
        return line  # neither edge can hold such a sentence: most lines, cheaply
    # A plain boundary (a stop, closers, space) is enough here: one false boundary at an
    # abbreviation only ends the search early, and the full splitter costs too much per line.
    tail = [m for m in _BOUNDARY.finditer(line, max(0, len(line) - _EDGE_WINDOW))]
    end = len(line)
    while tail and boilerplate_sentence(line[tail[-1].end() : end]):
        end = _cut(tail.pop())
    start = 0
    for match in _BOUNDARY.finditer(line, 0, min(end, _EDGE_WINDOW)):
        if match.start() < start or not boilerplate_sentence(line[start : _cut(match)]):
            break
        start = match.end()
    rest = line[start:end].strip()
    return "" if (start or end < len(line)) and boilerplate_sentence(rest) else rest


# "Von Anna Muster", "Von Paul Weiß, Ida Kramer und Tom Seidel.", "Von Lotte von
# Steinfeld.": first and last names ("Von Angesicht zu Angesicht" is none). Stricter than
# ``patterns.BYLINE``, which a footer's line matches: there "Von Ostern." would pass.
_NAME = r"[A-ZÄÖÜ][\w'’.-]*(?:\s+(?:(?:von der|von|van|de|da)\s+)?[A-ZÄÖÜ][\w'’.-]*){1,3}"
_BYLINE_SENTENCE = re.compile(
    rf"^(?:Von|Ein Kommentar von|Eine Analyse von|Eine Kolumne von)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|und)\s+{_NAME})*)\.?$"
)
SIGNED_PARAGRAPHS = 3  # a teaser's byline ends one of the first paragraphs, or the last


def byline_authors(text: str) -> list[str]:
    """Return the names a byline sentence ending one of the text's first paragraphs, or
    its last, gives ("… einigen. Von J. Brückner und P. Weiß."); [] if none does."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for paragraph in [*paragraphs[:SIGNED_PARAGRAPHS], *paragraphs[SIGNED_PARAGRAPHS:][-1:]]:
        ends = list(_BOUNDARY.finditer(paragraph, max(0, len(paragraph) - _EDGE_SENTENCE_CHARS)))
        last = paragraph[ends[-1].end() :] if ends else paragraph
        found = _BYLINE_SENTENCE.match(last.strip())
        if found:
            return split_names(found.group("names").rstrip("."))
    return []


def _cut(boundary: re.Match[str]) -> int:
    """Return where the sentence before ``boundary`` ends (its stop and closers)."""
    return boundary.start() + len(boundary.group().rstrip())


def boilerplate_sentence(sentence: str) -> bool:
    """Tell a short sentence a boilerplate rule names ("Sehen Sie hier den Livestream."), or
    a byline standing as a sentence of the text ("… zwei Stammspieler. Von Jana
    Brückner. Der Aufsteiger …": a teaser page's credit)."""
    sentence = sentence.strip()
    if len(sentence) > _EDGE_SENTENCE_CHARS and not sentence.endswith("]"):
        # Checked first: most sentences are longer, and the rules cost. A reading pointer
        # is all pointer, however long the clause it fronts.
        return len(sentence) <= MAX_BOILERPLATE_CHARS and bool(READ_POINTER.search(sentence))
    if _BYLINE_SENTENCE.match(sentence):
        return True
    if not _EDGE_HINT.search(sentence):
        return False  # no mark any such rule needs: most news sentences, cheaply
    rule = boilerplate(sentence)
    if rule is None:
        return False
    return len(sentence) <= _EDGE_SENTENCE_CHARS or rule == "bracketed note"


def drop_appeals(lines: list[str]) -> list[str]:
    """Strip a button run into the end of a paragraph (``… Jetzt unterstützen``), and drop
    the outlet's notices about its own offers (``house_notice``).

    The paragraph goes too, with a heading above it, when it is an appeal box itself: one of
    its sentences is an appeal line, or it addresses the reader (once when it is short,
    in two sentences when longer). The first line (the title candidate) always stays.
    """
    out: list[str] = []
    for line in lines:
        if out and house_notice(line):
            continue
        button = APPEAL_BUTTON.search(line, max(0, len(line) - 60))
        if not button:
            out.append(line)
            continue
        stem = line[: button.start()].rstrip()
        if out and _appeal_box(stem):
            if len(out) > 1 and headlike(out[-1]):
                out.pop()
            continue
        out.append(stem)
    return out


def house_notice(text: str) -> bool:
    """Tell the outlet's notice about its own offers: a paragraph with a web address whose
    sentences, half of them or more, speak to the reader or as the outlet, both at least
    once ("Sie finden alle Folgen auf … Verpassen Sie keine Folge und abonnieren Sie unser
    Audio-Angebot …"). A news paragraph naming a website speaks of others."""
    if not (web_address(text) or ("@" in text and EMAIL.search(text))):
        return False
    sentences = SENTENCE_BREAK.split(text)
    addressed = [bool(READER_ADDRESS.search(s)) for s in sentences]
    own = [bool(_OUTLET_VOICE.search(s)) for s in sentences]
    speaking = sum(a or o for a, o in zip(addressed, own, strict=True))
    return any(addressed) and any(own) and speaking >= 2 and 2 * speaking >= len(sentences)


def web_address(text: str) -> bool:
    """Tell whether ``text`` holds a web address ("www.…", "https://…", "name.de/…")."""
    # Every address has a slash or "www": checked first, the pattern is run on few lines
    # (a pattern over every paragraph of a night cost seconds).
    return ("/" in text or "www" in text.lower()) and bool(_WEB_ADDRESS.search(text))


def _appeal_box(text: str) -> bool:
    # An appeal line among its sentences, or the reader addressed: once in a short box,
    # twice in a longer one ("Finden Sie auch? … Sind Sie dabei?").
    sentences = SENTENCE_BREAK.split(text)
    if any(APPEAL.search(s) or NEWSLETTER_PROMO.search(s) for s in sentences):
        return True
    addressed = sum(bool(READER_ADDRESS.search(s)) for s in sentences)
    return addressed >= _APPEAL_ADDRESSES or (addressed > 0 and len(text) <= _APPEAL_BOX_CHARS)


def strip_link_label(line: str) -> str:
    """Strip a link label run into the end of a paragraph: ``… erforschen. mehr``.

    Feeds and scrapers put a teaser and its "mehr"/"Meldung bei … lesen" link into one
    paragraph; the teaser is the story, the label only pointed on to it.
    """
    start = max(0, len(line) - _LABEL_CHARS)
    for match in LABEL_AFTER.finditer(line, start):
        if LINK_LABEL.match(line[match.end() :]):  # "^" holds only at a string's start
            return line[: match.end()].rstrip()
    return line


def drop_teasers(lines: list[str]) -> list[str]:
    """Drop lists linking to other stories (each entry a kicker and a headline), with heading."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and BULLET.match(lines[j]):
            j += 1
        if j - i >= 2 and all(_is_teaser(bare(line)) for line in lines[i:j]):
            if out and headlike(out[-1]):
                out.pop()
            i = j
            continue
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _is_teaser(entry: str) -> bool:
    headline = entry.split(":", 1)[-1] if ":" in entry else entry.split("?", 1)[-1]
    return bool(TEASER_ENTRY.match(entry)) and len(headline.split()) >= _TEASER_MIN_WORDS


def drop_closing_notes(lines: list[str]) -> list[str]:
    """Drop the paragraphs set wholly in italics that close a text: a note on the author or
    the piece (``*Die Autorin ist Historikerin …*``), never its only paragraph."""
    end = len(lines)
    while end > 1 and CLOSING_NOTE.match(lines[end - 1]) and any(
        not CLOSING_NOTE.match(line) and not headlike(line) for line in lines[: end - 1]
    ):
        end -= 1
    return lines[:end]


TEASER_SENTENCES = 3  # a teaser's announcement stands among the text's first sentences


def drop_announcements(body: str) -> str:
    """Take a teaser's announcement of the article out of its first paragraph ("Welche
    Fragen noch offen sind."): the digest tells what the article tells, and the line,
    true of the page, promises what a shortened story may not hold. Never the whole text.
    """
    start = len(body) - len(body.lstrip())
    end = body.find("\n", start)
    end = len(body) if end < 0 else end
    first = body[start:end]
    bounds = [0, *(m.end() for m in _BOUNDARY.finditer(first)), len(first)]
    spans = list(itertools.pairwise(bounds))[:TEASER_SENTENCES]
    gone = {(a, b) for a, b in spans if ANNOUNCING_QUESTION.match(first[a:b].strip())}
    kept = [first[a:b].strip() for a, b in spans if (a, b) not in gone]
    paragraph = " ".join([*kept, first[spans[-1][1] :].strip()]).strip()
    if not gone or not (paragraph or body[end:].strip()):
        return body
    return body[:start] + paragraph + (body[end:] if paragraph else body[end:].lstrip("\n"))
