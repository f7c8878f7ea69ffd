"""The private state folder: created private, in the output folder unless configured."""

from __future__ import annotations

import stat
from pathlib import Path

from digest.config import Config
from digest.state import Table, open_state, state_folder

NOTES = Table("notes", "CREATE TABLE IF NOT EXISTS notes (key TEXT PRIMARY KEY, value TEXT)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_state_lives_privately_inside_the_output_folder(tmp_path: Path) -> None:
    config = Config(output=tmp_path / "output")
    db = open_state(config, NOTES)
    db.execute("INSERT INTO notes VALUES ('a', 'b')")
    db.close()
    folder = tmp_path / "output" / ".digest"
    assert state_folder(config) == folder
    assert mode(folder) == 0o700 and mode(folder / "state.sqlite3") == 0o600
    assert open_state(config, NOTES).execute("SELECT value FROM notes").fetchall() == [("b",)]


def test_a_configured_state_dir_is_used_and_made_private(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir(mode=0o755)
    config = Config(output=tmp_path / "output", state_dir=tmp_path / "state")
    open_state(config).close()
    assert mode(tmp_path / "state") == 0o700
    assert not (tmp_path / "output" / ".digest").exists()
