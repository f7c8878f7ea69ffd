"""Find the files and Maildirs under an input path: only inside the inputs, the rest named.

The inbox is written by other programs (a mail fetcher, a scraper, a shared folder), so a
link in it may point anywhere: at ``~/.ssh/id_rsa`` or at ``/etc``. Every link is
resolved and followed only when it stays inside an input path (``Bounds``); then it is
left out too, because its target is read where it lies (no file twice, no loop). A
folder that cannot be listed and a link that leads outside or nowhere are returned as
skipped with a reason, so ``--strict`` sees them. The output folder (and the state
folder) is never read, even when it lies inside an input folder. A Maildir is not
entered: its messages are listed by ``maildir_messages``, under the same rules.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digest.sources.maildir import MESSAGE_FOLDERS, is_maildir

Skip = tuple[Path, str]  # a path left out, and why


@dataclass(frozen=True)
class Bounds:
    """Where inputs may be read: inside the input paths, outside the excluded folders."""

    roots: tuple[Path, ...] = ()
    exclude: tuple[Path, ...] = ()

    @classmethod
    def of(cls, roots: Sequence[Path], exclude: Sequence[Path] = ()) -> Bounds:
        """Return the bounds of ``roots`` (files or folders) without ``exclude``, resolved."""
        return cls(tuple(r.resolve() for r in roots), tuple(e.resolve() for e in exclude))

    def excluded(self, real: Path) -> bool:
        """Tell whether ``real`` (resolved) lies in an excluded folder (the output)."""
        return any(real.is_relative_to(e) for e in self.exclude)

    def allows(self, real: Path) -> bool:
        """Tell whether ``real`` (resolved) may be read: inside a root, not excluded.

        Without roots (a caller reading one path directly) only the exclusion counts.
        """
        inside = not self.roots or any(real.is_relative_to(r) for r in self.roots)
        return inside and not self.excluded(real)


@dataclass
class Walk:
    """The files to read and the Maildirs under one input path, and what was left out."""

    files: list[Path] = field(default_factory=list)
    maildirs: list[Path] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def _link(path: Path, bounds: Bounds) -> str:
    """Say why a link is not read here: its target is elsewhere, or nowhere ("": inside)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop
        return "a link to nothing (its target does not exist)"
    if bounds.allows(target):
        return ""  # read where it lies
    kind = "folder" if target.is_dir() else "file"
    return f"links to a {kind} outside the inputs"


def _entries(folder: Path, found: Walk) -> list[os.DirEntry[str]] | None:
    """Return the visible entries of ``folder`` sorted by their bytes, or None (recorded)."""
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if not e.name.startswith(".")]
    except OSError as exc:
        found.skipped.append((folder, f"cannot read the folder: {exc.strerror or exc}"))
        return None
    return sorted(entries, key=lambda e: os.fsencode(e.name))


def _folder(folder: Path, bounds: Bounds, found: Walk) -> None:
    """Walk one folder: links are checked, hidden entries and the output folder left out."""
    if bounds.excluded(folder.resolve()):
        return
    if is_maildir(folder):
        found.maildirs.append(folder)
        return
    entries = _entries(folder, found)
    for entry in entries or ():
        path = folder / entry.name
        if entry.is_symlink():
            reason = _link(path, bounds)
            if reason:
                found.skipped.append((path, reason))
        elif entry.is_dir(follow_symlinks=False):
            _folder(path, bounds, found)
        elif entry.is_file(follow_symlinks=False):
            found.files.append(path)


def walk(root: Path, bounds: Bounds) -> Walk:
    """Return the files and Maildirs under ``root`` (a file or a folder), sorted.

    ``root`` itself may be a link: the user named it. Raise ``FileNotFoundError`` if it
    does not exist.
    """
    if not root.exists():
        raise FileNotFoundError(root)
    found = Walk()
    if root.is_dir():
        _folder(root, bounds, found)
    elif not bounds.excluded(root.resolve()):
        found.files.append(root)
    found.files.sort()
    found.maildirs.sort()
    return found


def maildir_messages(maildir: Path, bounds: Bounds) -> Walk:
    """Return the message files of ``maildir`` in delivery order, links checked as above.

    Unique names start with the delivery time. A folder that cannot be listed is skipped
    with its reason, as in any other input folder.
    """
    found = Walk()
    for sub in MESSAGE_FOLDERS:
        folder = maildir / sub
        if folder.is_symlink() and (reason := _link(folder, bounds)):
            found.skipped.append((folder, reason))
            continue
        for entry in _entries(folder, found) or ():
            path = folder / entry.name
            if entry.is_symlink():
                if reason := _link(path, bounds):
                    found.skipped.append((path, reason))
            elif entry.is_file(follow_symlinks=False):
                found.files.append(path)
    found.files.sort(key=lambda p: (p.name, p.parent.name))
    return found
