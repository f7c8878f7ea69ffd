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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from digest.models import Article, Item
from digest.parse.patterns import BULLET
from digest.parse.structure import derive_title
from digest.text.cohesion import points_back
from digest.text.features import cosine, extract, name_stems
from digest.text.patterns import SENTENCE_END_CHARS
from digest.text.sentences import is_stopword

NEW_TOPIC_COSINE = 0.1  # a paragraph this unlike the topic above it tells other news
SHARED_STEMS = 3  # ... and this many words: two short texts share "Neustadt" and "Angaben"
# One name is not enough: every topic of a city's newsletter names the city.
SHARED_NAMES = 2  # paragraphs sharing this many names tell one story
MIN_TOPIC_WORDS = 25  # a shorter section is a note to the topic above it, not a story
MIN_BRIEF_WORDS = 10  # a shorter paragraph ("Von Anna Muster") belongs to the one above
MIN_BRIEFS = 3  # a rubric of briefs holds several; two unlike paragraphs are one story's
BRIEF_STORY_WORDS = 60  # a brief this long is a story; a shorter one is a short item
# A teaser's closing byline: "… zwei sehr unterschiedliche Frauen. Von Anna Muster"
_TEASER_BYLINE = re.compile(r"[.!?…]\s+(?:Von|Ein Kommentar von)\s+[A-ZÄÖÜ][^.!?]{0,80}$")
_QUOTES = "\"„“»«‚'"


@dataclass
class Topic:
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


def unrelated(topic: Topic, text: str) -> bool:
    """Tell whether ``text`` shares few words and at most one name with ``topic``."""
    a, b = extract("", topic.text), extract("", text)
    shared = len(a.terms.keys() & b.terms.keys())
    alike = cosine(a, b) >= NEW_TOPIC_COSINE and shared >= SHARED_STEMS
    return not alike and len(_names(topic.text) & _names(text)) < SHARED_NAMES


def _continues(topic: Topic, heading: str, blocks: list[str]) -> bool:
    """Tell whether a sub-headed section goes on with ``topic``.

    It does when it is too short to be a story, when its heading names something the
    topic named ("Was die Nordbrücke kostet"), or when its text is like the topic's.
    """
    if sum(len(b.split()) for b in blocks) < MIN_TOPIC_WORDS:
        return True
    if extract("", heading).terms.keys() & extract("", topic.text).terms.keys():
        return True
    return not unrelated(topic, "\n\n".join([heading, *blocks]))


def _opens_news(previous: str, block: str) -> bool:
    """Tell whether ``block`` can open a piece of news after ``previous``.

    It must be long enough and begin a sentence where the one above ended one: a scrape
    that broke lines inside a sentence leaves fragments that only continue the text. And
    it must not open on a word pointing back ("Damit …", "Das bedeutet …").
    """
    ended = previous.rstrip().endswith(SENTENCE_END_CHARS) or bool(_TEASER_BYLINE.search(previous))
    starts = block[:1].isupper() or block[:1].isdigit() or block[:1] in _QUOTES
    fresh = not points_back(block)
    return ended and starts and fresh and len(block.split()) >= MIN_BRIEF_WORDS


def _briefs(heading: str, blocks: list[str]) -> list[Topic]:
    """Group a section's paragraphs into pieces of news (a rubric holds several)."""
    found: list[Topic] = []
    for block in blocks:
        if not found or (_opens_news(found[-1].blocks[-1], block) and unrelated(found[-1], block)):
            found.append(Topic("", brief=True))
        found[-1].blocks.append(block)
    if len(found) == 1:
        found[0].heading = heading
    return found


def topics(body: str) -> list[Topic]:
    """Group the text of ``body`` into pieces of news, in reading order.

    The text above the first sub-heading is the newsletter's lead story, one topic. A
    sub-headed section is one topic, or part of the topic above it when it shares its
    names; a rubric ("Was wichtig ist") holding several unlike paragraphs is several.
    """
    found: list[Topic] = []
    for heading, blocks in sections(body):
        briefs = _briefs(heading, blocks) if heading else []
        if len(briefs) >= MIN_BRIEFS:
            found.extend(briefs)
            continue
        if found and heading and _continues(found[-1], heading, blocks):
            found[-1].blocks += [f"## {heading}", *blocks]  # one story's sub-heading
        else:
            found.append(Topic(heading, list(blocks), lead=not heading))
    return found


def _item(topic: Topic) -> Item:
    lines = (BULLET.sub("", line) for b in topic.blocks if not b.startswith("## ")
             for line in b.splitlines())  # fmt: skip
    return Item(text=" ".join(" ".join(lines).split()))


def _story(newsletter: Article, topic: Topic, lead: bool) -> Article:
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

    A newsletter that tells one story comes back as ``[article]``. Each story keeps its
    place in the letter as its ``position`` (the lead is 0): the editors put first what
    matters most.
    """
    if not article.newsletter or not article.body.strip():
        return [article]
    found = topics(article.body)
    if len(found) < 2:
        return [_placed(article, 0)]
    if found[0].lead and not found[0].is_story:
        found = found[1:]  # a greeting's "here is today's news": no news of its own
    stories = [_story(article, t, lead=t.lead) for t in found if t.is_story]
    items = [_item(t) for t in found if not t.is_story] + list(article.items)
    first = stories[0] if stories else replace(article, title="", body="", kicker="", dateline="")
    return [_placed(s, i) for i, s in enumerate([replace(first, items=items), *stories[1:]])]


def _placed(article: Article, position: int) -> Article:
    """Set a newsletter story's place in its letter, unless its input already gave one."""
    return article if article.position is not None else replace(article, position=position)


def split_all(articles: Iterable[Article]) -> list[Article]:
    """Return ``articles`` with every newsletter split into its stories and items."""
    return [part for article in articles for part in split_topics(article)]
