"""digest.preview.server: a thread bound, a socket timeout, IPv6 and SIGTERM as Ctrl-C."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import pytest

from digest.preview.server import BoundedServer, parse_width, sigterm_as_interrupt


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"Hallo\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(host: str = "127.0.0.1", **kwargs: float) -> Iterator[BoundedServer]:
    server = BoundedServer((host, 0), Hello, **kwargs)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def get(host: str, port: int) -> int:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", "/")
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.parametrize(("values", "width"), [
    (["375"], 375), (["²"], None), (["٣٧٥"], None), (["99999"], None), (["-5"], None),
    ([""], None), (None, None),
])  # fmt: skip
def test_parse_width(values: list[str] | None, width: int | None) -> None:
    assert parse_width(values) == width


def test_an_idle_connection_is_dropped_after_the_timeout() -> None:
    with serving(timeout=0.5) as server, socket.create_connection(server.server_address[:2]) as s:
        s.sendall(b"GET / HTTP/1.1\r\n")
        s.settimeout(5)
        started = time.monotonic()
        s.recv(1024)  # returns (b"" or a 408) instead of waiting: the server let go
        assert time.monotonic() - started < 2


def test_idle_connections_take_no_more_than_the_bound() -> None:
    with serving(max_threads=4, timeout=30) as server:
        before = threading.active_count()
        idle = [socket.create_connection(server.server_address[:2]) for _ in range(30)]
        for s in idle:
            s.sendall(b"GET / HTTP/1.1\r\n")
        time.sleep(0.3)
        assert threading.active_count() - before <= 4
        for s in idle:
            s.close()
        host, port = server.server_address[:2]
        assert get(str(host), int(port)) == 200  # slots free again once they went away


def test_ipv6_loopback() -> None:
    with serving("::1") as server:
        assert get("::1", int(server.server_address[1])) == 200


def test_sigterm_becomes_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt), sigterm_as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
