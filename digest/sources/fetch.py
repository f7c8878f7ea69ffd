"""Polite, bounded HTTP(S) fetching: timeouts, a size limit, few connections, conditional GET.

Only ``http://`` and ``https://`` are fetched, and a redirect may not leave them (nor go
from https down to http). A server that sent an ``ETag`` or ``Last-Modified`` is asked
again with ``If-None-Match``/``If-Modified-Since``; its ``304 Not Modified`` is answered
from a small on-disk cache. Every failure is a ``FetchError`` with a one-line reason.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from email.message import Message
from importlib import metadata
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from digest import __version__
from digest.fsutil import PRIVATE_FILE, atomic_write
from digest.sources.input import SourceError
from digest.sources.neterr import network_reason

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0  # one response, body included: a server dripping bytes is cut off
MAX_BYTES = 10 * 1024 * 1024
MAX_CONNECTIONS = 4
MAX_REDIRECTS = 5
CACHE_DAYS = 30  # a cached body not asked for this long is dropped
_CHUNK = 64 * 1024
_SCHEMES = ("http", "https")


def user_agent() -> str:
    """Name the project and, once the package declares one, its home page."""
    try:
        urls = metadata.metadata("digest").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    home = next((u.split(",", 1)[1].strip() for u in urls if "," in u), "")
    return f"digest/{__version__}" + (f" (+{home})" if home else "")


class FetchError(SourceError):
    """A URL that could not be fetched; the message is the reason."""


@dataclass(frozen=True)
class Response:
    """A fetched body: ``not_modified`` if the server answered 304 and it came from the cache."""

    url: str
    final_url: str
    data: bytes
    content_type: str = ""
    not_modified: bool = False


@dataclass(frozen=True)
class _Cached:
    url: str
    final_url: str
    etag: str
    last_modified: str
    content_type: str
    data: bytes


class HttpCache:
    """Bodies with their validators, one ``.json`` and one ``.body`` file per URL (mode 0600)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def load(self, url: str) -> _Cached | None:
        """Return the cached response of ``url``, or None."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        def field(key: str) -> str:
            return str(meta.get(key) or "")

        return _Cached(url, field("final_url"), field("etag"), field("last_modified"),
                       field("content_type"), data)  # fmt: skip

    def store(self, url: str, response: Response, headers: Message) -> None:
        """Keep ``response`` if the server gave a validator to ask again with."""
        etag, modified = headers.get("ETag", ""), headers.get("Last-Modified", "")
        if not (etag or modified):
            return
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        meta_path, body_path = self._paths(url)
        meta = {"url": url, "final_url": response.final_url, "etag": etag,
                "last_modified": modified, "content_type": response.content_type}  # fmt: skip
        atomic_write(body_path, response.data, mode=PRIVATE_FILE)
        atomic_write(meta_path, json.dumps(meta), mode=PRIVATE_FILE)

    def touch(self, url: str) -> None:
        """Mark ``url``'s entry as used now, so pruning keeps it."""
        for path in self._paths(url):
            path.touch(exist_ok=True)

    def prune(self, days: float = CACHE_DAYS) -> None:
        """Drop entries not used for ``days`` days."""
        if not self.folder.is_dir():
            return
        cutoff = time.time() - days * 86400
        for path in self.folder.iterdir():
            if path.suffix in (".json", ".body") and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow a few redirects, within http(s) and never from https down to http."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:  # fmt: skip
        """Check where the redirect leads before urllib follows it."""
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        old, new = urlsplit(req.full_url).scheme.lower(), urlsplit(target).scheme.lower()
        reason = ""
        if new not in _SCHEMES:
            reason = f"redirect to a {new}:// URL refused ({target})"
        elif old == "https" and new == "http":
            reason = f"redirect from https to http refused ({target})"
        if reason:
            fp.close()
            raise FetchError(reason)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _handlers(read_timeout: float, context: ssl.SSLContext) -> list[urllib.request.BaseHandler]:
    """HTTP(S) handlers whose connections wait ``read_timeout`` once connected."""

    class Plain(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            self.sock.settimeout(read_timeout)

    class Secure(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()  # the TLS handshake still runs under the connect timeout
            self.sock.settimeout(read_timeout)

    class PlainHandler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Plain, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Secure, req, context=context)

    return [PlainHandler(), SecureHandler(context=context), _Redirects()]


class Fetcher:
    """Fetch URLs with the limits above; ``cache_dir`` (in the state folder) enables 304s."""

    def __init__(
        self, cache_dir: Path | None = None, *, connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT, total_timeout: float = TOTAL_TIMEOUT,
        max_bytes: int = MAX_BYTES, max_connections: int = MAX_CONNECTIONS,
        cafile: Path | None = None,
    ) -> None:  # fmt: skip
        self.cache = HttpCache(cache_dir) if cache_dir else None
        if self.cache:
            self.cache.prune()
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_connections = max_connections
        # The system trust store (which honours SSL_CERT_FILE), plus ``cafile`` if given.
        context = ssl.create_default_context()
        if cafile:
            context.load_verify_locations(cafile=str(cafile))
        self._opener = urllib.request.build_opener(*_handlers(read_timeout, context))
        self._agent = user_agent()

    def get(self, url: str, *, max_bytes: int | None = None, cache: bool = True) -> Response:
        """Fetch ``url``; raise ``FetchError`` with the reason if that fails.

        ``cache=False`` neither asks conditionally nor keeps the body (a page read once).
        """
        if urlsplit(url).scheme.lower() not in _SCHEMES:
            raise FetchError(f"only http:// and https:// URLs are fetched, not {url!r}")
        limit = max_bytes or self.max_bytes
        store = self.cache if cache else None
        cached = store.load(url) if store else None
        request = urllib.request.Request(url, headers=self._headers(cached))
        deadline = time.monotonic() + self.total_timeout
        try:
            with self._opener.open(request, timeout=self.connect_timeout) as answer:
                data = self._body(answer, limit, deadline)
                type_ = answer.headers.get("Content-Type", "")
                response = Response(url, answer.geturl(), data, type_)
                if store:
                    store.store(url, response, answer.headers)
                return response
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and cached and store:
                store.touch(url)
                return Response(url, cached.final_url, cached.data, cached.content_type, True)
            raise FetchError(f"HTTP {exc.code} {exc.reason}".strip()) from None
        except FetchError:
            raise
        except urllib.error.URLError as exc:
            raise FetchError(self._reason(exc.reason, url, connecting=True)) from None
        except (OSError, http.client.HTTPException, ValueError, zlib.error) as exc:
            raise FetchError(self._reason(exc, url, connecting=False)) from None

    def get_many(
        self, urls: Iterable[str], *, max_bytes: int | None = None, cache: bool = True,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> dict[str, Response | FetchError]:  # fmt: skip
        """Fetch ``urls``, a few at a time; map each URL to its response or its error.

        ``progress(done, total, url)`` is called as each one finishes (a terminal shows it).
        """
        unique = list(dict.fromkeys(urls))
        results: dict[str, Response | FetchError] = {}
        with ThreadPoolExecutor(max_workers=self.max_connections) as pool:
            futures = {pool.submit(self._get_or_error, u, max_bytes, cache): u for u in unique}
            for done, future in enumerate(as_completed(futures), 1):
                results[futures[future]] = future.result()
                if progress:
                    progress(done, len(unique), futures[future])
        return {u: results[u] for u in unique}

    def _get_or_error(self, url: str, max_bytes: int | None, cache: bool) -> Response | FetchError:
        try:
            return self.get(url, max_bytes=max_bytes, cache=cache)
        except FetchError as exc:
            return exc

    def _headers(self, cached: _Cached | None) -> dict[str, str]:
        headers = {"User-Agent": self._agent, "Accept-Encoding": "gzip"}
        if cached and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        return headers

    def _body(self, answer: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
        """Read the body within ``limit`` bytes (decompressed) and the deadline."""
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_large(limit, int(declared)))
        encoding = answer.headers.get("Content-Encoding", "").strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        unzip = zlib.decompressobj(wbits=31) if "gzip" in encoding else None
        parts: list[bytes] = []
        size = 0
        while chunk := answer.read1(_CHUNK):  # what has come, not a full chunk: the deadline
            if unzip:
                chunk = _inflate(unzip, chunk, limit - size + 1)
            size += len(chunk)
            if size > limit:
                raise FetchError(_too_large(limit))
            if time.monotonic() > deadline:
                raise FetchError(f"not complete within {self.total_timeout:g} s")
            parts.append(chunk)
        return b"".join(parts)

    def _reason(self, exc: BaseException | str, url: str, *, connecting: bool) -> str:
        """Say in one line why fetching ``url`` failed."""
        if isinstance(exc, str):
            return exc
        parts = urlsplit(url)
        where = parts.netloc
        if isinstance(exc, TimeoutError) and connecting:
            return f"no connection to {where} within {self.connect_timeout:g} s"
        if isinstance(exc, http.client.RemoteDisconnected):
            return f"{where} closed the connection"
        if isinstance(exc, http.client.HTTPException):
            return f"bad HTTP answer from {where} ({type(exc).__name__})"
        if isinstance(exc, zlib.error):
            return f"broken gzip body from {where}"
        known = network_reason(exc, parts.hostname or "", where, self.read_timeout)
        return known or (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


def _inflate(unzip: Any, chunk: bytes, room: int) -> bytes:
    """Decompress ``chunk``, never more than ``room`` bytes: a small body can unpack to GBs."""
    out: bytes = unzip.decompress(chunk, room)
    if unzip.unconsumed_tail:
        # More than ``room`` bytes would come out: the caller sees the body as too large.
        return out + b"\0"
    return out


def _too_large(limit: int, size: int | None = None) -> str:
    if size is not None:
        return f"too large ({size:,} bytes, limit {limit:,})"
    return f"too large (more than the limit of {limit:,} bytes)"
