"""Write one story from a group of articles about the same event.

Extractive: every sentence of a story comes from a source. A sentence that several sources
carry is a shared fact and appears once; facts only one source reports are kept and
credited once per source ("**Laut Krone:** …"), or right after the shared fact they lean on
when they do. Sentences are picked greedily by the new
information they add per word, early sentences first (news put the essentials on top),
and a sentence that goes on from a told one first of all (runs of one source's text read as
text), until the word budget (``max_story_words``) is spent; none may repeat a picked one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property

from digest.cohesion import adds_to, refers_back
from digest.config import DedupConfig
from digest.dedup import cluster_features, feature_similarity, group_items, weigh
from digest.features import Features, name_stems, of_article
from digest.models import Article, IssueItem, SourceRef, Story
from digest.sentences import (
    body_sentences,
    iter_body_paragraphs,
    split_sentences,
    stems,
    strip_dateline,
)
from digest.topics import about_story

SUMMARY_WORDS = 60
SUMMARY_SENTENCES = 3
PARAGRAPH_SENTENCES = 3  # shared facts per body paragraph
ECHO = 0.3  # ... and from which a shorter sentence about the same actor and deed is an echo
REPEAT = 0.4  # weighted stem overlap from which two sentences state the same fact
# A one-source body sentence of at least MIN_RESTATED_WORDS words, this many of them and all
# its content stems already in a summary sentence, tells nothing new.
RESTATED = 0.8
MIN_RESTATED_WORDS = 5
RUN = 3.0  # gain factor for a sentence that follows its own predecessor (see _Picker.gain)
MAX_SENTENCE_WORDS = 35  # longer ones are run-ons or parser glue: poor value per word
MIN_SENTENCE_WORDS = 6  # shorter ones are fragments ("Ein Durchbruch? Fehlanzeige.")
_QUESTION = re.compile(r"\?[\"“”»«']*$")
CREDIT_WORDS = 2  # "Laut X:", charged per own sentence: a safe upper bound of the label
# Markdown a source name must not carry into the label: emphasis, links, code, headings.
# (An underscore inside a word, as in a file name "morgen_post", is no emphasis and stays.)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>~#]|(?<![^\W_])_|_(?![^\W_])")
CREDIT_LABEL = "Laut {name}"  # German by default; build passes the issue locale's wording
MAX_MERGE_SOURCES = 12
NEAR_COPY = 0.9  # pair similarity from which two reports are copies of one text
# A digest reports who said or did what; attributed statements beat commentary.
_REPORTED = re.compile(
    r"\b(?:sagte|sagt|berichtet\w*|meldete|erklärte|bestätigte|teilte|zufolge|Angaben|nannte"
    r"|kündigte|forderte?|fordern|telefonierte|reiste|traf)\b|[„«»]"
)
_OPINION = re.compile(r"\b(?:wohl|dürfte|scheint|Beobachter|werten|Eindruck|Fazit|Einordnung)\b")


# Compared by identity (each sentence of a group is one object): hashing its text and stem
# sets on every set and dict lookup was most of the merge time.
@dataclass(frozen=True, eq=False)
class _Sentence:
    """A candidate sentence with where it came from."""

    text: str
    source: int
    position: int
    stems: frozenset[str]
    names: frozenset[str]

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def factual(self) -> float:
        return _factual(self)

    @cached_property
    def anaphoric(self) -> bool:
        """Tell whether the sentence refers back ("Diese …") and needs the one before."""
        return refers_back(self.text)

    @cached_property
    def connective(self) -> bool:
        """Tell whether the sentence adds to a fact before it ("Auch ...", "... zudem")."""
        return adds_to(self.text)

    @cached_property
    def leans(self) -> bool:
        """Tell whether the sentence reads right only after the one before it."""
        return self.anaphoric or self.connective


def _candidates(group: Sequence[Article]) -> list[_Sentence]:
    found = []
    for s, article in enumerate(group):
        for p, text in enumerate(body_sentences(article.body)):
            if not _QUESTION.search(text) and len(text.split()) >= MIN_SENTENCE_WORDS:
                found.append(_Sentence(text, s, p, frozenset(stems(text)), name_stems(text)))
    return found


def _same_actor_and_deed(a: _Sentence, b: _Sentence) -> bool:
    """Tell two sentences that name the same actor and use three more of the same words."""
    actor = any(not n[0].isdigit() for n in a.names & b.names)
    return actor and len(a.stems & b.stems - a.names - b.names) >= 3


class _Facts:
    """Which sentences of one group state the same fact (weighted stem overlap)."""

    def __init__(self, sentences: Sequence[_Sentence]) -> None:
        df = Counter(t for s in sentences for t in s.stems)
        n = max(1, len(sentences))
        # Stems in every sentence ("Putin", "Treffen") say little about which fact it is.
        self.weight = {t: math.log(1 + n / c) for t, c in df.items()}
        names = set().union(*(s.names for s in sentences)) if sentences else set()
        for t in names & self.weight.keys():
            self.weight[t] *= 2.0  # names and numbers are the checkable part of a fact
        self.near: dict[_Sentence, set[_Sentence]] = {s: set() for s in sentences}
        self.echoes: set[_Sentence] = set()  # shorter restatements of another source's sentence
        self._link(sentences)

    def mass(self, stems: frozenset[str] | set[str]) -> float:
        """Sum the weights of ``stems``."""
        return float(sum(self.weight.get(t, 0.0) for t in stems))

    def _link(self, sentences: Sequence[_Sentence]) -> None:
        """Record every pair whose overlap reaches REPEAT (only pairs sharing a stem)."""
        masses = {s: self.mass(s.stems) for s in sentences}
        by_stem: dict[str, list[_Sentence]] = {}
        for s in sentences:
            for t in s.stems:
                by_stem.setdefault(t, []).append(s)
        for a in sentences:
            seen = {b for t in a.stems for b in by_stem[t]}
            for b in seen:
                if b is a or b in self.near[a]:
                    continue
                small = min(masses[a], masses[b])
                overlap = self.mass(a.stems & b.stems) / small if small else 0.0
                if overlap >= REPEAT:
                    self.near[a].add(b)
                    self.near[b].add(a)
                elif overlap >= ECHO and a.source != b.source and _same_actor_and_deed(a, b):
                    self.echoes.add(min(a, b, key=lambda s: (len(s.stems), s.source)))

    def support(self, s: _Sentence) -> int:
        """Count the other sources that state the fact of ``s``."""
        return len({b.source for b in self.near[s] if b.source != s.source})

    def repeats(self, s: _Sentence, chosen: Sequence[_Sentence] | set[_Sentence]) -> bool:
        """Tell whether ``s`` restates a chosen sentence."""
        return not self.near[s].isdisjoint(chosen)


def _factual(s: _Sentence) -> float:
    """Weigh how much ``s`` reads as a checkable fact: names, numbers, attribution."""
    score = 1 + 0.25 * min(4, len(s.names)) + 0.5 * bool(_REPORTED.search(s.text))
    return score / 2 if _OPINION.search(s.text) else score


class _Picker:
    """Greedy choice of body sentences by new information per word."""

    def __init__(
        self, pool: Sequence[_Sentence], facts: _Facts, support: dict[_Sentence, int],
        after: _Sentence | None, credit: bool,
    ) -> None:  # fmt: skip
        """``after`` is the summary's last sentence, which the body may go on from;
        ``credit`` tells whether own facts carry their source's name."""
        self.pool, self.facts, self.support, self.after = pool, facts, support, after
        self.credit = credit and len({s.source for s in pool}) > 1
        self.at = {(s.source, s.position): s for s in pool}

    def cost(self, s: _Sentence) -> int:
        """Count the words ``s`` adds, its credit included."""
        return s.words + (CREDIT_WORDS if self.credit and self.support[s] == 0 else 0)

    def gain(
        self, s: _Sentence, covered: set[str], per_source: Counter[int],
        told: set[_Sentence | None],
    ) -> float:  # fmt: skip
        """Score new stems per word; shared facts and early sentences first, sources in turn.

        A sentence whose own predecessor is ``told`` (in the body or ending the summary), and
        is a fact of its kind (shared after shared, own after own), scores RUN times more: a
        run of one source's sentences reads as a text, a sentence torn from its context as a
        riddle. An own fact after a shared one gets no bonus: it would let one source's run
        crowd out the others' own facts.
        """
        novel = self.facts.mass(s.stems - covered) / math.pow(self.cost(s), 0.75)
        shared = 1 + self.support[s]
        spread = 1 + 0.5 * per_source[s.source]
        before = self.at.get((s.source, s.position - 1))
        alike = before is not None and (self.support[s] > 0) == (self.support[before] > 0)
        run = RUN if alike and before in told else 1.0
        return run * novel * shared * s.factual / (1 + s.position / 15) / spread

    def pick(self, chosen: list[_Sentence], budget: int) -> list[_Sentence]:
        """Add sentences until ``budget`` words; none may repeat a chosen one."""
        picked: list[_Sentence] = []
        covered: set[str] = set().union(*(s.stems for s in chosen)) if chosen else set()
        per_source: Counter[int] = Counter()
        taken = {(s.source, s.position) for s in chosen}
        while True:
            done = {*chosen, *picked}
            body = set(picked)
            options = [s for s in self.pool if self._fits(s, done, taken, budget, body)]
            if not options:
                return picked
            # What a body sentence can be told right after: the body, the summary's end.
            told = {*body, self.after}
            best = max(options, key=lambda s: self.gain(s, covered, per_source, told))
            picked.append(best)
            taken.add((best.source, best.position))
            covered |= best.stems
            per_source[best.source] += 1
            budget -= self.cost(best)

    def _follows(self, s: _Sentence, body: set[_Sentence]) -> bool:
        """Tell whether the sentence ``s`` refers back to ("Diese …") is told in the body, or
        is the summary's last sentence, which the body then opens after (``_body``). Other
        summary sentences stand apart. A shared fact cannot lean on a source's own one: the
        own one is told later, in the source's paragraph."""
        before = self.at.get((s.source, s.position - 1))
        if before is not None and before is self.after:
            return True
        if before is None or before not in body:
            return False
        return self.support[s] == 0 or self.support[before] > 0

    def _told_before(self, s: _Sentence, chosen: set[_Sentence]) -> bool:
        """Tell whether the fact of the sentence before ``s`` is told: that sentence or one
        stating the same fact is chosen ("Auch …" adds to it, wherever it stands)."""
        before = self.at.get((s.source, s.position - 1))
        return before is not None and (before in chosen or self.facts.repeats(before, chosen))

    def _fits(
        self, s: _Sentence, chosen: set[_Sentence], taken: set[tuple[int, int]], budget: int,
        body: set[_Sentence],
    ) -> bool:  # fmt: skip
        if (s.source, s.position) in taken or self.cost(s) > budget or s.words > MAX_SENTENCE_WORDS:
            return False
        if s.anaphoric and not self._follows(s, body):
            return False
        if s.connective and not self._told_before(s, chosen):
            return False
        return not self.facts.repeats(s, chosen)


