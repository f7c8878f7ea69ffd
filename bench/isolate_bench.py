"""What per-input isolation costs: each input read in-process against in a forked child.

Reads the fundus DACH pages and the sample inbox one file at a time, and the 4,684-article
FANG-COVID night as one file. The isolated reads come first, from a parent that only
imported the readers (``readers.preload``), as ``digest.collect`` forks them in a build;
then the same files in-process, twice (the second pass is the steady state). Reports the
median and total per file, the whole set with one and two workers (a build uses two), and
the FANG file's overhead (its articles pickled back). Reads with ``digest.api.load``.
The machine is shared: run it a few times and read the spread.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from digest.api import SkipFile, load
from digest.isolate import Failed, Job, Limits, map_isolated
from digest.readers import preload

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _load(path: Path) -> list[object]:
    """Read one file; the articles come back (pickled, when isolated), as a build needs them."""
    try:
        return list(load(path))
    except SkipFile:
        return []


def _isolated(path: Path, seconds: float = 60.0) -> list[object]:
    [(_, outcome)] = list(map_isolated(_load, [Job(path, seconds)], Limits(), workers=1))
    assert not isinstance(outcome.value, Failed), outcome.value
    return outcome.value


def timed(read: Callable[[Path], object], paths: list[Path]) -> list[float]:
    """Return the seconds ``read`` takes for each of ``paths``."""
    took = []
    for path in paths:
        start = time.perf_counter()
        read(path)
        took.append(time.perf_counter() - start)
    return took


def batch(paths: list[Path], workers: int) -> float:
    """Return the wall time of reading all ``paths`` isolated with ``workers`` children."""
    start = time.perf_counter()
    results = dict(map_isolated(_load, [Job(p, 60.0) for p in paths], workers=workers))
    assert len(results) == len(paths)
    return time.perf_counter() - start


def row(name: str, value: float, unit: str = "") -> None:
    """Print one row of the results table."""
    print(f"| {name} | {value:,.{1 if unit == 'ms' else 2}f}{' ' + unit if unit else ''} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="10 pages, no FANG")
    args = parser.parse_args()
    pages = sorted((CORPUS / "fundus-dach-dev").glob("*.html.gz"))
    pages += sorted((ROOT / "examples" / "inbox").glob("*.*"))
    pages = pages[:10] if args.smoke else pages
    preload()  # as digest.collect does before forking
    isolated = timed(_isolated, pages)  # first: the parent has read nothing yet
    timed(_load, pages)  # the first in-process pass pays what is set up on first use
    inline = timed(_load, pages)
    print(f"| measure ({len(pages)} files) | value |\n|---|---|")
    row("median per file, in-process", 1000 * statistics.median(inline), "ms")
    row("median per file, isolated", 1000 * statistics.median(isolated), "ms")
    row("median overhead per file", 1000 * (statistics.median(isolated)
                                            - statistics.median(inline)), "ms")  # fmt: skip
    row("all files in-process", sum(inline), "s")
    row("all files isolated one at a time", sum(isolated), "s")
    for workers in (1, 2):
        row(f"all files isolated, {workers} worker(s) at once", batch(pages, workers), "s")
    fang = CORPUS / "fang-covid-de-2020-11-12.jsonl.gz"
    if args.smoke or not fang.exists():
        return
    start = time.perf_counter()
    count = len(_isolated(fang, 600.0))
    alone = time.perf_counter() - start
    [inline_fang] = timed(_load, [fang])
    row(f"FANG ({count:,} articles) in-process", inline_fang, "s")
    row("FANG isolated (articles pickled back)", alone, "s")
    row("FANG overhead", alone - inline_fang, "s")


if __name__ == "__main__":
    main()
