"""Plain-text and Markdown newsletters read into blocks.

Plain text carries its structure in blank lines, rules of dashes, indentation and
line length. A line filled to the wrap width (72 or 76 columns in most mailers)
goes on in the next line; a shorter line without a sentence end above longer text
is a heading; a line of dashes with a word in it ("----- Impressum -----") or a
word between two such lines is a banner heading; a URL on a line of its own is the
link of the block above it. Markdown headings, bullets, numbers and ``**bold**``
lead-ins are read as such, and the markup never reaches the text.
"""

from __future__ import annotations

import re

from digest.models import BANNER, GUESSED, HEADING, ITEM, LINK, PARAGRAPH, Block
from digest.parse.lines import is_rubric
from digest.parse.markdown import EMPHASIS, MD_IMAGE, MD_LINK, unmark
from digest.parse.unflatten import unflatten
from digest.parse.wrap import broken_inside_sentences, join_soft_wraps
from digest.text.patterns import INVISIBLE
from digest.text.vocabulary import CONTINUATION_WORDS, MONTHS, alternation
from digest.text.wordsets import ends_thought

_RULE = re.compile(r"^[!|+]?\s*(?:[-=_*~#+.]\s*){3,}$")
_LABELLED_RULE = re.compile(
    r"^[-=_*~#+]{3,}\s*(?P<label>[^-=_*~#+\s][^-=_*~#+]{0,60}?)\s*[-=_*~#+]{3,}$"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(?=\S)")  # the level captured
_BULLET = re.compile(r"^[-–—•*·▪►‣◦]\s+(?=\S)")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_URL_LINE = re.compile(r"^(?:[-*]\s*)?(?:[\w ]{0,20}:\s*)?(?:\[\d+\]\s*)?<?https?://\S+>?\s*\)?$")
_LINK_NOTE = re.compile(r"\(\s*Link:\s*(?:https?://\S+\s*)?\)?|\s*<https?://[^>\s]+>")
_MD_BOLD_LEAD = re.compile(r"^(\*\*|__)(?P<lead>.+?)\1\s*")
_DATE_START = re.compile(rf"^\d{{1,2}}\.\s+{alternation(frozenset(MONTHS))}\b", re.I)
_TABLE_SOUP = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
_TAG_LINE = re.compile(r"^\s*</?[a-z][^>]*>\s*$", re.I)
# A line may end on "mit" only when the sentence goes on ("Er teilte mit" ends on a particle,
# but a newsletter's own lines rarely do).
_CONTINUATION_WORDS = CONTINUATION_WORDS | {"mit"}
_WRAP_SLACK = 20  # a wrapped line ends at most this many columns short of the width
_WRAP_SHARE = 0.6  # ... and this share of the inner lines of paragraphs do
_WRAP_MIN_LINES = 4
_WRAP_OVERLONG = 0.05  # a wrapped text has hardly a line longer than its width
_MAX_WRAP_WIDTH = 100
_HEADING_WORDS = 12  # a guessed heading is short
_HEADING_BODY_WORDS = 12  # ... and stands above text at least this long
_LINK_LABEL_WORDS = 3
_CAPS_LETTERS = 4  # what is left of a line once its URL goes, when it was a label


def normalise(text: str) -> str:
    """Normalise line ends and invisible characters; drop HTML tag soup in a plain part."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = INVISIBLE.sub("", text).replace("\t", "    ")
    text = _TABLE_SOUP.sub("", text)
    return "\n".join(line for line in text.split("\n") if not _TAG_LINE.match(line))


def _tokens(lines: list[str]) -> list[tuple[str, str]]:
    """Classify lines as blank, rule, banner (a labelled rule) or text."""
    out: list[tuple[str, str]] = []
    for line in lines:
        s = line.strip()
        labelled = _LABELLED_RULE.match(s)
        if not s:
            out.append(("blank", ""))
        elif labelled:
            out.append(("banner", labelled.group("label").strip()))
        elif _RULE.match(s):
            out.append(("rule", ""))
        else:
            out.append(("line", line.rstrip()))
    # A short line between two rules is a banner: "-----\nTINE 2.0\n-----".
    for i in range(1, len(out) - 1):
        between = out[i - 1][0] == out[i + 1][0] == "rule" and out[i][0] == "line"
        if between and len(out[i][1].split()) <= _HEADING_WORDS:
            out[i] = ("banner", out[i][1].strip())
    return out


def _paragraphs(tokens: list[tuple[str, str]]) -> list[list[str] | str]:
    """Group text lines into paragraphs; a banner stands as a string of its own."""
    found: list[list[str] | str] = []
    current: list[str] = []
    for kind, value in tokens:
        if kind == "line":
            current.append(value)
            continue
        if current:
            found.append(current)
            current = []
        if kind == "banner":
            found.append(value)
    if current:
        found.append(current)
    return found


def wrap_width(paragraphs: list[list[str] | str]) -> int:
    """Return the width a hard-wrapped text was wrapped at, or 0 if it was not.

    The inner lines of paragraphs (all but the last) of a wrapped text end near one
    width, and no line runs much longer: short headings above long lines are no wrap.
    """
    inner = [len(line.strip()) for p in paragraphs if isinstance(p, list) and len(p) > 1
             for line in _body_lines(p)[:-1]]  # fmt: skip
    if len(inner) < _WRAP_MIN_LINES:
        return 0
    width = sorted(inner)[int(0.9 * (len(inner) - 1))]
    if width > _MAX_WRAP_WIDTH:
        return 0
    full = sum(width - _WRAP_SLACK <= n <= width + 2 for n in inner)
    lines = [len(line.strip()) for p in paragraphs if isinstance(p, list) for line in p]
    longer = sum(n > width + _WRAP_SLACK // 2 for n in lines)
    fits = longer <= _WRAP_OVERLONG * len(lines)
    return width if full >= _WRAP_SHARE * len(inner) and fits else 0


def _body_lines(paragraph: list[str]) -> list[str]:
    """Return a paragraph's lines without a heading line on top ("Wasserzähler werden
    gewechselt" above its wrapped text): it is short by nature, not by the wrap."""
    first, *rest = paragraph
    if rest and not ends_thought(first) and len(first.strip()) < len(rest[0].strip()) // 2 + 20:
        return rest
    return paragraph


def _goes_on(previous: str, line: str, width: int, *, broken: bool = False) -> bool:
    """Tell whether ``line`` continues the line above it (a wrap, not the author's break).

    ``broken``: the text breaks its lines anywhere inside sentences (a scrape of a wrapped
    page), so a line that ends no thought always goes on in the next.
    """
    if _NUMBERED.match(line) and _inside_sentence(previous, line):
        return True  # "… ab dem" / "2. Januar sind wir wieder da": a date, not entry 2
    if _BULLET.match(line) or _NUMBERED.match(line) or _MD_HEADING.match(line):
        return False
    if broken and _is_caps(line) and _is_caps(previous):
        return True  # a rubric broken in two: "WAS" / "HEUTE WICHTIG IST"
    if _is_caps(line) or _is_caps(previous):
        return False  # a rubric in capitals ("WAS HEUTE WICHTIG IST") stands on its own line
    if broken and not ends_thought(previous) and not is_rubric(previous):
        return True
    if line[:1].islower() or (previous.endswith(("-", ",")) and line[:1].islower()):
        return True
    last = previous.rsplit(" ", 1)[-1].casefold()
    if last in _CONTINUATION_WORDS:
        return True
    return bool(width) and len(previous) >= width - _WRAP_SLACK and not _URL_LINE.match(line)


def _inside_sentence(previous: str, line: str) -> bool:
    """Tell a wrapped line opening with a number inside a sentence: the line above ends on
    an article or preposition, or it ends no sentence and a month follows the number."""
    if not previous or ends_thought(previous):
        return False
    last = previous.rsplit(" ", 1)[-1].casefold()
    return last in _CONTINUATION_WORDS or bool(_DATE_START.match(line))


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= _CAPS_LETTERS and all(c.isupper() for c in letters)


def _join(previous: str, line: str) -> str:
    # "Kontakt-" + "Kalender" keeps its hyphen; "Mitglie-" + "der" was a word broken in two.
    if previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].islower():
        return previous[:-1] + line
    return f"{previous} {line}"


