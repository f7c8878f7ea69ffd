"""Hostile input generators: small files that once cost a whole night (issue 22).

Every generator returns bytes (or writes a file) built on the fly; nothing large is kept
in git. The text around the attack is our own German, so a reader that survives the
attack has something real to read. ``GOOD_TEXT`` is a harmless article to put next to
the hostile file: the night must still bring it.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

#: A plain article that every build next to a hostile file must still turn into a story.
GOOD_TITLE = "Stadtrat beschließt neuen Radweg an der Uferstraße"
GOOD_TEXT = (
    f"{GOOD_TITLE}\n\n"
    "Lindenau. Der Stadtrat hat am Dienstagabend den Bau eines neuen Radwegs entlang der "
    "Uferstraße beschlossen. Die Strecke soll zwei Kilometer lang werden und die Altstadt "
    "mit dem Bahnhof verbinden. Die Kosten liegen nach Angaben der Verwaltung bei rund "
    "1,8 Millionen Euro, der Bau beginnt im kommenden Frühjahr.\n\n"
    "Bürgermeisterin Petra Sander sprach von einem wichtigen Schritt für den Verkehr in "
    "der Stadt. Die Opposition kritisierte die Kosten und forderte eine günstigere "
    "Variante entlang der Bahnlinie. Der Beschluss fiel mit 24 zu 11 Stimmen.\n"
)

#: A second article about other news: it never merges with the first.
OTHER_TITLE = "Seefest lockt am Wochenende 20.000 Besucher an den Lindensee"
OTHER_TEXT = (
    f"{OTHER_TITLE}\n\n"
    "Lindenau. Das Seefest hat am Wochenende rund 20.000 Besucherinnen und Besucher an den "
    "Lindensee gelockt. Höhepunkt war am Samstagabend ein Feuerwerk über dem Wasser, das "
    "der Verein der Schausteller zum ersten Mal seit vier Jahren wieder ausrichtete.\n\n"
    "Die Polizei meldete einen ruhigen Verlauf. Der Veranstalter kündigte an, das Fest im "
    "nächsten Jahr um einen Tag zu verlängern und mehr Buden am Nordufer aufzustellen.\n"
)

_LETTER = (
    "Guten Morgen,\n\nheute geht es um den neuen Haushalt der Stadt Lindenau. Der Kämmerer "
    "legte am Montag den Entwurf vor, der Ausgaben von 412 Millionen Euro vorsieht. Für "
    "Schulen und Kitas sind 38 Millionen Euro eingeplant, für Straßen 21 Millionen. Der "
    "Rat berät im Januar über den Entwurf und stimmt im Februar ab.\n\nIhre Redaktion\n"
)


def _mail(headers: str, body: str) -> bytes:
    return (headers.rstrip("\n") + "\n\n" + body).encode("utf-8")


# --- mail: recursion, nesting, header size, parameters ------------------------------------


def parens_from(count: int = 2_000) -> bytes:
    """An .eml whose ``From:`` opens ``count`` comments: 2.4 KB that crashed the parser."""
    headers = f"From: {'(' * count}a@example.org\nSubject: Haushalt\nContent-Type: text/plain"
    return _mail(headers, _LETTER)


def nested_multipart(depth: int = 5_000) -> bytes:
    """An .eml of ``depth`` multiparts nested in each other, the letter in the innermost."""
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)
    )
    closing = "".join(f"\n--b{i}--\n" for i in reversed(range(depth)))
    inner = f"Content-Type: text/plain; charset=utf-8\n\n{_LETTER}"
    head = "From: Rathaus <rathaus@example.org>\nSubject: Haushalt\n"
    return f"{head}{opening}{inner}{closing}".encode()


def nested_rfc822(depth: int = 3_000) -> bytes:
    """An .eml of ``depth`` ``message/rfc822`` parts, each wrapping the next."""
    head = "".join("Content-Type: message/rfc822\n\n" for _ in range(depth))
    return _mail(
        f"From: Rathaus <rathaus@example.org>\nSubject: Haushalt\n{head}"
        "From: Rathaus <rathaus@example.org>\nContent-Type: text/plain; charset=utf-8",
        _LETTER,
    )


def mbox_of(*messages: bytes) -> bytes:
    """An .mbox holding ``messages`` (``From `` lines in the body are quoted)."""
    out = b""
    for message in messages:
        body = message.replace(b"\nFrom ", b"\n>From ")
        out += b"From rathaus@example.org Mon Dec  1 07:00:00 2025\n" + body.rstrip(b"\n") + b"\n\n"
    return out


def encoded_word_from(size: int = 1_400_000) -> bytes:
    """An .eml whose ``From:`` is ``size`` bytes of RFC 2047 encoded words."""
    word = "=?utf-8?q?R=C3=A4t?= "
    count = size // len(word)
    return _mail(
        f"From: {word * count}<a@example.org>\nSubject: Haushalt\nContent-Type: text/plain",
        _LETTER,
    )


def mime_parameters(count: int = 20_000) -> bytes:
    """An .eml whose ``Content-Type`` carries ``count`` parameters (quadratic to parse)."""
    params = "".join(f"; p{i}=w" for i in range(count))
    head = f"From: a@example.org\nSubject: Haushalt\nContent-Type: text/plain{params}"
    return _mail(head, _LETTER)


def simple_mail() -> bytes:
    """A harmless newsletter, to put in a mailbox next to a hostile one."""
    return _mail(
        "From: Rathaus Lindenau <rathaus@example.org>\nSubject: Haushalt\n"
        "Content-Type: text/plain; charset=utf-8",
        _LETTER,
    )


# --- YAML, JSON lines, HTML ---------------------------------------------------------------


def yaml_alias_bomb(levels: int = 9, fan: int = 9) -> str:
    """A YAML document whose aliases expand to ``fan ** levels`` leaves in a few hundred bytes."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join(f"*a{i - 1}" for _ in range(fan))
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def yaml_bomb_value(levels: int = 9, fan: int = 9) -> str:
    """The same bomb as one flow sequence, to stand as the value of any key."""
    parts = ["&a0 [" + ",".join(["lol"] * fan) + "]"]
    for i in range(1, levels):
        parts.append(f"&a{i} [" + ",".join([f"*a{i - 1}"] * fan) + "]")
    return "[" + ", ".join(parts) + "]"


