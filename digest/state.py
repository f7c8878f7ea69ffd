"""The private state folder: what digest remembers between runs, never published.

By default ``.digest/`` inside the output folder (so each output folder has its own
memory), or the folder the ``state_dir`` key names. The folder is created mode 0700 and its
files 0600: it holds the send ledger, the subscribers' unsubscribes and what earlier issues
carried, none of which belongs on the web server that publishes the output folder.

``open_state`` returns one SQLite database in it; each component that keeps state declares
its tables with ``Table`` and creates them on first use (``ensure``), so the schema lives
next to the code that reads it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.errors import DigestError

STATE_NAME = ".digest"
DATABASE_NAME = "state.sqlite3"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class Table:
    """One table of the state database: its name and its ``CREATE TABLE IF NOT EXISTS``."""

    name: str
    ddl: str


def state_location(config: Config) -> Path:
    """Return where the private state folder is, without creating it."""
    return config.state_dir or config.output / STATE_NAME


def has_state(config: Config) -> bool:
    """Tell whether the state database exists (a reader need not create it)."""
    return (state_location(config) / DATABASE_NAME).is_file()


def state_folder(config: Config) -> Path:
    """Return the private state folder, created (mode 0700) when missing."""
    folder = state_location(config)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:
            folder.chmod(FOLDER_MODE)
    except OSError as exc:
        raise DigestError(f"state folder '{folder}': {exc.strerror or exc}") from None
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` (mode 0600) if missing and return it; never widen an existing mode."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(FILE_MODE)
    return path


def open_state(config: Config, *tables: Table) -> sqlite3.Connection:
    """Open the state database in autocommit mode and make sure ``tables`` exist."""
    path = private_file(state_folder(config) / DATABASE_NAME)
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    ensure(db, *tables)
    return db


def ensure(db: sqlite3.Connection, *tables: Table) -> None:
    """Create each of ``tables`` that does not exist yet."""
    for table in tables:
        db.execute(table.ddl)
