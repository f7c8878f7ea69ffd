"""Leave-one-publisher-out figures for the page reader: every tunable re-fitted per fold.

The page reader's tunables are the fields of ``digest.readers.pagerules.PageRules``
(thresholds, the class-word groups, the title vote's weights); ``CHOICES`` lists the values a
fit may pick besides the default. For each publisher (the file name's prefix) the fit runs
on the other publishers' pages only, and the publisher's pages are scored with what it chose.

The fit: the title weights jointly, over every combination of their values in ``CHOICES``,
maximising title accuracy; every other tunable on its own (the others at their defaults),
maximising body F1 + author + title per page. Ties keep the default, or the grid point
nearest to it. The shipped defaults are what this fit chooses on all publishers.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any

from digest.readers.html import _tree
from digest.readers.pagehead import headline
from digest.readers.pagemeta import title_vote
from digest.readers.pagerules import CHOICES, RULES, PageRules, TitleWeights
from digest.readers.titles import Ballot, ballot, count

Page = tuple[dict[str, Any], bytes]
Scorer = Callable[[PageRules, Sequence[Page]], list[dict[str, float]]]


def publisher(page: Page) -> str:
    """Return the publisher of a page: its file name's prefix (``SZ_2024_09_30`` → ``SZ``)."""
    return str(page[0]["file"]).split("_", 1)[0]


def with_value(rules: PageRules, name: str, value: object) -> PageRules:
    """Return ``rules`` with the tunable ``name`` set to ``value``."""
    if name.startswith("markup_groups-"):
        group = name.split("-", 1)[1]
        groups = rules.markup_groups - {group} if value == "off" else rules.markup_groups | {group}
        return replace(rules, markup_groups=groups)
    if name.startswith("titles."):
        return replace(rules, titles=replace(rules.titles, **{name[7:]: value}))
    return replace(rules, **{name: value})


def _objective(row: dict[str, float]) -> float:
    return row["F1"] + row["author"] + row["title"]


def title_grid() -> list[TitleWeights]:
    """Return every point of the title-weight grid (``CHOICES``, each weight its values)."""
    names = [f.name for f in fields(TitleWeights)]
    axes = [[float(str(v)) for v in CHOICES[f"titles.{name}"]] for name in names]
    combos = itertools.product(*axes)
    return [TitleWeights(**dict(zip(names, combo, strict=True))) for combo in combos]


def _distance(weights: TitleWeights) -> float:
    default = TitleWeights()
    return sum(abs(getattr(weights, f.name) - getattr(default, f.name)) for f in fields(weights))


def ballots(pages: Sequence[Page]) -> list[Ballot]:
    """Read each page's titles into a ballot once (the vote is then counted per grid point)."""
    out = []
    for _, html in pages:
        text = html.decode("utf-8", "replace")
        out.append(ballot(*title_vote(text, headline(_tree(text)))))
    return out


def run(pages: Sequence[Page], score: Scorer, norm: Callable[[str], str]) -> dict[str, Any]:
    """Fit per fold, score each held-out publisher; return mean scores and the choices made."""
    names = [publisher(p) for p in pages]
    base = score(RULES, pages)
    body: dict[tuple[str, object], list[float]] = {("", None): [_objective(r) for r in base]}
    for name, values in CHOICES.items():
        if name.startswith("titles."):
            continue
        for value in values:
            if with_value(RULES, name, value) == RULES:
                continue  # the default: scored above
            rows = score(with_value(RULES, name, value), pages)
            body[(name, value)] = [_objective(r) for r in rows]
    grid = title_grid()
    votes = ballots(pages)
    gold = [norm(p[0]["title"]) for p in pages]
    hits = [[norm(count(v, w).title) == g for v, g in zip(votes, gold, strict=True)] for w in grid]
    rows: list[dict[str, float]] = []
    chosen: Counter[str] = Counter()
    for held in dict.fromkeys(names):
        train = [i for i, n in enumerate(names) if n != held]
        rules = _fit(body, grid, hits, train)
        chosen.update(_describe(rules))
        rows += score(rules, [pages[i] for i, n in enumerate(names) if n == held])
    everything = _fit(body, grid, hits, list(range(len(pages))))
    means = {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]}
    return {"means": means, "chosen": chosen, "folds": len(set(names)), "all": everything}


def _fit(
    body: dict[tuple[str, object], list[float]], grid: list[TitleWeights],
    hits: list[list[bool]], train: list[int],
) -> PageRules:  # fmt: skip
    """Return the rules a fit on the pages ``train`` chooses."""
    rules = RULES
    default = sum(body[("", None)][i] for i in train)
    for name in dict.fromkeys(n for n, _ in body if n):
        options = [(sum(body[(name, v)][i] for i in train), v) for n, v in body if n == name]
        total, value = max(options, key=lambda o: o[0])
        if total > default + 1e-9:
            rules = with_value(rules, name, value)
    best = max(
        range(len(grid)), key=lambda g: (sum(hits[g][i] for i in train), -_distance(grid[g]))
    )
    return replace(rules, titles=grid[best])


def _describe(rules: PageRules) -> list[str]:
    """Name each tunable's value in ``rules`` (for the count of choices over the folds)."""
    out = [f"link_share={rules.link_share}", f"box_chars={rules.box_chars}",
           f"lead_match={rules.lead_match}", f"lead_by_place={rules.lead_by_place}"]  # fmt: skip
    off = sorted(RULES.markup_groups - rules.markup_groups)
    out.append(f"markup groups off={','.join(off) or 'none'}")
    weights = " ".join(f"{f.name}={getattr(rules.titles, f.name):g}" for f in fields(TitleWeights))
    return [*out, f"titles: {weights}"]


def describe(rules: PageRules) -> list[str]:
    """Name each tunable's value in ``rules``."""
    return _describe(rules)
