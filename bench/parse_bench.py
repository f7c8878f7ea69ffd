"""Benchmark the parser against hand-checked gold and against bare trafilatura.

Run as ``python bench/parse_bench.py [--limit N]``. Figures printed:

* body: 4-gram shingle precision/recall/F1 (tokens ``\\w+``, lower-cased, 4-gram
  multisets), per document, then averaged over documents. Gold body = lead +
  section headlines + paragraphs; captions and credits are not body. Ours = the
  dateline, the body and the short items (the gold counts both as article text);
  the kicker and title are not scored as body, for us or for trafilatura.
* title: exact match after Unicode NFC, removing zero-width characters and
  collapsing whitespace (nothing else: quotes, case and kickers must match).
* date: the publication day, ours read in the gold's timezone (gold without a
  timezone compares with our local day).
* author: the set of author names equals the gold set after NFC, case folding
  and whitespace collapsing (order ignored, nothing else loosened).

Our figures come twice: with the shipped defaults of every tunable (plain dev figures,
fitted on these pages), and leave-one-publisher-out (``bench/lopo.py``: each tunable of
the page reader re-fitted without the publisher scored, the publisher being the file
name's prefix), beside trafilatura's; then which values the folds chose.

Then the time to parse the FANG-COVID JSON lines (4,684 articles) with our reader, and
the words of running text kept (``bench/kept_text.py``): the mean share of each FANG
article's paragraphs (up to the story length limit) that reach its one-source story,
the articles losing a paragraph of 30+ words, and the stories under 20 words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lopo  # noqa: E402
from kept_text import LONG_PARAGRAPH, SHORT_STORY, kept_text  # noqa: E402

from digest.parse import parse_documents  # noqa: E402
from digest.readers.decode import decode  # noqa: E402
from digest.readers.html import read_html  # noqa: E402
from digest.readers.pagerules import RULES, PageRules  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FUNDUS = CORPUS / "fundus-dach-dev"
FANG = CORPUS / "fang-covid-de-2020-11-12.jsonl.gz"
_TOKEN = re.compile(r"\w+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass
class Result:
    """What one extractor found on one page."""

    body: str
    title: str
    day: dt.date | None
    authors: list[str]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Return the multiset of word ``n``-grams of ``text``."""
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def prf(ours: str, gold: str) -> tuple[float, float, float]:
    """Return shingle precision, recall and F1 of ``ours`` against ``gold``."""
    a, b = shingles(ours), shingles(gold)
    common = sum((a & b).values())
    p = common / sum(a.values()) if a else 0.0
    r = common / sum(b.values()) if b else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(text: str) -> str:
    """Normalise a title or name for matching: NFC, no zero-width, single spaces."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def gold_body(gold: dict[str, Any]) -> str:
    """Join the gold lead, section headlines and paragraphs."""
    parts = list(gold.get("lead") or [])
    for section in gold.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(parts)


def gold_day(gold: dict[str, Any]) -> tuple[dt.date | None, dt.tzinfo | None]:
    """Return the gold publication day and its timezone."""
    value = gold.get("published")
    if not value:
        return None, None
    when = dt.datetime.fromisoformat(value)
    return when.date(), when.tzinfo


def ours(html: bytes, name: str, tz: dt.tzinfo | None, rules: PageRules = RULES) -> Result:
    """Parse one page with the digest parser and the page reader's ``rules``."""
    article = parse_documents([read_html(decode(html), name, rules)])[0]
    when = article.published
    day = None
    if when is not None:
        day = (when.astimezone(tz) if tz else when).date()
    # The gold keeps datelines and "Das Wichtigste in Kürze" lists in the article text;
    # we move them to ``dateline`` and ``items``, so they are scored with the body.
    items = [item.text for item in article.items]
    body = "\n\n".join(filter(None, [article.dateline, article.body, *items]))
    return Result(body, article.title, day, list(article.authors))


def scores(
    rules: PageRules, pages: Sequence[tuple[dict[str, Any], bytes]]
) -> list[dict[str, float]]:
    """Score each page parsed with ``rules`` (a page that fails scores zero)."""
    rows = []
    for gold, html in pages:
        try:
            result = ours(html, gold["file"].removesuffix(".gz"), gold_day(gold)[1], rules)
        except Exception:  # a failed page scores zero, the fit goes on
            result = Result("", "", None, [])
        rows.append(score(result, gold))
    return rows


def bare(html: bytes, name: str, tz: dt.tzinfo | None) -> Result:
    """Extract one page with trafilatura's defaults."""
    doc: Any = trafilatura.bare_extraction(html, with_metadata=True)  # it detects the encoding
    if doc is None:
        return Result("", "", None, [])
    day = dt.date.fromisoformat(doc.date[:10]) if doc.date else None
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Result(doc.text or "", doc.title or "", day, authors)


def score(result: Result, gold: dict[str, Any]) -> dict[str, float]:
    """Score one extraction against its gold record."""
    p, r, f = prf(result.body, gold_body(gold))
    day, _ = gold_day(gold)
    names = {norm(a).casefold() for a in result.authors}
    wanted = {norm(a).casefold() for a in gold.get("authors") or []}
    return {
        "P": p, "R": r, "F1": f,
        "title": float(norm(result.title) == norm(gold["title"])),
        "date": float(day is not None and result.day == day),
        "author": float(names == wanted),
    }  # fmt: skip