def _summary(
    pool: Sequence[_Sentence], facts: _Facts, support: dict[_Sentence, int]
) -> list[_Sentence]:
    """Pick two or three lead sentences (at most 60 words) that most sources share.

    Sentences that add to the one before ("Auch ...") come in only when fewer than two
    others fit: a summary of one such sentence beats none.
    """
    lead = [s for s in pool if s.position < 3 and s.words <= 35 and not s.anaphoric]
    lead.sort(key=lambda s: (-(1 + support[s]) / (1 + s.position), s.source, s.words))
    chosen = _fill([s for s in lead if not s.connective], [], facts)
    if len(chosen) < 2:
        chosen = _fill([s for s in lead if s.connective], chosen, facts)
    return chosen


def _fill(
    candidates: Sequence[_Sentence], chosen: list[_Sentence], facts: _Facts
) -> list[_Sentence]:
    """Add ``candidates`` in order to ``chosen`` while they fit the summary."""
    chosen = list(chosen)
    for s in candidates:
        if len(chosen) == SUMMARY_SENTENCES:
            break
        if sum(x.words for x in chosen) + s.words > SUMMARY_WORDS:
            continue
        if facts.repeats(s, chosen):
            continue
        chosen.append(s)
    return chosen


def _credit(sentences: Sequence[str], name: str, label: str) -> str:
    """Lead one source's own facts with its name, once: ``**Laut Krone:** …``."""
    text = " ".join(sentences)
    if not label or all(name in s for s in sentences):  # "Nach Informationen der Morgenlage …"
        return text
    # A name is text: one line, no Markup (a mail's display name is the sender's choice).
    plain = " ".join(_MARKDOWN_SPECIAL.sub("", name).split()).strip(" :")
    return f"**{label.format(name=plain)}:** {text}"


