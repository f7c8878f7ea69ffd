"""Scale: `digest build` on FANG-COVID beside an all-pairs TF-IDF clustering baseline.

Run: python bench/scale_bench.py [--sizes 500,4684,46840] [--no-baseline]

Each size is a temporary .jsonl slice of ../shared/corpus/fang-covid-de-2020-11-12.jsonl.gz.
Sizes above the corpus' 4,684 articles repeat it; every repeated copy is lightly changed
(its own title suffix, a few words swapped per paragraph) so it is a near-duplicate, not an
exact one — a stress test for blocking and merging. Both tools run in a fresh child
process. Printed per size: wall time; CPU time (user + system, the build's own reader and
worker children included: steadier on a shared machine); that child's peak resident
memory and the largest peak of the build's own children (readers, and workers for a share
of the batch); and each tool's time relative to its smallest size, to show how it grows.
Each build is cold (no cached vectors): the sentence model reads what its time budget
(``dedup.embed_seconds``) allows, and the row says how many of the uncertain pairs it left
to the words. The baseline (scikit-learn, bench extra) is word TF-IDF, cosine over all
pairs in row blocks, a 0.5 threshold and connected components — what a user would write
instead.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FANG = ROOT.parent / "shared" / "corpus" / "fang-covid-de-2020-11-12.jsonl.gz"

# Runs a command's main in-process and reports its own peak RSS, so each figure is one child's.
WRAPPER = """
import json, resource, runpy, sys, time
start = time.perf_counter()
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True) if sys.argv[0] == "digest" \\
        else runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
usage = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - start,
                  "cpu": usage.ru_utime + usage.ru_stime + kids.ru_utime + kids.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "child_mb": kids.ru_maxrss / 1024}))
"""

BASELINE = """
import json, sys
from pathlib import Path
import numpy as np
from scipy.sparse.csgraph import connected_components
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
texts = [json.loads(ln) for f in sorted(Path(sys.argv[1]).glob("*.jsonl"))
         for ln in open(f, encoding="utf-8")]
docs = [f"{t.get('title', '')} {t['text']}" for t in texts]
X = TfidfVectorizer(sublinear_tf=True, min_df=2).fit_transform(docs)
rows, cols = [], []
for start in range(0, X.shape[0], 500):
    block = (X[start:start + 500] @ X.T).tocoo()
    keep = (block.data >= 0.5) & (block.row + start < block.col)
    rows.append(block.row[keep] + start)
    cols.append(block.col[keep])
r, c = np.concatenate(rows), np.concatenate(cols)
graph = coo_matrix((np.ones(len(r)), (r, c)), shape=(X.shape[0], X.shape[0]))
n, labels = connected_components(graph, directed=False)
print(f"baseline groups: {n}")
"""


def perturb(record: dict[str, object], copy: int, rng: random.Random) -> dict[str, object]:
    """Return copy number ``copy`` of an article with its title and a few words changed."""
    if copy == 0:
        return record
    words = str(record.get("text", "")).split(" ")
    for _ in range(max(1, len(words) // 40)):
        i = rng.randrange(len(words))
        j = min(len(words) - 1, i + 1)
        words[i], words[j] = words[j], words[i]
    changed = dict(record)
    changed["text"] = " ".join(words)
    changed["title"] = f"{record.get('title', '')} ({copy + 1})"
    changed["url"] = f"{record.get('url', '')}?kopie={copy + 1}"
    return changed


def write_slice(lines: list[str], size: int, folder: Path) -> None:
    """Write ``size`` articles into ``folder``: the corpus, then lightly changed copies of
    it, one file per copy (a night arrives as many inputs; one reader process is bounded
    at 1 GiB, which a single 277 MB file of 46,840 articles exceeds)."""
    rng = random.Random(size)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, size, len(lines)):
        copy = start // len(lines)
        with (folder / f"fang-{copy + 1:02d}.jsonl").open("w", encoding="utf-8") as out:
            for n in range(start, min(size, start + len(lines))):
                record = perturb(json.loads(lines[n % len(lines)]), copy, rng)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def child(*args: str) -> tuple[dict[str, float], str]:
    """Run ``args`` under the wrapper; return its wall and CPU time, peak memory, stderr."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, cwd=ROOT,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures, done.stderr


def model_line(log: str) -> str:
    """Return what the build said of the sentence model: pairs left lexical, texts read."""
    found = re.search(r"(\d+) of (\d+) uncertain pairs left lexical.*?(\d+) texts embedded "
                      r"in ([\d.]+) s", log)  # fmt: skip
    if not found:
        return "-"
    left, band, texts, seconds = found.groups()
    return f"{left}/{band}, {texts} in {seconds} s"


def ours(path: Path, tmp: Path) -> tuple[dict[str, float], str]:
    """Time `digest build` on ``path`` (cold: a fresh output folder, no cached vectors)."""
    config = tmp / "config.yaml"
    # The corpus spans two months: no age window, so every article is read.
    config.write_text("max_input_bytes: 10000000000\nmax_age_days: null\n", encoding="utf-8")
    return child("digest", "build", "-v", "-c", str(config), "-i", str(path),
                 "-o", str(tmp / "out"), "--date", "2020-11-12")  # fmt: skip


def baseline(path: Path, tmp: Path) -> dict[str, float]:
    """Time the scikit-learn all-pairs TF-IDF clustering on ``path``."""
    script = tmp / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    return child(str(script), str(path))[0]


def stories(tmp: Path) -> int:
    """Count the stories the last build wrote."""
    issue = json.loads((tmp / "out" / "2020-11-12" / "issue.json").read_text("utf-8"))
    return len(issue["stories"])


def main() -> None:
    """Print one row per size and how each tool's time grows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,4684", help="comma-separated article counts")
    parser.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF baseline")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with gzip.open(FANG, "rt", encoding="utf-8") as f:
        lines = [ln for ln in f.read().split("\n") if ln.strip()]
    print("| articles | digest build s | CPU s | peak MB | children's peak MB | stories "
          "| uncertain pairs left "
          "lexical, texts embedded | growth | TF-IDF all-pairs s | peak MB | growth "
          "| time ours/baseline |")
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    first: dict[str, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as name:
            tmp = Path(name)
            path = tmp / "fang"
            write_slice(lines, size, path)
            started = time.perf_counter()
            mine, log = ours(path, tmp)
            count = stories(tmp)
            base = {"wall": float("nan"), "peak_mb": float("nan")}
            if not args.no_baseline and time.perf_counter() - started < 3600:
                base = baseline(path, tmp)
        first.setdefault("ours", mine["wall"])
        first.setdefault("base", base["wall"])
        print(f"| {size:,} | {mine['wall']:.1f} | {mine['cpu']:.1f} | {mine['peak_mb']:,.0f} "
              f"| {mine['child_mb']:,.0f} | {count:,} | {model_line(log)} "
              f"| {mine['wall'] / first['ours']:.1f}× "
              f"| {base['wall']:.1f} "
              f"| {base['peak_mb']:,.0f} | {base['wall'] / first['base']:.1f}× "
              f"| {mine['wall'] / base['wall']:.2f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
