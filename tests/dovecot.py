"""A throwaway Dovecot IMAP server on loopback for the tests: own folder, own users, no root.

Debian's ``dovecot-imapd`` runs from a config written into a temp folder: its own
``base_dir``, a passwd-file with one user, Maildir storage, a trustme certificate for
STARTTLS (``imap_port``) and implicit TLS (``imaps_port``). Run as root (as CI does),
the server runs as ``nobody``; else as the current user. Without a ``dovecot`` binary
the tests are skipped, except under CI, where that is an error.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "leser"
PASSWORD = "geheim-Passwort"
START_TIMEOUT = 15.0
_FLAGS = re.compile(rb"UID (?P<uid>\d+) FLAGS \((?P<flags>[^)]*)\)")

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = digest-test-{port}
protocols = imap
listen = 127.0.0.1
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
auth_failure_delay = 0
# No stats process to wait for at shutdown.
stats_writer_socket_path =
ssl = {ssl}
{ssl_files}
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
  # No growing delay for logins after the wrong-password test: no auth penalty.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""


@dataclass
class Dovecot:
    """A running server; ``maildir`` is its user's INBOX on disk."""

    root: Path
    imap_port: int
    imaps_port: int
    cafile: Path | None
    process: subprocess.Popen[bytes]
    uid: int
    gid: int

    @property
    def maildir(self) -> Path:
        """Return the user's Maildir (INBOX)."""
        return self.root / "home" / USER / "Maildir"

    def url(self, folder: str = "INBOX", *, tls: bool = False) -> str:
        """Return the input URL of ``folder``: imaps:// if ``tls``, else imap://."""
        if tls:
            return f"imaps://{USER}@127.0.0.1:{self.imaps_port}/{folder}"
        return f"imap://{USER}@127.0.0.1:{self.imap_port}/{folder}"

    def folder(self, name: str) -> Path:
        """Create the Maildir++ folder ``name`` (``.name``) and return its path."""
        path = self.maildir / f".{name}"
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        self._own(self.maildir)
        return path

    def deliver(self, data: bytes, name: str, *, flags: str | None = None,
                folder: Path | None = None) -> Path:  # fmt: skip
        """Put a message into ``folder`` (default INBOX): ``new/`` or, with ``flags``, ``cur/``."""
        box = folder or self.maildir
        path = box / "new" / name if flags is None else box / "cur" / f"{name}:2,{flags}"
        path.write_bytes(data)
        self._own(path)
        return path

    def files(self, folder: Path | None = None) -> list[str]:
        """Return the message files of ``folder`` as ``sub/name``, sorted."""
        box = folder or self.maildir
        return sorted(f"{sub}/{p.name}" for sub in ("cur", "new") for p in (box / sub).iterdir())

    def state(self, folder: str = "INBOX") -> dict[int, list[str]]:
        """Return each message's UID and flags, as another client sees them (read-only)."""
        context = ssl.create_default_context(cafile=str(self.cafile)) if self.cafile else None
        client = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=context)
        try:
            client.login(USER, PASSWORD)
            status, _ = client.select(f'"{folder}"', readonly=True)
            assert status == "OK"
            _, data = client.uid("FETCH", "1:*", "(UID FLAGS)")
            found = (_FLAGS.search(item) for item in data if isinstance(item, bytes))
            return {int(m["uid"]): sorted(m["flags"].decode().split()) for m in found if m}
        finally:
            client.logout()

    def log(self) -> str:
        """Return the server's log."""
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            for p in [path, *(path.rglob("*") if path.is_dir() else [])]:
                os.chown(p, self.uid, self.gid)


def binary() -> str:
    """Return the dovecot binary, or skip (fail under CI) if it is not installed."""
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists()
                                        else None)  # fmt: skip
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("dovecot is not installed (apt-get install dovecot-imapd)")
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    return found


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _account() -> tuple[str, str, int, int]:
    """Return the user the server runs as: ``nobody`` for root, else the current user."""
    entry = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    return entry.pw_name, grp.getgrgid(entry.pw_gid).gr_name, entry.pw_uid, entry.pw_gid


def start(*, tls: bool = True) -> Dovecot:
    """Start a server (``tls=False``: plain IMAP only) and wait until it listens."""
    exe = binary()
    user, group, uid, gid = _account()
    # /tmp, not pytest's tmp_path: the server's user must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="digest-dovecot-"))
    for sub in ("run", "state", f"home/{USER}/Maildir/cur", f"home/{USER}/Maildir/new",
                f"home/{USER}/Maildir/tmp"):  # fmt: skip
        (root / sub).mkdir(parents=True)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    cafile = _certificate(root) if tls else None
    ssl_files = f"ssl_cert = <{root}/cert.pem\nssl_key = <{root}/key.pem" if tls else ""
    port, tls_port = free_port(), (free_port() if tls else 0)
    (root / "dovecot.conf").write_text(CONFIG.format(
        root=root, user=user, group=group, uid=uid, gid=gid, port=port, tls_port=tls_port,
        ssl="yes" if tls else "no", ssl_files=ssl_files,
    ), encoding="utf-8")  # fmt: skip
    if os.geteuid() == 0:
        for p in [root, *root.rglob("*")]:
            os.chown(p, uid, gid)
    process = subprocess.Popen(
        [exe, "-F", "-c", str(root / "dovecot.conf")],
        user=uid if os.geteuid() == 0 else None, group=gid if os.geteuid() == 0 else None,
        extra_groups=[] if os.geteuid() == 0 else None,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    server = Dovecot(root, port, tls_port, cafile, process, uid, gid)
    _wait(server, [port, tls_port] if tls else [port])
    return server


def _certificate(root: Path) -> Path:
    """Write a trustme CA's certificate for 127.0.0.1; return the CA file clients trust."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(root / "key.pem"))
    for i, pem in enumerate(cert.cert_chain_pems):
        pem.write_to_path(str(root / "cert.pem"), append=i > 0)
    ca.cert_pem.write_to_path(str(root / "ca.pem"))
    return root / "ca.pem"


def _wait(server: Dovecot, ports: list[int]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    waiting = list(ports)
    while waiting:
        if server.process.poll() is not None:
            err = server.process.stderr.read().decode() if server.process.stderr else ""
            log = server.log()
            server.stop()
            raise RuntimeError(f"dovecot exited: {err}\n{log}")
        address = ("127.0.0.1", waiting[0])
        with contextlib.suppress(OSError), socket.create_connection(address, 0.2):
            waiting.pop(0)
            continue
        if time.monotonic() > deadline:
            log = server.log()
            server.stop()
            raise RuntimeError(f"dovecot did not listen within {START_TIMEOUT} s\n{log}")
        time.sleep(0.05)
