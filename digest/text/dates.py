"""Dates as German and machine sources write them, to timezone-aware datetimes."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from digest.text.vocabulary import MONTHS

# Naive times in German sources are local time in Germany/Austria/Switzerland.
LOCAL = ZoneInfo("Europe/Berlin")


_NUMERIC = re.compile(
    r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?:,?\s*(?:um\s*)?(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?"
)
_WORDS = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})"
    r"(?:,?\s*(?:um\s*)?(\d{1,2})[:.](\d{2}))?",
    re.IGNORECASE,
)


def parse_date(text: str) -> dt.datetime | None:
    """Return the first date in ``text`` (ISO, RFC 2822 or German), or None."""
    text = text.strip()
    if not text:
        return None
    return _iso(text) or _rfc2822(text) or _german(text)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=LOCAL)


def _iso(text: str) -> dt.datetime | None:
    try:
        return _aware(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _rfc2822(text: str) -> dt.datetime | None:
    try:
        return _aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        return None


def _german(text: str) -> dt.datetime | None:
    for pattern, month_of in ((_NUMERIC, int), (_WORDS, lambda m: MONTHS[m.lower()])):
        match = pattern.search(text)
        if match:
            day, month, year, hour, minute = match.groups()
            try:
                return dt.datetime(
                    int(year), month_of(month), int(day), int(hour or 0), int(minute or 0),
                    tzinfo=LOCAL,
                )  # fmt: skip
            except ValueError:
                continue
    return None


# In ``date.weekday()`` order: Montag is 0.
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
                 "Sonntag")  # fmt: skip
_WEEKDAYS = {name.lower(): n for n, name in enumerate(WEEKDAY_NAMES)} | {"sonnabend": 5}
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})", re.IGNORECASE)


def weekdays(text: str) -> frozenset[int]:
    """Return the days of the week ``text`` names (0 = Montag; "Dienstagabend" counts)."""
    return frozenset(_WEEKDAYS[m.group(1).lower()] for m in _WEEKDAY.finditer(text))
