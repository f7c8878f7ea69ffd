"""Mail headers from the raw bytes: subjects that never show ``=?…?=`` or "H�chst…".

The ``email`` package leaves a malformed RFC 2047 word undecoded (a space or a raw 8-bit
byte inside it, "?" right before "?=") and turns raw 8-bit header bytes into surrogates.
Here each header is unfolded from the raw bytes and decoded as UTF-8, else with the
message's charset, else as cp1252, so no replacement character is ever shown; encoded
words are decoded however they are broken. The recipient's addresses and name words are
collected so that none of them reaches the issue.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from email.utils import getaddresses

from digest.models import Recipient

_ENCODED_WORD = re.compile(r"=\?([\w.:-]+)(?:\*[\w-]+)?\?([QqBb])\?(.*?)\?=", re.S)
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(?==\?)")
# "AW:", "Fwd:", "WG:", "Re[2]:", "[Liste]" before the subject proper.
_REPLY_PREFIX = re.compile(
    r"^(?:\s*(?:re|aw|fwd?|wg|fw|antw|wtr)\s*(?:\[\d+\])?\s*:\s*|\s*\[[^\]]{1,40}\]\s*)+", re.I
)
_CHARSET = re.compile(rb"charset\s*=\s*\"?([\w.:-]+)", re.I)
_RECIPIENT_HEADERS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
_CHARSET_SCAN = 20_000  # a charset declared in the first part serves a header without one


def raw_headers(data: bytes) -> dict[str, list[bytes]]:
    """Return the raw header values (unfolded), by lower-case name, in order."""
    ends = [i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0]
    end = min(ends, default=len(data))
    headers: dict[str, list[bytes]] = {}
    name = ""
    for line in re.split(rb"\r?\n", data[:end]):
        if line[:1] in (b" ", b"\t") and name:
            headers[name][-1] += b" " + line.strip()
        elif b":" in line:
            key, _, value = line.partition(b":")
            name = key.decode("ascii", "replace").strip().lower()
            headers.setdefault(name, []).append(value.strip())
    return headers


def message_charset(headers: dict[str, list[bytes]], data: bytes) -> str:
    """Return the charset the message declares (its own, else its first part's), or ``""``."""
    match = _CHARSET.search(b" ".join(headers.get("content-type", [b""])))
    match = match or _CHARSET.search(data[:_CHARSET_SCAN])
    return match.group(1).decode("ascii", "ignore") if match else ""


def decode_bytes(raw: bytes, charset: str = "") -> str:
    """Decode header or body bytes: UTF-8, else ``charset``, else cp1252 (never U+FFFD)."""
    for encoding in ("utf-8", charset):
        if encoding:
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    # cp1252 leaves five bytes undefined; latin-1 takes those.
    return "".join(
        raw[i : i + 1].decode("cp1252", "ignore") or chr(raw[i]) for i in range(len(raw))
    )


def decode_header(raw: bytes, charset: str = "") -> str:
    """Decode one header value, RFC 2047 words included, leniently."""
    text = _BETWEEN_WORDS.sub(r"\1", decode_bytes(raw, charset))
    return " ".join(_ENCODED_WORD.sub(lambda m: _decode_word(m, charset), text).split())


def _decode_word(match: re.Match[str], fallback: str) -> str:
    charset, kind, payload = match.group(1), match.group(2).upper(), match.group(3)
    data = payload.encode("utf-8")  # raw 8-bit text inside a word stays what it was
    try:
        if kind == "Q":
            data = quopri.decodestring(data.replace(b"_", b" "), header=True)
        else:
            data = base64.b64decode(data + b"=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        return match.group(0)
    return decode_bytes(data, charset if _known(charset) else fallback)


def _known(charset: str) -> bool:
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True


def header(headers: dict[str, list[bytes]], name: str, charset: str) -> str:
    """Return the first ``name`` header decoded, or ``""``."""
    values = headers.get(name)
    return decode_header(values[0], charset) if values else ""


def clean_subject(subject: str, recipient: Recipient) -> str:
    """Drop reply and forward prefixes and a leading recipient name ("Fritz Meier: …")."""
    subject = _REPLY_PREFIX.sub("", subject).strip()
    head, sep, rest = subject.partition(":")
    if sep and rest.strip() and set(head.split()) and set(head.split()) <= recipient.names:
        subject = rest.strip()
    return subject


def recipient_of(headers: dict[str, list[bytes]], charset: str) -> Recipient:
    """Collect the recipient's addresses and name words from the address headers."""
    values = [decode_header(v, charset) for key in _RECIPIENT_HEADERS for v in headers.get(key, [])]
    addresses: set[str] = set()
    names: set[str] = set()
    for display, address in getaddresses(values):
        if address and "@" in address:
            addresses.add(address.casefold())
        if "@" in display:
            addresses.add(display.strip().casefold())
        else:
            names |= {w for w in _NAME_WORD.findall(display) if w[:1].isupper()}
    return Recipient(frozenset(addresses), frozenset(names))
