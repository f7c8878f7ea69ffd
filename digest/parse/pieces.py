"""The pieces a newsletter is split into: stories and items, built from its blocks.

A piece has a title (a heading, a bold lead-in, the headline of a "Headline. Text."
brief), a kicker (the short heading above the title) and its running text as Markdown
paragraphs; an item is a piece written on one line ("Titel – Text").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from digest.models import HEADING, ITEM, PARAGRAPH, Block
from digest.parse.patterns import INLINE_BULLET, ITEM_TIME
from digest.parse.shapes import entry_text, headed, shape
from digest.text.sentences import split_sentences
from digest.text.wordsets import ends_thought

KICKER_WORDS = 8
_DATE = re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zäÄ]{3,})\s?\d{2,4}")
_HEADLINE_WORDS = 12  # a line without a sentence end this short heads the text below it
LABELLED_HEAD_WORDS = 14  # the headline after a label ("Fußball: …") is one short sentence


@dataclass(frozen=True)
class Piece:
    """One story or item of a newsletter: title, kicker and running text."""

    title: str
    kicker: str
    paragraphs: tuple[str, ...]
    href: str | None = None
    titled: bool = False  # the title is a heading or lead-in of the newsletter
    level: int = 0  # rank of the heading that opened it (0: none)

    @property
    def text(self) -> str:
        """Return the running text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        """Count the words of the running text (sub-headings left out)."""
        return sum(len(p.split()) for p in self.paragraphs if not p.startswith("## "))

    def as_item(self) -> str:
        """Return the text of this piece as one short item (list entries joined by "; ")."""
        body = " ".join(_flat(p) for p in self.paragraphs)
        if not self.titled or not self.title:
            return body
        return (
            f"{self.title} {body}"
            if self.title.endswith((".", ":", "!", "?"))
            else f"{self.title} – {body}"
        )


def _flat(paragraph: str) -> str:
    """Return a paragraph on one line: a heading's mark and list markers gone."""
    lines = [line.removeprefix("## ").removeprefix("- ").strip() for line in paragraph.split("\n")]
    return "; ".join(" ".join(line.split()) for line in lines if line)


@dataclass(frozen=True)
class Split:
    """The pieces of one newsletter, and what was taken out as its furniture."""

    stories: list[Piece]
    items: list[Piece]
    toc: list[str] = field(default_factory=list)
    intros: list[str] = field(default_factory=list)
    residue: list[str] = field(default_factory=list)
    entries: int = 0  # pieces from marked item runs (bullets, numbers, lead-ins, labels)
    briefings: int = 0  # sections holding a run of "Headline. Text." briefs


def without_lead(block: Block) -> str:
    text = entry_text(block)
    return text[len(block.lead) :].strip() if block.lead and text.startswith(block.lead) else text


def entry_piece(block: Block) -> Piece:
    """Make one entry of an item run a piece: its lead-in or headline is its title."""
    text = entry_text(block)
    if block.lead:
        return Piece(block.lead, "", (without_lead(block),), block.href, titled=True)
    head = headed(text)
    if head and shape(block) == "brief":
        cut = len(head) + 1
        title, rest = text[:cut].strip(), text[cut:].strip()
        if title.endswith(":"):
            return _labelled(head, rest, block.href)
        return Piece(title, "", (rest,), block.href, titled=True)
    return Piece("", "", (text,), block.href)


def _labelled(label: str, rest: str, href: str | None) -> Piece:
    """Make a brief led by a label a piece: "Champions League: Dortmund siegt in Brügge. Der
    BVB …" is the headline "Dortmund siegt in Brügge" under the kicker "Champions League".
    A label alone says what the brief is about, not what happened."""
    first = (split_sentences(rest) or [""])[0]
    after = rest[len(first) :].strip()
    if first.endswith((".", "!")) and len(first.split()) <= LABELLED_HEAD_WORDS and after:
        return Piece(first.rstrip(".!").strip(), label, (after,), href, titled=True)
    return Piece(f"{label}:", "", (rest,), href, titled=True)


def paragraphs(blocks: list[Block]) -> list[str]:
    """Write text blocks as paragraphs; list entries become "- " lines of one paragraph."""
    out: list[str] = []
    for block in blocks:
        if block.kind == ITEM:
            entry = f"- {entry_text(block)}"
            if out and out[-1].startswith("- "):
                out[-1] += "\n" + entry
            else:
                out.append(entry)
        elif block.kind == HEADING:
            out.append(f"## {block.flat}")
        else:
            out.append(entry_text(block))
    return out


def text_piece(headings: list[Block], blocks: list[Block], talk: set[str]) -> Piece:
    """Make a text segment a piece, titled by its heading or its bold lead-in."""
    href = next((b.href for b in [*headings, *blocks] if b.href), None)
    if headings:
        title = headings[-1].flat
        above = headings[-2].flat if len(headings) > 1 else ""
        kicker = above if len(above.split()) <= KICKER_WORDS and not _DATE.search(above) else ""
        level = min(h.level for h in headings)
        return Piece(title, kicker, tuple(paragraphs(blocks)), href, titled=True, level=level)
    first = blocks[0]
    if first.kind == PARAGRAPH and first.lead and shape(first, talk) == "bold":
        rest = [without_lead(first), *paragraphs(blocks[1:])]
        return Piece(first.lead, "", tuple(p for p in rest if p), href, titled=True)
    return Piece("", "", tuple(paragraphs(blocks)), href)


def rubric_entries(blocks: list[Block]) -> list[Block]:
    """Read the blocks under a rubric of short news ("Kurz gemeldet") as its entries.

    Each paragraph or list entry is one; a headline line without a sentence end takes
    the text below it along ("Neues Café am Hafen" + "Am Hafen eröffnet …"); entries
    run together with bullets ("A • B • C") come apart; a time opening an entry goes.
    """
    found: list[Block] = []
    head: Block | None = None
    for block in blocks:
        text = ITEM_TIME.sub("", block.flat)
        headline = not ends_thought(text) and len(text.split()) <= _HEADLINE_WORDS
        if block.kind == PARAGRAPH and headline:
            found += [head] if head else []
            head = _entry(block, text)
            continue
        parts = [p.strip() for p in INLINE_BULLET.split(text) if p.strip()]
        if len(parts) > 1 or block.kind == ITEM or not head:
            found += [head] if head else []
            found += [_entry(block, p) if len(parts) > 1 or block.kind == ITEM
                      else replace(block, text=p) for p in parts]  # fmt: skip
        elif parts:  # a headline and its text: one entry, the headline its lead-in
            found.append(replace(_entry(block, f"{head.text} {parts[0]}"), lead=head.text))
        head = None
    found += [head] if head else []
    return found


def _entry(block: Block, text: str) -> Block:
    """Return ``block`` as one entry of a list of short news."""
    return replace(block, kind=ITEM, text=text, marker=block.marker or "bullet", lead="")
