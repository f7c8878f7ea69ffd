"""Lay out the picked sentences: shared facts in story order, own facts credited to their source.

The layout returns paragraphs of passages, each credited to an outlet or to none; the
renderer writes the credit ("**Laut X:**") in the issue's language (``digest.render.credits``).
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from digest.merge.facts import Facts, Sentence
from digest.models import Paragraph, Passage

PARAGRAPH_SENTENCES = 3  # shared facts per body paragraph


def _credit(sentences: Sequence[str], name: str, credit: bool) -> Passage:
    """Return one source's own facts as a passage credited to it, once ("Laut Krone: …").

    A passage that names its source in every sentence ("Nach Informationen der Morgenlage
    …") needs no credit, nor does a story whose reports all come from one outlet.
    """
    text = " ".join(sentences)
    if not credit or all(name in s for s in sentences):
        return Passage(text)
    return Passage(text, credit=name)


def compose_body(
    picked: Sequence[Sentence], support: dict[Sentence, int], names: Sequence[str],
    credit: bool, facts: Facts, after: Sentence | None,
) -> list[Paragraph]:  # fmt: skip
    """Shared facts first in story order, then one credited paragraph per source's own facts.

    The sentence going on from the summary's last one (``after``) opens the body, with its
    paragraph: the reader has just read what it goes on from.
    """
    goes_on = (after.source, after.position + 1) if after else None
    opener = next((s for s in picked if (s.source, s.position) == goes_on), None)
    inline = _inline(picked, support, opener)
    flowing = [s for s in picked if support[s] > 0 or s in inline]
    paragraphs = [
        _told(part, inline, names, credit)
        for part in _paragraphs(_story_order(flowing, facts, opener), inline)
    ]
    # An own fact opening the body comes first with the own facts going on from it; the
    # source's other own facts stay in its paragraph below.
    opening = _own_run(opener, picked, support) if opener and support[opener] == 0 else []
    if opening:
        first = _credit([s.text for s in opening], names[opening[0].source], credit)
        paragraphs.insert(0, (first,))
    # Two editions of one outlet (a paper's regional pages) are one name to the reader: one
    # "Laut X:" paragraph, not two the reader cannot tell apart.
    for name in dict.fromkeys(names):
        sources = {i for i, n in enumerate(names) if n == name}
        own = [
            s for s in picked
            if support[s] == 0 and s.source in sources and s not in inline and s not in opening
        ]  # fmt: skip
        if own:
            own.sort(key=lambda s: (s.source, s.position))
            paragraphs.append((_credit([s.text for s in own], name, credit),))
    return [p for p in paragraphs if any(passage.text for passage in p)]


def _own_run(
    first: Sentence, picked: Sequence[Sentence], support: dict[Sentence, int]
) -> list[Sentence]:
    """Return ``first`` and the own facts of its source picked right after it, in order."""
    at = {(s.source, s.position): s for s in picked if support[s] == 0}
    run = [first]
    while (nxt := at.get((first.source, run[-1].position + 1))) is not None:
        run.append(nxt)
    return run


def _inline(
    picked: Sequence[Sentence], support: dict[Sentence, int], opener: Sentence | None
) -> set[Sentence]:
    """Return the own facts told right after the shared fact they lean on, credited there.

    "Ihr Sprecher nannte die Schätzung geschönt" goes on from "Die Freien Wähler stimmten
    dagegen", which several sources tell: in the source's own paragraph, further down, its
    "Ihr" would point at nothing.
    """
    at = {(s.source, s.position): s for s in picked}
    inline: set[Sentence] = set()
    for s in sorted(picked, key=lambda s: (s.source, s.position)):
        before = at.get((s.source, s.position - 1))
        goes_on = before is not None and (support[before] > 0 or before in inline)
        if support[s] == 0 and s.leans and s is not opener and goes_on:
            inline.add(s)
    return inline


def _told(
    part: Sequence[Sentence], inline: set[Sentence], names: Sequence[str], credit: bool
) -> Paragraph:
    """Join a paragraph's sentences, each run of own facts in it credited to its source."""
    passages: list[Passage] = []
    texts: list[str] = []  # the shared sentences since the last credited run
    run: list[Sentence] = []
    for s in [*part, None]:
        if run and (s is None or s not in inline or s.source != run[0].source):
            passages += [Passage(" ".join(texts))] if texts else []
            passages.append(_credit([x.text for x in run], names[run[0].source], credit))
            texts, run = [], []
        if s is not None and s in inline:
            run.append(s)
        elif s is not None:
            texts.append(s.text)
    passages += [Passage(" ".join(texts))] if texts else []
    return _joined(passages)


def _joined(passages: list[Passage]) -> Paragraph:
    """Join neighbouring passages with the same credit (an uncredited run told in a row)."""
    joined: list[Passage] = []
    for passage in passages:
        if joined and joined[-1].credit == passage.credit == "":
            joined[-1] = Passage(f"{joined[-1].text} {passage.text}")
        else:
            joined.append(passage)
    return tuple(joined)


def _story_order(
    shared: Sequence[Sentence], facts: Facts, first: Sentence | None
) -> list[Sentence]:
    """Order the told facts as the sources tell them, each run of one source's text together.

    A fact comes where its source that tells it earliest tells it (the sentence picked may
    be a later source's wording); a sentence whose predecessor in its source is told here
    follows that sentence directly, so what leans on it ("Damit …") has its context and a
    run of one source's text is not broken up by another source's order. ``first`` and its
    run come first.
    """
    at = {(s.source, s.position): s for s in shared}
    heads = [s for s in shared if (s.source, s.position - 1) not in at]

    def told_at(s: Sentence) -> tuple[bool, int, int]:
        return s is not first, min([s.position, *(b.position for b in facts.near[s])]), s.source

    heads.sort(key=told_at)
    ordered: list[Sentence] = []
    for head in heads:
        ordered.append(head)
        follower = at.get((head.source, head.position + 1))
        while follower is not None:
            ordered.append(follower)
            follower = at.get((follower.source, follower.position + 1))
    return ordered


def _paragraphs(
    ordered: Sequence[Sentence], inline: AbstractSet[Sentence]
) -> list[list[Sentence]]:
    """Cut the shared facts into paragraphs of a few sentences (a wall of text reads badly in
    an email), never between a leaning sentence and the one it leans on. A paragraph ends
    after a credited run of ``inline`` own facts: what follows is not that source's alone."""
    parts: list[list[Sentence]] = []
    for s in ordered:
        last = parts[-1][-1] if parts else None
        chained = s.leans and last is not None and (last.source, last.position + 1) == (
            s.source, s.position
        )
        credited = last in inline and s not in inline
        if parts and not credited and (len(parts[-1]) < PARAGRAPH_SENTENCES or chained):
            parts[-1].append(s)
        else:
            parts.append([s])
    return parts
