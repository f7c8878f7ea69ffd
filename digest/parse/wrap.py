"""Join what a text's line breaks broke: hard-wrapped paragraphs, soft wraps, lone bullets.

Plain-text mail wraps at about 72 columns, scrapes keep a page's source wrapping,
newsletters put a bullet or an item number on a line of its own: these steps give each
paragraph and item one line again before the structure is read.
"""

from __future__ import annotations

import itertools
import re

from digest.parse.lines import (
    MAX_HEAD_CHARS,
    closes_quote,
    is_rubric,
    never_ends_line,
    open_quote,
    starts_item,
    unfinished,
)
from digest.parse.patterns import (
    BARE_NUMBER,
    DROP_CAP,
    GLUED_HEADLINE,
    GREETING,
    INLINE_URL,
    LONE_BULLET,
    MD_HEADING,
    PAYWALL_MARK,
    SENTENCE_BREAK,
)
from digest.text.patterns import CLAUSE_END, INVISIBLE, THOUGHT_END
from digest.text.vocabulary import CONTINUATION_WORDS, FUNCTION_WORDS

_WRAP_WIDTH = 80  # plain-text mail wraps its lines at most this wide
_WRAP_FULL = 55  # a wrapped line is at least this long, unless it ends its paragraph
_WRAP_MIN_LINES = 4
_DROP_CAP_MIN_WORDS = 6  # a drop cap opens a paragraph, not a short heading like "A bis Z"
# A scrape that kept a page's source wrapping marks each soft break with a space at the end
# of the line ("Kritik an den \nLockdowns"), as format=flowed mail does (RFC 3676). Only
# this many such breaks inside a sentence, after a word no line of its own ends on (lower
# case or a function word), prove the convention: a heading, too, may end on a stray space.
_SOFT_WRAP_EVIDENCE = 3
_WRAP_EVIDENCE = 3  # lines broken before a lower-case word that prove a hard-wrapped text
# ... when they are this share of the lines ending inside a sentence: in wrapped German text
# about every second next line opens in lower case, in a text with headings far fewer do.
_WRAP_SHARE = 0.3


def clean_lines(text: str) -> list[str]:
    """Split ``text`` into stripped lines without invisible characters, links or paywall marks."""
    text = INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = PAYWALL_MARK.sub("", INLINE_URL.sub("", text))
    text = join_soft_wraps(_unglue(text))
    return [" ".join(line.split()) for line in _split_glued_headline(text.split("\n"))]


# "… des Nettolohns.Diese Regelung …": a sentence end without its space. The token around
# the full stop decides: an address ("Katharina.Thalhammer@egling.de", "www.Anmeldung.de")
# or a brand in camel case ("TatOrtZeit.Andacht") keeps it.
_GLUED_STOP = re.compile(r"(?<=[a-zäöüß]{3})\.(?=[A-ZÄÖÜ][a-zäöüß]{2})")
_TOKEN_REACH = 80  # how far a token around the stop is read (a hostile text has long ones)


def _unglue(text: str) -> str:
    """Put the missing space after glued sentence ends, token by token."""
    if not _GLUED_STOP.search(text):
        return text
    parts, last = [], 0
    for match in _GLUED_STOP.finditer(text):
        if _glued(text, match.start()):
            parts += [text[last : match.end()], " "]
            last = match.end()
    return "".join(parts) + text[last:]


def _glued(text: str, stop: int) -> bool:
    before = text[max(0, stop - _TOKEN_REACH) : stop].split()[-1]
    after = text[stop + 1 : stop + 1 + _TOKEN_REACH].split()[0]
    camel = any(c.isupper() for c in before.lstrip("„\"'(»«")[1:])
    address = "@" in after or "." in after.rstrip(".,;:!?\"“”»«)") or before.startswith("www")
    return not (camel or address)


