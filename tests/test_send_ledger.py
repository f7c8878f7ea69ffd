"""The SQLite ledger: one row per issue and recipient, each state change committed on its own."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from digest.send.ledger import Ledger

DAY = dt.date(2025, 12, 3)


def test_states_are_committed_as_they_change(tmp_path: Path) -> None:
    with Ledger.in_folder(tmp_path) as ledger:
        ledger.sending(DAY, "anna@example.org", "<m1@x>")
        # Another connection (another process) sees 'sending' before any SMTP happens.
        with sqlite3.connect(tmp_path / "ledger.sqlite3") as other:
            assert other.execute("SELECT state FROM deliveries").fetchall() == [("sending",)]
        ledger.sent(DAY, "anna@example.org", "<m1@x>", "250 Ok")
        entry = ledger.entries(DAY)["anna@example.org"]
    assert (entry.state, entry.reply, entry.attempts, entry.message_id) == (
        "sent", "250 Ok", 1, "<m1@x>"
    )  # fmt: skip


def test_a_retry_counts_attempts_and_keeps_the_first_timestamp(tmp_path: Path) -> None:
    with Ledger.in_folder(tmp_path) as ledger:
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
    with Ledger.in_folder(tmp_path) as ledger:
        assert ledger.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
