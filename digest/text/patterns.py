"""Patterns of German news text that several stages read: line ends and datelines.

Each is defined once here; the parser, the merge and the newsletter splitter import them.
"""

from __future__ import annotations

import re

from digest.text.vocabulary import (
    AGENCIES,
    BREAKING_WORDS,
    DESK_MARKS,
    END_SECTIONS,
    OPINION_WORDS,
    alternation,
)

# Closing quotation marks and brackets that may follow a sentence's last punctuation mark.
CLOSERS = "['\"“”«»‘’)\\]]"
# A line that ends like a sentence or a clause (full stop, colon, comma, ...).
CLAUSE_END = re.compile(rf"[.:,;!…]{CLOSERS}*$")
# A line that ends a thought: a sentence end, a colon or a semicolon (a comma goes on).
THOUGHT_END = re.compile(rf"[.!?…:;]{CLOSERS}*$")
# A paragraph that ends a sentence.
SENTENCE_END = re.compile(rf"[.!?…]{CLOSERS}*$")
# Last characters of a text that can end a sentence, closing marks included.
SENTENCE_END_CHARS = (".", "!", "?", "…", '"', "“", "”", "«", "»", ")")

# A dateline opening the first paragraph: ``Washington/Moskau – ``, ``Berlin (dpa) - ``,
# ``Hamburg (dpa/lno) –``; group ``place`` is what goes to ``Article.dateline``.
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜ][\w.'’-]*){0,3}"
    rf"(?:\s*\({alternation(AGENCIES | DESK_MARKS)}[^)]{{0,20}}\))?)"
    r"\s*[–—-]\s+(?=[A-ZÄÖÜ„»«\"\d])"
)

# Marks of UTF-8 read as cp1252 ("Ã¤" for "ä", "â€ž" for "„"): a double-encoded text.
MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u2013\u2014\u201e\u2020\u2021\u2026\u2030\u2039\u203a]|â€"
)

# Invisible characters that break matching: zero-width spaces, soft hyphens, BOMs.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# An opinion piece announcing itself in its teaser or headline (matched on the first few
# hundred characters): "Ein Kommentar.", "Ein Gastbeitrag von …", "Kommentar: Titel".
OPINION_TEASER = re.compile(
    rf"(?:^|[.!?…:]\s+)(?i:(?:eine?\s+)?{alternation(OPINION_WORDS)})"
    r"(?:\s+von\s+[A-ZÄÖÜ]|\s*[.:]|\s+(?=[A-ZÄÖÜ„\"»]\w*\s+[a-zäöü]))"
)

# A sentence that only names the piece's form, alone or with its topic: "Ein Kommentar.",
# "Eine Glosse.", "Ein Überblick darüber, was sich bis Weihnachten ändert." It tells the
# reader of a digest nothing (the issue files opinion in its own section); the rank reads
# it from the article first. "Ein Gespräch mit …" names a person and stays.
FORM_LABEL = re.compile(
    r"^(?:Ein|Eine)\s+(?:Überblick|Übersicht|Analyse|Kommentar|Gastkommentar|Kolumne|Essay"
    r"|Reportage|Interview|Gespräch|Streitgespräch|Porträt|Bilanz|Rückblick|Ausblick"
    r"|Leitartikel|Glosse|Gastbeitrag|Faktencheck)"
    r"(?:\s+(?:über|darüber)\b,?(?:\s+[^\s.!?]+){1,14})?\.$"  # longer: news glued on
)

# How far into a text an opinion piece announces itself ("… Ein Kommentar.").
TEASER_CHARS = 400


def announces_opinion(title: str, body: str) -> bool:
    """Tell whether a text's headline or first lines announce it as commentary."""
    return OPINION_TEASER.search(f"{title}. {body[:TEASER_CHARS]}") is not None


# Breaking news opening a headline, kicker or lead: "Eilmeldung:", "+++ Eil +++", "Breaking".
BREAKING = re.compile(rf"^[\W_]*{alternation(BREAKING_WORDS)}(?:\s+news)?\b", re.IGNORECASE)

# A heading, alone on its line or block, after which the rest may be no story: FAQ and
# source lists, notes on the author (``## FAQ``, ``Quellen:``). Whether it really ends the
# story depends on where it stands (``text.paragraphs.trailing_cut``). A related-content
# label ("Mehr zum Thema") is no such heading: the box is one line or a teaser list, and
# the parser drops those where they stand.
END_HEADING = re.compile(
    rf"^(?:#+\s*)?(?:\*\*)?{alternation(END_SECTIONS)}(?:\*\*)?\s*:?$",
    re.IGNORECASE,
)
