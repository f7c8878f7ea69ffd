"""HTML newsletters read into blocks before flattening."""

from __future__ import annotations

from digest.models import BOLD, HEADING, ITEM, LINK, PARAGRAPH
from digest.readers.blocks import html_blocks

LAYOUT = """<html><body>
<div style="display:none">Vorschau für den Posteingang</div>
<table><tr><td><h1>Rathaus-Report</h1></td><td>1. Dezember 2026</td></tr>
<tr><td><h2><a href="https://x.example/a">Neuer Kreisel an der Lindenallee</a></h2>
<p>Der Kreisverkehr ist fertig und seit Montag freigegeben.
<a href="https://x.example/a">Zum Artikel</a></p></td>
<td><p><b>Kurz:</b> Die Bücherei öffnet samstags.</p></td></tr></table>
<ol><li>Erster Punkt mit Text.</li><li>Zweiter Punkt mit Text.</li></ol>
<p><a href="https://x.example/b">Alle Meldungen</a></p>
<p><strong>Ganz fett und kurz</strong></p>
</body></html>"""


def test_table_cells_become_blocks_and_no_cell_separator_leaks() -> None:
    blocks = html_blocks(LAYOUT)
    assert all("|" not in b.text for b in blocks)
    assert [b.flat for b in blocks if b.kind == HEADING][:2] == [
        "Rathaus-Report", "Neuer Kreisel an der Lindenallee",
    ]  # fmt: skip


def test_hidden_preheader_is_not_read() -> None:
    assert not any("Vorschau" in b.text for b in html_blocks(LAYOUT))


def test_heading_level_and_link() -> None:
    heading = next(b for b in html_blocks(LAYOUT) if b.flat.startswith("Neuer Kreisel"))
    assert (heading.level, heading.href) == (2, "https://x.example/a")


def test_link_label_after_a_sentence_is_cut_and_kept_as_link() -> None:
    para = next(b for b in html_blocks(LAYOUT) if b.flat.startswith("Der Kreisverkehr"))
    assert para.text == "Der Kreisverkehr ist fertig und seit Montag freigegeben."
    assert (para.tail, para.href) == ("Zum Artikel", "https://x.example/a")


def test_link_inside_a_sentence_stays() -> None:
    blocks = html_blocks('<p>Die <a href="https://c.example">Computerwelt</a> berichtete.</p>')
    assert blocks[0].text == "Die Computerwelt berichtete." and blocks[0].tail == ""


def test_bold_lead_in_list_items_and_bare_links() -> None:
    blocks = html_blocks(LAYOUT)
    kurz = next(b for b in blocks if b.flat.startswith("Kurz:"))
    assert (kurz.kind, kurz.lead) == (PARAGRAPH, "Kurz:")
    entries = [b for b in blocks if b.kind == ITEM]
    assert [(e.marker, e.number) for e in entries] == [("number", 1), ("number", 2)]
    assert next(b for b in blocks if b.flat == "Alle Meldungen").kind == LINK
    assert next(b for b in blocks if b.flat == "Ganz fett und kurz").level == BOLD


def test_line_breaks_stay_inside_one_block() -> None:
    blocks = html_blocks("<td><p>Verlag GmbH<br>Marktstraße 5<br>12345 Neustadt</p></td>")
    assert [b.text for b in blocks] == ["Verlag GmbH\nMarktstraße 5\n12345 Neustadt"]


def test_unreadable_markup_gives_no_blocks() -> None:
    assert html_blocks("") == [] and html_blocks("   ") == []
