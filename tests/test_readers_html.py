"""Page metadata: headline, time and authors from JSON-LD and meta tags."""

from __future__ import annotations

import datetime as dt
import json

from digest.readers.html import _authors, _trafilatura_authors, _tree
from digest.readers.pagehead import headline
from digest.readers.pagemeta import PageMeta
from digest.readers.pagemeta import page_meta as read_meta
from digest.readers.pagerules import RULES


def page_meta(html: str) -> PageMeta:
    """Read a page's metadata as the reader does: the headline's parts from its tree."""
    return read_meta(html, headline(_tree(html)), RULES.titles)


def page(ld: object, head: str = "", body: str = "<h1>Sichtbarer Titel</h1>") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return f"<html><head>{head}{script}</head><body>{body}</body></html>"


def test_json_ld_article_in_a_graph() -> None:
    ld = {"@graph": [
        {"@type": "WebPage", "name": "Seite"},
        {"@type": ["NewsArticle"], "headline": "Titel &amp; Sache",
         "datePublished": "2024-04-27T07:39:18.751+0200",
         "author": [{"name": "Anna Muster (am)"}, [{"@type": "Person", "name": "Ben Beispiel"}]]},
    ]}  # fmt: skip
    meta = page_meta(page(ld))
    assert meta.title == "Titel & Sache"
    assert meta.published == dt.datetime(2024, 4, 27, 7, 39, 18, 751000,
                                         tzinfo=dt.timezone(dt.timedelta(hours=2)))  # fmt: skip
    assert meta.authors == ["Anna Muster", "Ben Beispiel"]


def test_author_string_with_several_names() -> None:
    meta = page_meta(page({"@type": "Article", "headline": "T", "author": "A B und C D, dpa"}))
    assert meta.authors == ["A B", "C D", "dpa"]


def test_meta_tags_when_there_is_no_json_ld() -> None:
    head = ('<meta property="og:title" content="Ein Titel | Zeitung">'
            '<meta name="article:published:time" content="2024-10-23T15:48:15+00:00">')  # fmt: skip
    meta = page_meta(page(None, head + '<meta property="og:site_name" content="Zeitung">'))
    assert meta.title == "Ein Titel"
    assert meta.published == dt.datetime(2024, 10, 23, 15, 48, 15, tzinfo=dt.UTC)


def test_broken_json_ld_is_ignored() -> None:
    html = '<script type="application/ld+json">{"headline": </script><h1>Nur H1</h1>'
    assert page_meta(html).title == "Nur H1"


def test_outlet_as_author_gives_way_to_a_byline() -> None:
    sites = ["STERN.de", "www.stern.de"]
    assert _authors(["STERN.de"], _trafilatura_authors("Capital Von Anna Muster"), sites) == [
        "Anna Muster"
    ]
    assert _authors(["ORF.at"], ["Red", "ORF at"], ["news.ORF.at"]) == ["ORF.at"]
    assert _authors([], ["Anna Muster"], sites) == ["Anna Muster"]
    # An outlet in capitals or as a web address is no person either; beside one it stays.
    assert _authors(["ORTSBLATT"], ["Anna Muster"], []) == ["Anna Muster"]
    assert _authors(["Anna Muster", "ortsblatt.de"], [], []) == ["Anna Muster", "ortsblatt.de"]


def test_kicker_from_markup_next_to_the_headline() -> None:
    body = '<div><span class="article-kicker">Schiff&shy;fahrt</span><h1>Neue Fähre</h1></div>'
    assert page_meta(page(None, body=body)).kicker == "Schifffahrt"
    assert page_meta(page(None, body="<h1>Ohne</h1>")).kicker == ""


def test_byline_links_next_to_the_headline() -> None:
    body = (
        '<h1>Titel</h1><p class="meta">von <a href="/autoren/name/anna-muster">Dr. Anna Muster'
        '</a> und <a href="/author/ben">Ben BEISPIEL</a> <a href="/autoren/">Alle Autoren</a></p>'
    )
    assert page_meta(page(None, body=body)).bylines == ["Dr. Anna Muster", "Ben BEISPIEL"]


def test_a_dateline_in_its_own_element_goes_to_the_dateline() -> None:
    from digest.parse import parse_document
    from digest.readers.html import read_html

    # A short lead sentence: as plain text "Lindenau. Die Fähre kommt." is no dateline.
    lead = (
        "Die Fähre kommt. Der Stadtrat von Lindenau hat am Montagabend nach langer Debatte"
        " beschlossen, die alte Fähre durch eine neue zu ersetzen und den Anleger zu sanieren."
    )
    more = "Die neue Fähre soll im Frühjahr kommen und doppelt so viele Fahrgäste tragen. " * 4
    body = (
        '<article><h1>Lindenau bekommt eine neue Fähre</h1><p class="intro">'
        f'<span class="ort">Lindenau.</span>&nbsp;\n  <span>{lead}</span></p><p>{more}</p>'
        "</article>"
    )
    article = parse_document(read_html(page(None, body=body), "seite.html"))
    assert article.dateline == "Lindenau"
    assert article.body.startswith(lead)


MORE = "<p>" + "Die neue Fähre soll im Frühjahr kommen und doppelt so viele Fahrgäste tragen. " * 4


def test_only_the_lead_paragraph_can_open_with_a_marked_up_dateline() -> None:
    from digest.parse import parse_document
    from digest.readers.html import read_html

    fazit = (
        "Die Fähre wird teurer als geplant, aber sie kommt, und darüber sind sich im Rat"
        " am Ende alle einig gewesen."
    )
    body = (
        "<article><h1>Lindenau bekommt eine neue Fähre</h1>"
        "<p>Der Stadtrat von Lindenau hat am Montagabend nach langer Debatte beschlossen,"
        f" die alte Fähre durch eine neue zu ersetzen.</p>{MORE}</p>"
        f"<p><span>Fazit.</span> {fazit}</p></article>"
    )
    article = parse_document(read_html(page(None, body=body), "seite.html"))
    assert article.dateline == ""
    assert f"Fazit. {fazit}" in article.body and "**Fazit.**" not in article.body


def test_a_run_in_heading_in_the_lead_paragraph_is_no_dateline() -> None:
    from digest.parse import parse_document
    from digest.readers.html import read_html

    lead = (
        "Der Stadtrat von Lindenau hat am Montagabend nach langer Debatte beschlossen,"
        " die alte Fähre durch eine neue zu ersetzen."
    )
    body = (
        "<article><h1>Lindenau bekommt eine neue Fähre</h1>"
        f"<p><strong>Bilanz.</strong> {lead}</p>{MORE}</p></article>"
    )
    article = parse_document(read_html(page(None, body=body), "seite.html"))
    assert article.dateline == ""
    assert "Bilanz." in article.body
