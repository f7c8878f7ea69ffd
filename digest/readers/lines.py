"""Line clean-up before structure: join what was broken, drop what is not story text.

Runs on the lines of any reader's text: normalise characters, join hard-wrapped
paragraphs and lone bullets, drop photo captions and credits, boilerplate lines and
teaser lists. Every pattern comes from ``digest.rules``.
"""

from __future__ import annotations

import itertools
import re

from digest import rules

_MAX_HEAD_CHARS = 200  # a longer line is never a headline
_WRAP_WIDTH = 80  # plain-text mail wraps its lines at most this wide
_WRAP_FULL = 55  # a wrapped line is at least this long, unless it ends its paragraph
_WRAP_MIN_LINES = 4
# First characters of a Markdown heading or bullet (numbered lines stay: "3. Mai 2024").
_MARKERS = frozenset("#-–—•*·▪►‣◦")
_TEASER_MIN_WORDS = 4  # a teaser's headline after its kicker has at least this many words
_MAX_CAPTION_CHARS = 300  # a longer line with a credit at its end is a paragraph
_DROP_CAP_MIN_WORDS = 6  # a drop cap opens a paragraph, not a short heading like "A bis Z"
_APPEAL_BOX_CHARS = 240  # an appeal box's text is short; a longer paragraph is story
_APPEAL_ADDRESSES = 2  # ... unless this many of its sentences address the reader
# A scrape that kept a page's source wrapping marks each soft break with a space at the end
# of the line ("Kritik an den \nLockdowns"), as format=flowed mail does (RFC 3676). Only
# this many such breaks inside a sentence, after a word no line of its own ends on (lower
# case or a function word), prove the convention: a heading, too, may end on a stray space.
_SOFT_WRAP_EVIDENCE = 3
_CAPS_HEADING_LETTERS = 4  # "THEMA DES TAGES" opens a new section
_WRAP_EVIDENCE = 3  # lines broken before a lower-case word that prove a hard-wrapped text
# ... when they are this share of the lines ending inside a sentence: in wrapped German text
# about every second next line opens in lower case, in a text with headings far fewer do.
_WRAP_SHARE = 0.3
_SOFT_END = re.compile(r"[.!?…:;]['\"“”«»‘’)\]]*$")  # a comma goes on; these end a line's thought


def clean_lines(text: str) -> list[str]:
    """Split ``text`` into stripped lines without invisible characters, links or paywall marks."""
    text = rules.INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = rules.PAYWALL_MARK.sub("", rules.INLINE_URL.sub("", text))
    text = join_soft_wraps(text)
    return [" ".join(line.split()) for line in _split_glued_headline(text.split("\n"))]


def join_soft_wraps(text: str) -> str:
    """Join the lines of a text whose soft breaks a space beside the line break marks.

    Scraped pages (a news site's hard-wrapped source) break lines inside sentences and
    leave a space at the break, while a paragraph ends without one. A break joins only
    after a line that ends no thought (a full stop, colon ...), and only in a text that
    shows the convention ``_SOFT_WRAP_EVIDENCE`` times: a single heading with a trailing
    space stays a heading.
    """
    if " \n" not in text and "\n " not in text:
        return text  # the usual case, decided in C
    soft: list[tuple[int, int]] = []
    proof = 0
    for newline in _spaced_newlines(text):
        begin, end = _soft_break(text, newline)
        if begin == end:
            continue
        word = text[text.rfind(" ", 0, begin) + 1 : begin].rsplit("\n", 1)[-1]
        if not word or _SOFT_END.search(word) or _rubric_at(text, begin, end):
            continue
        soft.append((begin, end))
        # Only a space before the break proves the convention: some sites indent the
        # paragraph after a heading ("Eine Frage der Zeit\n Der Rat hat …").
        proof += begin < newline and _never_ends_line(word)
    if proof < _SOFT_WRAP_EVIDENCE:
        return text
    parts, at = [], 0
    for begin, end in soft:
        parts += [text[at:begin], " "]
        at = end
    return "".join([*parts, text[at:]])


def _rubric_at(text: str, begin: int, end: int) -> bool:
    """Tell whether a break follows a rubric ("In aller Kürze", "WAS HEUTE WICHTIG IST")
    or comes before a line in capitals: a rubric stands on its own line."""
    before = text[text.rfind("\n", 0, begin) + 1 : begin]
    after_end = text.find("\n", end)
    after = text[end : after_end if after_end >= 0 else len(text)]
    return _is_rubric(before.strip()) or after.isupper()


