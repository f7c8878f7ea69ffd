"""Choose a merged story's sentences: the summary, then the body by new information per word.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from digest.merge.facts import MAX_SENTENCE_WORDS, Facts, Sentence
from digest.merge.people import People

SUMMARY_WORDS = 60
SUMMARY_SENTENCES = 3
RUN = 3.0  # gain factor for a sentence that follows its own predecessor (see Picker.gain)
CREDIT_WORDS = 2  # "Laut X:", charged per own sentence: a safe upper bound of the label
# A sentence wholly about other things than the story still keeps this much of its gain
# against one wholly about it (``Facts.relevance``): an aside is told only when room is left.
ASIDE = 0.4
LATER = 2.0  # a reaction or a next step (``Facts.develops``) is the news a source adds


class Picker:
    """Greedy choice of body sentences by new information per word."""

    def __init__(
        self, pool: Sequence[Sentence], facts: Facts, support: dict[Sentence, int],
        after: Sentence | None, credit: bool,
    ) -> None:  # fmt: skip
        """``after`` is the summary's last sentence, which the body may go on from;
        ``credit`` tells whether own facts carry their source's name."""
        self.pool, self.facts, self.support, self.after = pool, facts, support, after
        self.credit = credit and len({s.source for s in pool}) > 1
        self.at = {(s.source, s.position): s for s in pool}
        self.people = People(pool)

    def cost(self, s: Sentence) -> int:
        """Count the words ``s`` adds, its credit included."""
        return s.words + (CREDIT_WORDS if self.credit and self.support[s] == 0 else 0)

    def gain(
        self, s: Sentence, covered: set[str], per_source: Counter[int],
        told: set[Sentence | None],
    ) -> float:  # fmt: skip
        """Score new stems per word; shared facts and early sentences first, sources in turn.

        A sentence whose own predecessor is ``told`` (in the body or ending the summary), and
        is a fact of its kind (shared after shared, own after own), scores RUN times more: a
        run of one source's sentences reads as a text, a sentence torn from its context as a
        riddle. An own fact after a shared one gets no bonus: it would let one source's run
        crowd out the others' own facts. A sentence is worth at least what it and the
        sentence leaning on it ("Im Oval Office sagte er, …") add together: only it can
        open the way to that one. What happened after the event counts LATER times more.
        """
        stems, cost = s.stems, self.cost(s)
        nxt = self.at.get((s.source, s.position + 1))
        novel = self.facts.mass(stems - covered) / math.pow(cost, 0.75)
        if nxt is not None and nxt.leans and nxt not in told and self._may_follow(nxt, s):
            both = self.facts.mass((stems | nxt.stems) - covered)
            novel = max(novel, both / math.pow(cost + self.cost(nxt), 0.75))
        shared = 1 + self.support[s]
        spread = 1 + 0.5 * per_source[s.source]
        before = self.at.get((s.source, s.position - 1))
        alike = before is not None and (self.support[s] > 0) == (self.support[before] > 0)
        run = RUN if alike and before in told else 1.0
        relevant = self.facts.relevance(s, covered)
        about = (ASIDE + relevant) * (LATER if self.facts.develops(s) else 1.0)
        return run * novel * shared * about * s.factual / (1 + s.position / 15) / spread

    def pick(self, chosen: list[Sentence], budget: int) -> list[Sentence]:
        """Add sentences until ``budget`` words; none may repeat a chosen one."""
        picked: list[Sentence] = []
        self.people.tell(chosen)
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
            self.people.tell([best])
            taken.add((best.source, best.position))
            covered |= best.stems
            per_source[best.source] += 1
            budget -= self.cost(best)

    def _may_follow(self, s: Sentence, before: Sentence) -> bool:
        """Tell whether ``s`` may be told right after ``before``: a shared fact cannot lean
        on a source's own one (the own one is told later, in the source's paragraph)."""
        return self.support[s] == 0 or self.support[before] > 0

    def _follows(self, s: Sentence, body: set[Sentence]) -> bool:
        """Tell whether the sentence ``s`` refers back to ("Diese …") is told in the body, or
        is the summary's last sentence, which the body then opens after (``_body``). Other
        summary sentences stand apart. A shared fact cannot lean on a source's own one: the
        own one is told later, in the source's paragraph."""
        before = self.at.get((s.source, s.position - 1))
        if before is not None and before is self.after:
            return True
        if before is None or before not in body:
            return False
        return self._may_follow(s, before)

    def _told_before(self, s: Sentence, chosen: set[Sentence]) -> bool:
        """Tell whether the fact of the sentence before ``s`` is told: that sentence or one
        stating the same fact is chosen ("Auch …" adds to it, wherever it stands)."""
        before = self.at.get((s.source, s.position - 1))
        return before is not None and (before in chosen or self.facts.repeats(before, chosen))

    def _fits(
        self, s: Sentence, chosen: set[Sentence], taken: set[tuple[int, int]], budget: int,
        body: set[Sentence],
    ) -> bool:  # fmt: skip
        if (s.source, s.position) in taken or self.cost(s) > budget or s.words > MAX_SENTENCE_WORDS:
            return False
        if s.anaphoric and not self._follows(s, body):
            return False
        if s.connective and not self._told_before(s, chosen):
            return False
        return self.people.fits(s) and not self.facts.repeats(s, chosen)


def lead_sentences(
    pool: Sequence[Sentence], facts: Facts, support: dict[Sentence, int]
) -> list[Sentence]:
    """Pick two or three lead sentences (at most 60 words) that most sources share.

    Sentences that add to the one before ("Auch ...") come in only when fewer than two
    others fit: a summary of one such sentence beats none.
    """
    lead = [s for s in pool if s.position < 3 and s.words <= 35 and not s.anaphoric]
    lead.sort(key=lambda s: (-(1 + support[s]) / (1 + s.position), s.source, s.words))
    people = People(pool)
    chosen = _fill([s for s in lead if not s.connective], [], facts, people)
    if len(chosen) < 2:
        chosen = _fill([s for s in lead if s.connective], chosen, facts, people)
    return chosen


def _fill(
    candidates: Sequence[Sentence], chosen: list[Sentence], facts: Facts, people: People
) -> list[Sentence]:
    """Add ``candidates`` in order to ``chosen`` while they fit the summary."""
    chosen = list(chosen)
    for s in candidates:
        if len(chosen) == SUMMARY_SENTENCES:
            break
        if sum(x.words for x in chosen) + s.words > SUMMARY_WORDS:
            continue
        if facts.repeats(s, chosen) or not people.fits(s):
            continue
        chosen.append(s)
        people.tell([s])
    return chosen
