"""Run every benchmark and write bench/RESULTS.md with the machine and the date.

Run: python bench/run_all.py            (the full run; about 15 minutes on 2 cores)
     python bench/run_all.py --smoke    (a small slice of each, as CI does; prints only)

Needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# (title, script, arguments for the full run, arguments for the smoke run)
RUNS: list[tuple[str, str, list[str], list[str]]] = [
    ("Parsing: fundus DACH pages and FANG-COVID throughput", "parse_bench.py", [],
     ["--limit", "5"]),
    ("Newsletters: real inputs, held-out fixtures, FANG split rates", "newsletter_bench.py", [],
     ["--smoke"]),
    # The smoke's 20 pairs embed 40 short texts (cold: about 20 s); the full run all 124.
    ("Dedup: SemEval-2022 German pairs, cross-validated", "dedup_bench.py", [],
     ["--limit", "20", "--repeats", "1"]),
    # Reads all FANG texts to find the 1,200 labelled ones (about 20 s): no smaller slice.
    ("Genre: a report or a piece about the news, on reader labels", "genre_bench.py", [], []),
    ("Pairs: eighteen FANG nights against blind readers' verdicts", "pairs_bench.py", [],
     ["--sets", "held-out", "--nights", "1"]),
    ("Pairs: the rules with a second opinion fitted on readers' verdicts (not taken)",
     "combiner_bench.py", [], ["--nights", "3", "--pairs", "10"]),
    # Loads all FANG texts and embeds 356 sentences (about 20 s): no smaller slice.
    ("Facts: the merge's sentence links against blind readers' verdicts",
     "fact_links_bench.py", [], []),
    ("Items: a newsletter's short item against the story it retells", "items_bench.py", [],
     ["--limit", "20", "--nights", "1"]),
    ("Scale: digest build on FANG-COVID", "scale_bench.py", ["--sizes", "500,4684,46840"],
     ["--sizes", "100,300"]),
    ("Rendering: premailer on the largest issue", "render_bench.py", [], ["--limit", "300"]),
    ("Nights: the memory across issues and follow-ups on FANG-COVID", "nights_bench.py",
     ["--nights", "7"], ["--nights", "2", "--sample", "3"]),
    ("Isolation: each input read in a forked child, against in-process", "isolate_bench.py",
     [], ["--smoke"]),
]  # fmt: skip


def machine() -> str:
    """Describe the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines()
                 if ln.startswith("model name")]  # fmt: skip
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}, "
            f"Python {platform.python_version()}")  # fmt: skip


def run(script: str, args: list[str]) -> tuple[str, float]:
    """Run one benchmark script; return what it printed and how long it took."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    output = done.stdout.strip()
    if done.returncode != 0:
        output += f"\n\n(exit {done.returncode})\n```\n{done.stderr.strip()[-2000:]}\n```"
    return output, time.perf_counter() - start


def main() -> None:
    """Run the benchmarks and write (or, with --smoke, print) the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small slices; print, don't write")
    args = parser.parse_args()
    parts = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC  ",
        f"Command: `python bench/run_all.py{' --smoke' if args.smoke else ''}`",
    ]
    failed = False
    for title, script, full, smoke in RUNS:
        output, seconds = run(script, smoke if args.smoke else full)
        failed |= "(exit " in output
        parts += ["", f"## {title}", "", f"`bench/{script}` ({seconds:.0f} s)", "", output]
    report = "\n".join(parts) + "\n"
    if args.smoke:
        print(report)
    else:
        (BENCH / "RESULTS.md").write_text(report, encoding="utf-8")
        print(f"Wrote {BENCH / 'RESULTS.md'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
