"""Names of people and places as bylines and datelines write them."""

from __future__ import annotations

import pytest

from digest.text.names import is_place_like, split_names


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Anna Meier, Jan Kurz und Eva Roth", ["Anna Meier", "Jan Kurz", "Eva Roth"]),
        ("Anna Meier & Jan Kurz", ["Anna Meier", "Jan Kurz"]),
        ("Anna Meier; Jan Kurz", ["Anna Meier", "Jan Kurz"]),
        ("", []),
    ],
)
def test_split_names(names: str, expected: list[str]) -> None:
    assert split_names(names) == expected


@pytest.mark.parametrize(
    ("lead_in", "expected"),
    [("Kassel.", True), ("Bad Hersfeld.", True), ("Fazit.", False), ("Wirkung.", False),
     ("Dr.", False), ("Endlich.", False)],
)  # fmt: skip
def test_a_bold_lead_in_names_a_place_or_not(lead_in: str, expected: bool) -> None:
    assert is_place_like(lead_in) is expected
