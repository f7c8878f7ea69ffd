"""Build the issue from the five real seed articles in ../shared/seeds (never copied here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from tests.conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from digest.cli import cli

    out = tmp_path_factory.mktemp("seeds")
    result = CliRunner().invoke(cli, ["build", "-i", str(SEEDS), "-o", str(out), "--date",
                                      "2025-12-03"])  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.output
    return out / "2025-12-03"


def test_the_issue_has_the_german_date(folder: Path) -> None:
    assert "Mittwoch, 3. Dezember 2025" in (folder / "issue.html").read_text("utf-8")
    assert "Mittwoch, 3. Dezember 2025" in (folder / "issue.txt").read_text("utf-8")


def test_the_html_fits_the_gmail_budget_with_inlined_css(folder: Path) -> None:
    html = (folder / "issue.html").read_text("utf-8")
    assert len(html.encode("utf-8")) <= 102_400
    assert re.search(r'<h1 class="headline" style=\'[^\']*font-size:\s*24px', html)
    assert html.count("<style") == 1


def test_the_plaintext_keeps_to_78_columns(folder: Path) -> None:
    text = (folder / "issue.txt").read_text("utf-8")
    for line in text.splitlines():
        assert len(line) <= 78 or re.search(r"https?://\S+", line), line
    assert " ," not in text
    assert [line for line in text.splitlines() if "  " in line.strip()] == []


def test_every_seed_is_a_source_and_nothing_is_skipped(folder: Path) -> None:
    issue = json.loads((folder / "issue.json").read_text("utf-8"))
    assert issue["skipped"] == []
    files = {Path(s["file"]).name for story in issue["stories"] for s in story["sources"]}
    assert files == {p.name for p in SEEDS.glob("*.txt")}


def test_the_first_cited_source_is_the_one_whose_headline_is_used(folder: Path) -> None:
    issue = json.loads((folder / "issue.json").read_text("utf-8"))
    for story in issue["stories"]:
        assert story["sources"][0]["title"] == story["headline"]
