"""Write a merged story's body as Markdown, its credits in the issue's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from digest.models import Paragraph, Passage, Story
from digest.text.sentences import split_sentences

CREDIT_LABEL = "Laut {name}"  # German by default; the build passes the issue locale's wording
# Markdown a source name must not carry into the label: emphasis, links, code, headings.
# (An underscore inside a word, as in a file name "morgen_post", is no emphasis and stays.)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>~#]|(?<![^\W_])_|_(?![^\W_])")


NameForm = Callable[[str], str]  # a name as the label's language declines it after "laut"


def with_body(story: Story, label: str = CREDIT_LABEL, form: NameForm = str) -> Story:
    """Return ``story`` with its body written from its paragraphs (``{name}`` in ``label``,
    each name in the ``form`` the label's language wants)."""
    return replace(story, body=body_markdown(story.paragraphs, label, form))


def body_markdown(
    paragraphs: Sequence[Paragraph], label: str = CREDIT_LABEL, form: NameForm = str
) -> str:
    """Join ``paragraphs`` into Markdown, each credited passage led by its bold credit."""
    return "\n\n".join(" ".join(_passage(p, label, form) for p in paragraph)
                       for paragraph in paragraphs)  # fmt: skip


def _passage(passage: Passage, label: str, form: NameForm) -> str:
    """Lead a credited passage with its source's name, once: ``**Laut Krone:** …``."""
    if not passage.credit:
        return passage.text
    # A name is text: one line, no Markup (a mail's display name is the sender's choice).
    plain = " ".join(_MARKDOWN_SPECIAL.sub("", passage.credit).split()).strip(" :")
    if _credits_itself(passage.text, plain):
        return passage.text
    credit = label.format(name=form(plain))
    if _same_opening(credit, passage.text):
        credit = plain  # "Laut Blatt: Laut einem Lagebericht …" says "laut" twice
    return f"**{credit}:** {passage.text}"


def _same_opening(credit: str, text: str) -> bool:
    """Tell a passage that opens with the label's own first word ("Laut einem Bericht …"
    under "Laut {name}"): the credit then stands as the bare name, a source tag."""
    first, opening = credit.split(maxsplit=1)[:1], text.split(maxsplit=1)[:1]
    return bool(first) and [w.casefold() for w in first] == [w.casefold() for w in opening]


def _credits_itself(text: str, name: str) -> bool:
    """Tell a passage whose first sentence names its outlet already ("…, sagte Slowik dem
    Tagesblatt", "Nach Recherchen von TAGESBLATT …"): a label would say it twice.

    Read blind, "Laut Tagesblatt: Den Informationen von TAGESBLATT zufolge …" was the
    credit form's most noticed fault.
    """
    sentences = split_sentences(text)
    first = sentences[0] if sentences else text
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", first, re.I) is not None
