"""HTTP fetching against a local server: limits, conditional GET, redirects, failures."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest import __version__
from digest.sources.fetch import Fetcher, FetchError
from tests.feed_server import FEEDS, FeedServer, serve

TAGESSCHAU = "tagesschau-rss2-2021-02-18.xml"


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """Serve the real feeds and the failure routes."""
    with serve() as srv:
        yield srv


def fetch_error(fetcher: Fetcher, url: str, **kwargs: int) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url, **kwargs)
    return str(caught.value)


def test_fetches_a_feed_byte_for_byte_and_names_the_project(server: FeedServer) -> None:
    response = Fetcher().get(server.url(f"feeds/{TAGESSCHAU}"))
    assert response.data == (FEEDS / TAGESSCHAU).read_bytes()
    assert response.content_type == "application/rss+xml"
    assert not response.not_modified
    path, headers = server.log.requests[-1]
    assert path == f"/feeds/{TAGESSCHAU}"
    assert headers["User-Agent"] == f"digest/{__version__}"
    assert "If-None-Match" not in headers


def test_second_fetch_is_a_conditional_get_answered_from_the_cache(
    server: FeedServer, tmp_path: Path
) -> None:
    cache = tmp_path / "state" / "http"
    url = server.url("feeds/kde-syndication-heise-atom.xml")
    first = Fetcher(cache).get(url)
    second = Fetcher(cache).get(url)  # a new run: only the disk remembers
    assert second.not_modified and not first.not_modified
    assert second.data == first.data == (FEEDS / "kde-syndication-heise-atom.xml").read_bytes()
    (_, asked), (_, again) = server.log.requests[-2:]
    assert "If-None-Match" not in asked
    assert again["If-None-Match"].startswith('"') and again["If-Modified-Since"]
    assert [s for _, s in server.log.statuses[-2:]] == [200, 304]
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in cache.iterdir()} == {0o600}
    assert sorted(p.suffix for p in cache.iterdir()) == [".body", ".json"]


def test_a_gzipped_answer_is_unpacked(server: FeedServer) -> None:
    response = Fetcher().get(server.url(f"gzip/{TAGESSCHAU}"))
    assert response.data == (FEEDS / TAGESSCHAU).read_bytes()
    assert server.log.requests[-1][1]["Accept-Encoding"] == "gzip"


def test_404_is_one_line(server: FeedServer) -> None:
    assert fetch_error(Fetcher(), server.url("missing")) == "HTTP 404 Not Found"


def test_a_server_that_does_not_answer_times_out(server: FeedServer) -> None:
    fetcher = Fetcher(read_timeout=0.5)
    reason = fetch_error(fetcher, server.url("slow"))
    assert reason == f"no answer from {server.base.removeprefix('http://')} within 0.5 s"


def test_a_body_dripping_past_the_deadline_is_cut_off(server: FeedServer) -> None:
    fetcher = Fetcher(read_timeout=2, total_timeout=1)
    assert fetch_error(fetcher, server.url("drip")) == "not complete within 1 s"


def test_a_body_over_the_limit_is_refused(server: FeedServer) -> None:
    size = (FEEDS / TAGESSCHAU).stat().st_size
    declared = fetch_error(Fetcher(), server.url(f"feeds/{TAGESSCHAU}"), max_bytes=10_000)
    assert declared == f"too large ({size:,} bytes, limit 10,000)"
    undeclared = fetch_error(Fetcher(), server.url(f"nolength/{TAGESSCHAU}"), max_bytes=10_000)
    assert undeclared == "too large (more than the limit of 10,000 bytes)"


def test_a_gzip_bomb_is_stopped_at_the_limit(server: FeedServer) -> None:
    reason = fetch_error(Fetcher(max_bytes=1_000_000), server.url("bomb"))
    assert reason == "too large (more than the limit of 1,000,000 bytes)"


def test_a_redirect_to_file_is_refused(server: FeedServer) -> None:
    reason = fetch_error(Fetcher(), server.url("to-file"))
    assert reason == "redirect to a file:// URL refused (file:///etc/passwd)"


def test_a_redirect_within_http_is_followed(server: FeedServer) -> None:
    response = Fetcher().get(server.url(f"to-feed/{TAGESSCHAU}"))
    assert response.final_url == server.url(f"feeds/{TAGESSCHAU}")
    assert response.data == (FEEDS / TAGESSCHAU).read_bytes()


def test_only_http_urls_are_fetched() -> None:
    assert fetch_error(Fetcher(), "file:///etc/passwd") == (
        "only http:// and https:// URLs are fetched, not 'file:///etc/passwd'"
    )


def test_refused_connection_and_unknown_host() -> None:
    from tests.dovecot import free_port

    port = free_port()
    assert fetch_error(Fetcher(), f"http://127.0.0.1:{port}/feed") == (
        f"connection to 127.0.0.1:{port} refused"
    )
    reason = fetch_error(Fetcher(), "http://digest-test.invalid/feed")
    assert reason.startswith("host 'digest-test.invalid' not found (DNS: ")


def test_at_most_four_connections_at_once(server: FeedServer) -> None:
    urls = [server.url(f"wait/{i}") for i in range(10)]
    seen: list[int] = []
    results = Fetcher().get_many(urls, progress=lambda done, total, url: seen.append(done))
    assert [r.data for r in results.values()] == [str(i).encode() for i in range(10)]  # type: ignore[union-attr]
    assert server.log.most_active == 4
    assert seen == list(range(1, 11))


def test_get_many_returns_each_failure_beside_the_successes(server: FeedServer) -> None:
    results = Fetcher().get_many([server.url("missing"), server.url(f"feeds/{TAGESSCHAU}")])
    missing, feed = results.values()
    assert isinstance(missing, FetchError) and str(missing) == "HTTP 404 Not Found"
    assert not isinstance(feed, FetchError) and feed.data.startswith(b"<?xml")


def test_a_server_that_never_accepts_is_a_connect_timeout() -> None:
    import socket

    # A listener whose backlog is full: the kernel leaves further handshakes unanswered.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        waiting = []
        for _ in range(8):  # fill the accept queue (its length is the backlog plus a little)
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            waiting.append(s)
        try:
            reason = fetch_error(Fetcher(connect_timeout=0.5), f"http://127.0.0.1:{port}/feed")
        finally:
            for s in waiting:
                s.close()
    assert reason == f"no connection to 127.0.0.1:{port} within 0.5 s"
