"""Personal unsubscribe links: a token per recipient, signed with a secret only the list knows.

RFC 8058's one-click POST carries nothing but ``List-Unsubscribe=One-Click``, so the URL
itself must say who leaves. The token is an HMAC-SHA256 of the recipient's address (its
first 12 bytes, base64url: 16 characters, so the header stays within 78 columns) under
the secret from the environment variable that ``mail.unsubscribe_secret_env`` names
(default ``DIGEST_UNSUBSCRIBE_SECRET``). It does
not show the address: ``send`` records which address each token stands for in the state
database, and the endpoint looks it up there and checks the signature again, so nobody
without the secret can make a link that unsubscribes someone else.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from digest.config import MailConfig

MAC_BYTES = 12  # 96 bits: guessing one through the endpoint takes ~2**95 requests
MIN_SECRET_CHARS = 16
TOKEN_PARAMETER = "t"
_PURPOSE = b"digest-unsubscribe\n"


def secret_of(mail: MailConfig) -> bytes | None:
    """Return the signing secret from the environment, or None when it is not set."""
    value = os.environ.get(mail.unsubscribe_secret_env, "")
    return value.encode("utf-8") if value else None


def make_token(secret: bytes, address: str) -> str:
    """Return the token that lets ``address`` (and only it) unsubscribe."""
    mac = hmac.new(secret, _PURPOSE + address.lower().encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:MAC_BYTES]).decode("ascii").rstrip("=")


def signed(secret: bytes, token: str, address: str) -> bool:
    """Tell whether ``token`` is the one ``secret`` gives ``address``."""
    expected = make_token(secret, address).encode("ascii")
    return hmac.compare_digest(token.encode("ascii", "replace"), expected)


def personal_url(base: str, token: str) -> str:
    """Return the unsubscribe URL ``base`` with ``token`` as its ``t`` query parameter."""
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}{TOKEN_PARAMETER}={token}"
