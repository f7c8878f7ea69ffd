"""Write one story from a group of articles about the same event.

Extractive: every sentence of a story comes from a source. A sentence that several sources
carry is a shared fact and appears once; facts only one source reports are kept and
credited once per source, or right after the shared fact they lean on when they do
(``digest.merge.layout``; the credits are data, written by the renderer). Sentences are
picked greedily by the new information they add per word, early sentences first (news put
the essentials on top), and a sentence that goes on from a told one first of all (runs of
one source's text read as text), until the word budget (``max_story_words``) is spent; none
may repeat a picked one (``digest.merge.picker``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from digest.config import DedupConfig
from digest.dedup import Grouping
from digest.merge.facts import Facts, candidates
from digest.merge.headline import choose_headline, cited, distinct, primary
from digest.merge.layout import compose_body
from digest.merge.picker import Picker, lead_sentences
from digest.merge.single import single_story
from digest.merge.ticker import about_story
from digest.models import Article, Paragraph, Story
from digest.text.features import Features, of_article

__all__ = ["merge", "merge_groups"]

MAX_MERGE_SOURCES = 12


def merge(
    group: Sequence[Article], settings: DedupConfig | None = None,
    feats: Sequence[Features] | None = None,
) -> Story:  # fmt: skip
    """Merge ``group`` into one story that cites every article (its ``body`` left to write)."""
    settings = settings or DedupConfig()
    feats = list(feats) if feats is not None else [of_article(a) for a in group]
    lead = primary(feats)
    order = [lead, *(i for i in range(len(group)) if i != lead)]
    ordered = [group[i] for i in order]
    headline, kicker = choose_headline(ordered, [feats[i] for i in order])
    reports = distinct(ordered, [feats[i] for i in order])
    if len(reports) == 1:
        summary, paragraphs = single_story(reports[0], settings.max_story_words)
    else:
        summary, paragraphs = _several(reports, settings.max_story_words)
    return Story(
        headline=headline or summary.split(". ")[0],
        kicker=kicker,
        summary=summary,
        body="",
        sources=cited(ordered, headline),
        paragraphs=tuple(paragraphs),
    )


def _several(ordered: Sequence[Article], max_words: int) -> tuple[str, list[Paragraph]]:
    """Return (summary, body paragraphs) of a story several sources report."""
    # Beyond a dozen reports, more sources add citations, not facts that fit 400 words.
    reports = ordered[:MAX_MERGE_SOURCES]
    reports = [about_story(a, [o for o in reports if o is not a]) for a in reports]
    pool = candidates(reports)
    # "Dmitrijew nannte die Gespräche produktiv" echoes another source's "… nannte die
    # Verhandlungen produktiv und fügte … hinzu": tell the fuller sentence only.
    echoes = Facts(pool).echoes
    pool = [s for s in pool if s not in echoes]
    facts = Facts(pool)
    support = {s: facts.support(s) for s in pool}
    summary = lead_sentences(pool, facts, support)
    budget = max_words - sum(s.words for s in summary)
    after = summary[-1] if summary else None
    # Reports of one outlet (its article and its newsletter's item) need no "Laut X:": the
    # credit would tell the reader nothing and only interrupt the text.
    credit = len({a.source.name for a in ordered}) > 1
    picked = Picker(pool, facts, support, after, credit=credit).pick(summary, budget)
    names = [a.source.name for a in ordered]
    body = compose_body(picked, support, names, credit, facts, after)
    return " ".join(s.text for s in summary), body


def merge_groups(
    articles: Sequence[Article], grouping: Grouping, settings: DedupConfig
) -> list[Story]:
    """Merge each group of ``grouping`` into a story; cite the newsletters that retold it."""
    stories = []
    for g, group in enumerate(grouping.groups):
        feats = [grouping.features[i] for i in group]
        story = merge([articles[i] for i in group], settings, feats)
        if grouping.attached.get(g):
            story = replace(story, sources=story.sources + grouping.attached[g])
        stories.append(story)
    return stories

