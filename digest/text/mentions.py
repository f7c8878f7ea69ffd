"""What a sentence states that can be checked: its numbers and the people it names.

Two reports may word one fact apart, but "das sechste Treffen" and "erstmals" do not tell
the same figure; and a text introduces a person once ("Kreml-Berater Juri Uschakow",
"Uschakow, der Berater Putins") before it names them bare ("…, sagte Uschakow").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.text.sentences import is_stopword
from digest.text.vocabulary import NUMBER_COMPOUNDS, NUMBER_WORDS, ROLE_NOUNS

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|[,()–]")
_ROLE = re.compile(rf"(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})(?:s|n|en)?$")
_ARTICLES = frozenset(("der", "die", "dem", "den", "des"))
_POSSESSIVES = frozenset(
    f"{stem}{ending}" for stem in ("sein", "ihr") for ending in ("", "e", "en", "em", "er", "es")
)
_LETTERS = re.compile(r"[^\W\d_]+")
_COMPOUND_ENDINGS = tuple(
    f"{c}{e}" for c in NUMBER_COMPOUNDS for e in ("", "e", "en", "er", "es", "em")
)
APPOSITION_WORDS = 6  # how far after a name ", der Berater …" may name the role
ROLE_BEFORE = 3  # how far before a name its role may stand ("Beraters Putins, Juri …")


def numbers(text: str) -> frozenset[str]:
    """Return the figures ``text`` states, as digits ("3,3" → "3.3", "fünf" → "5")."""
    found = set()
    for match in _DIGITS.finditer(text):
        digits = match.group()
        found.add(digits.replace(".", "") if _THOUSANDS.match(digits) else digits.replace(",", "."))
    for word in _LETTERS.findall(text.lower()):
        value = NUMBER_WORDS.get(word)
        if value is None and word.endswith(_COMPOUND_ENDINGS):
            value = next((n for w, n in NUMBER_WORDS.items() if word.startswith(w)), None)
        if value is not None:
            found.add(str(value))
    return frozenset(found)


def conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Tell whether two sentences' figures disagree: each states one the other does not."""
    return bool(a - b) and bool(b - a)


def is_role(word: str) -> bool:
    """Tell whether ``word`` names a person's role ("Kreml-Berater", "Sondergesandten")."""
    return _ROLE.search(word.lower()) is not None


@dataclass(frozen=True)
class Mentions:
    """The people a sentence names (surnames, lower-cased), and how."""

    described: frozenset[str]  # with a role or an apposition: introduced
    full: frozenset[str]  # with a first name
    names: frozenset[str]  # every capitalised name word, genitive "s" kept

    def bare(self, people: frozenset[str]) -> frozenset[str]:
        """Return the ``people`` this sentence names without introducing them."""
        named = {n for n in self.names if n in people} | {
            n[:-1] for n in self.names if n.endswith("s") and n[:-1] in people
        }
        return frozenset(named - self.described - self.full)


def mentions(text: str) -> Mentions:
    """Find the runs of capitalised names in ``text`` and whether each is introduced."""
    words = _WORD.findall(text)
    described: set[str] = set()
    full: set[str] = set()
    names: set[str] = set()
    k = 0
    while k < len(words):
        if not _capital(words, k):
            k += 1
            continue
        end = k
        while end + 1 < len(words) and _capital(words, end + 1):
            end += 1
        run = [w for w in words[k : end + 1] if not is_role(w)]
        if run:
            surname = run[-1].lower()
            names.update(w.lower() for w in run)
            if len(run) >= 2:
                full.add(surname)
            # "Kreml-Berater Juri Uschakow"; after a comma, the name is the apposition of a
            # role told before it: "des Sicherheitsberaters Selenskyjs, Rustem Umerov".
            before = APPOSITION_WORDS if k > 0 and words[k - 1] == "," else ROLE_BEFORE
            roled = any(is_role(w) for w in words[max(0, k - before) : end + 1])
            # "des Beraters Putins, Juri Uschakow": the genitive names whose adviser it is.
            owner = len(run) == 1 and _owner(words, end)
            if (roled and not owner) or _apposition(words, end + 1):
                described.add(surname)
        k = end + 1
    return Mentions(frozenset(described), frozenset(full), frozenset(names))


def _owner(words: list[str], at: int) -> bool:
    """Tell a name that owns the role before it: "des Beraters Putins", "der Sprecherin der
    Kammer" (a genitive: the role is someone else's)."""
    before = [w.lower() for w in words[max(0, at - 2) : at]]
    if words[at].endswith("s") and any(is_role(w) for w in before):
        return True
    return len(before) == 2 and before[1] in ("der", "des") and is_role(before[0])


def _capital(words: list[str], k: int) -> bool:
    """Tell a capitalised word that may be (part of) a name."""
    word = words[k]
    if not word[:1].isupper() or is_stopword(word.lower()):
        return False
    return not (word.isupper() and len(word) > 1 and "-" not in word)  # "NATO", "USA"


def _apposition(words: list[str], k: int) -> bool:
    """Tell whether an apposition with a role follows a name ending before ``k``: ", der
    Berater …", ", sein Sprecher …", ", Trumps Schwiegersohn …" (a genitive name, at most
    two words before the role)."""
    if k >= len(words) or words[k] != ",":
        return False
    following = words[k + 1 : k + 1 + APPOSITION_WORDS]
    if not following:
        return False
    first = following[0]
    if first.lower() in _ARTICLES or first.lower() in _POSSESSIVES:
        return any(is_role(w) for w in following)
    genitive = first[:1].isupper() and first.endswith("s") and len(first) > 2
    return genitive and any(is_role(w) for w in following[1:3])
