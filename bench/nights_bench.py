"""Nights in a row on FANG-COVID: what the memory leaves out, and which stories follow up.

Each night's input is what a feed would still hold: the articles published on the issue
date's eve and the day before (so every article arrives on two nights). The issue is
built and written with the memory, as ``digest build`` does, into a throwaway output
folder. Prints per night the articles read, those left out as carried, stories, follow-ups
and the time; then a sample of follow-ups (earlier headline -> new one) to read.

Run: python bench/nights_bench.py [--start 2020-11-03] [--nights 7] [--sample 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import logging
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digest.build import build_issue, write_issue  # noqa: E402
from digest.config import Config  # noqa: E402

FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"


class _Count(logging.Handler):
    """Keep the memory's "Left out N of M" line of the last build."""

    def __init__(self) -> None:
        super().__init__()
        self.left_out = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Left out") and "earlier issue" in record.getMessage():
            self.left_out = int(str(record.args[0]) if record.args else 0)


def by_day() -> dict[dt.date, list[str]]:
    """Return FANG's lines by publication day (Berlin time)."""
    days: dict[dt.date, list[str]] = defaultdict(list)
    with gzip.open(FANG, "rt", encoding="utf-8") as f:
        for line in f:
            stamp = dt.datetime.fromisoformat(json.loads(line)["date"])
            days[stamp.date()].append(line)
    return days


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", default="2020-11-03", help="first issue date")
    parser.add_argument("--nights", type=int, default=7)
    parser.add_argument("--sample", type=int, default=20, help="follow-ups to print")
    args = parser.parse_args()
    days = by_day()
    counter = _Count()
    logging.getLogger("digest").addHandler(counter)
    logging.getLogger("digest").setLevel(logging.INFO)
    follow_ups: list[tuple[str, str, str, int, str]] = []
    shown: dict[str, set[dt.date]] = defaultdict(set)  # article URL -> issues that cited it
    print("| night | read | left out (carried) | stories | follow-ups | items | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = Config(output=folder / "out", max_age_days=None, max_input_bytes=10**8)
        first = dt.date.fromisoformat(args.start)
        for n in range(args.nights):
            date = first + dt.timedelta(days=n)
            lines = days[date - dt.timedelta(days=2)] + days[date - dt.timedelta(days=1)]
            night = folder / "in" / date.isoformat() / "nacht.jsonl"
            night.parent.mkdir(parents=True)
            night.write_text("".join(lines), encoding="utf-8")
            counter.left_out = 0
            start = time.perf_counter()
            issue = build_issue(config, inputs=[night.parent], date=date, memory=True)
            write_issue(issue, config, remember=True)
            took = time.perf_counter() - start
            marked = [s for s in issue.stories if s.follows]
            for story in issue.stories:
                for ref in story.sources:
                    shown[ref.url or ""].add(date)
            follow_ups += [(s.follows.headline, s.headline, str(s.follows.date), len(s.sources),
                            s.summary) for s in marked if s.follows]  # fmt: skip
            print(f"| {date} | {len(lines)} | {counter.left_out} | {len(issue.stories)} | "
                  f"{len(marked)} | {len(issue.items)} | {took:.1f} |")
    twice = sum(1 for url, dates in shown.items() if url and len(dates) > 1)
    print(f"\nArticles cited by more than one issue: {twice} of {len(shown)}")
    print(f"\nFollow-ups: {len(follow_ups)}; a random sample of {args.sample}:\n")
    for earlier, now, when, sources, summary in random.Random(17).sample(
        follow_ups, min(args.sample, len(follow_ups))
    ):
        print(f"- {when}: {earlier}\n  -> {now} ({sources} new reports): {summary[:160]}")


if __name__ == "__main__":
    main()
