"""Which sentences of a merged story state one fact: the model's links and their bar."""

from __future__ import annotations

import math

import numpy as np
import pytest

from digest.merge.facts import Facts, Sentence
from digest.text.features import name_stems
from digest.text.sentences import stems

# Two outlets' sentences of our own: the same minister, different deeds.
PLAN = "Finanzministerin Anna Berger will den Haushalt im Januar vorlegen."
CRITIC = "Die Opposition wirft Anna Berger vor, die Schulden zu verschleiern."


def sentence(text: str, source: int) -> Sentence:
    return Sentence(text, source, 0, frozenset(stems(text)), name_stems(text))


def vectors_at(cosine: float) -> tuple[np.ndarray, np.ndarray]:
    """Return two unit vectors whose cosine is ``cosine``."""
    return np.array([1.0, 0.0]), np.array([cosine, math.sqrt(1 - cosine**2)])


@pytest.mark.parametrize(("cosine", "one_fact"), [(0.95, True), (0.93, False), (0.921, False)])
def test_the_model_links_two_sources_sentences_only_from_the_threshold(
    cosine: float, one_fact: bool
) -> None:
    # Read blind, pairs just under the threshold that share a name were one fact in 13
    # of 29: sharing "Anna Berger" does not make a plan and a reproach one fact.
    a, b = sentence(PLAN, 0), sentence(CRITIC, 1)
    assert a.names & b.names  # they share the minister
    va, vb = vectors_at(cosine)
    facts = Facts([a, b], {a: va, b: vb}, threshold=0.94)
    assert (facts.support(a), facts.support(b)) == ((1, 1) if one_fact else (0, 0))
    assert facts.repeats(b, {a}) is one_fact