def _spaced_newlines(text: str) -> list[int]:
    """Return the positions of the line breaks with a space before or after them.

    Two substring searches, which run in C: a pattern led by a character class tried at
    every position was a tenth of the whole parse.
    """
    found: set[int] = set()
    for needle, offset in ((" \n", 1), ("\n ", 0)):
        at = text.find(needle)
        while at >= 0:
            found.add(at + offset)
            at = text.find(needle, at + 1)
    return sorted(found)


def _soft_break(text: str, newline: int) -> tuple[int, int]:
    """Return the span of spaces and the line break at ``newline`` if a space or tab is
    beside it and words on both sides; else an empty span."""
    begin, end = newline, newline + 1
    while begin and text[begin - 1] in " \t":
        begin -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    if end - begin == 1 or not begin or end == len(text) or text[begin - 1] == "\n":
        return newline, newline
    return (newline, newline) if text[end] == "\n" else (begin, end)


def _never_ends_line(word: str) -> bool:
    """Tell a word a heading or paragraph does not end on: lower case or a function word."""
    bare = word.strip("\"„“”»«'‚‘’(")
    return bare[:1].islower() or bare.casefold() in rules.CONTINUATION_WORDS | rules.FUNCTION_WORDS


def _split_glued_headline(lines: list[str]) -> list[str]:
    """Put a headline that a scrape glued to its text with a run of spaces on its own line.

    Scrapers that flatten a page often join the headline block and the first paragraph
    with two or more spaces instead of a line break ("Rat beschließt Etat  Der Rat hat …").
    Only the first line is looked at, and only a headline-like start splits: a few words
    holding no sentence end and with no full stop, comma or colon before the gap, so
    "Satzende.  Nächster Satz" stays one line (a headline may end with "?" or "!").
    """
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines
    match = rules.GLUED_HEADLINE.match(lines[first])
    if not match or len(match.group(1)) > _MAX_HEAD_CHARS:
        return lines
    head, rest = match.group(1).strip(), lines[first][match.end() :]
    if head.endswith((".", ",", ";", ":", "…")) or rules.SENTENCE_BREAK.search(head):
        return lines  # a sentence, or more than one, not a headline
    if head.split()[-1].casefold() in rules.CONTINUATION_WORDS | rules.FUNCTION_WORDS:
        return lines  # "Neonazis und  Reichsbürger": a stray gap inside a sentence
    return [*lines[:first], head, "", rest, *lines[first + 1 :]]


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped paragraphs (plain-text mail, scraped pages) and drop blank lines."""
    filled = [ln for ln in lines if ln]
    wrapped = (
        len(filled) >= _WRAP_MIN_LINES
        and max(map(len, filled)) <= _WRAP_WIDTH
        and sum(len(ln) >= _WRAP_FULL for ln in filled) * 3 >= len(filled)
    )
    broken = _broken_inside_sentences(lines)
    out: list[str] = []
    previous = ""
    for line in lines:
        joinable = wrapped and previous and len(previous) >= _WRAP_FULL
        joinable = joinable or (broken and previous and _joins_broken(previous, line))
        if line and out and _lone_cap(previous) and _drop_cap_rest(line):
            out[-1] += line  # a drop cap on its own line: "D" + "er Stadtrat …"
        elif line and out and broken and previous.isupper() and line.isupper():
            out[-1] = f"{out[-1]} {line}"  # a rubric broken in two: "WAS" + "HEUTE WICHTIG IST"
        elif line and out and (joinable or _continues(previous, line)) and not _starts_item(line):
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
        previous = line
    return out


def _unfinished(line: str) -> bool:
    """Tell a line that ends inside a sentence (no full stop, colon, heading mark ...)."""
    return not (_SOFT_END.search(line) or rules.MD_HEADING.match(line))


def _joins_broken(previous: str, line: str) -> bool:
    """Tell whether ``line`` goes on with ``previous`` in a text broken inside sentences.

    A newsletter's rubric ("WAS HEUTE WICHTIG IST"), a greeting or a section heading the
    rules know stays a line of its own, whatever the wrapping.
    """
    return _unfinished(previous) and not (_is_rubric(previous) or _is_rubric(line))


def opens_section(line: str) -> bool:
    """Say whether ``line`` opens another section: a Markdown, item, end or capitals heading."""
    if rules.MD_HEADING.match(line):
        return True
    line = bare(line)
    if rules.ITEM_SECTION.match(line) or rules.END_SECTION.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= _CAPS_HEADING_LETTERS and all(c.isupper() for c in letters)


def _is_rubric(line: str) -> bool:
    """Tell a line that names a section, not a sentence: a section heading, a greeting, or
    capitals however short (a rubric broken in two: "WAS" / "HEUTE WICHTIG IST")."""
    text = bare(line)
    return opens_section(line) or text.isupper() or rules.GREETING.match(text) is not None


def _broken_inside_sentences(lines: list[str]) -> bool:
    """Tell a text whose lines break inside sentences, wherever the width ends a line.

    A scrape of a hard-wrapped page breaks lines at any word. A line that ends no sentence
    and is followed by one in lower case is such a break for sure; when there are
    ``_WRAP_EVIDENCE`` of them and they are a fair share (``_WRAP_SHARE``) of the lines
    ending inside a sentence, the rest are breaks too ("Der Ökonom Marcel" /
    "Fratzscher sagte …"), not headings.
    """
    sure = unsure = 0
    for previous, line in itertools.pairwise(lines):
        if not previous or not line or not _joins_broken(previous, line) or _starts_item(line):
            continue
        if line[:1].islower():
            sure += 1
        else:
            unsure += 1
    return sure >= _WRAP_EVIDENCE and sure >= _WRAP_SHARE * (sure + unsure)


def _continues(previous: str, line: str) -> bool:
    """Say whether ``line`` goes on with the sentence ``previous`` broke off."""
    if _split_quote(previous, line):
        return True
    if not previous or rules.SENTENCE_END.search(previous) or previous.endswith(("?", "!")):
        return previous.endswith(",") and line[:1].islower() and not rules.GREETING.match(previous)
    if rules.MD_HEADING.match(previous) or rules.LONE_BULLET.match(previous):
        return False
    # A line never ends on an article or preposition, and a sentence never starts in lower case.
    last = previous.rsplit(" ", 1)[-1].casefold()
    return last in rules.CONTINUATION_WORDS or line[:1].islower()


def _split_quote(previous: str, line: str) -> bool:
    """Say whether a short line left a quotation open that ``line`` closes (a wrapped headline)."""
    if max(len(previous), len(line)) > _MAX_HEAD_CHARS:
        return False
    closer = open_quote(previous)
    return bool(closer) and closes_quote(line, closer)


# The closing marks of each opening mark; a guillemet's direction is read from the line.
_CLOSERS = {"„": "“”", "»": "«", "«": "»"}


def open_quote(line: str) -> str:
    """Return the closing marks of a quotation ``line`` leaves open, or ``""``.

    ``„`` opens and ``“``/``”`` close. Guillemets point either way (``»Zitat«`` in German
    typesetting, ``«Zitat»`` in Swiss): the line's first guillemet is its opening one. The
    quotation is open when the line has more opening marks than closing ones.
    """
    marks = rules.QUOTE_MARK.findall(line)
    if marks.count("„") > marks.count("“") + marks.count("”"):
        return _CLOSERS["„"]
    guillemets = [m for m in marks if m in "»«"]
    if guillemets:
        opener = guillemets[0]
        if guillemets.count(opener) > len(guillemets) - guillemets.count(opener):
            return _CLOSERS[opener]
    return ""


def closes_quote(line: str, closers: str) -> bool:
    """Say whether ``line`` closes a quotation opened before it: its first mark is a closer."""
    marks = [m for m in rules.QUOTE_MARK.findall(line) if m in closers or m in "„»«"]
    return bool(marks) and marks[0] in closers


def _lone_cap(line: str) -> bool:
    return len(line) == 1 and line.isupper()


def _drop_cap_rest(line: str) -> bool:
    # The rest of a drop cap's word opens a paragraph, not a short heading like "bis Z".
    return line[:1].islower() and len(line.split()) >= _DROP_CAP_MIN_WORDS - 1


def join_drop_caps(lines: list[str]) -> list[str]:
    """Join a drop cap that stood on its own line to its word: ``D`` + ``er Stadtrat`` → ``Der``.

    In one line, only a capital before a fragment that is no word joins (``N a endlich``):
    ``O du fröhliche``, ``A kauft von B`` and ``E steht für`` are words of their own.
    """
    out: list[str] = []
    for line in lines:
        if out and _lone_cap(out[-1]) and _drop_cap_rest(line):
            line = out.pop() + line
        cap = rules.DROP_CAP.match(line)
        if cap and len(line.split()) >= _DROP_CAP_MIN_WORDS:
            line = cap.group("cap") + line[cap.start("rest") :]
        out.append(line)
    return out


def _starts_item(line: str) -> bool:
    return bool(
        rules.BULLET.match(line) or rules.LONE_BULLET.match(line) or rules.BARE_NUMBER.match(line)
    )


def join_bullets(lines: list[str]) -> list[str]:
    """Join a lone bullet sign or item number with the item's text on the next line."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if rules.LONE_BULLET.match(line):
            pending = "- "
        elif rules.BARE_NUMBER.match(line) and len(lines) > 1:
            pending = line.rstrip(".)") + ". "
        else:
            out.append(pending + line if pending else line)
            pending = ""
    return out


