"""digest.sources.walk: inputs are read only inside the input paths; the rest is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest.config.inputs import path_label
from digest.sources.walk import Bounds, maildir_messages, walk
from tests import hostile
from tests.bounded import drop_root_override


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    hostile.write(folder, "b.txt", "b")
    hostile.write(folder, "a/c.txt", "c")
    hostile.write(folder, ".versteckt/d.txt", "d")
    hostile.write(folder, ".e.txt", "e")
    return folder


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def within(*roots: Path, exclude: tuple[Path, ...] = ()) -> Bounds:
    return Bounds.of(roots, exclude)


def test_files_come_sorted_without_hidden_ones(inbox: Path) -> None:
    assert names(walk(inbox, within(inbox)).files, inbox) == ["a/c.txt", "b.txt"]


def test_a_link_to_a_file_outside_is_skipped_with_a_reason(inbox: Path, tmp_path: Path) -> None:
    (tmp_path / "geheim.txt").write_text("x")
    (inbox / "notiz.txt").symlink_to(tmp_path / "geheim.txt")
    found = walk(inbox, within(inbox))
    assert names(found.files, inbox) == ["a/c.txt", "b.txt"]
    assert found.skipped == [(inbox / "notiz.txt", "links to a file outside the inputs")]


def test_a_link_to_a_folder_outside_is_not_walked(inbox: Path) -> None:
    (inbox / "etc").symlink_to("/etc", target_is_directory=True)
    found = walk(inbox, within(inbox))
    assert found.skipped == [(inbox / "etc", "links to a folder outside the inputs")]
    assert names(found.files, inbox) == ["a/c.txt", "b.txt"]


def test_a_link_inside_is_read_at_its_target_once(inbox: Path) -> None:
    (inbox / "kopie.txt").symlink_to(inbox / "b.txt")
    (inbox / "schleife").symlink_to(inbox, target_is_directory=True)
    found = walk(inbox, within(inbox))
    assert names(found.files, inbox) == ["a/c.txt", "b.txt"]
    assert found.skipped == []


def test_a_dangling_link_is_named(inbox: Path) -> None:
    (inbox / "weg.txt").symlink_to(inbox / "gibt-es-nicht.txt")
    assert walk(inbox, within(inbox)).skipped == [
        (inbox / "weg.txt", "a link to nothing (its target does not exist)")
    ]


def test_a_second_root_makes_links_into_it_fine(inbox: Path, tmp_path: Path) -> None:
    other = tmp_path / "archiv"
    hostile.write(other, "f.txt", "f")
    (inbox / "f.txt").symlink_to(other / "f.txt")
    found = walk(inbox, within(inbox, other))
    assert found.skipped == []
    assert names(found.files, inbox) == ["a/c.txt", "b.txt"]  # f.txt is read in its own root


def test_the_output_folder_inside_an_input_is_not_read(inbox: Path) -> None:
    hostile.write(inbox, "ausgabe/2025-12-03/issue.txt", "x")
    found = walk(inbox, within(inbox, exclude=(inbox / "ausgabe",)))
    assert names(found.files, inbox) == ["a/c.txt", "b.txt"]
    assert found.skipped == []


def test_a_link_into_the_output_folder_is_outside_the_inputs(inbox: Path) -> None:
    hostile.write(inbox, "ausgabe/issue.txt", "x")
    (inbox / "letzte.txt").symlink_to(inbox / "ausgabe" / "issue.txt")
    found = walk(inbox, within(inbox, exclude=(inbox / "ausgabe",)))
    assert found.skipped == [(inbox / "letzte.txt", "links to a file outside the inputs")]


def test_a_root_given_as_a_link_is_followed(inbox: Path, tmp_path: Path) -> None:
    (tmp_path / "heute").symlink_to(inbox, target_is_directory=True)
    root = tmp_path / "heute"
    assert names(walk(root, within(root)).files, root) == ["a/c.txt", "b.txt"]


def test_a_missing_root_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        walk(tmp_path / "fehlt", within(tmp_path / "fehlt"))


def test_an_unreadable_folder_is_skipped_with_the_reason(inbox: Path) -> None:
    (inbox / "a").chmod(0)
    try:
        pid = os.fork()
        if pid == 0:  # a child without root's override, so the mode counts
            drop_root_override()
            found = walk(inbox, within(inbox))
            ok = found.skipped == [(inbox / "a", "cannot read the folder: Permission denied")]
            os._exit(0 if ok and names(found.files, inbox) == ["b.txt"] else 1)
        _, status = os.waitpid(pid, 0)
    finally:
        (inbox / "a").chmod(0o755)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_name_that_is_not_utf8_is_labelled_with_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = hostile.non_utf8_name(tmp_path)
    assert path_label(path) == "nachricht-\\xe4rger.txt"
    assert path_label(path).encode("utf-8")
    assert walk(tmp_path, within(tmp_path)).files == [path]


def test_a_maildir_is_listed_not_entered_and_its_links_checked(tmp_path: Path) -> None:
    post = tmp_path / "inbox" / "Post"
    for sub in ("cur", "new", "tmp"):
        (post / sub).mkdir(parents=True)
    (post / "new" / "1.M1.host").write_bytes(hostile.simple_mail())
    (tmp_path / "passwd").write_text("root:x:0:0")
    (post / "cur" / "2.M2.host:2,S").symlink_to(tmp_path / "passwd")
    bounds = within(tmp_path / "inbox")
    found = walk(tmp_path / "inbox", bounds)
    assert (found.files, found.maildirs) == ([], [post])
    messages = maildir_messages(post, bounds)
    assert messages.files == [post / "new" / "1.M1.host"]
    assert messages.skipped == [(post / "cur" / "2.M2.host:2,S",
                                 "links to a file outside the inputs")]  # fmt: skip
