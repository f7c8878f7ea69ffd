"""The header of a text: ressort, date and byline lines, kicker and headline, dateline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from digest.parse.lines import bare, headlike, in_capitals
from digest.parse.patterns import (
    BULLET,
    BYLINE,
    DATE_LINE,
    DATELINE_BOLD,
    DATELINE_CAPS,
    DATELINE_STOP,
    GLUED_KICKER,
)
from digest.text.dates import parse_date
from digest.text.names import is_place_like, split_names
from digest.text.patterns import DATELINE
from digest.text.vocabulary import FUNCTION_WORDS, RESSORTS

_MAX_KICKER_WORDS = 4  # "Stundenlanges Treffen", "Krieg in Nahost"
HEADER_LINES = 10  # the header never runs longer than this


@dataclass
class Header:
    """What the lines above the first paragraph said."""

    title: str = ""
    kicker: str = ""
    ressort: str = ""
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)


def read_header(
    lines: list[str], known_title: str, aliases: tuple[str, ...], limit: int = HEADER_LINES
) -> tuple[Header, list[str]]:
    """Read ressort, date, byline, kicker and headline from the first ``limit`` lines."""
    header = Header(title=known_title)
    heads: list[str] = []
    end = 0
    limit = min(limit, HEADER_LINES)
    for end, line in enumerate(lines[:limit]):  # noqa: B007 - ``end`` is used below
        if not _header_meta(header, bare(line)):
            if not headlike(line):
                break
            heads.append(line)
    else:
        end = min(len(lines), limit)
    if not heads and end == len(lines):
        return header, lines
    rest = lines[end:]
    heads = _choose_headline(header, heads, aliases)
    return header, heads + rest


def _header_meta(header: Header, line: str) -> bool:
    """Take a date, ressort or byline line into ``header``; say whether it was one."""
    if DATE_LINE.match(line):
        header.published = header.published or parse_date(line)
        return True
    if line.lower() in RESSORTS and not header.ressort:
        header.ressort = line
        return True
    byline = BYLINE.match(line)
    if byline and not header.authors:
        header.authors = split_names(byline.group("names"))
        return True
    return False


def _choose_headline(header: Header, heads: list[str], aliases: tuple[str, ...]) -> list[str]:
    """Set kicker and title from the header's short lines; return the lines left for the body."""
    if header.title:
        known = {_norm(t) for t in (header.title, *aliases) if t}
        left = []
        for i, head in enumerate(heads):
            if _norm(bare(head)) in known:
                continue
            # A short line right above the headline is its kicker.
            below = heads[i + 1] if i + 1 < len(heads) else ""
            if _is_kicker(bare(head)) and _norm(bare(below)) in known and not header.kicker:
                header.kicker = bare(head)
            else:
                left.append(head)
        return left
    if not heads:
        return []
    if len(heads) > 2 and in_capitals(bare(heads[0])):
        # "GESUNDHEIT + KOSMETIK" / "Kondome" / "Fast schon perfekt": a rubric in capitals,
        # then kicker and headline.
        header.ressort = header.ressort or bare(heads[0])
        heads = heads[1:]
    first = bare(heads[0])
    if len(heads) > 1 and _is_kicker(first):
        header.kicker, header.title = first, bare(heads[1])
        return heads[2:]
    glued = GLUED_KICKER.match(first)
    if glued:
        header.kicker, header.title = glued.group("kicker").strip(), glued.group("title")
    else:
        header.title = first
    return heads[1:]


def _is_kicker(line: str) -> bool:
    words = line.split()
    return len(words) <= _MAX_KICKER_WORDS and not line.endswith(("?", "!"))


def _norm(text: str) -> str:
    # Compare headlines by their words only: pages drop or add the kicker's colon.
    return " ".join(re.findall(r"\w+", text.casefold()))


def read_dateline(lines: list[str]) -> tuple[str, list[str]]:
    """Move a dateline opening the first paragraph (``Berlin (dpa) - ``) out of the text."""
    for i, line in enumerate(lines):
        if headlike(line) or BULLET.match(line):
            continue
        match = (
            DATELINE.match(line)
            or DATELINE_CAPS.match(line)
            or _dateline_bold(line)
            or DATELINE_STOP.match(line)
        )
        if not match or match.group("place").split()[0].casefold() in FUNCTION_WORDS:
            return "", lines
        rest = line[match.end() :].strip()
        return match.group("place").strip(), [*lines[:i], rest, *lines[i + 1 :]]
    return "", lines


def _dateline_bold(line: str) -> re.Match[str] | None:
    """Match ``**Kassel.** Der …``, not a run-in heading such as ``**Fazit.** …``."""
    match = DATELINE_BOLD.match(line)
    return match if match and is_place_like(match.group("place")) else None
