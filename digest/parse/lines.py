"""What one line of text is: a heading, a rubric, a bullet, a quotation left open.

The classifiers the other parse steps share; every pattern comes from
``digest.parse.patterns``.
"""

from __future__ import annotations

from digest.parse.patterns import (
    BARE_NUMBER,
    BULLET,
    END_SECTION,
    GREETING,
    ITEM_SECTION,
    LONE_BULLET,
    MD_HEADING,
    QUOTE_MARK,
    QUOTED_HEADLINE,
)
from digest.text.patterns import CLAUSE_END, THOUGHT_END
from digest.text.vocabulary import CONTINUATION_WORDS, FUNCTION_WORDS

MAX_HEAD_CHARS = 200  # a longer line is never a headline
# First characters of a Markdown heading or bullet (numbered lines stay: "3. Mai 2024").
_MARKERS = frozenset("#-–—•*·▪►‣◦")
_CAPS_HEADING_LETTERS = 4  # "THEMA DES TAGES" opens a new section
# The closing marks of each opening mark; a guillemet's direction is read from the line.
_CLOSERS = {"„": "“”", "»": "«", "«": "»"}


def bare(line: str) -> str:
    """Return ``line`` without Markdown markers, as the rules expect it."""
    if line[:1] in _MARKERS:
        line = MD_HEADING.sub("", line)
        line = BULLET.sub("", line)
        if line[:1] in "*_" and line[-1:] == line[:1]:
            line = line.strip("*_ ")  # a line in emphasis: *Copyright: …*
    return line.replace("**", "").strip() if "**" in line else line


def headlike(line: str) -> bool:
    """Say whether ``line`` could be a headline or sub-heading rather than a sentence."""
    text = bare(line)
    if not text or BULLET.match(line) or len(text) > MAX_HEAD_CHARS:
        return False
    return bool(QUOTED_HEADLINE.match(text)) or not CLAUSE_END.search(text)


def opens_section(line: str) -> bool:
    """Say whether ``line`` opens another section: a Markdown, item, end or capitals heading."""
    if MD_HEADING.match(line):
        return True
    line = bare(line)
    if ITEM_SECTION.match(line) or END_SECTION.match(line):
        return True
    return in_capitals(line)


def in_capitals(line: str) -> bool:
    """Say whether ``line`` is set in capitals, as a rubric is ("THEMA DES TAGES")."""
    if not line.isupper():  # a lower-case letter, or none with case: no rubric (and fast)
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= _CAPS_HEADING_LETTERS and all(c.isupper() for c in letters)


def is_rubric(line: str) -> bool:
    """Tell a line that names a section, not a sentence: a section heading, a greeting, or
    capitals however short (a rubric broken in two: "WAS" / "HEUTE WICHTIG IST")."""
    text = bare(line)
    return opens_section(line) or text.isupper() or GREETING.match(text) is not None


def unfinished(line: str) -> bool:
    """Tell a line that ends inside a sentence (no full stop, colon, heading mark ...)."""
    return not (THOUGHT_END.search(line) or MD_HEADING.match(line))


def never_ends_line(word: str) -> bool:
    """Tell a word a heading or paragraph does not end on: lower case or a function word."""
    bare = word.strip("\"„“”»«'‚‘’(")
    return bare[:1].islower() or bare.casefold() in CONTINUATION_WORDS | FUNCTION_WORDS


def starts_item(line: str) -> bool:
    return bool(
        BULLET.match(line) or LONE_BULLET.match(line) or BARE_NUMBER.match(line)
    )


def open_quote(line: str) -> str:
    """Return the closing marks of a quotation ``line`` leaves open, or ``""``.

    ``„`` opens and ``“``/``”`` close. Guillemets point either way (``»Zitat«`` in German
    typesetting, ``«Zitat»`` in Swiss): the line's first guillemet is its opening one. The
    quotation is open when the line has more opening marks than closing ones.
    """
    marks = QUOTE_MARK.findall(line)
    if marks.count("„") > marks.count("“") + marks.count("”"):
        return _CLOSERS["„"]
    guillemets = [m for m in marks if m in "»«"]
    if guillemets:
        opener = guillemets[0]
        if guillemets.count(opener) > len(guillemets) - guillemets.count(opener):
            return _CLOSERS[opener]
    return ""


def closes_quote(line: str, closers: str) -> bool:
    """Say whether ``line`` closes a quotation opened before it: its first mark is a closer."""
    marks = [m for m in QUOTE_MARK.findall(line) if m in closers or m in "„»«"]
    return bool(marks) and marks[0] in closers
