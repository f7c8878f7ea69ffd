"""The pair score the grouping uses: the words first, the page's structure, then the model.

The lexical score (``similarity.feature_similarity``) decides where it is clear. A roundup
is scored by its closest piece and never against another roundup; a template pair scores
0 (``structure``). The grouping sets a pair with a piece about the news in it (a
commentary, an analysis, an interview, an explainer: ``genre``) apart unless their words
make them near copies: the words may rightly call it the same event, but it is told as
itself. A pair the words leave uncertain (from ``semantic_low`` up to the threshold),
dated within the date window, is the same event when the sentence model's cosine of the
two texts' heads reaches ``semantic_threshold``: it then counts at the threshold, so one
such pair can join two groups but never chain a third in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from digest.config import DedupConfig
from digest.dedup.embed import Vectors, story_text
from digest.dedup.genre import LEANING, PIECE, piece_likelihood
from digest.dedup.similarity import feature_similarity, reweight
from digest.dedup.structure import head_tokens, pieces, template_pair
from digest.dedup.vectors import Semantic
from digest.models import Article
from digest.sources.outlets import host_of
from digest.text.features import FULL_TERMS, Features, extract, of_article

Pair = tuple[int, int]
# Below this score by the whole texts, no piece of a roundup is checked: a piece that is
# the same event lifts its page's score some, not from nothing.
ROUNDUP_FLOOR = 0.2
NEAR_COPY = 0.9  # pair similarity from which two texts are copies of one (any structure)
# A report and a piece about it share the event's words, and so do two pieces about it:
# below this score a pair with a piece in it (``genre.is_piece``) stays apart. A piece is
# one author's work, told as itself; only a copy of it (another outlet's print of an
# agency's explainer) is one story with it.
GENRE_WORDS = 0.5
# The model's cosine of two texts of one night, about: e5 puts unrelated news at 0.81
# (the median of 10,990 pairs of three FANG nights), so ``similarity`` maps it to 0.
TYPICAL_COSINE = 0.81
# Two texts of one outlet (one web host) tell one event only as a copy or with most of
# their words shared: an outlet reports an event once, and what its other texts of the
# day share with it is the house's vocabulary, its regional series' frame, its running
# topic (read blind on eighteen FANG nights, 13 of 21 such merges were two events against
# 7 of 49 across outlets). Below this score such a pair stays apart, and the model never
# rescues it. Chosen on the twelve chosen nights (the strictest of the two best bars).
SAME_OUTLET = 0.45


def pair(i: int, j: int) -> Pair:
    """Return the pair of ``i`` and ``j`` in order."""
    return (i, j) if i < j else (j, i)


class Scorer:
    """Score pairs of one batch: lexical and structural, then the model in the band."""

    def __init__(
        self, articles: Sequence[Article], feats: Sequence[Features], settings: DedupConfig,
        idf: Mapping[str, float] | None = None,
    ) -> None:  # fmt: skip
        self.articles = articles
        self.feats = feats
        self.settings = settings
        self.idf = idf
        self.window = settings.date_window_days
        self.vectors: dict[int, Vectors] = {}
        self.rescued: set[Pair] = set()
        self._lexical: dict[Pair, float] = {}
        self._pieces: dict[int, list[Features]] = {}
        self._heads: dict[int, list[str]] = {}
        self._genre: dict[int, float] = {}
        self._hosts = [host_of(a.source.url) for a in articles]

    def lexical(self, i: int, j: int) -> float:
        """Return the words' score of a pair, structure considered."""
        key = pair(i, j)
        found = self._lexical.get(key)
        if found is None:
            found = self._lexical[key] = self._structured(*key)
        return found

    def _structured(self, i: int, j: int) -> float:
        score = feature_similarity(self.feats[i], self.feats[j], self.window)
        if score < ROUNDUP_FLOOR or score >= NEAR_COPY:
            return score  # too far apart for a piece to be the same event, or one text
        if self.roundup(i) and self.roundup(j):
            return 0.0  # two tickers share their frame, not an event
        if self.roundup(i) or self.roundup(j):
            page, other = (i, j) if self.roundup(i) else (j, i)
            score = max(feature_similarity(p, self.feats[other], self.window)
                        for p in self._pieces[page])  # fmt: skip
        low = min(self.settings.semantic_low, self.settings.threshold)
        return 0.0 if score >= low and self._template(i, j) else score

    def roundup(self, i: int) -> bool:
        """Tell whether article ``i`` is a page of unrelated pieces (its pieces kept)."""
        if i not in self._pieces:
            found = [extract("", text, self.feats[i].day) for text in pieces(self.articles[i].body)]
            self._pieces[i] = [reweight(p, self.idf) for p in found] if self.idf else found
        return bool(self._pieces[i])

    def _template(self, i: int, j: int) -> bool:
        for k in (i, j):
            if k not in self._heads:
                self._heads[k] = head_tokens(self.articles[k])
        return template_pair(self._heads[i], self._heads[j])

    def apart(self, i: int, j: int) -> bool:
        """Tell whether a piece about the news, not a copy of the other text, is in the pair
        (the words may call it the same event: it stays a story of its own). A roundup's
        piece is news, whatever the page looks like. In the band, where only the model
        would merge, a text counts as a piece from ``genre.LEANING``."""
        low = min(self.settings.semantic_low, self.settings.threshold)
        if self.lexical(i, j) < low or self.roundup(i) or self.roundup(j):
            return False
        # A copy is told whatever its date: a column printed again the next evening.
        if feature_similarity(self.feats[i], self.feats[j], 0) >= GENRE_WORDS:
            return False
        for k in (i, j):
            if k not in self._genre:
                self._genre[k] = piece_likelihood(self.articles[k])
        # Where only the model would merge the pair, a text more likely a piece than not
        # stays apart: the weaker the evidence, the lower the bar.
        bar = LEANING if self.lexical(i, j) < self.settings.threshold else PIECE
        return max(self._genre[i], self._genre[j]) >= bar

    def inside(self, i: int, j: int) -> bool:
        """Tell whether two texts are dated within the date window (undated ones are)."""
        a, b = self.feats[i].day, self.feats[j].day
        return a is None or b is None or self.window <= 0 or abs(a - b) <= self.window

    def comparable(self, i: int, j: int) -> bool:
        """Tell whether the model may speak on a pair: inside the window, both texts full
        (a stub, such as a consent banner or a teaser, is uncertain for want of text),
        neither a ticker (its vector mixes its pieces)."""
        if not self.inside(i, j) or self.roundup(i) or self.roundup(j):
            return False
        return min(len(self.feats[i].terms), len(self.feats[j].terms)) >= FULL_TERMS

    def uncertain(self, i: int, j: int) -> bool:
        """Tell whether the model decides the pair: in the band, inside the window, both
        texts full (not stubs), neither a ticker, no piece about the news in it."""
        low, high = self.settings.semantic_low, self.settings.threshold
        if not low <= self.lexical(i, j) < high or self.same_outlet(i, j):
            return False
        return self.comparable(i, j) and not self.apart(i, j)

    def cosine(self, i: int, j: int) -> float | None:
        """Return the model's cosine of two texts, None if either has no vector."""
        a, b = self.vectors.get(i), self.vectors.get(j)
        return None if a is None or b is None else float(np.dot(a, b))

    def same_outlet(self, i: int, j: int) -> bool:
        """Tell two texts from one web host (``host_of``: "www." aside); without a URL, no."""
        return bool(self._hosts[i]) and self._hosts[i] == self._hosts[j]

    def __call__(self, i: int, j: int) -> float:
        """Return the grouping score: lexical, 0 for a pair with a piece about the news in it
        or one outlet's pair under ``SAME_OUTLET``, or the threshold for a pair the model
        rescues."""
        score = self.lexical(i, j)
        if self.apart(i, j) or (score < SAME_OUTLET and self.same_outlet(i, j)):
            return 0.0
        if score < self.settings.semantic_low or score >= self.settings.threshold:
            return score
        cos = self.cosine(i, j)
        if cos is not None and cos >= self.settings.semantic_threshold and self.uncertain(i, j):
            self.rescued.add(pair(i, j))
            return self.settings.threshold
        return score


