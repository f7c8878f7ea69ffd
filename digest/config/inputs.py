"""The ``inputs`` key: each entry a typed spec — a path, a feed URL or an IMAP folder URL.

An entry is a string (a path or a URL) or, in ``config.yaml``, a mapping
``{url|path: …, name: …, password_env: …, full_text: …, cafile: …}``; ``digest build -i``
takes the strings. Bad entries yield one problem line each, in the form the config
validator prints (``config.yaml: inputs[1]: expected …, got 42``). The forms are a
contract: checks outside the project use them.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

DEFAULT_PASSWORD_ENV = "DIGEST_IMAP_PASSWORD"
FEED_SCHEMES = ("http", "https")
IMAP_SCHEMES = ("imap", "imaps")
IMAP_PORTS = {"imap": 143, "imaps": 993}
MAPPING_KEYS = ("url", "path", "name", "password_env", "full_text", "cafile")
EXPECTED = "a path, an http(s)/imap(s) URL or a mapping with 'url' or 'path'"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

SpecKind = Literal["path", "feed", "imap"]


class BadInput(ValueError):
    """An ``inputs`` entry that cannot be used; ``key`` names the sub-key (or ``""``)."""

    def __init__(self, text: str, key: str = "") -> None:
        super().__init__(text)
        self.key = key


@dataclass(frozen=True)
class ImapAddress:
    """The parts of an ``imap://`` or ``imaps://USER@HOST[:PORT]/FOLDER`` URL."""

    user: str
    host: str
    port: int
    folder: str
    implicit_tls: bool

    @property
    def url(self) -> str:
        """Return the URL without a password, as warnings and ``issue.json`` name it."""
        scheme = "imaps" if self.implicit_tls else "imap"
        default = IMAP_PORTS[scheme]
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == default else f":{self.port}"
        user = self.user.replace("%", "%25").replace("@", "%40").replace("/", "%2F")
        return f"{scheme}://{user}@{host}{port}/{self.folder}"

    @property
    def loopback(self) -> bool:
        """Return whether the host is this machine (no TLS needed to keep the password safe)."""
        if self.host.lower() in ("localhost", "localhost.localdomain"):
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


@dataclass(frozen=True)
class InputSpec:
    """One configured input: ``location`` is an absolute path or a URL as given."""

    kind: SpecKind
    location: str
    name: str | None = None
    password_env: str = DEFAULT_PASSWORD_ENV
    full_text: bool = False
    cafile: Path | None = None

    @property
    def label(self) -> str:
        """Name the input as the user gave it: a URL (no password), or a path made relative."""
        if self.kind == "imap":
            return self.imap.url
        return self.location if self.kind == "feed" else path_label(self.path)

    @property
    def path(self) -> Path:
        """Return the path of a ``path`` input."""
        return Path(self.location)

    @property
    def imap(self) -> ImapAddress:
        """Return the parsed address of an ``imap`` input."""
        return parse_imap_url(self.location)


def path_label(path: Path) -> str:
    """Name ``path`` as the user knows it: relative to the working folder when inside it.

    Bytes of a name that are not UTF-8 are shown as ``\\xe4`` (as ``ls -b`` does): the
    label stays printable, tells the true name and can be written to issue.json.
    """
    try:
        shown = path.absolute().relative_to(Path.cwd())
    except ValueError:
        shown = path
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def parse_inputs(value: Any, base_dir: Path, label: str) -> tuple[list[InputSpec], list[str]]:
    """Parse the ``inputs`` value (one entry or a list); return the specs and problem lines."""
    if isinstance(value, str | dict):
        entries, names = [value], ["inputs"]
    elif isinstance(value, list):
        entries, names = value, [f"inputs[{i}]" for i in range(len(value))]
    else:
        return [], [f"{label}: inputs: expected {EXPECTED}, or a list of them, got {value!r}"]
    specs: list[InputSpec] = []
    problems: list[str] = []
    for entry, name in zip(entries, names, strict=True):
        try:
            specs.append(parse_entry(entry, base_dir))
        except BadInput as bad:
            where = f"{name}.{bad.key}" if bad.key else name
            problems.append(f"{label}: {where}: {bad}")
    return specs, problems


def parse_entry(value: Any, base_dir: Path) -> InputSpec:
    """Parse one entry: a path or URL string, or a mapping; raise ``BadInput``."""
    if isinstance(value, str):
        return parse_string(value, base_dir)
    if isinstance(value, dict):
        return _mapping(value, base_dir)
    raise BadInput(f"expected {EXPECTED}, got {value!r}")