def join_soft_wraps(text: str) -> str:
    """Join the lines of a text whose soft breaks a space beside the line break marks.

    Scraped pages (a news site's hard-wrapped source) break lines inside sentences and
    leave a space at the break, while a paragraph ends without one. A break joins only
    after a line that ends no thought (a full stop, colon ...), and only in a text that
    shows the convention ``_SOFT_WRAP_EVIDENCE`` times: a single heading with a trailing
    space stays a heading.
    """
    if " \n" not in text and "\n " not in text:
        return text  # the usual case, decided in C
    soft: list[tuple[int, int]] = []
    proof = 0
    for newline in _spaced_newlines(text):
        begin, end = _soft_break(text, newline)
        if begin == end:
            continue
        word = text[text.rfind(" ", 0, begin) + 1 : begin].rsplit("\n", 1)[-1]
        if not word or THOUGHT_END.search(word) or _rubric_at(text, begin, end):
            continue
        soft.append((begin, end))
        # Only a space before the break proves the convention: some sites indent the
        # paragraph after a heading ("Eine Frage der Zeit\n Der Rat hat …").
        proof += begin < newline and never_ends_line(word)
    if proof < _SOFT_WRAP_EVIDENCE:
        return text
    parts, at = [], 0
    for begin, end in soft:
        parts += [text[at:begin], " "]
        at = end
    return "".join([*parts, text[at:]])


def _rubric_at(text: str, begin: int, end: int) -> bool:
    """Tell whether a break follows a rubric ("In aller Kürze", "WAS HEUTE WICHTIG IST")
    or comes before a line in capitals: a rubric stands on its own line."""
    before = text[text.rfind("\n", 0, begin) + 1 : begin]
    after_end = text.find("\n", end)
    after = text[end : after_end if after_end >= 0 else len(text)]
    return is_rubric(before.strip()) or after.isupper()


def _spaced_newlines(text: str) -> list[int]:
    """Return the positions of the line breaks with a space before or after them.

    Two substring searches, which run in C: a pattern led by a character class tried at
    every position was a tenth of the whole parse.
    """
    found: set[int] = set()
    for needle, offset in ((" \n", 1), ("\n ", 0)):
        at = text.find(needle)
        while at >= 0:
            found.add(at + offset)
            at = text.find(needle, at + 1)
    return sorted(found)


def _soft_break(text: str, newline: int) -> tuple[int, int]:
    """Return the span of spaces and the line break at ``newline`` if a space or tab is
    beside it and words on both sides; else an empty span."""
    begin, end = newline, newline + 1
    while begin and text[begin - 1] in " \t":
        begin -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    if end - begin == 1 or not begin or end == len(text) or text[begin - 1] == "\n":
        return newline, newline
    return (newline, newline) if text[end] == "\n" else (begin, end)


