"""The domain model: what the pipeline stages pass to each other."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """Where an article came from: the outlet's name, the input and the article's URL if known.

    ``file`` names the input (a path, a feed URL, a mailbox URL); ``id`` is what the input
    calls the article, if anything (a feed entry's guid, a mail's Message-ID).
    """

    name: str
    file: str
    url: str | None = None
    id: str = ""


def text_key(text: str) -> str:
    """Return the key of a text across issues: a hash of its words, case and spacing aside."""
    words = " ".join(text.casefold().split())
    return "text:" + hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def identity_keys(id: str = "", url: str | None = None) -> tuple[str, ...]:
    """Return the keys an input's own names give an article: its id and its URL."""
    return tuple(k for k in (f"id:{id}" if id else "", f"url:{url}" if url else "") if k)


@dataclass(frozen=True)
class Item:
    """One short entry of a "Weitere Meldungen" section."""

    text: str
    url: str | None = None

    @property
    def key(self) -> str:
        """Return what the memory across issues knows the item by: its text."""
        return text_key(self.text)


# Kinds of ``Block``: a heading, a paragraph, an entry of a bulleted or numbered list, and a
# block that is nothing but a link label ("Zum Test", "Hier klicken").
HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
LINK = "link"
# Heading ranks beside <h1>-<h6>: a plain-text line set off by rules of dashes (BANNER), a
# short paragraph set wholly in bold (BOLD), a short line without a sentence end (GUESSED).
# Lower is stronger evidence.
BANNER = 2
BOLD = 7
GUESSED = 8


@dataclass(frozen=True)
class Block:
    """One visual block of a newsletter (an HTML cell's paragraph, a blank-line paragraph).

    Blocks keep what a reader sees before the text is flattened: the kind, a heading's
    rank, a bold lead-in, a link label cut from the end (``tail``) and the block's link,
    and the visual ``group`` (one table cell) it belongs to.
    """

    kind: str
    text: str  # lines joined by "\n" where the source broke them (<br>, address lines)
    level: int = 0  # heading rank; 0 for other kinds
    href: str | None = None
    marker: str = ""  # "bullet" or "number" for list entries
    number: int | None = None  # the number of a numbered entry
    lead: str = ""  # a bold lead-in opening the text ("Fazit." or "Der Verein wächst.")
    tail: str = ""  # a link label cut from the end ("Zum Artikel", "» mehr info")
    group: int = 0  # blocks of one table cell or one blank-line paragraph share this

    @property
    def flat(self) -> str:
        """Return the text on one line."""
        return " ".join(self.text.split())

    @property
    def words(self) -> int:
        """Count the words of the text."""
        return len(self.text.split())


@dataclass(frozen=True)
class Recipient:
    """Whom a mail was sent to: addresses and name words that never reach an issue."""

    addresses: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Document:
    """One input's text and what its reader knows besides; the parser reads its structure.

    ``title`` is the headline when the reader knows it (page metadata, a JSON record, front
    matter): header lines repeating it or one of its ``aliases`` are dropped. ``subject`` (a
    mail's) names the text when it has no headline of its own. A known ``kicker``,
    ``published`` time and ``authors`` win over what the text's own lines say; ``newsletter``
    marks a text read as a newsletter whatever its lines look like (a mail). ``ressort`` is
    the section the input files it under (JSON-LD ``articleSection``, a feed's category, a
    record's ``section``); ``position`` its place in an input that orders its articles by
    importance (a feed's entries: 0 is the top one), None where the order says nothing.
    ``item`` marks a headline-only entry (a feed entry without text): a short item.
    ``blocks`` are the HTML's blocks when the reader read its markup (a mail's HTML part, a
    saved page); ``recipient`` is whom a mail was sent to.
    """

    text: str
    source: Source
    title: str = ""
    aliases: tuple[str, ...] = ()
    subject: str = ""
    kicker: str = ""
    published: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    newsletter: bool = False
    ressort: str = ""
    position: int | None = None
    item: bool = False
    blocks: tuple[Block, ...] = ()
    recipient: Recipient = Recipient()


@dataclass(frozen=True)
class Article:
    """One parsed input article: clean text and metadata, no boilerplate.

    ``body`` holds paragraphs and sub-headings separated by blank lines; sub-headings
    are lines starting with ``## `` and bullets lines starting with ``- `` (Markdown),
    so the renderer can show the structure the source had. ``position`` is the article's
    place in a source that orders its news by importance (a newsletter's lead is 0, a
    feed's top entry too); None where the input's order says nothing (a scraper's file).
    """

    title: str
    body: str
    source: Source
    kicker: str = ""
    dateline: str = ""
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    ressort: str = ""
    newsletter: bool = False  # a mail, or a text with a greeting or a short-item section
    position: int | None = None
    # What the memory across issues knows this article by (``identity_keys``, ``text_key``);
    # set when it is read, before an outlet rule may give it the outlet's URL.
    keys: tuple[str, ...] = ()

    def own_keys(self) -> tuple[str, ...]:
        """Return the keys the article's input and text give it."""
        text = f"{self.title}\n{self.body}"
        hashed = (text_key(text),) if text.strip() else ()
        return (*identity_keys(self.source.id, self.source.url), *hashed)


