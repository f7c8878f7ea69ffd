"""Saved pages read by their structure: widgets removed, the lead kept, the article whole.

Fixtures are pages we wrote (``tests/data/pages/``); each boilerplate block names its
kind by markup, not by a site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import SkipFile
from digest.models import Article
from digest.parse import parse_document, parse_documents
from digest.readers.html import _tree, read_html
from digest.readers.pagerules import RULES
from digest.readers.pagetree import prune

DATA = Path(__file__).parent / "data" / "pages"
WIDGETS = (DATA / "widgets.html").read_text(encoding="utf-8")
PARAGRAPH = (
    "Der Stadtrat von Lindenau hat am Dienstagabend nach langer Debatte den Haushalt für das"
    " kommende Jahr beschlossen, mit Mehrausgaben für Schulen, Radwege und die Fähre. "
)


def article_of(html: str) -> Article:
    return parse_document(read_html(html, "seite.html"))


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Haushalt beschlossen</title>{head}</head><body>{body}</body></html>"


# (what the block is, text of it that must not reach the body)
WIDGET_BLOCKS = [
    ("promotion with a sign-up form", "Jeden Freitag das Wichtigste"),
    ("newsletter box heading", "Der Lindenau-Brief"),
    ("consent placeholder of an embed", "Externer Inhalt"),
    ("poll", "Soll Lindenau mehr Geld"),
    ("teaser list and its heading", "Weitere Artikel aus Lindenau"),
    ("teaser list", "Brückenfest zieht Tausende an"),
    ("teaser cards", "Neue Grundschule am Stadtpark"),
    ("author bio", "schreibt seit 2019 für das Ortsblatt"),
    ("editorial note", "Transparenzhinweis"),
    ("caption written as a heading", "Der alte Steg am Nordufer bei Niedrigwasser"),
    ("caption", "seit dem Winter gesperrt"),
    ("header subtitle", "Anleger für 2,4 Millionen Euro"),
    ("header leftovers: reading time", "Lesezeit"),
    ("sharing bar", "Mailen"),
    ("breadcrumb", "Start"),
]


@pytest.mark.parametrize(("kind", "text"), WIDGET_BLOCKS)
def test_widgets_never_reach_the_body(kind: str, text: str) -> None:
    article = article_of(WIDGETS)
    assert text not in article.body, kind


def test_the_pruned_blocks_are_named_by_what_they_are() -> None:
    reasons = {reason for reason, _ in prune(_tree(WIDGETS), RULES)}
    assert {"promo", "consent", "widget", "link list", "bio", "caption", "caption heading",
            "header", "meta"} <= reasons  # fmt: skip


def test_every_paragraph_of_the_article_stays() -> None:
    article = article_of(WIDGETS)
    assert [p[:25] for p in article.body.split("\n\n")] == [
        "Der Stadtrat hat den Neub",  # the lead, recovered
        "Nach einer Debatte von fa",
        "Der neue Anleger soll aus",
        "Kritik kam von der Frakti",
        "Die Bauarbeiten sollen im",
        "Der Fährbetrieb ist für v",
    ]
    # "Newsletter" mid-sentence and a paragraph ending in a credit are the article.
    assert "der Newsletter der Stadtverwaltung habe" in article.body
    assert article.body.endswith("mehr als doppelt so viele (Ob, mit dpa)")


def test_header_of_the_widget_page() -> None:
    article = article_of(WIDGETS)
    assert article.title == "Fährhafen Lindenau bekommt einen neuen Steg"
    assert article.kicker == "Nach dem Streit im Rat"
    assert article.dateline == "Lindenau"  # the lead's place, in an element of its own
    # JSON-LD names only the outlet; the visible byline names the person.
    assert article.authors == ["Anna Beispiel"]


def test_lead_matching_the_description_is_recovered_only_where_visible() -> None:
    lead = (
        "Mehr Geld für Schulen und Radwege: Der Rat beschließt den Haushalt für 2027"
        " mit knapper Mehrheit."
    )
    head = f'<meta property="og:description" content="{lead}">'
    text = f"<p>{PARAGRAPH * 3}</p>"
    shown = f'<h1>Haushalt beschlossen</h1><div class="intro teaser">{lead}</div>{text}'
    assert article_of(page(shown, head)).body.startswith(lead)
    # The description alone, shown nowhere on the page, is no lead.
    hidden = f"<h1>Haushalt beschlossen</h1>{text}"
    assert "knapper Mehrheit" not in article_of(page(hidden, head)).body
    # Nor is a caption or a link that happens to repeat it.
    linked = f'<h1>Haushalt beschlossen</h1><a href="/x"><span>{lead}</span></a>{text}'
    figure = f"<figure><figcaption>{lead}</figcaption></figure>"
    captioned = f"<h1>Haushalt beschlossen</h1>{figure}{text}"
    for body in (linked, captioned):
        assert "knapper Mehrheit" not in article_of(page(body, head)).body
    # Text the extractor kept is not added twice.
    kept = f"<h1>Haushalt beschlossen</h1><p>{lead}</p>{text}"
    assert article_of(page(kept, head)).body.count("knapper Mehrheit") == 1


def test_a_rubric_badge_faq_above_the_headline_keeps_the_whole_article() -> None:
    # The badge reads like the heading of a trailing FAQ section; cutting there lost the page.
    body = (
        '<article><div class="badge">FAQ</div><h1>Was der neue Haushalt für Familien bedeutet</h1>'
        + "".join(f"<p>{PARAGRAPH}Absatz {i}.</p>" for i in range(6))
        + "</article>"
    )
    article = article_of(page(body))
    assert article.body.count("Der Stadtrat von Lindenau") == 6


def test_a_trailing_faq_or_source_section_is_cut() -> None:
    body = (
        "<article><h1>Haushalt beschlossen</h1>"
        + "".join(f"<p>{PARAGRAPH}Absatz {i}.</p>" for i in range(4))
        + "<div class='box-title'>Verwendete Quellen</div>"
        "<ul><li>Eigene Recherche</li><li>Sitzung des Stadtrats vom Dienstag</li></ul>"
        "</article>"
    )
    article = article_of(page(body))
    assert article.body.count("Der Stadtrat von Lindenau") == 4
    assert "Eigene Recherche" not in article.body and "Quellen" not in article.body


def test_a_page_without_text_gives_a_clear_skip_reason() -> None:
    with pytest.raises(SkipFile, match="no main content found in the HTML page"):
        read_html(page(""), "leer.html")
    # Only a menu link and a credit: no running text, so no article either.
    for body in ("<nav><a href='/a'>Start</a></nav>", "<h1>Titel</h1><p>Foto: Max Bildner</p>"):
        with pytest.raises(SkipFile, match="no article text found"):
            parse_documents([read_html(page(body), "x.html")])
