"""Collect input files from paths and read each into articles, skipping unusable ones."""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from digest.config import DEFAULT_MAX_INPUT_BYTES, SourceRule
from digest.errors import InputError, SkipFile
from digest.models import Article, Skipped, Source
from digest.readers import read_bytes, size_limit
from digest.topics import split_all

log = logging.getLogger(__name__)


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


def load_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, rules: Iterable[SourceRule] = ()
) -> list[Article]:
    """Read one file into articles; raise ``SkipFile`` with the reason if it is unusable."""
    name = label(path)
    limit = size_limit(path.name, max_bytes)
    try:
        size = path.stat().st_size
        if size > limit:
            raise SkipFile(f"file too large ({size:,} bytes, limit {limit:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from None
    # A newsletter's topics are stories.
    articles = split_all(read_bytes(data, name, max_bytes))
    rule = _rule_for(path, rules)
    if rule is None:
        return articles
    return [replace(a, source=_named(a.source, rule)) for a in articles]


def load_all(
    paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    rules: Iterable[SourceRule] = (),
) -> tuple[list[Article], list[Skipped]]:  # fmt: skip
    """Read every file under ``paths``; unusable files are logged and returned as skipped."""
    rules = list(rules)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in collect(paths):
        try:
            articles.extend(load_file(path, max_bytes=max_bytes, rules=rules))
        except SkipFile as exc:
            log.warning("Skipping '%s': %s", label(path), exc)
            skipped.append(Skipped(file=label(path), reason=str(exc)))
    return articles, skipped


def _rule_for(path: Path, rules: Iterable[SourceRule]) -> SourceRule | None:
    text = path.as_posix()
    for rule in rules:
        if fnmatch.fnmatch(path.name, rule.match) or fnmatch.fnmatch(text, rule.match) or \
                fnmatch.fnmatch(text, f"*/{rule.match}"):
            return rule
    return None


def _named(source: Source, rule: SourceRule) -> Source:
    return replace(source, name=rule.name, url=rule.url or source.url)
