"""Plain-text and Markdown newsletters read into blocks."""

from __future__ import annotations

from digest.models import BANNER, HEADING, ITEM, LINK, PARAGRAPH
from digest.parse.textblocks import text_blocks, wrap_width
from digest.parse.unflatten import unflatten
from tests.newsletter_files import NEWSLETTERS as FIXTURES


def _plain72() -> str:
    return (FIXTURES / "plain_72.txt").read_text(encoding="utf-8")


def test_fixture_is_wrapped_at_72_columns() -> None:
    lines = [line for line in _plain72().splitlines() if len(line) > 60]
    assert max(map(len, lines)) <= 72


def test_hard_wrapped_paragraphs_are_joined_and_headings_stay() -> None:
    blocks = text_blocks(_plain72())
    headings = [b.flat for b in blocks if b.kind == HEADING]
    assert "Neues Radwegenetz für die Innenstadt" in headings
    assert "Streit um die Grundschule am Hang" in headings
    # No wrapped line became a sub-heading of its own.
    assert not any(h.startswith(("aus Radwegen", "Zusammenlegung", "Zustand")) for h in headings)
    radweg = next(b for b in blocks if b.flat.startswith("Die Stadt will"))
    assert radweg.flat.endswith("Der Einzelhandel hat deshalb Bedenken angemeldet.")


def test_wrap_width_is_found() -> None:
    from digest.parse.textblocks import _paragraphs, _tokens, normalise

    assert wrap_width(_paragraphs(_tokens(normalise(_plain72()).split("\n")))) in range(68, 73)


def test_banner_between_rules_and_labelled_rule_are_headings() -> None:
    text = "------\nSPORT\n------\n\nDer Verein gewinnt das Derby.\n\n----- Impressum -----\nVerlag"
    blocks = text_blocks(text)
    assert [(b.flat, b.level) for b in blocks if b.kind == HEADING] == [
        ("SPORT", BANNER), ("Impressum", BANNER),
    ]  # fmt: skip


def test_url_line_is_the_link_of_the_label_above() -> None:
    blocks = text_blocks("Zum Test\nhttps://x.example/t\n\nEin ganzer Satz steht hier.")
    assert (blocks[0].kind, blocks[0].flat, blocks[0].href) == (
        LINK,
        "Zum Test",
        "https://x.example/t",
    )


def test_markdown_markup_never_reaches_the_text() -> None:
    blocks = text_blocks(
        "- **Neue Halle:** Die [Stadt](https://s.example) baut `jetzt` eine Halle."
    )
    assert blocks[0].kind == ITEM and blocks[0].lead == "Neue Halle:"
    assert blocks[0].text == "Neue Halle: Die Stadt baut jetzt eine Halle."
    assert blocks[0].href == "https://s.example"


def test_indented_paragraph_continues_the_list_entry() -> None:
    text = (
        "- **Der Verein wächst.**\n\n    Wir haben fünf neue Mitglieder gewonnen.\n\n"
        "Neuer Absatz hier."
    )
    blocks = text_blocks(text)
    assert blocks[0].kind == ITEM
    assert blocks[0].flat == "Der Verein wächst. Wir haben fünf neue Mitglieder gewonnen."
    assert blocks[1].kind == PARAGRAPH


def test_html_tag_soup_in_a_plain_part_is_dropped() -> None:
    text = "Hallo,\n<table>\n<tr><td><a href='x'>Start</a></td></tr>\n</table>\nEin Satz."
    assert "Start" not in " ".join(b.text for b in text_blocks(text))


def test_flattened_web_version_gets_its_block_boundaries_back() -> None:
    glued = (
        "Vorwort steht hier am Anfang und ist lang genug. 1Erstes ThemaDer Rat hat "
        "entschieden. 2Zweites ThemaDie Stadt baut. 3Drittes ThemaIm Hafen liegt ein Schiff."
    ) * 3
    out = unflatten(glued)
    assert "1. **Erstes Thema** Der Rat" in out and "3. **Drittes Thema** Im Hafen" in out


def test_camel_case_names_alone_do_not_count_as_glue() -> None:
    text = "Wir nutzen LinkedIn und das iPhone. " * 20
    assert unflatten(text) == text
