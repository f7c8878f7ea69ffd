"""Files and folders: the files and Maildirs under an input path, and one file's bytes."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

from digest.config import OutletRule
from digest.errors import InputError, SkipFile
from digest.sources.kinds import size_limit
from digest.sources.maildir import is_maildir, split_maildirs


def collect(path: Path) -> tuple[list[Path], list[Path]]:
    """Return the files and the Maildirs under ``path`` (folders read recursively), sorted.

    Hidden files and folders are left out; a Maildir is not entered (its messages are
    read as a mailbox). Raise ``InputError`` if ``path`` does not exist.
    """
    if is_maildir(path):
        return [], [path]
    if path.is_dir():
        maildirs, files = split_maildirs(path)
        return files, maildirs
    if path.is_file():
        return [path], []
    raise InputError(f"input path '{path}' does not exist")


def read_file(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of ``path``; raise ``SkipFile`` if it is too large or unreadable."""
    limit = size_limit(path.name, max_bytes)
    try:
        size = path.stat().st_size
        if size > limit:
            raise SkipFile(f"file too large ({size:,} bytes, limit {limit:,})")
        return path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None


def rule_for(path: Path, rules: Iterable[OutletRule]) -> OutletRule | None:
    """Return the first outlet rule whose glob matches ``path``'s name or path, if any."""
    text = path.as_posix()
    for rule in rules:
        if fnmatch.fnmatch(path.name, rule.match) or fnmatch.fnmatch(text, rule.match) or \
                fnmatch.fnmatch(text, f"*/{rule.match}"):
            return rule
    return None
