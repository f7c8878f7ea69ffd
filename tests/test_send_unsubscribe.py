"""One-click unsubscribe per person: signed links, the WSGI endpoint over real HTTP, the list.

The messages come from a real aiosmtpd server on loopback; the endpoint runs in wsgiref's
server on 127.0.0.1 and is asked with urllib, as a mail client's unsubscribe button would.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from digest.config import load_config
from digest.exitcodes import ExitCode
from digest.send.tokens import make_token
from digest.send.unsubscribe import make_app
from tests.conftest import SECRET
from tests.smtp_server import PEOPLE, SUBJECT, Mailbox, Server, digest, project, send

ENDPOINT = "https://lindenauer-digest.de/abmelden"


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server(Mailbox()).start()
    yield srv
    srv.stop()


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def endpoint(tmp_path: Path, server: Server) -> Iterator[tuple[str, Path]]:
    """Serve the unsubscribe endpoint of the test project on loopback; yield (URL, config)."""
    config = project(tmp_path, server.port)
    httpd: WSGIServer = make_server(
        "127.0.0.1", 0, make_app(load_config(config)), handler_class=_Quiet
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/abmelden", config
    httpd.shutdown()
    httpd.server_close()


def token_of(header: str) -> str:
    found = re.search(r"\?t=([\w-]+)>", header)
    assert found, header
    return found.group(1)


def http(url: str, data: bytes | None = None, kind: str = "") -> tuple[int, dict[str, str], str]:
    """Send one request; return status, headers and the page, whatever the status."""
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if kind:
        request.add_header("Content-Type", kind)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


ONE_CLICK = b"List-Unsubscribe=One-Click"
FORM = "application/x-www-form-urlencoded"


def test_each_recipient_gets_an_own_signed_link_in_headers_and_footer(
    tmp_path: Path, server: Server
) -> None:
    assert send(project(tmp_path, server.port)).exit_code == ExitCode.OK
    anna = server.mailbox.to("anna@example.org")[0].parsed()
    bernd = server.mailbox.to("bernd@example.org")[0].parsed()
    tokens = {token_of(m["List-Unsubscribe"]) for m in (anna, bernd)}
    assert len(tokens) == 2  # two recipients, two different tokens
    assert token_of(anna["List-Unsubscribe"]) == make_token(SECRET.encode(), "anna@example.org")
    assert anna["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for msg in (anna, bernd):
        plain, html = msg.iter_parts()
        link = f"{ENDPOINT}?t={token_of(msg['List-Unsubscribe'])}"
        assert f'href="{link}"' in html.get_content()  # the footer's "Abbestellen"
        assert re.search(rf"^\[\d+\] {re.escape(link)}\r?$", plain.get_content(), re.MULTILINE)
        assert f'href="{ENDPOINT}"' not in html.get_content()


def test_get_only_asks_and_a_one_click_post_unsubscribes(
    endpoint: tuple[str, Path], server: Server
) -> None:
    url, config = endpoint
    assert send(config).exit_code == ExitCode.OK
    token = token_of(server.mailbox.to("bernd@example.org")[0].parsed()["List-Unsubscribe"])
    status, headers, page = http(f"{url}?t={token}")
    assert status == 200
    assert "<h1>Abbestellen</h1>" in page
    assert "Der Digest nicht mehr an bernd@example.org senden?" in page
    assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in page
    assert headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
    status, _, page = http(f"{url}?t={token}", ONE_CLICK, FORM)  # what the button sends
    assert status == 200
    assert "<h1>Sie sind abgemeldet</h1>" in page
    assert "bernd@example.org erhält Der Digest nicht mehr." in page
    status, _, page = http(f"{url}?t={token}")
    assert "<h1>Sie sind abgemeldet</h1>" in page  # asking again shows it, changes nothing
    result = digest("unsubscribe", "-c", config, "--list")
    assert re.fullmatch(r"bernd@example\.org\t\S+\tlink\n", result.stdout)


def test_a_get_alone_never_unsubscribes(endpoint: tuple[str, Path], server: Server) -> None:
    url, config = endpoint
    send(config)
    token = token_of(server.mailbox.to("anna@example.org")[0].parsed()["List-Unsubscribe"])
    for _ in range(3):  # a mail scanner opening the link, a preview, the reader
        assert http(f"{url}?t={token}")[0] == 200
    assert digest("unsubscribe", "-c", config, "--list").stdout == ""


def test_rfc8058_multipart_post_is_understood(endpoint: tuple[str, Path], server: Server) -> None:
    url, config = endpoint
    send(config)
    token = token_of(server.mailbox.to("carla@example.org")[0].parsed()["List-Unsubscribe"])
    body = (
        b"--grenze\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
        b"One-Click\r\n--grenze--\r\n"
    )
    status, _, _ = http(f"{url}?t={token}", body, "multipart/form-data; boundary=grenze")
    assert status == 200
    assert digest("unsubscribe", "-c", config, "--list").stdout.startswith("carla@example.org\t")


@pytest.mark.parametrize(
    ("query", "body", "status", "heading"),
    [
        ("", ONE_CLICK, 400, "Dieser Abmeldelink ist ungültig"),
        ("?t=AAAAAAAAAAAAAAAAAAAAAA", ONE_CLICK, 400, "Dieser Abmeldelink ist ungültig"),
        ("?t=anna", None, 400, "Dieser Abmeldelink ist ungültig"),
        ("?t={anna}", b"x=y", 400, "Nichts wurde geändert"),
    ],
)
def test_bad_requests_change_nothing(
    endpoint: tuple[str, Path], server: Server, query: str, body: bytes | None, status: int,
    heading: str,
) -> None:  # fmt: skip
    url, config = endpoint
    send(config)
    anna = token_of(server.mailbox.to("anna@example.org")[0].parsed()["List-Unsubscribe"])
    got, _, page = http(url + query.format(anna=anna), body, FORM if body else "")
    assert (got, f"<h1>{heading}</h1>" in page) == (status, True)
    assert digest("unsubscribe", "-c", config, "--list").stdout == ""


def test_a_token_signed_with_another_secret_is_refused(
    endpoint: tuple[str, Path],
) -> None:
    url, _ = endpoint
    forged = make_token(b"a guessed secret of some length", "anna@example.org")
    assert http(f"{url}?t={forged}", ONE_CLICK, FORM)[0] == 400


def test_other_methods_are_405(endpoint: tuple[str, Path]) -> None:
    url, _ = endpoint
    request = urllib.request.Request(url, method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405 and refused.value.headers["Allow"] == "GET, POST"


def test_send_leaves_the_unsubscribed_out_and_says_so(
    endpoint: tuple[str, Path], server: Server
) -> None:
    _, config = endpoint
    assert digest("unsubscribe", "-c", config, "Bernd@Example.org").stdout == (
        "bernd@example.org: unsubscribed.\n"
    )
    assert digest("unsubscribe", "-c", config, "bernd@example.org").stdout == (
        "bernd@example.org: already unsubscribed.\n"
    )
    result = send(config)
    assert result.exit_code == ExitCode.OK
    assert result.stdout == (
        f"Sent '{SUBJECT}' to 2 of 2 recipients; 1 unsubscribed recipient left out.\n"
    )
    assert sorted(r.rcpt_tos[0] for r in server.mailbox.received) == [PEOPLE[0], PEOPLE[2]]
    assert digest("unsubscribe", "-c", config, "--undo", "bernd@example.org").stdout == (
        "bernd@example.org: subscribed again.\n"
    )
    assert send(config).stdout == f"Sent '{SUBJECT}' to 1 of 3 recipients (2 already had it).\n"


def test_everyone_unsubscribed_is_nothing_to_do(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port)
    digest("unsubscribe", "-c", config, *PEOPLE)
    result = send(config)
    assert result.exit_code == ExitCode.NOTHING_TO_DO
    assert result.stdout == (
        "Nothing to do: every recipient unsubscribed (3 unsubscribed, left out).\n"
    )
    assert server.mailbox.received == []


def test_unsubscribe_needs_an_address(tmp_path: Path, server: Server) -> None:
    config = project(tmp_path, server.port, build=False)
    result = digest("unsubscribe", "-c", config, "keine-adresse")
    assert result.exit_code == ExitCode.FAILED
    assert result.stderr == "Error: 'keine-adresse' is not an email address\n"
