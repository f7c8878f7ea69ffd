"""The issue's sections (Politik, Wirtschaft, …) and which one an article belongs to.

An article says where its outlet filed it in several ways: a ressort line or the page's
``articleSection`` (``Article.ressort``, which also holds a feed's category), the folders
of its URL (``/politik/ausland/2020-11/…``) and a kicker that names a ressort. The first
of these cues that one of the sections lists decides. A piece of opinion (commentary,
column, guest piece) is recognised by the same cues or by announcing itself in its teaser
("Ein Kommentar."), and goes to the opinion section whatever its ressort.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from digest.config import SectionRule
from digest.models import Article
from digest.text.patterns import announces_opinion
from digest.text.vocabulary import OPINION_WORDS, SECTION_WORDS

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "_": "-"})


def N_(text: str) -> str:
    """Mark ``text`` for translation; the build translates it into the issue's language."""
    return text


@dataclass(frozen=True)
class Section:
    """A section of the issue: its name as shown and the ressort words that file into it."""

    name: str
    words: frozenset[str]
    opinion: bool = False


# The built-in sections, most weighty first: (English name, to translate; the key of its
# ressort words in ``SECTION_WORDS``). Words match after folding umlauts (``aussenpolitik``).
BUILTIN: tuple[tuple[str, str], ...] = (
    (N_("Politics"), "politics"), (N_("Business"), "business"), (N_("Science"), "science"),
    (N_("Culture"), "culture"), (N_("Sports"), "sports"), (N_("Regional"), "regional"),
    (N_("Panorama"), "panorama"),
)  # fmt: skip
OPINION_NAME = N_("Opinion")


def fold(word: str) -> str:
    """Return ``word`` as sections compare it: lower case, umlauts spelled out."""
    return word.strip().casefold().translate(_FOLD)


def builtin_sections(gettext: Callable[[str], str]) -> list[Section]:
    """Return the built-in sections, named in the issue's language, opinion last."""
    found = [Section(gettext(name), frozenset(map(fold, SECTION_WORDS[k]))) for name, k in BUILTIN]
    opinion = frozenset(map(fold, OPINION_WORDS))
    return [*found, Section(gettext(OPINION_NAME), opinion, opinion=True)]


def configured_sections(rules: Sequence[SectionRule]) -> list[Section]:
    """Return the sections of the config's ``sections`` list, in its order."""
    return [Section(r.name, frozenset(map(fold, r.match)), opinion=r.opinion) for r in rules]


def cues(article: Article) -> list[str]:
    """Return where the outlet filed ``article``, surest first: ressort, URL folders, kicker.

    A newsletter's ressort and address are the whole newsletter's ("/politik/nachrichten-…"
    for a briefing that also reports football): a story of it is filed by its kicker only.
    """
    found = [article.ressort] if article.ressort and not article.newsletter else []
    found += [] if article.newsletter else url_folders(article.source.url)
    if article.kicker:
        found.append(article.kicker)
    return [fold(c) for c in found]


def url_folders(url: str | None) -> list[str]:
    """Return the folders of a URL's path, without the last part (the article's own slug)."""
    if not url or "://" not in url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    parts = [p for p in path.split("/") if p][:-1]
    # Dates and issue numbers ("2020-11", "47") file nothing.
    return [p for p in parts if not p.replace("-", "").isdigit()]


def section_of(article: Article, sections: Sequence[Section]) -> Section | None:
    """Return the section ``article`` is filed in, or None when no cue names one."""
    found = cues(article)
    if is_opinion(article, found, sections):
        return next((s for s in sections if s.opinion), None)
    for cue in found:
        section = next((s for s in sections if cue in s.words and not s.opinion), None)
        if section is not None:
            return section
    return None


def is_opinion(article: Article, found: Sequence[str], sections: Sequence[Section]) -> bool:
    """Tell whether ``article`` is commentary: a cue names an opinion format, or its teaser does."""
    words = {w for s in sections if s.opinion for w in s.words}
    if any(c in words for c in found):
        return True
    return bool(words) and announces_opinion(article.title, article.body)


def story_section(articles: Sequence[Article], sections: Sequence[Section]) -> Section | None:
    """Return the section most of a story's articles are filed in (the first one's on a tie)."""
    filed = [s for s in (section_of(a, sections) for a in articles) if s is not None]
    if not filed:
        return None
    if all(s.opinion for s in filed) or not any(s.opinion for s in filed):
        return Counter(filed).most_common(1)[0][0]
    # News and commentary on one event: the story is news, filed where the news is.
    return Counter(s for s in filed if not s.opinion).most_common(1)[0][0]
