"""Fit and measure the report-or-piece model of ``digest.dedup.genre``.

Run: python bench/genre_bench.py [--write]

The labels are readers': 1,200 FANG-COVID articles from nights never read as pairs, each
read blind (headline and first 600 characters) and called a news report or a piece about
the news (commentary, analysis, explainer, interview, feature, …), by six helpers in two
rounds of 600; they are kept in
``bench/data/genre_labels.json`` by URL. Printed:

- the AUC with each publisher left out in turn (the model fitted on the other two), and
  the pooled held-out figures at several likelihoods: the precision and recall of "piece"
  and the share of reports called pieces; ``genre.PIECE`` is the lowest likelihood where
  the held-out precision reaches 0.9;
- the same for the style alone without the form cues, and for the form cues alone;
- the constants of the model fitted on all 1,200, for ``genre.py`` (``--write`` puts them
  there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest import api  # noqa: E402
from digest.dedup import genre  # noqa: E402

FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"
LABELS = ROOT / "bench" / "data" / "genre_labels.json"
C = 0.1  # the regularisation; 0.01-1 give held-out AUCs within 0.005
LIKELIHOODS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
WANTED_PRECISION = 0.9


def labelled() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the shares, the labels (True: a piece) and the publishers of the 1,200."""
    rows_read = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    labels = {row["url"]: row["label"] == "piece" for row in rows_read}
    rows, ys, publishers = [], [], []
    for article in api.load(FANG):
        if article.source.url in labels:
            rows.append(genre.shape(article))
            ys.append(labels.pop(article.source.url))
            publishers.append(article.source.name)
    if labels:
        raise SystemExit(f"{len(labels)} labelled articles not found in {FANG.name}")
    return np.array(rows), np.array(ys), np.array(publishers)


def fit(x: np.ndarray, y: np.ndarray) -> Any:
    """Return a standardised logistic regression fitted on ``x``, ``y``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=3000)).fit(x, y)


def held_out(x: np.ndarray, y: np.ndarray, publishers: np.ndarray) -> np.ndarray:
    """Return each article's likelihood from the model fitted without its publisher."""
    p = np.zeros(len(y))
    for name in np.unique(publishers):
        out = publishers == name
        p[out] = fit(x[~out], y[~out]).predict_proba(x[out])[:, 1]
    return p


def report(name: str, x: np.ndarray, y: np.ndarray, publishers: np.ndarray) -> None:
    """Print the held-out AUCs and the figures at each likelihood."""
    from sklearn.metrics import roc_auc_score

    p = held_out(x, y, publishers)
    each = "; ".join(f"{n}: {roc_auc_score(y[publishers == n], p[publishers == n]):.3f}"
                     for n in np.unique(publishers))  # fmt: skip
    print(f"{name}: AUC held out by publisher {roc_auc_score(y, p):.3f} ({each})")
    for t in LIKELIHOODS:
        called = p >= t
        precision = y[called].mean() if called.any() else float("nan")
        print(f"  from {t:.2f}: precision {precision:.2f}, recall {called[y].mean():.2f}, "
              f"reports called pieces {called[~y].mean():.2f}")  # fmt: skip


def write(model: Any) -> None:
    """Put the fitted constants into ``digest/dedup/genre.py``."""
    scaler, regression = model[0], model[1]
    values = {
        "MEANS": scaler.mean_, "SCALES": scaler.scale_, "WEIGHTS": regression.coef_[0],
    }  # fmt: skip
    path = ROOT / "digest" / "dedup" / "genre.py"
    text = path.read_text(encoding="utf-8")
    for key, row in values.items():
        line = f"{key} = (" + ", ".join(f"{v:.4f}" for v in row) + ")  # noqa: E501"
        text = re.sub(rf"^{key} = .*$", line, text, count=1, flags=re.M)
    text = re.sub(r"^INTERCEPT = \S+$", f"INTERCEPT = {regression.intercept_[0]:.4f}", text,
                  count=1, flags=re.M)  # fmt: skip
    path.write_text(text, encoding="utf-8")
    print(f"wrote the constants into {path}")


def main() -> None:
    """Print the held-out figures, then fit on all and print (or write) the constants."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the constants to genre.py")
    args = parser.parse_args()
    x, y, publishers = labelled()
    print(f"{len(y)} labelled articles, {int(y.sum())} pieces")
    report("the model (shares and form)", x, y, publishers)
    style = [k for k in range(x.shape[1]) if k != 10]  # the form cue is column 10
    report("style alone (no form cues)", x[:, style], y, publishers)
    report("form cues alone", x[:, [10]], y, publishers)
    model = fit(x, y)
    for key, row in (("MEANS", model[0].mean_), ("SCALES", model[0].scale_),
                     ("WEIGHTS", model[1].coef_[0])):  # fmt: skip
        print(f"{key} = (" + ", ".join(f"{v:.4f}" for v in row) + ")")
    print(f"INTERCEPT = {model[1].intercept_[0]:.4f}")
    if args.write:
        write(model)


if __name__ == "__main__":
    main()