def drop_captions(lines: list[str]) -> list[str]:
    """Drop photo captions and credits: glued credits, credit lines, repeated captions."""
    lines = list(lines)
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        # A glued credit sits in the last characters of its caption line.
        glued = rules.GLUED_CREDIT.search(line, max(0, len(line) - 140))
        stem = line[: glued.start()].strip() if glued else ""
        if glued and len(stem) > _MAX_CAPTION_CHARS:
            lines[i] = stem  # a paragraph with a credit run into it: keep the paragraph
        elif glued and stem:
            keep[i] = False
            _drop_same(lines, keep, i - 1, stem)
        elif rules.is_credit(line):
            keep[i] = False
            if i > 0 and keep[i - 1] and _caption_like(lines[i - 1]):
                keep[i - 1] = False
                _drop_same(lines, keep, i - 2, lines[i - 1])
        elif i + 1 < len(lines) and line == lines[i + 1] and not rules.BULLET.match(line):
            keep[i] = keep[i + 1] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _drop_same(lines: list[str], keep: list[bool], index: int, text: str) -> None:
    if index >= 0 and lines[index] == text:
        keep[index] = False


def _caption_like(line: str) -> bool:
    # A caption above a credit reads as a label, not as a finished sentence of the story.
    return not rules.SENTENCE_END.search(line) and not rules.MD_HEADING.match(line)


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Drop the lines a boilerplate rule names (credits, calls to action, sign-offs …)."""
    kept: list[str] = []
    greeted = False
    for line in lines:
        rule = rules.boilerplate(bare(line))
        if rule is None:
            # After "Guten Morgen," a letter goes on in lower case; its paragraph starts here.
            kept.append(line[:1].upper() + line[1:] if greeted and not kept else line)
        greeted = rule == "greeting" or (greeted and not kept)
    return kept


def drop_appeals(lines: list[str]) -> list[str]:
    """Strip a button run into the end of a paragraph (``… Jetzt unterstützen``).

    The paragraph goes too, with a heading above it, when it is an appeal box itself: one of
    its sentences is an appeal line, or it addresses the reader (once when it is short,
    in two sentences when longer). The first line (the title candidate) always stays.
    """
    out: list[str] = []
    for line in lines:
        button = rules.APPEAL_BUTTON.search(line, max(0, len(line) - 60))
        if not button:
            out.append(line)
            continue
        stem = line[: button.start()].rstrip()
        if out and _appeal_box(stem):
            if len(out) > 1 and headlike(out[-1]):
                out.pop()
            continue
        out.append(stem)
    return out


def _appeal_box(text: str) -> bool:
    # An appeal line among its sentences, or the reader addressed: once in a short box,
    # twice in a longer one ("Finden Sie auch? … Sind Sie dabei?").
    sentences = rules.SENTENCE_BREAK.split(text)
    if any(rules.APPEAL.search(s) or rules.NEWSLETTER_PROMO.search(s) for s in sentences):
        return True
    addressed = sum(bool(rules.READER_ADDRESS.search(s)) for s in sentences)
    return addressed >= _APPEAL_ADDRESSES or (addressed > 0 and len(text) <= _APPEAL_BOX_CHARS)


def drop_teasers(lines: list[str]) -> list[str]:
    """Drop lists linking to other stories (each entry a kicker and a headline), with heading."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and rules.BULLET.match(lines[j]):
            j += 1
        if j - i >= 2 and all(_is_teaser(bare(line)) for line in lines[i:j]):
            if out and headlike(out[-1]):
                out.pop()
            i = j
            continue
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _is_teaser(entry: str) -> bool:
    headline = entry.split(":", 1)[-1] if ":" in entry else entry.split("?", 1)[-1]
    return bool(rules.TEASER_ENTRY.match(entry)) and len(headline.split()) >= _TEASER_MIN_WORDS


def bare(line: str) -> str:
    """Return ``line`` without Markdown markers, as the rules expect it."""
    if line[:1] in _MARKERS:
        line = rules.MD_HEADING.sub("", line)
        line = rules.BULLET.sub("", line)
        if line[:1] in "*_" and line[-1:] == line[:1]:
            line = line.strip("*_ ")  # a line in emphasis: *Copyright: …*
    return line.replace("**", "").strip() if "**" in line else line


def headlike(line: str) -> bool:
    """Say whether ``line`` could be a headline or sub-heading rather than a sentence."""
    text = bare(line)
    if not text or rules.BULLET.match(line) or len(text) > _MAX_HEAD_CHARS:
        return False
    return bool(rules.QUOTED_HEADLINE.match(text)) or not rules.SENTENCE_END.search(text)
