"""The candidate sentences of a group of reports, and which of them state the same fact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from digest.models import Article
from digest.text.cohesion import adds_to, refers_back
from digest.text.features import name_stems
from digest.text.paragraphs import body_sentences
from digest.text.sentences import stems

ECHO = 0.3  # ... and from which a shorter sentence about the same actor and deed is an echo
REPEAT = 0.4  # weighted stem overlap from which two sentences state the same fact
MAX_SENTENCE_WORDS = 35  # longer ones are run-ons or parser glue: poor value per word
MIN_SENTENCE_WORDS = 6  # shorter ones are fragments ("Ein Durchbruch? Fehlanzeige.")
QUESTION = re.compile(r"\?[\"“”»«']*$")
# A digest reports who said or did what; attributed statements beat commentary.
_REPORTED = re.compile(
    r"\b(?:sagte|sagt|berichtet\w*|meldete|erklärte|bestätigte|teilte|zufolge|Angaben|nannte"
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


def candidates(group: Sequence[Article]) -> list[Sentence]:
    found = []
    for s, article in enumerate(group):
        for p, text in enumerate(body_sentences(article.body)):
            if not QUESTION.search(text) and len(text.split()) >= MIN_SENTENCE_WORDS:
                found.append(Sentence(text, s, p, frozenset(stems(text)), name_stems(text)))
    return found


def _same_actor_and_deed(a: Sentence, b: Sentence) -> bool:
    """Tell two sentences that name the same actor and use three more of the same words."""
    actor = any(not n[0].isdigit() for n in a.names & b.names)
    return actor and len(a.stems & b.stems - a.names - b.names) >= 3


class Facts:
    """Which sentences of one group state the same fact (weighted stem overlap)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        df = Counter(t for s in sentences for t in s.stems)
        n = max(1, len(sentences))
        # Stems in every sentence ("Putin", "Treffen") say little about which fact it is.
        self.weight = {t: math.log(1 + n / c) for t, c in df.items()}
        names = set().union(*(s.names for s in sentences)) if sentences else set()
        for t in names & self.weight.keys():
            self.weight[t] *= 2.0  # names and numbers are the checkable part of a fact
        self.near: dict[Sentence, set[Sentence]] = {s: set() for s in sentences}
        self.echoes: set[Sentence] = set()  # shorter restatements of another source's sentence
        self._link(sentences)

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
                if overlap >= REPEAT:
                    self.near[a].add(b)
                    self.near[b].add(a)
                elif overlap >= ECHO and a.source != b.source and _same_actor_and_deed(a, b):
                    self.echoes.add(min(a, b, key=lambda s: (len(s.stems), s.source)))

    def support(self, s: Sentence) -> int:
        """Count the other sources that state the fact of ``s``."""
        return len({b.source for b in self.near[s] if b.source != s.source})

    def repeats(self, s: Sentence, chosen: Sequence[Sentence] | set[Sentence]) -> bool:
        """Tell whether ``s`` restates a chosen sentence."""
        return not self.near[s].isdisjoint(chosen)


def _factual(s: Sentence) -> float:
    """Weigh how much ``s`` reads as a checkable fact: names, numbers, attribution."""
    score = 1 + 0.25 * min(4, len(s.names)) + 0.5 * bool(_REPORTED.search(s.text))
    return score / 2 if _OPINION.search(s.text) else score
