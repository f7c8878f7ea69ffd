"""Gunzip within limits that count records as well as bytes.

A byte limit alone lets a 440 KB ``.jsonl.gz`` unpack to 450 MB of ``{}`` lines: within
a container's limit (100 articles' worth), yet 157 million records, each a Python
string and a ``json.loads``: gigabytes and minutes. The cost of reading a container
grows with its records, so they are counted while decompressing, in chunks, and the
file is refused the moment either count is over; nothing past the limit is inflated.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

#: Records a container may hold: a night of one scraper (FANG-COVID: 4,684), times twenty.
MAX_RECORDS = 100_000
_CHUNK = 1 << 20
_GZIP = zlib.MAX_WBITS | 16


@dataclass(frozen=True)
class Records:
    """How a container kind separates its records, and what the reason calls them."""

    separator: bytes
    unit: str

    def count(self, data: bytes, *, first: bool) -> int:
        """Count the records ``data`` starts (``first``: it opens the file)."""
        opening = self.separator.removeprefix(b"\n")  # a mailbox's first "From " line
        return data.count(self.separator) + bool(first and opening and data.startswith(opening))


#: The kinds whose cost grows with their records: one JSON line, one message of a mailbox.
RECORDS = {".jsonl": Records(b"\n", "lines"), ".mbox": Records(b"\nFrom ", "messages")}


class TooLarge(ValueError):
    """The data unpacks past a limit; the message is the one-line reason."""


def _too_many(records: Records, limit: int) -> TooLarge:
    return TooLarge(f"holds more than {limit:,} {records.unit}")


def gunzip(
    data: bytes, *, max_bytes: int, records: Records | None = None,
    max_records: int = MAX_RECORDS,
) -> bytes:  # fmt: skip
    """Decompress gzip ``data`` (members may follow each other) within both limits.

    Raise ``TooLarge`` past a limit, ``ValueError`` for data that is not gzip.
    """
    out = bytearray()
    count = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(_GZIP)
        while not inflater.eof:  # until the member ends: output may be pending without input
            try:
                chunk = inflater.decompress(rest, _CHUNK)
            except zlib.error as exc:
                raise ValueError(f"not a valid gzip file ({exc})") from None
            rest = inflater.unconsumed_tail
            if records is not None:
                count += records.count(chunk, first=not out)
                if count > max_records:
                    raise _too_many(records, max_records)
            out += chunk
            if len(out) > max_bytes:
                raise TooLarge(f"file too large when decompressed (more than {max_bytes:,} bytes)")
            if not chunk and not rest:
                break  # no input left and nothing more came out: a truncated member
        if not inflater.eof:
            raise ValueError("not a valid gzip file (truncated)")
        rest = inflater.unused_data.lstrip(b"\0")  # padding between members is allowed
    return bytes(out)


def check_records(data: bytes, records: Records, *, max_records: int = MAX_RECORDS) -> None:
    """Refuse plain (not gzipped) container data holding more than ``max_records`` records."""
    if records.count(data, first=True) > max_records:
        raise _too_many(records, max_records)
