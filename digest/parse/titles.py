"""Titles for the pieces of a newsletter: subject, body headline or first sentence.

The subject is the title of a one-story mail unless it only names the newsletter
("Newsletter 3 / 11.2012", "Ihr Morgen-Briefing am Dienstag") or the body's
headline says more; each piece of a multi-story newsletter is titled by its own
heading, a rubric heading ("Verein", "Entwicklung") becoming its kicker, or by its
first sentence cut at a clause boundary.
"""

from __future__ import annotations

import re

from digest.parse.structure import derive_title
from digest.text.vocabulary import STOPWORDS
from digest.text.wordsets import stems

_GENERIC = re.compile(
    r"\b(?:newsletter|ausgabe|nr\.?|nummer|briefing|update|digest|rundbrief|infobrief|mailing"
    r"|woche|monat|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november"
    r"|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|abend)\b|\d",
    re.I,
)
_RUBRIC_WORDS = 2  # a heading this short, without a name or number, is a rubric
_CAPS_LETTERS = 6


def is_generic(subject: str, sender: str = "") -> bool:
    """Tell a subject that only names the issue ("Newsletter 3 / 11.2012", "Ihr Briefing am
    Dienstag"): nothing but generic words, dates, numbers and the sender's name."""
    words = re.findall(r"[\w.]+", subject)
    sender_words = {w.casefold() for w in re.findall(r"\w+", sender)}
    news = [w for w in words if not _GENERIC.search(w) and w.casefold() not in sender_words
            and w.casefold() not in STOPWORDS]  # fmt: skip
    return not news


def balance_quotes(title: str) -> str:
    """Drop a quotation mark that closes or opens nothing at a title's ends."""
    title = title.strip()
    opening = '„»«"'
    closing = '“”«»"'
    if title[-1:] in closing or (title[-2:-1] in closing and title[-1:] in "?!"):
        mark_at = len(title) - 1 if title[-1:] in closing else len(title) - 2
        if not any(c in opening for c in title[:mark_at]):
            title = title[:mark_at] + title[mark_at + 1 :]
    if title[:1] in opening and not any(c in closing for c in title[1:]):
        title = title[1:]
    return title.strip()


def first_sentence_title(text: str) -> str:
    """Make a title from the first sentence of ``text`` (cut at a clause when long).

    A rubric that introduces what follows ("Außerdem wichtig:") titles nothing, and a
    sub-heading is a unit of its own: it is the title, never glued to the sentence after
    it with its Markdown mark ("Außerdem wichtig: ## 3 aus 24 …").
    """
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    while len(blocks) > 1 and _introduces(blocks[0]):
        blocks.pop(0)
    if blocks and blocks[0].startswith("#"):
        return balance_quotes(blocks[0].lstrip("# "))
    return balance_quotes(derive_title([" ".join(" ".join(blocks).split())]))


def _introduces(block: str) -> bool:
    """Tell a short line that ends in a colon: it introduces the blocks after it."""
    return block.endswith(":") and len(block.split()) <= _RUBRIC_WORDS + 1


def is_rubric(heading: str) -> bool:
    """Tell a rubric heading ("Verein", "Andere Themen") from a headline ("Neubau beschlossen").

    A rubric is one or two capitalised words without a number or an acronym ("UIX").
    """
    words = heading.split()
    return (
        len(words) <= _RUBRIC_WORDS
        and not re.search(r"\d", heading)
        and all(w[:1].isupper() and not w[1:2].isupper() for w in words)
    )


def without_names(title: str, names: frozenset[str]) -> str:
    """Remove the recipient's name words from a title ("Fritz Meier, Ihre Angebote")."""
    if not names:
        return title
    kept = [w for w in title.split() if w.strip(",:;!") not in names]
    return " ".join(kept).lstrip(",:;– ").strip()


def mail_title(subject: str, sender: str, heading: str, text: str) -> str:
    """Title a one-story mail: the subject unless generic or the body's headline says more."""
    if subject and not is_generic(subject, sender):
        if heading and not stems(heading) <= stems(subject) and len(heading) > len(subject):
            return balance_quotes(heading)
        return balance_quotes(subject)
    if heading and not is_rubric(heading):
        return balance_quotes(heading)
    return first_sentence_title(text) if text else balance_quotes(subject)


def is_caps(text: str) -> bool:
    """Tell a line set in capitals ("WAS HEUTE WICHTIG IST"), as rubrics are."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= _CAPS_LETTERS and all(c.isupper() for c in letters)
