"""Pre-send checks: what must not go out (``error``) and what a sender should know (``warning``).

``digest check`` prints them; ``digest send`` and ``digest run`` run them before anything
is sent and refuse on an error unless ``--force``. Errors: a placeholder sender, reply-to,
unsubscribe address or Impressum (the example config's ``example.org``, "Musterstraße",
"Erika Mustermann", or a domain reserved for examples by RFC 2606), and an https
unsubscribe endpoint without its signing secret. Warnings: no Impressum, no unsubscribe
link or only a mailto: one, the HTML part over Gmail's clipping size as it is sent
(quoted-printable), a ``<style>`` block over Gmail's 16 KB, images without alt text, and
stories left out of the email that no link reaches.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.config import GMAIL_CLIP_BYTES, Config
from digest.render.layout import more_limit, source_link
from digest.send.message import BuiltIssue, Recipient, build_message, read_built
from digest.send.tokens import MIN_SECRET_CHARS, make_token, personal_url, secret_of

ERROR = "error"
WARNING = "warning"
# Gmail drops a <style> block larger than this.
MAX_STYLE_BYTES = 16_384
# Domains reserved for examples and tests (RFC 2606, RFC 6761): mail there reaches nobody.
PLACEHOLDER_DOMAIN = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|example|invalid|test|localhost)$", re.IGNORECASE
)
# Words only a template's sample Impressum holds.
PLACEHOLDER_TEXT = re.compile(
    r"Musterstra(?:ß|ss)e|Mustermann|Musterfrau|Musterstadt|Beispielverlag|Beispielstra(?:ß|ss)e"
    r"|Lorem ipsum|example\.(?:com|net|org)",
    re.IGNORECASE,
)
_DOMAIN_IN = re.compile(r"@([\w.-]+)|://([\w.-]+)")
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)[^>]*>", re.IGNORECASE)
SAMPLE_RECIPIENT = Recipient("leserin@beispiel.de")


@dataclass(frozen=True)
class Finding:
    """One result of the checks: ``error`` stops a send, ``warning`` does not."""

    level: str
    message: str


def check(config: Config, date: dt.date | None) -> list[Finding]:
    """Check the configuration and, if it is built, the issue of ``date``."""
    found = check_config(config)
    if date is not None:
        folder = config.output / date.isoformat()
        if (folder / "issue.json").is_file():
            found += check_issue(config, read_built(folder))
    return found


def check_config(config: Config) -> list[Finding]:
    """Check the sender, the unsubscribe addresses, the secret and the Impressum."""
    mail = config.mail
    found = [
        Finding(ERROR, f"{key}: {value!r} is a placeholder ({domain}): set your own")
        for key, value in (("mail.from", mail.sender), ("mail.reply_to", mail.reply_to),
                           ("mail.list_unsubscribe", mail.list_unsubscribe),
                           ("mail.list_unsubscribe_mailto", mail.list_unsubscribe_mailto))
        if value and (domain := placeholder_domain(value))
    ]  # fmt: skip
    found += _unsubscribe(config)
    if not config.impressum.strip():
        found.append(Finding(WARNING, "impressum: empty: the footer has no Impressum "
                                      "(§ 5 DDG requires one for a newsletter from Germany)"))
    elif samples := list(dict.fromkeys(PLACEHOLDER_TEXT.findall(config.impressum))):
        listed = ", ".join(repr(s) for s in samples)
        found.append(Finding(ERROR, f"impressum: holds placeholder text ({listed}): write your "
                                    "own Impressum"))
    return found  # fmt: skip


def placeholder_domain(value: str) -> str:
    """Return the placeholder domain an address or URL uses, or ""."""
    for match in _DOMAIN_IN.finditer(value):
        domain = (match.group(1) or match.group(2)).rstrip(".")
        if PLACEHOLDER_DOMAIN.search(domain):
            return domain
    return ""


def _unsubscribe(config: Config) -> list[Finding]:
    """Check that readers can leave: a one-click https endpoint and its signing secret."""
    mail = config.mail
    url = mail.list_unsubscribe or ""
    if not url and not mail.list_unsubscribe_mailto:
        return [Finding(WARNING, "mail.list_unsubscribe: not set: the issue has no unsubscribe "
                                 "link (Gmail and Yahoo require one-click unsubscribe)")]
    if not url.startswith("https://"):
        return [Finding(WARNING, "mail.list_unsubscribe: no https address: no one-click "
                                 "unsubscribe (RFC 8058), which Gmail and Yahoo require")]
    secret = secret_of(mail)
    name = mail.unsubscribe_secret_env
    if secret is None:
        return [Finding(ERROR, f"mail.unsubscribe_secret_env: {name} is not set: without it "
                               "every recipient gets the same unsubscribe link and a one-click "
                               "unsubscribe cannot tell who left")]
    if len(secret) < MIN_SECRET_CHARS:
        return [Finding(ERROR, f"mail.unsubscribe_secret_env: {name} is shorter than "
                               f"{MIN_SECRET_CHARS} characters: use a long random value")]
    return []  # fmt: skip


def check_issue(config: Config, built: BuiltIssue) -> list[Finding]:
    """Check the built issue as it is sent: size, styles, images, reachable stories."""
    found: list[Finding] = []
    size = encoded_html_size(config, built)
    if size > GMAIL_CLIP_BYTES:
        found.append(Finding(WARNING, f"issue.html: {size:,} bytes as sent (quoted-printable), "
                                      f"over Gmail's clipping limit of {GMAIL_CLIP_BYTES:,}"))
    for style in _STYLE.findall(built.html):
        if (length := len(style.encode("utf-8"))) > MAX_STYLE_BYTES:
            found.append(Finding(WARNING, f"issue.html: a <style> block of {length:,} bytes, "
                                          f"over Gmail's {MAX_STYLE_BYTES:,}: Gmail drops it"))
    if images := len(_IMG_WITHOUT_ALT.findall(built.html)):
        found.append(Finding(WARNING, f"issue.html: {images} image(s) without alt text"))
    if not config.archive_url and (lost := unreachable(built)):
        stories = "1 story" if lost == 1 else f"{lost} stories"
        found.append(Finding(WARNING, f"archive_url: not set: {stories} left out of the email "
                                      "cannot be reached from it; set archive_url to link the "
                                      "web version"))
    return found  # fmt: skip


def encoded_html_size(config: Config, built: BuiltIssue) -> int:
    """Return the HTML part's bytes in the message as sent, with a personal unsubscribe link."""
    secret = secret_of(config.mail)
    personal = None
    if secret and config.mail.list_unsubscribe:
        token = make_token(secret, SAMPLE_RECIPIENT.addr)
        personal = personal_url(config.mail.list_unsubscribe, token)
    msg = build_message(
        built, SAMPLE_RECIPIENT, config.mail, now=dt.datetime.now(dt.UTC), unsubscribe=personal
    )
    html = next(p for p in msg.walk() if p.get_content_type() == "text/html")
    payload = str(html.get_payload())
    return len(payload.encode("ascii", "replace")) + payload.count("\n")


