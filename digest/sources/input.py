"""One input to read (``Input``), and the error of a source that cannot be read at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import DEFAULT_MAX_INPUT_BYTES, OutletRule
from digest.config.inputs import path_label
from digest.sources.files import file_size, read_file, rule_for


class SourceError(Exception):
    """A configured input that could not be read at all; the message is the one-line reason."""


@dataclass(frozen=True)
class Input:
    """One input to read: its name for messages and how to load its bytes, when read.

    ``origin`` names the configured input it came from (``issue.json``'s source ``file``:
    a path, a feed URL, a mailbox URL; "" means ``name``). ``kind`` is the reader kind
    (``.eml``, ``.feed``, ``.entry`` …); "" means: by the name's suffix, or a feed by its
    content. ``url`` is the article's own link when the source knows it; ``outlet`` the
    name (and URL) the configuration gives its outlet.
    """

    name: str
    load: Callable[[], bytes] = field(repr=False, compare=False)
    origin: str = ""
    kind: str = ""
    url: str | None = None
    outlet: OutletRule | None = None
    size: int = 0

    @property
    def file(self) -> str:
        """Return what ``issue.json`` names as the source's ``file``."""
        return self.origin or self.name


def fetched(
    name: str, data: bytes, origin: str, kind: str, *, url: str | None = None,
    outlet: OutletRule | None = None,
) -> Input:  # fmt: skip
    """Return the input of bytes already fetched (a feed, a mailbox message)."""
    return Input(name, lambda: data, origin, kind, url, outlet, len(data))


def named_outlet(name: str | None) -> OutletRule | None:
    """Return the outlet rule of an input the configuration names (``{…, name: X}``)."""
    return OutletRule(match="", name=name) if name else None


def file_input(
    path: Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, outlets: Sequence[OutletRule] = (),
    outlet: OutletRule | None = None,
) -> Input:  # fmt: skip
    """Return the input of one file (its size checked when it is loaded)."""
    return Input(
        name=path_label(path), load=lambda: read_file(path, max_bytes),
        outlet=outlet or rule_for(path, outlets), size=file_size(path, max_bytes),
    )  # fmt: skip
