"""Maildir folders read as they are: every message an .eml input, nothing moved or renamed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest.collect import read_input
from digest.config.inputs import parse_entry
from digest.errors import SkipFile
from digest.sources import Options, gather
from digest.sources.maildir import is_maildir
from tests.newsletters import LETTERS, letter


def maildir_inputs(root: Path, max_bytes: int = 1_000_000) -> list:  # type: ignore[type-arg]
    """Gather the Maildir at ``root`` as an input path."""
    return gather([parse_entry(str(root), Path.cwd())], Options(max_bytes=max_bytes)).inputs


def maildir(root: Path) -> Path:
    """Build a Maildir: one new letter, two read ones, one delivery still in tmp/."""
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    (root / "new" / "1715700000.M1P1.host").write_bytes(letter(0))
    (root / "cur" / "1715700001.M2P1.host:2,S").write_bytes(letter(1))
    (root / "cur" / "1715700002.M3P1.host:2,FS").write_bytes(letter(2))
    (root / "tmp" / "1715700003.M4P1.host").write_bytes(b"From: halb")  # not yet delivered
    (root / ".Gesendet" / "cur").mkdir(parents=True)  # a Maildir++ subfolder: not read
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in root.rglob("*")}  # fmt: skip


def test_each_message_is_an_eml_input_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = maildir(tmp_path / "Post")
    os.utime(root / "new", (1, 1))
    before = snapshot(root)
    inputs = maildir_inputs(root)
    assert [(i.name, i.kind, i.file, i.url) for i in inputs] == [
        ("Post/new/1715700000.M1P1.host", ".eml", "Post", None),
        ("Post/cur/1715700001.M2P1.host:2,S", ".eml", "Post", None),
        ("Post/cur/1715700002.M3P1.host:2,FS", ".eml", "Post", None),
    ]
    assert [i.load() for i in inputs] == [letter(0), letter(1), letter(2)]
    articles = [a for i in inputs for a in read_input(i, 1_000_000)]
    assert snapshot(root) == before  # not moved to cur/, no flag added, folders untouched
    assert [a.title for a in articles] == [subject for subject, _, _ in LETTERS]
    # issue.json names the mailbox as the file; the memory knows each by its Message-ID.
    assert {a.source.file for a in articles} == {"Post"}
    assert [a.source.id for a in articles] == [f"<brief-{n}@stadtbrief.example>" for n in range(3)]


def test_a_maildir_inside_an_input_folder_is_read_as_a_mailbox(tmp_path: Path) -> None:
    maildir(tmp_path / "Eingang" / "Post")
    (tmp_path / "Eingang" / "notiz.txt").write_text("Titel\n\nText.", "utf-8")
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in maildir_inputs(tmp_path)]
    assert names == ["Eingang/notiz.txt", "Eingang/Post/new/1715700000.M1P1.host",
                     "Eingang/Post/cur/1715700001.M2P1.host:2,S",
                     "Eingang/Post/cur/1715700002.M3P1.host:2,FS"]  # fmt: skip


def test_a_maildir_is_a_folder_with_cur_new_and_tmp(tmp_path: Path) -> None:
    root = maildir(tmp_path / "Post")
    assert is_maildir(root)
    assert not is_maildir(root / "cur")
    (root / "tmp" / "1715700003.M4P1.host").unlink()
    (root / "tmp").rmdir()
    assert not is_maildir(root)
    assert not is_maildir(tmp_path / "fehlt")


def test_a_message_over_the_limit_is_skipped_when_read(tmp_path: Path) -> None:
    root = maildir(tmp_path / "Post")
    limit = len(letter(1))
    inputs = maildir_inputs(root, max_bytes=limit)
    big = [n for n in range(3) if len(letter(n)) > limit]
    assert big
    with pytest.raises(SkipFile) as caught:
        inputs[big[0]].load()
    assert str(caught.value) == f"file too large ({len(letter(big[0])):,} bytes, limit {limit:,})"


def test_an_empty_maildir_gives_no_inputs(tmp_path: Path) -> None:
    root = tmp_path / "Leer"
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    assert maildir_inputs(root) == []
