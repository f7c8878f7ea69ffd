"""Files: one file's bytes within the size limit, and the outlet rule its path matches.

Which files an input path holds is ``digest.sources.walk``'s question.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

from digest.config import OutletRule
from digest.errors import SkipFile
from digest.sources.kinds import is_gzipped, size_limit


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


def file_size(path: Path, max_bytes: int) -> int:
    """Return about how many bytes ``path`` holds, decompressed, within its size limit.

    A gzip file states its decompressed size (modulo 4 GiB) in its last four bytes; it is
    only an estimate (a file may lie), so it never counts past the file's limit.
    """
    try:
        size = path.stat().st_size
        if not is_gzipped(path.name) or size < 18:
            return size
        with path.open("rb") as f:
            f.seek(-4, 2)
            stated = int.from_bytes(f.read(4), "little")
    except OSError:
        return 0
    return max(size, min(stated, size_limit(path.name, max_bytes)))


def rule_for(path: Path, rules: Iterable[OutletRule]) -> OutletRule | None:
    """Return the first outlet rule whose glob matches ``path``'s name or path, if any."""
    text = path.as_posix()
    for rule in rules:
        if fnmatch.fnmatch(path.name, rule.match) or fnmatch.fnmatch(text, rule.match) or \
                fnmatch.fnmatch(text, f"*/{rule.match}"):
            return rule
    return None
