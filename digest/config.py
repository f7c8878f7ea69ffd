"""The configuration: a declared schema, one validate pass that reports every error at once."""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from babel import Locale, UnknownLocaleError

from digest.errors import ConfigError

DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024
GMAIL_CLIP_BYTES = 102_400


@dataclass(frozen=True)
class SourceRule:
    """Name and URL for the input files whose path matches ``match`` (a glob)."""

    match: str
    name: str
    url: str | None = None


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the SMTP server; the password comes from ``password_env``."""

    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str = "DIGEST_SMTP_PASSWORD"
    timeout: float = 30.0
    cafile: Path | None = None


@dataclass(frozen=True)
class MailConfig:
    """Sender, recipients and list headers of the sent issue."""

    sender: str = "Digest <digest@example.org>"
    to: list[str] = field(default_factory=list)
    to_file: Path | None = None
    reply_to: str | None = None
    list_unsubscribe: str | None = None
    list_unsubscribe_mailto: str | None = None
    list_id: str | None = None


@dataclass(frozen=True)
class DeliveryConfig:
    """Which transport hands messages over: ``smtp`` or a local ``command``."""

    transport: str = "smtp"
    command: list[str] = field(default_factory=list)
    retries: int = 3
    backoff: float = 2.0


@dataclass(frozen=True)
class DedupConfig:
    """Thresholds of the deduplicator; round values, chosen for precision over recall.

    ``threshold`` (0.35): pair similarity (``digest.api.similarity``) from which two articles
    may report the same event. ``group_threshold`` (0.3): mean pairwise similarity a merged
    group must keep (average linkage, so chains do not snowball). ``item_threshold`` (0.6):
    share of a short item's stems another item or a story must hold for them to be the same
    news. ``date_window_days`` (0.5): publication times further apart than this lower the
    score (a day apart halves it: outlets report an event within hours; a day later it is
    a follow-up or the next day's figures; short items match only within the window plus a
    day; 0 ignores dates). ``max_story_words`` (400): word budget of a
    merged story (summary and body).
    """

    threshold: float = 0.35
    group_threshold: float = 0.3
    item_threshold: float = 0.6
    date_window_days: float = 0.5
    max_story_words: int = 400


@dataclass(frozen=True)
class Config:
    """The validated configuration; paths are absolute."""

    path: Path | None = None
    base_dir: Path = field(default_factory=Path.cwd)
    title: str = "Der Digest"
    locale: str = "de_DE"
    timezone: str = "Europe/Berlin"
    inputs: list[Path] = field(default_factory=list)
    output: Path = field(default_factory=lambda: Path("output").absolute())
    templates: Path | None = None
    archive_url: str | None = None
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_html_bytes: int = GMAIL_CLIP_BYTES
    sources: list[SourceRule] = field(default_factory=list)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    mail: MailConfig = field(default_factory=MailConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    hooks: list[Path] = field(default_factory=list)
    impressum: str = ""

    @property
    def tz(self) -> ZoneInfo:
        """Return the configured timezone."""
        return ZoneInfo(self.timezone)

    @property
    def language(self) -> str:
        """Return the language part of the locale (``de`` for ``de_DE``)."""
        return self.locale.split("_")[0]

    def replace(self, **changes: Any) -> Config:
        """Return a copy with ``changes`` applied (CLI overrides)."""
        return dataclasses.replace(self, **changes)


# --- checkers: each returns the converted value or raises _Bad with the expectation ----------


class _Bad(Exception):
    pass


Checker = Callable[[Any, "_Ctx"], Any]


@dataclass
class _Ctx:
    base_dir: Path


def _got(value: Any) -> str:
    return repr(value)


def _string(value: Any, ctx: _Ctx) -> str:
    if not isinstance(value, str):
        raise _Bad("a string")
    return value


def _header_text(value: Any, ctx: _Ctx) -> str:
    text = _string(value, ctx)
    if "\n" in text or "\r" in text:
        raise _Bad("a single line")
    return text


def _opt(checker: Checker) -> Checker:
    def check(value: Any, ctx: _Ctx) -> Any:
        return None if value is None else checker(value, ctx)

    return check


def _integer(value: Any, ctx: _Ctx) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad("an integer")
    return value


def _port(value: Any, ctx: _Ctx) -> int:
    port = _integer(value, ctx)
    if not 0 < port < 65536:
        raise _Bad("a port number from 1 to 65535")
    return port


def _positive(value: Any, ctx: _Ctx) -> int:
    number = _integer(value, ctx)
    if number <= 0:
        raise _Bad("a positive integer")
    return number


def _non_negative(value: Any, ctx: _Ctx) -> int:
    number = _integer(value, ctx)
    if number < 0:
        raise _Bad("an integer of 0 or more")
    return number


def _number(value: Any, ctx: _Ctx) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad("a number")
    return float(value)


def _fraction(value: Any, ctx: _Ctx) -> float:
    number = _number(value, ctx)
    if not 0.0 <= number <= 1.0:
        raise _Bad("a number from 0 to 1")
    return number


def _path(value: Any, ctx: _Ctx) -> Path:
    path = Path(os.path.expanduser(_string(value, ctx)))
    return path if path.is_absolute() else (ctx.base_dir / path).resolve()


def _inside_path(value: Any, ctx: _Ctx) -> Path:
    """A path to code or templates: a relative one must stay inside the config's folder."""
    path = _path(value, ctx)
    if not Path(os.path.expanduser(value)).is_absolute() and not path.is_relative_to(
        ctx.base_dir.resolve()
    ):
        raise _Bad("a path inside the config's folder (give an absolute path to go outside)")
    return path