@dataclass(frozen=True)
class SourceRef:
    """A source as cited under a story or item: one entry of "Quellen: …"."""

    name: str
    file: str
    title: str = ""
    url: str | None = None
    published: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    keys: tuple[str, ...] = ()  # the cited article's keys, for the memory (not in issue.json)

    @classmethod
    def of(cls, article: Article) -> SourceRef:
        """Cite ``article``."""
        return cls(
            name=article.source.name,
            file=article.source.file,
            title=article.title,
            url=article.source.url,
            published=article.published,
            authors=list(article.authors),
            keys=article.keys,
        )

    def to_json(self) -> dict[str, Any]:
        """Return the ``issue.json`` shape of this source."""
        return {
            "name": self.name,
            "file": self.file,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "authors": list(self.authors),
        }


@dataclass(frozen=True)
class Passage:
    """Sentences of a merged story's body, and the outlet they are credited to ("" for none).

    A source's own facts in a story of several outlets carry its name; the renderer writes
    the credit ("**Laut Krone:** …") in the issue's language.
    """

    text: str
    credit: str = ""


Paragraph = tuple[Passage, ...]


@dataclass(frozen=True)
class Follows:
    """The earlier issue a story returns from: its date and the headline it had there."""

    date: dt.date
    headline: str

    def to_json(self) -> dict[str, str]:
        """Return the ``issue.json`` shape: ``{"date": "2025-12-05", "headline": "…"}``."""
        return {"date": self.date.isoformat(), "headline": self.headline}


@dataclass(frozen=True)
class Story:
    """One story of the issue, merged from one or more articles about the same event.

    ``section`` is the issue's section it is shown in ("Politik"; "" for none) and
    ``opinion`` marks a commentary, column or guest piece, shown apart from the news.
    ``follows`` names the earlier issue that carried the story, when it returns with new
    reports (a follow-up); it then tells only what that issue had not.
    """

    headline: str
    summary: str
    body: str
    sources: list[SourceRef]
    kicker: str = ""
    # The body as the merge laid it out, credits as data; ``body`` is its Markdown.
    paragraphs: tuple[Paragraph, ...] = ()
    section: str = ""
    opinion: bool = False
    follows: Follows | None = None

    @property
    def words(self) -> int:
        """Count the words a reader reads: summary and body."""
        return len(self.summary.split()) + len(self.body.split())

    def to_json(self) -> dict[str, Any]:
        """Return the ``issue.json`` shape of this story."""
        return {
            "headline": self.headline,
            "kicker": self.kicker,
            "summary": self.summary,
            "body": self.body,
            "sources": [s.to_json() for s in self.sources],
            "section": self.section,
            "opinion": self.opinion,
            "follows": self.follows.to_json() if self.follows else None,
        }


@dataclass(frozen=True)
class IssueItem:
    """A short item of the issue's "Weitere Meldungen", with every source that carried it."""

    text: str
    sources: list[SourceRef]
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the ``issue.json`` shape of this item."""
        return {"text": self.text, "sources": [s.to_json() for s in self.sources]}


@dataclass(frozen=True)
class Skipped:
    """An input file that could not be used, and why."""

    file: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """Return the ``issue.json`` shape of this entry."""
        return {"file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class Issue:
    """One issue of the digest: stories by importance (news before opinion), items, skipped."""

    date: dt.date
    locale: str
    title: str
    stories: list[Story]
    items: list[IssueItem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the ``issue.json`` document (a contract: keep the keys)."""
        return {
            "date": self.date.isoformat(),
            "locale": self.locale,
            "title": self.title,
            "stories": [s.to_json() for s in self.stories],
            "items": [i.to_json() for i in self.items],
            "skipped": [s.to_json() for s in self.skipped],
        }


def _when(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _source_ref(data: dict[str, Any]) -> SourceRef:
    return SourceRef(
        name=data["name"], file=data.get("file", ""), title=data.get("title", ""),
        url=data.get("url"), published=_when(data.get("published")),
        authors=list(data.get("authors") or []),
    )  # fmt: skip


def _follows(data: Any) -> Follows | None:
    if not isinstance(data, dict) or not data.get("date"):
        return None
    return Follows(dt.date.fromisoformat(data["date"]), str(data.get("headline") or ""))


def issue_from_json(data: dict[str, Any]) -> Issue:
    """Rebuild an ``Issue`` from its ``issue.json`` document."""
    return Issue(
        date=dt.date.fromisoformat(data["date"]),
        locale=data["locale"],
        title=data["title"],
        stories=[
            Story(
                headline=s["headline"], kicker=s.get("kicker", ""), summary=s.get("summary", ""),
                body=s.get("body", ""), sources=[_source_ref(r) for r in s.get("sources", [])],
                section=str(s.get("section") or ""), opinion=s.get("opinion") is True,
                follows=_follows(s.get("follows")),
            )
            for s in data.get("stories", [])
        ],
        items=[
            IssueItem(text=i["text"], sources=[_source_ref(r) for r in i.get("sources", [])])
            for i in data.get("items", [])
        ],
        skipped=[Skipped(file=s["file"], reason=s["reason"]) for s in data.get("skipped", [])],
    )
