"""Word sets and excerpt ends: what the newsletter splitter compares and trims."""

from __future__ import annotations

import pytest

from digest.text.wordsets import trim_unfinished


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An excerpt broken off mid-sentence loses that sentence only.
        ("Der Rat tagte. Danach sagte der Bürgermeister, dass", "Der Rat tagte."),
        ("Erster Absatz.\n\nZweiter Absatz endet. Dann bricht er ab mit",
         "Erster Absatz.\n\nZweiter Absatz endet."),
        # "19. Dezember" is a date, not a sentence end: nothing before it is cut away.
        ("Montag, 19. Dezember 2011 19:00\n\nBraucht einen Treffpunkt",
         "Montag, 19. Dezember 2011 19:00\n\nBraucht einen Treffpunkt"),
        # A paragraph that never ends a sentence (a label, a list entry) stays.
        ("Der Rat tagte.\n\nMehr Informationen im Rathaus",
         "Der Rat tagte.\n\nMehr Informationen im Rathaus"),
        ("Alles gesagt.", "Alles gesagt."),
    ],
)  # fmt: skip
def test_trim_unfinished(text: str, expected: str) -> None:
    assert trim_unfinished(text) == expected
