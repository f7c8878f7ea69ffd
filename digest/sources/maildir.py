"""Maildir folders (``cur/``, ``new/``, ``tmp/``): each message an ``.eml`` input, read-only.

Messages in ``new/`` and ``cur/`` are listed and read as they are: nothing is moved,
renamed or flagged. ``tmp/`` holds deliveries still in progress and is left alone, as
are Maildir++ subfolders (``.Sent``): point an input at a subfolder to read it.
"""

from __future__ import annotations

import os
from pathlib import Path

MAIL_KIND = ".eml"
_SUBDIRS = ("cur", "new", "tmp")


def is_maildir(path: Path) -> bool:
    """Tell whether ``path`` is a Maildir: a folder holding ``cur/``, ``new/`` and ``tmp/``."""
    return path.is_dir() and all((path / sub).is_dir() for sub in _SUBDIRS)


def split_maildirs(folder: Path) -> tuple[list[Path], list[Path]]:
    """Walk ``folder``: return the Maildirs in it (not entered) and the other visible files."""
    maildirs: list[Path] = []
    files: list[Path] = []
    for current, dirs, names in os.walk(folder):
        here = Path(current)
        if is_maildir(here):
            maildirs.append(here)
            dirs.clear()
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(here / n for n in sorted(names) if not n.startswith("."))
    return sorted(maildirs), sorted(files)


def messages(maildir: Path) -> list[Path]:
    """Return the message files of ``maildir`` in delivery order (unique names start with it).

    Raise ``OSError`` if the folder cannot be listed.
    """
    found = [p for sub in ("new", "cur") for p in (maildir / sub).iterdir()
             if p.is_file() and not p.name.startswith(".")]  # fmt: skip
    return sorted(found, key=lambda p: (p.name, p.parent.name))
