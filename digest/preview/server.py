"""The preview's web server: loopback by default, only the build folder, long-poll reloads.

One odd client cannot stall or flood it: at most ``MAX_THREADS`` connections are served at
once (the rest wait in the listen backlog, costing nothing), a connection silent for
``TIMEOUT`` seconds is dropped, an IPv6 host (``::1``) gets an IPv6 socket, and SIGTERM
stops the preview as Ctrl-C does, so its temporary folder is removed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import posixpath
import shutil
import signal
import socket
import sys
import tempfile
import threading
import urllib.parse
import webbrowser
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from digest.config import InputSpec
from digest.errors import DigestError
from digest.preview.builder import Build, Builder, Site, publish, snapshot, watch
from digest.preview.pages import error_page, frame_page, inject

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 25.0
MAX_THREADS = 16
TIMEOUT = 5.0  # seconds a connection may stay silent (a long-poll is our own wait, not its)
WIDTHS = range(240, 2561)  # the frame widths the bar may ask for, in CSS pixels
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


def parse_width(values: list[str] | None) -> int | None:
    """Return the ``?width=`` asked for, if it is ASCII digits in ``WIDTHS``, else None."""
    value = (values or [""])[0]
    if not (value.isascii() and value.isdigit()):
        return None  # "²".isdigit() is True, int("²") is not a number
    width = int(value)
    return width if width in WIDTHS else None


def resolve(root: Path, target: str) -> Path | None:
    """Map a request target to a file inside ``root``, or None: nothing outside can be read."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(target).path, errors="strict")
    parts = path.split("/")
    if any(p == ".." or "\\" in p or "\0" in p for p in parts):
        return None
    clean = posixpath.normpath("/" + path).lstrip("/")
    file = (root / clean).resolve()
    if not file.is_relative_to(root.resolve()) or not file.is_file():
        return None
    return file


class Handler(BaseHTTPRequestHandler):
    """Serve the preview pages, the build folder's files and the long-poll endpoint."""

    site: Site  # set on the subclass made by make_server
    server_version = "digest-preview"

    def do_GET(self) -> None:
        """Answer one GET request."""
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        build = self.site.build
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"Unexpected Host header\n", TYPES[".txt"])
        elif url.path == "/_reload":
            self._reload(query)
        elif url.path in ("/", "/index.html"):
            self._page(build, query)
        elif build.folder is not None and (file := self._file(build.folder)) is not None:
            self._send(HTTPStatus.OK, file.read_bytes(), TYPES.get(file.suffix, "text/plain"))
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n", TYPES[".txt"])

    def _host_allowed(self) -> bool:
        """Refuse foreign Host names on loopback: no reading drafts through DNS rebinding."""
        bound = str(self.connection.getsockname()[0])
        if not ipaddress.ip_address(bound).is_loopback or "Host" not in self.headers:
            return True
        name = urllib.parse.urlsplit("//" + self.headers["Host"]).hostname or ""
        return name in LOOPBACK_NAMES or name.endswith(".localhost")

    def _file(self, folder: Path) -> Path | None:
        try:
            return resolve(folder, self.path)
        except UnicodeDecodeError:
            return None

    def _page(self, build: Build, query: dict[str, list[str]]) -> None:
        if build.folder is None:
            page, status = error_page(build), HTTPStatus.INTERNAL_SERVER_ERROR
        elif (width := parse_width(query.get("width"))) is not None:
            page, status = frame_page(build, width), HTTPStatus.OK
        else:
            email = (build.folder / "issue.html").read_text(encoding="utf-8")
            page, status = inject(email, build), HTTPStatus.OK
        self._send(status, page.encode("utf-8"), TYPES[".html"])

    def _reload(self, query: dict[str, list[str]]) -> None:
        since = query.get("since", ["-1"])[0]
        version = self.site.wait_newer(int(since) if since.isdigit() else -1, LONG_POLL_SECONDS)
        self._send(HTTPStatus.OK, json.dumps({"version": version}).encode(), TYPES[".json"])

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Log requests at debug level instead of printing them to stderr."""
        log.debug("%s %s", self.address_string(), format % args)


class BoundedServer(ThreadingHTTPServer):
    """A threading HTTP server with a thread bound, a socket timeout and IPv6."""

    daemon_threads = True  # long-polls never keep the process alive
    request_queue_size = 64

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], *,
        max_threads: int = MAX_THREADS, timeout: float = TIMEOUT,
    ) -> None:  # fmt: skip
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.slots = threading.BoundedSemaphore(max_threads)
        self.connection_timeout = timeout
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Wait for a free slot before starting the thread (the accept loop waits too)."""
        request.settimeout(self.connection_timeout)
        self.slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection, then free its slot."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class _Server(BoundedServer):
    """The preview's server: a client that went away is no error worth reporting."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that went away (a closed tab mid long-poll); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(site: Site, host: str, port: int) -> BoundedServer:
    """Return an HTTP server for ``site`` bound to ``host``:``port`` (0: any free port)."""
    handler = type("SiteHandler", (Handler,), {"site": site})
    return _Server((host, port), handler)


class Preview:
    """A running preview: first build, server thread and watcher thread."""

    def __init__(
        self, config_file: Path | None, inputs: Sequence[InputSpec] | None = None,
        date: dt.date | None = None, host: str = "127.0.0.1", port: int = 8000,
    ) -> None:  # fmt: skip
        self.root = Path(tempfile.mkdtemp(prefix="digest-preview-"))
        self.builder = Builder(config_file, inputs, date, self.root)
        self.site = Site()
        self.stopping = threading.Event()
        try:
            self.server = make_server(self.site, host, port)
        except OSError as exc:
            shutil.rmtree(self.root, ignore_errors=True)
            raise DigestError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Return the address to open in a browser."""
        host, port = self.server.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        name = f"[{name}]" if ":" in name else name
        return f"http://{name}:{port}/"

    def start(self) -> Preview:
        """Build once, then serve and watch in background threads."""
        before = snapshot(self.builder.watched())
        publish(self.site, self.builder.build())
        # The config is known now: add the templates folder and inputs it names.
        before = {**snapshot(self.builder.watched()), **before}
        self.threads = [
            threading.Thread(target=self.server.serve_forever, name="preview-server", daemon=True),
            threading.Thread(
                target=watch, args=(self.builder, self.site, self.stopping, before),
                name="preview-watcher", daemon=True,
            ),
        ]  # fmt: skip
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and watching; delete the build folders."""
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Preview:
        try:
            return self.start()
        except BaseException:  # Ctrl-C or SIGTERM during the first build: nothing to stop yet
            self.server.server_close()
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt in the main thread while the block runs."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(preview: Preview, say: Callable[[str], object], open_browser: bool = False) -> None:
    """Run ``preview`` until interrupted (Ctrl-C or SIGTERM), telling the user where."""
    with sigterm_as_interrupt(), preview:
        say(f"Serving the preview on {preview.url} (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(preview.url)
        try:
            preview.stopping.wait()
        except KeyboardInterrupt:
            say("Stopped.")
