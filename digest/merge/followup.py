"""Follow-ups: a story an earlier issue told returns with new reports, and shows what is new.

The reports an earlier issue carried are already left out (``digest.dedup.memory``), so a
returning story is made of new reports only. Its merged text is compared with the stories
of the last issues the way two reports are (``feature_similarity``, dates aside: a
follow-up comes days later); of those at or above the pair threshold, the one of the
latest issue (then the most similar) is the story it follows. Of the new reports, only
sentences that earlier story did not tell stay: a sentence counts as told when one
earlier sentence holds at least half of its weighted stems (the weights the merge gives
facts: rare stems and names count most). A follow-up with nothing new keeps its summary,
so the reader sees who reported again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from digest.config import DedupConfig
from digest.dedup.candidates import candidate_pairs
from digest.dedup.memory import Told, story_text
from digest.dedup.similarity import feature_similarity, weigh
from digest.merge.facts import Facts, Sentence
from digest.models import Follows, Paragraph, Passage, Story
from digest.text.features import extract, name_stems
from digest.text.sentences import split_sentences, stems

# Share of a sentence's weighted stems one earlier sentence must hold for it to be told.
# Not the merge's symmetric REPEAT (0.4 of the smaller sentence): a new sentence that
# only shares a short earlier one's words still says something new.
TOLD_SHARE = 0.5
_MARKUP = ("## ", "- ")
# Neighbours per story worth scoring: a week of issues may hold a story told every day.
CANDIDATES = 20  # headings and bullets are structure, not sentences to drop


def mark_followups(
    stories: Sequence[Story], told: Sequence[Told], settings: DedupConfig
) -> list[Story]:
    """Return ``stories``, each one that continues a ``told`` story marked and cut to the new."""
    if not told or not stories:
        return list(stories)
    feats = weigh([extract(s.headline, story_text(s)) for s in stories] +
                  [extract(t.headline, t.text) for t in told])  # fmt: skip
    n = len(stories)
    # The grouping's blocking: only pairs that share strong stems are scored.
    alike: dict[int, list[tuple[int, float]]] = {}
    for i, j in candidate_pairs(feats, k=CANDIDATES):
        if i < n <= j:
            score = feature_similarity(feats[i], feats[j], window=0)
            if score >= settings.threshold:
                alike.setdefault(i, []).append((j - n, score))
    marked = list(stories)
    for i, found in alike.items():
        # The latest issue that told it: a story followed every day follows yesterday's.
        latest, _ = max(found, key=lambda js: (told[js[0]].date, js[1]))
        marked[i] = only_new(stories[i], told[latest])
    return marked


def only_new(story: Story, earlier: Told) -> Story:
    """Mark ``story`` as following ``earlier`` and drop the sentences ``earlier`` told."""
    new = _novelty(split_sentences(earlier.text), split_sentences(story_text(story)))

    summary = [s for s in split_sentences(story.summary) if new(s)]
    paragraphs = [p for p in (_new_passages(par, new) for par in story.paragraphs) if p]
    if not summary and paragraphs:
        summary, paragraphs = _promote(paragraphs)
    follows = Follows(earlier.date, earlier.headline)
    if not summary:  # nothing new but the reports themselves
        return replace(story, paragraphs=(), body="", follows=follows)
    return replace(story, summary=" ".join(summary), paragraphs=tuple(paragraphs), body="",
                   follows=follows)  # fmt: skip


def _novelty(told: list[str], texts: list[str]) -> Callable[[str], bool]:
    """Return a test of whether a sentence of ``texts`` says something ``told`` did not."""
    old = [_sentence(t, 0) for t in told]
    mine = {t: _sentence(t, 1) for t in texts}
    facts = Facts(old + list(mine.values()))

    def new(text: str) -> bool:
        sentence = mine.get(text) or _sentence(text, 1)
        mass = facts.mass(sentence.stems)
        known = max((facts.mass(sentence.stems & o.stems) for o in old), default=0.0)
        return mass == 0 or known < TOLD_SHARE * mass

    return new


def _sentence(text: str, source: int) -> Sentence:
    return Sentence(text, source, 0, frozenset(stems(text)), name_stems(text))


def _new_passages(paragraph: Paragraph, new: Callable[[str], bool]) -> Paragraph:
    kept = []
    for passage in paragraph:
        if passage.text.startswith(_MARKUP):
            kept.append(passage)
            continue
        sentences = [s for s in split_sentences(passage.text) if new(s)]
        if sentences:
            kept.append(replace(passage, text=" ".join(sentences)))
    # A heading or bullet left alone, without a sentence around it, says nothing new.
    return tuple(kept) if any(not p.text.startswith(_MARKUP) for p in kept) else ()


def _promote(paragraphs: list[Paragraph]) -> tuple[list[str], list[Paragraph]]:
    """Make the first new sentence of the body the summary (its credit goes with it)."""
    first, *rest = paragraphs
    lead = next(i for i, p in enumerate(first) if not p.text.startswith(_MARKUP))
    passage = first[lead]
    sentences = split_sentences(passage.text)
    remaining: list[Passage] = list(first[:lead])
    if len(sentences) > 1:
        remaining.append(replace(passage, text=" ".join(sentences[1:])))
    remaining.extend(first[lead + 1 :])
    return [sentences[0]], ([tuple(remaining)] if remaining else []) + rest
