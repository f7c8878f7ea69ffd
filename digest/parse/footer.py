"""Boilerplate by block: a label takes its whole block, a footer heading its section.

Newsletters wrap their news in the same furniture: a header above the greeting
(masthead, "Im Browser ansehen", date and weather), the greeting, a sign-off, and
a footer (Impressum, unsubscribe, "Sie erhalten diesen Newsletter, weil …", the
subscriber's registration data), with ads and self-promotion in between. A label
that opens a block drops the block and the rest of its visual group (the address
lines under "Impressum"); a label heading drops its section; an ad label drops the
ad's own headline and text; a sign-off drops what follows it up to the next
heading (the sender's signature). Any block naming the recipient's address goes,
and the names the greeting reveals are kept for the title clean-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from digest.models import HEADING, ITEM, LINK, PARAGRAPH, Block, Recipient
from digest.parse.labels import (
    AD,
    CALL,
    CLOSING,
    FOOTER,
    LINK_TAIL,
    META,
    PLACEHOLDER,
    POPULAR,
    REGISTERED,
    SALUTATION,
    SALUTATION_LINE,
    SELF_PROMO,
    SERVICE,
    SOCIAL,
    SOCIAL_LINKS,
    SUBSCRIBED,
    THANKS,
)
from digest.parse.patterns import BYLINE, EMAIL
from digest.text.names import split_names
from digest.text.wordsets import ends_full

_I = re.IGNORECASE
_NAME_LINE = re.compile(
    r"^(?:[A-ZÄÖÜ]\.\s?){0,2}[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+){0,2}$"
)
_COLLECTIVE = re.compile(
    r"leser|freund|kund|mitglied|abonnent|community|team|alle|zusammen|kolleg|nutzer|user", _I
)
# Words of a greeting's addressee that are no name.
_TITLES = frozenset(("herr", "frau", "herrn", "dr", "dr.", "prof", "prof.", "liebe", "lieber",
                     "sehr", "geehrte"))  # fmt: skip
_LABEL_WORDS = 4  # a label standing alone ("Reklame", "Impressum") has at most this many words
_HEADER_SHARE = 0.5  # a greeting within this share of the blocks ends the header
_HEADER_BLOCKS = 15
_CALL_WORDS = 15
_LONG_BLOCK = 25  # a block this long is a paragraph of news, not a data line
_THANKS_FROM_END = 3
_NAME_LINE_WORDS = 8  # a longer block naming the recipient is news about a namesake
_META_WORDS = 12
_NAV_BARS = 2  # links set apart by this many bars are navigation
_SMALL_PRINT_WORDS = 60  # a block of small print is no longer
_OPENING_CHARS = 400  # of a longer block, a label stands in its opening
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_REGISTRATION_WORDS = 40
_POPULAR_WORDS = 8  # a box's heading: "3 aus 24 - Meistempfohlen heute"
# Labels that, as a heading, take their section along: the footer's, an ad's, a promotion's.
_SECTION_LABELS = ("footer", "ad", "promo")


@dataclass(frozen=True)
class Cleaned:
    """Blocks without boilerplate, and what the boilerplate told about the mail."""

    blocks: list[Block]
    header: list[str] = field(default_factory=list)  # the blocks above the greeting
    names: frozenset[str] = frozenset()  # the recipient's name words from the greeting
    authors: tuple[str, ...] = ()  # who signed the letter (a bare name, a byline)
    dropped: list[str] = field(default_factory=list)  # why blocks went, for the bench
    greeted: bool = False  # the letter opened with a greeting
    letter: bool = False  # ... on a line of its own ("Liebe Leserinnen und Leser,")
    signed: bool = False  # the letter closed with a sign-off ("Viele Grüße", "Ihr …")
    subscribed: bool = False  # it says it was sent to a subscriber (unsubscribe, "weil Sie …")
    addresses: frozenset[str] = frozenset()  # found in the subscriber's registration data


def _greeting(block: Block) -> re.Match[str] | None:
    """Match a greeting: a whole first line ("Guten Morgen, Anna Beispiel,") or glued."""
    if block.kind not in (HEADING, PARAGRAPH):
        return None
    return _greeting_line(block) or SALUTATION.match(block.flat)


def _greeting_line(block: Block) -> re.Match[str] | None:
    """Match a greeting standing on a line of its own, as a letter's does."""
    return SALUTATION_LINE.match(block.text.split("\n", 1)[0].strip())


