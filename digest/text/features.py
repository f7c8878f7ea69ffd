"""What the deduplicator compares: weighted stems, the lead's stems, the publication day."""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from digest.models import Article
from digest.text.sentences import is_stopword, split_sentences, stem_words
from digest.text.vocabulary import AGENCIES, CREDIT_WORDS, PHOTO_WORDS

TITLE_WEIGHT = 3.0  # a headline names the event; its words count three times
LEAD_WEIGHT = 1.5  # the first sentences carry the who, what, where
NAME_WEIGHT = 1.5  # names and numbers pin an event down more than common nouns do
LEAD_SENTENCES = 3
# How far into the other text a lead must be found: a long article on the same topic (a
# football round-up, a US election live blog) holds any lead's words somewhere, but the
# report of the same event names them in its headline and first few sentences.
HEAD_SENTENCES = 6
FULL_TERMS = 20  # below this many distinct stems a text is too short to judge fully
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*")
# Web residue that unrelated pages share word for word (consent banners, paywalls, CTAs).
BOILERPLATE = re.compile(
    r"cookie|datenschutz|webseite|website|newsletter|abonn|javascript|browser|werbung"
    r"|nutzungsbedingung|einwilligung|zustimmung|akzeptieren|datenverarbeitung|impressum"
    r"|registrier|e-mail|passwort|klicken sie|weiterlesen|zum artikel|mehr zum thema"
    r"|©|alle rechte"
    # Wire press releases (ad-hoc notices, OTS): the legal frame is the same in every one.
    r"|veröffentlichung einer insiderinformation|für den inhalt der mitteilung ist"
    r"|übermittelt durch (?:eqs|dgap)|ende der ad-hoc-mitteilung|eqs group|isin:|wkn:"
    r"|originalinhalt von|pressekontakt:|rückfragehinweis:|presseportal"
)  # matched on lower-cased text: with IGNORECASE or \b, re cannot skip ahead by first letter
# A credit inside a sentence; the sentence around it stays. Forms: ``(Bild: EPA/…)``,
# ``Foto: Name/dpa`` up to the agency after the last slash, up to three words closing the
# sentence (``Quelle: Polizei Hamburg.``), or one word before the next sentence's capital
# (``Foto: dpa Jetzt …``). Each loop ends at a slash, so matching stays linear.
CREDIT = re.compile(
    rf"\(\s*{CREDIT_WORDS}\s*:[^()\n]{{1,80}}\)"
    rf"|\b{PHOTO_WORDS}\s*:\s*(?:[^()/|.\n]{{1,60}}[/|])+\s*[\w.-]+(?:\s+images)?"
    rf"|\b{CREDIT_WORDS}\s*:\s*[^\s()]+(?:\s+[^\s()]+){{0,2}}(?=\s*(?:\([^()\n]{{0,80}}\)\s*)*$)"
    rf"|\b{PHOTO_WORDS}\s*:\s*[\w.-]+(?=\s+(?-i:[A-ZÄÖÜ]))",
    re.IGNORECASE,
)
PHOTO_CREDIT = re.compile(rf"\(?\s*{PHOTO_WORDS}\s*:", re.IGNORECASE)
# Share buttons (``Jetzt teilen:``) and the ad label a scraper leaves before a text
# (``Anzeige``; doubled, it is a label wherever it stands).
CTA = re.compile(
    r"\b(?:jetzt teilen|teilen|drucken|merken)\s*:|^(?:anzeige\s+)+(?=(?-i:[A-ZÄÖÜ]))"
    r"|\banzeige\s+(?:anzeige\s+)+",
    re.IGNORECASE,
)
CAPTION_WORDS = 30  # a caption is short; a long sentence before a credit is the article's own