def _body(
    picked: Sequence[_Sentence], support: dict[_Sentence, int], names: Sequence[str],
    label: str, facts: _Facts, after: _Sentence | None,
) -> str:  # fmt: skip
    """Shared facts first in story order, then one credited paragraph per source's own facts.

    The sentence going on from the summary's last one (``after``) opens the body, with its
    paragraph: the reader has just read what it goes on from.
    """
    goes_on = (after.source, after.position + 1) if after else None
    opener = next((s for s in picked if (s.source, s.position) == goes_on), None)
    inline = _inline(picked, support, opener)
    flowing = [s for s in picked if support[s] > 0 or s in inline]
    paragraphs = [
        _told(part, inline, names, label)
        for part in _paragraphs(_story_order(flowing, facts, opener), inline)
    ]
    # An own fact opening the body comes first with the own facts going on from it; the
    # source's other own facts stay in its paragraph below.
    opening = _own_run(opener, picked, support) if opener and support[opener] == 0 else []
    if opening:
        paragraphs.insert(0, _credit([s.text for s in opening], names[opening[0].source], label))
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
            paragraphs.append(_credit([s.text for s in own], name, label))
    return "\n\n".join(p for p in paragraphs if p)


def _own_run(
    first: _Sentence, picked: Sequence[_Sentence], support: dict[_Sentence, int]
) -> list[_Sentence]:
    """Return ``first`` and the own facts of its source picked right after it, in order."""
    at = {(s.source, s.position): s for s in picked if support[s] == 0}
    run = [first]
    while (nxt := at.get((first.source, run[-1].position + 1))) is not None:
        run.append(nxt)
    return run


