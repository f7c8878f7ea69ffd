"""German news structure: kicker, headline, dateline, body and short items from plain text.

The steps run in order on the lines of a text: clean the lines, join hard-wrapped
paragraphs and lone bullets, drop captions and boilerplate (``digest.readers.lines``),
cut FAQ and source lists,
take the short-item section and the signature, read the header (ressort, date, kicker,
headline, byline), then the dateline, and write the body as Markdown blocks. Every
pattern comes from ``digest.rules``.

A text without a headline (a newsletter that starts with its lead paragraph) gets
the lead's first sentence as its title, cut at a clause boundary or after a few words
and marked with "…" when cut, so a rendered issue never shows an empty headline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from digest import rules
from digest.dates import parse_date
from digest.models import Article, Item, Source
from digest.readers.lines import (
    bare,
    clean_lines,
    drop_appeals,
    drop_boilerplate,
    drop_captions,
    drop_teasers,
    headlike,
    join_bullets,
    join_drop_caps,
    opens_section,
    unwrap,
)  # fmt: skip

_MAX_HEADING_WORDS = 14  # a sub-heading is short
_MAX_KICKER_WORDS = 4  # "Stundenlanges Treffen", "Krieg in Nahost"
_HEADER_LINES = 10  # the header never runs longer than this
_TITLE_WORDS = 14  # a derived title keeps at most this many words
_TITLE_CHARS = 150  # ... and at most about this many characters


@dataclass
class _Header:
    """What the lines above the first paragraph said."""

    title: str = ""
    kicker: str = ""
    ressort: str = ""
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)


def structure(
    text: str, source: Source, *, title: str = "", aliases: tuple[str, ...] = (),
    fallback_title: str = "",
) -> Article:  # fmt: skip
    """Split ``text`` into headline, kicker, dateline, body and items.

    ``title`` is the headline when the caller knows it (page metadata); header lines
    repeating it or one of its ``aliases`` (other titles of the page) are dropped.
    ``fallback_title`` (a mail's subject) serves when the text has no headline.
    """
    lines = join_drop_caps(join_bullets(unwrap(clean_lines(text))))
    greeting = next(
        (i for i, line in enumerate(lines[:_HEADER_LINES]) if rules.GREETING.match(bare(line))),
        None,
    )
    # A letter's header ends at its greeting: "Was wichtig ist" below it is a rubric.
    limit = _HEADER_LINES if greeting is None else len(_clean(lines[:greeting]))
    lines = _clean(lines)
    lines = _cut_end_sections(lines)
    lines, items, signature = _split_items(lines)
    header, lines = _header(lines, title, aliases, limit)
    dateline, lines = _dateline(lines)
    body = _body(lines)
    authors = header.authors or _signature_names(signature)
    return Article(
        title=header.title or fallback_title or derive_title(lines), body=body, source=source,
        kicker=header.kicker, dateline=dateline, published=header.published,
        authors=authors, items=items, ressort=header.ressort,
        newsletter=greeting is not None or bool(items),
    )  # fmt: skip


def _clean(lines: list[str]) -> list[str]:
    """Drop captions, boilerplate, appeals and teasers."""
    return drop_teasers(drop_appeals(drop_boilerplate(drop_captions(lines))))


def _cut_end_sections(lines: list[str]) -> list[str]:
    """Drop FAQ and source-list blocks: from their heading to the next item section."""
    kept: list[str] = []
    skipping = False
    for line in lines:
        text = bare(line)
        if rules.END_SECTION.match(text):
            skipping = True
        elif rules.ITEM_SECTION.match(text):
            skipping = False
        if not skipping:
            kept.append(line)
    return kept


def _split_items(lines: list[str]) -> tuple[list[str], list[Item], str]:
    """Take out the short-item sections and a closing signature; return body, items, signature."""
    signature = ""
    if len(lines) > 1 and _is_signature(lines[-1]):
        lines, signature = lines[:-1], lines[-1]
    body: list[str] = []
    items: list[Item] = []
    i = 0
    while i < len(lines):
        if rules.ITEM_SECTION.match(bare(lines[i])):
            found, i = _section(lines, i + 1)
            items.extend(found)
        else:
            body.append(lines[i])
            i += 1
    return body, items, signature


def _section(lines: list[str], start: int) -> tuple[list[Item], int]:
    """Read the entries of an item section from ``start``; return them and where it ends."""
    bulleted = start < len(lines) and bool(rules.BULLET.match(lines[start]))
    texts: list[str] = []
    i = start
    for i in range(start, len(lines) + 1):  # ``i`` ends where the section ends
        line = lines[i] if i < len(lines) else ""
        if not line or opens_section(line):
            break
        line = rules.ITEM_TAIL.sub("", rules.ITEM_TIME.sub("", line)) or line
        if rules.BULLET.match(line):
            texts.append(rules.BULLET.sub("", line))
        elif bulleted:
            # After bulleted entries, a line in lower case goes on; anything else is body.
            if not (texts and line[:1].islower()):
                break
            texts[-1] = f"{texts[-1]} {line}"
        elif texts and headlike(texts[-1]) and not headlike(line):
            # Unbulleted entries: a headline line takes the sentence under it along.
            texts[-1] = f"{texts[-1]} – {line}"
        else:
            texts.append(line)
    entries = [e.strip() for t in texts for e in rules.INLINE_BULLET.split(t)]
    return _to_items(entries), i


def _to_items(texts: list[str]) -> list[Item]:
    cleaned = (rules.ITEM_TAIL.sub("", rules.ITEM_TIME.sub("", t)).strip() for t in texts)
    return [Item(text=t) for t in cleaned if t]


def _signature_names(line: str) -> list[str]:
    byline = rules.BYLINE.match(line)
    return split_names(byline.group("names")) if byline else [line] if line else []


def _is_signature(line: str) -> bool:
    if rules.BYLINE.match(line):
        return True
    words = line.split()
    if len(words) < 2 or words[0].casefold() in rules.NON_NAME_WORDS:
        return False
    return words[0].casefold() not in rules.FUNCTION_WORDS and bool(rules.SIGNATURE.match(line))


def _header(
    lines: list[str], known_title: str, aliases: tuple[str, ...], limit: int = _HEADER_LINES
) -> tuple[_Header, list[str]]:
    """Read ressort, date, byline, kicker and headline from the first ``limit`` lines."""
    header = _Header(title=known_title)
    heads: list[str] = []
    end = 0
    limit = min(limit, _HEADER_LINES)
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


def _header_meta(header: _Header, line: str) -> bool:
    """Take a date, ressort or byline line into ``header``; say whether it was one."""
    if rules.DATE_LINE.match(line):
        header.published = header.published or parse_date(line)
        return True
    if line.lower() in rules.RESSORTS and not header.ressort:
        header.ressort = line
        return True
    byline = rules.BYLINE.match(line)
    if byline and not header.authors:
        header.authors = split_names(byline.group("names"))
        return True
    return False


def _choose_headline(header: _Header, heads: list[str], aliases: tuple[str, ...]) -> list[str]:
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
    first = bare(heads[0])
    if len(heads) > 1 and _is_kicker(first):
        header.kicker, header.title = first, bare(heads[1])
        return heads[2:]
    glued = rules.GLUED_KICKER.match(first)
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


def split_names(names: str) -> list[str]:
    """Split a list of author names: ``A, B und C``."""
    parts = rules.NAME_SEPARATOR.split(names)
    return [p.strip() for p in parts if p.strip()]


def _dateline(lines: list[str]) -> tuple[str, list[str]]:
    """Move a dateline opening the first paragraph (``Berlin (dpa) - ``) out of the text."""
    for i, line in enumerate(lines):
        if headlike(line) or rules.BULLET.match(line):
            continue
        match = (
            rules.DATELINE.match(line)
            or rules.DATELINE_CAPS.match(line)
            or _dateline_bold(line)
            or rules.DATELINE_STOP.match(line)
        )
        if not match or match.group("place").split()[0].casefold() in rules.FUNCTION_WORDS:
            return "", lines
        rest = line[match.end() :].strip()
        return match.group("place").strip(), [*lines[:i], rest, *lines[i + 1 :]]
    return "", lines


def _dateline_bold(line: str) -> re.Match[str] | None:
    """Match ``**Kassel.** Der …``, not a run-in heading such as ``**Fazit.** …``."""
    match = rules.DATELINE_BOLD.match(line)
    return match if match and is_place_like(match.group("place")) else None


def is_place_like(place: str) -> bool:
    """Say whether a bold lead-in could name a place: no heading word, no abstract noun."""
    words = re.split(r"[ /-]", place.rstrip("."))
    return place.rstrip(".") not in rules.ABBREVIATIONS and not any(
        w.casefold() in rules.NOT_PLACES or rules.NOT_PLACE_ENDING.search(w) for w in words
    )


def _body(lines: list[str]) -> str:
    """Write the lines as Markdown blocks: paragraphs, ``## `` headings and ``- `` lists."""
    blocks: list[str] = []
    for i, line in enumerate(lines):
        if rules.DATE_LINE.match(bare(line)):
            continue  # a date line inside the text is page residue, not story
        if rules.BULLET.match(line):
            entry = "- " + rules.BULLET.sub("", line)
            if blocks and blocks[-1].startswith("- "):
                blocks[-1] += "\n" + entry
            else:
                blocks.append(entry)
        elif _is_heading(line, last=i == len(lines) - 1):
            blocks.append("## " + bare(line).rstrip(":"))
        else:
            blocks.append(line)
    while blocks and blocks[-1].startswith("## "):
        blocks.pop()  # a heading with nothing under it introduced something we dropped
    return "\n\n".join(blocks)


def _is_heading(line: str, *, last: bool) -> bool:
    if rules.MD_HEADING.match(line):
        return True
    if last or not headlike(line) or rules.QUOTED_HEADLINE.match(line):
        return False
    return len(line.split()) <= _MAX_HEADING_WORDS and not rules.SENTENCE_BREAK.search(line)


def derive_title(lines: list[str]) -> str:
    """Make a short title from the first paragraph's first sentence (no headline given)."""
    paragraph = next((ln for ln in lines if not rules.BULLET.match(ln)), lines[0] if lines else "")
    sentence = rules.SENTENCE_BREAK.split(bare(paragraph), maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) <= _TITLE_WORDS and len(sentence) <= _TITLE_CHARS:
        return sentence.rstrip(".")
    if len(words) <= 1:
        return sentence[:_TITLE_CHARS] + "…"  # one endless token: no word to cut at
    head = " ".join(words[:_TITLE_WORDS])[:_TITLE_CHARS]
    clause = rules.CLAUSE_BREAK.split(head)[0]
    kept = clause.split() if len(clause.split()) >= 5 else head.split()[:10]
    # Never end a cut title on "und" or "die": the headline would read as broken.
    while len(kept) > 1 and kept[-1].casefold() in rules.CONTINUATION_WORDS | rules.FUNCTION_WORDS:
        kept.pop()
    return " ".join(kept).rstrip(",;:–— ") + "…"
