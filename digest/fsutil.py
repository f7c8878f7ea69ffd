"""File-system helpers: writes that never leave half a file behind, with the mode they need.

What ``digest build`` publishes (the issue files, the archive) is world-readable, files 0644
and folders 0755, whatever the umask, so any web server can serve the output folder; what
stays private (the state folder, dry-run messages) is written 0600.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

PUBLIC_FILE = 0o644
PUBLIC_FOLDER = 0o755
PRIVATE_FILE = 0o600


def atomic_write(path: Path, content: str | bytes, *, mode: int) -> None:
    """Write ``content`` to ``path`` (with ``mode``) through a temp file and a rename.

    ``mode`` has no default: every caller says whether the file is published
    (``PUBLIC_FILE``) or private (``PRIVATE_FILE``), so no private file is readable by mistake.
    """
    make_folder(path.parent, PUBLIC_FOLDER if mode & 0o004 else None)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)  # mkstemp creates 0600; the umask plays no part
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_folder(folder: Path, mode: int | None) -> None:
    """Create ``folder`` and its missing parents; give the ones created here ``mode``."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    folder.mkdir(parents=True, exist_ok=True)
    if mode is not None:
        for created in missing:
            created.chmod(mode)


def publish_folder(folder: Path) -> None:
    """Make ``folder`` (created if missing) readable and listable by everyone (at least 0755)."""
    make_folder(folder, PUBLIC_FOLDER)
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & PUBLIC_FOLDER != PUBLIC_FOLDER:
        folder.chmod(mode | PUBLIC_FOLDER)  # add what is missing, never take a right away


def remove_stale_temps(folder: Path) -> None:
    """Delete temp files that a killed process left behind in ``folder``."""
    if folder.is_dir():
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
