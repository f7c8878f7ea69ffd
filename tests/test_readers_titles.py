"""The headline by agreement: which of a page's titles the others confirm."""

from __future__ import annotations

import pytest

from digest.readers.html import _tree
from digest.readers.pagehead import headline
from digest.readers.pagemeta import page_meta
from digest.readers.pagerules import RULES, TitleWeights
from digest.readers.titles import Choice, choose_title, slug_words, strip_site, tidy_title

EVEN = TitleWeights(ld=1, og=1, twitter=1, h1=1, page=1, slug=1, part=0.5)  # agreement alone


def choose(
    ld: str = "", og: str = "", twitter: str = "", h1: str = "", page: str = "",
    url: str = "", sites: tuple[str, ...] = (), weights: TitleWeights = EVEN,
) -> Choice:  # fmt: skip
    titles = {"ld": ld, "og": og, "twitter": twitter, "h1": h1, "page": page}
    return choose_title(titles, ("", ""), slug_words(url), list(sites), weights)


@pytest.mark.parametrize("weights", [EVEN, RULES.titles])
def test_the_title_most_sources_state_wins_over_a_single_one(weights: TitleWeights) -> None:
    agreed = "Fährhafen bekommt neuen Steg"
    choice = choose(
        ld="Neuer Steg im Fährhafen nach Ratsstreit", og=agreed, twitter=agreed, h1=agreed,
        page=f"{agreed} | Ortsblatt", weights=weights,
    )  # fmt: skip
    assert choice.title == agreed
    assert "Neuer Steg im Fährhafen nach Ratsstreit" in choice.aliases


@pytest.mark.parametrize("weights", [EVEN, RULES.titles])
def test_the_declared_headline_wins_when_the_page_title_and_url_confirm_it(
    weights: TitleWeights,
) -> None:
    declared = "Stadtwerke senken den Strompreis für alle Kunden"
    seo = "Strompreis: Stadtwerke Lindenau werden günstiger"
    choice = choose(
        ld=declared, og=seo, twitter=seo, h1=declared, page=f"{declared} - Ortsblatt",
        url="https://ortsblatt.de/wirtschaft/stadtwerke-senken-den-strompreis-fuer-alle-kunden-12",
        sites=("Ortsblatt",), weights=weights,
    )  # fmt: skip
    assert choice.title == declared


def test_normalised_comparison_ignores_case_punctuation_and_spacing() -> None:
    # The <h1> runs kicker and headline together; og:title sets a colon between them.
    choice = choose(
        ld="Neuer Steg", og="Nach dem Streit im Rat: Fährhafen bekommt neuen Steg",
        h1="Nach dem Streit im Rat Fährhafen bekommt  neuen Steg",
    )  # fmt: skip
    assert choice.title == "Nach dem Streit im Rat: Fährhafen bekommt neuen Steg"


def test_the_url_slug_votes_for_the_title_it_spells() -> None:
    ld, og = "Neuer Steg im Fährhafen", "Fährhafen bekommt neuen Steg"
    url = "https://zeitung.de/region/faehrhafen-bekommt-neuen-steg-1234.html"
    assert choose(ld=ld, og=og, url=url).title == og
    assert choose(ld=og, og=ld, url=url).title == og
    # Umlauts may stand as a bare vowel.
    assert choose(ld=ld, og=og, url="https://zeitung.de/fahrhafen-bekommt-neuen-steg").title == og


def test_kicker_split_by_the_headlines_markup() -> None:
    # <h1><span>Kicker</span><span>Headline</span></h1>: metadata agree on the headline alone.
    html = (
        '<html><head><meta property="og:title" content="Fährhafen bekommt neuen Steg">'
        '</head><body><h1><span class="a">Nach dem Streit im Rat</span>'
        '<span class="b">Fährhafen bekommt neuen Steg</span></h1></body></html>'
    )
    assert headline(_tree(html)) == (
        "Nach dem Streit im Rat Fährhafen bekommt neuen Steg", "Nach dem Streit im Rat",
        "Fährhafen bekommt neuen Steg",
    )  # fmt: skip
    meta = page_meta(html, headline(_tree(html)), RULES.titles)
    assert (meta.title, meta.kicker) == ("Fährhafen bekommt neuen Steg", "Nach dem Streit im Rat")


def test_kicker_split_by_the_colon_pattern() -> None:
    # One title prints "Kicker: Headline", the others only the headline: the kicker is kept.
    steg = "Fährhafen bekommt neuen Steg"
    choice = choose(ld=steg, og=f"Nach dem Streit im Rat: {steg}", h1=steg)
    assert (choice.title, choice.kicker) == (steg, "Nach dem Streit im Rat")
    # A short first part is no headline of its own: "Kultur: Ein Titel" stays whole.
    assert choose(h1="Kultur : Ein Titel").title == "Kultur: Ein Titel"


@pytest.mark.parametrize(
    ("title", "others", "expected"),
    [
        ("Titel aus dem Rathaus | Börsen-Zeitung", [], "Titel aus dem Rathaus"),
        ("Titel aus dem Rathaus - Ortsblatt", [], "Titel aus dem Rathaus"),  # the site's name
        ("Titel aus dem Rathaus - Landkreis Neustadt - SZ.de", ["Titel aus dem Rathaus"],
         "Titel aus dem Rathaus"),  # a web address, then a tail the others do without
        ("Titel aus dem Rathaus – news.ORTSBLATT.at", [], "Titel aus dem Rathaus"),
        # a subtitle no other title lacks is no site name
        ("Bericht: Frau tot - Justiz dementiert", [], "Bericht: Frau tot - Justiz dementiert"),
        ("Bericht: Frau tot - Justiz dementiert", ["Bericht: Frau tot - Justiz dementiert"],
         "Bericht: Frau tot - Justiz dementiert"),
    ],
)  # fmt: skip
def test_site_names_are_removed_generally(title: str, others: list[str], expected: str) -> None:
    assert strip_site(title, ["Ortsblatt"], others) == expected


def test_title_spacing_is_tidied() -> None:
    assert tidy_title("Kultur :  Was lesen wir , und wie") == "Kultur: Was lesen wir, und wie"
    # A score keeps its spaces; a year before a colon does not.
    assert tidy_title("Lindenau schlägt Auental 3 : 1") == "Lindenau schlägt Auental 3 : 1"
    assert tidy_title("Pokal 3 : 1 , Jubel") == "Pokal 3 : 1, Jubel"
    assert tidy_title("Haushalt 2025 : Was sich ändert") == "Haushalt 2025: Was sich ändert"


def test_no_title_gives_an_empty_choice() -> None:
    assert choose() == Choice("", "", ())