def _inline(
    picked: Sequence[_Sentence], support: dict[_Sentence, int], opener: _Sentence | None
) -> set[_Sentence]:
    """Return the own facts told right after the shared fact they lean on, credited there.

    "Ihr Sprecher nannte die Schätzung geschönt" goes on from "Die Freien Wähler stimmten
    dagegen", which several sources tell: in the source's own paragraph, further down, its
    "Ihr" would point at nothing.
    """
    at = {(s.source, s.position): s for s in picked}
    inline: set[_Sentence] = set()
    for s in sorted(picked, key=lambda s: (s.source, s.position)):
        before = at.get((s.source, s.position - 1))
        goes_on = before is not None and (support[before] > 0 or before in inline)
        if support[s] == 0 and s.leans and s is not opener and goes_on:
            inline.add(s)
    return inline


def _told(
    part: Sequence[_Sentence], inline: set[_Sentence], names: Sequence[str], label: str
) -> str:
    """Join a paragraph's sentences, each run of own facts in it credited to its source."""
    texts: list[str] = []
    run: list[_Sentence] = []
    for s in [*part, None]:
        if run and (s is None or s not in inline or s.source != run[0].source):
            texts.append(_credit([x.text for x in run], names[run[0].source], label))
            run = []
        if s is not None and s in inline:
            run.append(s)
        elif s is not None:
            texts.append(s.text)
    return " ".join(texts)