def _split_glued_headline(lines: list[str]) -> list[str]:
    """Put a headline that a scrape glued to its text with a run of spaces on its own line.

    Scrapers that flatten a page often join the headline block and the first paragraph
    with two or more spaces instead of a line break ("Rat beschließt Etat  Der Rat hat …").
    Only the first line is looked at, and only a headline-like start splits: a few words
    holding no sentence end and with no full stop, comma or colon before the gap, so
    "Satzende.  Nächster Satz" stays one line (a headline may end with "?" or "!").
    """
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines
    match = GLUED_HEADLINE.match(lines[first])
    if not match or len(match.group(1)) > MAX_HEAD_CHARS:
        return lines
    head, rest = match.group(1).strip(), lines[first][match.end() :]
    if head.endswith((".", ",", ";", ":", "…")) or SENTENCE_BREAK.search(head):
        return lines  # a sentence, or more than one, not a headline
    if head.split()[-1].casefold() in CONTINUATION_WORDS | FUNCTION_WORDS:
        return lines  # "Neonazis und  Reichsbürger": a stray gap inside a sentence
    return [*lines[:first], head, "", rest, *lines[first + 1 :]]


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs (plain-text mail, scraped pages) and drop blank lines."""
    filled = [ln for ln in lines if ln]
    wrapped = (
        len(filled) >= _WRAP_MIN_LINES
        and max(map(len, filled)) <= _WRAP_WIDTH
        and sum(len(ln) >= _WRAP_FULL for ln in filled) * 3 >= len(filled)
    )
    broken = broken_inside_sentences(lines)
    out: list[str] = []
    previous = ""
    for line in lines:
        joinable = wrapped and previous and len(previous) >= _WRAP_FULL
        joinable = joinable or (broken and previous and _joins_broken(previous, line))
        if line and out and _lone_cap(previous) and _drop_cap_rest(line):
            out[-1] += line  # a drop cap on its own line: "D" + "er Stadtrat …"
        elif line and out and broken and previous.isupper() and line.isupper():
            out[-1] = f"{out[-1]} {line}"  # a rubric broken in two: "WAS" + "HEUTE WICHTIG IST"
        elif line and out and (joinable or _continues(previous, line)) and not starts_item(line):
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
        previous = line
    return out


def _joins_broken(previous: str, line: str) -> bool:
    """Tell whether ``line`` goes on with ``previous`` in a text broken inside sentences.

    A newsletter's rubric ("WAS HEUTE WICHTIG IST"), a greeting or a section heading the
    rules know stays a line of its own, whatever the wrapping.
    """
    return unfinished(previous) and not (is_rubric(previous) or is_rubric(line))


def broken_inside_sentences(lines: list[str]) -> bool:
    """Tell a text whose lines break inside sentences, wherever the width ends a line.

    A scrape of a hard-wrapped page breaks lines at any word. A line that ends no sentence
    and is followed by one in lower case is such a break for sure; when there are
    ``_WRAP_EVIDENCE`` of them and they are a fair share (``_WRAP_SHARE``) of the lines
    ending inside a sentence, the rest are breaks too ("Der Ökonom Marcel" /
    "Fratzscher sagte …"), not headings.
    """
    sure = unsure = 0
    for previous, line in itertools.pairwise(lines):
        if not previous or not line or not _joins_broken(previous, line) or starts_item(line):
            continue
        if line[:1].islower():
            sure += 1
        else:
            unsure += 1
    return sure >= _WRAP_EVIDENCE and sure >= _WRAP_SHARE * (sure + unsure)


def _continues(previous: str, line: str) -> bool:
    """Say whether ``line`` goes on with the sentence ``previous`` broke off."""
    if _split_quote(previous, line):
        return True
    if not previous or CLAUSE_END.search(previous) or previous.endswith(("?", "!")):
        return previous.endswith(",") and line[:1].islower() and not GREETING.match(previous)
    if MD_HEADING.match(previous) or LONE_BULLET.match(previous):
        return False
    # A line never ends on an article or preposition, and a sentence never starts in lower case.
    last = previous.rsplit(" ", 1)[-1].casefold()
    return last in CONTINUATION_WORDS or line[:1].islower()


def _split_quote(previous: str, line: str) -> bool:
    """Say whether a short line left a quotation open that ``line`` closes (a wrapped headline)."""
    if max(len(previous), len(line)) > MAX_HEAD_CHARS:
        return False
    closer = open_quote(previous)
    return bool(closer) and closes_quote(line, closer)


def _lone_cap(line: str) -> bool:
    return len(line) == 1 and line.isupper()


def _drop_cap_rest(line: str) -> bool:
    # The rest of a drop cap's word opens a paragraph, not a short heading like "bis Z".
    return line[:1].islower() and len(line.split()) >= _DROP_CAP_MIN_WORDS - 1


def join_drop_caps(lines: list[str]) -> list[str]:
    """Join a drop cap that stood on its own line to its word: ``D`` + ``er Stadtrat`` → ``Der``.

    In one line, only a capital before a fragment that is no word joins (``N a endlich``):
    ``O du fröhliche``, ``A kauft von B`` and ``E steht für`` are words of their own.
    """
    out: list[str] = []
    for line in lines:
        if out and _lone_cap(out[-1]) and _drop_cap_rest(line):
            line = out.pop() + line
        cap = DROP_CAP.match(line)
        if cap and len(line.split()) >= _DROP_CAP_MIN_WORDS:
            line = cap.group("cap") + line[cap.start("rest") :]
        out.append(line)
    return out


def join_bullets(lines: list[str]) -> list[str]:
    """Join a lone bullet sign or item number with the item's text on the next line."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if LONE_BULLET.match(line):
            pending = "- "
        elif BARE_NUMBER.match(line) and len(lines) > 1:
            pending = line.rstrip(".)") + ". "
        else:
            out.append(pending + line if pending else line)
            pending = ""
    return out