def _path_list(check: Checker) -> Checker:
    """Accept one path or a list of them, each checked by ``check``."""

    def paths(value: Any, ctx: _Ctx) -> list[Path]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise _Bad("a path or a list of paths")
        return [check(v, ctx) for v in value]

    return paths


_paths = _path_list(_path)
_inside_paths = _path_list(_inside_path)


def _strings(value: Any, ctx: _Ctx) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad("a list of strings")
    return list(value)


def _choice(*choices: str) -> Checker:
    def check(value: Any, ctx: _Ctx) -> str:
        if value not in choices:
            raise _Bad(" | ".join(choices))
        return str(value)

    return check


def _locale(value: Any, ctx: _Ctx) -> str:
    text = _string(value, ctx)
    try:
        Locale.parse(text)
    except (ValueError, UnknownLocaleError):
        raise _Bad("a locale such as de_DE or en_US") from None
    return text


def _timezone(value: Any, ctx: _Ctx) -> str:
    text = _string(value, ctx)
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise _Bad("an IANA timezone such as Europe/Berlin") from None
    return text


def _https_url(value: Any, ctx: _Ctx) -> str:
    text = _header_text(value, ctx)
    if not re.fullmatch(r"(https://|mailto:)\S+", text):
        raise _Bad("an https:// or mailto: URL")
    return text


def _url(value: Any, ctx: _Ctx) -> str:
    text = _header_text(value, ctx)
    if not re.fullmatch(r"https?://\S+", text):
        raise _Bad("an http:// or https:// URL")
    return text


def _address(value: Any, ctx: _Ctx) -> str:
    text = _header_text(value, ctx)
    if "@" not in text:
        raise _Bad("an email address")
    return text


def _addresses(value: Any, ctx: _Ctx) -> list[str]:
    return [_address(v, ctx) for v in _strings(value, ctx)]


# --- the schema: key -> (dataclass field, checker); sections nest -----------------------------

Schema = dict[str, tuple[str, Checker]]

