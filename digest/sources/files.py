"""Files and folders: collect the files under the input paths and read one, within its limit."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

from digest.config import OutletRule
from digest.errors import InputError, SkipFile
from digest.sources.kinds import size_limit


def collect(paths: Iterable[Path]) -> list[Path]:
    """Return the files under ``paths`` (folders read recursively), sorted, without hidden files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if _visible_file(p, path))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"input path '{path}' does not exist")
    return list(dict.fromkeys(files))


def _visible_file(path: Path, root: Path) -> bool:
    return path.is_file() and not any(p.startswith(".") for p in path.relative_to(root).parts)


def label(path: Path) -> str:
    """Name ``path`` as the user knows it: relative to the working folder when inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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
