"""Maildir folders (``cur/``, ``new/``, ``tmp/``): each message an ``.eml`` input, read-only.

Messages in ``new/`` and ``cur/`` are listed (``digest.sources.walk.maildir_messages``)
and read as they are: nothing is moved, renamed or flagged. ``tmp/`` holds deliveries
still in progress and is left alone, as are Maildir++ subfolders (``.Sent``): point an
input at a subfolder to read it.
"""

from __future__ import annotations

from pathlib import Path

MAIL_KIND = ".eml"
#: Where a Maildir keeps its delivered messages.
MESSAGE_FOLDERS = ("new", "cur")
_SUBDIRS = ("cur", "new", "tmp")


def is_maildir(path: Path) -> bool:
    """Tell whether ``path`` is a Maildir: a folder holding ``cur/``, ``new/`` and ``tmp/``."""
    try:
        return path.is_dir() and all((path / sub).is_dir() for sub in _SUBDIRS)
    except OSError:  # a folder we may not look into is no Maildir we could read
        return False
