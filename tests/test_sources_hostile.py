"""Issue 22, sources: a hostile message or feed costs only itself, wherever it comes from.

The mail limits hold for every way a message arrives (a Maildir, an IMAP folder, an
.mbox, an .eml), and a feed is parsed under the same time limit as a file, fetched or
not. Real parts: Dovecot on loopback, a local HTTP server, real files.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from digest.collect import read_all
from digest.config.inputs import parse_entry
from digest.sources import Options
from tests import dovecot, hostile
from tests.dovecot import PASSWORD

NESTED = "MIME parts nested more than 100 deep"


def read(*entries: object, seconds: float = 30.0, env: dict[str, str] | None = None) -> tuple[
    list[str], dict[str, str]
]:  # fmt: skip
    """Read ``entries`` as configured inputs; return the titles and skipped file -> reason."""
    specs = [parse_entry(e, Path.cwd()) for e in entries]
    articles, skipped = read_all(specs, Options(seconds=seconds, env=env))
    return [a.title for a in articles], {s.file: s.reason for s in skipped}


def test_a_hostile_message_in_a_maildir_costs_only_itself(tmp_path: Path) -> None:
    box = tmp_path / "Post"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1.M1.host").write_bytes(hostile.simple_mail())
    (box / "new" / "2.M2.host").write_bytes(hostile.nested_multipart(5_000))
    (box / "cur" / "3.M3.host:2,S").write_bytes(hostile.parens_from(2_000))
    titles, skipped = read(str(box))
    assert titles == ["Haushalt"]
    assert skipped == {
        str(box / "new" / "2.M2.host"): NESTED,
        str(box / "cur" / "3.M3.host:2,S"):
            "comments nested more than 100 deep in one mail header (From)",
    }  # fmt: skip


@pytest.fixture
def imap() -> Iterator[dovecot.Dovecot]:
    """Dovecot with one harmless letter and one of 500 nested multiparts in INBOX."""
    srv = dovecot.start()
    srv.deliver(hostile.simple_mail(), "1715700000.M1P1.test")
    srv.deliver(hostile.nested_multipart(500), "1715700001.M2P1.test")
    yield srv
    srv.stop()


def test_a_hostile_message_in_an_imap_folder_costs_only_itself(imap: dovecot.Dovecot) -> None:
    url = imap.url(tls=True)
    titles, skipped = read({"url": url, "cafile": str(imap.cafile)},
                           env={"DIGEST_IMAP_PASSWORD": PASSWORD})  # fmt: skip
    assert titles == ["Haushalt"]
    [(name, reason)] = skipped.items()
    assert (name.startswith(f"{url};UID="), reason) == (True, NESTED)


def test_a_feed_file_nested_too_deep_takes_its_time_limit_only(tmp_path: Path) -> None:
    hostile.write(tmp_path, "bote.xml", hostile.deep_feed())
    hostile.write(tmp_path, "radweg.txt", hostile.GOOD_TEXT)
    titles, skipped = read(str(tmp_path), seconds=1.0)
    assert titles == [hostile.GOOD_TITLE]
    assert skipped == {str(tmp_path / "bote.xml"): "took longer than 1 s"}


@contextmanager
def serving(body: bytes) -> Iterator[str]:
    """Serve ``body`` as an RSS feed on loopback; yield its URL."""

    class Feed(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("full_text", [False, True])
def test_a_fetched_feed_nested_too_deep_takes_its_time_limit_only(
    tmp_path: Path, full_text: bool
) -> None:
    hostile.write(tmp_path, "radweg.txt", hostile.GOOD_TEXT)
    with serving(hostile.deep_feed()) as url:
        titles, skipped = read({"url": url, "full_text": full_text}, str(tmp_path), seconds=1.0)
    assert titles == [hostile.GOOD_TITLE]
    assert skipped == {url: "took longer than 1 s"}
