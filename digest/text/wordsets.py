"""Word sets for telling short texts apart: crude stems, names, overlap, sentence ends.

The newsletter splitter compares blocks of a few dozen words ("do these two paragraphs
tell the same news?", "does this entry repeat a heading?"); for that, the first six
letters of each content word and the capitalised words inside sentences are enough,
and far cheaper than the features the deduplication uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from digest.text.patterns import SENTENCE_END, THOUGHT_END
from digest.text.sentences import split_sentences
from digest.text.vocabulary import STOPWORDS

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STEM_LETTERS = 6  # "Inflation" and "Inflationsrate", "Prozess" and "Prozessauftakt" meet
_INSIDE = re.compile(r"(?<=[.!?:])\s+")
HEADLINE_WORDS = 10  # longer than this without a stop, a text is a sentence, not a headline


def ends_thought(text: str) -> bool:
    """Tell whether ``text`` ends like a sentence or a clause (full stop, colon, …)."""
    return bool(THOUGHT_END.search(text.rstrip()))


def ends_full(text: str) -> bool:
    """Tell whether ``text`` ends a whole sentence (full stop, question or exclamation)."""
    return bool(SENTENCE_END.search(text.rstrip()))


def finished(text: str) -> str:
    """Return ``text`` ending with a full stop if it is prose left without one.

    A short item loses its stop with the link label a newsletter ran into it ("… wurde
    festgenommen Zur Meldung"). Text of more than one sentence, or longer than a
    headline, is prose; a headline alone ("Dax schließt im Plus") takes no stop.
    """
    text = text.rstrip()
    prose = len(text.split()) > HEADLINE_WORDS or len(split_sentences(text)) > 1
    return f"{text}." if text and prose and not ends_thought(text) else text


def without_announcement(sentences: list[str]) -> list[str]:
    """Return ``sentences`` without a last one announcing what is cut ("Die wichtigsten
    Regeln im Überblick:"): at the word budget's end, nothing it announces follows."""
    if sentences and sentences[-1].rstrip().endswith(":"):
        return sentences[:-1]
    return sentences


def words(text: str) -> list[str]:
    """Return the words of ``text`` (letters first; numbers and marks left out)."""
    return _WORD.findall(text)


def stems(text: str) -> set[str]:
    """Return crude stems of the content words: lower case, at most six letters."""
    return {
        w.casefold()[:_STEM_LETTERS]
        for w in words(text)
        if len(w) > 3 and w.casefold() not in STOPWORDS
    }


def names(text: str) -> set[str]:
    """Return the capitalised words that do not open a sentence: names, mostly nouns."""
    found: set[str] = set()
    for sentence in _INSIDE.split(text):
        for word in words(sentence)[1:]:
            if word[:1].isupper() and word.casefold() not in STOPWORDS and len(word) > 2:
                found.add(word.casefold()[:_STEM_LETTERS])
    return found


def named(text: str, *, first: bool = False) -> set[str]:
    """Return the capitalised content words of ``text`` whole and lower-cased; a sentence's
    first word only with ``first`` (a heading's first word may be its subject)."""
    found: set[str] = set()
    for sentence in _INSIDE.split(text):
        for word in words(sentence)[0 if first else 1 :]:
            if word[:1].isupper() and len(word) > 3 and word.casefold() not in STOPWORDS:
                found.add(word.casefold())
    return found


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Return the Jaccard overlap of two sets of stems."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def trim_unfinished(text: str) -> str:
    """Cut a sentence broken off at the end of a text (an excerpt ends mid-sentence).

    Only the last paragraph's last sentence goes, and only after a whole sentence in that
    paragraph: a paragraph that never ends a sentence may be a list entry or a label, and
    "19. Dezember" is no sentence end (the German splitter knows ordinals and months).
    """
    text = text.rstrip()
    if not text or ends_full(text):
        return text
    head, gap, last = text.rpartition("\n")
    sentences = split_sentences(last)
    if len(sentences) < 2 or not ends_full(sentences[-2]):
        return text
    kept = last[: last.rindex(sentences[-1])].rstrip()
    return f"{head}{gap}{kept}"


def clean_spaces(text: str) -> str:
    """Collapse runs of spaces inside each line and drop empty lines."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
