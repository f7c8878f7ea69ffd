"""German news structure: kicker, headline, dateline, body and short items from plain text.

The steps run in order on the lines of a text: clean the lines, join hard-wrapped
paragraphs and lone bullets (``digest.parse.wrap``), drop captions and boilerplate
(``digest.parse.cleanup``), cut FAQ and source lists, take the short-item section and the
signature (``digest.parse.items``), read the header (ressort, date, kicker, headline,
byline) and the dateline (``digest.parse.header``), and write the body as Markdown blocks.

A text without a headline (a newsletter that starts with its lead paragraph) gets
the lead's first sentence as its title, cut at a clause boundary or after a few words
and marked with "…" when cut, so a rendered issue never shows an empty headline.
"""

from __future__ import annotations

from digest.models import Article, Source
from digest.parse.cleanup import (
    drop_appeals,
    drop_boilerplate,
    drop_captions,
    drop_closing_notes,
    drop_teasers,
)
from digest.parse.header import HEADER_LINES, read_dateline, read_header
from digest.parse.items import signature_names, split_items
from digest.parse.lines import bare, headlike
from digest.parse.patterns import (
    BULLET,
    CLAUSE_BREAK,
    DATE_LINE,
    GREETING,
    ITEM_SECTION,
    MD_HEADING,
    QUOTED_HEADLINE,
    SENTENCE_BREAK,
)
from digest.parse.wrap import clean_lines, join_bullets, join_drop_caps, unwrap
from digest.text.paragraphs import trailing_cut
from digest.text.patterns import END_HEADING
from digest.text.vocabulary import CONTINUATION_WORDS, FUNCTION_WORDS

_MAX_HEADING_WORDS = 14  # a sub-heading is short
_TITLE_WORDS = 14  # a derived title keeps at most this many words
_TITLE_CHARS = 150  # ... and at most about this many characters


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
        (i for i, line in enumerate(lines[:HEADER_LINES]) if GREETING.match(bare(line))),
        None,
    )
    # A letter's header ends at its greeting: "Was wichtig ist" below it is a rubric.
    limit = HEADER_LINES if greeting is None else len(_clean(lines[:greeting]))
    lines = drop_closing_notes(_clean(_cut_end_sections(lines)))
    lines, items, signature = split_items(lines)
    header, lines = read_header(lines, title, aliases, limit)
    dateline, lines = read_dateline(lines)
    body = _body(lines)
    authors = header.authors or signature_names(signature)
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
    """Drop a trailing FAQ, source list or related box: from its heading to the next item
    section. Only a section that trails the story goes (``text.paragraphs.trailing_cut``)."""
    start = trailing_cut(lines, lambda line: END_HEADING.match(bare(line)) is not None)
    if start == len(lines):
        return lines
    rest = next((i for i in range(start, len(lines)) if ITEM_SECTION.match(bare(lines[i]))), None)
    return lines[:start] + (lines[rest:] if rest is not None else [])


def _body(lines: list[str]) -> str:
    """Write the lines as Markdown blocks: paragraphs, ``## `` headings and ``- `` lists."""
    blocks: list[str] = []
    for i, line in enumerate(lines):
        if DATE_LINE.match(bare(line)):
            continue  # a date line inside the text is page residue, not story
        if BULLET.match(line):
            entry = "- " + BULLET.sub("", line)
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
    if MD_HEADING.match(line):
        return True
    if last or not headlike(line) or QUOTED_HEADLINE.match(line):
        return False
    return len(line.split()) <= _MAX_HEADING_WORDS and not SENTENCE_BREAK.search(line)


def derive_title(lines: list[str]) -> str:
    """Make a short title from the first paragraph's first sentence (no headline given)."""
    paragraph = next((ln for ln in lines if not BULLET.match(ln)), lines[0] if lines else "")
    sentence = SENTENCE_BREAK.split(bare(paragraph), maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) <= _TITLE_WORDS and len(sentence) <= _TITLE_CHARS:
        return sentence.rstrip(".")
    if len(words) <= 1:
        return sentence[:_TITLE_CHARS] + "…"  # one endless token: no word to cut at
    head = " ".join(words[:_TITLE_WORDS])[:_TITLE_CHARS]
    clause = CLAUSE_BREAK.split(head)[0]
    kept = clause.split() if len(clause.split()) >= 5 else head.split()[:10]
    # Never end a cut title on "und" or "die": the headline would read as broken.
    while len(kept) > 1 and kept[-1].casefold() in CONTINUATION_WORDS | FUNCTION_WORDS:
        kept.pop()
    return " ".join(kept).rstrip(",;:–— ") + "…"
