"""Feed inputs fetched from a local server: one input per feed, or per entry with full_text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.collect import read_input
from digest.config import OutletRule
from digest.config.inputs import InputSpec, parse_entry
from digest.models import Article
from digest.sources import Input, SourceError
from digest.sources.feeds import Known, feed_inputs
from digest.sources.fetch import Fetcher
from tests.feed_server import FEEDS, STORIES, FeedServer, serve

TAGESSCHAU = "tagesschau-rss2-2021-02-18.xml"


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """Serve the real feeds, our own feed and its pages."""
    with serve() as srv:
        yield srv


def spec(value: object) -> InputSpec:
    return parse_entry(value, Path.cwd())


def fetch(value: object, fetcher: Fetcher | None = None, known: Known | None = None) -> list[Input]:
    """Fetch the feed of the ``inputs`` entry ``value`` and return its inputs."""
    fetcher = fetcher or Fetcher()
    given = spec(value)
    return feed_inputs(given, fetcher, fetcher.get(given.location), known=known)


def read(item: Input) -> list[Article]:
    return read_input(item, 5_000_000)


def test_a_feed_url_is_one_feed_input_read_into_one_article_per_entry(
    server: FeedServer,
) -> None:
    url = server.url(f"feeds/{TAGESSCHAU}")
    [feed] = fetch(url)
    assert (feed.name, feed.file, feed.kind, feed.url) == (url, url, ".feed", None)
    assert feed.load() == (FEEDS / TAGESSCHAU).read_bytes()
    articles = read(feed)
    assert len(articles) == 38
    # Entries that link to an ARD station's own page are that station's articles.
    assert {a.source.name for a in articles} == {"tagesschau.de", "NDR", "SWR", "rbb24"}
    # issue.json: the feed is the file, each entry's own link the url.
    assert {a.source.file for a in articles} == {url}
    assert len({a.source.url for a in articles}) == 38


def test_the_mapping_names_the_outlet(server: FeedServer) -> None:
    url = server.url("feeds/kde-syndication-heise-atom.xml")
    [feed] = fetch({"url": url, "name": "heise"})
    assert (feed.outlet, feed.origin) == (OutletRule(name="heise"), url)
    assert {a.source.name for a in read(feed)} == {"heise"}


def test_the_next_night_gets_304_and_the_same_input(server: FeedServer, tmp_path: Path) -> None:
    url = server.url(f"feeds/{TAGESSCHAU}")
    first = fetch(url, Fetcher(tmp_path / "http"))
    again = fetch(url, Fetcher(tmp_path / "http"))
    assert again == first and again[0].load() == first[0].load()
    assert server.log.statuses[-2:] == [(f"/feeds/{TAGESSCHAU}", 200),
                                        (f"/feeds/{TAGESSCHAU}", 304)]  # fmt: skip


def test_failing_feeds_raise_one_reason_each(server: FeedServer) -> None:
    reasons = []
    for path in ("missing", f"truncated/{TAGESSCHAU}", "to-file"):
        with pytest.raises(SourceError) as caught:
            fetch(server.url(path))
        reasons.append(str(caught.value))
    assert reasons[0] == "HTTP 404 Not Found"
    assert reasons[1].startswith("broken feed XML: ")
    assert reasons[2] == "redirect to a file:// URL refused (file:///etc/passwd)"


def test_full_text_reads_each_linked_page_and_falls_back_to_the_feed_text(
    server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = server.url("own.xml")
    with caplog.at_level(logging.WARNING):
        inputs = fetch({"url": url, "full_text": True})
    links = [server.url("page/1"), server.url("page/missing"), "http://10.1.2.3/markthalle"]
    assert [(i.name, i.kind, i.origin, i.url) for i in inputs] == [
        (link, ".entry", url, link) for link in links
    ]
    assert caplog.messages == [
        f"Full text of 2 of 3 entries of '{url}' not fetched ({links[1]}: HTTP 404 Not Found); "
        "their feed text is used"
    ]
    assert "/page/1" in server.log.paths() and "/page/missing" in server.log.paths()
    page, missing, refused = (read(i)[0] for i in inputs)
    title, paragraphs = STORIES["1"]
    assert (page.title, page.authors, page.source.url) == (title, ["Jana Beispiel"], links[0])
    assert [" ".join(p.split()) for p in page.body.split("\n\n")] == paragraphs
    assert missing.body == ("Die Stadtbibliothek öffnet ab Juni auch sonntags von zehn bis "
                            "sechzehn Uhr.")  # fmt: skip
    assert refused.body == ("Die Markthalle am Hafen wird ab Juli von einer Genossenschaft "
                            "betrieben.")  # fmt: skip
    # The feed's host (127.0.0.1) names no part of its title: the whole title names the outlet.
    names = {a.source.name for a in (page, missing, refused)}
    assert names == {"Stadtbote - Nachrichten aus der Stadt"}


def test_full_text_pages_are_not_kept_in_the_cache(server: FeedServer, tmp_path: Path) -> None:
    fetch({"url": server.url("own.xml"), "full_text": True}, Fetcher(tmp_path))
    assert ("/page/1", 200) in server.log.statuses  # it had an ETag to keep
    assert list(tmp_path.iterdir()) == []


def test_full_text_leaves_out_known_entries_without_fetching_them(server: FeedServer) -> None:
    before = len(server.log.requests)
    inputs = fetch({"url": server.url("own.xml"), "full_text": True},
                   known=lambda keys: f"url:{server.url('page/1')}" in keys)
    assert [i.name for i in inputs] == [server.url("page/missing"), "http://10.1.2.3/markthalle"]
    assert "/page/1" not in server.log.paths()[before:]
