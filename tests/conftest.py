"""Shared fixtures: paths, a CLI runner, config files written per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples" / "inbox"
# Third-party seed articles: read from ../shared, never copied into the project.
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


# The unsubscribe links' signing secret every send test uses (``mail.unsubscribe_secret_env``);
# tests of its absence remove it.
SECRET = "prüf-geheimnis-0123456789"


@pytest.fixture(autouse=True)
def unsubscribe_secret(monkeypatch: pytest.MonkeyPatch) -> str:
    """Set the signing secret of personal unsubscribe links, as a sender's cron job does."""
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", SECRET)
    return SECRET


@pytest.fixture
def runner() -> CliRunner:
    """Return a click test runner."""
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Result]:
    """Run ``digest`` with the given arguments in-process."""

    def run(*args: str) -> Result:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    """Write a config.yaml with the given text into a fresh folder and return its path."""

    def write(text: str, name: str = "config.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
