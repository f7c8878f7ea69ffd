"""The orchestrator: inputs → articles → stories → rendered issue on disk."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from digest.archive import update_archive
from digest.config import Config
from digest.fsutil import atomic_write, remove_stale_temps
from digest.i18n import translations
from digest.load import load_all
from digest.merge import make_stories
from digest.models import Issue
from digest.render import render

log = logging.getLogger(__name__)


def today(config: Config) -> dt.date:
    """Return today's date in the configured timezone."""
    return dt.datetime.now(config.tz).date()


def build_issue(
    config: Config, *, inputs: Sequence[Path] | None = None, date: dt.date | None = None
) -> Issue:
    """Load every input, group articles by story and merge each group into one story."""
    articles, skipped = load_all(
        inputs if inputs is not None else config.inputs,
        max_bytes=config.max_input_bytes, rules=config.sources,
    )  # fmt: skip
    # The credit label is written into story bodies, so it takes the issue's language here.
    label = translations(config.locale).gettext("According to {name}")
    stories, items = make_stories(articles, config.dedup, label)
    return Issue(
        date=date or today(config),
        locale=config.locale,
        title=config.title,
        stories=stories,
        items=items,
        skipped=skipped,
    )


def write_issue(issue: Issue, config: Config, output: Path | None = None) -> Path:
    """Render ``issue`` and write issue.html, issue.txt and issue.json; return the folder."""
    folder = (output or config.output) / issue.date.isoformat()
    rendered = render(issue, config)
    remove_stale_temps(folder)
    # JSON last: its presence marks a complete issue for `send` and the archive.
    atomic_write(folder / "issue.html", rendered.html)
    atomic_write(folder / "issue.txt", rendered.text)
    document = json.dumps(issue.to_json(), ensure_ascii=False, indent=2) + "\n"
    atomic_write(folder / "issue.json", document)
    update_archive(folder.parent, config)
    log.info("Wrote %s (%s bytes of HTML)", folder, f"{len(rendered.html.encode()):,}")
    return folder
