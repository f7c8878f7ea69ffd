"""Names of people and places as bylines and datelines write them."""

from __future__ import annotations

import re

from digest.text.vocabulary import ABBREVIATIONS, NOT_PLACES

_I = re.IGNORECASE

# What separates author names in a byline: ``A, B und C``, ``A; B``, ``A & B``, ``A/B``.
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\bund\b|&|/)\s*")

# Initials an outlet puts after an author's name: ``Elena Oberholzer (obe)``.
AUTHOR_INITIALS = re.compile(r"\s*\([^)]{1,12}\)\s*$")

# The "von" that opens a byline inside a longer credit: ``Capital Von Anna Muster``.
BYLINE_VON = re.compile(r"\bvon\s+", _I)

# A person's name as a byline shows it: ``Dr. Anna Muster``, ``Bill MCCARTHY``.
PERSON_NAME = re.compile(r"^(?:(?:Dr|Prof)\.\s)?[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,3}$")

# Endings of abstract nouns, never of a place: a bold ``**Bilanz.** …`` or ``**Wirkung.**``
# opening a paragraph is a run-in heading, not a dateline.
NOT_PLACE_ENDING = re.compile(r"(?:ung|heit|keit|schaft|tion|ismus|tät|nis)$", _I)

# A signature: a bare name on the last line ("P. Tiko", "Anna Meier"); it is the author.
SIGNATURE = re.compile(
    r"^(?:[A-ZÄÖÜ]\.\s?){0,2}[A-ZÄÖÜ][a-zäöüßéè]+(?:-[A-ZÄÖÜ][a-zäöüßéè]+)?"
    r"(?:\s+(?:[A-ZÄÖÜ]\.|(?:von|van|de|zu)\s+)?[A-ZÄÖÜ][a-zäöüßéè]+(?:-[A-ZÄÖÜ][a-zäöüßéè]+)?){0,2}$"
)


def split_names(names: str) -> list[str]:
    """Split a list of author names: ``A, B und C``."""
    parts = NAME_SEPARATOR.split(names)
    return [p.strip() for p in parts if p.strip()]


def is_place_like(place: str) -> bool:
    """Say whether a bold lead-in could name a place: no heading word, no abstract noun."""
    words = re.split(r"[ /-]", place.rstrip("."))
    return place.rstrip(".") not in ABBREVIATIONS and not any(
        w.casefold() in NOT_PLACES or NOT_PLACE_ENDING.search(w) for w in words
    )
