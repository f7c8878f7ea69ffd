"""An outlet's name after "laut": German declines it ("laut Süddeutscher Zeitung").

A credit reads "Laut Tagesblatt: …". A one-word name needs nothing, but a name whose
head noun follows adjectives declines them in the dative, without an article: "laut
Süddeutscher Zeitung", "laut Bayerischem Rundfunk", "laut Badischen Neuesten
Nachrichten". A name that brings its own article declines the article and the
adjectives after it: "laut dem Standard", "laut der Presse", "laut dem Ersten". The
gender comes from the head noun's ending (the nouns newspapers and broadcasters are
named by); a name this does not understand is written as it is. City adjectives
("Berliner", "Frankfurter") do not decline.
"""

from __future__ import annotations

import re

# Head nouns by ending, lower-cased: the last word of the name.
_FEMININE = ("zeitung", "presse", "post", "rundschau", "umschau", "welle", "stimme", "zeit",
             "welt", "woche", "allgemeine", "pfalz")  # fmt: skip
_NEUTER = ("blatt", "wort", "echo", "erste", "journal", "magazin", "parlament")
_MASCULINE = ("anzeiger", "kurier", "rundfunk", "tag", "spiegel", "standard", "westen", "bund",
              "merkur", "express", "funk", "aktionär", "bote")  # fmt: skip
_PLURAL = ("nachrichten",)
_ARTICLES = {"der": "dem", "die": "der", "das": "dem"}
# A declinable adjective: "Süddeutsche", "Bayerischer", "Freies", "Neueste" (not "Berliner").
_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]*(?:e|scher|sches|ies|ues)$")
_STRONG = {"f": "er", "m": "em", "n": "em", "p": "en"}


def _gender(noun: str) -> str | None:
    low = noun.lower()
    for endings, kind in ((_PLURAL, "p"), (_FEMININE, "f"), (_NEUTER, "n"), (_MASCULINE, "m")):
        if low.endswith(endings):
            return kind
    return None


def _stem(adjective: str) -> str:
    """Return an adjective without its ending: "Süddeutsche" -> "Süddeutsch"."""
    for ending in ("er", "es", "e"):
        if adjective.endswith(ending):
            return adjective[: -len(ending)]
    return adjective


def dative(name: str) -> str:
    """Return ``name`` as German writes it after "laut" (unchanged where unsure)."""
    words = name.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return name
    kind = _gender(words[-1])
    head_adjective = words[-1].lower().endswith(("allgemeine", "erste"))
    if words[0].lower() in _ARTICLES:  # "Die Presse" -> "der Presse": weak adjectives
        article = "den" if kind == "p" else _ARTICLES[words[0].lower()]
        middle = [_stem(w) + "en" if _ADJECTIVE.match(w) else w for w in words[1:-1]]
        head = _stem(words[-1]) + "en" if head_adjective else words[-1]
        return " ".join([article, *middle, head])
    if kind is None or (not any(_ADJECTIVE.match(w) for w in words[:-1]) and not head_adjective):
        return name  # "Berliner Zeitung": nothing declines; "Zeit Online": not understood
    ending = _STRONG[kind]
    middle = [_stem(w) + ending if _ADJECTIVE.match(w) else w for w in words[:-1]]
    head = _stem(words[-1]) + ending if head_adjective else words[-1]
    return " ".join([*middle, head])
