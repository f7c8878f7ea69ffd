"""The orchestrator: the stages of a build in order, and the nightly build-and-send.

sources (where inputs come from) → readers (bytes to documents) → parse (documents to
articles) → dedup (groups of the same event) → merge (one story per group) → render
(HTML, plaintext, JSON, archive) → send. Every source is gathered and read before anything
is rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digest import dedup, merge, sources
from digest.config import Config, InputSpec
from digest.dedup.memory import Memory
from digest.errors import SkipFile
from digest.fsutil import atomic_write, remove_stale_temps
from digest.i18n import translations
from digest.merge.followup import mark_followups
from digest.models import Article, Issue, Skipped
from digest.parse import parse_input
from digest.readers import read_bytes
from digest.render import render, subject
from digest.render.archive import update_archive
from digest.render.credits import with_body
from digest.send import SendReport, delivery_started, issue_folder, recipients, send_locked
from digest.send.lock import run_lock
from digest.send.run import Sleep
from digest.state import state_folder

log = logging.getLogger(__name__)

HTTP_CACHE = "http"  # the conditional-GET cache, inside the private state folder


def today(config: Config) -> dt.date:
    """Return today's date in the configured timezone."""
    return dt.datetime.now(config.tz).date()


def build_issue(
    config: Config, *, inputs: Sequence[InputSpec | Path] | None = None,
    date: dt.date | None = None,
    memory: bool = False, progress: sources.Progress | None = None,
) -> Issue:  # fmt: skip
    """Read every input, group the articles by event and merge each group into one story.

    With ``memory``, what an issue of an earlier date carried is left out and a story that
    returns is marked as its follow-up (the state database is read, never written here);
    ``progress`` reports fetches (on a terminal). A plain path in ``inputs`` is a path input.
    """
    date = date or today(config)
    specs = as_specs(inputs) if inputs is not None else config.inputs
    remembered = Memory.open(config, date) if memory else None
    try:
        options = sources.Options(
            max_bytes=config.max_input_bytes, outlets=config.outlets,
            cache_dir=_cache_dir(config, specs), since=_since(config, date),
            known=remembered.knows if remembered else None, progress=progress,
        )  # fmt: skip
        articles, skipped = read_all(specs, options)
        articles = recent(articles, config, date)
        if remembered:
            articles = remembered.leave_out(articles)
        grouping = dedup.group(articles, config.dedup)
        stories = merge.merge_groups(articles, grouping, config.dedup)
        if remembered:
            stories = mark_followups(stories, remembered.told(), config.dedup)
    finally:
        if remembered:
            remembered.close()
    # The credit label is written into story bodies, so it takes the issue's language here.
    label = translations(config.locale).gettext("According to {name}")
    stories = merge.rank([with_body(story, label) for story in stories])
    return Issue(
        date=date,
        locale=config.locale,
        title=config.title,
        stories=stories,
        items=grouping.items,
        skipped=skipped,
    )


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
            articles.extend(read_input(item, options.max_bytes))
        except SkipFile as exc:
            log.warning("Skipping '%s': %s", item.name, exc)
            skipped.append(Skipped(file=item.name, reason=str(exc)))
    return articles, skipped


def read_input(item: sources.Input, max_bytes: int) -> list[Article]:
    """Read one input into articles; raise ``SkipFile`` with the reason if it is unusable.

    Each article names the input it came from and is given its keys for the memory
    across issues before an outlet rule may replace its URL with the outlet's.
    """
    documents = read_bytes(item.load(), item.name, max_bytes, item.kind)
    documents = [
        replace(d, source=replace(d.source, file=item.file, url=d.source.url or item.url))
        for d in documents
    ]
    articles = [replace(a, keys=a.own_keys()) for a in parse_input(documents)]
    rule = item.outlet
    if rule is None:
        return articles
    return [
        replace(a, source=replace(a.source, name=rule.name, url=a.source.url or rule.url))
        for a in articles
    ]


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


def write_issue(
    issue: Issue, config: Config, output: Path | None = None, *, remember: bool = False
) -> Path:
    """Render ``issue`` and write issue.html, issue.txt and issue.json; return the folder.

    ``remember`` records what the issue carries in the memory across issues (replacing
    what an earlier build of its date recorded).
    """
    folder = (output or config.output) / issue.date.isoformat()
    rendered = render(issue, config)
    remove_stale_temps(folder)
    # JSON last: its presence marks a complete issue for `send` and the archive.
    atomic_write(folder / "issue.html", rendered.html)
    atomic_write(folder / "issue.txt", rendered.text)
    document = json.dumps(issue.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / "issue.json", document)
    if remember:
        remembered = Memory.open(config, issue.date, write=True)
        try:
            remembered.record(issue)
        finally:
            remembered.close()
    update_archive(folder.parent, config)
    log.info("Wrote %s (%s bytes of HTML)", folder, f"{len(rendered.html.encode()):,}")
    return folder


def build_and_send(
    config: Config, date: dt.date, inputs: Sequence[InputSpec | Path], *, memory: bool = True,
    progress: sources.Progress | None = None, sleep: Sleep = time.sleep,
) -> SendReport:  # fmt: skip
    """Build the issue, then send it; one run at a time per output folder (the cron job)."""
    with run_lock(config.output):
        folder = issue_folder(config, date)
        if delivery_started(config, date) and (folder / "issue.json").is_file():
            # Everyone must get the same issue: never rebuild one that already went out.
            log.info("%s: delivery already started; sending the issue built then", folder)
        else:
            issue = build_issue(config, inputs=inputs, date=date, memory=memory,
                                progress=progress)  # fmt: skip
            write_issue(issue, config, remember=True)
            if not issue.stories and not issue.items:
                return SendReport(subject(issue), date, len(recipients(config)), empty=True)
        return send_locked(config, date, resend_uncertain=False, sleep=sleep)
