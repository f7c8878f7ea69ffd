"""Issue 22, build: a failed or concurrent build never leaves a mixed issue or crashes.

Only the command line is used (``python -m digest``); a failure is injected by a
``sitecustomize`` that makes the first fsync or rename of a file named ``issue.txt``
fail with ENOSPC, the way a full disk would, whatever module does the writing.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import hostile
from tests.bounded import Finished, digest, issue_json
from tests.smtp_server import PEOPLE, Mailbox, Server, config_text

DATE = "2025-12-03"
ROOT = Path(__file__).resolve().parents[1]
FILES = ("index.html", "issue.html", "issue.json", "issue.txt")

INJECTOR = '''\
"""Test fault injection: the first fsync or rename of an issue.txt fails as on a full disk."""
import errno, os

_fsync, _replace, _rename = os.fsync, os.replace, os.rename
_mark = os.environ["DIGEST_FAULT_MARK"]


def _hit(name):
    if "issue.txt" in os.path.basename(os.fsdecode(name)) and not os.path.exists(_mark):
        with open(_mark, "w") as f:
            f.write(os.fsdecode(name))
        raise OSError(errno.ENOSPC, "No space left on device", os.fsdecode(name))


def fsync(fd):
    _hit(os.readlink(f"/proc/self/fd/{fd}"))
    return _fsync(fd)


def replace(src, dst, **kw):
    _hit(dst)
    return _replace(src, dst, **kw)


def rename(src, dst, **kw):
    _hit(dst)
    return _rename(src, dst, **kw)


os.fsync, os.replace, os.rename = fsync, replace, rename
'''


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every visible file of the issue folder with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def project(tmp_path: Path, port: int = 2525) -> Path:
    """Write a config whose inputs are ``tmp_path/inbox`` (one article) and output ``out``."""
    hostile.write(tmp_path / "inbox", "radweg.txt", hostile.GOOD_TEXT)
    text = config_text(port, tmp_path / "out").replace("inputs: ", "inputs: inbox\n#", 1)
    config = tmp_path / "config.yaml"
    config.write_text(text, "utf-8")
    return config


def build(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Finished:
    """Run ``digest build -c config.yaml --date DATE`` in ``tmp_path``."""
    return digest("build", "-c", "config.yaml", "--date", DATE, *args, cwd=tmp_path, env=env)


@pytest.fixture
def server() -> Iterator[Server]:
    """A loopback SMTP server that accepts everything."""
    srv = Server(Mailbox()).start()
    yield srv
    srv.stop()


# --- Medium: a failed rebuild leaves a mixed issue -----------------------------------------


def test_a_failed_rebuild_leaves_the_previous_issue_untouched(tmp_path: Path) -> None:
    project(tmp_path)
    assert build(tmp_path).code == 0
    folder = tmp_path / "out" / DATE
    before = snapshot(folder)
    hostile.write(tmp_path / "inbox", "seefest.txt", hostile.OTHER_TEXT)
    faults = tmp_path / "faults"
    faults.mkdir()
    (faults / "sitecustomize.py").write_text(INJECTOR, "utf-8")
    mark = tmp_path / "fault-fired"
    env = {"PYTHONPATH": f"{faults}{os.pathsep}{ROOT}", "DIGEST_FAULT_MARK": str(mark)}
    failed = build(tmp_path, env=env)
    assert mark.exists(), "the injected fault never fired: the test proves nothing"
    assert failed.code == 1, failed.describe()
    assert failed.stderr.startswith("Error: ") and "No space left on device" in failed.stderr
    assert snapshot(folder) == before  # the whole previous issue, not a mix
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(f".{DATE}")) \
        == [], "a temporary build folder was left behind"  # fmt: skip


# --- Medium: build takes no lock -----------------------------------------------------------


def test_build_refuses_while_another_run_holds_the_lock(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "out" / ".digest").mkdir(parents=True)
    with open(tmp_path / "out" / ".digest" / "run.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        done = build(tmp_path)
    assert done.code == 7, done.describe()
    assert done.stderr.startswith(
        f"Error: another digest run is in progress (pid {os.getpid()}); lock file "
    )
    assert not (tmp_path / "out" / DATE).exists()


@pytest.mark.chaos
def test_concurrent_builds_of_one_date_never_crash(tmp_path: Path) -> None:
    project(tmp_path)
    for n in range(8):
        hostile.write(tmp_path / "inbox", f"meldung{n}.txt",
                      hostile.GOOD_TEXT.replace("Radweg", f"Weg {n}"))  # fmt: skip
    argv = [sys.executable, "-m", "digest", "build", "-c", "config.yaml", "--date", DATE]
    codes = []
    for _ in range(6):
        pair = [subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
        for proc in pair:
            _out, err = proc.communicate(timeout=120)
            codes.append((proc.returncode, err.strip()[-200:]))
    assert all(code in (0, 7) for code, _ in codes), codes
    folder = tmp_path / "out" / DATE
    assert sorted(snapshot(folder)) == list(FILES)
    assert issue_json(tmp_path / "out", DATE)["date"] == DATE


# --- Medium: build rewrites an issue that has started going out ----------------------------


def test_build_refuses_to_rewrite_an_issue_that_went_out(tmp_path: Path, server: Server) -> None:
    project(tmp_path, server.port)
    assert build(tmp_path).code == 0
    sent = digest("send", "-c", "config.yaml", "--date", DATE, cwd=tmp_path)
    assert sent.code == 0, sent.describe()
    folder = tmp_path / "out" / DATE
    before = snapshot(folder)
    hostile.write(tmp_path / "inbox", "seefest.txt", hostile.OTHER_TEXT)
    again = build(tmp_path)
    assert again.code == 1, again.describe()
    assert again.stderr == (
        f"Error: the issue of {DATE} has already gone out to 3 of 3 recipients; "
        "not rebuilt (--force rebuilds it anyway)\n"
    )
    assert snapshot(folder) == before


def test_build_force_rewrites_an_issue_that_went_out(tmp_path: Path, server: Server) -> None:
    project(tmp_path, server.port)
    assert build(tmp_path).code == 0
    assert digest("send", "-c", "config.yaml", "--date", DATE, cwd=tmp_path).code == 0
    hostile.write(tmp_path / "inbox", "seefest.txt", hostile.OTHER_TEXT)
    forced = build(tmp_path, "--force")
    assert forced.code == 0, forced.describe()
    headlines = [s["headline"] for s in issue_json(tmp_path / "out", DATE)["stories"]]
    assert len(headlines) == 2
    assert len(server.mailbox.received) == len(PEOPLE)  # a rebuild never sends by itself
