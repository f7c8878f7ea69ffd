"""A story one source tells: its lead as the summary, then its text in order.

Many articles open with a teaser (a short first paragraph) that the next paragraph then
tells again in full ("Eine Idee wären freiwillige Garantien." … "Der Fonds könnte durch
freiwillige Garantien der EU-Staaten abgesichert werden."). A sentence of the next
paragraphs that states a teaser sentence's fact again, by the merge's test for one fact
told by two sources (``Facts``) and adds at most a name and a few words, is not told:
the teaser has said it.
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
from digest.text.sentences import split_sentences, stems

# A one-source body sentence of at least MIN_RESTATED_WORDS words, this many of them and all
# its content stems already in a summary sentence, tells nothing new.
RESTATED = 0.8
MIN_RESTATED_WORDS = 5
# A teaser: a first paragraph of at most this many sentences and words, with text after it.
TEASER_SENTENCES = 3
TEASER_WORDS = 60
FOLLOWING = 4  # sentences after the teaser that may tell it again: the lead paragraph's
# ... and only when it adds at most one name and a few words: a later sentence that names
# who said it or who else acts carries news of its own ("laut Statistischem Bundesamt").
ECHO_NEW_NAMES = 1
ECHO_NEW_STEMS = 5


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
    kept: list[str] = []
    budget = max_words
    leading = True  # still taking the summary: its first sentences, at most 60 words
    for n, paragraph in enumerate(paragraphs):
        rest: list[str] = []
        for sentence in paragraph:
            if is_headline(sentence, headline) or boilerplate_sentence(sentence):
                continue
            if n > 0 and sentence in echoes:
                continue
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
                kept.append(" ".join(rest))
                return " ".join(summary), _paragraphs(kept)
            rest.append(sentence)
            budget -= words
        kept.append(" ".join(rest))
    return " ".join(summary), _paragraphs(kept)


def teaser_echoes(body: str) -> set[str]:
    """Return the sentences after a teaser paragraph that tell a teaser sentence again."""
    paragraphs = []
    for i, paragraph in enumerate(iter_body_paragraphs(body)):
        paragraphs.append(split_sentences(strip_dateline(paragraph) if i == 0 else paragraph))
        if sum(len(p) for p in paragraphs[1:]) >= FOLLOWING:
            break
    if len(paragraphs) < 2:
        return set()
    teaser = paragraphs[0]
    length = sum(len(s.split()) for s in teaser)
    if not 1 <= len(teaser) <= TEASER_SENTENCES or length > TEASER_WORDS:
        return set()
    after = [s for p in paragraphs[1:] for s in p][:FOLLOWING]
    pool = [Sentence(text, int(k >= len(teaser)), k, frozenset(stems(text)), name_stems(text))
            for k, text in enumerate([*teaser, *after])]  # fmt: skip
    facts = Facts(pool)
    said = pool[: len(teaser)]
    names = frozenset().union(*(s.names for s in said))
    words = frozenset().union(*(s.stems for s in said))
    return {
        s.text for s in pool[len(teaser):]
        if any(b.source == 0 for b in facts.near[s])
        and len(s.names - names) <= ECHO_NEW_NAMES and len(s.stems - words) <= ECHO_NEW_STEMS
    }  # fmt: skip


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    """Return the kept paragraph texts as uncredited paragraphs: one source tells them."""
    return [(Passage(text),) for text in texts if text]


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