def _story_order(
    shared: Sequence[_Sentence], facts: _Facts, first: _Sentence | None
) -> list[_Sentence]:
    """Order the told facts as the sources tell them, each run of one source's text together.

    A fact comes where its source that tells it earliest tells it (the sentence picked may
    be a later source's wording); a sentence whose predecessor in its source is told here
    follows that sentence directly, so what leans on it ("Damit …") has its context and a
    run of one source's text is not broken up by another source's order. ``first`` and its
    run come first.
    """
    at = {(s.source, s.position): s for s in shared}
    heads = [s for s in shared if (s.source, s.position - 1) not in at]

    def told_at(s: _Sentence) -> tuple[bool, int, int]:
        return s is not first, min([s.position, *(b.position for b in facts.near[s])]), s.source

    heads.sort(key=told_at)
    ordered: list[_Sentence] = []
    for head in heads:
        ordered.append(head)
        follower = at.get((head.source, head.position + 1))
        while follower is not None:
            ordered.append(follower)
            follower = at.get((follower.source, follower.position + 1))
    return ordered


def _paragraphs(
    ordered: Sequence[_Sentence], inline: AbstractSet[_Sentence]
) -> list[list[_Sentence]]:
    """Cut the shared facts into paragraphs of a few sentences (a wall of text reads badly in
    an email), never between a leaning sentence and the one it leans on. A paragraph ends
    after a credited run of ``inline`` own facts: what follows is not that source's alone."""
    parts: list[list[_Sentence]] = []
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


def _headline(group: Sequence[Article], feats: Sequence[Features]) -> tuple[str, str]:
    """Return (headline, kicker): the source headline naming most of the shared story."""
    shared = Counter(t for f in feats for t in f.terms)
    best: tuple[float, int] = (-1.0, 0)
    for i, article in enumerate(group):
        title = article.title.strip()
        words = len(title.split())
        if not title or _QUESTION.search(title) or title.endswith(("…", ".", ":")):
            continue
        if words < 4 or words > 16:  # a kicker or a whole sentence, not a headline
            continue
        score = sum(1 for t in stems(title) if shared[t] > 1) + min(words, 10) / 10
        best = max(best, (score, -i))
    index = -best[1] if best[0] >= 0 else max(range(len(group)), key=lambda i: bool(group[i].title))
    return group[index].title.strip(), group[index].kicker


def _primary(feats: Sequence[Features]) -> int:
    """Return the most central article: the one most similar to the rest."""
    if len(feats) < 3:
        return 0
    sums = [sum(feature_similarity(f, g) for g in feats if g is not f) for f in feats]
    return max(range(len(feats)), key=lambda i: sums[i])


def _single(article: Article, max_words: int) -> tuple[str, str]:
    """Return (summary, body) of a one-source story: its lead, then its text in order.

    The text ends at its first sentence that no longer fits, and is split only that far:
    most of a long article lies beyond the word budget.
    """
    paragraphs = (
        split_sentences(strip_dateline(p) if i == 0 else p)
        for i, p in enumerate(iter_body_paragraphs(article.body))
    )
    summary: list[str] = []
    told: list[tuple[set[str], str]] = []
    kept: list[str] = []
    budget = max_words
    leading = True  # still taking the summary: its first sentences, at most 60 words
    for paragraph in paragraphs:
        rest: list[str] = []
        for sentence in paragraph:
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
                return " ".join(summary), "\n\n".join(p for p in kept if p)
            rest.append(sentence)
            budget -= words
        kept.append(" ".join(rest))
    return " ".join(summary), "\n\n".join(p for p in kept if p)


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


