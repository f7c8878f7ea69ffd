"""A local HTTP server for the feed tests: the real feeds of ../shared, and every failure.

Feeds are read from ``../shared/corpus/real-inputs-dev/feeds/`` on each request (never
copied). Routes: ``/feeds/NAME`` (ETag, Last-Modified, 304 on ``If-None-Match``),
``/gzip/NAME``, ``/nolength/NAME`` (no Content-Length), ``/truncated/NAME`` (the first
third of a feed), ``/missing`` (404), ``/slow`` (no answer in time), ``/drip`` (a body
a byte at a time), ``/bomb`` (gzip of 20 MB of zeros), ``/to-file`` (a redirect to
``file://``), ``/to-feed/NAME`` (a redirect within http), ``/wait/N`` (0.3 s, counting
connections at once), ``/own.xml`` and ``/page/N`` (a feed and pages of our own writing).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.conftest import CORPUS

FEEDS = CORPUS / "real-inputs-dev" / "feeds"
SLOW_SECONDS = 3.0
MODIFIED = "Thu, 18 Feb 2021 22:18:19 GMT"

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>{title} | Stadtbote</title>
<meta property="og:site_name" content="Stadtbote">
<meta property="article:published_time" content="2024-05-14T07:30:00+02:00">
<meta name="author" content="Jana Beispiel">
</head><body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Impressum · Datenschutz · Kontakt</footer></body></html>"""

STORIES = {
    "1": ("Neue Brücke über den Kanal eröffnet", [
        "Nach drei Jahren Bauzeit ist die neue Fußgängerbrücke über den Kanal am Montag "
        "eröffnet worden. Hunderte Menschen gingen am Vormittag als Erste über die "
        "geschwungene Stahlkonstruktion, die den Hafen mit der Altstadt verbindet.",
        "Die Baukosten lagen mit knapp neun Millionen Euro rund ein Fünftel über der "
        "ursprünglichen Planung. Grund seien gestiegene Stahlpreise und ein längerer "
        "Winter, sagte der Baudezernent bei der Eröffnung.",
        "Radfahrer dürfen die Brücke nur schiebend benutzen. Eine eigene Radspur war "
        "geplant, scheiterte aber an der Breite des Bauwerks, die der Denkmalschutz "
        "am alten Hafenbecken vorgab.",
    ]),
}

OWN_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel><title>Stadtbote - Nachrichten aus der Stadt</title><link>{base}/</link>
<item><title>Neue Brücke über den Kanal eröffnet</title><link>{base}/page/1</link>
<guid>{base}/page/1</guid><pubDate>Tue, 14 May 2024 07:30:00 +0200</pubDate>
<description>Nach drei Jahren Bauzeit ist die Fußgängerbrücke offen.
 &lt;a href="{base}/page/1"&gt;weiterlesen&lt;/a&gt;</description></item>
<item><title>Stadtbibliothek verlängert Öffnungszeiten</title><link>{base}/page/missing</link>
<guid>{base}/page/missing</guid><pubDate>Tue, 14 May 2024 06:10:00 +0200</pubDate>
<description>Die Stadtbibliothek öffnet ab Juni auch sonntags von zehn bis sechzehn Uhr.
 Mehr lesen</description></item>
<item><title>Markthalle bekommt neuen Betreiber</title><link>http://10.1.2.3/markthalle</link>
<guid>markthalle-2024</guid><pubDate>Mon, 13 May 2024 17:45:00 +0200</pubDate>
<description>Die Markthalle am Hafen wird ab Juli von einer Genossenschaft betrieben.
 […] mehr</description></item>
</channel></rss>"""


@dataclass
class Log:
    """What the server saw: each request's path and headers, and the most connections at once."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    active: int = 0
    most_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        """Return the requested paths in order."""
        return [path for path, _ in self.requests]


class Handler(BaseHTTPRequestHandler):
    """Serve the routes of the module docstring."""

    log_data: Log

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def do_GET(self) -> None:
        """Answer one request."""
        log = self.server.log  # type: ignore[attr-defined]
        with log.lock:
            log.requests.append((self.path, dict(self.headers.items())))
        route, _, rest = self.path.lstrip("/").partition("/")
        getattr(self, f"_{route.replace('-', '_').replace('.', '_')}", self._missing)(rest)

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              length: bool = True) -> None:  # fmt: skip
        self.server.log.statuses.append((self.path, status))  # type: ignore[attr-defined]
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _feeds(self, name: str) -> None:
        data = (FEEDS / name).read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, headers={"ETag": etag})
            return
        self._send(200, data, {"Content-Type": "application/rss+xml", "ETag": etag,
                               "Last-Modified": MODIFIED})  # fmt: skip

    def _gzip(self, name: str) -> None:
        body = gzip.compress((FEEDS / name).read_bytes())
        self._send(200, body, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})

    def _nolength(self, name: str) -> None:
        self._send(200, (FEEDS / name).read_bytes(), length=False)

    def _truncated(self, name: str) -> None:
        data = (FEEDS / name).read_bytes()
        self._send(200, data[: len(data) // 3], {"Content-Type": "application/rss+xml"})

    def _missing(self, rest: str) -> None:
        self._send(404, b"<html><body>Nicht gefunden</body></html>")

    def _slow(self, rest: str) -> None:
        time.sleep(SLOW_SECONDS)
        self._send(200, b"zu spaet")

    def _drip(self, rest: str) -> None:
        self.send_response(200)
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<")
            self.wfile.flush()
            time.sleep(0.1)

    def _bomb(self, rest: str) -> None:
        self._send(200, gzip.compress(b"\0" * 20_000_000), {"Content-Encoding": "gzip"})

    def _to_file(self, rest: str) -> None:
        self._send(302, headers={"Location": "file:///etc/passwd"})

    def _to_feed(self, name: str) -> None:
        self._send(301, headers={"Location": f"/feeds/{name}"})

    def _wait(self, rest: str) -> None:
        log = self.server.log  # type: ignore[attr-defined]
        with log.lock:
            log.active += 1
            log.most_active = max(log.most_active, log.active)
        time.sleep(0.3)
        with log.lock:
            log.active -= 1
        self._send(200, rest.encode())

    def _own_xml(self, rest: str) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._send(200, OWN_FEED.format(base=base).encode(), {"Content-Type": "application/xml"})

    def _page(self, number: str) -> None:
        if number not in STORIES:
            self._missing(number)
            return
        title, paragraphs = STORIES[number]
        html = PAGE.format(title=title, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))
        self._send(200, html.encode(), {"Content-Type": "text/html; charset=utf-8",
                                        "ETag": f'"page-{number}"'})  # fmt: skip


@dataclass
class FeedServer:
    """A running server: ``url(path)`` and what it saw in ``log``."""

    base: str
    log: Log

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path``."""
        return f"{self.base}/{path.lstrip('/')}"


class _Server(ThreadingHTTPServer):
    """A server that keeps quiet when a client it was slow for has given up."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing: a broken pipe to a timed-out client is what the tests provoke."""


@contextmanager
def serve() -> Iterator[FeedServer]:
    """Run the server on a free loopback port for the block."""
    server = _Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.log = Log()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FeedServer(f"http://127.0.0.1:{server.server_address[1]}", server.log)  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