@dataclass(frozen=True)
class Features:
    """One text as the similarity sees it."""

    terms: Mapping[str, float]  # stem -> weight (sublinear term frequency, title weighted)
    lead: frozenset[str]  # stems of the headline and first sentence: what the story is about
    head: frozenset[str]  # stems of the headline and first HEAD_SENTENCES sentences
    day: float | None  # publication time in days since the epoch, if known
    norm: float  # Euclidean length of ``terms``
    weighted: bool = False  # terms already carry the batch's inverse document frequencies

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the weights as one block of doubles (features come back from a child,
        ``dedup.prepare``): pickle keeps no float shared, and a text's weights unpickled
        one object each cost 300 MB more for 46,840 texts, where a few hundred distinct
        values are all there are. ``_rebuild`` shares them again as it reads."""
        weights = array("d", self.terms.values()).tobytes()
        return (_rebuild, (tuple(self.terms), weights, self.lead, self.head, self.day,
                           self.norm, self.weighted))  # fmt: skip


def _rebuild(
    keys: tuple[str, ...], weights: bytes, lead: frozenset[str], head: frozenset[str],
    day: float | None, norm: float, weighted: bool,
) -> Features:  # fmt: skip
    """Unpickle ``Features``: each weight the one object of its value in this process."""
    values = array("d")
    values.frombytes(weights)
    if len(_SHARED) >= _TOKEN_CACHE_SIZE:
        _SHARED.clear()  # never in practice: a night's weights take a few thousand values
    share = _SHARED.setdefault
    terms = dict(zip(keys, [share(w, w) for w in values], strict=True))
    return Features(terms, lead, head, day, norm, weighted)


# How a token's name flag is decided: always, never, or by its place in the sentence.
_NUMBER, _PLAIN, _ACRONYM, _CAPITAL = range(4)
_TOKEN_CACHE_SIZE = 500_000  # distinct tokens remembered; a night's batch has about 150,000
_token_cache: dict[str, tuple[tuple[str, ...], bool, int]] = {}
_SUBLINEAR: dict[float, float] = {}  # raw weight -> its sublinear weight, shared
_SHARED: dict[float, float] = {}  # a weight -> the one object for its value (``_rebuild``)


def _token_info(token: str) -> tuple[tuple[str, ...], bool, int]:
    """Return a token's content stems, whether it is a capitalised content word, its kind.

    Decided once per distinct token (``_is_name`` reads the result): a batch repeats
    its words thousands of times, and lower-casing, the stop list and the stemmer per
    occurrence were most of the deduplicator's time.
    """
    info = _token_cache.get(token)
    if info is not None:
        return info
    low = token.lower()
    stop = is_stopword(low)
    parts = []
    if not stop and (len(low) > 2 or low.isdigit()):
        parts = [p for p in low.split("-") if (len(p) > 2 or p.isdigit()) and p not in AGENCIES]
    # Interned: thousands of texts share each stem, and the batch keeps every text's terms.
    stems = tuple(sys.intern(s) for s in stem_words(parts)) if parts else ()
    first = token[0]
    if first.isdigit():
        kind = _NUMBER if len(token) > 1 else _PLAIN
    elif not first.isupper():
        kind = _PLAIN
    else:
        kind = _ACRONYM if len(token) > 1 and token.isupper() else _CAPITAL
    info = (stems, first.isupper() and not stop, kind)
    if len(_token_cache) < _TOKEN_CACHE_SIZE:
        _token_cache[token] = info
    return info


def _is_name(infos: list[tuple[tuple[str, ...], bool, int]], i: int) -> bool:
    """Tell names and numbers apart from common nouns (German capitalises every noun).

    ``infos`` are a sentence's ``_token_info``. A number, an acronym ("NATO") or a run of two
    capitalised words ("Juri Uschakow") marks a name; the first word of a sentence is
    capitalised anyway and needs its neighbour.
    """
    kind = infos[i][2]
    if kind == _NUMBER:
        return True
    if kind == _PLAIN or i == 0:
        return False
    return kind == _ACRONYM or infos[i - 1][1] or (i + 1 < len(infos) and infos[i + 1][1])


def _add_stems(
    text: str, weight: float, weighted: dict[str, float], seen: set[str] | None
) -> None:
    """Add the content stems of ``text`` at ``weight`` to ``weighted``, and to ``seen``.

    Names and numbers (``_is_name``) count NAME_WEIGHT times. One pass, no list per
    sentence: a batch runs this for every sentence of every article.
    """
    cached = _token_cache.get
    infos = [cached(t) or _token_info(t) for t in _TOKEN.findall(text)]
    named = weight * NAME_WEIGHT
    for i, (stems, _, _) in enumerate(infos):
        if not stems:
            continue
        w = named if _is_name(infos, i) else weight
        for stem in stems:
            weighted[stem] = weighted.get(stem, 0.0) + w
        if seen is not None:
            seen.update(stems)


def cosine(a: Features, b: Features) -> float:
    """Return the cosine of two texts' stem vectors."""
    small, large = a.terms, b.terms
    # Only shared stems add to the dot product; the key intersection runs in C, so the
    # Python loop sees a few dozen stems instead of every stem of the shorter text.
    dot = sum(small[t] * large[t] for t in small.keys() & large.keys())
    norm = a.norm * b.norm
    return dot / norm if norm else 0.0


