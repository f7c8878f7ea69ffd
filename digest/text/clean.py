"""What text and links from inputs may hold once read: no hidden characters, only plain links.

``clean_text`` and ``safe_link`` are applied once, where an input's articles are made
(``digest.collect``), so issue.json, the feed, the archive and every template receive
the same clean values; the renderer checks links again where it writes them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# C0 and C1 controls and DEL: nothing a title, a header or an address may hold.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# Line and paragraph separators end a header line in some mail clients, as CR/LF do.
SEPARATORS = re.compile("[\u2028\u2029]")
# Invisible characters and every text-direction control (LRE…RLO, LRI…PDI, LRM/RLM/ALM):
# "Seefest \u202ereknärT" shows as "Seefest Tränker", the trick look-alike links use.
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_TEXT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # keeps \t \n \r
_WEB = ("http", "https")


def clean_text(text: str) -> str:
    """Drop invisible and direction-changing characters and controls (tabs and newlines stay)."""
    return _TEXT_CONTROL.sub("", INVISIBLE.sub("", text))


def safe_link(url: str | None) -> str | None:
    """Return ``url`` when it is a plain web or mail link, else None.

    Only http(s) and mailto; no user info (``https://paypal.com@evil.example/`` shows one
    host and opens another); no spaces, quotes, controls or invisible characters; a
    non-ASCII host becomes punycode, so a look-alike cannot pass as the real name.
    """
    if not url:
        return None
    url = url.strip()
    if CONTROL.search(url) or INVISIBLE.search(url) or any(c in url for c in " \"'<>`\\"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return url if "@" in parts.path and ":" not in parts.path else None
    if scheme not in _WEB or not parts.hostname or "@" in parts.netloc:
        return None
    try:
        host = _ascii_host(parts.hostname)
        port = parts.port
    except (UnicodeError, ValueError):
        return None
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def _ascii_host(host: str) -> str:
    """Return ``host`` as it goes into a link: punycode, an IPv6 address in brackets."""
    if ":" in host:
        return f"[{host}]"
    return host.encode("idna").decode("ascii")
