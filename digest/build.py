"""The orchestrator: the stages of a build in order, and the nightly build-and-send.

sources (where inputs come from) → readers (bytes to documents) → parse (documents to
articles) → dedup (groups of the same event) → merge (one story per group) → rank (order
by importance, file into sections) → render (HTML, plaintext, JSON, archive) → send. Every
source is gathered and read before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from digest import dedup, merge, rank, sources
from digest.config import Config, OutletRule
from digest.errors import SkipFile
from digest.fsutil import atomic_write, publish_folder, remove_stale_temps
from digest.i18n import translations
from digest.models import Article, Issue, Skipped
from digest.parse import parse_input
from digest.readers import read_bytes
from digest.render import render, subject
from digest.render.archive import update_archive
from digest.render.credits import with_body
from digest.render.layout import WEB_PAGE
from digest.send import SendReport, delivery_started, issue_folder, recipients, send_locked
from digest.send.lock import run_lock
from digest.send.run import Sleep
from digest.sources.outlets import label_unknown, name_outlet
from digest.state import state_folder

log = logging.getLogger(__name__)


def today(config: Config) -> dt.date:
    """Return today's date in the configured timezone."""
    return dt.datetime.now(config.tz).date()


def build_issue(
    config: Config, *, inputs: Sequence[Path] | None = None, date: dt.date | None = None
) -> Issue:
    """Read every input, group the articles by event and merge each group into one story."""
    articles, skipped = read_all(inputs if inputs is not None else config.inputs, config)
    grouping = dedup.group(articles, config.dedup)
    stories = merge.merge_groups(articles, grouping, config.dedup)
    # Labels written into the issue (credits, section names) take the issue's language here.
    gettext = translations(config.locale).gettext
    label = gettext("According to {name}")
    stories = [with_body(story, label) for story in stories]
    groups = [[articles[i] for i in group] for group in grouping.groups]
    date = date or today(config)
    sections = rank.sections_for(config.sections, gettext)
    stories = rank.rank(stories, groups, sections, rank.reference_time(date, config.tz))
    return Issue(
        date=date,
        locale=config.locale,
        title=config.title,
        stories=stories,
        items=grouping.items,
        skipped=skipped,
    )


def read_all(paths: Sequence[Path], config: Config) -> tuple[list[Article], list[Skipped]]:
    """Read every input under ``paths``; an unusable one is logged and returned as skipped."""
    found = sources.gather(paths, max_bytes=config.max_input_bytes, outlets=config.outlets)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in found:
        try:
            articles.extend(read_input(item, config.max_input_bytes, config.outlets))
        except SkipFile as exc:
            log.warning("Skipping '%s': %s", item.name, exc)
            skipped.append(Skipped(file=item.name, reason=str(exc)))
    return name_unknown(articles, translations(config.locale).gettext("Unknown source")), skipped


def read_input(
    item: sources.Input, max_bytes: int, rules: Sequence[OutletRule] = ()
) -> list[Article]:
    """Read one input into articles with their outlets named; raise ``SkipFile`` if unusable."""
    articles = parse_input(read_bytes(item.load(), item.name, max_bytes))
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


def write_issue(issue: Issue, config: Config, output: Path | None = None) -> Path:
    """Render ``issue`` and write issue.html, issue.txt and issue.json; return the folder."""
    folder = (output or config.output) / issue.date.isoformat()
    rendered = render(issue, config)
    for public in (folder.parent, folder):  # published as they are: readable, whatever the umask
        publish_folder(public)
    remove_stale_temps(folder)
    # JSON last: its presence marks a complete issue for `send` and the archive.
    atomic_write(folder / "issue.html", rendered.html)
    atomic_write(folder / "issue.txt", rendered.text)
    atomic_write(folder / WEB_PAGE, rendered.web)
    document = json.dumps(issue.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / "issue.json", document)
    update_archive(folder.parent, config)
    log.info(
        "Wrote %s (%s bytes of HTML as sent, %d of %d stories in the email)",
        folder, f"{rendered.html_bytes:,}", rendered.shown, len(issue.stories),
    )  # fmt: skip
    return folder


def build_and_send(
    config: Config, date: dt.date, inputs: Sequence[Path], *, sleep: Sleep = time.sleep,
    force: bool = False,
) -> SendReport:  # fmt: skip
    """Build the issue, then send it; one run at a time per output folder (the cron job)."""
    with run_lock(state_folder(config)):
        folder = issue_folder(config, date)
        if delivery_started(config, date) and (folder / "issue.json").is_file():
            # Everyone must get the same issue: never rebuild one that already went out.
            log.info("%s: delivery already started; sending the issue built then", folder)
        else:
            issue = build_issue(config, inputs=inputs, date=date)
            write_issue(issue, config)
            if not issue.stories and not issue.items:
                return SendReport(subject(issue), date, len(recipients(config)), empty=True)
        return send_locked(config, date, resend_uncertain=False, sleep=sleep, force=force)