def _raw_blocks(lines: list[str], width: int, *, broken: bool) -> list[tuple[str, str]]:
    """Cut one paragraph's lines into raw blocks (text, link); URL lines become links."""
    out: list[list[str]] = []  # [text, href]
    previous = ""
    for raw in lines:
        line = raw.strip()
        if _URL_LINE.match(line):
            url = _URL.search(line)
            if out and url and not out[-1][1]:
                out[-1][1] = url.group(0)
            previous = ""
            continue
        if (out and previous and _goes_on(previous, line, width, broken=broken)) or (
            out and _indented(raw) and _is_list_entry(out[-1][0])
        ):
            out[-1][0] = _join(out[-1][0], line)
        else:
            out.append([line, ""])
        previous = line
    return [(text, href) for text, href in out]


def _indented(raw: str) -> bool:
    return raw.startswith(("  ", "    "))


def _is_list_entry(text: str) -> bool:
    return bool(_BULLET.match(text) or _NUMBERED.match(text))


def _inline(text: str) -> tuple[str, str, str]:
    """Strip Markdown and links from ``text``; return text, first link and bold lead-in."""
    link = ""
    md = MD_LINK.search(text)
    if md and md.group(2).startswith("http"):
        link = md.group(2)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(lambda m: m.group(1), text)
    url = _URL.search(text)
    link = link or (url.group(0) if url else "")
    text = _URL.sub("", _LINK_NOTE.sub("", text))
    text = re.sub(r"\(\s*Link:\s*$", "", text)
    lead_match = _MD_BOLD_LEAD.match(text)
    lead = EMPHASIS.sub(unmark, lead_match.group("lead")).strip() if lead_match else ""
    text = EMPHASIS.sub(unmark, text)
    return " ".join(text.split()), link, lead


