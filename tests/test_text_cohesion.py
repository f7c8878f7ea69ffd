"""How a sentence hangs on the one before it: what the merge keeps next to its predecessor."""

from __future__ import annotations

import pytest

from digest.text.cohesion import adds_to, points_back, refers_back


@pytest.mark.parametrize(
    "sentence",
    [
        "Damit sank die Zahl der Fälle erneut.",
        "Das bedeutet höhere Kosten für die Stadt.",
        "Dieser Plan stößt auf Widerstand.",
        "„Deshalb hätte ich anders entschieden“, sagte sie.",
        "Für den gilt eine Ausnahme.",
        "Vorher hatten andere Länder die Flüge gestoppt.",  # before what?
        "Anschließend tagte der Rat bis in die Nacht.",
    ],
)
def test_a_word_pointing_back_opens_the_sentence(sentence: str) -> None:
    assert points_back(sentence) and refers_back(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Diese Woche tagt der Rat erneut.",  # a time, not the sentence before
        "Das Rathaus bekommt ein Solardach.",  # an article before a noun
        "Die Polizei erklärte, sie habe den Fahrer gefunden.",  # names its speaker first
        "Betroffen sind Familien, aber auch Betriebe.",  # a contrast inside the sentence
        "„Wir müssen die Zahlen senken“, sagte der Minister.",  # the speaker comes with it
        "Ähnlich wie in Bayern gilt eine Maskenpflicht.",  # a likeness inside the sentence
        "Anders als in Berlin bleiben die Schulen offen.",
        "Der Bundestag stimmte am Mittwoch mit großer Mehrheit zu.",  # no pronoun
        "Der Rat hat das neue Gesetz beschlossen.",  # "das" as an article, before an adjective
        "Die Stadt hat das Gesetz schon 2019 beschlossen.",  # ... before a noun
    ],
)
def test_a_sentence_that_stands_on_its_own(sentence: str) -> None:
    assert not refers_back(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Er kündigte weitere Gespräche an.",  # a pronoun for a person named before
        "Ihr Sprecher nannte die Schätzung geschönt.",  # a possessive's owner
        "Der 48-Jährige bestritt die Tat.",  # a description of a person named before
        "Jeder Tag früher helfe den Betrieben.",  # reported speech without a speaker
        "Demnach fehlen rund 300 Lehrkräfte.",  # a conclusion from the sentence before
        "„Wir müssen die Zahlen senken.“",  # a quotation without its speaker
        "Ähnlich argumentierte die Opposition.",  # like whom? the sentence before says
        "Weiter hieß es, der Präsident isoliere sich.",  # goes on with a statement
        # a pronoun after a longer opening phrase
        "Gemeinsam mit den Vereinten Nationen hatte er eine Konferenz organisiert.",
        # "das" as a pronoun, before a particle: what was done before
        "Andere Städte hatten das bereits beschlossen.",
        "Wer das nicht kann, muss sich testen lassen.",
        "Die Stadt hat das schon 2019 beschlossen.",
    ],
)
def test_a_person_or_a_claim_told_before(sentence: str) -> None:
    assert refers_back(sentence)


def test_reported_speech_with_its_speaker_stands_alone() -> None:
    assert not refers_back("Jeder Tag früher helfe den Betrieben, sagte die Ministerin.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Auch die Grünen stimmten zu.", True),
        ("Die Stadt will zudem Radwege bauen.", True),
        ("Auch wenn es regnet, findet der Markt statt.", False),
        ("Die Stadt baut Radwege.", False),
    ],
)
def test_a_sentence_adding_to_a_fact_before_it(sentence: str, expected: bool) -> None:
    assert adds_to(sentence) is expected