def greeting_names(who: str) -> frozenset[str]:
    """Return the name words of a greeting's addressee ("Herr Schüle" → Schüle)."""
    if _COLLECTIVE.search(who):
        return frozenset()
    words = [w.strip("(),") for w in who.split()]
    return frozenset(w for w in words if w[:1].isupper() and w.casefold() not in _TITLES)


def _after_greeting(
    blocks: list[Block],
) -> tuple[list[Block], list[str], frozenset[str], str]:
    """Cut the header above the greeting and the greeting itself; keep its names.

    The last value says how the letter greeted: "line" (a line of its own), "glued"
    (run into the first paragraph) or "" (not at all).
    """
    limit = min(_HEADER_BLOCKS, max(1, int(_HEADER_SHARE * len(blocks)) + 1))
    at = next((i for i, b in enumerate(blocks[:limit]) if _greeting(b)), None)
    if at is None:
        return blocks, [], frozenset(), ""
    match = _greeting(blocks[at])
    assert match is not None
    header = [b.flat for b in blocks[:at]]
    names = greeting_names(match.group("who") or match.groupdict().get("bare") or "")
    rest = blocks[at].flat[match.end() :].strip()
    out = [replace(blocks[at], kind=PARAGRAPH, text=rest, level=0)] if rest else []
    out += blocks[at + 1 :]
    if out and match.group("end") == "," and out[0].text[:1].islower():
        out[0] = replace(out[0], text=out[0].text[:1].upper() + out[0].text[1:])
    return out, header, names, "line" if _greeting_line(blocks[at]) else "glued"


def _without_address(block: Block, recipient: Recipient) -> Block | None:
    """Drop the sentences naming the recipient's address from a long block.

    A short block naming the address is registration data and goes whole; a long
    paragraph that mentions it once keeps its other sentences.
    """
    if block.words < _LONG_BLOCK or not _mentions(block, recipient):
        return None
    sentences = re.split(r"(?<=[.!?])\s+", block.flat)
    kept = [s for s in sentences if not any(a in s.casefold() for a in recipient.addresses)]
    if len(" ".join(kept).split()) < _LONG_BLOCK // 2:
        return None
    return replace(block, text=" ".join(kept), href=None, tail="")


def _names_recipient(block: Block, recipient: Recipient) -> bool:
    """Tell a short line addressing the recipient by name ("Grüezi Herr Muster")."""
    if not recipient.names or block.words > _NAME_LINE_WORDS:
        return False
    hits = {w.strip(",:;!?") for w in block.flat.split()} & recipient.names
    return len(hits) >= min(2, len(recipient.names))


def _mentions(block: Block, recipient: Recipient) -> bool:
    haystack = " ".join([block.text, block.tail, block.href or ""]).casefold()
    return any(address in haystack for address in recipient.addresses)


def _why(block: Block, recipient: Recipient) -> str:
    """Return why a block is boilerplate, or ``""`` when it is news text.

    Small print is short; of a long block only the opening counts (a label opens it), so a
    news paragraph mentioning a newsletter keeps its place, and a huge block costs little.
    """
    if _mentions(block, recipient) or _names_recipient(block, recipient):
        return "recipient"
    if block.kind == LINK:
        return "link"
    short = block.words <= _SMALL_PRINT_WORDS
    text = block.flat if short else block.flat[:_OPENING_CHARS]
    if PLACEHOLDER.search(text):
        return "placeholder"
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if FOOTER.match(text) or SERVICE.search(first) or (short and SERVICE.search(text)):
        return "footer"  # a service line, or a long block of small print opening with one
    if block.words <= _REGISTRATION_WORDS and REGISTERED.search(text) and EMAIL.search(text):
        return "footer"  # the subscriber's data, whoever the mail was addressed to
    if AD.match(text):
        return "ad"
    social = SOCIAL.search(text) or (block.words <= _CALL_WORDS and SOCIAL_LINKS.search(text))
    if social or SELF_PROMO.search(text) or (block.words <= _POPULAR_WORDS and POPULAR.match(text)):
        return "promo"
    if block.words <= _CALL_WORDS and CALL.match(text):
        return "call"
    if block.words <= _META_WORDS and META.search(text):
        return "meta"
    if block.words == 1 and text.islower() and text.isalpha():
        return "residue"  # a tracking or template token ("szmtag")
    if text.count(" | ") >= _NAV_BARS and not ends_full(text):
        return "navigation"  # "Restaurants | Bars | Frühstück und Brunch"
    return ""


