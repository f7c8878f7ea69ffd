"""Item shapes: which runs of blocks are lists of news, and which only look like one.

A run of similar short blocks is a list of items, whatever its rubric is called:
bullets, numbered entries, paragraphs opening with a bold lead-in, paragraphs of
the shape "Headline. One or two sentences.", or paragraphs ending in a link label.
Three make a run; once a shape has made a run in a newsletter, two of the same
shape elsewhere in it are items too. A run is no list of news when its entries are
fragments (a changelog, a fact list: the story's own list), when they say nearly
the same thing (the options of a quiz), when neighbours keep naming the same
things (an essay's paragraphs), when its lead-ins recur (an interview's speakers),
or when they repeat the other headings (a table of contents).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from digest.models import HEADING, ITEM, PARAGRAPH, Block
from digest.text.wordsets import ends_full, names, overlap, stems

MIN_RUN = 3  # entries that make an item list of a new shape
MIN_KNOWN_RUN = 2  # entries of a shape the newsletter already used for items
FRAGMENT_WORDS = 12  # entries this short, mostly without a full stop, are a fact list
ALIKE = 0.3  # entries overlapping this much are alternatives, not separate news
TOC_SHARE = 0.5  # a run whose entries mostly repeat headings is a table of contents
TOC_MATCH = 0.6  # an entry repeats a heading when this share of its words is in it
TOC_ENTRY_WORDS = 15  # an entry of a table of contents is a headline, not a paragraph
INTERVIEW_TURNS = 3  # a lead-in said this often makes the text an interview
RELATED_NAMES = 2  # unmarked entries sharing this many names with the next are one story
_HEADED = re.compile(r"^(?P<head>[^.!?:,;]{3,90}?)[.:!?]\s+(?=[A-ZÄÖÜ„\"\d])")
_HEADED_MAX = 120  # a brief under its headline runs to a few sentences
_HEADED_HEAD_WORDS = 10
_HEADED_HEAD_MIN = 2  # "Wochen. Wünschen Sie …" is a broken line, not a headline


@dataclass
class Section:
    headings: list[Block]
    body: list[Block] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.headings[0].level if self.headings else 0


def sections(blocks: list[Block]) -> list[Section]:
    """Cut blocks at heading runs: each section is its headings and the blocks below."""
    found: list[Section] = [Section([])]
    for block in blocks:
        if block.kind == HEADING:
            if found[-1].body:
                found.append(Section([]))
            found[-1].headings.append(block)
        else:
            found[-1].body.append(block)
    return [s for s in found if s.headings or s.body]


def headed(text: str) -> str:
    """Return the headline of a "Headline. One or two sentences." paragraph, or ``""``."""
    match = _HEADED.match(text)
    if not match or len(text.split()) > _HEADED_MAX:
        return ""
    head = match.group("head")
    fits = _HEADED_HEAD_MIN <= len(head.split()) <= _HEADED_HEAD_WORDS
    return head if fits and text[match.end() :].strip() else ""


def speakers(blocks: list[Block]) -> set[str]:
    """Return the lead-ins that recur: an interview's speakers ("ZEIT ONLINE:", "Buss:").

    Items never share a lead-in; a lead-in said twice labels who speaks, so such
    paragraphs are one conversation, not a list of news.
    """
    counts: dict[str, int] = {}
    for block in blocks:
        if block.lead:
            key = _speaker_key(block.lead)
            counts[key] = counts.get(key, 0) + 1
    talk = {key for key, n in counts.items() if n > 1}
    if any(n >= INTERVIEW_TURNS for n in counts.values()):
        # An interview: every lead-in names a speaker, even one who speaks once.
        talk |= set(counts)
    return talk


def _speaker_key(lead: str) -> str:
    # "Peter Baker (lacht):" is the speaker "peter baker".
    return " ".join(re.sub(r"\([^)]*\)", " ", lead).casefold().strip(" :.").split())


def shape(block: Block, talk: set[str] | None = None) -> str:
    """Name the item shape of a block, or ``""`` when it is running text.

    ``talk``: the lead-ins that label speakers, which make no item shape.
    """
    if block.kind == ITEM:
        return block.marker or "bullet"
    if block.kind != PARAGRAPH:
        return ""
    if block.lead and _speaker_key(block.lead) in (talk or set()):
        return ""
    if block.lead:
        return "bold"
    # Unmarked briefs: "Headline. One or two sentences." or text ending in a link label
    # ("… Mehr dazu"); a briefing mixes both, so they make one shape.
    return "brief" if headed(block.flat) or block.tail else ""


def runs(body: list[Block], talk: set[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, shape) of each maximal run of one shape (numbers counting up)."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(body):
        kind = shape(body[i], talk)
        j = i + 1
        while (
            kind
            and j < len(body)
            and shape(body[j], talk) == kind
            and _follows(body[j - 1], body[j])
        ):
            j += 1
        if kind:
            found.append((i, j, kind))
        i = j
    return found


def _follows(previous: Block, block: Block) -> bool:
    if previous.number is not None and block.number is not None:
        return block.number == previous.number + 1
    return True


def entry_text(block: Block) -> str:
    return " ".join(block.text.split())


def is_fact_list(entries: list[Block]) -> bool:
    """Tell a list of fragments (a changelog, facts of one story) from a list of news."""
    sentences = sum(ends_full(e.flat) for e in entries)
    return median(e.words for e in entries) < FRAGMENT_WORDS and 3 * sentences < len(entries)


def are_related(entries: list[Block]) -> bool:
    """Tell paragraphs that go on with one subject: neighbours name the same things.

    Only for unmarked shapes ("Headline. Sentence.", a link label at the end): an
    essay's paragraphs may open on a short sentence too, but they keep naming the
    same people and places; separate news do not.
    """
    found = [names(e.flat) | stems(e.lead) for e in entries]
    shared = [len(a & b) for a, b in itertools.pairwise(found)]
    return bool(shared) and sum(shared) / len(shared) >= RELATED_NAMES


def are_alike(entries: list[Block]) -> bool:
    """Tell entries that say nearly the same thing (a quiz's options) from separate news."""
    pairs = list(itertools.combinations([stems(e.flat) for e in entries], 2))
    return bool(pairs) and sum(overlap(a, b) for a, b in pairs) / len(pairs) >= ALIKE


def is_toc(entries: list[Block], headings: list[str]) -> bool:
    """Tell a table of contents: entries that repeat the newsletter's other headings."""
    targets = [stems(h) for h in headings if stems(h)]
    if not targets:
        return False
    hits = 0
    if any(e.words > TOC_ENTRY_WORDS for e in entries):
        return False  # entries that tell their news are no table of contents
    for entry in entries:
        words = stems(entry.lead or entry.flat)
        hits += bool(words) and any(len(words & t) >= TOC_MATCH * len(words) for t in targets)
    return hits >= TOC_SHARE * len(entries)


def is_news_list(entries: list[Block], kind: str) -> bool:
    """Tell a run of separate pieces of news from a story's own list or paragraphs."""
    if is_fact_list(entries) or are_alike(entries):
        return False
    return kind != "brief" or not are_related(entries)


def item_runs(blocks: list[Block]) -> set[str]:
    """Return the shapes that make item runs of ``MIN_RUN`` or more in the newsletter."""
    known: set[str] = set()
    talk = speakers(blocks)
    for section in sections(blocks):
        for start, end, kind in runs(section.body, talk):
            entries = section.body[start:end]
            if end - start >= MIN_RUN and is_news_list(entries, kind):
                known.add(kind)
    return known


def marked_run(blocks: list[Block]) -> bool:
    """Tell whether ``blocks`` open with a run of marked items: bullets, numbers, lead-ins
    or link labels, ``MIN_RUN`` or more, that tell separate news (a line may introduce it)."""
    body: list[Block] = []
    for block in blocks:
        if block.kind == HEADING:
            break
        body.append(block)
    talk = speakers(body)
    for start, end, kind in runs(body, talk):
        entries = body[start:end]
        marked = kind != "brief" or all(e.tail for e in entries)
        if start <= 1 and end - start >= MIN_RUN and marked and is_news_list(entries, kind):
            return True
    return False
