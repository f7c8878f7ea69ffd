"""The one Jinja environment factory: override folder, autoescape, i18n and our filters."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import jinja2
from babel.lists import format_list
from markupsafe import Markup

from digest.config import Config
from digest.i18n import date_time, day_month, long_date, number, short_date, translations
from digest.models import SourceRef, Story
from digest.render.layout import anchor
from digest.render.markup import clean, safe_url, to_html, to_plain_blocks

# The built-in templates: the top-level ``templates/`` folder of a source checkout, which a
# built wheel ships as ``digest/templates``.
_PACKAGE = Path(__file__).resolve().parents[1]
BUILTIN_TEMPLATES = next(
    (p for p in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if p.is_dir()),
    _PACKAGE / "templates",
)
WIDTH = 78
WORDS_PER_MINUTE = 200


class LinkCollector:
    """Number the links of the plaintext version so they can be listed at its end."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def ref(self, url: str | None) -> str:
        """Return ``[n]`` for ``url`` (the same URL keeps its number), or "" without a URL."""
        if not url:
            return ""
        if url not in self.urls:
            self.urls.append(url)
        return f"[{self.urls.index(url) + 1}]"

    def cite(self, url: str | None) -> str:
        """Return `` [n]`` to put after a name, or "" when there is no URL."""
        return f" {self.ref(url)}" if url else ""


def environment(config: Config) -> jinja2.Environment:
    """Return the environment: the user's ``templates`` folder first, then the built-in one."""
    folders = [str(config.templates)] if config.templates else []
    builtin = BUILTIN_TEMPLATES
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(builtin)]),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"], default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_clean_output,
    )
    env.install_gettext_translations(translations(config.locale), newstyle=True)  # type: ignore[attr-defined]
    locale = config.locale
    env.filters.update(
        markdown=lambda text: Markup(to_html(text)),
        long_date=lambda d: long_date(d, locale),
        short_date=lambda d: short_date(d, locale),
        day_month=lambda d: day_month(d, locale),
        date_time=lambda d: date_time(d, locale, config.tz),
        number=lambda n: number(n, locale),
        join_list=lambda items: format_list([str(i) for i in items], locale=locale)
        if items else "",
        wrap=wrap,
        plain_blocks=to_plain_blocks,
        minutes=reading_minutes,
        source_names=source_names,
        distinct_sources=distinct_sources,
        anchor=anchor,
        safe_url=safe_url,
    )  # fmt: skip
    env.globals["now"] = dt.datetime.now
    return env


def _clean_output(value: object) -> object:
    """Strip invisible and direction-changing characters from everything a template prints."""
    if isinstance(value, Markup):
        return Markup(clean(str(value)))
    return clean(value) if isinstance(value, str) else value


# A number and the word after it: textwrap never breaks at a no-break space.
_NUMBER_SPACE = re.compile(r"(?<!\S)(\d[\d.,:]*) (?=\S)")


def wrap(text: str, indent: str = "", first: str | None = None, width: int = WIDTH) -> str:
    """Wrap ``text`` at ``width`` columns; long words such as URLs are never broken, nor
    a number from the word after it ("1 Min.", "17. Dezember", "3,5 Prozent")."""
    joined = _NUMBER_SPACE.sub("\\1\xa0", " ".join(str(text).split()))
    return textwrap.fill(
        joined, width=width, initial_indent=indent if first is None else first,
        subsequent_indent=indent, break_long_words=False, break_on_hyphens=False,
    ).replace("\xa0", " ")  # fmt: skip


def reading_minutes(story: Story) -> int:
    """Return the reading time of ``story`` in whole minutes (at least one)."""
    return max(1, round(story.words / WORDS_PER_MINUTE))


def source_names(sources: Sequence[SourceRef]) -> list[str]:
    """Return the distinct source names in order."""
    return list(dict.fromkeys(s.name for s in sources))


def distinct_sources(sources: Sequence[SourceRef]) -> list[SourceRef]:
    """Return the first source of each name, in order, preferring one with a URL."""
    chosen: dict[str, SourceRef] = {}
    for source in sources:
        if source.name not in chosen or (source.url and not chosen[source.name].url):
            chosen[source.name] = source
    return list(chosen.values())
