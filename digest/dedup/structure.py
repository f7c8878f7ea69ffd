"""Text that is not one news report, and reports cut from one template.

Read on real nights, the grouping's wrong merges came from pages that are not one report
(a live ticker, a roundup of briefs, a newsletter's table of contents) and from texts cut
from one template (one press release sent to two districts, the police's or the stock
market's daily report). A ticker is matched by its sections, one at a time, and never with
another ticker (two of them share their frame, not an event); two texts of one template
must agree on the figures the template leaves open (its places and names differ too, but
German capitalises every noun, so only a figure is told apart from a reworded phrase).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from digest.models import Article
from digest.text.features import content_sentences, cosine, extract, name_stems
from digest.text.sentences import is_stopword

# A live ticker strings unrelated pieces together ("Laschet fordert …", "RKI registriert …"):
# this many sections or more, most of them unlike the one above, and headings that are not
# an FAQ's questions.
TICKER_SECTIONS = 4
NEW_TOPIC_COSINE = 0.1  # a section this unlike the one above it tells other news
SHARED_STEMS = 3  # ... and this many words: two short texts share "Neustadt" and "Angaben"
# One name is not enough: every piece of a city's page names the city.
SHARED_NAMES = 2  # sections sharing this many names tell one story
# Template pairs: the heads (headline and lead) share most of their words, and two or
# more of the template's open places hold other figures.
HEAD_SENTENCES = 3
HEAD_CHARS = 1500  # the lead lies in the first characters: splitting the rest costs
TEMPLATE_SHARE = 0.5  # share of the shorter head's words in blocks both heads hold
SLOT_WORDS = 3  # a place the template leaves open holds a few words
SLOT_CONTEXT = 2  # ... between at least this many shared words on either side
TEMPLATE_SLOTS = 2  # open places that disagree: one could be an updated figure
_TOKENS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*")


def sections(body: str) -> list[tuple[str, list[str]]]:
    """Cut a Markdown body at its ``## `` sub-headings: (heading, paragraphs) pairs."""
    found: list[tuple[str, list[str]]] = [("", [])]
    for block in body.split("\n\n"):
        if block.startswith("## "):
            found.append((block[3:].strip(), []))
        elif block.strip():
            found[-1][1].append(block)
    return [(heading, blocks) for heading, blocks in found if blocks]


def _names(text: str) -> set[str]:
    # "Die" opening a sentence before a noun reads as part of a name: only real names count.
    return {n for n in name_stems(text) if n.isalpha() and not is_stopword(n)}


def unrelated(first: str, second: str) -> bool:
    """Tell whether two texts share few words and at most one name."""
    a, b = extract("", first), extract("", second)
    shared = len(a.terms.keys() & b.terms.keys())
    alike = cosine(a, b) >= NEW_TOPIC_COSINE and shared >= SHARED_STEMS
    return not alike and len(_names(first) & _names(second)) < SHARED_NAMES


def is_ticker(found: list[tuple[str, list[str]]]) -> bool:
    """Tell a page of unrelated sections (a live ticker) from one story under sub-headings."""
    if len(found) < TICKER_SECTIONS:
        return False
    headings = [heading for heading, _ in found if heading]
    if 2 * sum(heading.rstrip().endswith("?") for heading in headings) >= len(headings):
        return False  # an FAQ or an interview: questions about one subject
    unlike = sum(
        unrelated("\n\n".join(blocks), "\n\n".join([next_heading, *next_blocks]))
        for (heading, blocks), (next_heading, next_blocks) in itertools.pairwise(found)
    )
    return 2 * unlike >= len(found) - 1


def pieces(body: str) -> list[str]:
    """Return the sections of a page of unrelated news (a live ticker); [] for one report.

    Only sub-headed pages are told apart: the paragraphs of a roundup without sub-headings
    share as few words as a report's do (on FANG, "Was wichtig ist" scored like a feature
    on mysterious steles), so no cohesion threshold separated them.
    """
    found = sections(body)
    if not is_ticker(found):
        return []
    return ["\n\n".join([f"## {heading}" if heading else "", *blocks]).strip()
            for heading, blocks in found]  # fmt: skip


def head_tokens(article: Article) -> list[str]:
    """Return the lower-cased words and numbers of the headline and the lead."""
    lead = content_sentences(article.body[:HEAD_CHARS])[:HEAD_SENTENCES]
    return _TOKENS.findall(" ".join([article.title, *lead]).lower())


def template_pair(a: list[str], b: list[str]) -> bool:
    """Tell two heads cut from one template that give other figures in its places.

    "… 3,1 Millionen Euro an 232 Antragsteller im Landkreis Erding …" against "… 3,3
    Millionen Euro an 188 Antragsteller im Landkreis Ebersberg …": the same press release
    for two districts, two events. Two reports of one event word their leads apart; a
    syndicated copy, or an update with one new figure, has at most one such place.
    """
    if not a or not b:
        return False
    words = SequenceMatcher(None, a, b, autojunk=False)
    ops = words.get_opcodes()
    shared = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    if shared < TEMPLATE_SHARE * min(len(a), len(b)):
        return False
    slots = 0
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or max(i2 - i1, j2 - j1) > SLOT_WORDS:
            continue
        if not (_context(ops, k - 1) and _context(ops, k + 1)):
            continue
        if _figure(a[i1:i2]) and _figure(b[j1:j2]):
            slots += 1
    return slots >= TEMPLATE_SLOTS


def _figure(words: list[str]) -> bool:
    """Tell whether a slot holds a figure: German capitalises every noun, so a capitalised
    word in a template's place may be "Autor" as well as "Erding"; a number is a number."""
    return any(word[:1].isdigit() for word in words)


def _context(ops: Sequence[tuple[str, int, int, int, int]], k: int) -> bool:
    """Tell whether opcode ``k`` is shared text long enough to frame a slot (or an end)."""
    if k < 0 or k >= len(ops):
        return True
    tag, i1, i2, _, _ = ops[k]
    return tag == "equal" and i2 - i1 >= SLOT_CONTEXT