SMTP_SCHEMA: Schema = {
    "host": ("host", _string),
    "port": ("port", _port),
    "security": ("security", _choice("starttls", "ssl", "none")),
    "username": ("username", _opt(_string)),
    "password_env": ("password_env", _string),
    "timeout": ("timeout", _number),
    "cafile": ("cafile", _opt(_path)),
}
MAIL_SCHEMA: Schema = {
    "from": ("sender", _address),
    "to": ("to", _addresses),
    "to_file": ("to_file", _opt(_path)),
    "reply_to": ("reply_to", _opt(_address)),
    "list_unsubscribe": ("list_unsubscribe", _opt(_https_url)),
    "list_unsubscribe_mailto": ("list_unsubscribe_mailto", _opt(_https_url)),
    "list_id": ("list_id", _opt(_header_text)),
}
DELIVERY_SCHEMA: Schema = {
    "transport": ("transport", _choice("smtp", "command")),
    "command": ("command", _strings),
    "retries": ("retries", _non_negative),
    "backoff": ("backoff", _number),
}
DEDUP_SCHEMA: Schema = {
    "threshold": ("threshold", _fraction),
    "group_threshold": ("group_threshold", _fraction),
    "item_threshold": ("item_threshold", _fraction),
    "date_window_days": ("date_window_days", _number),
    "max_story_words": ("max_story_words", _positive),
}
SECTIONS: dict[str, tuple[Schema, type[Any]]] = {
    "smtp": (SMTP_SCHEMA, SmtpConfig),
    "mail": (MAIL_SCHEMA, MailConfig),
    "delivery": (DELIVERY_SCHEMA, DeliveryConfig),
    "dedup": (DEDUP_SCHEMA, DedupConfig),
}
TOP_SCHEMA: Schema = {
    "title": ("title", _header_text),
    "locale": ("locale", _locale),
    "timezone": ("timezone", _timezone),
    "inputs": ("inputs", _paths),
    "output": ("output", _path),
    "templates": ("templates", _opt(_inside_path)),
    "archive_url": ("archive_url", _opt(_url)),
    "max_input_bytes": ("max_input_bytes", _positive),
    "max_html_bytes": ("max_html_bytes", _positive),
    "hooks": ("hooks", _inside_paths),
    "impressum": ("impressum", _string),
}
SOURCE_SCHEMA: Schema = {
    "match": ("match", _string),
    "name": ("name", _string),
    "url": ("url", _opt(_url)),
}


class _Validator:
    """Walk the YAML document against the schema, collecting every problem."""

    def __init__(self, label: str, ctx: _Ctx) -> None:
        self.label = label
        self.ctx = ctx
        self.problems: list[str] = []

    def problem(self, key: str, text: str) -> None:
        self.problems.append(f"{self.label}: {key}: {text}")

    def mapping(self, data: Any, schema: Schema, prefix: str, extra: set[str]) -> dict[str, Any]:
        """Check one mapping; return the dataclass keyword arguments it yields."""
        if not isinstance(data, dict):
            where = prefix.rstrip(".") or "(top level)"
            self.problem(where, f"expected a mapping, got {_got(data)}")
            return {}
        values: dict[str, Any] = {}
        known = set(schema) | extra
        for key, value in data.items():
            name = f"{prefix}{key}"
            if key not in known:
                self.unknown(name, str(key), known)
            elif key in schema:
                attr, check = schema[key]
                try:
                    values[attr] = check(value, self.ctx)
                except _Bad as bad:
                    self.problem(name, f"expected {bad}, got {_got(value)}")
        return values

    def unknown(self, name: str, key: str, known: set[str]) -> None:
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.problem(name, f"unknown key{hint}")

    def sources(self, data: Any) -> list[SourceRule]:
        if not isinstance(data, list):
            self.problem("sources", f"expected a list of {{match, name, url}}, got {_got(data)}")
            return []
        rules = []
        for i, entry in enumerate(data):
            values = self.mapping(entry, SOURCE_SCHEMA, f"sources[{i}].", set())
            missing = [k for k in ("match", "name") if k not in values]
            for key in missing:
                self.problem(f"sources[{i}].{key}", "required key is missing")
            if not missing and isinstance(entry, dict):
                rules.append(SourceRule(**values))
        return rules


def load_config(path: Path | None = None) -> Config:
    """Read and validate ``path`` (default: ``./config.yaml`` if present, else defaults)."""
    if path is None:
        default = Path("config.yaml")
        if not default.exists():
            return Config(output=Path("output").absolute())
        path = default
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{label}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{label}: cannot read: {exc}"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"line {where.line + 1}: " if where is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError([f"{label}: {line}invalid YAML: {reason}"]) from None
    return validate(data or {}, path)


def validate(data: Any, path: Path) -> Config:
    """Turn a parsed YAML document into a ``Config`` or raise one ``ConfigError``."""
    base_dir = path.absolute().parent
    check = _Validator(str(path), _Ctx(base_dir))
    values = check.mapping(data, TOP_SCHEMA, "", set(SECTIONS) | {"sources"})
    if isinstance(data, dict):
        for name, (schema, cls) in SECTIONS.items():
            if name in data:
                values[name] = cls(**check.mapping(data[name], schema, f"{name}.", set()))
        if "sources" in data:
            values["sources"] = check.sources(data["sources"])
    values.setdefault("output", (base_dir / "output").resolve())
    if check.problems:
        raise ConfigError(check.problems)
    return Config(path=path.absolute(), base_dir=base_dir, **values)
