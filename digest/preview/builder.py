"""Builds for the preview: each into a fresh temp folder, swapped in only when complete.

Every rebuild re-reads the configuration; a failed one keeps the last good issue and
records the error for the page to show (as MkDocs' livereload does).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from digest.build import build_issue, today
from digest.config import GMAIL_CLIP_BYTES, Config, InputSpec, load_config
from digest.errors import ConfigError, DigestError
from digest.fsutil import PUBLIC_FILE, atomic_write
from digest.render import render

log = logging.getLogger(__name__)
POLL_SECONDS = 0.3
# Editors save in several steps (write, rename, touch): wait for the burst to end.
SETTLE_SECONDS = 0.15


@dataclass(frozen=True)
class Build:
    """One finished build: its folder, or the error that stopped it."""

    version: int
    folder: Path | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    html_bytes: int = 0
    budget: int = GMAIL_CLIP_BYTES


class Site:
    """The build being served; swapped whole, so a request never sees half a build."""

    def __init__(self) -> None:
        self._build = Build(version=0, error="The first build has not finished yet.")
        self._changed = threading.Condition()

    @property
    def build(self) -> Build:
        """Return the build being served."""
        with self._changed:
            return self._build

    def publish(self, build: Build) -> None:
        """Serve ``build`` from now on and wake every waiting page."""
        with self._changed:
            self._build = build
            self._changed.notify_all()

    def wait_newer(self, since: int, timeout: float) -> int:
        """Block until the served version differs from ``since`` or ``timeout`` passes."""
        with self._changed:
            self._changed.wait_for(lambda: self._build.version != since, timeout)
            return self._build.version


@dataclass
class Builder:
    """Re-read the configuration and render the issue into a new folder under ``root``."""

    config_file: Path | None
    inputs: Sequence[InputSpec] | None
    date: dt.date | None
    root: Path
    version: int = 0
    config: Config | None = field(default=None, repr=False)

    def build(self) -> Build:
        """Build once; return the result, successful or not."""
        self.version += 1
        started = time.monotonic()
        try:
            build = self._build()
        except Exception as exc:  # any failure is shown on the page; the server keeps running
            error = describe(exc)
            log.error("Preview build failed: %s", error)
            return Build(version=self.version, error=error)
        log.info("Preview rebuilt in %.2f s", time.monotonic() - started)
        return build

    def _build(self) -> Build:
        config = load_config(self.config_file)
        self.config = config
        # The memory is read as a build reads it, so the preview shows the issue it would
        # write; only a written issue is recorded.
        issue = build_issue(config, inputs=self.inputs, date=self.date or today(config),
                            memory=True)  # fmt: skip
        rendered = render(issue, config)
        folder = Path(tempfile.mkdtemp(prefix=f"build-{self.version}-", dir=self.root))
        atomic_write(folder / "issue.txt", rendered.text, mode=PUBLIC_FILE)
        document = json.dumps(issue.to_json(), ensure_ascii=False) + "\n"
        atomic_write(folder / "issue.json", document, mode=PUBLIC_FILE)
        atomic_write(folder / "issue.html", rendered.html, mode=PUBLIC_FILE)
        return Build(
            version=self.version, folder=folder, warnings=tuple(rendered.warnings),
            html_bytes=rendered.html_bytes, budget=config.max_html_bytes,
        )  # fmt: skip

    def watched(self) -> list[Path]:
        """Return the config file, its templates folder and the inputs."""
        config_file = self.config_file or Path("config.yaml")
        paths = [config_file.absolute()]
        if self.config is not None and self.config.templates is not None:
            paths.append(self.config.templates)
        inputs = self.inputs if self.inputs is not None else []
        if self.inputs is None and self.config is not None:
            inputs = self.config.inputs
        return [*paths, *(s.path for s in inputs if s.kind == "path")]


def describe(exc: BaseException) -> str:
    """Return an error as an editor wants to read it: file, line and message, no traceback."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        return f"{where}, line {exc.lineno}: {exc.message}"
    if isinstance(exc, ConfigError):
        return "\n".join(exc.problems)
    if isinstance(exc, DigestError):
        return exc.format_message()
    if isinstance(exc, jinja2.TemplateError):
        return f"{type(exc).__name__}: {exc}\n\n{_template_frames(exc)}".strip()
    return "".join(traceback.format_exception_only(exc)).strip()


def _template_frames(exc: BaseException) -> str:
    """Return the template lines of a traceback (Jinja maps them to the template files)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return "\n".join(
        f"{f.filename}, line {f.lineno}" for f in frames if not f.filename.endswith(".py")
    )


def snapshot(paths: Sequence[Path]) -> dict[Path, tuple[int, int]]:
    """Return modification time and size of every file under ``paths``; missing paths count too."""
    seen: dict[Path, tuple[int, int]] = {}
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue  # vanished, or never existed: its absence is part of the state
            if not file.is_dir():
                seen[file] = (stat.st_mtime_ns, stat.st_size)
    return seen


def watch(
    builder: Builder, site: Site, stop: threading.Event, before: dict[Path, tuple[int, int]]
) -> None:
    """Poll the watched files; rebuild and publish after each change until ``stop`` is set.

    ``before`` is the state the served build was made from, taken before that build began.
    """
    while not stop.wait(POLL_SECONDS):
        if snapshot(builder.watched()) == before:
            continue
        stop.wait(SETTLE_SECONDS)
        before = snapshot(builder.watched())
        publish(site, builder.build())
        # The new config may name other folders: add them, but keep the state from before the
        # build for the rest, so that a save during the build triggers another one.
        before = {**snapshot(builder.watched()), **before}


def publish(site: Site, build: Build) -> None:
    """Serve ``build``; delete older folders but the one it replaces (a reader may be on it)."""
    old = site.build
    site.publish(build)
    if build.folder is None or old.folder is None:
        return
    for folder in build.folder.parent.iterdir():
        if folder not in (build.folder, old.folder):
            shutil.rmtree(folder, ignore_errors=True)
