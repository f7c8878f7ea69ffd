"""The running text of a parsed body: its paragraphs, without headings, lists or labels.

The parser has already removed what the context shows to be boilerplate (captions, calls
to action, teaser lists, trailing FAQ and source sections); every paragraph it kept is the
article. So a paragraph stays here whatever words it contains ("Newsletter" mid-sentence,
"mehr dazu" in a quote) and however it ends: a credit such as ``(Tsp, mit dpa)`` or no full
stop at all. Only a short line without a sentence end (a label the parser left) and a
trailing end section are not running text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from digest.text.patterns import DATELINE, END_HEADING, SENTENCE_END
from digest.text.sentences import split_sentences

_ASIDE = re.compile(r"\s*\((?:siehe|s\.) (?:unten|oben|video|grafik|karte)\)", re.IGNORECASE)
# A Markdown image or link inside a paragraph: the reader gets the link's words, not its target.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADING_CHARS = 60  # an end-section heading ("Häufig gestellte Fragen:") is short
# A line of at most this many words without a sentence end is a label ("Mehr zum Thema",
# an author's name, a heading the parser left), not running text.
LABEL_WORDS = 4


def trailing_cut(texts: Sequence[str], is_end: Callable[[str], bool]) -> int:
    """Return where a trailing end section starts in ``texts`` (``len(texts)`` if none).

    A heading such as "FAQ" or "Quellen" ends the story only where it trails it: at least
    as many words stand before it as after it. A rubric badge "FAQ" above the headline, or
    an explainer whose questions are most of its text, is never cut away.
    """
    ends = [i for i, text in enumerate(texts) if len(text) <= _HEADING_CHARS and is_end(text)]
    if not ends:
        return len(texts)  # most texts: no such heading, no need to count words
    words = [len(t.split()) for t in texts]
    total = sum(words)
    for i in ends:
        before = sum(words[:i])
        if before and before >= total - before - words[i]:
            return i
    return len(texts)


def body_paragraphs(body: str) -> list[str]:
    """Return the running-text paragraphs of a Markdown body: no headings, lists or labels."""
    return list(iter_body_paragraphs(body))


def iter_body_paragraphs(body: str) -> Iterator[str]:
    """Yield the running-text paragraphs of ``body`` one by one (see ``body_paragraphs``).

    A caller that needs only the first few paragraphs of a long article stops early.
    """
    blocks = [_plain(b) for b in body.split("\n\n")]
    blocks = blocks[: trailing_cut(blocks, lambda b: END_HEADING.match(b) is not None)]
    seen: set[str] = set()
    last: str | None = None  # held back: a quote paragraph after it may still join it
    for block in blocks:
        if not block or block in seen:
            continue
        if block.startswith(("#", "- ", "* ")):
            if last is not None and last.endswith(":"):
                last = _without_intro(last)  # it introduced the list left out here
            continue
        if last is not None and last.endswith(":") and block[:1] in '„«»"':
            seen.discard(last)
            last = f"{last} {block}"  # "Er sagte wörtlich:" + the quote
            seen.add(last)
        elif running_text(block):
            if last:
                yield last
            last = block
            seen.add(block)
    if last is not None and last.endswith(":"):
        last = _without_intro(last)
    if last:
        yield last


def _plain(block: str) -> str:
    """Return a block without asides such as "(siehe unten)" and without link targets."""
    block = _ASIDE.sub("", block.strip())
    if "](" in block:
        block = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", block)).strip()
    return block


def _without_intro(paragraph: str) -> str | None:
    """Drop the last sentence of ``paragraph``, which introduced a list left out here."""
    sentences = split_sentences(paragraph)[:-1]
    return " ".join(sentences) or None


def has_running_text(body: str) -> bool:
    """Say whether ``body`` holds any running text (not only headings, lists and labels)."""
    start = 0
    while start < len(body):
        end = body.find("\n\n", start)
        end = len(body) if end < 0 else end
        block = body[start:end].strip()  # blocks one by one: the first is text, mostly
        if block and not block.startswith(("#", "- ", "* ")) and running_text(block):
            return True
        start = end + 2
    return False


def running_text(block: str) -> bool:
    """Say whether ``block`` reads as running text rather than a label."""
    return bool(SENTENCE_END.search(block)) or block.endswith(":") or (
        len(block.split()) > LABEL_WORDS
    )


def strip_dateline(paragraph: str) -> str:
    """Remove a leading dateline ("Berlin (dpa) – ", "Washington/Moskau – ")."""
    return DATELINE.sub("", paragraph, count=1)


def body_sentences(body: str) -> list[str]:
    """Return the sentences of the running text of ``body``, datelines removed."""
    sentences: list[str] = []
    for paragraph in body_paragraphs(body):
        sentences.extend(split_sentences(paragraph if sentences else strip_dateline(paragraph)))
    return sentences
