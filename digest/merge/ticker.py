"""Live tickers and roundup pages: keep only the pieces about the story being merged."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from digest.models import Article
from digest.text.features import cosine, extract, name_stems
from digest.text.sentences import is_stopword

# A news page that strings unrelated pieces together (a live ticker: "Laschet fordert …",
# "RKI registriert …", "In Berlin werden Intensivbetten knapp") has this many sections or
# more, most of them unlike the one above, and headings that are not an FAQ's questions.
TICKER_SECTIONS = 4
# Of a ticker, a story keeps the pieces at least this share as close to the other reports
# as the closest piece: the one it was grouped by, and what else is about the same news.
TICKER_RELEVANT = 0.25
NEW_TOPIC_COSINE = 0.1  # a section this unlike the one above it tells other news
SHARED_STEMS = 3  # ... and this many words: two short texts share "Neustadt" and "Angaben"
# One name is not enough: every piece of a city's page names the city.
SHARED_NAMES = 2  # sections sharing this many names tell one story


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


def about_story(article: Article, others: Sequence[Article]) -> Article:
    """Return ``article`` with only the pieces about the story that ``others`` report.

    A live ticker joins a story by the one entry that reports it; its other entries are
    other news and must not become that source's own facts. Only a page that is mostly
    other news loses its pieces: an article that tells one story under sub-headings, a
    few of them less close to the other reports, comes back unchanged.
    """
    found = sections(article.body)
    if not others or not _is_ticker(found):
        return article
    story = extract("", "\n\n".join(f"{o.title}\n\n{o.body}" for o in others))
    texts = ["\n\n".join([heading, *blocks]) for heading, blocks in found]
    closeness = [cosine(extract("", text), story) for text in texts]
    floor = TICKER_RELEVANT * max(closeness)
    kept = [k for k, value in enumerate(closeness) if value >= floor]
    if 2 * len(kept) >= len(found):
        return article  # mostly about the story: one story told from several sides
    blocks = [
        block
        for k in kept
        for block in ([f"## {found[k][0]}"] if found[k][0] else []) + found[k][1]
    ]
    return replace(article, body="\n\n".join(blocks))


def _is_ticker(found: list[tuple[str, list[str]]]) -> bool:
    """Tell a page of unrelated pieces of news from one story told under sub-headings."""
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
