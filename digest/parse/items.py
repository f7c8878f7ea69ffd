"""The end matter of a newsletter text: short-item sections and a closing signature.
"""

from __future__ import annotations

from digest.models import Item
from digest.parse.lines import bare, headlike, open_quote, opens_section
from digest.parse.patterns import BULLET, BYLINE, INLINE_BULLET, ITEM_SECTION, ITEM_TAIL, ITEM_TIME
from digest.text.cohesion import refers_back
from digest.text.names import SIGNATURE, split_names
from digest.text.sentences import split_sentences
from digest.text.vocabulary import FUNCTION_WORDS, NON_NAME_WORDS


def split_items(lines: list[str]) -> tuple[list[str], list[Item], str]:
    """Take out the short-item sections and a closing signature; return body, items, signature."""
    signature = ""
    if len(lines) > 1 and _is_signature(lines[-1]):
        lines, signature = lines[:-1], lines[-1]
    body: list[str] = []
    items: list[Item] = []
    i = 0
    while i < len(lines):
        if ITEM_SECTION.match(bare(lines[i])):
            found, i = _section(lines, i + 1)
            items.extend(found)
        else:
            body.append(lines[i])
            i += 1
    return body, items, signature


def _section(lines: list[str], start: int) -> tuple[list[Item], int]:
    """Read the entries of an item section from ``start``; return them and where it ends."""
    bulleted = start < len(lines) and bool(BULLET.match(lines[start]))
    texts: list[str] = []
    i = start
    for i in range(start, len(lines) + 1):  # ``i`` ends where the section ends
        line = lines[i] if i < len(lines) else ""
        if not line or opens_section(line):
            break
        line = ITEM_TAIL.sub("", ITEM_TIME.sub("", line)) or line
        if BULLET.match(line):
            texts.append(BULLET.sub("", line))
        elif bulleted:
            # After bulleted entries, a line in lower case goes on; anything else is body.
            if not (texts and line[:1].islower()):
                break
            texts[-1] = f"{texts[-1]} {line}"
        elif texts and headlike(texts[-1]) and not headlike(line):
            # Unbulleted entries: a headline line takes the sentence under it along.
            texts[-1] = f"{texts[-1]} – {line}"
        elif texts and _goes_on(texts[-1], line):
            texts[-1] = f"{texts[-1]} {line}"
        else:
            texts.append(line)
    entries = [e.strip() for t in texts for e in INLINE_BULLET.split(t)]
    return _to_items(entries), i


def _goes_on(previous: str, line: str) -> bool:
    """Tell a line that goes on with the entry above: it points back ("Das sieht der
    Entwurf vor", "Aber …") or the entry above left a quotation open."""
    first = (split_sentences(line) or [line])[0]
    # Typewriter quotes ("…") open and close alike: an odd count leaves one open.
    quoted = bool(open_quote(previous)) or previous.count('"') % 2 == 1
    return quoted or refers_back(first)


def _to_items(texts: list[str]) -> list[Item]:
    cleaned = (ITEM_TAIL.sub("", ITEM_TIME.sub("", t)).strip() for t in texts)
    return [Item(text=t) for t in cleaned if t]


def signature_names(line: str) -> list[str]:
    byline = BYLINE.match(line)
    return split_names(byline.group("names")) if byline else [line] if line else []


def _is_signature(line: str) -> bool:
    if BYLINE.match(line):
        return True
    words = line.split()
    if len(words) < 2 or words[0].casefold() in NON_NAME_WORDS:
        return False
    return words[0].casefold() not in FUNCTION_WORDS and bool(SIGNATURE.match(line))
