"""Nights in a row from real parts: feeds over HTTP, a Dovecot folder, files; the memory.

The first night carries what the inputs hold; the next leaves out what it carried, a
rebuild of a date gives the same issue, a failing source is one warning (an error with
``--strict``), and a story that returns with new reports is marked as a follow-up.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import digest.sources.gathering
from digest.exitcodes import ExitCode
from digest.sources.fetch import Fetcher
from tests import dovecot
from tests.conftest import SEEDS
from tests.dovecot import PASSWORD, Dovecot
from tests.feed_server import FeedServer, serve
from tests.newsletters import LETTERS, letter

TAGESSCHAU = "tagesschau-rss2-2021-02-18.xml"
# The feed is of 18 February 2021; its nights are the two after it.
NIGHT1, NIGHT2 = "2021-02-19", "2021-02-20"


@pytest.fixture(scope="module")
def http() -> Iterator[FeedServer]:
    """Serve the real feeds and the failure routes."""
    with serve() as srv:
        yield srv


@pytest.fixture
def imap() -> Iterator[Dovecot]:
    """Run Dovecot with two letters of the feed's evening."""
    import datetime as dt

    srv = dovecot.start()
    evening = dt.datetime(2021, 2, 18, 18, 0, tzinfo=dt.UTC)
    srv.deliver(letter(0, evening), "1613671200.M1P1.test")
    srv.deliver(letter(1, evening), "1613671201.M2P1.test", flags="S")
    yield srv
    srv.stop()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the IMAP password the way cron would: in the environment."""
    monkeypatch.setenv("DIGEST_IMAP_PASSWORD", PASSWORD)


def config_text(http: FeedServer, imap: Dovecot, *extra: str) -> str:
    """Return a config.yaml reading the feed and the mailbox into ``out``."""
    mailbox = {"url": imap.url(tls=True), "cafile": str(imap.cafile), "name": "Postfach"}
    inputs = [http.url(f"feeds/{TAGESSCHAU}"), mailbox, *extra]
    return json.dumps({"inputs": inputs, "output": "out"})


def issue(config: Path, date: str) -> dict[str, Any]:
    return json.loads((config.parent / "out" / date / "issue.json").read_text("utf-8"))


def files(config: Path, date: str) -> dict[str, bytes]:
    folder = config.parent / "out" / date
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def build(invoke: Callable[..., Result], config: Path, date: str, *args: str) -> Result:
    result = invoke("build", "-c", config, "--date", date, *args)
    assert result.exit_code == ExitCode.OK, result.stderr
    return result


def test_the_second_night_leaves_out_what_the_first_carried(
    invoke, write_config, http: FeedServer, imap: Dovecot, env: None
) -> None:
    config = write_config(config_text(http, imap))
    build(invoke, config, NIGHT1)
    first = issue(config, NIGHT1)
    assert len(first["stories"]) >= 30 and first["skipped"] == []
    names = {s["name"] for story in first["stories"] for s in story["sources"]}
    assert {"tagesschau.de", "Postfach"} <= names
    # The same inputs a night later: all of it was in the first issue.
    second = build(invoke, config, NIGHT2, "-v")
    assert (issue(config, NIGHT2)["stories"], issue(config, NIGHT2)["items"]) == ([], [])
    assert "Left out 40 of 40 articles (or their items) that an earlier issue carried" in \
        second.stderr  # fmt: skip
    assert "Heute gibt es keine neuen Meldungen." in files(config, NIGHT2)["issue.txt"].decode()
    # The second asked the server with the validators the first got: 304, from the cache.
    feed = f"/feeds/{TAGESSCHAU}"
    assert [s for p, s in http.log.statuses if p == feed][-2:] == [200, 304]
    # A new letter arrives: the third night is that letter alone.
    imap.deliver(letter(2), "1613757600.M3P1.test")
    build(invoke, config, "2021-02-21")
    third = issue(config, "2021-02-21")
    assert [s["headline"] for s in third["stories"]] == [LETTERS[2][0]]
    assert third["stories"][0]["sources"][0]["file"] == imap.url(tls=True)


def test_a_rebuild_of_a_date_reproduces_its_issue(
    invoke, write_config, http: FeedServer, imap: Dovecot, env: None
) -> None:
    config = write_config(config_text(http, imap))
    build(invoke, config, NIGHT1)
    night1 = files(config, NIGHT1)
    build(invoke, config, NIGHT2)
    night2 = files(config, NIGHT2)
    # Rebuilt after the next night was recorded, and again: byte for byte the same issue.
    build(invoke, config, NIGHT1)
    assert files(config, NIGHT1) == night1
    build(invoke, config, NIGHT2)
    assert files(config, NIGHT2) == night2


def test_no_memory_carries_everything_again(
    invoke, write_config, http: FeedServer, imap: Dovecot, env: None
) -> None:
    config = write_config(config_text(http, imap))
    build(invoke, config, NIGHT1)
    build(invoke, config, NIGHT2, "--no-memory")
    # The same stories; their order may differ, as recency is counted from each issue's date.
    nights = [issue(config, d)["stories"] for d in (NIGHT1, NIGHT2)]
    headlines = [sorted(s["headline"] for s in night) for night in nights]
    assert headlines[0] == headlines[1] and headlines[0]


def test_a_failing_source_is_one_warning_and_strict_makes_it_an_error(
    invoke, write_config, http: FeedServer, imap: Dovecot, env: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # A server that does not answer in time: a shorter read timeout than the 20 s default.
    monkeypatch.setattr(digest.sources.gathering, "_fetcher",
                        lambda options: Fetcher(options.cache_dir, read_timeout=1.0))  # fmt: skip
    broken, missing, slow = (http.url(p) for p in (f"truncated/{TAGESSCHAU}", "missing", "slow"))
    config = write_config(config_text(http, imap, broken, missing, slow))
    strict = invoke("build", "-c", config, "--date", NIGHT1, "--strict")
    assert strict.exit_code == ExitCode.INPUT_ERROR
    assert strict.stderr.endswith("Error: --strict: 3 input(s) skipped, nothing written\n")
    assert not (config.parent / "out" / NIGHT1).exists()
    result = build(invoke, config, NIGHT1)
    warnings = result.stderr.splitlines()
    assert warnings[0].startswith(f"Warning: Skipping '{broken}': broken feed XML: ")
    assert warnings[1:] == [f"Warning: Skipping '{missing}': HTTP 404 Not Found",
                            f"Warning: Skipping '{slow}': no answer from "
                            f"{http.base.removeprefix('http://')} within 1 s"]  # fmt: skip
    built = issue(config, NIGHT1)
    assert [s["file"] for s in built["skipped"]] == [broken, missing, slow]
    assert len(built["stories"]) >= 30  # the others made the issue


def test_a_wrong_imap_password_is_skipped_and_the_feed_still_read(
    invoke, write_config, http: FeedServer, imap: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGEST_IMAP_PASSWORD", "falsch")
    config = write_config(config_text(http, imap))
    result = build(invoke, config, NIGHT1)
    reason = (f"IMAP server 127.0.0.1:{imap.imaps_port} refused the login of 'leser': "
              "[AUTHENTICATIONFAILED] Authentication failed.")  # fmt: skip
    assert result.stderr == f"Warning: Skipping '{imap.url(tls=True)}': {reason}\n"
    assert issue(config, NIGHT1)["skipped"] == [{"file": imap.url(tls=True), "reason": reason}]


def seeds(folder: Path, *numbers: int) -> Path:
    """Copy the seed reports ``numbers`` into ``folder`` (a test's own inbox)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        if int(path.name[:3]) in numbers:
            shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.parametrize(("locale", "label"), [("de_DE", "Fortsetzung vom 5. Dezember"),
                                               ("en_US", "Follow-up from December 5")])  # fmt: skip
def test_a_story_that_returns_with_new_reports_is_a_follow_up(
    invoke, write_config, tmp_path: Path, locale: str, label: str
) -> None:
    inbox = seeds(tmp_path / "inbox", 0, 1)
    config = write_config(f"inputs: [inbox]\noutput: out\nlocale: {locale}\nmax_age_days: null\n")
    build(invoke, config, "2025-12-05")
    earlier = issue(config, "2025-12-05")["stories"]
    assert len(earlier) == 1 and earlier[0]["follows"] is None
    # Three more outlets report the next day; the two reports of the first night are still there.
    seeds(inbox, 2, 3, 4)
    build(invoke, config, "2025-12-06")
    [story] = issue(config, "2025-12-06")["stories"]
    assert story["follows"] == {"date": "2025-12-05", "headline": earlier[0]["headline"]}
    assert sorted(s["file"][-24:-4] for s in story["sources"]) == sorted(
        p.stem for p in inbox.glob("00[234]_*.txt"))  # only the new reports
    told = f"{earlier[0]['summary']} {earlier[0]['body']}"
    assert not any(sentence in told for sentence in story["summary"].split(". "))
    text = files(config, "2025-12-06")["issue.txt"].decode()
    html = files(config, "2025-12-06")["issue.html"].decode()
    assert f"\n{label}\n" in text
    assert f">{label}</p>" in html
