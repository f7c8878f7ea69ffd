"""An outlet's name after "laut", as German declines it."""

from __future__ import annotations

import pytest

from digest.text.dative import dative


@pytest.mark.parametrize(
    ("name", "after_laut"),
    [
        ("Süddeutsche Zeitung", "Süddeutscher Zeitung"),  # adjectives take the dative
        ("Frankfurter Allgemeine Zeitung", "Frankfurter Allgemeiner Zeitung"),  # city: as is
        ("Augsburger Allgemeine", "Augsburger Allgemeiner"),  # the adjective is the noun
        ("Bayerischer Rundfunk", "Bayerischem Rundfunk"),
        ("Deutsches Ärzteblatt", "Deutschem Ärzteblatt"),
        ("Badische Neueste Nachrichten", "Badischen Neuesten Nachrichten"),  # plural
        ("Der Standard", "dem Standard"),  # its own article declines
        ("Die Presse", "der Presse"),
        ("Das Erste", "dem Ersten"),
        ("Berliner Zeitung", "Berliner Zeitung"),  # nothing declines
        ("Tagesspiegel", "Tagesspiegel"),
        ("Zeit Online", "Zeit Online"),  # not understood: as it is
        ("Quelle 2", "Quelle 2"),
    ],
)
def test_a_name_after_laut(name: str, after_laut: str) -> None:
    assert dative(name) == after_laut