def _block(text: str, href: str, group: int) -> Block:
    """Classify one raw block: heading, list entry, link label or paragraph."""
    heading = _MD_HEADING.match(text)
    if heading:
        clean, link, _ = _inline(text[heading.end() :])
        return Block(HEADING, clean, len(heading.group(1)), link or href or None, group=group)
    marker, number = "", None
    bullet, numbered = _BULLET.match(text), _NUMBERED.match(text)
    if bullet:
        marker, text = "bullet", text[bullet.end() :]
    elif numbered:
        marker, number, text = "number", int(numbered.group(1)), text[numbered.end() :]
    had_url = bool(_URL.search(text))
    clean, link, lead = _inline(text)
    href = href or link
    if not clean:
        return Block(LINK, "", href=href or None, group=group)
    if marker:
        return Block(ITEM, clean, href=href or None, marker=marker, number=number, lead=lead,
                     group=group)  # fmt: skip
    if (href or had_url) and len(clean.split()) <= _LINK_LABEL_WORDS and not ends_thought(clean):
        return Block(LINK, clean, href=href or None, group=group)
    if clean.rstrip().endswith(":") and len(clean.split()) <= _LINK_LABEL_WORDS and had_url:
        return Block(LINK, clean, href=href or None, group=group)
    if len(clean.split()) <= _HEADING_WORDS and not ends_thought(clean) and not lead:
        return Block(HEADING, clean, GUESSED, href or None, group=group)
    return Block(PARAGRAPH, clean, href=href or None, lead=lead, group=group)


def _confirm_headings(blocks: list[Block]) -> list[Block]:
    """Keep a guessed heading only above text of some length; else it is a short line."""
    out = list(blocks)
    for i, block in enumerate(out):
        if block.kind != HEADING or block.level != GUESSED:
            continue
        below = next((b for b in out[i + 1 :] if b.kind != HEADING or b.level != GUESSED), None)
        body_words = below.words if below and below.kind in (PARAGRAPH, ITEM) else 0
        # A rubric stands above a heading, a list, or anything when set in capitals.
        stands = (below is not None and below.kind in (HEADING, ITEM)) or _is_caps(block.text)
        if body_words < _HEADING_BODY_WORDS and not stands:
            out[i] = Block(PARAGRAPH, block.text, href=block.href, group=block.group)
    return out


def text_blocks(text: str) -> list[Block]:
    """Read a plain-text or Markdown newsletter into blocks in reading order."""
    text = unflatten(join_soft_wraps(normalise(text)))
    lines = text.split("\n")
    paragraphs = _paragraphs(_tokens(lines))
    width = wrap_width(paragraphs)
    broken = not width and broken_inside_sentences([line.strip() for line in lines])
    blocks: list[Block] = []
    for group, paragraph in enumerate(paragraphs):
        if isinstance(paragraph, str):
            blocks.append(Block(HEADING, paragraph, BANNER, group=group))
            continue
        indented = _indented(paragraph[0]) and blocks and blocks[-1].kind == ITEM
        for text_, href in _raw_blocks(paragraph, width, broken=broken):
            if indented and not _is_list_entry(text_) and not _MD_HEADING.match(text_):
                clean, link, _ = _inline(text_)
                last = blocks[-1]
                blocks[-1] = Block(ITEM, f"{last.text}\n{clean}", href=last.href or link or None,
                                   marker=last.marker, number=last.number, lead=last.lead,
                                   group=last.group)  # fmt: skip
                continue
            blocks.append(_block(text_, href, group))
    return _confirm_headings([b for b in blocks if b.text or b.href])
