"""A story one source tells: its lead as the summary, then its text in order.

Many articles open with a teaser that the lead then tells again, in full ("Eine Idee wären
freiwillige Garantien." … "Der Fonds könnte durch freiwillige Garantien der EU-Staaten
abgesichert werden."): a short first paragraph, or its first sentences where the page
glued teaser and text into one paragraph. Where a teaser sentence and one of the next
sentences state one fact, by the merge's test for one fact told by two sources
(``Facts``), it is told once: by the teaser if the later sentence adds at most a name and
a few words, else by the later one, which tells it in full ("laut Statistischem
Bundesamt", the figures).
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.merge.facts import Facts, Sentence
from digest.merge.headline import is_headline
from digest.merge.picker import SUMMARY_SENTENCES
from digest.models import Article, Paragraph, Passage
from digest.parse.cleanup import boilerplate_sentence
from digest.text.features import name_stems
from digest.text.paragraphs import iter_body_paragraphs, strip_dateline
from digest.text.patterns import FORM_LABEL
from digest.text.sentences import split_sentences, stems
from digest.text.wordsets import without_announcement

# A one-source body sentence of at least MIN_RESTATED_WORDS words, this many of them and all
# its content stems already in a summary sentence, tells nothing new.
RESTATED = 0.8
MIN_RESTATED_WORDS = 5
# A teaser: a first paragraph of at most this many sentences and words, with text after it,
# or the first sentences of a longer one (a page that glued the teaser to the lead).
TEASER_SENTENCES = 3
TEASER_WORDS = 60
GLUED_TEASER = 2
FOLLOWING = 6  # sentences after the teaser that may tell it again: the lead paragraph's
# ... and only when it adds at most one name and a few words: a later sentence that names
# who said it or who else acts carries news of its own ("laut Statistischem Bundesamt").
ECHO_NEW_NAMES = 1
ECHO_NEW_STEMS = 5
# A later sentence tells a teaser sentence in full when it holds this share of its weighted
# words: "Der Rat stimmte dem Kompromiss zu" is not told by "Der Kompromiss sieht
# vor, …" (read blind: of 22 teaser sentences dropped without this bar, 5 lost a fact, and
# those held 0.39-0.58 of their words in the later one; 1 of the 14 above it did).
TOLD_IN_FULL = 0.5


def single_story(
    article: Article, max_words: int, headline: str = ""
) -> tuple[str, list[Paragraph]]:
    """Return (summary, body) of a one-source story: its lead, then its text in order.

    The text ends at its first sentence that no longer fits, and is split only that far:
    most of a long article lies beyond the word budget. A sentence that only repeats the
    ``headline`` is not told again.
    """
    paragraphs = (
        split_sentences(strip_dateline(p) if i == 0 else p)
        for i, p in enumerate(iter_body_paragraphs(article.body))
    )
    echoes = teaser_echoes(article.body)
    summary: list[str] = []
    told: list[tuple[set[str], str]] = []
    kept: list[list[str]] = []
    budget = max_words
    leading = True  # still taking the summary: its first sentences, at most 60 words
    place = -1  # the sentence's place in the text, as ``teaser_echoes`` counts
    for paragraph in paragraphs:
        rest: list[str] = []
        for sentence in paragraph:
            place += 1
            if is_headline(sentence, headline) or boilerplate_sentence(sentence):
                continue
            if place in echoes or FORM_LABEL.match(sentence):
                continue  # told again below; or "Ein Kommentar.", which tells nothing
            words = len(sentence.split())
            if leading and len(summary) < SUMMARY_SENTENCES and max_words - budget + words <= 60:
                summary.append(sentence)
                budget -= words
                continue
            if leading:  # the summary is complete: its facts, to spot a later restatement
                told = [(_word_set(x), x) for x in summary]
                leading = False
            if sentence in summary or _restates(sentence, told):
                continue
            if words > budget:
                kept.append(rest)
                return " ".join(summary), _paragraphs(_cut_short(kept))
            rest.append(sentence)
            budget -= words
        kept.append(rest)
    return " ".join(summary), _paragraphs(kept)


def teaser_echoes(body: str) -> set[int]:
    """Return the places (counted over the text's sentences) of the opening's sentences
    that tell a fact told there already.

    Of a teaser sentence and a later one stating its fact, the later one goes if it adds
    at most ``ECHO_NEW_NAMES`` names and ``ECHO_NEW_STEMS`` words to the teaser; else the
    teaser's sentence goes, if it ends the teaser (or all after it go too) and the next
    sentence does not lean on it ("Dort …").
    """
    teaser, after = _opening(body)
    if not teaser or not after:
        return set()
    pool = [Sentence(text, int(k >= len(teaser)), k, frozenset(stems(text)), name_stems(text))
            for k, text in enumerate([*teaser, *after])]  # fmt: skip
    facts = Facts(pool)
    said = pool[: len(teaser)]
    names = frozenset().union(*(s.names for s in said))
    words = frozenset().union(*(s.stems for s in said))
    gone: set[int] = set()
    full: set[int] = set()  # teaser sentences a later one tells in full
    for s in pool[len(teaser):]:
        told = [t for t in facts.near[s] if t.source == 0]
        if not told:
            continue
        if len(s.names - names) <= ECHO_NEW_NAMES and len(s.stems - words) <= ECHO_NEW_STEMS:
            gone.add(s.position)
        else:
            full.update(t.position for t in told
                        if facts.mass(t.stems & s.stems) >= TOLD_IN_FULL * facts.mass(t.stems))
    # The teaser is one text: only its end may go, or "Manche …" would open the story.
    for k in range(len(teaser) - 1, -1, -1):
        if k not in full or _leaned_on(pool[k], pool):
            break
        gone.add(k)
    return gone


def _opening(body: str) -> tuple[list[str], list[str]]:
    """Return a text's teaser sentences and the ``FOLLOWING`` sentences after them."""
    paragraphs: list[list[str]] = []
    for i, paragraph in enumerate(iter_body_paragraphs(body)):
        paragraphs.append(split_sentences(strip_dateline(paragraph) if i == 0 else paragraph))
        if sum(len(p) for p in paragraphs) >= TEASER_SENTENCES + FOLLOWING:
            break
    if not paragraphs:
        return [], []
    first = paragraphs[0]
    short = len(first) <= TEASER_SENTENCES and sum(len(s.split()) for s in first) <= TEASER_WORDS
    size = len(first) if short else GLUED_TEASER
    flat = [s for p in paragraphs for s in p]
    return flat[:size], flat[size : size + FOLLOWING]


def _leaned_on(s: Sentence, pool: Sequence[Sentence]) -> bool:
    """Tell whether the sentence after ``s`` refers back to it or adds to it."""
    nxt = next((x for x in pool if x.position == s.position + 1), None)
    return nxt is not None and nxt.leans


def _cut_short(kept: list[list[str]]) -> list[list[str]]:
    """Return the kept paragraphs' sentences, the text cut by the budget: a last sentence
    announcing what follows ("Die wichtigsten Regeln im Überblick:") goes with it."""
    kept = [p for p in kept if p]
    return [*kept[:-1], without_announcement(kept[-1])] if kept else kept


def _paragraphs(kept: list[list[str]]) -> list[Paragraph]:
    """Return the kept paragraphs' sentences as uncredited paragraphs: one source tells them."""
    return [(Passage(" ".join(p)),) for p in kept if p]


def _word_set(text: str) -> set[str]:
    """Return the lower-cased words of ``text``, punctuation attached (split runs in C)."""
    return set(text.lower().split())


def _restates(sentence: str, told: Sequence[tuple[set[str], str]]) -> bool:
    """Tell whether ``sentence`` says again what a summary sentence said.

    ``told`` holds each summary sentence with its word set. A teaser paragraph often opens
    the text and is then restated in the body ("Nur in Bayern gibt es keine Amnestie." ...
    "Dort gibt es keine Amnestie."): most of the words and every content stem, numbers
    included, are the summary sentence's.
    """
    words = _word_set(sentence)
    if len(words) < MIN_RESTATED_WORDS:
        return False
    allowed = (1 - RESTATED) * len(words)
    for said, text in told:
        # Stemming is the costly part: only for the rare sentence that shares most words.
        if len(words - said) <= allowed and set(stems(sentence)) <= set(stems(text)):
            return True
    return False