def unreachable(built: BuiltIssue) -> int:
    """Count the stories neither shown in the email nor linked from its "Mehr im Web" list.

    Without ``archive_url`` the list links each left-out story to its first source, as far
    as it goes (``digest.render.layout``); what it cannot name or link is out of reach.
    """
    shown = {int(n) for n in re.findall(r'name="story-(\d+)"', built.html)}
    dropped = [s for rank, s in enumerate(built.issue.stories, 1) if rank not in shown]
    listed = dropped[: more_limit(None)]
    return len(dropped) - sum(1 for s in listed if source_link(s))


def refusals(found: list[Finding]) -> list[Finding]:
    """Return the findings that stop a send."""
    return [f for f in found if f.level == ERROR]


def report(config: Config, date: dt.date) -> tuple[list[str], bool]:
    """Return the lines ``digest check`` prints and whether a check refuses the send."""
    found = check(config, date)
    lines = [f"{finding.level.capitalize()}: {finding.message}" for finding in found]
    errors = len(refusals(found))
    if not (config.output / date.isoformat() / "issue.json").is_file():
        lines.append(f"No issue built for {date.isoformat()}: checked the configuration only.")
    lines.append(f"{_count(errors, 'error')}, {_count(len(found) - errors, 'warning')}.")
    return lines, errors > 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
