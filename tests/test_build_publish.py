"""What `build` publishes: world-readable public files only; outlets named, never file names."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.exitcodes import ExitCode
from tests.conftest import EXAMPLES, SEEDS
from tests.smtp_server import PEOPLE, Mailbox, Server, digest, project, send


@pytest.fixture
def strict_umask() -> Iterator[None]:
    """Run with the umask of a careful admin: nothing readable by others unless chosen."""
    old = os.umask(0o077)
    yield
    os.umask(old)


def listing(root: Path) -> dict[str, str]:
    """Return ``ls -l``-style modes of everything under ``root``, by relative path."""
    return {
        path.relative_to(root).as_posix(): stat.filemode(path.stat().st_mode)
        for path in sorted(root.rglob("*"))
    }


def test_the_published_folder_holds_only_public_world_readable_files(
    tmp_path: Path, strict_umask: None
) -> None:
    server = Server(Mailbox()).start()
    try:
        config = project(tmp_path, server.port)
        assert send(config, "--dry-run").exit_code == ExitCode.OK
        assert send(config).exit_code == ExitCode.OK
    finally:
        server.stop()
    output = tmp_path / "output"
    modes = listing(output)
    public = {k: v for k, v in modes.items() if not k.startswith(".digest")}
    assert public == {
        "2025-12-03": "drwxr-xr-x",
        "2025-12-03/index.html": "-rw-r--r--",
        "2025-12-03/issue.html": "-rw-r--r--",
        "2025-12-03/issue.json": "-rw-r--r--",
        "2025-12-03/issue.txt": "-rw-r--r--",
        "feed.xml": "-rw-r--r--",
        "index.html": "-rw-r--r--",
    }
    private = {k: v for k, v in modes.items() if k.startswith(".digest")}
    assert private[".digest"] == "drwx------"
    assert ".digest/state.sqlite3" in private and ".digest/run.lock" in private
    assert ".digest/dry-run/2025-12-03/dry-run-anna@example.org.eml" in private
    assert all(mode in ("-rw-------", "drwx------") for mode in private.values()), private
    for name in public:
        path = output / name
        if path.is_file():
            text = path.read_text("utf-8")
            assert not any(p in text for p in PEOPLE), f"{name} holds a subscriber's address"
            assert ".digest" not in text, f"{name} links the private state folder"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_a_reader_never_sees_a_file_name_or_a_hash(tmp_path: Path) -> None:
    result = digest("build", "-i", SEEDS, "-o", tmp_path, "--date", "2025-12-03")
    assert result.exit_code == ExitCode.OK
    warnings = result.stderr.splitlines()
    assert len(warnings) == 5  # one per input whose outlet nobody named, naming the input
    assert warnings[0] == (
        f"Warning: '{SEEDS / '000_591f463e28f3d127.txt'}': no outlet name found (no site name, "
        "sender, source field or known domain); shown as 'Quelle 1'. Name it with "
        "a 'sources' rule in config.yaml"
    )
    for name in ("issue.html", "issue.txt", "index.html"):
        text = (tmp_path / "2025-12-03" / name).read_text("utf-8")
        assert not re.search(r"\d{3}_[0-9a-f]{16}|[0-9a-f]{16}", text), name
        assert "Quelle 1" in text


def test_an_output_folder_a_strict_umask_made_becomes_readable(
    tmp_path: Path, strict_umask: None
) -> None:
    (tmp_path / "out").mkdir()  # 0700 under the umask of 077, as an older run left it
    assert digest("build", "-i", EXAMPLES, "-o", tmp_path / "out").exit_code == ExitCode.OK
    assert stat.filemode((tmp_path / "out").stat().st_mode) == "drwxr-xr-x"
