"""The suppression list: addresses that unsubscribed, kept in the private state database.

An address lands here through its one-click unsubscribe link (``digest.send.unsubscribe``)
or ``digest unsubscribe ADDRESS``; ``digest send`` leaves it out, however often it stands
in ``mail.to`` or ``mail.to_file``, and reports how many it left out. The same database
remembers which address each personal link's token stands for (``digest.send.tokens``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from contextlib import closing

from digest.config import Config
from digest.send.message import parse_recipient
from digest.state import Table, open_state

SUPPRESSIONS = Table(
    "suppressions",
    """CREATE TABLE IF NOT EXISTS suppressions (
        address     TEXT PRIMARY KEY,
        via         TEXT NOT NULL,
        created_at  TEXT NOT NULL
    )""",
)


TOKENS = Table(
    "unsubscribe_tokens",
    """CREATE TABLE IF NOT EXISTS unsubscribe_tokens (
        token       TEXT PRIMARY KEY,
        address     TEXT NOT NULL
    )""",
)


def open_list(config: Config) -> sqlite3.Connection:
    """Open the state database with the suppression list and the link tokens in it."""
    return open_state(config, SUPPRESSIONS, TOKENS)


def remember(db: sqlite3.Connection, token: str, address: str) -> None:
    """Record that ``token`` stands for ``address`` (before a message with it goes out)."""
    db.execute("INSERT OR REPLACE INTO unsubscribe_tokens VALUES (?, ?)", (token, address.lower()))


def address_of(db: sqlite3.Connection, token: str) -> str | None:
    """Return the address ``token`` was made for, or None for a token no message carried."""
    row = db.execute("SELECT address FROM unsubscribe_tokens WHERE token = ?", (token,)).fetchone()
    return str(row[0]) if row else None


def suppress(db: sqlite3.Connection, address: str, via: str) -> bool:
    """Add ``address`` (``via`` "link" or "command"); return False if it was already there."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    cursor = db.execute(
        "INSERT OR IGNORE INTO suppressions VALUES (?, ?, ?)", (address.lower(), via, now)
    )
    return cursor.rowcount == 1


def restore(db: sqlite3.Connection, address: str) -> bool:
    """Take ``address`` off the list; return False if it was not on it."""
    cursor = db.execute("DELETE FROM suppressions WHERE address = ?", (address.lower(),))
    return cursor.rowcount == 1


def suppressed(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Return address -> (via, when) for every address on the list."""
    rows = db.execute("SELECT address, via, created_at FROM suppressions ORDER BY address")
    return {address: (via, when) for address, via, when in rows}


def change(config: Config, values: Sequence[str], *, undo: bool, show: bool) -> list[str]:
    """Unsubscribe (or, with ``undo``, resubscribe) ``values``; return what to tell the user.

    Every address is checked before any is changed: a typo never leaves half the list done.
    Raises ``ValueError`` naming the first bad address.
    """
    keys = []
    for value in values:
        try:
            keys.append(parse_recipient(value).key)
        except ValueError as exc:
            raise ValueError(f"{value!r} {exc}") from None
    lines = []
    with closing(open_list(config)) as db:
        for address in keys:
            if undo:
                done = restore(db, address)
                state = "subscribed again" if done else "was not unsubscribed"
                lines.append(f"{address}: {state}.")
            else:
                done = suppress(db, address, "command")
                lines.append(f"{address}: {'unsubscribed' if done else 'already unsubscribed'}.")
        if show:
            lines += [f"{a}\t{when}\t{via}" for a, (via, when) in suppressed(db).items()]
    return lines
