"""A page's headline by agreement between the titles it states.

A page names its article up to six times: the JSON-LD headline, ``og:title``,
``twitter:title``, the visible ``<h1>``, ``<title>`` and the words of its URL. Which one
is the editorial headline differs from site to site, so no single one is preferred: each
distinct title (and each headline part of a ``Kicker: Headline`` title) is a candidate,
and every title that states it votes for it, with its weight (``pagerules.TitleWeights``):

* a title with the same words (case, punctuation and spacing ignored) gives a full vote;
* a title that holds the candidate as one part, beside a kicker or a subtitle
  (``Kicker: Headline``, ``Headline - Unterzeile``, or kicker and headline in two elements
  of the ``<h1>``), gives a part vote;
* the URL path votes for a candidate it spells word for word (``ä`` as ``ae`` or ``a``).

Site names appended to a title go first, found generally: a tail after `` | ``, `` - ``
… that names the site, is a web address, or that another title does without.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from digest.readers.pagerules import TitleWeights

# A site name appended to a page title: ``Titel | Börsen-Zeitung``, ``Titel - DER SPIEGEL``
# (the last separator and what follows it, at most 40 characters).
TITLE_SITE_SUFFIX = re.compile(r"\s+[|–—·-]\s+(?!.*\s[|–—·-]\s).{2,40}$")

# A web address as a site's name: ``SZ.de``, ``news.ORF.at``, ``www.example.com``.
DOMAIN_NAME = re.compile(r"\b[\w-]+\.(?:[a-z]{2,3}|com|info|online|news)\s*$", re.I)

# What glues a kicker to the headline it precedes, or a subtitle to the headline it follows,
# in one title: ``Kicker: Titel``, ``Titel - Unterzeile``, ``Kicker | Titel``.
KICKER_SEPARATOR = re.compile(r"(?::| [-–—|]) (?=\S)")

# A word of a page's URL path (the slug the article was filed under): ``/politik/ein-titel-123``.
SLUG_WORD = re.compile(r"[a-z0-9]+")

# A space before a colon, comma or semicolon that ends a word, but not one between digits.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<!\d)\s+([:,;])(?=\s|$)|(?<=\d)\s+([:,;])(?=\s+\D|$)")
_MIN_PART_WORDS = 3  # a shorter part ("Kultur") is a kicker, never the headline
_KICKER_WORDS = 12  # a longer first part is no kicker
_ORDER = ("ld", "og", "twitter", "page", "h1")  # who wins a tie, and whose spelling is used
_TRANSLIT = (str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}),
             str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    """A headline a page may have, with the kicker its source printed before it."""

    text: str
    kicker: str = ""


@dataclass(frozen=True)
class Choice:
    """The chosen headline, its kicker and every title of the page (to drop from the text)."""

    title: str
    kicker: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Ballot:
    """Who votes for which candidate: full votes, part votes and the URL slug's vote."""

    candidates: tuple[Candidate, ...]
    full: tuple[tuple[str, ...], ...]  # per candidate, the sources with the same words
    part: tuple[tuple[str, ...], ...]  # per candidate, the sources holding it as a part
    slug: tuple[bool, ...]  # per candidate, whether the URL spells it
    aliases: tuple[str, ...]


def ballot(
    titles: dict[str, str], h1_parts: tuple[str, str], slug: frozenset[str], sites: list[str]
) -> Ballot:  # fmt: skip
    """Read the page's titles into a ballot: candidates and who votes for each.

    ``titles`` maps ``ld``, ``og``, ``twitter``, ``h1`` and ``page`` to the page's titles;
    ``h1_parts`` is the (kicker, headline) the ``<h1>`` marks up in two elements, if any.
    """
    cleaned = {k: tidy_title(v) for k, v in titles.items() if v and v.strip()}
    cleaned = {k: strip_site(v, sites, [o for j, o in cleaned.items() if j != k])
               for k, v in cleaned.items()}  # fmt: skip
    candidates = tuple(_candidates(cleaned, h1_parts))
    keys = {name: key(title) for name, title in cleaned.items()}
    full, part = [], []
    for candidate in candidates:
        wanted = key(candidate.text)
        full.append(tuple(n for n in _ORDER if keys.get(n) == wanted))
        long = len(candidate.text.split()) >= _MIN_PART_WORDS
        part.append(tuple(
            n for n in _ORDER if n in keys and keys[n] != wanted and long and (
                _part_of(wanted, cleaned[n]) or (n == "h1" and key(h1_parts[1]) == wanted)
            )
        ))  # fmt: skip
    aliases = tuple(dict.fromkeys([*cleaned.values(), *(c.text for c in candidates)]))
    spelled = tuple(spelled_in(c.text, slug) for c in candidates)
    return Ballot(candidates, tuple(full), tuple(part), spelled, aliases)


