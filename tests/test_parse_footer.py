"""Boilerplate removed by block, with the recipient's data."""

from __future__ import annotations

from digest.models import HEADING, PARAGRAPH, Block, Recipient
from digest.parse.footer import clean, greeting_names, scrub
from digest.parse.textblocks import text_blocks

ANNA = Recipient(frozenset({"anna.beispiel@example.org"}), frozenset({"Anna", "Beispiel"}))
NOBODY = Recipient(frozenset(), frozenset())


def _texts(text: str, recipient: Recipient = NOBODY) -> list[str]:
    return [b.flat for b in clean(text_blocks(text), recipient).blocks]


def test_impressum_label_takes_its_address_lines_along() -> None:
    text = (
        "Die Stadt baut eine neue Brücke über den Fluss.\n\n"
        "Impressum\nHerausgeber: Verlag\nMarktstraße 5\n12345 Neustadt\nTelefon: 0123 45"
    )
    assert _texts(text) == ["Die Stadt baut eine neue Brücke über den Fluss."]


def test_registration_data_and_recipient_address_never_stay() -> None:
    blocks = [
        Block(PARAGRAPH, "Die Bücherei öffnet künftig auch am Samstag.", group=1),
        Block(
            PARAGRAPH, "Ihre Angaben: E-Mail anna.beispiel@example.org, Kundennummer 42", group=2
        ),
        Block(PARAGRAPH, "Sie sind mit folgenden Daten registriert: Anna Beispiel", group=3),
    ]
    kept = clean(blocks, ANNA).blocks
    assert [b.flat for b in kept] == ["Die Bücherei öffnet künftig auch am Samstag."]


def test_unsubscribe_and_browser_lines_go() -> None:
    text = (
        "Newsletter im Browser ansehen\n\n"
        "Der Rat hat den Haushalt beschlossen und die Steuern nicht erhöht.\n\n"
        "Sie erhalten diesen Newsletter, weil Sie ihn bestellt haben.\n\n"
        "Abmelden: https://x.example/ab"
    )
    assert _texts(text) == ["Der Rat hat den Haushalt beschlossen und die Steuern nicht erhöht."]


def test_ad_label_drops_the_ad_headline_and_text_but_not_the_next_story() -> None:
    blocks = [
        Block(PARAGRAPH, "Anzeige", group=1),
        Block(HEADING, "Winterreifen zum Aktionspreis", 3, group=2),
        Block(PARAGRAPH, "Sparen Sie zwanzig Prozent bei Autohaus Muster.", group=2),
        Block(HEADING, "Hallenbad bleibt geschlossen", 2, group=3),
        Block(PARAGRAPH, "Die Sanierung des Hallenbads dauert länger als geplant.", group=3),
    ]
    assert [b.flat for b in clean(blocks, NOBODY).blocks] == [
        "Hallenbad bleibt geschlossen", "Die Sanierung des Hallenbads dauert länger als geplant.",
    ]  # fmt: skip


def test_header_above_the_greeting_goes_and_the_greeting_names_the_recipient() -> None:
    text = (
        "Im Browser lesen\n\nDER MORGEN\n\nGuten Morgen, Anna Beispiel,\n\n"
        "heute beschließt der Rat den Haushalt für das nächste Jahr."
    )
    result = clean(text_blocks(text), NOBODY)
    assert [b.flat for b in result.blocks] == [
        "Heute beschließt der Rat den Haushalt für das nächste Jahr."
    ]
    assert result.names == {"Anna", "Beispiel"} and result.greeted


def test_greeting_of_a_group_names_nobody() -> None:
    assert greeting_names(" Leserinnen und Leser") == frozenset()
    assert greeting_names(" Herr Schmidt") == {"Schmidt"}


def test_sign_off_takes_the_signature_below_it() -> None:
    text = (
        "Der Rat tagt am Montag öffentlich.\n\nViele Grüße\n\nIhre Redaktion\nAm Ring 1, Neustadt"
    )
    assert _texts(text) == ["Der Rat tagt am Montag öffentlich."]


def test_link_label_tails_are_cut_from_real_lines() -> None:
    text = (
        "Die Bahn bestellt neue Züge für die Region. » mehr info\n\n"
        "Der Zug fährt weiter nach Süden."
    )
    assert _texts(text) == [
        "Die Bahn bestellt neue Züge für die Region.", "Der Zug fährt weiter nach Süden.",
    ]  # fmt: skip


def test_placeholder_and_share_lines_go() -> None:
    text = (
        "Wann: {TITLE}\n\nTeilen: auf Facebook teilen auf Twitter teilen\n\n"
        "Das Treffen ist am Montag."
    )
    assert _texts(text) == ["Das Treffen ist am Montag."]


def test_scrub_removes_address_and_vocative() -> None:
    text = (
        "Anna Beispiel, Ihre Angebote. Schreiben Sie an anna.beispiel@example.org "
        "oder an info@x.example."
    )
    assert scrub(text, ANNA) == "Ihre Angebote. Schreiben Sie an  oder an info@x.example."
