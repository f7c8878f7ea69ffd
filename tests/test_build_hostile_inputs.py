"""Issue 22, inputs: one bad file is skipped with a reason; it never costs the night.

Each test runs ``digest build`` (or ``run``) as its own process under a memory and a time
cap (tests/bounded.py), on a fresh inbox holding one harmless article and one hostile
file made by a generator in tests/hostile.py. What a user must see: exit 0, the
harmless story in the issue, the hostile file listed under ``skipped`` in issue.json
with a one-line reason, and ``Warning: Skipping '<file>': <reason>`` on stderr.
The reasons are the wording proposed for the fix; the lead may reword them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests import hostile
from tests.bounded import Finished, digest, headlines, issue_json

DATE = "2025-12-03"


def inbox(tmp_path: Path, name: str, data: bytes | str) -> Path:
    """Write the harmless article and the hostile file into ``tmp_path/inbox``."""
    folder = tmp_path / "inbox"
    hostile.write(folder, "radweg.txt", hostile.GOOD_TEXT)
    hostile.write(folder, name, data)
    return folder


def build(tmp_path: Path, *extra: str, config: str = "", **caps: Any) -> Finished:
    """Run ``digest build`` on ``tmp_path/inbox`` into ``tmp_path/out``."""
    args = ["build", "-i", "inbox", "-o", "out", "--date", DATE, *extra]
    if config:
        (tmp_path / "config.yaml").write_text(config, "utf-8")
        args += ["-c", "config.yaml"]
    return digest(*args, cwd=tmp_path, **caps)


def assert_skipped(tmp_path: Path, done: Finished, label: str, reason: str) -> None:
    """The build went on, kept the harmless story and skipped ``label`` for ``reason``."""
    assert done.code == 0, done.describe()
    issue = issue_json(tmp_path / "out", DATE)
    assert hostile.GOOD_TITLE in headlines(issue)
    skipped = {s["file"]: s["reason"] for s in issue["skipped"]}
    assert label in skipped, f"{label} not skipped: {issue['skipped']}"
    assert re.fullmatch(reason, skipped[label]), skipped[label]
    assert "\n" not in skipped[label]
    assert f"Warning: Skipping '{label}': {skipped[label]}\n" in done.stderr


# --- High: one file aborts the night -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("klammern.eml", hostile.parens_from(2_000),
         r"comments nested more than 100 deep in one mail header \(From\)"),
        ("verschachtelt.eml", hostile.nested_multipart(5_000),
         r"MIME parts nested more than 100 deep"),
        ("weitergeleitet.eml", hostile.nested_rfc822(3_000),
         r"MIME parts nested more than 100 deep"),
    ],
    ids=["2000-comments-in-from", "5000-nested-multiparts", "3000-nested-rfc822"],
)  # fmt: skip
def test_a_mail_that_crashed_the_parser_is_skipped_not_fatal(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    inbox(tmp_path, name, data)
    assert_skipped(tmp_path, build(tmp_path), f"inbox/{name}", reason)


def test_a_nested_rfc822_message_in_an_mbox_costs_only_that_message(tmp_path: Path) -> None:
    mbox = hostile.mbox_of(hostile.simple_mail(), hostile.nested_rfc822(3_000))
    inbox(tmp_path, "postfach.mbox", mbox)
    done = build(tmp_path)
    assert done.code == 0, done.describe()
    issue = issue_json(tmp_path / "out", DATE)
    files = {s["file"] for story in issue["stories"] for s in story["sources"]}
    assert "inbox/postfach.mbox" in files  # the harmless letter of the mailbox is read
    assert hostile.GOOD_TITLE in headlines(issue)


def test_a_file_name_that_is_not_utf8_is_read_and_labelled_safely(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    hostile.non_utf8_name(folder)
    done = build(tmp_path)
    assert done.code == 0, done.describe()
    issue = issue_json(tmp_path / "out", DATE)  # valid UTF-8 JSON
    files = {s["file"] for story in issue["stories"] for s in story["sources"]}
    # The undecodable byte is shown as ls -b would: the name stays true and printable.
    assert files == {"inbox/nachricht-\\xe4rger.txt"}


# --- High: tiny inputs exhaust memory ------------------------------------------------------


def test_a_yaml_alias_bomb_in_front_matter_is_skipped_quickly(tmp_path: Path) -> None:
    bomb = hostile.front_matter_bomb()
    assert len(bomb) < 1_500
    inbox(tmp_path, "bombe.md", bomb)
    done = build(tmp_path, seconds=12)
    reason = r"YAML front matter: aliases expand to more than 10,000 nodes"
    assert_skipped(tmp_path, done, "inbox/bombe.md", reason)
    assert done.seconds < 10


def test_a_jsonl_gz_unpacking_to_450_mb_of_empty_records_is_skipped(tmp_path: Path) -> None:
    data = hostile.empty_records_gz(450)
    assert len(data) < 500_000  # well inside max_input_bytes
    inbox(tmp_path, "nacht.jsonl.gz", data)
    done = build(tmp_path, seconds=20)
    assert_skipped(tmp_path, done, "inbox/nacht.jsonl.gz", r"holds more than 100,000 lines")
    assert done.seconds < 10


def test_a_from_header_of_1_4_mb_of_encoded_words_is_skipped(tmp_path: Path) -> None:
    inbox(tmp_path, "absender.eml", hostile.encoded_word_from(1_400_000))
    done = build(tmp_path, seconds=20)
    reason = r"mail header larger than 102,400 bytes \(From: 1,4\d\d,\d\d\d bytes\)"
    assert_skipped(tmp_path, done, "inbox/absender.eml", reason)


# --- Medium: quadratic parsing and no time limit -------------------------------------------


def test_20000_mime_parameters_are_skipped_at_once(tmp_path: Path) -> None:
    inbox(tmp_path, "parameter.eml", hostile.mime_parameters(20_000))
    done = build(tmp_path, seconds=15)
    reason = r"more than 100 parameters in one mail header \(Content-Type\)"
    assert_skipped(tmp_path, done, "inbox/parameter.eml", reason)
    assert done.seconds < 8


def test_100k_html_attributes_hit_the_per_file_time_limit(tmp_path: Path) -> None:
    inbox(tmp_path, "attribute.html", hostile.many_attributes(100_000))
    done = build(tmp_path, config="max_input_seconds: 2\n", seconds=25)
    assert_skipped(tmp_path, done, "inbox/attribute.html", r"took longer than 2 s")
    assert done.seconds < 15


# --- Medium: symlinks; Low: unreadable folders, output read back ---------------------------


def test_a_symlink_to_a_file_outside_the_inputs_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("Geheimes Passwort: Lindenblatt-4711\n\n" + hostile.GOOD_TEXT[:300], "utf-8")
    folder = inbox(tmp_path, "notiz.txt", "")
    (folder / "notiz.txt").unlink()
    (folder / "notiz.txt").symlink_to(secret)
    done = build(tmp_path)
    assert_skipped(tmp_path, done, "inbox/notiz.txt", r"links to a file outside the inputs")
    written = "".join(p.read_text("utf-8") for p in (tmp_path / "out").rglob("issue.*"))
    assert "Lindenblatt-4711" not in written


def test_a_symlink_inside_the_inputs_is_read_once(tmp_path: Path) -> None:
    folder = inbox(tmp_path, "kopie.txt", "")
    (folder / "kopie.txt").unlink()
    (folder / "kopie.txt").symlink_to(folder / "radweg.txt")
    done = build(tmp_path)
    assert done.code == 0, done.describe()
    issue = issue_json(tmp_path / "out", DATE)
    [story] = issue["stories"]
    assert [s["file"] for s in story["sources"]] == ["inbox/radweg.txt"]  # the file, not its link
    assert issue["skipped"] == []


def test_a_symlinked_folder_outside_the_inputs_is_not_walked(tmp_path: Path) -> None:
    elsewhere = tmp_path / "privat"
    hostile.write(elsewhere, "tagebuch.txt", "Privates Tagebuch\n\n" + hostile.GOOD_TEXT[200:])
    folder = inbox(tmp_path, "leer.txt", "")
    (folder / "leer.txt").unlink()
    (folder / "privat").symlink_to(elsewhere, target_is_directory=True)
    done = build(tmp_path)
    assert_skipped(tmp_path, done, "inbox/privat", r"links to a folder outside the inputs")


def test_an_unreadable_sub_folder_is_a_warning_and_fails_strict(tmp_path: Path) -> None:
    folder = inbox(tmp_path, "x.txt", hostile.GOOD_TEXT.replace("Radweg", "Fußweg"))
    locked = folder / "gesperrt"
    hostile.write(locked, "a.txt", hostile.GOOD_TEXT)
    locked.chmod(0o000)
    try:
        plain = build(tmp_path, unprivileged=True)
        strict = build(tmp_path, "--strict", unprivileged=True)
    finally:
        locked.chmod(0o755)
    assert plain.code == 0, plain.describe()
    assert "Warning: Skipping 'inbox/gesperrt': cannot read the folder: Permission denied\n" \
        in plain.stderr  # fmt: skip
    skipped = issue_json(tmp_path / "out", DATE)["skipped"]
    assert {"file": "inbox/gesperrt", "reason": "cannot read the folder: Permission denied"} \
        in skipped  # fmt: skip
    assert strict.code == 4, strict.describe()
    assert strict.stderr.endswith("Error: --strict: 1 input(s) skipped, nothing written\n")


def test_an_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    inbox(tmp_path, "seefest.txt", hostile.GOOD_TEXT.replace("Radweg", "Seefest"))
    config = "inputs: inbox\noutput: inbox/ausgabe\n"
    (tmp_path / "config.yaml").write_text(config, "utf-8")
    for _ in range(2):  # the second build would find the first one's files
        done = digest("build", "-c", "config.yaml", "--date", DATE, cwd=tmp_path)
        assert done.code == 0, done.describe()
    issue = issue_json(tmp_path / "inbox" / "ausgabe", DATE)
    files = {s["file"] for story in issue["stories"] for s in story["sources"]}
    assert files == {"inbox/radweg.txt", "inbox/seefest.txt"}
    assert issue["skipped"] == []
    assert "ausgabe" not in done.stderr


# --- the night as a whole ----------------------------------------------------------------


def test_run_still_sends_the_night_when_one_input_is_hostile(tmp_path: Path) -> None:
    from tests.smtp_server import PEOPLE, Mailbox, Server, config_text

    folder = inbox(tmp_path, "klammern.eml", hostile.parens_from(2_000))
    server = Server(Mailbox()).start()
    try:
        text = config_text(server.port, tmp_path / "out").replace(
            "inputs: ", f"inputs: {folder}\n#", 1
        )
        (tmp_path / "config.yaml").write_text(text, "utf-8")
        done = digest("run", "-c", "config.yaml", "--date", DATE, cwd=tmp_path)
        assert done.code == 0, done.describe()
        assert {p: len(server.mailbox.to(p)) for p in PEOPLE} == dict.fromkeys(PEOPLE, 1)
        assert "Warning: Skipping 'inbox/klammern.eml': comments nested more than 100 deep in " \
            "one mail header (From)\n" in done.stderr  # fmt: skip
    finally:
        server.stop()
