"""End-to-end tests of `digest build` through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest import __version__
from digest.cli import cli
from digest.exitcodes import ExitCode
from tests.conftest import EXAMPLES


def test_build_writes_the_issue_files_and_prints_the_folder(invoke, tmp_path: Path) -> None:
    result = invoke("build", "-i", EXAMPLES, "-o", tmp_path, "--date", "2026-03-13")
    folder = tmp_path / "2026-03-13"
    assert result.exit_code == ExitCode.OK
    assert result.stdout == f"{folder}\n"
    # The email (issue.html), its plaintext, the JSON and the web version with every story.
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["index.html", "issue.html", "issue.json", "issue.txt"]
    issue = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
    assert issue["date"] == "2026-03-13"
    assert issue["locale"] == "de_DE"
    assert issue["skipped"] == []
    assert set(issue) == {"date", "locale", "title", "stories", "items", "skipped"}
    story = issue["stories"][0]
    # The contract's keys, and those added since: a story's section, opinion mark, follow-up.
    assert set(story) == {
        "headline", "kicker", "summary", "body", "sources", "section", "opinion", "follows"
    }
    assert set(story["sources"][0]) == {"name", "file", "title", "url", "published", "authors"}


def test_the_story_most_outlets_report_leads(invoke, tmp_path: Path) -> None:
    invoke("build", "-i", EXAMPLES, "-o", tmp_path, "--date", "2026-03-13")
    issue = json.loads((tmp_path / "2026-03-13" / "issue.json").read_text(encoding="utf-8"))
    outlets = [len({r["name"] for r in s["sources"]}) for s in issue["stories"]]
    assert outlets[0] == max(outlets) > 1


def test_default_date_is_today_in_the_configured_timezone(invoke, write_config, tmp_path) -> None:
    config = write_config("timezone: Pacific/Kiritimati\n")
    result = invoke("build", "-c", config, "-i", EXAMPLES, "-o", tmp_path / "out")
    today = dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    assert result.stdout.strip() == str(tmp_path / "out" / today)


def test_config_inputs_and_output_are_used_when_no_flags_are_given(invoke, write_config) -> None:
    config = write_config(f"inputs: ['{EXAMPLES}']\noutput: issues\n")
    result = invoke("build", "-c", config, "--date", "2026-03-13")
    assert result.exit_code == ExitCode.OK
    assert (config.parent / "issues" / "2026-03-13" / "issue.html").is_file()


def test_a_missing_input_path_is_an_error_naming_it(invoke, tmp_path: Path) -> None:
    result = invoke("build", "-i", tmp_path / "nope", "-o", tmp_path)
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr == f"Error: input path '{tmp_path / 'nope'}' does not exist\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("leer.txt", b"", "empty file"),
        ("leer2.txt", b" \n\n \t\n", "empty file"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        ("tabelle.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx' (known: .eml, .htm, "
         ".html, .jsonl, .mbox, .md, .txt, each also as .gz; RSS and Atom feeds by their "
         "content)"),
    ],
)  # fmt: skip
def test_unusable_files_are_skipped_with_a_warning(invoke, tmp_path, name, content, reason) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "gut.txt").write_text("Ein Titel\n\nEin kurzer Text über die Stadt.\n", "utf-8")
    (inbox / name).write_bytes(content)
    result = invoke("build", "-i", inbox, "-o", tmp_path / "out", "--date", "2026-01-02")
    assert result.exit_code == ExitCode.OK
    label = str(inbox / name)
    assert f"Warning: Skipping '{label}': {reason}\n" in result.stderr
    issue = json.loads((tmp_path / "out" / "2026-01-02" / "issue.json").read_text("utf-8"))
    assert issue["skipped"] == [{"file": label, "reason": reason}]


def test_a_file_over_the_size_limit_is_skipped(invoke, write_config, tmp_path) -> None:
    config = write_config("max_input_bytes: 100\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "lang.txt").write_text("Titel\n\n" + "Wort " * 100, "utf-8")
    (inbox / "kurz.txt").write_text("Titel\n\nKurz.", "utf-8")
    out = tmp_path / "o"
    result = invoke("build", "-c", config, "-i", inbox, "-o", out, "--date", "2026-01-02")
    assert f"Warning: Skipping '{inbox / 'lang.txt'}': file too large (507 bytes, limit 100)" in (
        result.stderr
    )


def test_a_json_lines_file_may_pass_the_limit_but_not_its_hundredfold(
    invoke, write_config, tmp_path
) -> None:
    config = write_config("max_input_bytes: 100\n")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    line = json.dumps(
        {"title": "Titel", "text": "Ein kurzer Text über die Stadt.", "source": "Stadtblatt"}
    )
    (inbox / "nacht.jsonl").write_text((line + "\n") * 50, "utf-8")
    (inbox / "woche.jsonl").write_text((line + "\n") * 200, "utf-8")
    out = tmp_path / "o"
    result = invoke("build", "-c", config, "-i", inbox, "-o", out, "--date", "2026-01-02")
    size = (inbox / "woche.jsonl").stat().st_size
    assert result.stderr == (
        f"Warning: Skipping '{inbox / 'woche.jsonl'}': file too large ({size:,} bytes, "
        "limit 10,000)\n"
    )
    issue = json.loads((out / "2026-01-02" / "issue.json").read_text("utf-8"))
    assert [s["file"] for s in issue["stories"][0]["sources"]] == [str(inbox / "nacht.jsonl")]
    assert [s["file"] for s in issue["skipped"]] == [str(inbox / "woche.jsonl")]


def test_strict_fails_on_a_skipped_file_and_writes_nothing(invoke, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "gut.txt").write_text("Titel\n\nText.", "utf-8")
    (inbox / "leer.txt").write_text("", "utf-8")
    result = invoke("build", "--strict", "-i", inbox, "-o", tmp_path / "out")
    assert result.exit_code == ExitCode.INPUT_ERROR
    assert result.stderr.endswith(
        "Error: --strict: 1 input(s) skipped, nothing written\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_failing_render_leaves_no_half_issue(invoke, tmp_path: Path, monkeypatch) -> None:
    import digest.build

    def boom(*args: object) -> None:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(digest.build, "render", boom)
    with pytest.raises(RuntimeError):
        invoke("build", "-i", EXAMPLES, "-o", tmp_path, "--date", "2026-03-13")
    assert not (tmp_path / "2026-03-13").exists() or not any((tmp_path / "2026-03-13").iterdir())


def test_rebuilding_replaces_the_issue_without_temp_files(invoke, tmp_path: Path) -> None:
    for _ in range(2):
        invoke("build", "-i", EXAMPLES, "-o", tmp_path, "--date", "2026-03-13")
    names = sorted(p.name for p in (tmp_path / "2026-03-13").iterdir())
    assert names == ["index.html", "issue.html", "issue.json", "issue.txt"]


def test_version(invoke) -> None:
    assert invoke("--version").stdout == f"digest, version {__version__}\n"


def test_every_command_has_help_with_an_example(invoke) -> None:
    assert "Example:" in invoke("--help").stdout
    for name in cli.commands:
        result = invoke(name, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout, name
        assert "digest " + name in result.stdout, name


def test_quiet_hides_warnings_and_verbose_says_more(invoke, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Titel\n\nText.", "utf-8")
    (inbox / "leer.txt").write_text("", "utf-8")
    quiet = invoke("build", "-q", "-i", inbox, "-o", tmp_path / "o", "--date", "2026-01-02")
    assert quiet.stderr == ""
    loud = invoke("build", "-v", "-i", inbox, "-o", tmp_path / "o", "--date", "2026-01-02")
    assert "Wrote " in loud.stderr


def _run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digest", *args], cwd=cwd, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip


def test_errors_are_one_line_without_traceback_unless_verbose(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("smtp:\n  port: abc\n", "utf-8")
    result = _run_module("build", cwd=tmp_path)
    assert result.returncode == ExitCode.CONFIG_ERROR
    assert result.stderr == "Error: config.yaml: smtp.port: expected an integer, got 'abc'\n"
    verbose = _run_module("build", "-v", cwd=tmp_path)
    assert "Traceback" in verbose.stderr
    assert verbose.returncode == ExitCode.CONFIG_ERROR


def test_an_input_url_of_another_scheme_is_a_usage_error(invoke) -> None:
    result = invoke("build", "-i", "ftp://example.org/nachrichten.xml")
    assert result.exit_code == ExitCode.USAGE
    assert "Invalid value for '-i' / '--input': unsupported URL scheme 'ftp://' (use a path, " \
        "http(s):// or imap(s)://)" in result.stderr  # fmt: skip


def test_fetch_progress_shows_on_a_terminal_only(monkeypatch, capsys) -> None:
    from digest.cli import progress

    assert progress() is None  # under cron (or pytest) stderr is no terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((41, 24)))
    show = progress()
    assert show is not None
    show(1, 2, "https://www.tagesschau.de/xml/rss2/")
    show(2, 2, "https://www.heise.de/rss/heise-atom.xml")
    line = "Fetching 1/2: https://www.tagesschau.de…"  # cut to the 40 columns
    assert capsys.readouterr().err == f"\r{line}\r{' ' * 40}\r"
