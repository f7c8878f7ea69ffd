"""One night's articles: the first stages for every input, then the window and the memory.

sources (``gather``: paths, feeds, mailboxes) → readers (bytes to documents) → parse
(documents to articles, outlets named); then articles older than ``max_age_days`` and,
with the memory, what an earlier issue carried are left out, and inputs that name no
outlet get a neutral label. ``build.build_issue`` calls ``collect`` as its first stage.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digest import sources
from digest.config import Config, InputSpec, OutletRule
from digest.dedup.memory import Memory
from digest.errors import SkipFile
from digest.i18n import translations
from digest.models import Article, Skipped
from digest.parse import parse_input
from digest.readers import read_bytes
from digest.sources.outlets import label_unknown, name_outlet
from digest.state import state_folder

log = logging.getLogger(__name__)

HTTP_CACHE = "http"  # the conditional-GET cache, inside the private state folder


def collect(
    config: Config, inputs: Sequence[InputSpec | Path] | None, date: dt.date,
    memory: Memory | None = None, progress: sources.Progress | None = None,
) -> tuple[list[Article], list[Skipped]]:  # fmt: skip
    """Return the night's articles from ``inputs`` (default: the config's) and the skips.

    A plain path in ``inputs`` is a path input; ``progress`` reports fetches.
    """
    specs = as_specs(inputs) if inputs is not None else config.inputs
    options = sources.Options(
        max_bytes=config.max_input_bytes, outlets=config.outlets,
        cache_dir=_cache_dir(config, specs), since=_since(config, date),
        known=memory.knows if memory else None, progress=progress,
    )  # fmt: skip
    articles, skipped = read_all(specs, options)
    articles = recent(articles, config, date)
    if memory:
        articles = memory.leave_out(articles)
    # Only the inputs whose articles reach the issue need a name, and a warning.
    return name_unknown(articles, translations(config.locale).gettext("Source {number}")), skipped


def as_specs(inputs: Sequence[InputSpec | Path]) -> list[InputSpec]:
    """Return ``inputs`` as specs: a plain path is a path input."""
    return [i if isinstance(i, InputSpec) else InputSpec("path", str(i.absolute())) for i in inputs]


def read_all(
    specs: Sequence[InputSpec], options: sources.Options
) -> tuple[list[Article], list[Skipped]]:
    """Read every input of ``specs``; an unusable one is logged and returned as skipped."""
    found = sources.gather(specs, options)
    articles: list[Article] = []
    skipped = list(found.skipped)
    for item in found.inputs:
        try:
            articles.extend(read_input(item, options.max_bytes, options.outlets))
        except SkipFile as exc:
            log.warning("Skipping '%s': %s", item.name, exc)
            skipped.append(Skipped(file=item.name, reason=str(exc)))
    return articles, skipped


def read_input(
    item: sources.Input, max_bytes: int, rules: Sequence[OutletRule] = ()
) -> list[Article]:
    """Read one input into articles; raise ``SkipFile`` with the reason if it is unusable.

    Each article names the input it came from and is given its keys for the memory
    across issues before an outlet rule may replace its URL with the outlet's; its outlet
    is named by the rules, the input, the table of known outlets or the page itself.
    """
    documents = read_bytes(item.load(), item.name, max_bytes, item.kind)
    documents = [
        replace(d, source=replace(d.source, file=item.file, url=d.source.url or item.url))
        for d in documents
    ]
    articles = [replace(a, keys=a.own_keys()) for a in parse_input(documents)]
    return [replace(a, source=name_outlet(a.source, rules, item.outlet)) for a in articles]


def name_unknown(articles: Sequence[Article], label: str, *, warn: bool = True) -> list[Article]:
    """Give the articles whose outlet nobody named a neutral label; warn once per input."""
    labels = label_unknown([a.source for a in articles], label)
    for file, shown in labels.items() if warn else ():
        log.warning(
            "'%s': no outlet name found (no site name, sender, source field or known domain); "
            "shown as '%s'. Name it with a 'sources' rule in config.yaml", file, shown,
        )  # fmt: skip
    return [
        replace(a, source=replace(a.source, name=labels[a.source.file])) if not a.source.name
        else a for a in articles
    ]  # fmt: skip


def recent(articles: Sequence[Article], config: Config, date: dt.date) -> list[Article]:
    """Leave out articles published more than ``max_age_days`` before ``date``; keep undated."""
    if config.max_age_days is None:
        return list(articles)
    start = dt.datetime.combine(date, dt.time(), config.tz) - dt.timedelta(config.max_age_days)
    kept = [a for a in articles if a.published is None or _aware(a.published, config) >= start]
    if len(kept) < len(articles):
        log.info("Left out %d of %d articles published before %s (max_age_days: %g)",
                 len(articles) - len(kept), len(articles), start.date(), config.max_age_days)
        if not kept:
            log.warning("Every article was published before %s (max_age_days: %g): give "
                        "--date or set max_age_days: null", start.date(), config.max_age_days)
    return kept


def _aware(when: dt.datetime, config: Config) -> dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=config.tz)


def _since(config: Config, date: dt.date) -> dt.date | None:
    """Return the first day a mailbox is searched from (IMAP counts whole days)."""
    if config.max_age_days is None:
        return None
    return date - dt.timedelta(days=int(-(-config.max_age_days // 1)))


def _cache_dir(config: Config, specs: Sequence[InputSpec]) -> Path | None:
    """Return the HTTP cache folder if any input is fetched over HTTP (else create nothing)."""
    if not any(s.kind == "feed" for s in specs):
        return None
    return state_folder(config) / HTTP_CACHE
