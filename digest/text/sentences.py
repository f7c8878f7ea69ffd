"""German sentences and stems: a splitter that knows abbreviations, ordinals and quotes."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from digest.text.vocabulary import (
    ABBREVIATION_KEYS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    ORDINAL_NOUNS,
    STOPWORDS,
)

_MONTH_WORDS = frozenset(MONTHS) | MONTH_ABBREVIATIONS


# A German sentence starts with a capital, a digit or an opening quote or bracket.
_CANDIDATE = re.compile(r"[.!?…]+[\"“”»«’')\]]*(?=\s+[\"„“«»(\[]?[^\W\d_a-zäöüß]|\s+\d)")
_LETTERS = re.compile(r"[^\W_]+")
# The word before a number ending ``head``, and whether an ordinal ("10.") stands before it.
_BEFORE_NUMBER = re.compile(r"(\d+\.\s+)?([^\W\d_]+)\s+\d+$")
# Articles fused with a preposition, or in the dative or genitive: a noun must follow.
_ORDINAL_ARTICLES = frozenset(("im", "am", "vom", "zum", "beim", "ins", "ans", "dem", "des"))
_ORDINAL_JOINS = frozenset(("und", "bis", "oder", "sowie"))
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_TOKEN = re.compile(r"[^\W_]+")

@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def split_sentences(text: str) -> list[str]:
    """Split German ``text`` into sentences; line breaks always end a sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        sentences.extend(_split_line(line.strip()))
    return [s for s in sentences if s]


def _split_line(line: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(line):
        end = match.end()
        if _quote_depth(line[start:end]) > 0 or _no_boundary(line, match.start()):
            continue
        out.append(line[start:end].strip())
        start = end
    out.append(line[start:].strip())
    return out


_CLOSER = {"„": "“", "«": "»", "»": "«", "“": "”", "‚": "‘", '"': '"'}
_QUOTE_MARK = re.compile('[„«»“‚"]')


def _quote_depth(text: str) -> int:
    """Count quotes still open at the end of ``text`` („…“, «…», »…«, "…")."""
    if len(text) >= 600 or not _QUOTE_MARK.search(text):  # most sentences quote no one
        return 0
    expected: list[str] = []
    for char in text:
        if expected and char == expected[-1]:
            expected.pop()
        elif char == "”" and expected:
            expected.pop()  # „…” is a common typo for „…“
        elif char in _CLOSER:
            expected.append(_CLOSER[char])
    # An unbalanced quote must not swallow the rest of a long paragraph (hence the 600 above).
    return len(expected)


def _no_boundary(line: str, dot: int) -> bool:
    """Tell whether the full stop at ``dot`` belongs to an abbreviation, initial or ordinal."""
    if line[dot] != ".":
        return False
    # Windows around the dot: slicing the whole line here would make splitting quadratic.
    # The word ending right before the dot, read backwards: ``match`` at the start runs in
    # C once, where a search anchored at the end tries every position of the window.
    last = _LETTERS.match(line[max(0, dot - 40) : dot][::-1])
    if last is None:
        return False
    word = last.group()[::-1]
    if len(word) == 1 and word.isalpha():
        return True  # an initial ("P. Tiko") or part of "z. B."
    if word.lower() in ABBREVIATION_KEYS:
        return True
    if word.isdigit():
        following = re.match(r"\s+([^\W_]+)", line[dot + 1 : dot + 60])
        nxt = following.group(1) if following else ""
        if nxt.lower() in _MONTH_WORDS or nxt.lower() in ORDINAL_NOUNS or nxt.islower():
            return True
        return _ordinal_before(line[max(0, dot - 60) : dot])
    return False


def _ordinal_before(head: str) -> bool:
    """Tell a number that an article holds as an ordinal ("im 10.", "vom 3.") or that
    continues a run of them ("im 10. und 11. Arrondissement"): no sentence ends there.
    After a bare preposition it may ("Der Wert stieg auf 25.")."""
    found = _BEFORE_NUMBER.search(head)
    if found is None:
        return False
    before, joined = found.group(2).lower(), found.group(1)
    return before in _ORDINAL_ARTICLES or (before in _ORDINAL_JOINS and joined is not None)


def words(text: str) -> list[str]:
    """Return the words of ``text`` (hyphenated compounds kept whole)."""
    return _WORD.findall(text)


def stems(text: str) -> list[str]:
    """Return the Snowball German stems of the content words of ``text``, in order."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    kept = [t for t in tokens if t not in STOPWORDS and (len(t) > 2 or t.isdigit())]
    return list(_stemmer().stemWords(kept))


def stem_words(tokens: list[str]) -> list[str]:
    """Stem already lower-cased ``tokens``."""
    return list(_stemmer().stemWords(tokens))


def is_stopword(token: str) -> bool:
    """Tell whether the lower-cased ``token`` carries no content."""
    return token in STOPWORDS
