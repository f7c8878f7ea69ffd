"""Split a newsletter's blocks into stories and short items by their shape.

Runs of similar short blocks are items (``digest.parse.shapes`` says which runs count);
a short line right before a run introduces it and goes, a table of contents goes.

Headings cut the rest into sections. A section goes on with the story above it
when that story ended on a colon, when its heading is a level below the story's,
or when both name the same things; otherwise it is a piece of its own: a story
when long enough, an item ("Heading – text") when short. A lead above all
headings that only previews the pieces below is dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

from digest.models import BOLD, HEADING, ITEM, PARAGRAPH, Block
from digest.parse.briefs import brief_groups, frequent_names
from digest.parse.patterns import ITEM_SECTION
from digest.parse.pieces import Piece, Split, entry_piece, rubric_entries, text_piece
from digest.parse.shapes import (
    MIN_KNOWN_RUN,
    MIN_RUN,
    is_news_list,
    is_toc,
    item_runs,
    runs,
    sections,
    shape,
    speakers,
)  # fmt: skip
from digest.parse.titles import is_caps, is_rubric
from digest.text.wordsets import ends_full, named, names, stems

STORY_WORDS = 60  # an entry or headless piece this long is a story
HEADED_STORY_WORDS = 25  # a piece under its own heading this long is a story
INTRO_WORDS = 25  # a shorter paragraph right before a run introduces it
SHARED_NAMES = 3  # sections naming this many of the same things tell one story
PREVIEW_SHARE = 0.4  # a lead whose words mostly recur below previews the pieces
PREVIEW_PIECES = 2
RESIDUE_WORDS = 12  # a shorter piece without a full stop is a stray line, not news
# The newsletter speaking to its reader or of itself: "Sie", "Ihnen", "du", "wir", "unsere".
_SPEAKS = re.compile(
    r"(?<=[a-zäöüß,] )(?:Sie|Ihnen|Ihr|Ihre[mnrs]?)\b"
    r"|\b(?:du|dich|dir|euch|dein|deine[mnrs]?|euer|eure[mnrs]?|wir|uns|unser|unsere[mnrs]?)\b"
)


def _segments(
    body: list[Block], known: set[str], headings: list[Block], talk: set[str], rubric: bool
) -> list[tuple[str, list[Block]]]:
    """Cut a section's body into item runs, tables of contents and text.

    A bold lead-in opens new text. ``headings`` are the newsletter's headings and
    lead-ins, which a table of contents repeats. Under a ``rubric`` of short news
    ("Weitere Meldungen") a single bullet is an item already.
    """
    if rubric:  # "Weitere Meldungen": the rubric names the shape, whatever the count
        found: list[tuple[str, list[Block]]] = []
        for entry in rubric_entries(body):
            kind = "run" if entry.kind == ITEM else "briefs"
            if found and found[-1][0] == kind:
                found[-1][1].append(entry)
            else:
                found.append((kind, [entry]))
        return found
    starts = {start: (end, kind) for start, end, kind in runs(body, talk)}
    found = []
    i = 0
    while i < len(body):
        end, kind = starts.get(i, (i + 1, ""))
        entries = body[i:end]
        own = {id(e) for e in entries}
        others = [h.lead or h.flat for h in headings if id(h) not in own]
        if kind and len(entries) >= MIN_KNOWN_RUN and is_toc(entries, others):
            found.append(("toc", entries))
            i = end
            continue
        if kind in known and len(entries) >= MIN_KNOWN_RUN and is_news_list(entries, kind):
            found.append(("run", entries))
            i = end
            continue
        for block in entries:
            opens = block.kind == PARAGRAPH and shape(block, talk) == "bold"
            if found and found[-1][0] == "text" and not opens:
                found[-1][1].append(block)
            else:
                found.append(("text", [block]))
        i = end
    return found


def _continues(
    previous: Piece, piece: Piece, background: set[str], common: frozenset[str]
) -> bool:
    """Tell whether a section goes on with the story above it.

    ``background``: the kickers' words, shared by sections and telling nothing;
    ``common``: names most paragraphs share (a city's newsletter names the city in each).
    """
    if previous.paragraphs and previous.paragraphs[-1].rstrip().endswith(":"):
        return True
    explicit = 0 < previous.level < BOLD and 0 < piece.level < BOLD
    if explicit and piece.level > previous.level and not _is_residue(previous):
        return True  # a sub-heading of the story above (a masthead above a date is none)
    if {w[:6] for w in named(piece.title, first=True) & named(previous.text)} - common:
        return True  # the heading names what the story above named ("Was die Brücke kostet")
    shared = (names(previous.text) & names(piece.title + ". " + piece.text)) - background
    # A section too short to be a story, naming what the story above named, is its note.
    return len(shared) >= (1 if piece.words < HEADED_STORY_WORDS else SHARED_NAMES)


def _merge(previous: Piece, piece: Piece) -> Piece:
    heading = (f"## {piece.title}",) if piece.title else ()
    return Piece(previous.title, previous.kicker, previous.paragraphs + heading + piece.paragraphs,
                 previous.href or piece.href, previous.titled, previous.level)  # fmt: skip


def is_preview(first: Piece, others: list[Piece]) -> bool:
    """Tell a lead that only previews the pieces below it (an editorial's "heute …")."""
    if len(others) < PREVIEW_PIECES:
        return False
    own = stems(first.text)
    if not own:
        return False
    found = [stems(p.title + " " + p.text) for p in others]
    touched = sum(len(own & f) >= 2 for f in found)
    covered = len(own & set().union(*found)) / len(own)
    return touched >= PREVIEW_PIECES and covered >= PREVIEW_SHARE


def _background(blocks: list[Block]) -> set[str]:
    """Return the words of the kickers above headlines: shared by sections, telling nothing."""
    words: set[str] = set()
    for section in sections(blocks):
        for kicker in section.headings[:-1]:
            words |= names("X " + kicker.flat) | stems(kicker.flat)
    return words


def split(blocks: list[Block], *, greeted: bool = False, briefs: bool = False) -> Split:
    """Split cleaned blocks into stories and items by shape and headings.

    ``greeted``: the text followed a greeting, so a short lead above every heading is
    the letter's introduction ("die Updates des letzten Monats …"), not news.
    ``briefs``: the text is known to be a newsletter, so a run of unlike paragraphs
    under one heading is several briefs (a web article's paragraphs never are).
    """
    known = item_runs(blocks)
    background = _background(blocks)
    common = frequent_names(blocks)
    pieces: list[tuple[str, Piece]] = []
    toc: list[str] = []
    intros: list[str] = []
    headings = [b for b in blocks if b.kind == HEADING or b.lead]
    talk = speakers(blocks)
    marked = 0
    lead = 0  # pieces the first section was cut into as briefs
    briefed: set[int] = set()
    for number, section in enumerate(sections(blocks)):
        rubric = any(ITEM_SECTION.match(h.flat) for h in section.headings)
        segments = _segments(section.body, known, headings, talk, rubric)
        above = list(section.headings)
        for n, (kind, segment) in enumerate(segments):
            if kind == "toc":
                toc += [e.flat for e in segment]
                above = []  # "In dieser Ausgabe:" titles the table, not the story below
                continue
            if kind == "run":
                pieces += [("entry", entry_piece(b)) for b in segment]
                marked += sum(shape(b, talk) != "brief" or bool(b.tail) for b in segment)
                briefed |= {id(section)} if shape(segment[0], talk) == "brief" else set()
                above = []  # the heading above a run is the run's rubric
                continue
            if kind == "briefs":  # under a rubric: each brief is a piece, however few
                found = brief_groups(segment, common, 1)
                pieces += [("brief", text_piece([], group, talk)) for group in found]
                above = []
                continue
            if n + 1 < len(segments) and segments[n + 1][0] != "text" and _intro(segment[-1]):
                intros.append(segment.pop().flat)
                if not segment:
                    continue
            # Under a headline the paragraphs are its story's; under a rubric or none (a
            # letter's own paragraphs) they may be several briefs.
            rubric_above = not above or is_caps(above[-1].flat) or is_rubric(above[-1].flat)
            groups = brief_groups(segment, common) if briefs and rubric_above else [segment]
            if len(groups) > 1:  # a rubric's briefs: the rubric titles none of them
                pieces.append(("text", text_piece([], groups[0], talk)))
                pieces += [("brief", text_piece([], group, talk)) for group in groups[1:]]
                lead += len(groups) if number == 0 and len(pieces) == lead + len(groups) else 0
                above = []
                continue
            pieces.append(("text", text_piece(above, segment, talk)))
            above = []
    pieces = _merged(_uniform_cards(pieces, background, common), background, common)
    if lead > 1:  # a lead cut into briefs: an editorial previewing the rest goes whole
        joined = Piece("", "", tuple(p.text for _, p in pieces[:lead]))
        if is_preview(joined, [p for _, p in pieces[lead:]]):
            intros += [p.text for _, p in pieces[:lead]]
            pieces = pieces[lead:]
        elif greeted and _shortest(pieces[:lead]):
            intros.append(pieces.pop(0)[1].text)  # the letter's own opening line
    elif pieces and pieces[0][0] == "text" and _is_intro_piece(pieces[0][1], pieces[1:], greeted):
        intro = pieces.pop(0)[1]
        at = _announced(intro, pieces, common)
        if at is None:
            intros.append(intro.text)
        else:  # "Heute beschäftigt die Stadt der Streit um die Umgehungsstraße": its lead
            kind, piece = pieces[at]
            pieces[at] = (kind, replace(piece, paragraphs=(intro.text, *piece.paragraphs)))
    pieces = _untitled_masthead(pieces, blocks)
    # Leftovers are the letter's own stray lines; an entry of a list may be a bare headline.
    residue = [p.text for kind, p in pieces if kind == "text" and _is_residue(p)]
    pieces = [(kind, p) for kind, p in pieces if kind != "text" or not _is_residue(p)]
    stories = [p for kind, p in pieces if _is_story(kind, p)]
    items = [p for kind, p in pieces if not _is_story(kind, p)]
    return Split(stories, items, toc, intros, residue, marked, len(briefed))


def _announced(
    intro: Piece, pieces: list[tuple[str, Piece]], common: frozenset[str]
) -> int | None:
    """Return the one headed section a letter's opening line announces, if it names one."""
    own = named(intro.text, first=True) - common
    found = [n for n, (_, p) in enumerate(pieces) if p.level and own & named(p.title, first=True)]
    return found[0] if len(found) == 1 else None


def _untitled_masthead(
    pieces: list[tuple[str, Piece]], blocks: list[Block]
) -> list[tuple[str, Piece]]:
    """Take the newsletter's own name off a short first piece ("Der Morgen in der Region"
    above two sentences): the heading opening the letter titles it, not that note."""
    if not pieces or not blocks or blocks[0].kind != HEADING:
        return pieces
    kind, first = pieces[0]
    if kind != "text" or first.title != blocks[0].flat or first.words >= HEADED_STORY_WORDS:
        return pieces
    return [(kind, replace(first, title="", kicker="", titled=False, level=0)), *pieces[1:]]


def _is_residue(piece: Piece) -> bool:
    """Tell a leftover (a masthead, a label, a list of dates standing alone) from news: no
    sentence in it."""
    text = piece.text.strip()
    if not text or (piece.words < RESIDUE_WORDS and not ends_full(text)):
        return True
    lines = [line for p in piece.paragraphs for line in p.split("\n")]
    return all(line.startswith("- ") and not ends_full(line) for line in lines)


def _is_intro_piece(first: Piece, rest: list[tuple[str, Piece]], greeted: bool) -> bool:
    """Tell a lead that introduces the letter: short after a greeting or before a run of
    entries or cards ("Vier Texte, die wir gern gelesen haben."), or a preview."""
    others = [p for _, p in rest]
    if greeted and not first.level and first.words <= INTRO_WORDS and len(others) >= PREVIEW_PIECES:
        return True
    listed = len(rest) >= MIN_RUN and all(kind != "text" for kind, _ in rest[:MIN_RUN])
    if listed and _introduces(first.text):
        return True
    return is_preview(first, others)


def _shortest(lead: list[tuple[str, Piece]]) -> bool:
    """Tell whether the first of a lead's briefs is a short line shorter than all the others."""
    first, *others = (p.words for _, p in lead)
    return first <= INTRO_WORDS and all(first < n for n in others)


def _merged(
    pieces: list[tuple[str, Piece]], background: set[str], common: frozenset[str]
) -> list[tuple[str, Piece]]:
    """Join each section that goes on with the story above it (cards stay apart)."""
    out: list[tuple[str, Piece]] = []
    for kind, piece in pieces:
        goes_on = out and kind == out[-1][0] == "text"
        if goes_on and _continues(out[-1][1], piece, background, common):
            out[-1] = ("text", _merge(out[-1][1], piece))
        else:
            out.append((kind, piece))
    return out


def _intro(block: Block) -> bool:
    """Tell the short line introducing a list ("Diese Beiträge könnten Sie interessieren")."""
    return block.kind == PARAGRAPH and _introduces(block.flat)


def _introduces(text: str) -> bool:
    """Tell a short line that introduces what follows rather than telling news: it ends on
    a colon, or the newsletter speaks to its reader or of itself ("Das haben wir gelesen")."""
    short = len(text.split()) <= INTRO_WORDS
    return text.rstrip().endswith(":") or (short and bool(_SPEAKS.search(text)))


def _uniform_cards(
    pieces: list[tuple[str, Piece]], background: set[str], common: frozenset[str]
) -> list[tuple[str, Piece]]:
    """Make a run of sections headed alike all stories or all items, by their median length.

    A newsletter's cards (headline, teaser, link) are one kind of thing; a 24-word
    teaser among 30-word ones is no short item. Sections that go on with the one above
    (naming the same things) are one story's sub-headings, no run of cards.
    """
    out = list(pieces)
    i = 0
    while i < len(out):
        level = out[i][1].level
        j = i
        while j < len(out) and out[j][0] == "text" and level and out[j][1].level == level and (
            j == i or not _continues(out[j - 1][1], out[j][1], background, common)
        ):
            j += 1
        if j - i >= MIN_RUN:
            words = median(p.words for _, p in out[i:j])
            kind = "story" if words >= HEADED_STORY_WORDS else "item"
            out[i:j] = [(kind, p) for _, p in out[i:j]]
        i = max(j, i + 1)
    return out


def _is_story(kind: str, piece: Piece) -> bool:  # kinds: text, entry, brief, story, item
    if kind in ("story", "item"):
        return kind == "story"
    if kind == "text" and (piece.level or not piece.titled):  # the letter's own text, or a
        return piece.words >= HEADED_STORY_WORDS  # section under a heading of its own
    return piece.words >= STORY_WORDS  # an entry or brief of a list
