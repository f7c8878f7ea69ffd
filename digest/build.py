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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from digest import dedup, merge, rank, sources
from digest.collect import collect
from digest.config import Config, InputSpec
from digest.dedup.band import Band
from digest.dedup.memory import Memory
from digest.dedup.vectors import Semantic, save_vectors, semantic_for
from digest.errors import ConfigError, DigestError, InputError
from digest.fsutil import remove_stale_temps, replace_folder
from digest.i18n import credit_name, translations
from digest.merge.followup import mark_followups
from digest.models import Issue
from digest.render import render, subject
from digest.render.archive import update_archive
from digest.render.credits import with_body
from digest.render.layout import WEB_PAGE
from digest.send import (
    SendReport,
    delivery_started,
    gone_out,
    issue_folder,
    recipients,
    send_locked,
)
from digest.send.lock import run_lock
from digest.send.run import Sleep
from digest.state import has_state, state_folder

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
        with timed("Reading"):
            articles, skipped = collect(config, inputs, date, remembered, progress)
        with timed("Grouping"):
            grouping = dedup.group(articles, config.dedup, semantic)
        with timed("Merging"):
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
    label, form = gettext("According to {name}"), credit_name(config.locale)
    stories = [with_body(story, label, form) for story in stories]
    groups = [[articles[i] for i in group] for group in grouping.groups]
    sections = rank.sections_for(config.sections, gettext)
    with timed("Ranking"):
        stories = rank.rank(stories, groups, sections, rank.reference_time(date, config.tz))
    return Issue(
        date=date, locale=config.locale, title=config.title, stories=stories,
        items=grouping.items, skipped=skipped,
    )  # fmt: skip


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Log how long ``step`` took (with -v): where a slow night spends its time."""
    started = time.perf_counter()
    yield
    log.debug("%s took %.1f s", step, time.perf_counter() - started)


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
    """Render ``issue`` and write issue.html, issue.txt, index.html and issue.json; return
    the folder.

    The folder is replaced whole (``fsutil.replace_folder``): a reader sees the old issue
    or the new one, and a failed write leaves the old one untouched. ``remember`` records
    what the issue carries in the memory across issues (replacing what an earlier build of
    its date recorded) and keeps the sentence model's vectors.
    """
    folder = (output or config.output) / issue.date.isoformat()
    with timed("Rendering"):
        rendered = render(issue, config)
    document = json.dumps(issue.to_json(), ensure_ascii=False, indent=2) + "\n"
    files = {"issue.html": rendered.html, "issue.txt": rendered.text, WEB_PAGE: rendered.web,
             "issue.json": document}  # fmt: skip
    remove_stale_temps(folder.parent)  # what a killed archive update left behind
    try:
        replace_folder(folder, {name: text.encode("utf-8") for name, text in files.items()})
    except OSError as exc:
        raise DigestError(
            f"cannot write the issue to {folder}: {exc.strerror or exc}; the issue there "
            "before is unchanged"
        ) from None
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


def build_and_write(
    config: Config, specs: Sequence[InputSpec], date: dt.date, *, memory: bool = True,
    strict: bool = False, force: bool = False, progress: sources.Progress | None = None,
) -> Path:  # fmt: skip
    """``digest build``: read every input, then write the issue under the run lock.

    The inputs are read outside the lock (a send need not wait for them); an issue that
    went out to anyone is not rebuilt unless ``force`` (checked before the work and again
    under the lock). ``strict``: any skipped input is an error, and nothing is written.
    """
    if not force:
        refuse_rebuild(config, date)
    issue = build_issue(config, inputs=specs, date=date, memory=memory, progress=progress)
    if strict and issue.skipped:
        raise InputError(f"--strict: {len(issue.skipped)} input(s) skipped, nothing written")
    with run_lock(state_folder(config)):
        if not force:
            refuse_rebuild(config, date)
        return write_issue(issue, config, remember=True)


def refuse_rebuild(config: Config, date: dt.date) -> None:
    """Raise unless the issue of ``date`` may be rebuilt: none went out to anyone yet.

    Everyone must get the same issue; ``build --force`` skips this check.
    """
    if not has_state(config):
        return  # no ledger: nothing went out
    gone = gone_out(config, date)
    if gone:
        raise DigestError(
            f"the issue of {date.isoformat()} has already gone out to {gone} of "
            f"{_recipient_count(config, gone)} recipients; not rebuilt (--force rebuilds it "
            "anyway)"
        )


def _recipient_count(config: Config, at_least: int) -> int:
    try:
        return max(at_least, len(recipients(config)))
    except ConfigError:  # the recipients are the sender's business, not the build's
        return at_least


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
