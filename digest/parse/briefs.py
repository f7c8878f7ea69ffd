"""Briefs: a newsletter's paragraphs under one rubric, cut where the news changes.

Only for a text known to be a newsletter: under "Was heute wichtig ist" each
paragraph may be a piece of news of its own, while a web article's paragraphs tell
one story. A paragraph opens a new brief when the one above ended a sentence, it
does not point back, no quotation is left open, and it shares hardly a name or word
with the brief above; names most paragraphs share (the city of a city's newsletter)
do not count.
"""

from __future__ import annotations

import re

from digest.models import PARAGRAPH, Block
from digest.parse.patterns import PAYWALL_MARK
from digest.text.cohesion import refers_back
from digest.text.wordsets import ends_full, names, overlap, stems

BRIEF_NAMES = 2  # a paragraph sharing this many names with the brief above goes on with it
MIN_BRIEFS = 3  # a rubric of briefs holds several; two unlike paragraphs are one story's
BRIEF_MIN_WORDS = 10  # a shorter paragraph ("Von Anna Muster") belongs to the one above
BRIEF_OVERLAP = 0.1  # paragraphs sharing this much of their words tell one story
COMMON_SHARE = 0.2  # a name in this share of a newsletter's paragraphs tells nothing
COMMON_MIN = 5
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A teaser's closing byline: "… zur Fahndung ausgeschrieben. Von Anna Muster".
_TEASER_BYLINE = re.compile(r"[.!?…]\s+(?:Von|Ein Kommentar von)\s+[A-ZÄÖÜ][^.!?]{0,80}$")
# ... or a pointer to the article after its last sentence, a link's text without its link:
# "… mit dem Klimaschutz. Die Details", "… eine Lösung zu finden. Peter Münch berichtet".
_TEASER_TAIL = re.compile(r"[.!?…][\"“”»«)]*\s+(?P<tail>[^.!?…]+)$")
TAIL_WORDS = 8  # a pointer is short; a longer unfinished end is a line broken mid-sentence


def brief_groups(
    blocks: list[Block], background: frozenset[str] = frozenset(), least: int = MIN_BRIEFS
) -> list[list[Block]]:
    """Cut a newsletter's paragraphs under one rubric into briefs where the news changes.

    A paragraph opens a new brief when the one above ended a sentence, it does not
    point back ("Damit …", "Er sagte …"), and it shares hardly a name or word with
    the brief above; fewer than ``least`` such pieces are one story's paragraphs (under a
    rubric of short news even one is a brief).
    """
    groups: list[list[Block]] = [[blocks[0]]]
    for block in blocks[1:]:
        previous = groups[-1]
        open_quote = _open_quote(" ".join(b.flat for b in previous))
        opens = _opens_news(previous[-1], block)
        if not open_quote and opens and _unrelated(previous, block, background):
            groups.append([block])
        else:
            previous.append(block)
    return groups if len(groups) >= least else [blocks]


def _open_quote(text: str) -> bool:
    """Tell a text that leaves a quotation open: the next paragraph goes on quoting."""
    return text.count("„") > text.count("“") or text.count("»") > text.count("«")


def _opens_news(previous: Block, block: Block) -> bool:
    # After a question comes its answer (an interview), not other news.
    return (
        block.kind == PARAGRAPH
        and (ends_full(previous.flat) or _teaser_end(previous.flat))
        and not previous.flat.rstrip('“”"«» ').endswith("?")
        and (block.flat[:1].isupper() or block.flat[:1].isdigit() or block.flat[:1] in '„"»')
        and not refers_back(_FIRST_SENTENCE.split(block.flat, maxsplit=1)[0])
        and block.words >= BRIEF_MIN_WORDS
    )


def _teaser_end(text: str) -> bool:
    """Tell a teaser that ends on its byline or a pointer to the article after a sentence
    (a paywall mark after it, "(SZ Plus)", does not count)."""
    text = PAYWALL_MARK.sub("", text).rstrip()
    if ends_full(text) or _TEASER_BYLINE.search(text):
        return True
    tail = _TEASER_TAIL.search(text)
    return tail is not None and len(tail["tail"].split()) <= TAIL_WORDS


def _unrelated(group: list[Block], block: Block, background: frozenset[str]) -> bool:
    text = " ".join(b.flat for b in group)
    shared = (names(text) & names(block.flat)) - background
    return len(shared) < BRIEF_NAMES and overlap(stems(text), stems(block.flat)) < BRIEF_OVERLAP


def frequent_names(blocks: list[Block]) -> frozenset[str]:
    """Return the names most paragraphs share: a city's newsletter names its city everywhere."""
    paragraphs = [b for b in blocks if b.kind == PARAGRAPH]
    if len(paragraphs) < COMMON_MIN:
        return frozenset()
    found = [names(b.flat) for b in paragraphs]
    counts: dict[str, int] = {}
    for words in found:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= COMMON_SHARE * len(found))
