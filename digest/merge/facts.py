"""The candidate sentences of a group of reports, and which of them state the same fact.

Two sentences state one fact when their weighted stems overlap enough (``REPEAT``), or
when the sentence model calls them the same in other words: at a cosine of
``semantic_fact_threshold`` (0.94). Read blind (``bench/fact_links_bench.py``), such links
were right in 45 of 53 FANG pairs; from 0.92 with a shared name or number, in 13 of 29,
so a cosine below the threshold links nothing, whatever the two sentences share.
Two that state one fact with figures that disagree ("das sechste Treffen", "erstmals")
are not one fact told by two sources: only one of them is told, credited to its source.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np

from digest.dedup.embed import Vectors
from digest.models import Article
from digest.parse.cleanup import boilerplate_sentence
from digest.text.cohesion import adds_to, attributed, refers_back, unconfirmed
from digest.text.dates import weekdays
from digest.text.features import name_stems
from digest.text.mentions import Mentions, conflict, mentions, numbers
from digest.text.paragraphs import body_sentences
from digest.text.patterns import FORM_LABEL
from digest.text.sentences import stem_words, stems

ECHO = 0.3  # ... and from which a shorter sentence about the same actor and deed is an echo
REPEAT = 0.4  # weighted stem overlap from which two sentences state the same fact
# ... sharing this many words besides names: "Für Witkoff war es das sechste Treffen mit
# Putin" and "Er sagte, Witkoff und Kushner hätten ein gutes Gespräch mit Putin geführt"
# share the people, not what they did.
DEED = 2
MAX_SENTENCE_WORDS = 35  # longer ones are run-ons or parser glue: poor value per word
MIN_SENTENCE_WORDS = 6  # shorter ones are fragments ("Ein Durchbruch? Fehlanzeige.")
LATER_DAYS = 3  # a day named this many days after the event's: a reaction, a next step
QUESTION = re.compile(r"\?[\"“”»«']*$")
# A digest reports who said or did what; attributed statements beat commentary.
_REPORTED = re.compile(
    r"\b(?:sagte|sagt|berichtet\w*|meldete|erklärte|bestätigte|teilte|zufolge|Angaben|[Ll]aut|nannte"
    r"|kündigte|forderte?|fordern|telefonierte|reiste|traf)\b|[„«»]"
)
_OPINION = re.compile(r"\b(?:wohl|dürfte|scheint|Beobachter|werten|Eindruck|Fazit|Einordnung)\b")


# Compared by identity (each sentence of a group is one object): hashing its text and stem
# sets on every set and dict lookup was most of the merge time.
@dataclass(frozen=True, eq=False)
class Sentence:
    """A candidate sentence with where it came from."""

    text: str
    source: int
    position: int
    stems: frozenset[str]
    names: frozenset[str]
    answers: bool = False  # says a side has not confirmed the claim told right before

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def factual(self) -> float:
        return _factual(self)

    @cached_property
    def anaphoric(self) -> bool:
        """Tell whether the sentence refers back ("Diese …") and needs the one before."""
        return self.answers or refers_back(self.text)

    @cached_property
    def connective(self) -> bool:
        """Tell whether the sentence adds to a fact before it ("Auch ...", "... zudem")."""
        return adds_to(self.text)

    @cached_property
    def numbers(self) -> frozenset[str]:
        """The figures the sentence states."""
        return numbers(self.text)

    @cached_property
    def people(self) -> Mentions:
        """The people the sentence names, and whether it introduces them."""
        return mentions(self.text)

    @cached_property
    def leans(self) -> bool:
        """Tell whether the sentence reads right only after the one before it."""
        return self.anaphoric or self.connective


def candidates(group: Sequence[Article]) -> list[Sentence]:
    """Return the sentences of ``group`` worth telling, with where they came from.

    "Keine Bestätigung" right after a claim attributed to someone answers it and leans on
    it; after any other sentence it would seem to deny that one, and is left out.
    """
    found = []
    for s, article in enumerate(group):
        texts = body_sentences(article.body)
        for p, text in enumerate(texts):
            if QUESTION.search(text) or len(text.split()) < MIN_SENTENCE_WORDS:
                continue
            if boilerplate_sentence(text) or FORM_LABEL.match(text):
                continue  # "Sehen Sie hier den Livestream." inside a paragraph; "Ein Kommentar."
            answers = unconfirmed(text)
            if answers and not (p > 0 and attributed(texts[p - 1])):
                continue
            found.append(Sentence(text, s, p, frozenset(stems(text)), name_stems(text), answers))
    return found


def _same_actor_and_deed(a: Sentence, b: Sentence) -> bool:
    """Tell two sentences that name the same actor and use three more of the same words."""
    actor = any(not n[0].isdigit() for n in a.names & b.names)
    return actor and len(a.stems & b.stems - a.names - b.names) >= 3


class Facts:
    """Which sentences of one group state the same fact (weighted stem overlap, vectors)."""

    def __init__(
        self, sentences: Sequence[Sentence], vectors: dict[Sentence, Vectors] | None = None,
        threshold: float = 0.94,
    ) -> None:  # fmt: skip
        df = Counter(t for s in sentences for t in s.stems)
        n = max(1, len(sentences))
        # Stems in every sentence ("Putin", "Treffen") say little about which fact it is.
        self.weight = {t: math.log(1 + n / c) for t, c in df.items()}
        names = set().union(*(s.names for s in sentences)) if sentences else set()
        for t in names & self.weight.keys():
            self.weight[t] *= 2.0  # names and numbers are the checkable part of a fact
        # The people the sources introduce: names, whatever their place in the sentence.
        people = frozenset().union(*(s.people.described for s in sentences)) if sentences else ()
        self.people = frozenset(stem_words(sorted(people)))
        self.near: dict[Sentence, set[Sentence]] = {s: set() for s in sentences}
        # The same fact with figures that disagree: tell one, as its source's alone.
        self.clash: dict[Sentence, set[Sentence]] = {s: set() for s in sentences}
        self.echoes: set[Sentence] = set()  # shorter restatements of another source's sentence
        self._link(sentences)
        if vectors:
            self._link_vectors([s for s in sentences if s in vectors], vectors, threshold)

    def mass(self, stems: frozenset[str] | set[str]) -> float:
        """Sum the weights of ``stems``."""
        return float(sum(self.weight.get(t, 0.0) for t in stems))

    def _link(self, sentences: Sequence[Sentence]) -> None:
        """Record every pair whose overlap reaches REPEAT (only pairs sharing a stem)."""
        masses = {s: self.mass(s.stems) for s in sentences}
        by_stem: dict[str, list[Sentence]] = {}
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
                if overlap >= REPEAT and len(a.stems & b.stems - a.names - b.names
                                             - self.people) >= DEED:  # fmt: skip
                    self._same(a, b)
                elif overlap >= ECHO and a.source != b.source and _same_actor_and_deed(a, b):
                    self.echoes.add(min(a, b, key=lambda s: (len(s.stems), s.source)))

    def _same(self, a: Sentence, b: Sentence) -> None:
        """Record that ``a`` and ``b`` state one fact (a clash if their figures disagree)."""
        links = self.clash if conflict(a.numbers, b.numbers) else self.near
        links[a].add(b)
        links[b].add(a)

    def _link_vectors(
        self, sentences: Sequence[Sentence], vectors: dict[Sentence, Vectors], threshold: float
    ) -> None:
        """Link sentences of different sources that the model calls the same fact."""
        if len(sentences) < 2:
            return
        sims = np.vstack([vectors[s] for s in sentences]) @ np.vstack(
            [vectors[s] for s in sentences]
        ).T
        for x, y in zip(*np.nonzero(np.triu(sims, 1) >= threshold), strict=True):
            a, b = sentences[int(x)], sentences[int(y)]
            if a.source != b.source and b not in self.near[a] and b not in self.clash[a]:
                self._same(a, b)

    @cached_property
    def _others(self) -> dict[int, frozenset[str]]:
        """The stems the other sources' sentences hold, per source."""
        told: dict[int, set[str]] = {}
        for s in self.near:
            told.setdefault(s.source, set()).update(s.stems)
        return {
            source: frozenset().union(*(stems for other, stems in told.items() if other != source))
            for source in told
        }

    def relevance(self, s: Sentence, told: frozenset[str] | set[str] = frozenset()) -> float:
        """Weigh how much of ``s`` the other sources or the ``told`` story speak of, 0 to 1.

        "Das Fehlen von US-Außenminister Rubio beim Treffen der NATO-Außenminister …" in a
        story of talks in Moscow shares hardly a word with the other reports; a reaction
        ("Am Mittwoch äußerte sich Trump …") names the story's people and places, a next
        step ("Umerov soll nach Miami reisen") the people the story has introduced.
        """
        others = self._others.get(s.source, frozenset())
        if len(self._others) < 2:
            return 1.0
        shared = s.stems & others
        about = self.mass(shared) + self.mass((s.stems - shared) & told)
        return about / (self.mass(s.stems) or 1.0)

    @cached_property
    def event_day(self) -> int | None:
        """The day of the week the facts several sources tell name most, if any."""
        days = Counter(d for s in self.near if self.support(s) > 0 for d in weekdays(s.text))
        return days.most_common(1)[0][0] if days else None

    @cache  # noqa: B019 (one Facts per story: the cache goes with it)
    def develops(self, s: Sentence) -> bool:
        """Tell whether ``s`` reports what happened after the event: a day or three later.

        "Am Mittwoch äußerte sich Trump erstmals …", "Umerov soll am Donnerstag nach Miami
        reisen" after talks on Tuesday: a reaction or a next step, the news a source adds.
        """
        if self.event_day is None:
            return False
        later = [(d - self.event_day) % 7 for d in weekdays(s.text)]
        return bool(later) and all(1 <= gap <= LATER_DAYS for gap in later)

    def support(self, s: Sentence) -> int:
        """Count the other sources that state the fact of ``s``."""
        return len({b.source for b in self.near[s] if b.source != s.source})

    def repeats(self, s: Sentence, chosen: Sequence[Sentence] | set[Sentence]) -> bool:
        """Tell whether ``s`` restates a chosen sentence."""
        return not (self.near[s].isdisjoint(chosen) and self.clash[s].isdisjoint(chosen))


def _factual(s: Sentence) -> float:
    """Weigh how much ``s`` reads as a checkable fact: names, numbers, attribution."""
    score = 1 + 0.25 * min(4, len(s.names)) + 0.5 * bool(_REPORTED.search(s.text))
    return score / 2 if _OPINION.search(s.text) else score
