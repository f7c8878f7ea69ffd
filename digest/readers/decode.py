"""Turn input bytes into text: UTF-8 with or without BOM, else cp1252, never mojibake."""

from __future__ import annotations

from digest.errors import SkipFile

# A share of control characters this high means the file is not text at all.
_BINARY_SHARE = 0.05


def decode(data: bytes) -> str:
    """Decode ``data`` and normalise line ends; raise ``SkipFile`` for binary data."""
    if b"\x00" in data[:8192]:
        raise SkipFile("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 is what Windows newsletters and old pages use; latin-1 takes the rest.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > _BINARY_SHARE * min(len(text), 8192):
        raise SkipFile("binary file (not text)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
