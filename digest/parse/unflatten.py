"""Undo the flattening of a web version copied as one run of text.

A newsletter's web version copied from the browser, or scraped without block
boundaries, glues each heading to the text below it: "… nicht gelöst. 2Flüchtiger
WertDie Inflationsrate …". The glue shows as a lower-case letter directly followed
by a capital: a new block began there. Only a text that shows this many times
is treated so (a single "LinkedIn" or "iPhone" proves nothing), and only glues
that open a sentence with a function word, or close a short span that starts
right after a sentence end (the glued heading), are cut.
"""

from __future__ import annotations

import re

# A function word opening the glued sentence: "GeldDer", "SchuldVor", "ZahlenDie".
_OPENERS = (
    "Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Im|In|Am|An|Auf|Aus|Bei|Mit|Nach|Noch|Seit|Vor"
    "|Zum|Zur|Für|Wie|Was|Wer|Es|Er|Sie|Wir|Ich|Nun|So|Als|Um|Unter|Über|Bis|Trotz|Wegen"
)
_STRONG_GLUE = re.compile(rf"(?<=[a-zäöüß]{{2}})(?=(?:{_OPENERS})\b)")
# A heading glued after a finished sentence, with an optional number: ". 3Illegale Finanzen…"
_HEAD_START = re.compile(r"(?<=[.!?…“\"]) (?=(?:\d{1,2})?[A-ZÄÖÜ])")
_ANY_GLUE = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ][a-zäöüß])")
_NUMBER = re.compile(r"^(\d{1,2})(?=[A-ZÄÖÜ])")
_EVIDENCE = 3  # strong glues a text needs before any is cut
_MAX_HEAD_CHARS = 60  # a glued heading is short
_MIN_LINE = 400  # only long runs of text can be flattened pages


def is_flattened(text: str) -> bool:
    """Tell whether ``text`` holds long lines with glued block boundaries.

    Distinct glued words count: "LinkedIn" ten times is one name, not ten boundaries.
    """
    long_lines = [line for line in text.split("\n") if len(line) >= _MIN_LINE]
    glued = {
        line[line.rfind(" ", 0, m.start()) + 1 : line.find(" ", m.start())]
        for line in long_lines
        for m in _STRONG_GLUE.finditer(line)
    }
    return len(glued) >= _EVIDENCE


def unflatten(text: str) -> str:
    """Put each glued heading and its text on lines of their own, as Markdown."""
    if not is_flattened(text):
        return text
    return "\n".join(_unflatten_line(line) if len(line) >= _MIN_LINE else line
                     for line in text.split("\n"))  # fmt: skip


def _unflatten_line(line: str) -> str:
    out: list[str] = []
    at = 0
    for start in _HEAD_START.finditer(line):
        begin = start.end()
        if begin < at:
            continue
        glue = _ANY_GLUE.search(line, begin, begin + _MAX_HEAD_CHARS)
        if not glue:
            continue
        head = line[begin : glue.start()]
        if re.search(r"[.!?:]", head) or len(head.split()) > 6:
            continue  # a sentence, not a heading
        out.append(line[at:begin].rstrip())
        number = _NUMBER.match(head)
        head = head[number.end() :] if number else head
        mark = f"{number.group(1)}. " if number else ""
        out.append(f"\n\n{mark}**{head.strip()}** ")
        at = glue.start()
    out.append(line[at:])
    rest = "".join(out)
    # Remaining strong glues are block boundaries without a heading: a new paragraph.
    return _STRONG_GLUE.sub("\n\n", rest)
