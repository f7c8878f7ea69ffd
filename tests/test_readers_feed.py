"""The feed reader on the real feeds of ../shared and on small feeds of our own writing."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from digest.errors import SkipFile
from digest.models import Article, Item
from digest.parse import parse_document
from digest.parse.boilerplate import boilerplate
from digest.readers import feed as feed_reader
from digest.readers import read_bytes
from digest.sources.feeds import Feed, FeedEntry, entry_bundle
from digest.sources.fetch import Response
from digest.sources.kinds import ENTRY_KIND, looks_like_feed
from digest.text.sentences import split_sentences
from tests.feed_server import FEEDS, PAGE, STORIES


def read(data: bytes, filename: str) -> list[Article]:
    """Read a feed and parse each entry's document, as a build does."""
    return [parse_document(d) for d in feed_reader.read(data, filename)]


def read_entry(data: bytes, filename: str) -> list[Article]:
    """Read an entry bundle and parse its document."""
    return [parse_document(d) for d in read_bytes(data, filename, kind=ENTRY_KIND)]

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def items(name: str) -> list[ET.Element]:
    """Return the <item>s of a real RSS feed, parsed independently of feedparser."""
    return ET.parse(FEEDS / name).getroot().findall("./channel/item")


def words(text: str) -> list[str]:
    return text.split()


def test_tagesschau_content_loses_its_link_labels_and_keeps_the_teaser() -> None:
    name = "tagesschau-rss2-2021-02-18.xml"
    articles = read((FEEDS / name).read_bytes(), name)
    raw = items(name)
    guids = [i.findtext("guid") for i in raw]
    assert len(raw) == 39 and len(set(guids)) == 38  # one guid twice: kept once
    assert [a.source.url for a in articles] == list(dict.fromkeys(guids))
    first = {i.findtext("guid"): i for i in reversed(raw)}  # the first of duplicates
    pointed = signed = 0
    for article in articles:
        item = first[article.source.url]
        assert CONTENT in {c.tag for c in item}  # the fullest text was content:encoded ...
        # ... and with images and "mehr"/"Meldung bei … lesen" gone it says what the teaser
        # says, but for a last sentence pointing the reader at the live stream.
        teaser = item.findtext("description") or ""
        if boilerplate(split_sentences(teaser)[-1]) == "link pointer":
            teaser = teaser[: teaser.rindex(split_sentences(teaser)[-1])]
            pointed += 1
        byline = split_sentences(teaser)[-1]  # "… Von Anna Muster.", "Von Lotte von …"
        if byline.startswith("Von ") and len(byline.split()) <= 6:
            teaser = teaser[: teaser.rindex(split_sentences(teaser)[-1])]
            signed += 1
            assert article.authors and article.authors[-1].split()[-1] in byline  # its author
        assert words(article.body) == words(teaser), article.title
        assert article.title == item.findtext("title")
        assert article.source.name == "tagesschau.de"
    assert pointed == 1  # "Sehen Sie das Landemanöver … hier live."
    assert signed == 11  # the teaser's byline goes with it ("… Von Anna Muster.")
    assert articles[0].published == dt.datetime(2021, 2, 18, 21, 56, 21,
                                                tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_iso_8859_1_feed_and_an_entry_without_text_becomes_a_short_item() -> None:
    name = "kde-syndication-sueddeutsche.rss2.xml"
    articles = read((FEEDS / name).read_bytes(), name)
    raw = items(name)
    assert [a.title for a in articles[1:]] == [i.findtext("title") for i in raw[1:]]
    empty, *full = articles
    assert empty.title == empty.body == "" and empty.items == [Item(raw[0].findtext("title") or "",
                                                     raw[0].findtext("link"))]  # fmt: skip
    for article, item in zip(full, raw[1:], strict=True):
        assert words(article.body) == words(item.findtext("description") or "")
        assert any(c in article.body for c in "äöüß")  # decoded, not mojibake
    assert {a.source.name for a in articles} == {"sueddeutsche.de"}


def test_atom_entries_that_only_repeat_their_title_are_short_items() -> None:
    name = "kde-syndication-heise-atom.xml"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    raw = ET.parse(FEEDS / name).getroot().findall("a:entry", ns)
    articles = read((FEEDS / name).read_bytes(), name)
    titles = [e.findtext("a:title", namespaces=ns) for e in raw]
    assert [[i.text for i in a.items] for a in articles] == [[t] for t in titles]
    assert all(a.title == a.body == "" for a in articles)
    updated = raw[0].findtext("a:updated", namespaces=ns) or ""
    assert articles[0].published == dt.datetime.fromisoformat(updated)
    assert articles[0].source.url == raw[0].find("a:link", ns).get("href")  # type: ignore[union-attr]


def test_blog_feed_names_its_authors_and_decodes_entities() -> None:
    name = "kde-syndication-spreeblick.xml"
    articles = read((FEEDS / name).read_bytes(), name)
    creator = "{http://purl.org/dc/elements/1.1/}creator"
    assert [a.authors for a in articles] == [[i.findtext(creator)] for i in items(name)]
    assert "&#8222;" not in articles[0].body and "„" in articles[0].body
    assert articles[0].published == dt.datetime(2006, 3, 17, 23, 42, 26, tzinfo=dt.UTC)


def test_outlet_is_the_part_of_the_feed_title_the_host_names() -> None:
    name = "feeddeck-ntv-rss-2023-12.xml"
    articles = read((FEEDS / name).read_bytes(), name)
    assert {a.source.name for a in articles} == {"n-tv.de"}
    assert [words(a.body) for a in articles] == [words(i.findtext("description") or "")
                                                 for i in items(name)]  # fmt: skip


@pytest.mark.parametrize("name", sorted(p.name for p in FEEDS.glob("*.xml")))
def test_every_real_feed_is_recognised_by_its_content(name: str, tmp_path: Path) -> None:
    data = (FEEDS / name).read_bytes()
    assert looks_like_feed(data)
    saved = tmp_path / "nachrichten.txt"  # a feed saved under any name
    saved.write_bytes(data)
    assert looks_like_feed(saved.read_bytes())


def test_pages_and_mails_are_not_feeds() -> None:
    page = PAGE.format(title="Titel", paragraphs="<p>Text</p>").encode()
    assert not looks_like_feed(page)
    assert not looks_like_feed(b"From: a@example.org\nSubject: rss\n\n<rss version='2.0'>")
    assert not looks_like_feed(b"<?xml version='1.0'?><kml><Document/></kml>")
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<rdf:RDF>")
    assert looks_like_feed("<feed xmlns='http://www.w3.org/2005/Atom'>".encode("utf-16"))


def feed(body: str, *, version: str = '2.0') -> bytes:
    """Return an RSS document of our own with ``body`` as its items."""
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="{version}"><channel>'
            f"<title>Stadtbote</title><link>https://stadtbote.example/</link>{body}"
            "</channel></rss>").encode()  # fmt: skip


