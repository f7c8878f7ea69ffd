"""RSS 0.9x/1.0/2.0 and Atom feeds: fetched over HTTP(S) or recognised in a local file.

A feed URL becomes one ``.feed`` input (its reader, ``digest.readers.feed``, makes one
article per entry). With ``full_text: true`` each entry becomes an ``.entry`` input
instead: a small JSON bundle of the entry and its linked page, which the reader hands to
the HTML reader, keeping the entry's own text when the page could not be had.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import ipaddress
import json
import logging
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from digest import isolate
from digest.config.inputs import InputSpec
from digest.models import identity_keys
from digest.sources.fetch import Fetcher, FetchError, Response
from digest.sources.input import Input, SourceError, fetched, named_outlet
from digest.sources.kinds import ENTRY_KIND, FEED_KIND

log = logging.getLogger(__name__)

PAGE_MAX_BYTES = 5 * 1024 * 1024
# expat's messages for a document that stops in the middle.
_INCOMPLETE = frozenset({"no element found", "unclosed token", "unclosed CDATA section"})
_TAG = re.compile(r"<[^>]*>")
# A feed title names the outlet and a tagline: "tagesschau.de - Die Nachrichten der ARD".
_TITLE_PARTS = re.compile(r"\s+[-–—|:·]\s+")
Progress = Callable[[int, int, str], None]
Known = Callable[[Sequence[str]], bool]


class FeedError(SourceError):
    """Bytes that hold no readable feed; the message is the reason."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: the fullest text the feed offers and its metadata.

    ``content`` is HTML if ``content_type`` is ``text/html``, else plain text; ``published``
    is ISO 8601 (with the feed's offset when it gave one) or ``""``; ``id`` the guid/Atom id.
    """

    id: str
    link: str
    title: str
    content: str
    content_type: str = "text/html"
    published: str = ""
    authors: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Return what identifies the entry within its feed: guid, else link, else a hash."""
        if self.id or self.link:
            return self.id or self.link
        digest = hashlib.sha256(f"{self.title}\n{self.content}".encode()).hexdigest()
        return f"sha256:{digest[:32]}"

    @property
    def keys(self) -> tuple[str, ...]:
        """Return what the memory across issues knows the entry by: guid and link."""
        return identity_keys(self.id, self.link)


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its outlet name, home link and entries (duplicates dropped)."""

    title: str
    link: str
    outlet: str
    entries: list[FeedEntry]


def parse_feed(data: bytes, base_url: str = "") -> Feed:
    """Parse feed bytes; raise ``FeedError`` if they hold no feed with readable entries."""
    if not data.strip():
        raise FeedError("empty: no feed")
    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        reason = f": {_one_line(problem)}" if problem else ""
        raise FeedError(f"not an RSS or Atom feed{reason}")
    entries = [e for e in (_entry(raw) for raw in parsed.entries) if e.title or e.content]
    # The loose parser gets past a bad entity or a stray "&"; a document that stops
    # before its end (cut off by the server) or yields no entry is broken.
    if problem is not None and (not entries or _incomplete(problem)):
        raise FeedError(f"broken feed XML: {_one_line(problem)}")
    info = parsed.get("feed", {})
    title = _clean_title(info.get("title", ""))
    link = str(info.get("link", "") or base_url)
    seen: set[str] = set()
    unique: list[FeedEntry] = []
    for entry in entries:
        # The first of duplicates wins; the same link under a new guid is a duplicate too.
        keys = {entry.key, entry.link} - {""}
        if not keys & seen:
            seen |= keys
            unique.append(entry)
    return Feed(title=title, link=link, outlet=outlet_name(title, link), entries=unique)


def _incomplete(problem: Any) -> bool:
    """Tell whether the XML parser stopped because the document ends too early."""
    message = problem.getMessage() if hasattr(problem, "getMessage") else ""
    return message in _INCOMPLETE


def _one_line(problem: Any) -> str:
    if hasattr(problem, "getMessage") and hasattr(problem, "getLineNumber"):
        return f"{problem.getMessage()} (line {problem.getLineNumber()})"
    return " ".join(str(problem).split()) or type(problem).__name__


def _clean_title(value: Any) -> str:
    return " ".join(str(value or "").split())


def _entry(raw: Any) -> FeedEntry:
    content, content_type = _fullest(raw)
    return FeedEntry(
        id=str(raw.get("id", "") or "").strip(),
        link=str(raw.get("link", "") or "").strip(),
        title=_clean_title(raw.get("title", "")),
        content=content,
        content_type=content_type,
        published=_published(raw),
        authors=_authors(raw),
    )


def _fullest(raw: Any) -> tuple[str, str]:
    """Return the entry's longest text: ``content:encoded``/Atom content before the summary."""
    candidates = [(c.get("value", ""), c.get("type", "text/html")) for c in raw.get("content", [])]
    summary = raw.get("summary_detail") or {}
    candidates.append((raw.get("summary", ""), summary.get("type", "text/html")))
    best = max(candidates, key=lambda c: len(_TAG.sub(" ", c[0] or "").split()))
    kind = "text/plain" if best[1] == "text/plain" else "text/html"
    return str(best[0] or ""), kind


def _published(raw: Any) -> str:
    """Return the entry's date as ISO 8601, keeping the feed's UTC offset when it gave one."""
    for key in ("published", "updated", "created"):
        text = str(raw.get(key, "") or "").strip()
        if not text:
            continue
        stamp = _exact_date(text)
        if stamp is None and raw.get(f"{key}_parsed"):
            stamp = dt.datetime.fromtimestamp(calendar.timegm(raw[f"{key}_parsed"]), tz=dt.UTC)
        if stamp is not None:
            return stamp.isoformat()
    return ""


def _exact_date(text: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return stamp if stamp.tzinfo else None  # a naive time: feedparser's UTC reading is surer


def _authors(raw: Any) -> list[str]:
    names = [str(a.get("name", "") or "").strip() for a in raw.get("authors", []) or []]
    names = [n for n in names if n]
    if not names and raw.get("author"):
        names = [str(raw["author"]).strip()]
    return list(dict.fromkeys(names))


def outlet_name(title: str, link: str) -> str:
    """Name the outlet: the part of the feed title its site's host names, else the title.

    "tagesschau.de - Die Nachrichten der ARD" at www.tagesschau.de -> "tagesschau.de".
    """
    host = (urlsplit(link).hostname or "").removeprefix("www.")
    key = re.sub(r"\W", "", host.split(".")[0]) if host else ""
    parts = _TITLE_PARTS.split(title)
    if key and len(parts) > 1:
        for part in parts:
            if key in re.sub(r"\W", "", part.casefold()):
                return part.strip()
    return title or host


# --- inputs --------------------------------------------------------------------------------


def feed_inputs(
    spec: InputSpec, fetcher: Fetcher, response: Response, *, known: Known | None = None,
    progress: Progress | None = None, limits: isolate.Limits | None = None,
) -> list[Input]:  # fmt: skip
    """Read the fetched feed of ``spec``: one ``.feed`` input, or with ``full_text`` one per entry.

    ``known(keys)`` tells which entries an earlier issue already carried: their pages are
    not fetched and they are left out. Raise ``SourceError`` if the feed is unreadable.
    The feed is parsed in a child under ``limits``, as every input is read: a hostile
    feed (a million nested tags) costs its time limit, not the night.
    """
    url = spec.location
    outlet = named_outlet(spec.name)
    feed = _parse_isolated(response, limits or isolate.Limits())  # fail here, naming the feed
    if not spec.full_text:
        return [fetched(url, response.data, url, FEED_KIND, outlet=outlet)]
    entries = [e for e in feed.entries if not (known and known(e.keys))]
    pages = _pages(entries, response, fetcher, progress)
    inputs = []
    failed: list[str] = []
    for entry in entries:
        page = pages.get(entry.link)
        if not isinstance(page, Response):
            failed.append(f"{entry.link or entry.key}: {page or 'no link'}")
        bundle = entry_bundle(entry, feed, url, page if isinstance(page, Response) else None)
        name = entry.link or f"{url}#{entry.key}"
        inputs.append(fetched(name, bundle, url, ENTRY_KIND, url=entry.link or None,
                              outlet=outlet))  # fmt: skip
    if failed:
        log.warning("Full text of %d of %d entries of '%s' not fetched (%s); their feed text "
                    "is used", len(failed), len(entries), url, failed[0])  # fmt: skip
    return inputs


def _parse_isolated(response: Response, limits: isolate.Limits) -> Feed:
    """Parse the fetched feed in a child under ``limits``; raise ``FeedError`` if it fails."""
    parsed = isolate.run_isolated(
        lambda r: parse_feed(r.data, r.final_url), response, limits, expected=(FeedError,)
    )
    if isinstance(parsed, isolate.Failed):
        raise FeedError(parsed.reason)
    return parsed


def _pages(
    entries: list[FeedEntry], feed: Response, fetcher: Fetcher, progress: Progress | None
) -> dict[str, Response | FetchError]:  # fmt: skip
    """Fetch the entries' linked pages; links into a local network are refused."""
    feed_host = urlsplit(feed.final_url).hostname or ""
    refused: dict[str, Response | FetchError] = {}
    links = []
    for link in dict.fromkeys(e.link for e in entries if e.link):
        reason = _unfetchable(link, feed_host)
        if reason:
            refused[link] = FetchError(reason)
        else:
            links.append(link)
    # Pages are not cached: an entry read once is left out afterwards by the memory.
    fetched = fetcher.get_many(links, max_bytes=PAGE_MAX_BYTES, cache=False, progress=progress)
    return refused | fetched


def _unfetchable(link: str, feed_host: str) -> str:
    """Say why an entry's link is not fetched, or ``""``.

    A feed may only lead us to its own host or to public addresses: a link to
    ``http://127.0.0.1/…`` or ``http://intranet/…`` in someone's feed must not put
    pages of our own network into the issue.
    """
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"not an http(s) link: {link}"
    if parts.hostname == feed_host:
        return ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, None)}
    except (OSError, UnicodeError) as exc:
        return f"host {parts.hostname!r} not found ({exc})"
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if not ip.is_global:
            return f"link into a local network refused ({parts.hostname} is {ip})"
    return ""


