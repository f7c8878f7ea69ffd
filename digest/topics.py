"""Split a newsletter into its stories and short items before they meet other sources.

A briefing ("Nachrichten am Morgen", "Die Lage") tells several pieces of news: under
sub-headings, or one paragraph each under a rubric ("Was wichtig ist"). As one article
it would show up as one story with the newsletter's name as its headline, and none of
its news could join another outlet's report of the same event. So each topic becomes an
article of its own when it is long enough to be a story, and a short item otherwise;
items then join the story they retell or are listed under "Weitere Meldungen".

Only newsletters are split (a mail, or a text with a greeting or a short-item section):
a web article's sub-headings tell one story from several sides, and a listicle's
sections share hardly a word yet belong together. A paragraph starts a new topic when it
shares at most one name and a trace of its words with the topic above it; the
paragraphs of one story share the story's names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from digest import rules
from digest.cohesion import points_back
from digest.dedup import cosine
from digest.features import extract, name_stems
from digest.models import Article, Item
from digest.sentences import is_stopword
from digest.structure import derive_title

NEW_TOPIC_COSINE = 0.1  # a paragraph this unlike the topic above it tells other news
SHARED_STEMS = 3  # ... and this many words: two short texts share "Neustadt" and "Angaben"
# One name is not enough: every topic of a city's newsletter names the city.
SHARED_NAMES = 2  # paragraphs sharing this many names tell one story
MIN_TOPIC_WORDS = 25  # a shorter section is a note to the topic above it, not a story
MIN_BRIEF_WORDS = 10  # a shorter paragraph ("Von Anna Muster") belongs to the one above
MIN_BRIEFS = 3  # a rubric of briefs holds several; two unlike paragraphs are one story's
BRIEF_STORY_WORDS = 60  # a brief this long is a story; a shorter one is a short item
# A news page that strings unrelated pieces together (a live ticker: "Laschet fordert …",
# "RKI registriert …", "In Berlin werden Intensivbetten knapp") has this many sections or
# more, most of them unlike the one above, and headings that are not an FAQ's questions.
TICKER_SECTIONS = 4
# Of a ticker, a story keeps the pieces at least this share as close to the other reports
# as the closest piece: the one it was grouped by, and what else is about the same news.
TICKER_RELEVANT = 0.25
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "“", "”", "«", "»", ")")
# A teaser's closing byline: "… zwei sehr unterschiedliche Frauen. Von Anna Muster"
_TEASER_BYLINE = re.compile(r"[.!?…]\s+(?:Von|Ein Kommentar von)\s+[A-ZÄÖÜ][^.!?]{0,80}$")
_QUOTES = "\"„“»«‚'"


@dataclass
class _Topic:
    """Paragraphs of one piece of news, and the sub-heading that titles it."""

    heading: str
    blocks: list[str] = field(default_factory=list)
    brief: bool = False  # one of several pieces of news under a rubric
    lead: bool = False  # the text above every sub-heading

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)

    @property
    def words(self) -> int:
        return sum(len(b.split()) for b in self.blocks if not b.startswith("## "))

    @property
    def is_story(self) -> bool:
        return self.words >= (BRIEF_STORY_WORDS if self.brief else MIN_TOPIC_WORDS)


def _sections(body: str) -> list[tuple[str, list[str]]]:
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


def _unrelated(topic: _Topic, text: str) -> bool:
    """Tell whether ``text`` shares few words and at most one name with ``topic``."""
    a, b = extract("", topic.text), extract("", text)
    shared = len(a.terms.keys() & b.terms.keys())
    alike = cosine(a, b) >= NEW_TOPIC_COSINE and shared >= SHARED_STEMS
    return not alike and len(_names(topic.text) & _names(text)) < SHARED_NAMES


def _continues(topic: _Topic, heading: str, blocks: list[str]) -> bool:
    """Tell whether a sub-headed section goes on with ``topic``.

    It does when it is too short to be a story, when its heading names something the
    topic named ("Was die Nordbrücke kostet"), or when its text is like the topic's.
    """
    if sum(len(b.split()) for b in blocks) < MIN_TOPIC_WORDS:
        return True
    if extract("", heading).terms.keys() & extract("", topic.text).terms.keys():
        return True
    return not _unrelated(topic, "\n\n".join([heading, *blocks]))


def _opens_news(previous: str, block: str) -> bool:
    """Tell whether ``block`` can open a piece of news after ``previous``.

    It must be long enough and begin a sentence where the one above ended one: a scrape
    that broke lines inside a sentence leaves fragments that only continue the text. And
    it must not open on a word pointing back ("Damit …", "Das bedeutet …").
    """
    ended = previous.rstrip().endswith(_SENTENCE_ENDS) or bool(_TEASER_BYLINE.search(previous))
    starts = block[:1].isupper() or block[:1].isdigit() or block[:1] in _QUOTES
    fresh = not points_back(block)
    return ended and starts and fresh and len(block.split()) >= MIN_BRIEF_WORDS


def _briefs(heading: str, blocks: list[str]) -> list[_Topic]:
    """Group a section's paragraphs into pieces of news (a rubric holds several)."""
    found: list[_Topic] = []
    for block in blocks:
        if not found or (_opens_news(found[-1].blocks[-1], block) and _unrelated(found[-1], block)):
            found.append(_Topic("", brief=True))
        found[-1].blocks.append(block)
    if len(found) == 1:
        found[0].heading = heading
    return found


