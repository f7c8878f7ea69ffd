"""The delivery ledger: per issue and recipient, what was handed to the server and when."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

LEDGER_NAME = "ledger.sqlite3"
#: ``sending`` is committed before the SMTP transaction, so a crash leaves it behind.
STATES = ("sending", "sent", "failed", "skipped")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    issue       TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'skipped')),
    reply       TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (issue, recipient)
)
"""


@dataclass(frozen=True)
class Entry:
    """One ledger row."""

    issue: str
    recipient: str
    message_id: str
    state: str
    reply: str
    attempts: int
    created_at: str
    updated_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Ledger:
    """The SQLite ledger in the output folder; every state change is its own transaction."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed 'sending' must survive a power cut, or a resend could follow.
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(_SCHEMA)

    @classmethod
    def in_folder(cls, output: Path) -> Ledger:
        """Open (or create) the ledger of the output folder ``output``."""
        return cls(output / LEDGER_NAME)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.db.close()

    def entries(self, issue: dt.date) -> dict[str, Entry]:
        """Return the rows of ``issue`` keyed by recipient."""
        rows = self.db.execute(
            "SELECT * FROM deliveries WHERE issue = ? ORDER BY created_at, recipient",
            (issue.isoformat(),),
        ).fetchall()
        return {row[1]: Entry(*row) for row in rows}

    def _write(self, issue: dt.date, recipient: str, mid: str, state: str, reply: str) -> None:
        now = _now()
        bump = 1 if state == "sending" else 0
        with self.db:  # BEGIN … COMMIT: one transaction per state change
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                """INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (issue, recipient) DO UPDATE SET message_id = excluded.message_id,
                   state = excluded.state, reply = excluded.reply,
                   attempts = attempts + ?, updated_at = excluded.updated_at""",
                (issue.isoformat(), recipient, mid, state, reply, bump, now, now, bump),
            )

    def sending(self, issue: dt.date, recipient: str, message_id: str) -> None:
        """Record that the transaction for ``recipient`` is about to start."""
        self._write(issue, recipient, message_id, "sending", "")

    def sent(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record the server's acceptance."""
        self._write(issue, recipient, message_id, "sent", reply)

    def failed(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record a refusal (or a failure before any data went out) with its reason."""
        self._write(issue, recipient, message_id, "failed", reply)

    def skipped(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record that a hook vetoed the message."""
        self._write(issue, recipient, message_id, "skipped", reply)