def parse_string(value: str, base_dir: Path) -> InputSpec:
    """Parse a path or URL as given in ``inputs`` or to ``digest build -i``."""
    text = value.strip()
    if not text:
        raise BadInput(f"expected {EXPECTED}, got an empty string")
    match = _SCHEME.match(text)
    if match is None:
        return InputSpec("path", str(_path(text, base_dir)))
    scheme = match.group(1).lower()
    if scheme in FEED_SCHEMES:
        return InputSpec("feed", _feed_url(text))
    if scheme in IMAP_SCHEMES:
        parse_imap_url(text)
        return InputSpec("imap", text)
    raise BadInput(f"unsupported URL scheme '{scheme}://' (use a path, http(s):// or imap(s)://)")


def _path(text: str, base_dir: Path) -> Path:
    path = Path(os.path.expanduser(text))
    return path if path.is_absolute() else (base_dir / path).resolve()


def _feed_url(text: str) -> str:
    parts = urlsplit(text)
    if not parts.hostname or any(c.isspace() for c in text):
        raise BadInput(f"expected an http(s):// URL with a host, got {text!r}")
    return text


def parse_imap_url(text: str) -> ImapAddress:
    """Parse ``imap[s]://USER@HOST[:PORT]/FOLDER``; raise ``BadInput`` naming what is wrong."""
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in IMAP_SCHEMES:
        raise BadInput(f"expected an imap:// or imaps:// URL, got {text!r}")
    if parts.password is not None:
        raise BadInput(
            "a password in the URL is not allowed: it is read from an environment variable "
            f"(default {DEFAULT_PASSWORD_ENV}, or the entry's 'password_env')"
        )
    if not parts.username or not parts.hostname:
        raise BadInput(f"expected {scheme}://USER@HOST[:PORT]/FOLDER, got {text!r}")
    try:
        port = parts.port or IMAP_PORTS[scheme]
    except ValueError:
        raise BadInput(f"bad port in {text!r} (expected 1 to 65535)") from None
    if parts.query or parts.fragment:
        raise BadInput(f"expected {scheme}://USER@HOST[:PORT]/FOLDER without '?' or '#'")
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapAddress(
        user=unquote(parts.username), host=parts.hostname, port=port, folder=folder,
        implicit_tls=scheme == "imaps",
    )  # fmt: skip


def _mapping(value: dict[Any, Any], base_dir: Path) -> InputSpec:
    for key in value:
        if key not in MAPPING_KEYS:
            close = difflib.get_close_matches(str(key), MAPPING_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise BadInput(f"unknown key{hint}", str(key))
    spec = _target(value, base_dir)
    name = _optional_string(value, "name")
    password_env = _optional_string(value, "password_env")
    full_text = value.get("full_text", False)
    if not isinstance(full_text, bool):
        raise BadInput(f"expected true or false, got {full_text!r}", "full_text")
    if password_env is not None:
        if not _ENV_NAME.fullmatch(password_env):
            raise BadInput(f"expected an environment variable name, got {password_env!r}",
                           "password_env")  # fmt: skip
        if spec.kind != "imap":
            raise BadInput("only an imap(s):// input has a password", "password_env")
    if full_text and spec.kind != "feed":
        raise BadInput("only an http(s):// feed can fetch its entries' pages", "full_text")
    cafile = _optional_string(value, "cafile")
    if cafile is not None and spec.kind != "imap":
        raise BadInput("only an imap(s):// input takes a CA file", "cafile")
    return InputSpec(
        spec.kind, spec.location, name=name, full_text=full_text,
        password_env=password_env or DEFAULT_PASSWORD_ENV,
        cafile=_path(cafile, base_dir) if cafile else None,
    )  # fmt: skip


def _target(value: dict[Any, Any], base_dir: Path) -> InputSpec:
    """Return the spec of the mapping's ``url`` or ``path`` (exactly one of them)."""
    given = [k for k in ("url", "path") if k in value]
    if len(given) != 1:
        what = "both" if given else "neither"
        raise BadInput(f"expected a mapping with 'url' or 'path' (not both), got {what}")
    key = given[0]
    target = value[key]
    if not isinstance(target, str) or not target.strip():
        raise BadInput(f"expected a non-empty string, got {target!r}", key)
    try:
        spec = parse_string(target, base_dir)
    except BadInput as bad:
        raise BadInput(str(bad), key) from None
    if key == "url" and spec.kind == "path":
        raise BadInput(f"expected an http(s):// or imap(s):// URL, got {target!r}", key)
    if key == "path" and spec.kind != "path":
        raise BadInput(f"expected a path (give a URL as 'url'), got {target!r}", key)
    return spec


def _optional_string(value: dict[Any, Any], key: str) -> str | None:
    text = value.get(key)
    if text is None:
        return None
    if not isinstance(text, str) or not text.strip() or "\n" in text:
        raise BadInput(f"expected a single-line string, got {text!r}", key)
    return text.strip()
