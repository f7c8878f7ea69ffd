"""The public facade: the few functions users, tests and benchmarks script against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digest import dedup
from digest.build import build_issue as _build_issue
from digest.collect import name_unknown, read_input
from digest.config import DEFAULT_MAX_INPUT_BYTES, Config, DedupConfig, load_config
from digest.config.inputs import parse_string
from digest.dedup.vectors import process_semantic
from digest.errors import SkipFile
from digest.i18n import translations
from digest.models import Article, Issue, IssueItem, Item, Skipped, Source, SourceRef, Story
from digest.parse import parse_documents
from digest.readers import read_bytes
from digest.sources import file_input
from digest.sources.outlets import name_outlet

__all__ = [
    "Article", "Config", "Issue", "IssueItem", "Item", "SkipFile", "Skipped", "Source",
    "SourceRef", "Story", "build_issue", "cluster", "load", "load_config", "parse", "similarity",
]  # fmt: skip


def parse(data: str | bytes, *, filename: str) -> Article:
    """Parse one input; ``filename``'s suffix picks the reader. Raises ``SkipFile``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    article = parse_documents(read_bytes(raw, filename))[0]
    return _named([replace(article, source=name_outlet(article.source, (), None))])[0]


def load(path: str | Path) -> list[Article]:
    """Read every article in the file at ``path`` (a JSON-lines file holds several)."""
    return _named(read_input(file_input(Path(path)), DEFAULT_MAX_INPUT_BYTES))


def _named(articles: list[Article]) -> list[Article]:
    """Label articles of an unknown outlet as the default-language issue would (no warning)."""
    label = translations(Config().locale).gettext("Source {number}")
    return name_unknown(articles, label, warn=False)


def similarity(a: Article, b: Article) -> float:
    """Return how likely ``a`` and ``b`` report the same story, in [0, 1].

    Symmetric. By their words and the bundled sentence model's cosine (``dedup.embedder``'s
    default; the words alone where it is missing): from ``dedup.threshold`` (0.35) on, a
    pair is one story as ``cluster`` would make it, unless one of them is a piece about
    the news (a commentary, an interview: ``cluster`` keeps those apart).
    """
    return dedup.similarity(a, b, process_semantic(DedupConfig()))


def cluster(articles: Sequence[Article]) -> list[list[int]]:
    """Group the indices of ``articles`` by story, as a build with the defaults would."""
    settings = DedupConfig()
    return dedup.cluster(list(articles), settings, process_semantic(settings))


def build_issue(
    config: Config | str | Path | None = None,
    *,
    inputs: Sequence[str | Path] | None = None,
    date: dt.date | None = None,
) -> Issue:
    """Build the issue from ``inputs`` (default: the config's) without writing anything.

    ``inputs`` are paths or URLs as ``digest build -i`` takes them. The memory of earlier
    issues is not consulted: the same inputs give the same issue.
    """
    if not isinstance(config, Config):
        config = load_config(Path(config) if config is not None else None)
    specs = [parse_string(str(p), Path.cwd()) for p in inputs] if inputs is not None else None
    return _build_issue(config, inputs=specs, date=date)
