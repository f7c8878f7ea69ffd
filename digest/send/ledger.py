"""The delivery ledger: per issue and recipient, what was handed to the server and when.

It is the ``deliveries`` table of the private state database (``digest.state``): it holds
every subscriber's address, so it never lies in the published output folder. A ledger an
earlier version kept there (``<output>/ledger.sqlite3``) is moved into the state folder on
first use, its rows merged, so an upgrade never sends an issue twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from digest.config import Config
from digest.errors import DigestError
from digest.state import FILE_MODE, Table, open_state, state_folder

log = logging.getLogger(__name__)

#: Where versions before the state folder kept the ledger: in the published output folder.
LEGACY_NAME = "ledger.sqlite3"
MIGRATED_NAME = "ledger.sqlite3.migrated"
#: What a row means for the next run (README, "Exactly once"; ``digest.send.transaction``).
STATES = {
    "sending": "the whole message was on the wire (right before DATA's final dot) and no "
    "reply was recorded: it most likely arrived; sent again only with --resend-uncertain",
    "sent": "the server accepted it (250 after the final dot): never sent again",
    "failed": "refused, a protocol violation, a temporary failure (also while waiting to "
    "retry), or the connection broke before the message was complete: sent again",
    "skipped": "a hook vetoed it: sent again on the next run if the hook lets it",
}

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
DELIVERIES = Table("deliveries", _SCHEMA)
# How far a delivery got: a migrated row replaces a present one only if it got further.
_PROGRESS = "CASE {0} WHEN 'sent' THEN 3 WHEN 'sending' THEN 2 WHEN 'failed' THEN 1 ELSE 0 END"
_MERGE = f"""INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (issue, recipient) DO UPDATE SET message_id = excluded.message_id,
    state = excluded.state, reply = excluded.reply,
    attempts = max(attempts, excluded.attempts), updated_at = excluded.updated_at
    WHERE {_PROGRESS.format("excluded.state")} > {_PROGRESS.format("deliveries.state")}"""


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
    """The ledger in the state database; every state change is its own transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.execute("PRAGMA synchronous=FULL")  # a final state survives a power cut

    @classmethod
    def open(cls, config: Config) -> Ledger:
        """Open the ledger of ``config``'s state folder, moving a legacy one into it first."""
        db = open_state(config, DELIVERIES)
        migrate_legacy(db, config.output, state_folder(config))
        return cls(db)

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
        # 'sending' is written right before the final dot, so it must be there at once and
        # cost no time: without an fsync a kill cannot lose it (the write is in the kernel),
        # and no kill can fall into a 4 ms fsync and leave 'sending' for a dot never sent.
        # The next state's FULL commit syncs it to disk with everything before it.
        self.db.execute(f"PRAGMA synchronous={'NORMAL' if state == 'sending' else 'FULL'}")
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
        """Record that ``recipient``'s whole message is out, its final dot about to go."""
        self._write(issue, recipient, message_id, "sending", "")

    def sent(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record the server's acceptance."""
        self._write(issue, recipient, message_id, "sent", reply)

    def failed(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record a refusal, a temporary failure or a violation (nothing arrived), and why."""
        self._write(issue, recipient, message_id, "failed", reply)

    def skipped(self, issue: dt.date, recipient: str, message_id: str, reply: str) -> None:
        """Record that a hook vetoed the message."""
        self._write(issue, recipient, message_id, "skipped", reply)


def migrate_legacy(db: sqlite3.Connection, output: Path, folder: Path) -> int:
    """Merge ``<output>/ledger.sqlite3`` into ``db`` and move it into ``folder``; count rows.

    Idempotent: a run that dies halfway merges the same rows again next time, and a row
    already further along (sent) is never set back.
    """
    legacy = output / LEGACY_NAME
    if not legacy.is_file():
        return 0
    try:
        with closing(sqlite3.connect(legacy, timeout=30.0)) as old:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # what its WAL holds goes in too
            rows = old.execute("SELECT * FROM deliveries").fetchall()
    except sqlite3.DatabaseError as exc:
        # Sending without it could send twice: stop and say why.
        raise DigestError(f"cannot read the old send ledger {legacy}: {exc}") from None
    with db:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(_MERGE, rows)
    target = folder / MIGRATED_NAME
    try:
        os.replace(legacy, target)
        target.chmod(FILE_MODE)
    except FileNotFoundError:
        return len(rows)  # another process moved it first; the merge above changed nothing
    for suffix in ("-wal", "-shm"):
        Path(f"{legacy}{suffix}").unlink(missing_ok=True)
    log.warning(
        "Moved the send ledger (%d deliveries) out of the published folder: %s -> %s",
        len(rows), legacy, target,
    )  # fmt: skip
    return len(rows)