def item(title: str, link: str, description: str, guid: str = "") -> str:
    guid_tag = f"<guid>{guid}</guid>" if guid else ""
    return (f"<item><title>{title}</title><link>{link}</link>{guid_tag}"
            f"<description>{description}</description></item>")  # fmt: skip


TEXT = "Die Stadtwerke erhöhen zum Juli die Preise für Fernwärme um acht Prozent."


@pytest.mark.parametrize(("markup", "expected"), [
    # a link to the entry's own page, however worded, and a closing label paragraph
    (f'<p>{TEXT} <a href="https://stadtbote.example/a?utm_source=rss">mehr</a></p>'
     '<p><a href="https://www.stadtbote.example/a/">Meldung bei stadtbote.example lesen</a></p>',
     TEXT),
    # a label to another host (a feed proxy), after the last full stop
    (f'<p>{TEXT} <a href="https://proxy.example/~r/1">Weiterlesen »</a></p>', TEXT),
    (f'<p>{TEXT}</p><p><a href="https://proxy.example/~r/1">Zum Artikel</a></p>', TEXT),
    # links that are part of the text stay
    ('<p>Die <a href="https://stadtwerke.example/">Stadtwerke</a> erhöhen die Preise.</p>',
     "Die Stadtwerke erhöhen die Preise."),
    (f'<p>{TEXT} Quelle: <a href="https://agentur.example/">Agentur</a></p>',
     f"{TEXT} Quelle: Agentur"),
])  # fmt: skip
def test_link_labels_go_by_their_place_not_their_site(markup: str, expected: str) -> None:
    data = feed(item("Preise steigen", "https://stadtbote.example/a",
                     markup.replace("<", "&lt;").replace(">", "&gt;")))  # fmt: skip
    [article] = read(data, "stadtbote.xml")
    assert article.body == expected


@pytest.mark.parametrize(("teaser", "expected"), [
    (f"{TEXT} [mehr]", TEXT),
    (f"{TEXT} Weiterlesen »", TEXT),
    (f"{TEXT} […] mehr", TEXT),
    (f"{TEXT} Mehr lesen", TEXT),
    ("Mehr als vierzig Museen öffnen am Samstag bis zwei Uhr.",
     "Mehr als vierzig Museen öffnen am Samstag bis zwei Uhr."),
    ("Wer früh übt, kann später besser lesen.", "Wer früh übt, kann später besser lesen."),
])  # fmt: skip
def test_plain_teasers_lose_a_read_more_tail(teaser: str, expected: str) -> None:
    [article] = read(feed(item("Preise steigen", "https://stadtbote.example/a", teaser)), "x")
    assert article.body == expected


