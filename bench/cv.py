"""Repeated stratified cross-validation of same-story deciders: nothing fitted on all pairs.

A *method* is fitted on the training part of a fold and returns a scorer and a threshold;
the held-out part is scored and decided with them. Out-of-fold decisions of one repeat are
pooled into precision, recall and F1, and the figures are averaged over the repeats. Two
criteria choose a threshold: ``p95`` (the lowest whose training precision is 0.95 or more:
most recall that keeps the precision target) and ``f05`` (the best training F0.5).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
Labels = npt.NDArray[np.bool_]
Scorer = Callable[[Array], Array]
# fit(X_train, y_train, criterion) -> (scorer, threshold, what was chosen)
Method = Callable[[Array, Labels, str], tuple[Scorer, float, str]]
TARGET_PRECISION = 0.95


def auc(scores: Array, labels: Labels) -> float:
    """Return the ROC AUC: the chance a same pair outscores a different one (ties half)."""
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return math.nan
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))


def prf(merged: Labels, labels: Labels) -> tuple[float, float, float]:
    """Return precision, recall and F1 of merge decisions."""
    tp = int((merged & labels).sum())
    fp = int((merged & ~labels).sum())
    fn = int((~merged & labels).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _key(p: float, r: float, criterion: str) -> tuple[float, float]:
    """Rank a (precision, recall) outcome by ``criterion``: higher is better."""
    if criterion == "p95":
        return (1.0, r) if p >= TARGET_PRECISION and r > 0 else (0.0, p)
    return (1.25 * p * r / (0.25 * p + r) if p + r else 0.0, 0.0)


def choose_threshold(scores: Array, labels: Labels, criterion: str) -> float:
    """Pick a threshold on training scores (midpoints; ties keep the higher one)."""
    values = np.unique(scores)
    cands = np.concatenate([(values[:-1] + values[1:]) / 2, [values[-1] + 1e-9]])
    best, best_key = float(cands[-1]), (-1.0, -1.0)
    for t in cands[::-1]:
        key = _key(*prf(scores >= t, labels)[:2], criterion)
        if key > best_key:
            best, best_key = float(t), key
    return best


def column(k: int) -> Method:
    """One feature as the score; its threshold chosen in the fold."""

    def fit(x: Array, y: Labels, criterion: str) -> tuple[Scorer, float, str]:
        t = choose_threshold(x[:, k], y, criterion)
        return (lambda z: z[:, k]), t, f"{t:.3f}"

    return fit


def fixed(k: int, threshold: float) -> Method:
    """One feature at a threshold given beforehand (nothing fitted)."""

    def fit(x: Array, y: Labels, criterion: str) -> tuple[Scorer, float, str]:
        return (lambda z: z[:, k]), threshold, f"{threshold:g}"

    return fit


def decided(k: int) -> Method:
    """A column of 0/1 decisions made beforehand (the shipped pipeline's)."""
    return fixed(k, 0.5)


def band_rule(lex: int, sem: int, high: float, lows: Sequence[float]) -> Method:
    """Merge at lexical >= ``high``, or in [low, high) at a cosine >= t; low and t fitted."""

    def decide(z: Array, low: float, t: float) -> Array:
        return ((z[:, lex] >= high) | ((z[:, lex] >= low) & (z[:, sem] >= t))).astype(float)

    def fit(x: Array, y: Labels, criterion: str) -> tuple[Scorer, float, str]:
        best, best_key = (high, 2.0), (-1.0, -1.0)
        for low in lows:
            inside = (x[:, lex] >= low) & (x[:, lex] < high)
            cands = np.unique(x[inside, sem]) if inside.any() else np.array([])
            for t in [2.0, *cands[::-1]]:
                key = _key(*prf(decide(x, low, float(t)) >= 0.5, y)[:2], criterion)
                if key > best_key:
                    best, best_key = (low, float(t)), key
        low, t = best
        return (lambda z: decide(z, low, t)), 0.5, f"{low:g}/{t:.3f}"

    return fit


def logistic(cols: Sequence[int]) -> Method:
    """Logistic regression on standardised features, fitted in the fold (scikit-learn)."""

    def fit(x: Array, y: Labels, criterion: str) -> tuple[Scorer, float, str]:
        from sklearn.linear_model import LogisticRegression

        mu, sd = x[:, cols].mean(axis=0), x[:, cols].std(axis=0) + 1e-9
        model = LogisticRegression(max_iter=1000).fit((x[:, cols] - mu) / sd, y)

        def score(z: Array) -> Array:
            return np.asarray(model.predict_proba((z[:, cols] - mu) / sd)[:, 1], dtype=float)

        t = choose_threshold(score(x), y, criterion)
        return score, t, f"t={t:.2f}"

    return fit


def max_z(cols: Sequence[int]) -> Method:
    """The largest of the features' z-scores (their scale fitted in the fold)."""

    def fit(x: Array, y: Labels, criterion: str) -> tuple[Scorer, float, str]:
        mu, sd = x[:, cols].mean(axis=0), x[:, cols].std(axis=0) + 1e-9

        def score(z: Array) -> Array:
            return np.asarray(((z[:, cols] - mu) / sd).max(axis=1), dtype=float)

        t = choose_threshold(score(x), y, criterion)
        return score, t, f"{t:.2f}"

    return fit


@dataclass(frozen=True)
class Result:
    """Cross-validated figures of one method: means over repeats, spread, what was chosen."""

    auc: float
    precision: float
    recall: float
    f1: float
    sd_precision: float
    sd_recall: float
    chosen: tuple[str, ...]

    def picks(self) -> str:
        """Say what the folds chose: one value, or the range."""
        found = sorted(set(self.chosen))
        return found[0] if len(found) == 1 else f"{found[0]} .. {found[-1]}"


def cross_validate(
    x: Array, y: Labels, method: Method, criterion: str, folds: int = 5, repeats: int = 5
) -> Result:
    """Run ``repeats`` x ``folds`` stratified CV of ``method``; average the figures."""
    from sklearn.model_selection import StratifiedKFold

    figures: list[tuple[float, float, float, float]] = []
    chosen: list[str] = []
    for seed in range(repeats):
        scores = np.zeros(len(y))
        merged = np.zeros(len(y), dtype=bool)
        for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            scorer, t, what = method(x[train], y[train], criterion)
            scores[test] = scorer(x[test])
            merged[test] = scores[test] >= t
            chosen.append(what)
        figures.append((auc(scores, y), *prf(merged, y)))
    a, p, r, f = (float(np.mean(col)) for col in zip(*figures, strict=True))
    sd_p, sd_r = (float(np.std([f[k] for f in figures])) for k in (1, 2))
    return Result(a, p, r, f, sd_p, sd_r, tuple(chosen))
