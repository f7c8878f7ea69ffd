"""The SQLite ledger: one row per issue and recipient, each state change committed on its own."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

from digest.config import Config
from digest.send.ledger import _SCHEMA, Ledger

DAY = dt.date(2025, 12, 3)


def test_states_are_committed_as_they_change(tmp_path: Path) -> None:
    with Ledger.open(Config(output=tmp_path)) as ledger:
        ledger.sending(DAY, "anna@example.org", "<m1@x>")
        # Another connection (another process) sees 'sending' before any SMTP happens.
        with sqlite3.connect(tmp_path / ".digest" / "state.sqlite3") as other:
            assert other.execute("SELECT state FROM deliveries").fetchall() == [("sending",)]
        ledger.sent(DAY, "anna@example.org", "<m1@x>", "250 Ok")
        entry = ledger.entries(DAY)["anna@example.org"]
    assert (entry.state, entry.reply, entry.attempts, entry.message_id) == (
        "sent", "250 Ok", 1, "<m1@x>"
    )  # fmt: skip


def test_a_retry_counts_attempts_and_keeps_the_first_timestamp(tmp_path: Path) -> None:
    with Ledger.open(Config(output=tmp_path)) as ledger:
        ledger.sending(DAY, "b@example.org", "<m2@x>")
        ledger.failed(DAY, "b@example.org", "<m2@x>", "550 No such user")
        first = ledger.entries(DAY)["b@example.org"]
        ledger.sending(DAY, "b@example.org", "<m2@x>")
        second = ledger.entries(DAY)["b@example.org"]
        assert ledger.entries(DAY + dt.timedelta(days=1)) == {}
    assert (first.state, first.reply, second.state, second.attempts) == (
        "failed", "550 No such user", "sending", 2
    )  # fmt: skip
    assert second.created_at == first.created_at


def test_wal_mode(tmp_path: Path) -> None:
    with Ledger.open(Config(output=tmp_path)) as ledger:
        assert ledger.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert ledger.db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL


def test_an_old_ledger_in_the_output_folder_moves_into_the_state_folder(tmp_path: Path) -> None:
    """An upgrade never sends twice, and the addresses leave the published folder."""
    from tests.smtp_server import PEOPLE, SUBJECT, Mailbox, Server, project, send

    server = Server(Mailbox()).start()
    try:
        config = project(tmp_path, server.port)
        old = tmp_path / "output" / "ledger.sqlite3"
        with closing(sqlite3.connect(old)) as db:  # what versions before the state folder wrote
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)
            for person in PEOPLE[:2]:
                db.execute(
                    "INSERT INTO deliveries VALUES ('2025-12-03', ?, '<alt@x>', 'sent', "
                    "'250 Ok', 1, '2025-12-03T06:30:00+00:00', '2025-12-03T06:30:01+00:00')",
                    (person,),
                )
            db.commit()
        result = send(config)
        assert result.stdout == f"Sent '{SUBJECT}' to 1 of 3 recipients (2 already had it).\n"
        assert result.stderr == (
            f"Warning: Moved the send ledger (2 deliveries) out of the published folder: {old} "
            f"-> {tmp_path / 'output' / '.digest' / 'ledger.sqlite3.migrated'}\n"
        )
        assert [r.rcpt_tos for r in server.mailbox.received] == [[PEOPLE[2]]]
        assert not old.exists() and not Path(f"{old}-wal").exists()
        moved = tmp_path / "output" / ".digest" / "ledger.sqlite3.migrated"
        assert stat.S_IMODE(moved.stat().st_mode) == 0o600
        assert send(config).stdout == "Nothing to do: already sent to all 3 recipients.\n"
    finally:
        server.stop()


def test_a_migrated_row_never_sets_a_delivery_back(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    with closing(sqlite3.connect(output / "ledger.sqlite3")) as db:
        db.execute(_SCHEMA)
        db.execute("INSERT INTO deliveries VALUES ('2025-12-03', 'a@example.org', '<m@x>', "
                   "'failed', '550 No', 1, 't0', 't0')")  # fmt: skip
        db.commit()
    config = Config(output=output)
    with Ledger.open(config) as ledger:  # a newer state knows it went out since
        ledger.sent(DAY, "a@example.org", "<m@x>", "250 Ok")
    (output / ".digest" / "ledger.sqlite3.migrated").rename(output / "ledger.sqlite3")
    with Ledger.open(config) as ledger:
        assert ledger.entries(DAY)["a@example.org"].state == "sent"
