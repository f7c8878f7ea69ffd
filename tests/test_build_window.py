"""max_age_days: what was published too long before the issue date is left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode

REPORTS = (
    ("alt", "2025-12-01T09:00:00+01:00", "Fernwärme wird teurer",
     "Die Stadtwerke erhöhen zum Juli die Preise für Fernwärme um acht Prozent. Kunden können "
     "bis Ende Mai widersprechen, teilte das Unternehmen mit."),
    ("neu", "2025-12-03T23:30:00+01:00", "Bad schließt im Winter",
     "Das Freibad am Stadtpark bleibt von November bis März geschlossen. Die Sanierung der "
     "Becken soll bis zum Frühjahr dauern und rund zwei Millionen Euro kosten."),
    ("ohne", "", "Markt zieht um",
     "Der Wochenmarkt zieht im Januar vom Rathausplatz an das Hafenbecken. Die Händler "
     "bekommen dort feste Stände mit Strom und Wasser, sagte die Marktmeisterin."),
)  # fmt: skip


def inbox(root: Path) -> Path:
    """Write three reports of our own: dated 1 and 3 December and one without a date."""
    folder = root / "inbox"
    folder.mkdir()
    for name, date, title, text in REPORTS:
        dated = f"date: {date}\n" if date else ""
        (folder / f"{name}.txt").write_text(f"---\ntitle: {title}\n{dated}---\n{text}", "utf-8")
    return folder


def titles(out: Path, date: str) -> list[str]:
    issue = json.loads((out / date / "issue.json").read_text("utf-8"))
    return sorted(s["headline"] for s in issue["stories"])


@pytest.mark.parametrize(("setting", "expected"), [
    ("", ["Bad schließt im Winter", "Markt zieht um"]),  # the default: 2 days
    ("max_age_days: 4\n", ["Bad schließt im Winter", "Fernwärme wird teurer", "Markt zieht um"]),
    ("max_age_days: null\n", ["Bad schließt im Winter", "Fernwärme wird teurer", "Markt zieht um"]),
    ("max_age_days: 0\n", ["Markt zieht um"]),
])  # fmt: skip
def test_old_articles_are_left_out_undated_ones_kept(
    invoke, write_config, tmp_path: Path, setting: str, expected: list[str]
) -> None:
    inbox(tmp_path)
    config = write_config(f"inputs: [inbox]\noutput: out\n{setting}")
    result = invoke("build", "-c", config, "--date", "2025-12-04", "--no-memory")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert titles(tmp_path / "out", "2025-12-04") == expected


def test_a_night_where_everything_is_old_says_why(invoke, write_config, tmp_path: Path) -> None:
    inbox(tmp_path)
    (tmp_path / "inbox" / "ohne.txt").unlink()
    config = write_config("inputs: [inbox]\noutput: out\n")
    result = invoke("build", "-c", config, "--date", "2026-03-13")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ("Warning: Every article was published before 2026-03-11 "
                             "(max_age_days: 2): give --date or set max_age_days: null\n")