def topics(body: str) -> list[_Topic]:
    """Group the text of ``body`` into pieces of news, in reading order.

    The text above the first sub-heading is the newsletter's lead story, one topic. A
    sub-headed section is one topic, or part of the topic above it when it shares its
    names; a rubric ("Was wichtig ist") holding several unlike paragraphs is several.
    """
    found: list[_Topic] = []
    for heading, blocks in _sections(body):
        briefs = _briefs(heading, blocks) if heading else []
        if len(briefs) >= MIN_BRIEFS:
            found.extend(briefs)
            continue
        if found and heading and _continues(found[-1], heading, blocks):
            found[-1].blocks += [f"## {heading}", *blocks]  # one story's sub-heading
        else:
            found.append(_Topic(heading, list(blocks), lead=not heading))
    return found


def _item(topic: _Topic) -> Item:
    lines = (rules.BULLET.sub("", line) for b in topic.blocks if not b.startswith("## ")
             for line in b.splitlines())  # fmt: skip
    return Item(text=" ".join(" ".join(lines).split()))


def _story(newsletter: Article, topic: _Topic, lead: bool) -> Article:
    """Make one topic an article: its heading or its first sentence is the title."""
    blocks = topic.blocks[1:] if topic.blocks[0].startswith("## ") else topic.blocks
    if lead:  # the text above every sub-heading: the newsletter's own headline fits it
        return replace(newsletter, body="\n\n".join(blocks), items=[])
    title = topic.heading or derive_title([b for b in blocks if not b.startswith("## ")])
    return replace(
        newsletter, title=title, body="\n\n".join(blocks), kicker="", dateline="", items=[]
    )


def split_topics(article: Article) -> list[Article]:
    """Return the stories of a newsletter, its short news as items of the first one.

    A newsletter that tells one story comes back as ``[article]``.
    """
    if not article.newsletter or not article.body.strip():
        return [article]
    found = topics(article.body)
    if len(found) < 2:
        return [article]
    if found[0].lead and not found[0].is_story:
        found = found[1:]  # a greeting's "here is today's news": no news of its own
    stories = [_story(article, t, lead=t.lead) for t in found if t.is_story]
    items = [_item(t) for t in found if not t.is_story] + list(article.items)
    first = stories[0] if stories else replace(article, title="", body="", kicker="", dateline="")
    return [replace(first, items=items), *stories[1:]]


def split_all(articles: Iterable[Article]) -> list[Article]:
    """Return ``articles`` with every newsletter split into its stories and items."""
    return [part for article in articles for part in split_topics(article)]


def about_story(article: Article, others: Sequence[Article]) -> Article:
    """Return ``article`` with only the pieces about the story that ``others`` report.

    A live ticker joins a story by the one entry that reports it; its other entries are
    other news and must not become that source's own facts. Only a page that is mostly
    other news loses its pieces: an article that tells one story under sub-headings, a
    few of them less close to the other reports, comes back unchanged.
    """
    found = _sections(article.body)
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
        _unrelated(_Topic(heading, list(blocks)), "\n\n".join([next_heading, *next_blocks]))
        for (heading, blocks), (next_heading, next_blocks) in itertools.pairwise(found)
    )
    return 2 * unlike >= len(found) - 1
