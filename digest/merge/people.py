"""Who a merged story has introduced: a person is introduced once, before named bare.

Sentences from several sources each introduce the people they name ("Kreml-Berater Juri
Uschakow", "Uschakow, der Berater Putins"). Told side by side, the reader meets the same
man two or three times, or meets "…, sagte Uschakow" before learning who he is. The
people of a story are those some source introduces with a role or an apposition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from digest.merge.facts import Sentence


class People:
    """The story's people, and who the sentences told so far introduced."""

    def __init__(self, pool: Sequence[Sentence]) -> None:
        self.known = frozenset().union(*(s.people.described for s in pool)) if pool else frozenset()
        self.met: set[str] = set()  # introduced by a told sentence (role, apposition, full name)
        self.described: set[str] = set()  # introduced with a role or an apposition

    def fits(self, s: Sentence) -> bool:
        """Tell whether ``s`` may be told now: it names no one before their introduction,
        and describes no one a told sentence has described."""
        if s.people.bare(self.known) - self.met:
            return False
        return not (s.people.described & self.described)

    def tell(self, sentences: Iterable[Sentence]) -> None:
        """Record the people ``sentences`` introduce."""
        for s in sentences:
            self.met |= s.people.described | s.people.full
            self.described |= s.people.described


def misplaced(order: Sequence[Sentence], pool: Sequence[Sentence]) -> list[Sentence]:
    """Return the sentences that, in the story's reading ``order``, break ``People.fits``."""
    people = People(pool)
    wrong = []
    for s in order:
        if not people.fits(s):
            wrong.append(s)
            continue
        people.tell([s])
    return wrong
