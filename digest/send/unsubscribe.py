"""The unsubscribe endpoint: a small WSGI application that honours each recipient's own link.

Run it behind any web server at the address ``mail.list_unsubscribe`` names, e.g.
``DIGEST_CONFIG=/srv/digest/config.yaml gunicorn digest.send.unsubscribe:application``,
as the user that owns the state folder, with the signing secret in its environment.

- ``POST`` with a valid token (``?t=…``) and the body ``List-Unsubscribe=One-Click`` (RFC
  8058: what a mail client's unsubscribe button sends, and what the page's button sends)
  puts the address on the suppression list and answers 200 with a confirmation page.
- ``GET`` with a valid token only shows a page with that button: mail scanners and link
  previews open every link in a message, so a GET alone never unsubscribes anyone.
- A missing, forged or broken token gets 400, any other method 405; nothing is recorded.

The pages are in the issue's language, carry no script and are never cached.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable, Iterable
from contextlib import closing
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from digest.config import Config, load_config
from digest.errors import DigestError
from digest.i18n import translations
from digest.send.suppression import address_of, open_list, suppress, suppressed
from digest.send.tokens import TOKEN_PARAMETER, secret_of, signed

log = logging.getLogger(__name__)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
MAX_BODY_BYTES = 4096
_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),  # the token is in the URL: never pass it on
    ("Content-Security-Policy",
     "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
]


def make_app(config: Config) -> App:
    """Return the endpoint for ``config`` (its secret, state folder, title and language)."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        status, page = answer(config, environ)
        headers = list(_HEADERS)
        if status.startswith("405"):
            headers.append(("Allow", "GET, POST"))
        body = page.encode("utf-8")
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return application


def answer(config: Config, environ: dict[str, Any]) -> tuple[str, str]:
    """Return the status line and the page for one request."""
    _ = translations(config.locale).gettext
    method = str(environ.get("REQUEST_METHOD", "GET")).upper()
    if method not in ("GET", "HEAD", "POST"):
        text = _("Use the link in the email.")
        return "405 Method Not Allowed", page(config, _("Not allowed"), text)
    secret = secret_of(config.mail)
    if secret is None:
        log.error("unsubscribe: %s is not set", config.mail.unsubscribe_secret_env)
        return "503 Service Unavailable", page(
            config, _("Unsubscribing is not possible right now"), _("Please try again later.")
        )
    token = parse_qs(str(environ.get("QUERY_STRING", ""))).get(TOKEN_PARAMETER, [""])[0]
    with closing(open_list(config)) as db:
        address = address_of(db, token) if token else None
    if address is None or not signed(secret, token, address):
        return "400 Bad Request", page(
            config, _("This unsubscribe link is not valid"),
            _("Please use the link in your latest issue, or reply to it."),
        )  # fmt: skip
    if method == "POST":
        if not one_click(environ):
            return "400 Bad Request", page(config, _("Nothing was changed"), _("Use the button."))
        with closing(open_list(config)) as db:
            suppress(db, address, "link")
        log.info("unsubscribe: %s", address)
        return "200 OK", page(config, _("You are unsubscribed"), _(
            "%(address)s will not receive %(title)s any more."
        ) % {"address": address, "title": config.title})  # fmt: skip
    return "200 OK", confirm(config, address)


def confirm(config: Config, address: str) -> str:
    """Return the page a GET shows: already unsubscribed, or a button that unsubscribes."""
    _ = translations(config.locale).gettext
    with closing(open_list(config)) as db:
        done = address in suppressed(db)
    names = {"address": address, "title": config.title}
    if done:
        return page(config, _("You are unsubscribed"), _(
            "%(address)s will not receive %(title)s any more.") % names)  # fmt: skip
    button = (
        '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">'
        f'<button type="submit">{html.escape(_("Unsubscribe"))}</button></form>'
    )
    text = _("Stop sending %(title)s to %(address)s?") % names
    return page(config, _("Unsubscribe"), text, button)


def page(config: Config, heading: str, text: str, extra: str = "") -> str:
    """Return a small page in the issue's language; ``extra`` is trusted markup."""
    lang = html.escape(config.language)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(config.title)}</title>"
        "<style>body{font:17px/1.5 Arial,sans-serif;max-width:34em;margin:3em auto;padding:0 1em}"
        "button{font:inherit;padding:.5em 1.2em}</style></head>"
        f"<body><h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p>{extra}</body></html>\n"
    )


def one_click(environ: dict[str, Any]) -> bool:
    """Tell whether the POST body says ``List-Unsubscribe=One-Click`` (form or multipart)."""
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY_BYTES)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    kind = str(environ.get("CONTENT_TYPE", ""))
    if kind.lower().startswith("multipart/form-data"):
        form = message_from_bytes(f"Content-Type: {kind}\r\n\r\n".encode() + raw, policy=default)
        if not isinstance(form, EmailMessage) or not form.is_multipart():
            return False
        return any(
            part.get_param("name", header="content-disposition") == "List-Unsubscribe"
            and str(part.get_payload()).strip() == "One-Click"
            for part in form.iter_parts()
        )
    return parse_qs(raw.decode("utf-8", "replace")).get("List-Unsubscribe") == ["One-Click"]


_APP: App | None = None


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """The WSGI entry point: the config comes from ``DIGEST_CONFIG`` (default ./config.yaml)."""
    global _APP
    if _APP is None:
        path = os.environ.get("DIGEST_CONFIG")
        try:
            _APP = make_app(load_config(Path(path) if path else None))
        except DigestError as exc:
            log.error("unsubscribe: %s", exc.format_message())
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"The unsubscribe service is not configured.\n"]
    return _APP(environ, start_response)
