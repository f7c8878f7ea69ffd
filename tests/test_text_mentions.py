"""Figures and people in a sentence: what two sentences must agree on (our own text)."""

from __future__ import annotations

import pytest

from digest.text.cohesion import attributed, unconfirmed
from digest.text.mentions import conflict, mentions, numbers


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Die Sitzung dauerte fast fünf Stunden.", {"5"}),
        ("Nach einer fünfstündigen Sitzung …", {"5"}),
        ("Es war das sechste Treffen, sie trafen sich sechsmal.", {"6"}),
        ("Erstmals nahm die Ministerin teil.", {"1"}),
        ("Die Stadt zahlt 3,3 Millionen Euro an 120.000 Haushalte.", {"3.3", "120000"}),
        ("Ein Treffen mit einer Delegation.", set()),  # articles are no figures
    ],
)
def test_figures_are_read_from_digits_and_number_words(text: str, figures: set[str]) -> None:
    assert numbers(text) == figures


def test_figures_conflict_only_when_each_sentence_states_one_the_other_does_not() -> None:
    six, first = numbers("Es war ihr sechstes Treffen."), numbers("Sie traf ihn erstmals.")
    assert conflict(six, first)
    assert not conflict(numbers("fast fünf Stunden"), numbers("über fünfstündige Gespräche"))
    assert not conflict(numbers("fünf Stunden lang"), numbers("in Westried"))


def test_a_person_is_introduced_by_a_role_an_apposition_or_a_first_name() -> None:
    role = mentions("Das sagte Kammer-Sprecherin Lea Brandt am Montag in Westried.")
    assert role.described == {"brandt"} and role.full == {"brandt"}
    apposition = mentions("Nach Angaben von Lea Brandt, der Sprecherin der Kammer, stieg die Zahl.")
    assert apposition.described == {"brandt"}
    after_comma = mentions("Er rief den Berater des Landrats Olaf Kern, Timo Weiß, an.")
    assert "weiß" in after_comma.described
    owner = mentions("Nach Angaben des Beraters Kerns, Timo Weiß, ist nichts entschieden.")
    assert owner.described == {"weiß"}  # Kern's adviser: Kern is named, not introduced
    genitive = mentions("Dann sprach Timo Weiß, Kerns Berater in Finanzfragen, zur Presse.")
    assert "weiß" in genitive.described
    possessive = mentions("Auch Timo Weiß, sein langjähriger Sprecher, war dabei.")
    assert "weiß" in possessive.described
    assert not mentions("Das sagte Timo Weiß, als Kerns Antrag kam.").described
    bare = mentions("Das Ergebnis sei offen, sagte Brandt.")
    assert bare.bare(frozenset({"brandt", "kern"})) == {"brandt"}
    assert mentions("Kerns Amt prüft den Antrag.").bare(frozenset({"kern"})) == {"kern"}


def test_a_denial_of_confirmation_answers_the_claim_attributed_before_it() -> None:
    assert unconfirmed("Von der Stadt gab es zunächst keine Bestätigung.")
    assert unconfirmed("Eine Stellungnahme der Firma liegt bislang nicht vor.")
    assert not unconfirmed("Die Stadt bestätigte den Verkauf am Abend.")
    assert attributed("Nach Angaben der Polizei wurde niemand verletzt.")
    assert attributed("Der Sender meldete, die Firma sei verkauft.")
    assert not attributed("Im Vorfeld hatte der Bürgermeister gedroht.")