def similarity(a: Article, b: Article, semantic: Semantic | None = None) -> float:
    """Return how likely ``a`` and ``b`` report the same event, in [0, 1].

    Symmetric; a roundup is scored by its closest piece, and a template pair scores 0. By
    the words alone, unless the sentence model (``semantic``) is given: then the cosine of
    the two heads counts as well, mapped onto the words' scale (``model_score``), and the
    pair scores the higher of the two where the grouping would ask the model.
    """
    settings = DedupConfig()
    scorer = Scorer([a, b], [of_article(a), of_article(b)], settings)
    words = scorer.lexical(0, 1)
    if semantic is None or not scorer.comparable(0, 1):
        return words
    left, right = semantic.vectors([story_text(a), story_text(b)])
    if left is None or right is None:
        return words
    return max(words, model_score(float(np.dot(left, right)), words, settings))


def model_score(cosine: float, words: float, settings: DedupConfig) -> float:
    """Map the model's cosine onto the words' scale, as the grouping decides.

    The cosine of two texts of one night is about ``TYPICAL_COSINE`` (0.81, the median on
    FANG nights: e5's cosines are compressed) and maps to 0; ``semantic_threshold`` maps
    to ``threshold``. A pair the words leave under ``semantic_low`` stays under the
    threshold whatever its cosine, as the grouping never merges it by the model: its
    similarity ranks it, it does not decide it.
    """
    low, high = settings.semantic_low, settings.threshold
    span = max(settings.semantic_threshold - TYPICAL_COSINE, 1e-9)
    mapped = min(1.0, max(0.0, (cosine - TYPICAL_COSINE) / span * high))
    return min(mapped, math.nextafter(high, 0.0)) if words < low else mapped