def is_boilerplate(text: str) -> bool:
    """Tell whether ``text`` holds web or press-release residue."""
    return BOILERPLATE.search(text.lower()) is not None


def _holds_any(text: str, words: set[str]) -> bool:
    return any(word in text for word in words)


def content_sentences(body: str) -> list[str]:
    """Return the sentences of ``body`` without web boilerplate, photo captions and credits.

    A short sentence right before a photo credit is the photo's caption: it describes the
    picture, often an old one, not the news.
    """
    # A sentence is a piece of the body, so only the residue words the body holds can make
    # a sentence residue: one search of the body, then a substring test per sentence
    # (most bodies hold none or one or two of these words).
    residue = {m.group() for m in BOILERPLATE.finditer(body.lower())}
    kept: list[str] = []
    for sentence in split_sentences(body):
        if ":" in sentence or "nzeige" in sentence:  # the cheap test first
            credit = CREDIT.search(sentence)
            photo = credit is not None and credit.start() == 0 and PHOTO_CREDIT.match(sentence)
            if photo and kept and len(kept[-1].split()) <= CAPTION_WORDS:
                kept.pop()  # the caption of the photo this credit names
            sentence = CTA.sub(" ", CREDIT.sub(" ", sentence)).strip()
        if sentence and not (residue and _holds_any(sentence.lower(), residue)):
            kept.append(sentence)
    return kept


def extract(title: str, body: str, day: float | None = None) -> Features:
    """Build the features of a text from its title and body."""
    weighted: dict[str, float] = {}
    sentences = content_sentences(body)
    titled = bool(title) and not is_boilerplate(title)
    parts = [(title, TITLE_WEIGHT)] if titled else []
    parts += [(s, LEAD_WEIGHT if i < LEAD_SENTENCES else 1.0) for i, s in enumerate(sentences)]
    lead: set[str] = set()
    head: set[str] = set()
    for k, (text, weight) in enumerate(parts):
        in_lead = k < 1 + bool(title) and len(lead) < 12
        in_head = k < HEAD_SENTENCES + titled
        seen: set[str] = set()
        _add_stems(text, weight, weighted, seen if in_lead or in_head else None)
        if in_lead:
            lead |= seen
        if in_head:
            head |= seen
    # Stems come interned (``_token_info``): thousands of texts share each one.
    terms = {t: _sublinear(w) for t, w in weighted.items()}
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return Features(terms=terms, lead=frozenset(lead), head=frozenset(head), day=day, norm=norm)


def _sublinear(weight: float) -> float:
    """Return 1 + log(weight) (the weight below 1), one float object per value.

    A text's raw weights are sums of a few steps (1, 1.5, 3, 4.5 …): 46,840 texts held
    hundreds of megabytes of equal floats before they were shared.
    """
    found = _SUBLINEAR.get(weight)
    if found is None:
        found = 1.0 + math.log(weight) if weight >= 1 else weight
        if len(_SUBLINEAR) < _TOKEN_CACHE_SIZE:
            _SUBLINEAR[weight] = found
    return found


def of_article(article: Article) -> Features:
    """Build the features of ``article``."""
    day = article.published.timestamp() / 86400 if article.published else None
    return extract(article.title, article.body, day)


def name_stems(text: str) -> frozenset[str]:
    """Return the stems of the names and numbers in ``text``."""
    tokens = _TOKEN.findall(text)
    infos = [_token_info(t) for t in tokens]
    picked = [t.lower() for i, t in enumerate(tokens) if _is_name(infos, i)]
    return frozenset(stem_words(picked))
