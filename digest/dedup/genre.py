"""Reports and pieces about the news, told apart where the text's form says it.

Read blind on nine real FANG nights, most wrong merges joined a news report to a piece
about the same news: a commentary, an analysis, an interview, a questions-and-answers
explainer. Their words and the sentence model put such a pair as close as two reports
(right and wrong merges overlap completely), but a reader keeps them apart: one is the
event, the other a view of it or a guide to it. Some of these pieces say what they are
by their form, and only that is read here:

- an interview's paragraphs open with the speaker ("SZ: Herr …", "Schlobinski: Nein.");
- an explainer is cut by question headings ("## Welche Geschäfte bleiben auf?");
- a commentary announces itself in its first lines ("Ein Kommentar von …").

A model of the text's style (how many sentences attribute, ask, weigh, hold figures),
fitted on the articles FANG's outlets file as opinion, was measured as a further voice and
not taken: on three fresh nights it kept two right merges apart and no wrong one.
"""

from __future__ import annotations

import re

from digest.models import Article
from digest.text.patterns import OPINION_TEASER

TEASER_CHARS = 400  # how far into a text a piece announces itself ("Ein Kommentar.")
SPEAKER_TURNS = 2  # paragraphs opened by a speaker: an interview
QUESTION_HEADINGS = 2  # sub-headings that are questions: an explainer

# A speaker's turn: one to three capitalised words, a colon, then the answer ("SZ: Herr …").
_SPEAKER = re.compile(r"^(?:[A-ZÄÖÜ][\w.-]*\s?){1,3}:\s+\S")


def _question_headings(body: str) -> int:
    return sum(1 for p in body.split("\n\n") if p.startswith("## ") and p.rstrip().endswith("?"))


def _speaker_turns(body: str) -> int:
    return sum(1 for p in body.split("\n\n") if _SPEAKER.match(p))


def about_news(article: Article) -> bool:
    """Tell whether ``article`` says by its form that it is no report: an interview, an
    explainer of questions and answers, or a piece announcing itself as commentary."""
    body = article.body
    if _speaker_turns(body) >= SPEAKER_TURNS or _question_headings(body) >= QUESTION_HEADINGS:
        return True
    return OPINION_TEASER.search(f"{article.title}. {body[:TEASER_CHARS]}") is not None
