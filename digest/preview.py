"""The live preview: build into a temp folder, serve it on loopback, rebuild when a file changes.

Modelled on MkDocs' livereload: every rebuild re-reads the configuration and renders into a
fresh folder that is swapped in only when complete; a failed rebuild keeps the server up and
shows the error; open pages long-poll ``/_reload`` and reload themselves after a new build.
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
import time
import traceback
import urllib.parse
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2

from digest.build import build_issue, today
from digest.config import GMAIL_CLIP_BYTES, Config, load_config
from digest.errors import ConfigError, DigestError
from digest.fsutil import atomic_write
from digest.preview_assets import error_page, frame_page, inject
from digest.render import render

log = logging.getLogger(__name__)

POLL_SECONDS = 0.3
# Editors save in several steps (write, rename, touch): wait for the burst to end.
SETTLE_SECONDS = 0.15
LONG_POLL_SECONDS = 25.0
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


@dataclass(frozen=True)
class Build:
    """One finished build: its folder, or the error that stopped it."""

    version: int
    folder: Path | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    html_bytes: int = 0
    budget: int = GMAIL_CLIP_BYTES


class Site:
    """The build being served; swapped whole, so a request never sees half a build."""

    def __init__(self) -> None:
        self._build = Build(version=0, error="The first build has not finished yet.")
        self._changed = threading.Condition()

    @property
    def build(self) -> Build:
        """Return the build being served."""
        with self._changed:
            return self._build

    def publish(self, build: Build) -> None:
        """Serve ``build`` from now on and wake every waiting page."""
        with self._changed:
            self._build = build
            self._changed.notify_all()

    def wait_newer(self, since: int, timeout: float) -> int:
        """Block until the served version differs from ``since`` or ``timeout`` passes."""
        with self._changed:
            self._changed.wait_for(lambda: self._build.version != since, timeout)
            return self._build.version


@dataclass
class Builder:
    """Re-read the configuration and render the issue into a new folder under ``root``."""

    config_file: Path | None
    inputs: Sequence[Path] | None
    date: dt.date | None
    root: Path
    version: int = 0
    config: Config | None = field(default=None, repr=False)

    def build(self) -> Build:
        """Build once; return the result, successful or not."""
        self.version += 1
        started = time.monotonic()
        try:
            build = self._build()
        except Exception as exc:  # any failure is shown on the page; the server keeps running
            error = describe(exc)
            log.error("Preview build failed: %s", error)
            return Build(version=self.version, error=error)
        log.info("Preview rebuilt in %.2f s", time.monotonic() - started)
        return build

    def _build(self) -> Build:
        config = load_config(self.config_file)
        self.config = config
        issue = build_issue(config, inputs=self.inputs, date=self.date or today(config))
        rendered = render(issue, config)
        folder = Path(tempfile.mkdtemp(prefix=f"build-{self.version}-", dir=self.root))
        atomic_write(folder / "issue.txt", rendered.text)
        atomic_write(folder / "issue.json", json.dumps(issue.to_json(), ensure_ascii=False) + "\n")
        atomic_write(folder / "issue.html", rendered.html)
        return Build(
            version=self.version, folder=folder, warnings=tuple(rendered.warnings),
            html_bytes=len(rendered.html.encode("utf-8")), budget=config.max_html_bytes,
        )  # fmt: skip

    def watched(self) -> list[Path]:
        """Return the config file, its templates folder and the inputs."""
        config_file = self.config_file or Path("config.yaml")
        paths = [config_file.absolute()]
        if self.config is not None and self.config.templates is not None:
            paths.append(self.config.templates)
        inputs = self.inputs if self.inputs is not None else []
        if self.inputs is None and self.config is not None:
            inputs = self.config.inputs
        return [*paths, *inputs]


def describe(exc: BaseException) -> str:
    """Return an error as an editor wants to read it: file, line and message, no traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        return f"{where}, line {exc.lineno}: {exc.message}"
    if isinstance(exc, ConfigError):
        return "\n".join(exc.problems)
    if isinstance(exc, DigestError):
        return exc.format_message()
    if isinstance(exc, jinja2.TemplateError):
        return f"{type(exc).__name__}: {exc}\n\n{_template_frames(exc)}".strip()
    return "".join(traceback.format_exception_only(exc)).strip()


def _template_frames(exc: BaseException) -> str:
    """Return the template lines of a traceback (Jinja maps them to the template files)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "\n".join(
        f"{f.filename}, line {f.lineno}" for f in frames if not f.filename.endswith(".py")
    )


def snapshot(paths: Sequence[Path]) -> dict[Path, tuple[int, int]]:
    """Return modification time and size of every file under ``paths``; missing paths count too."""
    seen: dict[Path, tuple[int, int]] = {}
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue  # vanished, or never existed: its absence is part of the state
            if not file.is_dir():
                seen[file] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch(
    builder: Builder, site: Site, stop: threading.Event, before: dict[Path, tuple[int, int]]
) -> None:
    """Poll the watched files; rebuild and publish after each change until ``stop`` is set.

    ``before`` is the state the served build was made from, taken before that build began.
    """
    while not stop.wait(POLL_SECONDS):
        if snapshot(builder.watched()) == before:
            continue
        stop.wait(SETTLE_SECONDS)
        before = snapshot(builder.watched())
        publish(site, builder.build())
        # The new config may name other folders: add them, but keep the state from before the
        # build for the rest, so that a save during the build triggers another one.
        before = {**snapshot(builder.watched()), **before}


def publish(site: Site, build: Build) -> None:
    """Serve ``build``; delete older folders but the one it replaces (a reader may be on it)."""
    old = site.build
    site.publish(build)
    if build.folder is None or old.folder is None:
        return
    for folder in build.folder.parent.iterdir():
        if folder not in (build.folder, old.folder):
            shutil.rmtree(folder, ignore_errors=True)


# --- the server ----------------------------------------------------------------------------


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
        self, config_file: Path | None, inputs: Sequence[Path] | None = None,
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
