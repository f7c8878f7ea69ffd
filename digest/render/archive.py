"""The browsable archive: ``output/index.html`` and an Atom feed, rebuilt from every issue.json.

Both are derived only from the ``<date>/issue.json`` files under the output folder (JSON is
written last, so its presence marks a complete issue) and link each issue's web version
(``<date>/index.html``, every story); they can be put on any static server. They never
link the private state folder (``.digest/``), which is not to be published.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.fsutil import PUBLIC_FILE, atomic_write
from digest.i18n import long_date
from digest.render.layout import WEB_PAGE
from digest.render.templating import environment

log = logging.getLogger(__name__)

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
TOP_STORIES = 3


@dataclass(frozen=True)
class Entry:
    """One archived issue, as the index and the feed list it."""

    date: dt.date
    title: str
    headlines: list[str]
    stories: int
    updated: dt.datetime
    page: str = WEB_PAGE

    @property
    def href(self) -> str:
        """Return the issue's web version relative to the output folder."""
        return f"{self.date.isoformat()}/{self.page}"


def read_entry(path: Path) -> Entry:
    """Read one ``<date>/issue.json``; raise ``ValueError`` (or ``OSError``) if unusable."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stories = data.get("stories", []) if isinstance(data, dict) else None
    if not isinstance(stories, list):
        raise ValueError("not an issue.json document")
    mtime = path.stat().st_mtime
    return Entry(
        date=dt.date.fromisoformat(path.parent.name),
        title=str(data.get("title", "")),
        headlines=[str(s.get("headline", "")) for s in stories[:TOP_STORIES]],
        stories=len(stories),
        updated=dt.datetime.fromtimestamp(mtime, dt.UTC).replace(microsecond=0),
        # An issue built before the web version existed has only the email to link to.
        page=WEB_PAGE if (path.parent / WEB_PAGE).is_file() else "issue.html",
    )


def entries(output: Path) -> list[Entry]:
    """Return every complete issue under ``output``, newest first; skip broken ones."""
    found = []
    for path in output.glob("*/issue.json"):
        try:
            found.append(read_entry(path))
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("Archive: skipping %s: %s", path, exc)
    return sorted(found, key=lambda e: e.date, reverse=True)


def update_archive(output: Path, config: Config) -> None:
    """Rewrite ``output/index.html`` and ``output/feed.xml`` from the issues present."""
    found = entries(output)
    atomic_write(output / "index.html", index_html(found, config), mode=PUBLIC_FILE)
    atomic_write(output / "feed.xml", feed_xml(found, config), mode=PUBLIC_FILE)
    log.info("Archive: %d issue(s) in %s", len(found), output / "index.html")


def index_html(found: list[Entry], config: Config) -> str:
    """Render the archive page (``archive.html``, overridable like every template)."""
    env = environment(config)
    return env.get_template("archive.html").render(
        entries=found, config=config, feed_url=_url(config, "feed.xml")
    )


def _url(config: Config, path: str) -> str:
    """Return ``path`` absolute under ``archive_url`` if set, else relative to the output folder."""
    return f"{config.archive_url.rstrip('/')}/{path}" if config.archive_url else path


def _id(config: Config, path: str) -> str:
    """Return a stable Atom id: the absolute URL, or a name-based UUID without ``archive_url``."""
    if config.archive_url:
        return _url(config, path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"digest:{config.title}:{path}").urn


def feed_xml(found: list[Entry], config: Config) -> str:
    """Return the Atom feed (RFC 4287) of the archived issues."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": config.language})
    _text(feed, "id", _id(config, ""))
    _text(feed, "title", config.title)
    newest = max((e.updated for e in found), default=dt.datetime.now(dt.UTC).replace(microsecond=0))
    _text(feed, "updated", newest.isoformat())
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = config.title
    _link(feed, _url(config, "index.html"), "alternate", "text/html")
    if config.archive_url:
        _link(feed, _url(config, "feed.xml"), "self", "application/atom+xml")
    for entry in found:
        _entry(ET.SubElement(feed, f"{{{ATOM}}}entry"), entry, config)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(item: ET.Element, entry: Entry, config: Config) -> None:
    _text(item, "id", _id(config, entry.href))
    _text(item, "title", f"{entry.title} – {long_date(entry.date, config.locale)}")
    _text(item, "updated", entry.updated.isoformat())
    _link(item, _url(config, entry.href), "alternate", "text/html")
    _text(item, "summary", " · ".join(entry.headlines))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": kind})