def _cut_tail(block: Block) -> Block:
    if block.kind not in (PARAGRAPH, ITEM):
        return block
    match = LINK_TAIL.search(block.text)
    if not match or not block.text[: match.start()].strip():
        return block
    return replace(
        block, text=block.text[: match.start()].rstrip(), tail=block.tail or match.group(0).strip()
    )


def clean(blocks: list[Block], recipient: Recipient) -> Cleaned:
    """Drop boilerplate blocks and sections; return what is left and what was learnt."""
    blocks, header, names, greeting = _after_greeting(blocks)
    kept: list[Block] = []
    dropped: list[str] = []
    skip = ""  # "section": up to the next heading; "ad": the ad's headline and text
    dropped_group: int | None = None
    ad_body = False
    for i, block in enumerate(blocks):
        block = _without_address(block, recipient) or block
        why = _why(block, recipient)
        if block.kind == HEADING:
            if skip == "ad" and not ad_body:
                dropped.append(f"ad: {block.flat}")
                continue
            dropped_group = None
            if why in _SECTION_LABELS or SALUTATION.match(block.flat) or CLOSING.match(block.flat):
                skip = "ad" if why == "ad" else "section"
                ad_body = False
                while kept and kept[-1].kind == HEADING:
                    dropped.append(f"kicker: {kept.pop().flat}")  # the label's own kicker
                dropped.append(f"{why or 'signoff'}: {block.flat}")
                continue
            skip = ""
            if why:  # a stray line set apart (a reading time, a link label): it goes alone
                dropped.append(f"{why}: {block.flat}")
                continue
        elif skip:
            ad_body = True
            dropped.append(f"{skip}: {block.flat}")
            continue
        if dropped_group is not None and block.group == dropped_group:
            dropped.append(f"group: {block.flat}")
            continue
        if CLOSING.match(block.flat) or _thanks(block, i, len(blocks)):
            skip, dropped_group = "section", None
            dropped.append(f"signoff: {block.flat}")
            continue
        if why:
            dropped.append(f"{why}: {block.flat}")
            if why in ("footer", "ad", "recipient", "promo"):
                dropped_group = block.group  # the label's block goes with it (address lines)
            if why == "ad" and block.words <= _LABEL_WORDS:
                skip, ad_body = "ad", False
            continue
        kept.append(_cut_tail(block))
    authors: tuple[str, ...] = ()
    if kept and kept[-1].kind == PARAGRAPH and _NAME_LINE.match(kept[-1].flat):
        authors = (kept.pop().flat,)  # a bare name closing the letter signs it
    elif kept and kept[-1].kind == PARAGRAPH and (byline := BYLINE.match(kept[-1].flat)):
        kept.pop()  # "Aufgezeichnet von Lena Erfunden"
        authors = tuple(split_names(byline.group("names")))
    signed = any(d.startswith("signoff:") for d in dropped)
    # A bare link label ("Abbestellen") is page chrome as often as a mail's footer.
    subscribed = any(SUBSCRIBED.search(d) for d in dropped if not d.startswith("link:"))
    return Cleaned(
        kept, header, names, authors, dropped, greeted=bool(greeting), letter=greeting == "line",
        signed=signed, subscribed=subscribed, addresses=_registered(dropped),
    )  # fmt: skip


def _registered(dropped: list[str]) -> frozenset[str]:
    """Return the e-mail addresses in dropped blocks that state the subscriber's data."""
    return frozenset(
        a.casefold() for d in dropped if REGISTERED.search(d) for a in EMAIL.findall(d)
    )


def _thanks(block: Block, index: int, total: int) -> bool:
    return total - index <= _THANKS_FROM_END and bool(THANKS.search(block.flat))


def scrub(text: str, recipient: Recipient) -> str:
    """Remove the recipient's addresses, and a name addressing them, from ``text``.

    The last safety net: "Fritz Meier, Alles muss raus" loses the vocative, and no
    address of the recipient survives anywhere.
    """
    if not recipient.addresses and not recipient.names:
        return text
    text = EMAIL.sub(
        lambda m: "" if m.group(0).casefold() in recipient.addresses else m.group(0), text
    )
    if not recipient.names:
        return text
    name = "|".join(re.escape(n) for n in sorted(recipient.names, key=len, reverse=True))
    vocative = re.compile(
        rf"(?:(?<=^)|(?<=[.!?\n] ))(?:(?:Herr|Frau|Herrn)\s+)?(?:{name})(?:\s+(?:{name}))*,\s*(\w)",
        re.M,
    )
    return vocative.sub(lambda m: m.group(1).upper(), text)