def entry_bundle(entry: FeedEntry, feed: Feed, origin: str, page: Response | None) -> bytes:
    """Pack an entry and its fetched page (bytes kept exactly) as one ``.entry`` input."""
    bundle = {
        "feed": origin,
        "feed_title": feed.title,
        "outlet": feed.outlet,
        "entry": asdict(entry),
        "page": page.data.decode("latin-1") if page else None,
        "page_url": page.final_url if page else None,
    }
    return json.dumps(bundle, ensure_ascii=False).encode("utf-8")


@dataclass(frozen=True)
class EntryBundle:
    """An unpacked ``.entry`` input."""

    entry: FeedEntry
    feed_title: str
    outlet: str
    page: bytes | None
    page_url: str | None


def read_bundle(data: bytes) -> EntryBundle:
    """Unpack an ``.entry`` input; raise ``FeedError`` if it is not one."""
    try:
        bundle = json.loads(data.decode("utf-8"))
        entry = FeedEntry(**bundle["entry"])
        page = bundle.get("page")
        return EntryBundle(
            entry=entry, feed_title=str(bundle.get("feed_title") or ""),
            outlet=str(bundle.get("outlet") or ""),
            page=page.encode("latin-1") if isinstance(page, str) else None,
            page_url=bundle.get("page_url"),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError, UnicodeError) as exc:
        raise FeedError(f"not a feed entry bundle ({type(exc).__name__})") from None
