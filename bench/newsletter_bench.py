"""Benchmark the newsletter splitter on real newsletters and on FANG-COVID web pages.

Run as ``python bench/newsletter_bench.py [--verbose] [--fang N] [--smoke]``.

For each real input (read from ../shared, never copied) and each held-out fixture
(``tests/data/newsletters/heldout/``) it builds the issue (``digest.api.build_issue``:
read, split, merge) and prints what a German reader expects against what came out:
stories, items, residue markers found (a reviewer's list of short phrases of footers,
ads, greetings and subscriber data, plus marks nothing may show: ``| |``, ``**``,
``](``, U+FFFD, ``=?``), empty stories, and the expected headlines found.

``--fang N`` (``-1``: all 4,684) parses the first N FANG-COVID pages and counts those
cut into several pieces (stories and items): newsletter web versions (known by their
URLs, for measuring only) should be, other web articles should not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest import api  # noqa: E402
from digest.errors import SkipFile  # noqa: E402
from digest.parse import parse_input  # noqa: E402
from digest.readers import read_bytes  # noqa: E402

SHARED = ROOT.parent / "shared"
FANG = SHARED / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"
HELDOUT = ROOT / "tests" / "data" / "newsletters" / "heldout"
# Marks no output may show, whatever the input: table cells, Markdown, undecoded words.
ANYWHERE = ("| |", "**", "](", "\ufffd", "=?", "(Link:")
# Measuring only, never used by the method: the FANG pages that are web versions of
# newsletters, known by their URLs (a daily briefing's and two regional newsletters').
FANG_NEWSLETTER_URL = re.compile(
    r"elbvertiefung|sz-espresso|/politik/nachrichten-|muenchen-nachrichten|muenchen-heute"
    r"|newsletter-"
)


@dataclass(frozen=True)
class Case:
    """One input and what a reviewer expects of it."""

    path: Path
    stories: tuple[int, int]  # expected number of stories (min, max)
    items: tuple[int, int]  # expected number of items (min, max)
    headlines: tuple[str, ...]  # short headlines a reader expects to find
    residue: tuple[str, ...]  # short markers of footer, ads, greetings, subscriber data


REAL = SHARED / "corpus" / "real-inputs-dev"
CASES = (
    # Two advertisements: left out as no news (parse/promotion.py), nothing of them shown.
    Case(REAL / "eml/tine20-24706.eml", (0, 0), (0, 0), (),
         ("Es grüßt Sie", "werbung werbung", "Schkortleben", "FWD", "Hallo")),
    Case(REAL / "eml/tine20-Amazon2.eml", (0, 0), (0, 0), (),
         ("bugreports@", "Fritz Meier", "Hier klicken", "Mehrwertsteuer", "Versandkosten",
          "Marketplace", "Bitte antworten Sie nicht", "Herzliche Grüße", "Nachrichten dieser Art")),
    Case(REAL / "eml/tine20-meetup.eml", (1, 1), (0, 0), ("Nächste Woche: HH.js Meetup",),
         ("Klicke hier", "Adressenbuch", "PO Box", "hiring", "{TITLE}", "c.weiss@", "meetup.com/")),
    Case(REAL / "eml/tine20-multipart_alternative.eml", (1, 1), (0, 0), ("Fast schon perfekt",),
         ("Zum Test", "http", "Abbestellen", "Newsletter-Abonnement", "Impressum", "Lützowplatz",
          "USt-ID", "automatisch erstellt", "someone@", "Klicken Sie")),
    Case(REAL / "eml/tine20-mw_newsletter_multipart_related.eml", (4, 5), (0, 1),
         ('Tine 2.0 Release "Joey" verfügbar', "Ecologic Institut baut auf Tine 2.0",
          "Lars Kneschke", "Talent Day", "Metaways auf dem TYPO3Camp Regensburg"),
         ("p.schuele", "registriert", "Sie erhalten diese", "abbestellen", "Impressum",
          "Datenschutz", "Pickhuben", "Geschäftsführer", "USt-IdNr", "Sehr geehrte", "Schüle",
          "iPod", "hat Ihnen gefallen", "IMAGES", "mehr info", "weiterempfehlen",
          "Newsletter 3 / 11.2012")),
    Case(REAL / "text/checkpoint-2021-03-09-excerpt.txt", (1, 1), (0, 0), ("Giffey",),
         ("szmtag", "im Browser ansehen", "Teilen:", "Reklame", "BUWOG", "Probieren Sie",
          "Guten Morgen", "Tagesspiegel Plus", "Kurzstrecke", "Teilweise bewölkt")),
    Case(REAL / "text/unyt-newsletter-2024-03-de.md", (3, 5), (1, 4),
         ("Überarbeitung unserer Homepage", "Präsenz in den sozialen Medien", "TU Berlin"),
         ("Liebe Freunde", "Vielen Dank, dass du", "März 2024")),
    Case(REAL / "text/zeit-morgen-2021-10-01-excerpt.txt", (0, 0), (5, 7),
         ("Frisches Geld", "Flüchtiger Wert", "Illegale Finanzen", "Alte Schuld",
          "Aktuelle Corona-Zahlen"),
         ("Guten Morgen", "Diese Beiträge könnten Sie", "1Frisches", "GeldDer", "Kaffee oder Tee")),
    Case(SHARED / "seeds/000_591f463e28f3d127.txt", (1, 1), (7, 7), ("Indien ordnete an",),
         ("Abonniere", "P. Tiko", "WEITERE MELDUNGEN")),
    Case(SHARED / "seeds/004_a261aa18363d7579.txt", (1, 1), (0, 0),
         ("Unruhiger Status quo im Ukraine-Konflikt",), ()),
)  # fmt: skip


def heldout_cases() -> list[Case]:
    """Return the held-out fixtures' cases from their ``expected.json`` (if present)."""
    path = HELDOUT / "expected.json"
    if not path.is_file():
        return []
    cases = []
    for row in json.loads(path.read_text("utf-8")):
        stories, items = row.get("stories"), row.get("items")
        pieces = row["pieces"]
        cases.append(Case(
            HELDOUT / row["name"],
            (stories, stories) if stories is not None else (0, pieces),
            (items, items) if items is not None else (0, pieces),
            tuple(row["headlines"]), tuple(row["residue"]),
        ))  # fmt: skip
    return cases


