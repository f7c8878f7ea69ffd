"""The preview's web server: loopback by default, only the build folder, long-poll reloads.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import logging
import posixpath
import shutil
import sys
import tempfile
import threading
import urllib.parse
import webbrowser
from collections.abc import Callable, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digest.config import InputSpec
from digest.errors import DigestError
from digest.preview.builder import Build, Builder, Site, publish, snapshot, watch
from digest.preview.pages import error_page, frame_page, inject

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 25.0
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


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
        elif query.get("width", [""])[0].isdigit():
            page, status = frame_page(build, int(query["width"][0])), HTTPStatus.OK
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


class _Server(ThreadingHTTPServer):
    """A threading server whose long-polls never keep the process alive."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that went away (a closed tab mid long-poll); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(site: Site, host: str, port: int) -> ThreadingHTTPServer:
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
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(preview: Preview, say: Callable[[str], object], open_browser: bool = False) -> None:
    """Run ``preview`` until interrupted (Ctrl-C), telling the user where through ``say``."""
    with preview:
        say(f"Serving the preview on {preview.url} (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(preview.url)
        try:
            preview.stopping.wait()
        except KeyboardInterrupt:
            say("Stopped.")
