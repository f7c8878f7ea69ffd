"""A merged story's credits are data; the renderer writes them in the issue's language."""

from __future__ import annotations

from digest.models import Passage
from digest.render.credits import body_markdown


def test_credited_passages_lead_with_their_outlet_once() -> None:
    paragraphs = [
        (Passage("Der Rat stimmte zu."), Passage("Die Kosten steigen.", credit="Tagesblatt")),
        (Passage("Der Bau beginnt im Mai.", credit="Rheinpost"),),
    ]
    assert body_markdown(paragraphs, "Laut {name}") == (
        "Der Rat stimmte zu. **Laut Tagesblatt:** Die Kosten steigen.\n\n"
        "**Laut Rheinpost:** Der Bau beginnt im Mai."
    )
    assert body_markdown(paragraphs, "According to {name}").endswith(
        "**According to Rheinpost:** Der Bau beginnt im Mai."
    )


def test_an_outlet_name_carries_no_markdown_into_the_credit() -> None:
    paragraphs = [(Passage("Text.", credit="**Gewinn_spiel** [x](https://evil.example)"),)]
    assert body_markdown(paragraphs) == "**Laut Gewinn_spiel x(https://evil.example):** Text."


def test_a_passage_naming_its_outlet_is_not_labelled_again() -> None:
    paragraphs = [
        (Passage("Der Rat stimmte zu."),
         Passage("Das sagte die Ministerin dem TAGESBLATT. Die Kosten steigen.",
                 credit="Tagesblatt")),
        (Passage("Die Kosten steigen. Das sagte die Ministerin dem Tagesblatt.",
                 credit="Tagesblatt"),),
        (Passage("Laut Gesundheitsblatt steigen die Kosten.", credit="Blatt"),),
    ]  # fmt: skip
    assert body_markdown(paragraphs, "Laut {name}") == (
        "Der Rat stimmte zu. Das sagte die Ministerin dem TAGESBLATT. Die Kosten steigen.\n\n"
        "**Laut Tagesblatt:** Die Kosten steigen. Das sagte die Ministerin dem Tagesblatt.\n\n"
        "**Blatt:** Laut Gesundheitsblatt steigen die Kosten."
    )


def test_a_passage_opening_with_the_labels_word_gets_the_bare_name() -> None:
    paragraphs = [(Passage("Laut einem Lagebericht steigen die Kosten.", credit="Rheinpost"),
                   Passage("Laut sei es nicht gewesen.", credit="Tagesblatt"))]  # fmt: skip
    assert body_markdown(paragraphs, "Laut {name}") == (
        "**Rheinpost:** Laut einem Lagebericht steigen die Kosten. "
        "**Tagesblatt:** Laut sei es nicht gewesen."
    )
    assert body_markdown(paragraphs, "According to {name}") == (
        "**According to Rheinpost:** Laut einem Lagebericht steigen die Kosten. "
        "**According to Tagesblatt:** Laut sei es nicht gewesen."
    )
