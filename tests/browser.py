"""Helpers for the preview tests: a running preview of a copy of the test site, and Chromium."""

from __future__ import annotations

import datetime as dt
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from digest.preview import Preview

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "preview"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# The network is closed: without these flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
DATE = "2026-11-20"


def site(tmp_path: Path) -> Path:
    """Copy the preview test site into ``tmp_path`` with an empty templates override folder."""
    folder = tmp_path / "site"
    shutil.copytree(DATA, folder)
    (folder / "templates").mkdir()
    config = folder / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "templates: templates\n", "utf-8")
    return folder


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """Run a preview of a fresh copy of the test site on a free loopback port."""
    folder = site(tmp_path)
    running = Preview(folder / "config.yaml", date=dt.date.fromisoformat(DATE), port=0)
    with running:
        yield running


def fetch(url: str) -> tuple[int, str]:
    """GET ``url``; return the status and the body, also for error statuses."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Return ``check()``'s first truthy result, polling until ``timeout``; fail otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            assert result, f"still false after {timeout} s"
            return result
        time.sleep(0.1)


def touch_later(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that its modification time surely changes."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:  # coarse file-system clocks
        time.sleep(0.02)
        path.write_text(text, encoding="utf-8")


def chromium_missing() -> str | None:
    """Return why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: apt-get install -y chromium (CI installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's headless Chromium once per module through Playwright."""
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