def count(votes: Ballot, weights: TitleWeights) -> Choice:
    """Return the candidate with the most weighted votes (ties: the first in ``_ORDER``)."""
    if not votes.candidates:
        return Choice("", "", ())
    scores = [
        sum(getattr(weights, n) for n in full)
        + weights.part * sum(getattr(weights, n) for n in part)
        + (weights.slug if spelled else 0.0)
        for full, part, spelled in zip(votes.full, votes.part, votes.slug, strict=True)
    ]
    best = max(range(len(scores)), key=lambda i: (round(scores[i], 9), -i))
    chosen = votes.candidates[best]
    return Choice(chosen.text, chosen.kicker, votes.aliases)


def choose_title(
    titles: dict[str, str], h1_parts: tuple[str, str], slug: frozenset[str],
    sites: list[str], weights: TitleWeights,
) -> Choice:  # fmt: skip
    """Return the headline most of the page's titles agree on (``ballot``, then ``count``)."""
    return count(ballot(titles, h1_parts, slug, sites), weights)


def _candidates(titles: dict[str, str], h1_parts: tuple[str, str]) -> list[Candidate]:
    """Return each title, and the headline part after a kicker in each, once per wording.

    Candidates come in the order of ``_ORDER`` (whole titles before their parts), which is
    also the tie-break: a tie goes to the earlier source's wording.
    """
    found: dict[str, Candidate] = {}
    for name in _ORDER:
        if titles.get(name):
            found.setdefault(key(titles[name]), Candidate(titles[name]))
    kicker, headline = h1_parts
    splits = [(tidy_title(kicker), tidy_title(headline))] if kicker and headline else []
    for name in _ORDER:
        splits += _splits(titles.get(name, ""))
    for kicker, rest in splits:
        # A title that is another's headline part gets that title's kicker.
        known = found.get(key(rest))
        if known is None or not known.kicker:
            found[key(rest)] = Candidate(known.text if known else rest, kicker)
    return list(found.values())


def _splits(title: str) -> list[tuple[str, str]]:
    """Return (kicker, headline) for each way ``title`` reads as ``Kicker: Headline``."""
    pairs = []
    for match in KICKER_SEPARATOR.finditer(title):
        kicker, rest = title[: match.start()].strip(), title[match.end() :].strip()
        if len(kicker.split()) <= _KICKER_WORDS and len(rest.split()) >= _MIN_PART_WORDS:
            pairs.append((kicker, rest))
    return pairs


def _part_of(wanted: str, title: str) -> bool:
    """Say whether ``title`` holds ``wanted`` as a part beside a kicker or subtitle."""
    for match in KICKER_SEPARATOR.finditer(title):
        head, tail = key(title[: match.start()]), key(title[match.end() :])
        if wanted in (head, tail):
            return True
    whole = key(title)
    return len(wanted) < len(whole) and _covers(whole, wanted)


def _covers(whole: str, part: str) -> bool:
    # A title that is the candidate with a kicker before it, the two run together ("Kicker
    # Titel" from two elements): the candidate is one of its ends.
    return bool(part) and (whole.startswith(part) or whole.endswith(part))


def key(title: str) -> str:
    """Return the words of ``title`` for comparison: case, punctuation and spacing ignored."""
    return "".join(re.findall(r"\w+", title.casefold()))


def strip_site(title: str, sites: list[str], others: list[str] | None = None) -> str:
    """Remove site names appended to a page title: ``Titel | Börsen-Zeitung``, ``Titel - SZ.de``.

    A tail goes when it names the site (``sites``: its name and host), is a web address,
    follows a ``|``, or is missing from another title of the page that otherwise agrees.
    """
    others = others or []
    known = [re.sub(r"\W", "", s).casefold().removeprefix("www") for s in sites if s]
    while match := TITLE_SITE_SUFFIX.search(title):
        head, tail = title[: match.start()].strip(), match.group(0).strip()
        name = re.sub(r"\W", "", tail).casefold()
        agreed = any(key(head) == key(o) for o in others) and not any(
            key(title) == key(o) for o in others
        )
        if (
            tail.startswith("|")
            or DOMAIN_NAME.search(tail)
            or any(k and (k in name or name in k) for k in known)
            or agreed
        ):
            title = head
        else:
            break
    return title


def tidy_title(title: str) -> str:
    """Normalise a title's spacing: no space before a colon or comma (``Kultur : Titel``).

    A score keeps its spacing: ``Bayern gegen Mainz 3 : 1``.
    """
    return _SPACE_BEFORE_PUNCT.sub(lambda m: m.group(1) or m.group(2), " ".join(title.split()))


def slug_words(url: str) -> frozenset[str]:
    """Return the words of a URL's path: ``https://x.de/politik/ein-titel-123`` → ein, titel …"""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    return frozenset(SLUG_WORD.findall(path.casefold()))


def spelled_in(title: str, slug: frozenset[str]) -> bool:
    """Say whether every word of ``title`` stands in the URL slug (``ä`` as ``ae`` or ``a``)."""
    words = re.findall(r"\w+", title.casefold())
    if len(words) < _MIN_PART_WORDS or not slug:
        return False
    return all(any(_ascii(w.translate(t)) in slug for t in _TRANSLIT) for w in words)


def _ascii(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