def run(
    name: str, extract: Callable[[bytes, str, dt.tzinfo | None], Result],
    pages: list[tuple[dict[str, Any], bytes]], verbose: bool,
) -> tuple[dict[str, float], float]:  # fmt: skip
    """Score ``extract`` on every page; return mean scores and pages per second."""
    rows = []
    start = time.perf_counter()
    for gold, html in pages:
        try:
            result = extract(html, gold["file"].removesuffix(".gz"), gold_day(gold)[1])
        except Exception as exc:  # a failed page scores zero, the bench goes on
            print(f"  {name}: {gold['file']}: {type(exc).__name__}: {exc}")
            result = Result("", "", None, [])
        rows.append(score(result, gold))
        if verbose:
            _explain(name, gold, result, rows[-1])
    speed = len(pages) / (time.perf_counter() - start)
    return {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]}, speed


def _explain(name: str, gold: dict[str, Any], result: Result, row: dict[str, float]) -> None:
    flags = [k for k in ("title", "date", "author") if not row[k]]
    if flags or row["F1"] < 0.9:
        print(
            f"  {name} {gold['file']}: F1={row['F1']:.2f} P={row['P']:.2f} R={row['R']:.2f}"
            f" miss={flags}"
        )
        if "title" in flags:
            print(f"    title {result.title!r} != {gold['title']!r}")
        if "author" in flags:
            print(f"    author {result.authors!r} != {gold['authors']!r}")
        if "date" in flags:
            print(f"    date {result.day} != {gold['published']}")


def load_pages(limit: int | None) -> list[tuple[dict[str, Any], bytes]]:
    """Read the gold records and their gzipped pages."""
    golds = [json.loads(line) for line in (FUNDUS / "gold.jsonl").open(encoding="utf-8")]
    golds = golds[:limit] if limit else golds
    return [(g, gzip.decompress((FUNDUS / g["file"]).read_bytes())) for g in golds]


def fang_seconds(lines: Iterable[bytes]) -> tuple[int, float]:
    """Parse the FANG-COVID lines with our JSON-lines reader; return count and seconds."""
    from digest.parse import parse_documents
    from digest.readers import jsonl

    data = b"".join(lines)
    start = time.perf_counter()
    articles = parse_documents(jsonl.read(data, "fang.jsonl"))
    return len(articles), time.perf_counter() - start


def main() -> None:
    """Print our figures (plain and leave-one-publisher-out) beside trafilatura's, then FANG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--verbose", action="store_true", help="explain every miss")
    parser.add_argument("--no-fang", action="store_true", help="skip the FANG-COVID figures")
    parser.add_argument("--no-lopo", action="store_true", help="skip leave-one-publisher-out")
    args = parser.parse_args()
    pages = load_pages(args.limit)
    publishers = len({lopo.publisher(p) for p in pages})
    print(f"fundus-dach-dev: {len(pages)} pages, {publishers} publishers")
    print(
        f"{'':33} {'body P':>7} {'body R':>7} {'body F1':>7} {'title':>6} {'date':>6}"
        f" {'author':>6} {'pages/s':>8}"
    )
    for name, extract in (("ours, dev (shipped defaults)", ours), ("trafilatura", bare)):
        means, speed = run(name, extract, pages, args.verbose)
        _row(name, means, f"{speed:8.1f}")
    if not args.no_lopo:
        start = time.perf_counter()
        fitted = lopo.run(pages, scores, norm)
        _row("ours, leave-one-publisher-out", fitted["means"], f"{'':>8}")
        print(f"tunables re-fitted in each of {fitted['folds']} folds"
              f" ({time.perf_counter() - start:.0f} s); value chosen (folds):")  # fmt: skip
        _choices(fitted["chosen"])
        shipped = lopo.describe(RULES)
        chosen = lopo.describe(fitted["all"])
        same = "the shipped defaults" if chosen == shipped else "NOT the shipped defaults"
        print(f"  fitted on all {fitted['folds']} publishers: {same}: {'; '.join(chosen)}")
        print("  fixed by principle, not fitted: a trailing section holds at most half the text;"
              " a label is at most 4 words")  # fmt: skip
    if not args.no_fang:
        with gzip.open(FANG, "rb") as handle:
            count, seconds = fang_seconds(handle)
        print(
            f"fang-covid-de: parsed {count} articles in {seconds:.2f} s"
            f" ({count / seconds:.0f} articles/s, target < 10 s)"
        )
        with gzip.open(FANG, "rb") as handle:
            kept = kept_text(handle)
        print(
            f"fang-covid-de kept text: {kept.share:.3f} of each article's running text (up to"
            f" the story limit) reaches its story; {kept.losing} articles lose a paragraph of"
            f" {LONG_PARAGRAPH}+ words ({kept.lost_words} words); {kept.short} stories under"
            f" {SHORT_STORY} words"
        )


def _row(name: str, means: dict[str, float], speed: str) -> None:
    print(
        f"{name:33} {means['P']:7.3f} {means['R']:7.3f} {means['F1']:7.3f}"
        f" {means['title']:6.3f} {means['date']:6.3f} {means['author']:6.3f} {speed}"
    )


def _choices(chosen: Counter[str]) -> None:
    by_name: dict[str, list[tuple[str, int]]] = {}
    for label, folds in chosen.most_common():
        name, _, value = label.partition("=") if not label.startswith("titles") else (
            "titles", "", label.removeprefix("titles: ")
        )
        by_name.setdefault(name, []).append((value, folds))
    for name, values in by_name.items():
        print(f"  {name:22} " + ", ".join(f"{v} ({n})" for v, n in values))


if __name__ == "__main__":
    main()