def merge(
    group: Sequence[Article], settings: DedupConfig | None = None,
    feats: Sequence[Features] | None = None, label: str = CREDIT_LABEL,
) -> Story:  # fmt: skip
    """Merge ``group`` into one story that cites every article.

    ``label`` credits one source's own facts (``{name}`` is replaced), in the issue's language.
    """
    settings = settings or DedupConfig()
    feats = list(feats) if feats is not None else [of_article(a) for a in group]
    primary = _primary(feats)
    order = [primary, *(i for i in range(len(group)) if i != primary)]
    ordered = [group[i] for i in order]
    headline, kicker = _headline(ordered, [feats[i] for i in order])
    distinct = _distinct(ordered, [feats[i] for i in order])
    if len(distinct) == 1:
        summary_text, body = _single(distinct[0], settings.max_story_words)
    else:
        summary_text, body = _several(distinct, settings.max_story_words, label)
    return Story(
        headline=headline or summary_text.split(". ")[0],
        kicker=kicker,
        summary=summary_text,
        body=body,
        sources=_cited(ordered, headline),
    )


def _distinct(ordered: Sequence[Article], feats: Sequence[Features]) -> list[Article]:
    """Drop near-copies: syndicated agency text in several outlets adds a citation, not facts."""
    kept: list[int] = []
    for i, article in enumerate(ordered):
        copy = any(
            article.body == ordered[k].body or feature_similarity(feats[i], feats[k]) >= NEAR_COPY
            for k in kept
        )
        if not copy:
            kept.append(i)
    return [ordered[k] for k in kept]


def _cited(ordered: Sequence[Article], headline: str) -> list[SourceRef]:
    """Cite the source whose headline the story uses first, then the others in order."""
    first = sorted(ordered, key=lambda a: a.title.strip() != headline)
    return [SourceRef.of(a) for a in first]


def _several(ordered: Sequence[Article], max_words: int, label: str) -> tuple[str, str]:
    """Return (summary, body) of a story several sources report."""
    # Beyond a dozen reports, more sources add citations, not facts that fit 400 words.
    reports = ordered[:MAX_MERGE_SOURCES]
    reports = [about_story(a, [o for o in reports if o is not a]) for a in reports]
    pool = _candidates(reports)
    # "Dmitrijew nannte die Gespräche produktiv" echoes another source's "… nannte die
    # Verhandlungen produktiv und fügte … hinzu": tell the fuller sentence only.
    echoes = _Facts(pool).echoes
    pool = [s for s in pool if s not in echoes]
    facts = _Facts(pool)
    support = {s: facts.support(s) for s in pool}
    summary = _summary(pool, facts, support)
    budget = max_words - sum(s.words for s in summary)
    after = summary[-1] if summary else None
    # Reports of one outlet (its article and its newsletter's item) need no "Laut X:": the
    # credit would tell the reader nothing and only interrupt the text.
    label = label if len({a.source.name for a in ordered}) > 1 else ""
    picked = _Picker(pool, facts, support, after, credit=bool(label)).pick(summary, budget)
    body = _body(picked, support, [a.source.name for a in ordered], label, facts, after)
    return " ".join(s.text for s in summary), body


def _importance(story: Story) -> tuple[int, int, str]:
    """Sort key: most sources first, then the longer story, then by headline."""
    return (-len(story.sources), -story.words, story.headline)


def _has_story(article: Article) -> bool:
    return bool(article.title.strip() or article.body.strip())


def make_stories(
    articles: Sequence[Article], settings: DedupConfig, label: str = CREDIT_LABEL
) -> tuple[list[Story], list[IssueItem]]:
    """Group ``articles`` by event and merge each group; stories come most sources first."""
    feats = weigh([of_article(a) for a in articles])
    # A newsletter of short items only has no story of its own: its items still count.
    groups = cluster_features(feats, settings)
    groups = [g for g in groups if any(_has_story(articles[i]) for i in g)]
    attached, items = group_items(articles, feats, groups, settings)
    stories = []
    for g, group in enumerate(groups):
        story = merge([articles[i] for i in group], settings, [feats[i] for i in group], label)
        if attached.get(g):
            story = replace(story, sources=story.sources + attached[g])
        stories.append(story)
    stories.sort(key=_importance)
    return stories, items
