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
from pathlib import Path

from digest import dedup, merge, rank, sources
from digest.collect import collect
from digest.config import Config, InputSpec
from digest.dedup.band import Band
from digest.dedup.memory import Memory
from digest.dedup.vectors import Semantic, save_vectors, semantic_for
from digest.fsutil import PUBLIC_FILE, atomic_write, publish_folder, remove_stale_temps
from digest.i18n import translations
from digest.merge.followup import mark_followups
from digest.models import Issue
from digest.render import render, subject
from digest.render.archive import update_archive
from digest.render.credits import with_body
from digest.render.layout import WEB_PAGE
from digest.send import SendReport, delivery_started, issue_folder, recipients, send_locked
from digest.send.lock import run_lock
from digest.send.run import Sleep
from digest.state import state_folder

log = logging.getLogger(__name__)

def today(config: Config) -> dt.date:
    """Return today's date in the configured timezone."""
    return dt.datetime.now(config.tz).date()


def build_issue(
    config: Config, *, inputs: Sequence[InputSpec | Path] | None = None,
    date: dt.date | None = None, memory: bool = False,
    progress: sources.Progress | None = None,
) -> Issue:  # fmt: skip
    """Read every input, group the articles by event and merge each group into one story.

    With ``memory``, what an issue of an earlier date carried is left out and a story that
    returns is marked as its follow-up (the memory is read, never written here);
    ``progress`` reports fetches (on a terminal). A plain path in ``inputs`` is a path input.
    The sentence model's vectors are kept in the state database when it exists, else for
    the process, until ``write_issue`` saves them.
    """
    date = date or today(config)
    remembered = Memory.open(config, date) if memory else None
    semantic = semantic_for(config)
    try:
        articles, skipped = collect(config, inputs, date, remembered, progress)
        grouping = dedup.group(articles, config.dedup, semantic)
        stories = merge.merge_groups(articles, grouping, config.dedup, semantic)
        if remembered:
            stories = mark_followups(stories, remembered.told(), config.dedup)
    finally:
        if remembered:
            remembered.close()
        if semantic:
            semantic.store.close()
    if semantic:
        log_model(semantic, grouping.band)
    # Labels written into the issue (credits, section names) take the issue's language here.
    gettext = translations(config.locale).gettext
    stories = [with_body(story, gettext("According to {name}")) for story in stories]
    groups = [[articles[i] for i in group] for group in grouping.groups]
    sections = rank.sections_for(config.sections, gettext)
    stories = rank.rank(stories, groups, sections, rank.reference_time(date, config.tz))
    return Issue(
        date=date, locale=config.locale, title=config.title, stories=stories,
        items=grouping.items, skipped=skipped,
    )  # fmt: skip


def log_model(semantic: Semantic, band: Band) -> None:
    """Say what the sentence model did: the build summary's line about it."""
    spent = semantic.spent
    log.info(
        "Sentence model %s: %s; %d texts embedded in %.1f s, %d from the cache%s",
        semantic.model.name, band.summary(), spent.embedded, spent.seconds, spent.cached,
        f", {spent.out_of_time} left for lack of time (dedup.embed_seconds: "
        f"{semantic.seconds:g})" if spent.out_of_time else "",
    )  # fmt: skip


def write_issue(
    issue: Issue, config: Config, output: Path | None = None, *, remember: bool = False
) -> Path:
    """Render ``issue`` and write issue.html, issue.txt and issue.json; return the folder.

    ``remember`` records what the issue carries in the memory across issues (replacing
    what an earlier build of its date recorded) and keeps the sentence model's vectors.
    """
    folder = (output or config.output) / issue.date.isoformat()
    rendered = render(issue, config)
    for public in (folder.parent, folder):  # published as they are: readable, whatever the umask
        publish_folder(public)
    remove_stale_temps(folder)
    # JSON last: its presence marks a complete issue for `send` and the archive.
    atomic_write(folder / "issue.html", rendered.html, mode=PUBLIC_FILE)
    atomic_write(folder / "issue.txt", rendered.text, mode=PUBLIC_FILE)
    atomic_write(folder / WEB_PAGE, rendered.web, mode=PUBLIC_FILE)
    document = json.dumps(issue.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / "issue.json", document, mode=PUBLIC_FILE)
    if remember:
        remembered = Memory.open(config, issue.date, write=True)
        try:
            remembered.record(issue)
        finally:
            remembered.close()
        save_vectors(config)
    update_archive(folder.parent, config)
    log.info(
        "Wrote %s (%s bytes of HTML as sent, %d of %d stories in the email)",
        folder, f"{rendered.html_bytes:,}", rendered.shown, len(issue.stories),
    )  # fmt: skip
    return folder


def build_and_send(
    config: Config, date: dt.date, inputs: Sequence[InputSpec | Path], *, memory: bool = True,
    progress: sources.Progress | None = None, sleep: Sleep = time.sleep, force: bool = False,
) -> SendReport:  # fmt: skip
    """Build the issue, then send it; one run at a time per output folder (the cron job)."""
    with run_lock(state_folder(config)):
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
        return send_locked(config, date, resend_uncertain=False, sleep=sleep, force=force)
