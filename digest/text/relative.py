"""Relative days ("gestern", "morgen Abend") as the weekday they mean, from the text's date.

A digest is read a day or more after its sources were written: "gestern" in Tuesday's
report is Monday, not the day before the reader's, and "morgen" in a newsletter of Monday
is Tuesday, maybe already past. German agency style names the weekday instead ("am
Montag", "seit Montagabend"), and the article's publication date gives it. Only what is
unambiguous is rewritten: "heute" alone also means "nowadays" ("Heute leben dort 500
Menschen"), and "morgen" alone as often the future ("was morgen ist"), so only "heute Abend",
"morgen früh", "ab morgen" and their kind are; "gestern Nacht" may be either night.
Quotations are left as spoken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from digest.text.dates import WEEKDAY_NAMES
from digest.text.vocabulary import MONTHS

# Beyond this many days from the issue the weekday alone no longer says which day it was.
MAX_DAYS = 6
OFFSETS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
ADJECTIVES = {"vorgestrig": -2, "gestrig": -1, "heutig": 0, "morgig": 1}
# The part of the day written after a relative day: "gestern Abend" is "Montagabend".
TIMES = {"abend": "abend", "morgen": "morgen", "früh": "morgen", "vormittag": "vormittag",
         "mittag": "mittag", "nachmittag": "nachmittag"}  # fmt: skip
_PARTS = r"[Aa]bend|[Mm]orgen|früh|[Vv]ormittag|[Mm]ittag|[Nn]achmittag"
_TIME = rf"(?:\s+(?P<time>{_PARTS}))"
# A clock time pins "heute" and "morgen" to a day: "heute um 10 Uhr", "morgen ab 18.30 Uhr".
_CLOCK = re.compile(r"\s+(?:um|ab|gegen|bis)\s+\d{1,2}(?:[.:]\d{2})?\s*Uhr\b")
# A preposition that takes the weekday without "am": "seit Montag", "bis Dienstagabend".
_PREPOSITION = r"(?:(?P<prep>[Ss]eit|[Bb]is|[Aa]b|[Ff]ür)\s+)"
# Generic, not a day: "die Welt von morgen", "Ausblick auf morgen", "heute und morgen",
# "das war gestern" (old news), "morgen ist auch noch ein Tag".
# After another preposition "am Montag" would not fit: "nach gestern Abend".
_GENERIC_BEFORE = "".join(rf"(?<!\b{w}\s)" for w in (
    "[Vv]on", "[Aa]uf", "[Aa]n", "als", "und", "oder", "wie", "war", "[Nn]ach", "[Vv]or",
    "[Zz]u", "[Üü]ber", "[Uu]m", "[Mm]it", "[Bb]ei", "[Gg]egen", "[Aa]us", "[Dd]urch",
    "nicht erst"))  # fmt: skip
_GENERIC_AFTER = r"(?!\s+(?:und|oder|wie|ist auch)\b)"
# "Morgen" capitalised is the noun; a capitalised day counts only where a sentence opens.
_RELATIVE = re.compile(
    rf"(?<![\w-]){_GENERIC_BEFORE}{_PREPOSITION}?(?P<rel>[Vv]orgestern|[Gg]estern|[Üü]bermorgen|[Mm]orgen|[Hh]eute)"
    rf"{_TIME}?(?![\w-])(?!\s+(?:[Nn]acht|für)\b){_GENERIC_AFTER}"
)
_ADJECTIVE = re.compile(
    r"(?<![\w-])(?P<am>[Aa]m)\s+(?P<rel>vorgestrig|gestrig|heutig|morgig)en\s+"
    r"(?P<what>Tag|Abend|Morgen|Vormittag|Mittag|Nachmittag|" + "|".join(WEEKDAY_NAMES) + r")\b"
)
# Quotations: German „…“ and »…«, Swiss «…», English “…” and straight "…".
# A quotation left open runs to the paragraph's end.
_QUOTED = re.compile(r"„[^“”\"]*(?:[“”\"]|$)|»[^«]*(?:«|$)|«[^»]*(?:»|$)|“[^”]*(?:”|$)"
                     r"|\"[^\"]*(?:\"|$)")
_DATELINE = re.compile(
    r"^[#*_ ]*(?:(?:" + "|".join(WEEKDAY_NAMES) + r"),?\s+(?:de[nr]\s+)?)?(\d{1,2})\.\s*"
    r"(" + "|".join(MONTHS) + r"|\d{1,2}\.)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"((?<=[.!?…])\s+)")
# A relative day left as it is ("heute" alone, "morgen" alone): the sentence keeps its
# own time ("Gestern noch geöffnet, heute geschlossen"), all of it.
_OPEN_ENDED = re.compile(
    rf"(?<![\w-])(?:[Hh]eute(?!\s+(?:{_PARTS})\b)"
    rf"|(?<!heute\s)(?<!gestern\s)(?<![Aa]b\s)(?<![Bb]is\s)morgen(?!\s+(?:{_PARTS})\b))(?![\w-])"
    rf"(?!{_CLOCK.pattern})"
)
_OPENS = re.compile(r"(?:^|[.!?:][*_]*\s+|\n)[„\"“»«(]?$")


def absolute_days(text: str, written: dt.date, issue: dt.date | None = None) -> str:
    """Return ``text`` with its relative days named as weekdays, counted from ``written``.

    With ``issue`` (the issue's date), a text written more than ``MAX_DAYS`` before or
    after it is left as it is: a weekday would not say which week.
    """
    # A ticker's entry may carry its own date: "Dienstag, 8. Dezember, 18.50 Uhr: …".
    return "\n\n".join(_paragraph(p, _opening_date(p, written), issue)
                         for p in text.split("\n\n"))  # fmt: skip


def _paragraph(text: str, written: dt.date, issue: dt.date | None) -> str:
    if issue is not None and abs((issue - written).days) > MAX_DAYS:
        return text
    if not _agrees(text, written):
        return text  # "am heutigen Mittwoch" in a text dated Tuesday: written another day
    parts = _SENTENCE_END.split(text)
    return "".join(part if k % 2 or _OPEN_ENDED.search(part) else _sentence(part, written)
                   for k, part in enumerate(parts))  # fmt: skip


def _sentence(text: str, written: dt.date) -> str:
    """Name the days of one sentence that keeps no relative day of its own."""
    text = _outside_quotes(_ADJECTIVE, text, lambda m: _adjective(m, written))
    return _outside_quotes(_RELATIVE, text, lambda m: _relative(m, written))


def _agrees(text: str, written: dt.date) -> bool:
    """Tell whether every weekday the text calls today, yesterday or tomorrow ("am
    gestrigen Dienstag") is the one its date gives."""
    return all(m.group("what") not in WEEKDAY_NAMES
               or m.group("what") == _weekday(written, ADJECTIVES[m.group("rel")])
               for m in _ADJECTIVE.finditer(text))  # fmt: skip


def _outside_quotes(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None]
) -> str:
    """Substitute ``pattern``'s matches outside quotations (``replace`` None: keep)."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]

    def one(m: re.Match[str]) -> str:
        if any(start < m.start() < end for start, end in quoted):
            return m.group(0)
        return replace(m) or m.group(0)

    return pattern.sub(one, text)


def _relative(m: re.Match[str], written: dt.date) -> str | None:
    """Name the day of "gestern", "seit gestern Abend", "Morgen früh" (None: keep)."""
    rel, time, prep = m.group("rel"), m.group("time"), m.group("prep")
    clocked = time is None and _CLOCK.match(m.string, m.end()) is not None
    if rel.lower() == "heute" and not (time or clocked):
        return None  # "heute" alone may mean "nowadays"
    if rel.lower().endswith("morgen") and not (time or clocked) and (prep or "").lower() not in (
        "ab", "bis"
    ):
        return None  # "morgen" alone is as often the future: "was morgen ist"
    if rel[0].isupper() and prep is not None:
        return None  # "für Morgen", the noun
    first = prep or rel
    if first[0].isupper() and not _OPENS.search(m.string[: m.start()]):
        return None  # "das Gestern", a noun
    name = _weekday(written, OFFSETS[rel.lower()]) + (TIMES[time.lower()] if time else "")
    word = "am" if prep is None else prep.lower()
    return f"{word.capitalize() if first[0].isupper() else word} {name}"


def _adjective(m: re.Match[str], written: dt.date) -> str:
    """Name the day of "am gestrigen Tag", "am gestrigen Abend", "am gestrigen Montag"."""
    what = m.group("what")
    part = "" if what == "Tag" or what in WEEKDAY_NAMES else what.lower()
    return f"{m.group('am')} {_weekday(written, ADJECTIVES[m.group('rel')])}{part}"


def _weekday(written: dt.date, offset: int) -> str:
    return WEEKDAY_NAMES[(written + dt.timedelta(days=offset)).weekday()]


def _opening_date(paragraph: str, written: dt.date) -> dt.date:
    """Return the date a paragraph opens with ("Dienstag, 8. Dezember, 18.50 Uhr: …"),
    in the year nearest ``written``; ``written`` if it opens with none."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return written
    day, month = int(m.group(1)), MONTHS.get(m.group(2).lower()) or int(m.group(2).rstrip("."))
    found = []
    for year in (written.year - 1, written.year, written.year + 1):
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(found, key=lambda d: abs((d - written).days), default=written)
