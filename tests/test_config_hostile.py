"""Issue 22, config: hostile or careless values get a clear config error, never a crash.

``digest build -c config.yaml`` runs as its own process under a memory and time cap; the
expected output is the one-line ``Error: <file>: <key>: expected …, got …`` the README
promises, with exit code 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import hostile
from tests.bounded import Finished, digest


def build_with(tmp_path: Path, text: str, **caps: float) -> Finished:
    """Write ``text`` (after a harmless inputs/output pair) as config.yaml and build."""
    hostile.write(tmp_path / "inbox", "radweg.txt", hostile.GOOD_TEXT)
    config = "inputs: inbox\noutput: out\n" + text
    (tmp_path / "config.yaml").write_text(config, "utf-8")
    return digest("build", "-c", "config.yaml", "--date", "2025-12-03", cwd=tmp_path, **caps)


def assert_config_error(done: Finished, line: str) -> None:
    assert done.code == 3, done.describe()
    assert done.stderr == f"Error: config.yaml: {line}\n"


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("smtp", "timeout", ".nan", "a finite positive number"),
        ("smtp", "timeout", ".inf", "a finite positive number"),
        ("smtp", "timeout", "-1", "a finite positive number"),
        ("delivery", "backoff", ".nan", "a finite number of 0 or more"),
        ("dedup", "date_window_days", ".nan", "a finite number of 0 or more"),
    ],
)  # fmt: skip
def test_nan_and_infinite_numbers_are_config_errors(
    tmp_path: Path, section: str, key: str, value: str, expected: str
) -> None:
    done = build_with(tmp_path, f"{section}:\n  {key}: {value}\n")
    got = {".nan": "nan", ".inf": "inf"}.get(value, value)
    assert_config_error(done, f"{section}.{key}: expected {expected}, got {got}")


@pytest.mark.parametrize(
    ("key", "yaml", "shown"),
    [("title", '"Der\\0Digest"', "'Der\\x00Digest'"),
     ("title", '"Der \\e[31mDigest"', "'Der \\x1b[31mDigest'"),
     ("mail.list_id", '"Digest \\e]8;;https://evil.example\\a"',
      "'Digest \\x1b]8;;https://evil.example\\x07'")],
)  # fmt: skip
def test_control_characters_in_header_values_are_config_errors(
    tmp_path: Path, key: str, yaml: str, shown: str
) -> None:
    section, _, name = key.rpartition(".")
    text = f"{section}:\n  {name}: {yaml}\n" if section else f"{name}: {yaml}\n"
    done = build_with(tmp_path, text)
    assert_config_error(
        done, f"{key}: expected a single line without control characters, got {shown}"
    )


@pytest.mark.parametrize(
    "value",
    ["https://lindenau.example/abmelden>,<mailto:chef@evil.example",
     "mailto:abmelden@lindenau.example>, <https://evil.example/",  # refused already: a space
     "https://lindenau.example/ab<melden"],
)  # fmt: skip
def test_a_second_target_cannot_be_injected_through_list_unsubscribe(
    tmp_path: Path, value: str
) -> None:
    done = build_with(tmp_path, f'mail:\n  list_unsubscribe: "{value}"\n')
    assert_config_error(
        done, f"mail.list_unsubscribe: expected an https:// or mailto: URL, got {value!r}"
    )


def test_a_yaml_alias_bomb_in_the_config_is_a_config_error_at_once(tmp_path: Path) -> None:
    done = build_with(tmp_path, f"sources: {hostile.yaml_bomb_value()}\n", seconds=12)
    assert_config_error(done, "invalid YAML: aliases expand to more than 10,000 nodes")
    assert done.seconds < 5


def test_an_alias_used_a_few_times_is_still_fine(tmp_path: Path) -> None:
    text = (
        "sources:\n  - &bote {match: 'bote-*', name: Lindenauer Bote}\n"
        "  - {match: 'lb-*', name: Lindenauer Bote}\n"
        "dedup: &d {threshold: 0.4}\n"
    )
    done = build_with(tmp_path, text)
    assert done.code == 0, done.describe()
