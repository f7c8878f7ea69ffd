"""Render an issue: the HTML email (inlined CSS, size budget), 78-column plaintext, web version.

The email holds the most important stories that fit ``max_html_bytes``, counted as the HTML
part is sent (UTF-8, quoted-printable); the web version (``<date>/index.html``) holds every
story of the issue, for "Im Browser lesen" and the archive.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from email.message import EmailMessage

import jinja2
from premailer import Premailer

from digest.config import Config
from digest.i18n import long_date
from digest.models import Issue
from digest.render.layout import entries, groups, more_limit, web_url
from digest.render.markup import converted_ahead
from digest.render.templating import LinkCollector, environment
from digest.text.wordsets import without_announcement

log = logging.getLogger(__name__)

# Bodies are cut to this many words when the whole issue is over the size budget.
SHORT_BODY_WORDS = 120
# A rough cost of one story's markup and inlined styles, to avoid inlining thousands of stories.
STORY_OVERHEAD_BYTES = 2_500
MAX_SUBJECT_CHARS = 78
# Short items kept when the issue is over budget even with shortened bodies.
OVER_BUDGET_ITEMS = 20
# Room kept for what `send` adds per recipient: the personal unsubscribe link's token.
PERSONAL_RESERVE_BYTES = 256


@dataclass(frozen=True)
class Rendered:
    """The rendered issue, what was left out to fit the budget, and warnings for editors."""

    html: str
    text: str
    shown: int
    dropped: int
    shortened: bool
    warnings: list[str]
    web: str = ""  # the web version: every story, for the browser and the archive

    @property
    def html_bytes(self) -> int:
        """Return the HTML part's size as sent (quoted-printable), which Gmail's clip counts."""
        return encoded_size(self.html)


def subject(issue: Issue) -> str:
    """Return the email subject: the issue title and the localized date."""
    return f"{issue.title} – {long_date(issue.date, issue.locale)}"


def render(issue: Issue, config: Config) -> Rendered:
    """Render ``issue``; shorten bodies, then drop the lowest stories, to fit the HTML budget."""
    env = environment(config)
    budget = max(1, config.max_html_bytes - PERSONAL_RESERVE_BYTES)
    plan = _Plan(_estimated_limit(issue, budget), len(issue.items))
    html = _html(env, issue, plan, config)
    for trim in (_shorten_bodies, _cap_items):
        if _size(html) > budget:
            plan = trim(plan)
            html = _html(env, issue, plan, config)
    while _size(html) > budget and plan.stories > 1:
        fewer = min(plan.stories - 1, int(plan.stories * budget / _size(html)))
        plan = dataclasses.replace(plan, stories=max(fewer, 1))
        html = _html(env, issue, plan, config)
    while _size(html) > budget and plan.items > 0:
        plan = dataclasses.replace(plan, items=plan.items // 2)
        html = _html(env, issue, plan, config)
    text = env.get_template("issue.txt").render(_context(issue, plan, config, LinkCollector()))
    return Rendered(
        html=html, text=_tidy_text(text), shown=min(plan.stories, len(issue.stories)),
        dropped=max(0, len(issue.stories) - plan.stories), shortened=plan.shortened,
        warnings=_warnings(issue, html, budget, plan), web=render_web(env, issue, config),
    )  # fmt: skip


def render_web(env: jinja2.Environment, issue: Issue, config: Config) -> str:
    """Render the web version: every story in full, its styles left in ``<style>`` blocks."""
    plan = _Plan(len(issue.stories), len(issue.items))
    with converted_ahead([s.body for s in issue.stories]):
        return env.get_template("issue.html").render(_context(issue, plan, config, web=True))


@dataclass(frozen=True)
class _Plan:
    """What of an issue goes into the email: how many stories and items, bodies cut or not."""

    stories: int
    items: int
    shortened: bool = False


def _shorten_bodies(plan: _Plan) -> _Plan:
    return dataclasses.replace(plan, shortened=True)


def _cap_items(plan: _Plan) -> _Plan:
    return dataclasses.replace(plan, items=min(plan.items, OVER_BUDGET_ITEMS))


def _html(env: jinja2.Environment, issue: Issue, plan: _Plan, config: Config) -> str:
    raw = env.get_template("issue.html").render(_context(issue, plan, config))
    return inline_css(raw)


def _context(
    issue: Issue, plan: _Plan, config: Config, links: LinkCollector | None = None, *,
    web: bool = False,
) -> dict[str, object]:  # fmt: skip
    stories = issue.stories[: plan.stories]
    if plan.shortened:
        stories = [dataclasses.replace(s, body=shorten(s.body, SHORT_BODY_WORDS)) for s in stories]
    online = web_url(issue, config)
    shown = groups(entries(stories))
    return {
        "issue": issue,
        "stories": stories,
        "groups": shown,
        # Section headings help only when there is more than one section to tell apart.
        "show_sections": len(shown) > 1,
        "dropped": entries(issue.stories[plan.stories :], plan.stories + 1, online),
        "more_limit": more_limit(online),
        "items": issue.items[: plan.items],
        "items_dropped": len(issue.items) - plan.items,
        "config": config,
        "mail": config.mail,
        "subject": subject(issue),
        "web_url": None if web else online,
        "web": web,
        "links": links,
    }


def inline_css(html: str) -> str:
    """Inline every layout style; the ``data-premailer="ignore"`` block stays as it is."""
    inliner = Premailer(
        html, allow_network=False, cssutils_logging_level=logging.CRITICAL,
        disable_validation=True, remove_classes=False, keep_style_tags=False,
        strip_important=False, disable_leftover_css=True,
    )  # fmt: skip
    out: str = inliner.transform(pretty_print=False)
    return out if out.lstrip().lower().startswith("<!doctype") else "<!DOCTYPE html>\n" + out


def _size(html: str) -> int:
    return encoded_size(html)


def encoded_size(html: str) -> int:
    """Return the bytes of ``html`` as the HTML part is sent: UTF-8, quoted-printable, CRLF."""
    part = EmailMessage()
    part.set_content(html, subtype="html", charset="utf-8", cte="quoted-printable")
    payload = str(part.get_payload())
    return len(payload.encode("ascii", "replace")) + payload.count("\n")


def _estimated_limit(issue: Issue, budget: int) -> int:
    """Return how many stories can possibly fit, so premailer never sees thousands."""
    total = 0
    for n, story in enumerate(issue.stories, 1):
        total += len(f"{story.summary} {story.body}".encode()) + STORY_OVERHEAD_BYTES
        if total > budget * 1.5:
            return n
    return len(issue.stories)


def shorten(body: str, words: int) -> str:
    """Cut ``body`` after the sentence that reaches ``words`` words, ending with an ellipsis.

    Paragraphs stay paragraphs: a credited "**Laut X:**" paragraph must not run into the
    one before it.
    """
    if len(body.split()) <= words:
        return body
    paragraphs: list[str] = []
    count = 0
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        kept: list[str] = []
        for sentence in re.split(r"(?<=[.!?“«])\s+", paragraph):
            kept.append(sentence)
            count += len(sentence.split())
            if count >= words:
                # What a last sentence announces ("… im Überblick:") is cut with the rest.
                kept = without_announcement(kept) if paragraphs or len(kept) > 1 else kept
                break
        if kept:
            paragraphs.append(" ".join(kept).rstrip())
        if count >= words:
            break
    return "\n\n".join(paragraphs) + " …"


def _warnings(issue: Issue, html: str, budget: int, plan: _Plan) -> list[str]:
    warnings = [f"Input skipped: {s.file}: {s.reason}" for s in issue.skipped]
    if _size(html) > budget:
        warnings.append(f"HTML is {_size(html):,} bytes, over the budget of {budget:,} bytes")
    if plan.stories < len(issue.stories):
        left_out = len(issue.stories) - plan.stories
        warnings.append(f"{left_out} stories left out to fit the size budget")
    if plan.items < len(issue.items):
        left_out = len(issue.items) - plan.items
        warnings.append(f"{left_out} short items left out to fit the size budget")
    missing_alt = len(re.findall(r"<img(?![^>]*\balt=)[^>]*>", html, re.IGNORECASE))
    if missing_alt:
        warnings.append(f"{missing_alt} image(s) without alt text")
    if len(subject(issue)) > MAX_SUBJECT_CHARS:
        warnings.append(f"Subject is {len(subject(issue))} characters (over {MAX_SUBJECT_CHARS})")
    return warnings


def _tidy_text(text: str) -> str:
    """Collapse runs of blank lines that template control blocks leave behind."""
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
