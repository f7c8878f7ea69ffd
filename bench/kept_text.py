"""Words of running text kept: how much of each FANG article reaches its one-source story.

For each article, its paragraphs are the lines of the source text. They are read in order,
sentence by sentence, up to the story length limit (``max_story_words``); a sentence counts
as kept when its words stand, in order, in the story the merge writes from the article alone
(summary and body). Printed: the mean share of those words kept per article, the articles
that lose a paragraph of 30 or more words (half of it or more missing) within that reach,
and the stories under 20 words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from digest.config import DedupConfig
from digest.errors import SkipFile
from digest.merge.single import single_story
from digest.parse import parse_input
from digest.readers import jsonl
from digest.text.paragraphs import strip_dateline
from digest.text.sentences import split_sentences

_TOKEN = re.compile(r"\w+")
LONG_PARAGRAPH = 30  # words: a paragraph this long is running text by any measure
SHORT_STORY = 20  # words: a story this short has lost its text


@dataclass
class Kept:
    """The kept-text figures over a batch of articles."""

    articles: int = 0
    share_sum: float = 0.0
    losing: int = 0  # articles losing a long paragraph within the story's reach
    lost_words: int = 0
    short: int = 0  # stories under SHORT_STORY words

    @property
    def share(self) -> float:
        return self.share_sum / self.articles if self.articles else 0.0


_CLOSING_BRACKET = re.compile(r"(?<=[.!?\"“”])\s*\([^()]{1,40}\)\s*$")


def _tokens(text: str) -> str:
    return " " + " ".join(_TOKEN.findall(text.lower())) + " "


def kept_text(lines: Iterable[bytes], limit: int | None = None) -> Kept:
    """Measure the words of running text kept on the JSON ``lines`` (one article each)."""
    budget = limit or DedupConfig().max_story_words
    kept = Kept()
    for line in lines:
        record = json.loads(line)
        try:
            articles = parse_input(jsonl.read(line, "fang.jsonl"))
        except SkipFile:
            articles = []
        story = ""
        for article in articles:
            # A newsletter's short items reach the reader too, under "Weitere Meldungen".
            story += " ".join(item.text for item in article.items) + " "
            if not article.body.strip() and article.items:
                continue  # it only carries the newsletter's items: no story of its own
            summary, paragraphs = single_story(article, budget)
            text = " ".join([summary, *(p.text for para in paragraphs for p in para)])
            kept.short += len(text.split()) < SHORT_STORY
            story += text + " "
        _count(kept, str(record.get("text") or ""), _tokens(story), budget)
    return kept


def _count(kept: Kept, source: str, story: str, budget: int) -> None:
    """Add one article: its paragraphs up to ``budget`` words against its ``story``."""
    reach = found = 0
    losing = full = False
    paragraphs = [p.strip() for p in source.split("\n") if p.strip()]
    for i, paragraph in enumerate(paragraphs):
        words = here = 0
        for sentence in split_sentences(strip_dateline(paragraph) if i == 0 else paragraph):
            # A bracket closing a paragraph after its stop ("… übernommen. (dpa)") is a
            # credit, not running text: the sentence splitter leaves it on the sentence.
            sentence = _CLOSING_BRACKET.sub("", sentence)
            size = len(sentence.split())
            if reach + size > budget:
                full = True  # the story ends at its first sentence that does not fit
                break
            reach += size
            words += size
            if _tokens(sentence) in story:
                found += size
                here += size
        if words >= LONG_PARAGRAPH and here < words / 2:
            losing = True
            kept.lost_words += words - here
        if full:
            break
    kept.articles += 1
    kept.share_sum += found / reach if reach else 1.0
    kept.losing += losing
