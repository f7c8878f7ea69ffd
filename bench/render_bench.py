"""Rendering: time and size of premailer inlining on the largest issue, against the budget.

Run: python bench/render_bench.py [--limit N]

Builds the issue of the FANG-COVID corpus (../shared/corpus), then times the renderer as a
whole and premailer alone on the final HTML, and prints the HTML size after inlining
against Gmail's 102,400-byte clipping limit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import digest.render  # noqa: E402
from digest.build import build_issue  # noqa: E402
from digest.config import Config  # noqa: E402
from digest.render import inline_css, render  # noqa: E402

FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"


def main() -> None:
    """Print the rendering figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fang.jsonl"
        with gzip.open(FANG, "rt", encoding="utf-8") as f:
            # split("\n"), not splitlines(): U+2028 may stand inside JSON strings.
            lines = [ln for ln in f.read().split("\n") if ln.strip()]
        path.write_text("\n".join(lines[: args.limit or None]) + "\n", encoding="utf-8")
        # The corpus spans two months: no age window, so every article is read.
        config = Config(output=Path(tmp) / "out", max_input_bytes=10**10, max_age_days=None)
        issue = build_issue(config, inputs=[path], date=dt.date(2020, 12, 31))
    calls: list[float] = []

    def timed_inline(html: str) -> str:
        begin = time.perf_counter()
        try:
            return inline_css(html)
        finally:
            calls.append(time.perf_counter() - begin)

    digest.render.inline_css = timed_inline  # count every premailer pass of the budget loop
    start = time.perf_counter()
    rendered = render(issue, config)
    render_s = time.perf_counter() - start
    inline_s = sum(calls)
    print("| articles | stories | shown | dropped | shortened | render s | premailer passes, s "
          "| HTML bytes | budget |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    print(f"| {len(lines[: args.limit or None]):,} | {len(issue.stories):,} | {rendered.shown} "
          f"| {rendered.dropped:,} | {rendered.shortened} | {render_s:.2f} "
          f"| {len(calls)}, {inline_s:.2f} "
          f"| {rendered.html_bytes:,} | {config.max_html_bytes:,} |")


if __name__ == "__main__":
    main()
