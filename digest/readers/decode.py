"""Turn input bytes into text: UTF-8 with or without BOM, UTF-16, else cp1252, never mojibake."""

from __future__ import annotations

import codecs

from digest.errors import SkipFile
from digest.text.patterns import MOJIBAKE

# A share of control characters this high means the file is not text at all.
_BINARY_SHARE = 0.05
_SAMPLE = 8192
# Mojibake marks this many times over are a double-encoded text, not a quoted "Ã".
_MOJIBAKE_MIN = 2


def decode(data: bytes) -> str:
    """Decode ``data`` and normalise line ends; raise ``SkipFile`` for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", "replace")
    elif b"\x00" in data[:_SAMPLE]:
        raise SkipFile("binary file (contains NUL bytes)")
    else:
        text = _decode_8bit(data)
    controls = sum(1 for c in text[:_SAMPLE] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > _BINARY_SHARE * min(len(text), _SAMPLE):
        raise SkipFile("binary file (not text)")
    return repair_mojibake(text).replace("\r\n", "\n").replace("\r", "\n")


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # cp1252 is what Windows newsletters and old pages use; latin-1 takes the rest.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as cp1252 and saved again ("GÃ¤rten" → "Gärten")."""
    if len(MOJIBAKE.findall(text[: _SAMPLE * 4])) < _MOJIBAKE_MIN:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text  # mixed or partial damage: leave the text as it is
