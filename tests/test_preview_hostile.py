"""Issue 22, preview and published output: odd requests and hostile text get a safe result.

The preview runs as its own process (``python -m digest preview -p 0``), as a user
starts it; the published files (issue.json, feed.xml, issue.html) come from
``digest build`` on an inbox holding a hostile JSON line.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import hostile
from tests.bounded import digest, issue_json

DATE = "2025-12-03"
ROOT = Path(__file__).resolve().parents[1]
SERVING = re.compile(r"Serving the preview on (http://(\[[^\]]+\]|[^:/]+):(\d+)/)")


@contextmanager
def preview(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[
    tuple[subprocess.Popen[str], str, int]
]:  # fmt: skip
    """Start ``digest preview`` on a free port; yield the process, its host and port."""
    hostile.write(tmp_path / "inbox", "radweg.txt", hostile.GOOD_TEXT)
    (tmp_path / "config.yaml").write_text("inputs: inbox\noutput: out\n", "utf-8")
    argv = [sys.executable, "-m", "digest", "preview", "-c", "config.yaml", "-p", "0",
            "--date", DATE, *args]  # fmt: skip
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **(env or {})}
    proc = subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=full_env)  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = SERVING.search(line)
        if not match:
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"preview did not start: {line!r} {err[-500:]!r}")
        yield proc, match.group(2).strip("[]"), int(match.group(3))
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def get(host: str, port: int, target: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


# --- Low: the preview server ---------------------------------------------------------------


def test_a_width_of_superscript_two_is_ignored_not_a_traceback(tmp_path: Path) -> None:
    with preview(tmp_path) as (proc, host, port):
        status, page = get(host, port, "/?width=%C2%B2")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert status == 200
    assert hostile.GOOD_TITLE in page
    assert "Traceback" not in err


def test_an_idle_connection_is_closed_after_a_timeout(tmp_path: Path) -> None:
    with preview(tmp_path) as (_proc, host, port), socket.create_connection((host, port)) as s:
        s.sendall(b"GET / HTTP/1.1\r\n")  # and never the rest
        s.settimeout(8)  # proposed: the server gives up after 5 s
        started = time.monotonic()
        try:
            s.recv(1024)  # b"" (closed) or a 408: either way the server let go
            closed = True
        except TimeoutError:
            closed = False
    assert closed, "the server still holds a connection idle for 8 s"
    assert time.monotonic() - started < 8


def threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1))  # type: ignore[union-attr]


def test_sixty_idle_connections_do_not_start_sixty_threads(tmp_path: Path) -> None:
    with preview(tmp_path) as (proc, host, port):
        idle = [socket.create_connection((host, port)) for _ in range(60)]
        try:
            for s in idle:
                s.sendall(b"GET / HTTP/1.1\r\n")
            time.sleep(0.5)
            count = threads(proc.pid)
        finally:
            for s in idle:
                s.close()
    assert count <= 30, f"{count} threads for 60 idle connections"


def test_the_preview_listens_on_ipv6_loopback(tmp_path: Path) -> None:
    with preview(tmp_path, "--host", "::1") as (_proc, host, port):
        assert host == "::1"
        status, page = get("::1", port, "/issue.txt")
    assert status == 200
    assert hostile.GOOD_TITLE in page


def test_sigterm_removes_the_preview_temp_folder(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with preview(tmp_path, env={"TMPDIR": str(tmp)}) as (proc, _host, _port):
        assert [p.name for p in tmp.iterdir() if p.name.startswith("digest-preview-")]
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=5)
    assert [p.name for p in tmp.iterdir()] == []


# --- Low: what the published files keep ----------------------------------------------------

RLO = "\u202e"


def build_hostile_line(tmp_path: Path, **fields: object) -> Path:
    """Build from one harmless article and one JSON line with ``fields``; return ``out``."""
    hostile.write(tmp_path / "inbox", "radweg.txt", hostile.GOOD_TEXT)
    record = {"title": hostile.OTHER_TITLE, "text": hostile.OTHER_TEXT, **fields}
    hostile.write(tmp_path / "inbox", "nacht.jsonl", hostile.jsonl_record(**record))
    done = digest("build", "-i", "inbox", "-o", "out", "--date", DATE, cwd=tmp_path)
    assert done.code == 0, done.describe()
    return tmp_path / "out"


def urls(issue: dict[str, object]) -> list[object]:
    stories = issue["stories"]
    assert isinstance(stories, list)
    return [s["url"] for story in stories for s in story["sources"]]


def test_right_to_left_overrides_never_reach_issue_json_or_the_feed(tmp_path: Path) -> None:
    title = f"Seefest {RLO}reknärT{RLO} lockt 20.000 Besucher an den Lindensee"
    out = build_hostile_line(tmp_path, title=title, source=f"Bote{RLO}")
    document = (out / DATE / "issue.json").read_text("utf-8")
    assert RLO not in document
    assert RLO not in (out / "feed.xml").read_text("utf-8")
    assert RLO not in (out / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_script_urls_never_reach_issue_json(tmp_path: Path, url: str) -> None:
    out = build_hostile_line(tmp_path, url=url)
    issue = issue_json(out, DATE)
    assert url not in json.dumps(issue)
    assert sorted(map(str, urls(issue))) == ["None", "None"]


def test_a_link_with_user_info_is_not_a_link(tmp_path: Path) -> None:
    out = build_hostile_line(tmp_path, url="https://paypal.com@evil.example/login")
    issue = issue_json(out, DATE)
    assert "evil.example" not in json.dumps(issue)
    html = (out / DATE / "issue.html").read_text("utf-8")
    assert "evil.example" not in html


def test_sigterm_during_the_first_build_removes_the_temp_folder(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    hostile.write(tmp_path / "inbox", "langsam.html", hostile.many_attributes(100_000))
    hostile.write(tmp_path / "inbox", "radweg.txt", hostile.GOOD_TEXT)
    (tmp_path / "config.yaml").write_text("inputs: inbox\noutput: out\n", "utf-8")
    argv = [sys.executable, "-m", "digest", "preview", "-c", "config.yaml", "-p", "0",
            "--date", DATE]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    proc = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 20
    while not any(tmp.iterdir()):  # the first build has begun
        assert time.monotonic() < deadline, "the preview never made its folder"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    out, _err = proc.communicate(timeout=20)
    assert "Serving the preview" not in out  # still in the first build
    assert [p.name for p in tmp.iterdir()] == []
