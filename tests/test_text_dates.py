"""Dates as German and machine sources write them, read as timezone-aware datetimes."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.text.dates import LOCAL, parse_date

PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-03T00:15:00+01:00", dt.datetime(2025, 12, 3, 0, 15, tzinfo=PLUS_ONE)),
        ("Wed, 03 Dec 2025 00:15:00 +0100", dt.datetime(2025, 12, 3, 0, 15, tzinfo=PLUS_ONE)),
        ("03.12.2025 00:15", dt.datetime(2025, 12, 3, 0, 15, tzinfo=LOCAL)),
        ("Stand: 3. Dezember 2025, 10:15 Uhr", dt.datetime(2025, 12, 3, 10, 15, tzinfo=LOCAL)),
        ("am 5. Jänner 2024", dt.datetime(2024, 1, 5, tzinfo=LOCAL)),
    ],
)  # fmt: skip
def test_dates(text: str, expected: dt.datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "kein Datum", "31.02.2025", "99. Mai 2025"])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None
