"""Files and folders as inputs: what is collected, in which order, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import OutletRule
from digest.errors import InputError, SkipFile
from digest.sources import gather


def test_folders_are_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/zwei.txt", "eins.txt", ".versteckt.txt", ".git/config.txt"):
        (tmp_path / name).write_text("Text", "utf-8")
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in gather([tmp_path])]
    assert names == ["b/zwei.txt", "eins.txt"]


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"input path '.*fehlt' does not exist"):
        gather([tmp_path / "fehlt"])


def test_the_size_limit_is_checked_when_a_file_is_loaded(tmp_path: Path) -> None:
    (tmp_path / "gross.txt").write_bytes(b"x" * 2000)
    (item,) = gather([tmp_path], max_bytes=1000)
    with pytest.raises(SkipFile, match=r"file too large \(2,000 bytes, limit 1,000\)"):
        item.load()


def test_an_outlet_rule_matches_a_file_name_or_path(tmp_path: Path) -> None:
    (tmp_path / "tagesblatt-1.txt").write_text("Text", "utf-8")
    (tmp_path / "anderes.txt").write_text("Text", "utf-8")
    rule = OutletRule(match="tagesblatt-*.txt", name="Tagesblatt")
    outlets = {Path(i.name).name: i.outlet for i in gather([tmp_path], outlets=[rule])}
    assert outlets == {"anderes.txt": None, "tagesblatt-1.txt": rule}
