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
from digest.dedup.embed import Vectors
from digest.dedup.vectors import Semantic
from digest.isolate import in_shares
from digest.merge.facts import Facts, Sentence, candidates
from digest.merge.headline import choose_headline, cited, distinct, is_headline, primary
from digest.merge.layout import compose_body
from digest.merge.people import misplaced
from digest.merge.picker import Picker, lead_sentences
from digest.merge.single import single_story
from digest.merge.ticker import about_story
from digest.models import Article, Paragraph, Story
from digest.text.features import Features, of_article

__all__ = ["merge", "merge_groups"]

MAX_MERGE_SOURCES = 12
# The model reads each source's sentences up to this place: the facts a report leads with,
# at about 0.07 CPU-seconds a sentence (the seeds' five reports: 50 sentences, 3.5 s).
EMBED_POSITIONS = 12
STORY_SECONDS = 0.05  # a child's time per one-source story (about 20 times what one takes)
SHARE_MEMORY = 2 << 30  # address space a child may add for its share of stories


def merge(
    group: Sequence[Article], settings: DedupConfig | None = None,
    feats: Sequence[Features] | None = None, semantic: Semantic | None = None,
) -> Story:  # fmt: skip
    """Merge ``group`` into one story that cites every article (its ``body`` left to write).

    With ``semantic``, the sentence model links facts told in other words.
    """
    settings = settings or DedupConfig()
    feats = list(feats) if feats is not None else [of_article(a) for a in group]
    lead = primary(feats)
    order = [lead, *(i for i in range(len(group)) if i != lead)]
    ordered = [group[i] for i in order]
    headline, kicker = choose_headline(ordered, [feats[i] for i in order])
    reports = distinct(ordered, [feats[i] for i in order])
    if len(reports) == 1:
        summary, paragraphs = single_story(reports[0], settings.max_story_words, headline)
    else:
        summary, paragraphs = _several(reports, settings, semantic, headline)
    return Story(
        headline=headline or summary.split(". ")[0],
        kicker=kicker,
        summary=summary,
        body="",
        sources=cited(ordered, headline),
        paragraphs=tuple(paragraphs),
    )


def _several(
    ordered: Sequence[Article], settings: DedupConfig, semantic: Semantic | None,
    headline: str = "",
) -> tuple[str, list[Paragraph]]:
    """Return (summary, body paragraphs) of a story several sources report."""
    max_words = settings.max_story_words
    # Beyond a dozen reports, more sources add citations, not facts that fit 400 words.
    reports = ordered[:MAX_MERGE_SOURCES]
    reports = [about_story(a, [o for o in reports if o is not a]) for a in reports]
    pool = [s for s in candidates(reports) if not is_headline(s.text, headline)]
    # "Dmitrijew nannte die Gespräche produktiv" echoes another source's "… nannte die
    # Verhandlungen produktiv und fügte … hinzu": tell the fuller sentence only.
    echoes = Facts(pool).echoes
    pool = [s for s in pool if s not in echoes]
    vectors = sentence_vectors(pool, semantic) if semantic else {}
    facts = Facts(pool, vectors, settings.semantic_fact_threshold)
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
    # The layout tells facts in the sources' order, not in the order they were picked: a
    # sentence that now names someone before their introduction, or introduces them
    # again, goes (and with it what leans on it).
    while wrong := misplaced([*summary, *reading_order(picked, body)], pool):
        picked = _without(picked, set(wrong))
        body = compose_body(picked, support, names, credit, facts, after)
    return " ".join(s.text for s in summary), body


def reading_order(picked: Sequence[Sentence], body: Sequence[Paragraph]) -> list[Sentence]:
    """Return the ``picked`` sentences in the order the laid-out ``body`` tells them."""
    text = "\n".join(p.text for paragraph in body for p in paragraph)
    return sorted(picked, key=lambda s: text.find(s.text))


def _without(picked: Sequence[Sentence], gone: set[Sentence]) -> list[Sentence]:
    """Return ``picked`` without ``gone`` and the sentences leaning on one of them."""
    kept: list[Sentence] = []
    for s in sorted(picked, key=lambda s: (s.source, s.position)):
        before = next((k for k in [*kept, *gone] if (k.source, k.position + 1) ==
                       (s.source, s.position)), None)  # fmt: skip
        if s in gone or (s.leans and before in gone):
            gone.add(s)
        else:
            kept.append(s)
    return [s for s in picked if s in kept]


def sentence_vectors(pool: Sequence[Sentence], semantic: Semantic) -> dict[Sentence, Vectors]:
    """Return the model's vectors of each source's first sentences (where time allows)."""
    wanted = [s for s in pool if s.position < EMBED_POSITIONS]
    found = semantic.vectors([s.text for s in wanted])
    return {s: v for s, v in zip(wanted, found, strict=True) if v is not None}


def merge_groups(
    articles: Sequence[Article], grouping: Grouping, settings: DedupConfig,
    semantic: Semantic | None = None,
) -> list[Story]:
    """Merge each group of ``grouping`` into a story; cite the newsletters that retold it."""
    alone = [g for g, group in enumerate(grouping.groups) if len(group) == 1]
    written = dict(zip(alone, _one_source(articles, grouping, settings, alone), strict=True))
    stories = []
    for g, group in enumerate(grouping.groups):
        feats = [grouping.features[i] for i in group]
        if g in written:
            story = written[g]
        else:
            story = merge([articles[i] for i in group], settings, feats, semantic)
        if grouping.attached.get(g):
            story = replace(story, sources=story.sources + grouping.attached[g])
        stories.append(story)
    return stories


def _one_source(
    articles: Sequence[Article], grouping: Grouping, settings: DedupConfig, alone: list[int]
) -> list[Story]:
    """Write the stories of the one-article groups ``alone``, on both cores if many.

    Most of a large night's stories have one source, and each is written from its own
    text without the model: they are written in one share per core in forked children
    (``isolate.in_shares``), only the stories coming back.
    """

    def write(start: int, end: int) -> list[Story]:
        firsts = [grouping.groups[g][0] for g in alone[start:end]]
        return [merge([articles[i]], settings, [grouping.features[i]]) for i in firsts]

    return in_shares(write, len(alone), item_seconds=STORY_SECONDS, memory=SHARE_MEMORY,
                     what="one-source stories")
