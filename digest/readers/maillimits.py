"""Limits a mail must keep before the stdlib parser sees it: header size, parameters, nesting.

``email.parser`` recurses once per nested part (5,000 nested multiparts are a
RecursionError) and once per nested comment of a structured header (a ``From:`` opening
2,000 comments is one too), re-scans a header's parameters for each one (20,000
parameters take minutes) and keeps a 1.4 MB ``From:`` of encoded words as millions of
objects. A linear scan of the raw bytes checks the structure first, with the limits mail
servers use (Postfix: ``header_size_limit`` 102,400 bytes, ``mime_nesting_limit`` 100),
far above anything a real newsletter needs (the real mails in the corpus: headers under
600 bytes, at most 3 levels and 16 parts). ``check`` is what the mail reader calls on
each message (an ``.eml``, each message of an ``.mbox``, of a Maildir, of an IMAP
folder) before the parser sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.errors import SkipFile

MAX_FIELD_BYTES = 102_400
MAX_HEADER_BYTES = 262_144
MAX_PARAMETERS = 100
MAX_DEPTH = 100
MAX_PARTS = 1_000
MAX_COMMENT_DEPTH = 100

_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:", re.S)
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))', re.I)
_TYPE = re.compile(rb"^\s*([\w.+-]+/[\w.+-]+)", re.I)
_PARAMETER_HEADERS = (b"content-type", b"content-disposition")
# The headers the parser reads as structured (comments nest in them); others are plain text.
_STRUCTURED = frozenset({
    "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender",
    "resent-to", "resent-cc", "resent-bcc", "date", "resent-date", "message-id",
    "content-type", "content-disposition", "content-transfer-encoding", "mime-version",
})  # fmt: skip


class MailTooComplex(ValueError):
    """The mail breaks a limit; the message is the one-line reason."""


@dataclass(frozen=True)
class Shape:
    """What the scan saw: the deepest nesting and the number of parts."""

    depth: int
    parts: int


class _FieldTooLarge(Exception):
    def __init__(self, name: str, first_line: int) -> None:
        super().__init__(name)
        self.name, self.first_line = name, first_line


class _Scan:
    """A state machine over the lines: header blocks, part boundaries, nesting."""

    def __init__(self) -> None:
        self.stack: list[bytes | None] = []  # a boundary per multipart, None per message/*
        self.in_header = True
        self.fields: list[tuple[int, bytearray]] = []  # (first line, bytes) per field
        self.header_bytes = 0
        self.depth = 1
        self.parts = 1

    def line(self, number: int, raw: bytes) -> None:
        if self.in_header:
            self.header_line(number, raw)
        elif raw.startswith(b"--"):
            self.boundary(raw.rstrip(b"\r\n \t"))

    def header_line(self, number: int, raw: bytes) -> None:
        if not raw.strip(b"\r\n"):
            self.end_of_header()
            return
        if raw[:1] in (b" ", b"\t") and self.fields:
            self.fields[-1][1].extend(raw)
        else:
            self.fields.append((number, bytearray(raw)))
        first, field = self.fields[-1]
        if len(field) > MAX_FIELD_BYTES:
            name = _name(bytes(field[:200])) or "a header"
            if name.lower().encode() in _PARAMETER_HEADERS:
                _check_parameters(bytes(field), name.lower())  # the more telling reason
            raise _FieldTooLarge(name, first)
        self.header_bytes += len(raw)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise MailTooComplex(f"mail headers larger than {MAX_HEADER_BYTES:,} bytes in all")

    def end_of_header(self) -> None:
        kind, boundary = b"text/plain", None
        for _, field in self.fields:
            name = (_name(bytes(field[:200])) or "").lower()
            if name.encode() in _PARAMETER_HEADERS:
                _check_parameters(bytes(field), name)
            if name in _STRUCTURED:
                _check_comments(bytes(field), name)
            if name == "content-type":
                value = bytes(field).split(b":", 1)[1]
                match = _TYPE.match(value)
                kind = match.group(1).lower() if match else kind
                found = _BOUNDARY.search(value)
                boundary = (found.group(1) or found.group(2)) if found else None
        self.fields, self.header_bytes = [], 0
        if kind.startswith(b"multipart/") and boundary:
            self.push(boundary)
            self.in_header = False
        elif kind.startswith(b"message/"):
            self.push(None)
            self.in_header = True  # the wrapped message's header starts right away
        else:
            self.in_header = False

    def push(self, boundary: bytes | None) -> None:
        self.stack.append(boundary)
        self.depth = max(self.depth, len(self.stack) + 1)
        if len(self.stack) >= MAX_DEPTH:
            raise MailTooComplex(f"MIME parts nested more than {MAX_DEPTH} deep")

    def boundary(self, line: bytes) -> None:
        for level in range(len(self.stack) - 1, -1, -1):
            mark = self.stack[level]
            if mark is None:
                continue
            if line == b"--" + mark + b"--":
                del self.stack[level:]
                return
            if line == b"--" + mark:
                del self.stack[level + 1 :]
                self.parts += 1
                if self.parts > MAX_PARTS:
                    raise MailTooComplex(f"more than {MAX_PARTS:,} MIME parts")
                self.in_header = True
                return


def _name(field: bytes) -> str | None:
    match = _FIELD.match(field)
    return match.group(1).decode("ascii", "replace") if match else None


def _title(name: str) -> str:
    return "-".join(p.capitalize() for p in name.split("-"))


def _check_comments(field: bytes, name: str) -> None:
    """Refuse comments nested deeper than ``MAX_COMMENT_DEPTH`` (outside quoted strings)."""
    depth, quoted, escaped = 0, False, False
    for byte in field:
        if escaped:
            escaped = False
        elif byte == 0x5C:  # backslash: the next byte is literal
            escaped = True
        elif byte == 0x22 and not depth:  # "
            quoted = not quoted
        elif quoted:
            continue
        elif byte == 0x28:  # (
            depth += 1
            if depth > MAX_COMMENT_DEPTH:
                raise MailTooComplex(
                    f"comments nested more than {MAX_COMMENT_DEPTH} deep in one mail header "
                    f"({_title(name)})"
                )
        elif byte == 0x29 and depth:  # )
            depth -= 1


def _check_parameters(field: bytes, name: str) -> None:
    """Count ``;``-separated parameters outside quoted strings."""
    count, quoted = 0, False
    for byte in field:
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3B and not quoted:  # ;
            count += 1
            if count > MAX_PARAMETERS:
                raise MailTooComplex(
                    f"more than {MAX_PARAMETERS} parameters in one mail header ({_title(name)})"
                )


def scan(data: bytes) -> Shape:
    """Check one message's bytes against the limits; raise ``MailTooComplex`` if one breaks."""
    state = _Scan()
    lines = data.split(b"\n")
    for number, raw in enumerate(lines):
        try:
            state.line(number, raw + b"\n")
        except _FieldTooLarge as big:
            size = _field_size(lines, big.first_line)
            raise MailTooComplex(
                f"mail header larger than {MAX_FIELD_BYTES:,} bytes ({big.name}: {size:,} bytes)"
            ) from None
        if not state.in_header and not state.stack:
            break  # past the last structure: a body has nothing more to check
    else:
        if state.in_header and state.fields:
            state.end_of_header()  # a header block the data ends in is checked all the same
    return Shape(state.depth, state.parts)


def check(data: bytes) -> None:
    """Raise ``SkipFile`` with the reason if one message's bytes break a limit."""
    try:
        scan(data)
    except MailTooComplex as exc:
        raise SkipFile(str(exc)) from None


def _field_size(lines: list[bytes], first: int) -> int:
    """Return the bytes of the header field starting at line ``first``, folds included."""
    end = first + 1
    while end < len(lines) and lines[end][:1] in (b" ", b"\t"):
        end += 1
    return sum(len(line) + 1 for line in lines[first:end])
