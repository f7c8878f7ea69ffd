"""IMAP folders read from a real Dovecot on loopback: TLS both ways, errors, nothing changed."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.collect import read_input
from digest.config.inputs import parse_entry
from digest.sources.imap import ImapError, encode_folder, imap_inputs
from tests import dovecot
from tests.dovecot import PASSWORD, Dovecot
from tests.newsletters import LETTERS, letter

ENV = {"DIGEST_IMAP_PASSWORD": PASSWORD}
CRLF = b"\r\n"


@pytest.fixture(scope="module")
def server() -> Iterator[Dovecot]:
    """Run Dovecot with three letters in INBOX (one unread, one read, one flagged)."""
    srv = dovecot.start()
    srv.deliver(letter(0), "1715700000.M1P1.test")
    srv.deliver(letter(1), "1715700001.M2P1.test", flags="S")
    srv.deliver(letter(2), "1715700002.M3P1.test", flags="F")
    srv.folder("Leer")
    srv.deliver(letter(1), "1715700003.M4P1.test", folder=srv.folder(encode_folder("Übersicht")))
    archive = srv.folder("Archiv")
    srv.deliver(letter(0), "1715700004.M5P1.test", folder=archive, flags="S")
    old = srv.deliver(letter(2), "1715700005.M6P1.test", folder=archive, flags="S")
    ten_days_ago = time.time() - 10 * 86400  # the arrival time IMAP's SINCE looks at
    os.utime(old, (ten_days_ago, ten_days_ago))
    yield srv
    srv.stop()


def read(url: str, *, env: dict[str, str] | None = None, cafile: Path | None = None,
         max_bytes: int = 1_000_000, since: dt.date | None = None,
         value: object = None) -> tuple[list, list]:  # type: ignore[type-arg]  # fmt: skip
    entry = value if value is not None else url
    if cafile is not None:
        entry = {**entry, "cafile": str(cafile)} if isinstance(entry, dict) else \
            {"url": entry, "cafile": str(cafile)}  # fmt: skip
    spec = parse_entry(entry, Path.cwd())
    return imap_inputs(spec, max_bytes=max_bytes, env=ENV if env is None else env, since=since)


def error(server: Dovecot, url: str, **kwargs: object) -> str:
    with pytest.raises(ImapError) as caught:
        read(url, cafile=kwargs.pop("cafile", server.cafile), **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


def test_starttls_reads_every_message_and_changes_nothing(server: Dovecot) -> None:
    before, files = server.state(), server.files()
    mark = len(server.log())
    inputs, skipped = read(server.url(), cafile=server.cafile)
    login = next(line for line in server.log()[mark:].splitlines() if "Login:" in line)
    url = server.url()
    assert [(i.name, i.kind, i.file, i.url) for i in inputs] == [
        (f"{url};UID={uid}", ".eml", url, None) for uid in (1, 2, 3)
    ]
    assert skipped == []
    # The server sends the stored bytes with CRLF line ends.
    assert [i.load().replace(CRLF, b"\n") for i in inputs] == [letter_bytes(server, n)
                                                              for n in range(3)]  # fmt: skip
    assert server.state() == before  # no \Seen, no \Recent taken, no message gone
    assert before == {1: ["\\Recent"], 2: ["\\Recent", "\\Seen"], 3: ["\\Flagged", "\\Recent"]}
    assert server.files() == files  # nothing moved from new/ to cur/ or renamed
    # The login went over STARTTLS.
    assert f"user=<{dovecot.USER}>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=" in login
    assert ", TLS, session=" in login


def letter_bytes(server: Dovecot, n: int) -> bytes:
    path = next(p for p in server.maildir.rglob(f"17157000{n:02d}.M{n + 1}P1.test*"))
    return path.read_bytes()


def test_implicit_tls_reads_the_same_messages(server: Dovecot) -> None:
    inputs, _ = read(server.url(tls=True), cafile=server.cafile)
    assert [i.name for i in inputs] == [f"{server.url(tls=True)};UID={u}" for u in (1, 2, 3)]
    articles = [a for i in inputs for a in read_input(i, 1_000_000)]
    assert [a.title for a in articles] == [subject for subject, _, _ in LETTERS]
    # issue.json names the mailbox as the file; the memory knows each by its Message-ID.
    assert {a.source.file for a in articles} == {server.url(tls=True)}
    assert [a.source.id for a in articles] == [f"<brief-{n}@stadtbrief.example>" for n in range(3)]


def test_wrong_password_is_one_clear_error(server: Dovecot) -> None:
    before = server.state()
    reason = error(server, server.url(), env={"DIGEST_IMAP_PASSWORD": "falsch"})
    assert reason == (f"IMAP server 127.0.0.1:{server.imap_port} refused the login of 'leser': "
                      "[AUTHENTICATIONFAILED] Authentication failed.")  # fmt: skip
    assert server.state() == before


def test_the_password_comes_from_the_named_variable(server: Dovecot) -> None:
    value = {"url": server.url(tls=True), "password_env": "NEWSLETTER_PW"}
    assert error(server, "", value=value, env=ENV) == (
        "no password: set the environment variable NEWSLETTER_PW"
    )
    inputs, _ = read("", value=value, env={"NEWSLETTER_PW": PASSWORD}, cafile=server.cafile)
    assert len(inputs) == 3


def test_empty_folder_and_missing_folder(server: Dovecot) -> None:
    assert read(server.url("Leer", tls=True), cafile=server.cafile) == ([], [])
    reason = error(server, server.url("Gibtsnicht", tls=True))
    assert reason.startswith(f"cannot open folder 'Gibtsnicht' on 127.0.0.1:{server.imaps_port}: "
                             "Mailbox doesn't exist: Gibtsnicht")  # fmt: skip


def test_a_folder_named_with_umlauts(server: Dovecot) -> None:
    url = server.url("%C3%9Cbersicht", tls=True)  # "Übersicht", percent-encoded in the URL
    inputs, _ = read(url, cafile=server.cafile)
    assert [i.name for i in inputs] == [f"{server.url('Übersicht', tls=True)};UID=1"]
    assert inputs[0].load().replace(CRLF, b"\n").endswith(letter(1).split(b"\n\n", 1)[1])


def test_untrusted_certificate_is_refused_before_the_password(server: Dovecot) -> None:
    for url, port in ((server.url(), server.imap_port), (server.url(tls=True), server.imaps_port)):
        reason = error(server, url, cafile=None)
        assert reason == (f"TLS certificate of 127.0.0.1:{port} not trusted: "
                          "unable to get local issuer certificate")  # fmt: skip
    assert "unknown ca" in server.log()


def test_since_leaves_out_older_mail(server: Dovecot) -> None:
    url = server.url("Archiv", tls=True)
    everything, _ = read(url, cafile=server.cafile)
    recent, _ = read(url, cafile=server.cafile, since=dt.date.today() - dt.timedelta(days=2))
    assert [i.name.rsplit("=", 1)[1] for i in everything] == ["1", "2"]
    assert [i.name.rsplit("=", 1)[1] for i in recent] == ["1"]


def test_a_message_over_the_limit_is_skipped_with_its_size(server: Dovecot) -> None:
    sizes = sorted(len(letter_bytes(server, n).replace(b"\n", CRLF)) for n in range(3))
    inputs, skipped = read(server.url(tls=True), cafile=server.cafile, max_bytes=sizes[1])
    assert len(inputs) == 2
    [(name, reason)] = [(s.file, s.reason) for s in skipped]
    assert name.startswith(f"{server.url(tls=True)};UID=")
    assert reason == f"message too large ({sizes[2]:,} bytes, limit {sizes[1]:,})"


def test_refused_connection() -> None:
    port = dovecot.free_port()
    spec = parse_entry(f"imaps://leser@127.0.0.1:{port}/INBOX", Path.cwd())
    with pytest.raises(ImapError, match=f"^connection to 127.0.0.1:{port} refused$"):
        imap_inputs(spec, max_bytes=1000, env=ENV)


@pytest.fixture
def plain_server() -> Iterator[Dovecot]:
    """Run Dovecot without TLS: it offers no STARTTLS."""
    srv = dovecot.start(tls=False)
    srv.deliver(letter(0), "1715700000.M1P1.test")
    yield srv
    srv.stop()


def test_plain_imap_only_to_this_machine(
    plain_server: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, _ = read(plain_server.url())
    assert len(inputs) == 1
    # The same server, taken for another host: the password would cross the network.
    monkeypatch.setattr("digest.config.inputs.ImapAddress.loopback", property(lambda self: False))
    reason = error(plain_server, plain_server.url())
    assert reason == (f"127.0.0.1:{plain_server.imap_port} does not offer STARTTLS: use imaps:// "
                      "(the password is never sent unencrypted to another host)")  # fmt: skip
    assert plain_server.log().count("Login: user=<leser>") == 1
