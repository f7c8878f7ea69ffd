"""The running text of a parsed body: every real paragraph, whatever words it holds."""

from __future__ import annotations

import pytest

from digest.text.paragraphs import body_paragraphs, has_running_text, trailing_cut

LONG = (
    "Der Senat hat am Dienstag nach langer Debatte den Plan für neue Radwege beschlossen,"
    " der bis zum Jahr 2030 umgesetzt werden soll."
)


@pytest.mark.parametrize(
    "paragraph",
    [
        # keywords mid-sentence are no boilerplate
        "Die Senatorin sagte, sie habe den Newsletter des Verbands abonniert und dort zuerst"
        " von den Plänen gelesen.",
        "Mehr dazu wollte der Sprecher am Abend nicht sagen, © und Markenrechte seien ungeklärt.",
        # a credit at the end, or no full stop at all
        "Der Plan soll im Frühjahr in Kraft treten und für drei Bezirke gelten (Tsp, mit dpa)",
        "Nach Angaben der Verwaltung sollen die ersten Wege noch in diesem Sommer fertig werden",
    ],
)  # fmt: skip
def test_a_real_paragraph_is_kept_whatever_it_contains(paragraph: str) -> None:
    assert body_paragraphs(f"{LONG}\n\n{paragraph}\n\n{LONG} Danach nicht.") == [
        LONG, paragraph, f"{LONG} Danach nicht."
    ]


def test_a_paragraph_opening_with_a_section_word_cuts_nothing() -> None:
    quellen = "Quellen, etwa die Website des Instituts, nennen andere Zahlen."
    body = f"{LONG}\n\n{quellen}\n\n{LONG} Ende."
    assert len(body_paragraphs(body)) == 3


def test_only_a_trailing_end_section_is_cut() -> None:
    faq = "## FAQ\n\nWas kostet das? Niemand weiß es bisher genau."
    assert body_paragraphs(f"{LONG}\n\n{LONG} Zwei.\n\n{faq}") == [LONG, f"{LONG} Zwei."]
    # A badge "FAQ" above the text is no trailing section: nothing is cut.
    assert len(body_paragraphs(f"FAQ\n\n{LONG}\n\n{LONG} Zwei.\n\nWas kostet das?")) == 3


def test_trailing_cut_needs_as_many_words_before_as_after() -> None:
    def is_end(text: str) -> bool:
        return text == "FAQ"

    assert trailing_cut(["eins zwei drei", "FAQ", "vier fünf"], is_end) == 1
    assert trailing_cut(["eins", "FAQ", "zwei drei vier"], is_end) == 3
    assert trailing_cut(["FAQ", "eins zwei"], is_end) == 2


def test_a_link_in_a_paragraph_leaves_its_words_not_its_target() -> None:
    body = f"{LONG} Mehr beim [Senat](https://senat.example/radwege) ![Karte](karte.png)"
    assert body_paragraphs(body) == [f"{LONG} Mehr beim Senat"]


def test_labels_headings_and_lists_are_no_running_text() -> None:
    body = f"## Was jetzt folgt\n\nFoto: Agentur Beispiel\n\n{LONG}\n\n- ein Punkt\n- noch einer"
    assert body_paragraphs(body) == [LONG]
    assert not has_running_text("## Titel\n\nStart\n\n- eins")
    assert has_running_text(f"## Titel\n\n{LONG}")


def test_an_intro_to_a_list_left_out_loses_only_its_last_sentence() -> None:
    intro = f"{LONG} Hier die Termine der ersten Woche:"
    assert body_paragraphs(f"{intro}\n\n- Montag: Start\n\n{LONG} Zwei.") == [
        LONG, f"{LONG} Zwei."
    ]
    # Before a quotation it joins the quotation.
    said = "Die Senatorin sagte wörtlich:"
    quote = "„Wir fangen sofort an.“"
    assert body_paragraphs(f"{said}\n\n{quote}") == [f"{said} {quote}"]
