"""Who gets the issue: ``mail.to`` and ``mail.to_file``, every bad entry reported at once."""

from __future__ import annotations

from pathlib import Path

from digest.config import Config
from digest.errors import ConfigError
from digest.send.message import Recipient, parse_recipient


def recipients(config: Config) -> list[Recipient]:
    """Return ``mail.to`` and ``mail.to_file`` without duplicates; report every bad entry."""
    label = str(config.path or "config")
    found: list[Recipient] = []
    problems: list[str] = []
    for i, value in enumerate(config.mail.to):
        _take(value, f"{label}: mail.to[{i}]", found, problems)
    if config.mail.to_file:
        for where, value in _file_lines(config.mail.to_file, problems):
            _take(value, where, found, problems)
    if problems:
        raise ConfigError(problems)
    if not found:
        raise ConfigError([f"{label}: mail.to: no recipients; set mail.to or mail.to_file"])
    unique = {r.key: r for r in reversed(found)}
    return [r for r in found if unique.pop(r.key, None)]


def _take(value: str, where: str, found: list[Recipient], problems: list[str]) -> None:
    try:
        found.append(parse_recipient(value))
    except ValueError as exc:
        problems.append(f"{where}: {value!r} {exc}")


def _file_lines(path: Path, problems: list[str]) -> list[tuple[str, str]]:
    """Return (``file: line N``, text) for each address line; '#' starts a comment line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read the recipients file (mail.to_file): {exc}")
        return []
    lines = [(f"{path}: line {n}", line.strip()) for n, line in enumerate(text.splitlines(), 1)]
    return [(where, line) for where, line in lines if line and not line.startswith("#")]
