"""Score same-story detection on the SemEval-2022 German pairs beside two baselines.

Run: python bench/dedup_bench.py [--limit N] [--folds K] [pairs.jsonl]

Same story: overall <= 1.5; different: overall >= 3; pairs in between are ignored. Prints
ROC AUC of the similarity and the precision / recall / F1 of the merge decision for
``digest.api`` (similarity, and cluster on each pair; once on title and text split at the
first double space, once with each text read by ``api.parse`` as a user's .txt file would
be), a word TF-IDF cosine (scikit-learn)
and MinHash LSH (datasketch); the last two need the ``bench`` extra. ``--folds K`` adds a
K-fold cross-validation of the threshold (needs scikit-learn): on each training part the
round threshold with the best F0.5 is chosen, and the held-out part is scored with it, so
the figures show what tuning the threshold on such pairs would buy without fitting them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest import api  # noqa: E402
from digest.models import Article, Source  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = CORPUS / "semeval22-de-pairs-dev.jsonl"
TFIDF_THRESHOLD = 0.3  # round values; the baselines are not tuned either
MINHASH_THRESHOLD = 0.3
CV_THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
CV_REPEATS = 10  # reshuffled splits, averaged


def load_pairs(path: Path) -> list[tuple[str, str, bool]]:
    """Return (text1, text2, same) for the pairs with a clear label."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["overall"] <= 1.5 or row["overall"] >= 3:
            pairs.append((row["text1"], row["text2"], row["overall"] <= 1.5))
    return pairs


def article(text: str, name: str) -> Article:
    """Turn a SemEval text into an article: the title ends at the first double space."""
    title, _, body = text.partition("  ") if "  " in text[:300] else ("", "", text)
    return Article(title=title.strip(), body=body.strip(), source=Source(name, f"{name}.txt"))


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Return the ROC AUC (probability a same pair outscores a different one)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def prf(merged: Sequence[bool], labels: Sequence[bool]) -> tuple[float, float, float]:
    """Return precision, recall and F1 of the merge decisions."""
    tp = sum(m and y for m, y in zip(merged, labels, strict=True))
    fp = sum(m and not y for m, y in zip(merged, labels, strict=True))
    fn = sum(y and not m for m, y in zip(merged, labels, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def parsed(text: str, name: str) -> Article:
    """Turn a SemEval text into an article the way a user's file is read: ``api.parse``."""
    return api.parse(text.encode("utf-8"), filename=f"{name}.txt")


def ours(
    pairs: list[tuple[str, str, bool]], make: Callable[[str, str], Article] = article
) -> tuple[list[float], list[bool]]:
    """Score with digest.api.similarity and decide with digest.api.cluster."""
    scores, merged = [], []
    for text1, text2, _ in pairs:
        a, b = make(text1, "a"), make(text2, "b")
        scores.append(api.similarity(a, b))
        merged.append(len(api.cluster([a, b])) == 1)
    return scores, merged


def ours_parsed(pairs: list[tuple[str, str, bool]]) -> tuple[list[float], list[bool]]:
    """The same, with each text read by ``api.parse`` as a .txt file (end to end)."""
    return ours(pairs, parsed)


def tfidf(pairs: list[tuple[str, str, bool]]) -> tuple[list[float], list[bool]]:
    """Score with a plain word TF-IDF cosine fitted on all texts of the set."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [t for a, b, _ in pairs for t in (a, b)]
    matrix = TfidfVectorizer().fit(texts).transform(texts)
    scores = [float(matrix[2 * i].multiply(matrix[2 * i + 1]).sum()) for i in range(len(pairs))]
    return scores, [s >= TFIDF_THRESHOLD for s in scores]


def minhash(pairs: list[tuple[str, str, bool]]) -> tuple[list[float], list[bool]]:
    """Score with MinHash Jaccard of word 3-shingles; decide with an LSH index per pair."""
    from datasketch import MinHash, MinHashLSH

    def sketch(text: str) -> MinHash:
        words = re.findall(r"\w+", text.lower())
        m = MinHash(num_perm=128)
        for shingle in zip(words, words[1:], words[2:], strict=False):
            m.update(" ".join(shingle).encode())
        return m

    scores, merged = [], []
    for text1, text2, _ in pairs:
        a, b = sketch(text1), sketch(text2)
        scores.append(a.jaccard(b))
        lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=128)
        lsh.insert("a", a)
        merged.append("a" in lsh.query(b))
    return scores, merged


def cross_validated(
    scores: Sequence[float], labels: Sequence[bool], folds: int
) -> tuple[float, float, float, dict[float, int]]:
    """Return mean out-of-fold P, R, F1 and how often each threshold was chosen."""
    from sklearn.model_selection import StratifiedKFold

    def f05(merged: Sequence[bool], truth: Sequence[bool]) -> float:
        p, r, _ = prf(merged, truth)
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    totals = [0.0, 0.0, 0.0]
    chosen: dict[float, int] = {}
    for seed in range(CV_REPEATS):
        merged = [False] * len(labels)
        split = StratifiedKFold(folds, shuffle=True, random_state=seed)
        for train, test in split.split(list(scores), list(labels)):
            s, y = [scores[i] for i in train], [labels[i] for i in train]
            best = max(CV_THRESHOLDS, key=lambda t: f05([v >= t for v in s], y))
            chosen[best] = chosen.get(best, 0) + 1
            for i in test:
                merged[i] = scores[i] >= best
        for k, value in enumerate(prf(merged, labels)):
            totals[k] += value / CV_REPEATS
    return totals[0], totals[1], totals[2], chosen


def main() -> None:
    """Print one row per method."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=PAIRS, help="a pairs .jsonl file")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N clear pairs")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate the threshold")
    args = parser.parse_args()
    path = args.pairs
    pairs = load_pairs(path)[: args.limit or None]
    labels = [y for _, _, y in pairs]
    same = sum(labels)
    print(f"{path.name}: {len(pairs)} pairs ({same} same story, {len(pairs) - same} different)")
    print(f"{'method':<22}{'AUC':>7}{'P':>7}{'R':>7}{'F1':>7}{'s':>7}")
    methods: list[tuple[str, Callable[..., tuple[list[float], list[bool]]]]] = [
        ("digest.api", ours), ("digest.api, parsed", ours_parsed),
        ("tf-idf cosine", tfidf), ("minhash lsh", minhash),
    ]  # fmt: skip
    for name, method in methods:
        start = time.perf_counter()
        try:
            scores, merged = method(pairs)
        except ImportError as exc:
            print(f"{name:<22} skipped: {exc} (pip install -e '.[bench]')")
            continue
        p, r, f1 = prf(merged, labels)
        elapsed = time.perf_counter() - start
        print(f"{name:<22}{auc(scores, labels):7.3f}{p:7.3f}{r:7.3f}{f1:7.3f}{elapsed:7.2f}")
        if args.folds > 1 and name == "digest.api":  # the baselines score on other scales
            p, r, f1, chosen = cross_validated(scores, labels, args.folds)
            picks = ", ".join(f"{t:g}: {n}" for t, n in sorted(chosen.items()))
            label = f"  {args.folds}-fold threshold"
            print(f"{label:<22}{'':>7}{p:7.3f}{r:7.3f}{f1:7.3f}  chosen {picks}")


if __name__ == "__main__":
    main()