def test_the_fullest_text_wins_content_encoded_first() -> None:
    ns = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    longer = f"<content:encoded>&lt;p&gt;{TEXT} Kunden können widersprechen.&lt;/p&gt;" \
        "</content:encoded>"
    image_only = '<content:encoded>&lt;img src="https://stadtbote.example/b.jpg"&gt;' \
        "</content:encoded>"
    for extra, expected in ((longer, f"{TEXT} Kunden können widersprechen."), (image_only, TEXT)):
        data = feed(item("Preise", "https://stadtbote.example/a", TEXT).replace(
            "</item>", f"{extra}</item>")).replace(b"<rss ", f"<rss {ns} ".encode())
        assert [a.body for a in read(data, "x")] == [expected]


def test_duplicates_by_guid_or_link_are_dropped() -> None:
    body = (item("Eins", "https://stadtbote.example/1", TEXT, guid="a")
            + item("Eins (aktualisiert)", "https://stadtbote.example/1", TEXT, guid="b")
            + item("Zwei", "https://stadtbote.example/2", TEXT, guid="a")
            + item("Drei", "https://stadtbote.example/3", TEXT, guid="c"))  # fmt: skip
    assert [a.title for a in read(feed(body), "x")] == ["Eins", "Drei"]


@pytest.mark.parametrize("document", [
    feed(item("Preise steigen", "https://stadtbote.example/a", TEXT), version="0.91"),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://stadtbote.example/">'
     "<title>Stadtbote</title><link>https://stadtbote.example/</link></channel>"
     '<item rdf:about="https://stadtbote.example/a"><title>Preise steigen</title>'
     f"<link>https://stadtbote.example/a</link><description>{TEXT}</description></item>"
     "</rdf:RDF>").encode(),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Stadtbote</title>'
     '<link href="https://stadtbote.example/"/><entry><title>Preise steigen</title>'
     '<link href="https://stadtbote.example/a"/><id>tag:stadtbote.example,2024:a</id>'
     "<updated>2024-05-14T08:00:00+02:00</updated>"
     f'<content type="html">&lt;p&gt;{TEXT}&lt;/p&gt;</content></entry></feed>').encode(),
])  # fmt: skip
def test_rss_091_rss_10_and_atom(document: bytes) -> None:
    assert looks_like_feed(document)
    [article] = map(parse_document, read_bytes(document, "stadtbote.feed"))
    assert (article.title, article.body, article.source.url) == (
        "Preise steigen", TEXT, "https://stadtbote.example/a")
    assert article.source.name == "Stadtbote"


def test_a_broken_feed_is_one_reason() -> None:
    data = (FEEDS / "tagesschau-rss2-2021-02-18.xml").read_bytes()
    with pytest.raises(SkipFile, match=r"^broken feed XML: unclosed CDATA section \(line \d+\)$"):
        read(data[: len(data) // 3], "tagesschau.xml")
    with pytest.raises(SkipFile, match=r"^not an RSS or Atom feed$"):
        read(b"<html><body>Wartungsarbeiten</body></html>", "x.xml")


OPEN = "Die Brücke über den Kanal ist nach drei Jahren Bauzeit offen. Radfahrer müssen schieben."


def bundle(page: bytes | None) -> bytes:
    entry = FeedEntry(id="1", link="https://stadtbote.example/page/1",
                      title="Neue Brücke über den Kanal eröffnet",
                      content=f"<p>{OPEN} <a href='https://stadtbote.example/page/1'>"
                              "weiterlesen</a></p>",
                      published="2024-05-14T07:30:00+02:00")  # fmt: skip
    fetched = Response(entry.link, entry.link, page) if page is not None else None
    return entry_bundle(entry, Feed("Stadtbote", "", "Stadtbote", []), "https://x/feed", fetched)


def test_an_entry_bundle_reads_the_linked_page_with_the_html_reader() -> None:
    title, paragraphs = STORIES["1"]
    page = PAGE.format(title=title, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))
    [article] = read_entry(bundle(page.encode()), "https://stadtbote.example/page/1")
    assert article.title == title
    assert [" ".join(p.split()) for p in article.body.split("\n\n")] == paragraphs
    assert article.authors == ["Jana Beispiel"]
    assert article.source.url == "https://stadtbote.example/page/1"
    assert article.source.name == "Stadtbote"


def test_an_entry_bundle_without_a_page_or_with_a_poorer_one_keeps_the_feed_text() -> None:
    [alone] = read_entry(bundle(None), "e")
    poor = PAGE.format(title="Anmelden", paragraphs="<p>Bitte melden Sie sich an.</p>")
    [paywalled] = read_entry(bundle(poor.encode()), "e")
    assert alone.body == paywalled.body == OPEN
    assert alone.published == dt.datetime.fromisoformat("2024-05-14T07:30:00+02:00")