@dataclass(frozen=True)
class Outcome:
    """What the pipeline made of one input, as the bench counts it."""

    stories: int
    items: int
    empty: int
    residue: list[str]
    headlines: int
    titles: list[str]

    def counts_right(self, case: Case) -> bool:
        """Tell whether stories and items are within what the reviewer expects."""
        ok_s = case.stories[0] <= self.stories <= case.stories[1]
        return ok_s and case.items[0] <= self.items <= case.items[1]


def outcome(case: Case) -> Outcome:
    """Build the issue of one input and count what a reader would notice."""
    issue = api.build_issue(inputs=[case.path], date=dt.date(2026, 12, 1))
    texts = [f"{s.kicker}\n{s.headline}\n{s.summary}\n{s.body}" for s in issue.stories]
    everything = "\n".join(texts + [i.text for i in issue.items])
    found = [m for m in (*case.residue, *ANYWHERE) if m.casefold() in everything.casefold()]
    heads = [s.headline for s in issue.stories] + [i.text for i in issue.items]
    hits = sum(any(h.casefold() in t.casefold() for t in heads) for h in case.headlines)
    empty = sum(1 for s in issue.stories if not (s.summary.strip() or s.body.strip()))
    return Outcome(len(issue.stories), len(issue.items), empty, found, hits,
                   [s.headline for s in issue.stories])  # fmt: skip


def _range(pair: tuple[int, int]) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}-{pair[1]}"


def table(cases: list[Case], title: str, *, verbose: bool) -> None:
    """Print one row per input and the totals."""
    print(f"\n{title}\n")
    print("| input | want st / it | stories | items | empty | residue | headlines |")
    print("|---|---|---:|---:|---:|---:|---:|")
    residue = empty = hits = right = 0
    for case in cases:
        out = outcome(case)
        residue, empty = residue + len(out.residue), empty + out.empty
        hits, right = hits + out.headlines, right + out.counts_right(case)
        mark = "" if out.counts_right(case) else " ✗"
        print(f"| {case.path.name[:44]} | {_range(case.stories)} / {_range(case.items)} | "
              f"{out.stories}{mark} | {out.items} | {out.empty} | {len(out.residue)} | "
              f"{out.headlines}/{len(case.headlines)} |")  # fmt: skip
        if verbose:
            print(f"|  | titles: {out.titles} | residue: {out.residue} |||||")
    heads = sum(len(c.headlines) for c in cases)
    print(f"\nTotal: residue markers {residue}, empty stories {empty}, headlines {hits}/{heads}, "
          f"inputs with the expected counts {right}/{len(cases)}")  # fmt: skip


def _pieces(row: dict[str, Any]) -> int:
    try:
        articles = parse_input(read_bytes(json.dumps(row).encode(), "fang.jsonl"))
    except SkipFile:
        return 0
    return sum(1 for a in articles if a.body.strip()) + sum(len(a.items) for a in articles)


def fang(limit: int) -> None:
    """Count FANG pages cut into several pieces: newsletter web versions and other pages."""
    counts = dict.fromkeys(("nl", "art", "nl_cut", "art_cut"), 0)
    cut: list[str] = []
    start = time.perf_counter()
    with gzip.open(FANG, "rt", encoding="utf-8") as stream:
        for n, line in enumerate(stream):
            if 0 <= limit <= n:
                break
            row = json.loads(line)
            kind = "nl" if FANG_NEWSLETTER_URL.search(row["url"]) else "art"
            counts[kind] += 1
            if _pieces(row) > 1:
                counts[f"{kind}_cut"] += 1
                cut += [row["url"]] if kind == "art" else []
    seconds = time.perf_counter() - start
    print(f"\nFANG-COVID pages cut into several pieces ({seconds:.0f} s): newsletter web versions "
          f"{counts['nl_cut']}/{counts['nl']}, other web articles "
          f"{counts['art_cut']}/{counts['art']}")  # fmt: skip
    for url in cut:
        print(f"  other article cut: {url}")


def main(argv: list[str] | None = None) -> int:
    """Print the tables; with ``--fang`` the FANG split rates."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list titles and residue")
    parser.add_argument("--fang", type=int, default=-1, help="FANG pages to check (-1: all)")
    parser.add_argument("--smoke", action="store_true", help="two inputs and 200 FANG pages")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    real = list(CASES[:2] if args.smoke else CASES)
    table(real, "Real inputs (development: the splitter was built on them)", verbose=args.verbose)
    heldout = heldout_cases()
    if heldout and not args.smoke:
        table(heldout, "Held-out fixtures (written before the splitter ran on them)",
              verbose=args.verbose)  # fmt: skip
    fang(200 if args.smoke else args.fang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