def front_matter_bomb() -> bytes:
    """A ~550-byte .md whose front matter ``title`` is an alias bomb."""
    bomb = yaml_alias_bomb().replace(f"a{8}:", "title:")
    return f"---\n{bomb}---\n\n{GOOD_TEXT}".encode()


def empty_records_gz(megabytes: int = 450) -> bytes:
    """A ~440 KB .jsonl.gz that unpacks to ``megabytes`` MiB of ``{}`` lines.

    Built as one gzip member of 1 MiB repeated (a gzip file may hold many), so the
    test makes it in milliseconds instead of compressing 450 MiB.
    """
    block = b"{}\n" * (1024 * 1024 // 3)
    member = gzip.compress(block, compresslevel=9, mtime=0)
    return member * megabytes


def many_attributes(count: int = 100_000) -> bytes:
    """A saved page whose one tag carries ``count`` attributes (~889 KB; quadratic)."""
    attrs = " ".join(f'a{i}="x"' for i in range(count))
    return (
        f"<html><head><title>Haushalt</title></head><body><div {attrs}>"
        f"<article><h1>Haushalt</h1><p>{_LETTER}</p></article></div></body></html>"
    ).encode()


def deep_feed(levels: int = 400_000) -> bytes:
    """An RSS feed whose one entry nests ``levels`` tags (~2.8 MB; half a minute to parse)."""
    nested = "<b>" * levels + "Radweg" + "</b>" * levels
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Lindenauer Bote</title><link>https://bote.example/</link>"
        f"<item><title>{GOOD_TITLE}</title><description>{nested}</description></item>"
        "</channel></rss>"
    ).encode()


def jsonl_record(**fields: object) -> bytes:
    """One JSON line of an article with our own text and the given fields."""
    record = {"title": GOOD_TITLE, "text": GOOD_TEXT, "source": "Lindenauer Bote"}
    record.update(fields)
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


# --- the file system ----------------------------------------------------------------------


def non_utf8_name(folder: Path, data: bytes = GOOD_TEXT.encode()) -> Path:
    """Write ``data`` to a file whose name is Latin-1 bytes (not UTF-8); return its path."""
    raw = os.fsencode(folder) + b"/nachricht-\xe4rger.txt"
    with open(raw, "wb") as f:
        f.write(data)
    return Path(os.fsdecode(raw))


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Write ``data`` to ``folder/name`` (folders made); return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def deflate_ratio(data: bytes) -> float:
    """Return how many times larger ``data`` unpacks than it is (for the test's own check)."""
    out = zlib.decompressobj(zlib.MAX_WBITS | 16)
    total = 0
    rest = data
    while rest:
        total += len(out.decompress(rest, 1 << 20))
        rest = out.unconsumed_tail or out.unused_data
        if out.eof:
            out = zlib.decompressobj(zlib.MAX_WBITS | 16)
    return total / len(data)
