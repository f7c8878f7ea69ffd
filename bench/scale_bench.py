"""Scale: time and peak memory of a full build (load, dedup, render, write) on FANG-COVID.

Run: python bench/scale_bench.py [--sizes 500,4684]

Each size runs in a fresh subprocess over a temporary uncompressed .jsonl slice of
../shared/corpus/fang-covid-de-2020-11-12.jsonl.gz (sizes above 4,684 repeat the corpus,
so those copies all merge: a stress test of the merger, not a realistic batch). Prints
per stage seconds, the wall time and the peak resident memory of the child (getrusage
RUSAGE_CHILDREN), and the ratio of the largest to the smallest time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"

# The child builds one issue and reports per-stage seconds as JSON on its last line.
CHILD = """
import json, sys, time
from pathlib import Path
from digest.build import write_issue
from digest.config import Config
from digest.load import load_all
from digest.merge import make_stories
from digest.models import Issue
import datetime as dt
src, out = Path(sys.argv[1]), Path(sys.argv[2])
config = Config(inputs=[src], output=out, max_input_bytes=10**10)
t0 = time.perf_counter()
articles, skipped = load_all([src], max_bytes=config.max_input_bytes)
t1 = time.perf_counter()
stories, items = make_stories(articles, config.dedup)
t2 = time.perf_counter()
issue = Issue(date=dt.date(2020, 11, 12), locale=config.locale, title=config.title,
              stories=stories, items=items, skipped=skipped)
write_issue(issue, config)
t3 = time.perf_counter()
multi = sum(1 for s in stories if len(s.sources) > 1)
print(json.dumps({"articles": len(articles), "stories": len(stories), "multi": multi,
                  "load": t1 - t0, "dedup": t2 - t1, "render": t3 - t2}))
"""


def write_slice(lines: list[str], size: int, path: Path) -> None:
    """Write the first ``size`` articles (repeating the corpus if needed) to ``path``."""
    repeated = (lines * (size // len(lines) + 1))[:size]
    path.write_text("\n".join(repeated) + "\n", encoding="utf-8")


def measure(path: Path, out: Path) -> dict[str, float]:
    """Build one issue in a child process; return its stage times, wall time and peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(out)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    # ru_maxrss of children is the maximum over all of them: run sizes smallest first.
    figures.update(wall=wall, peak_mb=max(peak, before) / 1024)
    return figures


def main() -> None:
    """Print one row per size and the time ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,4684", help="comma-separated article counts")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with gzip.open(FANG, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip()]
    print(f"{'articles':>9}{'stories':>9}{'merged':>8}{'load s':>8}{'dedup s':>9}"
          f"{'render s':>10}{'wall s':>8}{'peak MB':>9}")  # fmt: skip
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"fang-{size}.jsonl"
            write_slice(lines, size, path)
            r = measure(path, Path(tmp) / f"out-{size}")
            walls.append(r["wall"])
            print(f"{r['articles']:>9.0f}{r['stories']:>9.0f}{r['multi']:>8.0f}"
                  f"{r['load']:>8.1f}{r['dedup']:>9.1f}{r['render']:>10.1f}"
                  f"{r['wall']:>8.1f}{r['peak_mb']:>9.0f}")  # fmt: skip
            path.unlink()
    if len(walls) > 1:
        print(f"time ratio {sizes[-1]}/{sizes[0]}: {walls[-1] / walls[0]:.1f}x "
              f"(articles ratio {sizes[-1] / sizes[0]:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
