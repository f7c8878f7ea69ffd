"""Every kind of input at once: feeds over HTTP, a Dovecot folder, Maildirs, a feed file."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.collect import read_input
from digest.config import OutletRule
from digest.config.inputs import parse_entry
from digest.models import Skipped
from digest.sources import Options, gather
from tests import dovecot
from tests.dovecot import PASSWORD, Dovecot
from tests.feed_server import FEEDS, FeedServer, serve
from tests.newsletters import letter

TAGESSCHAU = "tagesschau-rss2-2021-02-18.xml"


@pytest.fixture(scope="module")
def http() -> Iterator[FeedServer]:
    """Serve the real feeds."""
    with serve() as srv:
        yield srv


@pytest.fixture(scope="module")
def imap() -> Iterator[Dovecot]:
    """Run Dovecot with two letters."""
    srv = dovecot.start()
    srv.deliver(letter(0), "1715700000.M1P1.test")
    srv.deliver(letter(1), "1715700001.M2P1.test", flags="S")
    yield srv
    srv.stop()


def folder_with_a_maildir_and_a_feed_file(root: Path) -> Path:
    box = root / "Post" / "Newsletter"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    (box / "new" / "1715700009.M9P1.host").write_bytes(letter(2))
    (root / "Post" / "nachrichten.txt").write_bytes((FEEDS / TAGESSCHAU).read_bytes())
    return root / "Post"


def test_each_source_gives_its_inputs_and_a_failing_one_is_one_warning(
    http: FeedServer, imap: Dovecot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = folder_with_a_maildir_and_a_feed_file(tmp_path)
    feed, missing = http.url(f"feeds/{TAGESSCHAU}"), http.url("missing")
    ca = str(imap.cafile)
    wrong = {"url": imap.url(tls=True), "password_env": "FALSCH", "cafile": ca}
    entries = [feed, missing, {"url": imap.url(), "name": "Postfach", "cafile": ca},
               str(folder), wrong]  # fmt: skip
    specs = [parse_entry(e, tmp_path) for e in entries]
    env = {"DIGEST_IMAP_PASSWORD": PASSWORD, "FALSCH": "nein"}
    fetched: list[str] = []
    options = Options(max_bytes=1_000_000, cache_dir=tmp_path / ".digest" / "http", env=env,
                      progress=lambda d, t, url: fetched.append(url))  # fmt: skip
    with caplog.at_level(logging.WARNING):
        gathered = gather(specs, options)
    login = f"IMAP server 127.0.0.1:{imap.imaps_port} refused the login of 'leser': " \
        "[AUTHENTICATIONFAILED] Authentication failed."  # fmt: skip
    assert gathered.skipped == [Skipped(missing, "HTTP 404 Not Found"),
                                Skipped(imap.url(tls=True), login)]  # fmt: skip
    assert caplog.messages == [f"Skipping '{missing}': HTTP 404 Not Found",
                               f"Skipping '{imap.url(tls=True)}': {login}"]  # fmt: skip
    assert sorted(fetched) == sorted([feed, missing])  # both feeds fetched at once
    box = folder / "Newsletter"
    postfach = OutletRule(name="Postfach")
    assert [(i.kind, i.file, i.outlet) for i in gathered.inputs] == [
        (".feed", feed, None),
        (".eml", imap.url(), postfach),
        (".eml", imap.url(), postfach),
        ("", str(folder / "nachrichten.txt"), None),  # a feed by its content, when read
        (".eml", str(box), None),
    ]
    assert (tmp_path / ".digest" / "http").is_dir()


def test_the_inputs_read_into_articles_that_name_their_source(
    http: FeedServer, imap: Dovecot
) -> None:
    feed = http.url(f"feeds/{TAGESSCHAU}")
    mailbox = {"url": imap.url(tls=True), "cafile": str(imap.cafile)}
    specs = [parse_entry(feed, Path.cwd()), parse_entry(mailbox, Path.cwd())]
    gathered = gather(specs, Options(max_bytes=1_000_000, env={"DIGEST_IMAP_PASSWORD": PASSWORD}))
    read = [(i, a) for i in gathered.inputs for a in read_input(i, 1_000_000)]
    assert Counter(i.kind for i, _ in read) == {".feed": 38, ".eml": 2}
    # issue.json: 'file' is the input (feed or mailbox URL), 'url' the article's own link.
    assert all(a.source.url and a.source.url.startswith("https://") for i, a in read
               if i.kind == ".feed")  # fmt: skip
    assert {a.source.file for _, a in read} == {feed, imap.url(tls=True)}
    # The memory knows a feed entry by guid, link and text, a mail by its Message-ID.
    entry = next(a for i, a in read if i.kind == ".feed")
    assert entry.keys[:2] == (f"id:{entry.source.id}", f"url:{entry.source.url}")
    assert entry.keys[2].startswith("text:")
    mails = [a for i, a in read if i.kind == ".eml"]
    assert [a.keys[0] for a in mails] == ["id:<brief-0@stadtbrief.example>",
                                          "id:<brief-1@stadtbrief.example>"]  # fmt: skip
