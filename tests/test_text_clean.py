"""digest.text.clean: what an article shows once read: no hidden characters, plain links only."""

from __future__ import annotations

import pytest

from digest.text.clean import clean_text, safe_link


def test_clean_text_drops_direction_controls_and_keeps_lines() -> None:
    assert clean_text("Seefest \u202ereknärT\u202c lockt\n\tBesucher\x00\x1b") == \
        "Seefest reknärT lockt\n\tBesucher"  # fmt: skip


def test_clean_text_keeps_german_typography() -> None:
    text = "„Das Wichtigste“ – kurz: 1,8 Mio. € für die Brücke…"
    assert clean_text(text) == text


@pytest.mark.parametrize(("url", "safe"), [
    ("https://www.lindenau.example/a?b=1#c", "https://www.lindenau.example/a?b=1#c"),
    ("HTTPS://Lindenau.Example/a", "https://lindenau.example/a"),
    ("https://bücherei.example/", "https://xn--bcherei-n2a.example/"),
    ("https://lindenau.example:8443/x", "https://lindenau.example:8443/x"),
    ("http://[::1]:8080/vorschau", "http://[::1]:8080/vorschau"),
    ("mailto:redaktion@lindenau.example", "mailto:redaktion@lindenau.example"),
    ("https://paypal.com@evil.example/login", None),
    ("https://user:pw@lindenau.example/", None),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None),
    ("data:text/html;base64,PHNjcmlwdD4=", None), ("//evil.example/", None),
    ("https://lindenau.example/\u202eexe.pdf", None), ("https://evil.example/\x00", None),
    ("https://lindenau.example/a b", None), ("https://:80/", None),
    ("https://lindenau.example:99999/", None), ("", None), (None, None),
])  # fmt: skip
def test_safe_link(url: str | None, safe: str | None) -> None:
    assert safe_link(url) == safe
