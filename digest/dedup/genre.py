"""Reports and pieces about the news, told apart by the shape of their text.

Read blind on twelve real FANG nights, most wrong merges joined a news report to a piece
about the same news: a commentary, an analysis, an interview, an explainer, a feature.
Their words and the sentence model put such a pair as close as two reports (right and
wrong merges overlap completely), but a reader keeps them apart: one is the event, the
other a view of it or a guide to it; and two such pieces are two authors' works, not one
story told twice. Their shape tells them from a report:

- some say what they are by their form: an interview's paragraphs open with the speaker
  ("SZ: Herr …"), an explainer is cut by question headings ("## Welche Geschäfte …?"), a
  commentary announces itself ("Ein Kommentar von …");
- the rest by their style: a report attributes what it tells ("sagte", "laut"), anchors it
  in a day, states figures ("fünf Stunden", "41 von 56") and tells what its sources said
  in indirect speech ("die Lage sei ernst"); a piece speaks as "ich" or
  "wir", asks, weighs with "müsste" and "könnte", addresses the reader.

The style is read by a logistic model over thirteen shares (``shape``), fitted by
``bench/genre_bench.py`` on 1,200 FANG articles that readers labelled report or piece
(``bench/data/genre_labels.json``; none of the nights read as pairs). Across publishers it
ranks pieces above reports with an AUC of 0.90; a text counts as a piece from a likelihood
of ``PIECE`` (0.8), where held out by publisher 5 % of the reports and 62 % of the pieces
are called pieces (precision 0.94). Where only the sentence model would make a pair one
event (its words score under the threshold), the bar is ``LEANING`` (0.6): a text more
likely a piece than not stays apart on such weak evidence. Read blind on six more nights,
pieces the model let through were half the wrong merges.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from digest.models import Article, Source
from digest.parse.boilerplate import READER_ADDRESS
from digest.text.cohesion import attributed
from digest.text.dates import weekdays
from digest.text.mentions import numbers
from digest.text.patterns import announces_opinion
from digest.text.sentences import split_sentences
from digest.text.vocabulary import (
    FIRST_PERSON_WORDS,
    MODAL_WORDS,
    SPEECH_VERBS,
    SUBJUNCTIVE_WORDS,
    alternation,
)

PIECE = 0.8  # a piece from this likelihood on: held out, 1 report in 20 is taken for one
# ... and from this one where only the sentence model would make the pair one event (its
# words score under the threshold): held out, 18 % of reports and 79 % of pieces.
LEANING = 0.6
SHAPE_CHARS = 4000  # the shape shows in the first pages of a text
SHAPE_SENTENCES = 40
MIN_WORDS = 3  # shorter "sentences" are headings and fragments
LEAD_SENTENCES = 3  # a report names its day in its first sentences
SPEAKER_TURNS = 2  # paragraphs opened by a speaker: an interview
QUESTION_HEADINGS = 2  # sub-headings that are questions: an explainer

_SPEECH = re.compile(rf"\b{alternation(SPEECH_VERBS)}\b")
_SUBJUNCTIVE = re.compile(rf"\b{alternation(SUBJUNCTIVE_WORDS)}\b")
_FIRST = re.compile(rf"\b{alternation(FIRST_PERSON_WORDS)}\b", re.IGNORECASE)
_MODAL = re.compile(rf"\b{alternation(MODAL_WORDS)}\b", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:heute|gestern|am \d+\.)", re.IGNORECASE)
_QUOTE = re.compile(r"[„\"“»«]")
# A speaker's turn: one to three capitalised words, a colon, then the answer ("SZ: Herr …").
_SPEAKER = re.compile(r"^(?:[A-ZÄÖÜ][\w.-]*\s?){1,3}:\s+\S")
# A headline that is an indirect question promises an explanation, not news: "Wie es nach
# der Zulassung weitergeht", "Was an Silvester erlaubt ist", "Warum der Senat … hält".
_ASKS = re.compile(
    r"^[„\"“»]?(?:wie|was|warum|wieso|weshalb|weswegen|wer|wo|wann|welche[rsmn]?|wohin|woher"
    r"|wozu|worum|wofür)\b",
    re.IGNORECASE,
)

_NO_SOURCE = Source(name="", file="")  # the style model reads the headline and text only
# Texts whose likelihood is kept: a large night's whole batch (the keys are the articles'
# own strings, so each costs a dict entry, not a copy of its text).
KNOWN_TEXTS = 100_000
_KNOWN: dict[tuple[str, str, bool], float] = {}

# The model over ``shape``'s thirteen shares, standardised (mean, scale); printed by
# ``bench/genre_bench.py``.
MEANS = (0.1380, 0.0549, 0.0148, 0.0332, 0.0771, 0.2687, 0.1649, 0.0475, 0.1225, 0.2008, 0.1667, 0.7221, 0.0887)  # noqa: E501
SCALES = (0.1088, 0.1302, 0.0445, 0.0585, 0.0696, 0.1738, 0.1387, 0.2127, 0.3279, 0.4006, 0.3727, 0.2309, 0.0976)  # noqa: E501
WEIGHTS = (-0.9560, 0.8728, 0.1864, 0.7238, 0.0188, -0.6446, 0.1111, 0.1278, 0.0534, -0.2613, 0.4491, 0.6200, -0.5361)  # noqa: E501
INTERCEPT = 0.9850


def says_so(article: Article) -> bool:
    """Tell whether ``article`` says by its form that it is no report: an interview, an
    explainer of questions and answers or under a headline that asks, or a piece
    announcing itself as commentary."""
    body = article.body
    if _speaker_turns(body) >= SPEAKER_TURNS or _question_headings(body) >= QUESTION_HEADINGS:
        return True
    if _ASKS.match(article.title.strip()):
        return True
    return announces_opinion(article.title, body)


def shape(article: Article) -> tuple[float, ...]:
    """Return the thirteen shares the model reads, each in [0, 1].

    Of the first sentences: those that attribute, speak as "ich" or "wir" outside a quote,
    address the reader, ask, weigh with a modal outside a quote, state a figure (in digits
    or words: "fünf Stunden"), hold a quote; the headline as a question, the headline as a
    quote; a day named in the lead; the form saying so (``says_so``); and how many
    sentences there are (of 40); and those in indirect speech ("die Lage
    sei ernst"), a report's way of telling what its sources said.
    """
    text = article.body[:SHAPE_CHARS]
    said = [s for s in split_sentences(text) if len(s.split()) >= MIN_WORDS][:SHAPE_SENTENCES]
    own = [s for s in said if not _QUOTE.search(s)]
    n = max(1, len(said))
    title = article.title.strip()
    return (
        sum(attributed(s) or bool(_SPEECH.search(s)) for s in said) / n,
        sum(bool(_FIRST.search(s)) for s in own) / n,
        sum(bool(READER_ADDRESS.search(s)) for s in said) / n,
        sum(s.rstrip("“\"«»").endswith("?") for s in said) / n,
        sum(bool(_MODAL.search(s)) for s in own) / n,
        sum(bool(numbers(s)) for s in said) / n,
        sum(bool(_QUOTE.search(s)) for s in said) / n,
        float(title.endswith("?")),
        float(title[:1] in "„\"“»"),
        float(_dated(" ".join(said[:LEAD_SENTENCES]))),
        float(says_so(article)),
        len(said) / SHAPE_SENTENCES,
        sum(bool(_SUBJUNCTIVE.search(s)) for s in said) / n,
    )


def likelihood(values: Sequence[float]) -> float:
    """Return the model's likelihood that a text of this ``shape`` is a piece."""
    z = INTERCEPT + sum(
        w * (v - m) / s for w, v, m, s in zip(WEIGHTS, values, MEANS, SCALES, strict=True)
    )
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def is_piece(article: Article, bar: float = PIECE) -> bool:
    """Tell whether ``article`` is a piece about the news rather than a report: its
    ``piece_likelihood`` is ``bar`` or more."""
    return piece_likelihood(article) >= bar


def piece_likelihood(article: Article) -> float:
    """Return how likely ``article`` is a piece: 1 if its form says so, else the model's.

    A newsletter's story is read by its form only (0 unless it says so): a newsletter
    retells the news in a voice of its own ("Wir halten Sie auf dem Laufenden"), which the
    style model, fitted on web articles, would take for a commentary's.
    """
    key = (article.title, article.body, article.newsletter)
    found = _KNOWN.get(key)
    if found is None:
        found = _piece_likelihood(*key)
        remember(article, found)
    return found


def remember(article: Article, likelihood: float) -> None:
    """Keep ``article``'s piece likelihood (read here or by a child, ``dedup.prepare``):
    grouping, merging and ranking each ask of the same texts."""
    if len(_KNOWN) >= KNOWN_TEXTS:
        del _KNOWN[next(iter(_KNOWN))]  # the oldest: a batch asks of its own texts
    _KNOWN[(article.title, article.body, article.newsletter)] = likelihood


def _piece_likelihood(title: str, body: str, newsletter: bool) -> float:
    article = Article(title=title, body=body, source=_NO_SOURCE, newsletter=newsletter)
    if says_so(article):
        return 1.0
    return 0.0 if newsletter else likelihood(shape(article))


def _dated(lead: str) -> bool:
    return bool(weekdays(lead)) or _WHEN.search(lead) is not None


def _question_headings(body: str) -> int:
    return sum(1 for p in body.split("\n\n") if p.startswith("## ") and p.rstrip().endswith("?"))


def _speaker_turns(body: str) -> int:
    return sum(1 for p in body.split("\n\n") if _SPEAKER.match(p))
