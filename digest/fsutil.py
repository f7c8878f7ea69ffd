"""File-system helpers: writes that never leave half a file (or half an issue) behind.

What ``digest build`` publishes (the issue files, the archive) is world-readable, files 0644
and folders 0755, whatever the umask, so any web server can serve the output folder; what
stays private (the state folder, dry-run messages) is written 0600.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
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


# --- a folder published whole ----------------------------------------------------------------
# ``write_issue`` used to replace the issue files one by one, so a rebuild that failed in
# between (disk full, a kill) left a new issue.html next to the old issue.json: a mixed issue
# that looks complete. Now the new files go into a fresh hidden sibling (``.2025-12-03.new-…``),
# are synced, and the two folders trade places with ``renameat2(RENAME_EXCHANGE)``: a reader
# (``send``, a web server) sees the old issue or the new one, never a mix, and a failure leaves
# the old one untouched. Where the kernel or file system cannot exchange, two renames do it, and
# ``recover_folder`` puts the old folder back should a crash fall between them.

_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1
_renameat2 = getattr(ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True), "renameat2", None)


def exchange(a: Path, b: Path) -> bool:
    """Swap the folders ``a`` and ``b`` atomically; return False where the system cannot."""
    if _renameat2 is None:
        return False
    done = _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(b))


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` into the fresh ``folder`` (published modes), synced to disk."""
    folder.chmod(PUBLIC_FOLDER)  # mkdtemp made it 0700
    for name, data in files.items():
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        with os.fdopen(os.open(folder / name, flags, PUBLIC_FILE), "wb") as f:
            os.fchmod(f.fileno(), PUBLIC_FILE)  # whatever the umask
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    _sync_folder(folder)


def recover_folder(folder: Path) -> None:
    """Undo what a crash left: put back an old folder the swap had moved aside; drop temps."""
    parent = folder.parent
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{folder.name}.old-*"))
    if olds and not folder.exists():
        os.rename(olds.pop(), folder)  # the crash fell between the two renames
    for stale in [*olds, *parent.glob(f".{folder.name}.new-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def _two_renames(new: Path, folder: Path) -> None:
    """Swap without RENAME_EXCHANGE: old aside, new in; ``recover_folder`` mends a crash between."""
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    os.rename(folder, old)
    os.rename(new, folder)
    shutil.rmtree(old)


def replace_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files`` (published: 0755, 0644): all of them, or on a
    failure what it held before."""
    publish_folder(folder.parent)
    recover_folder(folder)
    new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        _write_new(new, files)
        if not folder.exists():
            os.rename(new, folder)
        elif exchange(new, folder):
            shutil.rmtree(new)  # it holds the old issue now
        else:
            _two_renames(new, folder)
        _sync_folder(folder.parent)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
