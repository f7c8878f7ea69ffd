"""Where inputs come from: files and folders today; each becomes an ``Input`` to read.

A source knows where an input lives and how to fetch its bytes, not what they mean: the
readers (``digest.readers``) decode them by kind. Inputs are loaded one at a time, so a
night of thousands of files never sits in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import DEFAULT_MAX_INPUT_BYTES, OutletRule
from digest.sources.files import collect, label, read_file, rule_for

__all__ = ["Input", "file_input", "gather"]


@dataclass(frozen=True)
class Input:
    """One input to read: its name for messages, how to load its bytes, its outlet rule."""

    name: str
    load: Callable[[], bytes] = field(repr=False, compare=False)
    outlet: OutletRule | None = None


def file_input(
    path: Path, *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, outlets: Sequence[OutletRule] = ()
) -> Input:
    """Return the input of one file (its size checked when it is loaded)."""
    return Input(
        name=label(path), load=lambda: read_file(path, max_bytes), outlet=rule_for(path, outlets)
    )


def gather(
    paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    outlets: Sequence[OutletRule] = (),
) -> list[Input]:  # fmt: skip
    """Return the inputs under ``paths`` (folders read recursively), in a stable order."""
    return [file_input(p, max_bytes=max_bytes, outlets=outlets) for p in collect(paths)]
