"""Localization through Babel: gettext catalogues, dates and numbers for the configured locale."""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from digest.text.dative import dative

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


@lru_cache(maxsize=16)
def translations(locale: str) -> gettext.NullTranslations:
    """Return the catalogue for ``locale``: the compiled .mo, else the .po compiled in memory."""
    for code in (locale, Locale.parse(locale).language):
        folder = LOCALE_DIR / code / "LC_MESSAGES"
        mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as f:
                return gettext.GNUTranslations(f)
        if po.exists():
            # A source checkout that was never built has only the .po: compile it here.
            with po.open("rb") as f:
                catalog = read_po(f, locale=code)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def long_date(date: dt.date, locale: str) -> str:
    """Format ``date`` in full, e.g. ``Mittwoch, 3. Dezember 2025``."""
    return format_date(date, "full", locale=locale)


def day_month(date: dt.date, locale: str) -> str:
    """Format a day of the year, e.g. ``5. Dezember`` (``December 5`` in English)."""
    return format_skeleton("MMMMd", date, locale=locale)


def short_date(date: dt.date | dt.datetime, locale: str) -> str:
    """Format ``date`` briefly, e.g. ``03.12.2025``."""
    return format_date(date, "medium", locale=locale)


def date_time(value: dt.datetime, locale: str, tz: dt.tzinfo | None = None) -> str:
    """Format a timestamp with date and time, e.g. ``03.12.2025, 00:15``."""
    return format_datetime(value, "medium", tzinfo=tz, locale=locale)


def number(value: float, locale: str) -> str:
    """Format ``value`` with the locale's grouping, e.g. ``120.000``."""
    return format_decimal(value, locale=locale)


def credit_name(locale: str) -> Callable[[str], str]:
    """Return how a source's name is written in a credit ("Laut {name}"): German declines
    "Süddeutsche Zeitung" to "Süddeutscher Zeitung" after "laut"; other languages keep it."""
    if Locale.parse(locale).language == "de":
        return dative
    return str
