"""The real dev inputs, read from ../shared (never copied): what a German reader expects.

The bench (``bench/newsletter_bench.py``) prints the same per input; these tests
hold the outcomes that must not regress: stories with their headlines, items
counted, and no footer, ad, greeting or subscriber data in anything shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import NotNews
from digest.models import Article
from digest.parse import parse_articles
from digest.readers import read_bytes
from tests.conftest import CORPUS, SEEDS
from tests.newsletter_files import articles
from tests.newsletter_files import shown as _shown

REAL = CORPUS / "real-inputs-dev"


@pytest.fixture
def real() -> Path:
    """Return the folder of real inputs, or skip when it is not there."""
    if not REAL.is_dir():
        pytest.skip("real inputs not available")
    return REAL


def _parse(real: Path, name: str) -> list[Article]:
    return articles(real / name)


def test_company_newsletter_html_gives_its_five_stories(real: Path) -> None:
    articles = _parse(real, "eml/tine20-mw_newsletter_multipart_related.eml")
    assert [a.title for a in articles] == [
        'Tine 2.0 Release "Joey" verfügbar', "Ecologic Institut baut auf Tine 2.0",
        "Lars Kneschke, Produktmanager Tine 2.0", "METAWAYS – Talent Day",
        "Metaways auf dem TYPO3Camp Regensburg",
    ]  # fmt: skip
    shown = _shown(articles)
    for residue in (
        "p.schuele",
        "Schüle",
        "registriert",
        "Impressum",
        "abbestellen",
        "Pickhuben",
        "iPod",
        "mehr info",
        "| |",
        "(Link:",
    ):
        assert residue not in shown  # fmt: skip
    assert all(a.body.strip() for a in articles)


def _ad(real: Path, name: str) -> list[Article]:
    """Return an ad mail's pieces as parsed, before it is left out as no news."""
    path = real / name
    with pytest.raises(NotNews, match="an advertisement, no news"):
        _parse(real, name)
    return [a for d in read_bytes(path.read_bytes(), path.name) for a in parse_articles(d)]


def test_malformed_subject_and_signature_of_an_ad_mail(real: Path) -> None:
    articles = _ad(real, "eml/tine20-24706.eml")
    assert articles[0].title.startswith("Ärgern Sie sich auch heimlich")
    assert "=?" not in articles[0].title and "FWD" not in articles[0].title
    assert "Schkortleben" not in _shown(articles)


def test_promotion_loses_recipient_name_address_and_small_print(real: Path) -> None:
    articles = _ad(real, "eml/tine20-Amazon2.eml")
    assert [a.title for a in articles] == ["Alles muss raus"]
    shown = _shown(articles)
    for residue in ("Fritz", "bugreports@", "Mehrwertsteuer", "Marketplace", "Herzliche"):
        assert residue not in shown


@pytest.mark.parametrize(
    ("name", "title", "gone"),
    [
        # The subject holds the body's headline and says more; the service block goes.
        ("tine20-multipart_alternative.eml", "Kondome im Test: Fast schon perfekt",
         ("Zum Test", "http", "Lützowplatz")),
        # QP-decoded "-- \r\n" still cuts the signature; a template placeholder goes.
        ("tine20-meetup.eml", "Nächste Woche: HH.js Meetup", ("PO Box", "{TITLE}", "Klicke hier")),
    ],
)
def test_one_story_mail_titled_by_its_subject_without_furniture(
    real: Path, name: str, title: str, gone: tuple[str, ...]
) -> None:
    articles = _parse(real, f"eml/{name}")
    assert [a.title for a in articles] == [title]
    assert [g for g in gone if g in _shown(articles)] == []


def test_flattened_morning_briefing_gives_its_numbered_items(real: Path) -> None:
    articles = _parse(real, "text/zeit-morgen-2021-10-01-excerpt.txt")
    items = [i.text for a in articles for i in a.items]
    assert [i.split(" – ")[0] for i in items[:5]] == [
        "Frisches Geld", "Flüchtiger Wert", "Illegale Finanzen", "Alte Schuld",
        "Aktuelle Corona-Zahlen",
    ]  # fmt: skip
    assert not any(a.body for a in articles)  # nothing left over as a story
    assert "Guten Morgen" not in _shown(articles)


def test_member_newsletter_in_markdown(real: Path) -> None:
    articles = _parse(real, "text/unyt-newsletter-2024-03-de.md")
    stories = [a for a in articles if a.body]
    assert len(stories) == 4 and len(articles[0].items) == 3
    shown = _shown(articles)
    assert "**" not in shown and "](" not in shown and "Liebe Freunde" not in shown


def test_web_version_with_header_ad_and_share_lines(real: Path) -> None:
    articles = _parse(real, "text/checkpoint-2021-03-09-excerpt.txt")
    assert len(articles) == 1 and "Giffey" in articles[0].title
    shown = _shown(articles)
    for residue in ("szmtag", "Reklame", "Teilen:", "Browser", "Probieren Sie"):
        assert residue not in shown


@pytest.mark.parametrize(("name", "items"), [("000_591f463e28f3d127.txt", 7),
                                             ("004_a261aa18363d7579.txt", 0)])  # fmt: skip
def test_seed_newsletter_keeps_its_story_and_items(name: str, items: int) -> None:
    articles = _parse(SEEDS, name)
    assert len(articles) == 1 and len(articles[0].items) == items
    assert "Abonniere" not in _shown(articles)
