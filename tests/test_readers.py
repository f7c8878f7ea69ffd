"""Each reader turns its kind of file into articles of the same shape, or skips it."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import pytest

from digest.api import parse
from digest.errors import SkipFile
from digest.parse import parse_documents
from digest.readers import read_bytes

DATA = Path(__file__).parent / "data" / "parse"


def read(name: str) -> list:  # type: ignore[type-arg]
    return parse_documents(read_bytes((DATA / name).read_bytes(), name))


def test_text_cp1252_without_mojibake() -> None:
    article = parse((DATA / "cp1252.txt").read_bytes(), filename="cp1252.txt")
    assert article.title == "Titel mit ä und ß"
    assert "enthält Umlaute wie ö und ü" in article.body and "€" in article.body
    assert "Ã" not in article.body


def test_text_with_bom_and_cr_line_ends() -> None:
    article = parse((DATA / "bom_cr.txt").read_bytes(), filename="bom_cr.md")
    assert article.title == "Titel mit BOM"
    assert article.body.startswith("Der Text beginnt")


def test_utf8_crlf_text() -> None:
    article = parse("Titel\r\n\r\nEin Absatz über den Ort.\r\n".encode(), filename="a.txt")
    assert (article.title, article.body) == ("Titel", "Ein Absatz über den Ort.")


def test_html_page_metadata_structure_and_no_caption() -> None:
    (article,) = read("page.html")
    assert article.title == "Neue Fähre verbindet die Inseln"
    assert article.kicker == "Schifffahrt"
    assert article.dateline == "Kiel (dpa)"
    assert article.published == dt.datetime.fromisoformat("2024-06-03T07:45:00+02:00")
    assert article.authors == ["Greta Erdacht", "Piet Ausgedacht"]
    assert article.source.name == "Küstenbote"
    assert "## Was Fahrgäste wissen müssen" in article.body
    assert "- Hunde dürfen an der Leine mitfahren." in article.body
    for fragment in ("Hafenamt", "Impressum", "Startseite", "Mehr zum Thema"):
        assert fragment not in article.body


def test_eml_prefers_real_plain_text() -> None:
    (article,) = read("plain.eml")
    assert article.source.name == "Der Morgen – Lokalnachrichten"
    assert article.title == "Der Morgen: Neue Fähre und gesperrte Brücke"
    assert article.published == dt.datetime.fromisoformat("2024-06-03T06:30:00+02:00")
    assert len(article.items) == 2
    assert "Guten Morgen" not in article.body and "https://" not in article.body
    assert "Die Reederei spricht von einem Meilenstein" in article.body  # unwrapped


def test_eml_with_stub_plain_part_reads_the_html() -> None:
    (article,) = read("html_only.eml")
    assert article.source.name == "Stadtblatt"
    assert article.title == "Rathaus bekommt ein Solardach"
    assert article.body.startswith("Das Rathaus der Stadt")
    assert "|" not in article.body and "Browser" not in article.body


def test_mbox_reads_every_message() -> None:
    articles = read("two.mbox")
    assert [a.source.name for a in articles] == ["Der Morgen – Lokalnachrichten", "Stadtblatt"]


def test_jsonl_one_article_per_line_bad_lines_skipped() -> None:
    first, second = read("articles.jsonl")
    assert (first.title, first.dateline, first.authors) == (
        "Neue Fähre verbindet die Inseln", "Kiel (dpa)", ["Greta Erdacht"],
    )  # fmt: skip
    assert first.source.url == "https://example.org/faehre"
    assert second.source.name == "Stadtblatt"
    assert second.authors == ["Lea Muster", "Tom Beispiel"]
    assert second.published is not None and second.published.tzinfo is not None
    assert "Der Gemeinderat stimmte zu." in second.body


def test_gzipped_inputs_read_like_the_plain_ones() -> None:
    for name in ("articles.jsonl", "two.mbox"):
        data = gzip.compress((DATA / name).read_bytes())
        packed = parse_documents(read_bytes(data, f"{name}.gz"))
        plain = read(name)
        assert [(a.title, a.body) for a in packed] == [(a.title, a.body) for a in plain]
        assert {a.source.file for a in packed} == {f"{name}.gz"}


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"Titel\n\nText", "a.txt.gz", "not a valid gzip file"),
        (gzip.compress(b"Titel\n\nText")[:-12], "a.txt.gz", "not a valid gzip file"),
        (gzip.compress(b"Titel\n\n" + b"Wort " * 10_000), "a.txt.gz",
         "file too large when decompressed (more than 1,000 bytes)"),
        (gzip.compress(b"Titel\n\nText"), "a.gz", "unsupported file type '(none)'"),
        (gzip.compress(b"Titel\n\nText"), "a.pdf.gz", "unsupported file type '.pdf'"),
    ],
)  # fmt: skip
def test_unusable_gzipped_files_are_skipped_with_a_reason(
    data: bytes, name: str, reason: str
) -> None:
    with pytest.raises(SkipFile, match=re.escape(reason)):
        read_bytes(data, name, max_bytes=1000)


def test_a_mailbox_or_json_lines_file_may_hold_many_articles_past_the_limit() -> None:
    # The limit is for one article; a scraper's night in one file holds a hundred.
    data = gzip.compress((DATA / "articles.jsonl").read_bytes() * 30)
    assert len(read_bytes(data, "night.jsonl.gz", max_bytes=1000)) == 60
    with pytest.raises(SkipFile, match="too large"):
        read_bytes(gzip.compress(b"Titel\n\n" + b"Wort " * 400), "a.txt.gz", max_bytes=1000)


def test_jsonl_without_any_article_is_skipped() -> None:
    data = "\n".join(json.dumps(r) for r in ({"title": "x"}, [1, 2], "text")).encode()
    with pytest.raises(SkipFile, match="no line holds"):
        read_bytes(data, "x.jsonl")


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "a.txt", "empty file"),
        (b"  \n\n ", "a.md", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "a.txt", "binary"),
        (b"Titel", "a.pdf", "unsupported file type '.pdf'"),
        (b"Titel", "README", "unsupported file type '(none)'"),
        (b"<html><body></body></html>", "a.html", "no main content"),
        (b"Subject: x\n\n", "a.eml", "no text/plain or text/html"),
        (b"no headers at all", "a.eml", "not an email message"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(SkipFile, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_bytes(data, name)


def test_double_encoded_utf8_is_repaired() -> None:
    text = "Titel\n\nDie Gärten sind „schön“ – sagt Straßer. Übermorgen öffnet die Ölmühle."
    article = parse(text.encode("utf-8").decode("cp1252").encode("utf-8"), filename="a.txt")
    assert "Gärten sind „schön“" in article.body and "Ölmühle" in article.body


def test_utf16_text_with_bom() -> None:
    article = parse("Titel\r\n\r\nEin Absatz über Köln.".encode("utf-16"), filename="a.txt")
    assert (article.title, article.body) == ("Titel", "Ein Absatz über Köln.")


def test_single_part_html_mail_in_latin1() -> None:
    data = (
        b'From: "Blatt" <a@b.de>\nSubject: =?iso-8859-1?q?Gr=FC=DFe?=\n'
        b"Date: Tue, 04 Jun 2024 18:00:00 +0200\n"
        b"Content-Type: text/html; charset=iso-8859-1\n"
        b"Content-Transfer-Encoding: quoted-printable\n\n"
        b"<html><body><h1>Rathaus bekommt Solardach</h1><p>Das Rathaus bekommt bis zum Herbst "
        b"ein Solardach, das einen gro=DFen Teil des Stroms liefern soll. Der Rat stimmte zu.</p>"
        b"<p>Die Kosten liegen bei rund zweihunderttausend Euro, ein Teil kommt vom Land.</p>"
        b"</body></html>\n"
    )
    (article,) = parse_documents(read_bytes(data, "x.eml"))
    assert (article.title, article.source.name) == ("Rathaus bekommt Solardach", "Blatt")
    assert "einen großen Teil" in article.body


def test_plain_mail_in_latin1_uses_the_subject_when_there_is_no_headline() -> None:
    sentence = (
        "Der Rat hat heute ein Konzept für die Straßen beschlossen, um die Stadt zu beruhigen. "
    )
    data = (
        b"From: Blatt <a@b.de>\nSubject: Abendbrief\nContent-Type: text/plain; charset=iso-8859-1\n"
    )
    data += b"Content-Transfer-Encoding: 8bit\n\n" + (sentence * 4).encode("latin-1")
    (article,) = parse_documents(read_bytes(data, "y.eml"))
    assert article.title == "Abendbrief"
    assert article.body.startswith("Der Rat hat heute ein Konzept für die Straßen")


def test_markdown_front_matter_gives_title_date_authors_and_source() -> None:
    (article,) = read("front_matter.md")
    assert article.title == "Neue Radwege für die Altstadt"
    assert article.published is not None and article.published.hour == 8
    assert article.authors == ["Lea Muster", "Tom Beispiel"]
    assert (article.source.name, article.source.url) == (
        "Stadtblatt",
        "https://example.org/radwege",
    )
    assert article.body.startswith("Die Stadt baut") and "## Was sich ändert" in article.body


# One text in two scrapes that kept the page's source wrapping. In the first a space marks
# each soft break; in the second nothing does, but the lines that go on in lower case prove
# the wrapping, so "Der Ökonom Anton" is no heading but the start of a sentence.
_WRAPPED = (
    "Der Stadtrat von Neustadt hat am Montag den \n"
    "neuen Haushalt beschlossen. Der Ökonom Anton \n"
    "Beispiel nannte ihn solide, die Opposition \n"
    "stimmte dagegen und sprach von einem \n"
    "Haushalt der verpassten Chancen.\n"
    "Die Kämmerin rechnet mit einem Defizit von \n"
    "drei Millionen Euro und will die \n"
    "Gewerbesteuer nicht erhöhen."
)


@pytest.mark.parametrize(
    "text", [_WRAPPED, _WRAPPED.replace(" \n", "\n")], ids=["space-marked", "unmarked"]
)
def test_wrapped_scrape_reads_as_paragraphs(text: str) -> None:
    record = {"title": "Rat beschließt Haushalt", "text": text}
    article = parse(json.dumps(record).encode(), filename="scrape.jsonl")
    assert article.body == (
        "Der Stadtrat von Neustadt hat am Montag den neuen Haushalt beschlossen. Der Ökonom "
        "Anton Beispiel nannte ihn solide, die Opposition stimmte dagegen und sprach von einem "
        "Haushalt der verpassten Chancen.\n\n"
        "Die Kämmerin rechnet mit einem Defizit von drei Millionen Euro und will die "
        "Gewerbesteuer nicht erhöhen."
    )


def test_headings_with_a_stray_space_and_indented_paragraphs_stay_headings() -> None:
    text = (
        "Der Stadtrat von Neustadt hat am Montag den Haushalt beschlossen, mit knapper "
        "Mehrheit und nach langer Debatte.\n"
        "Die Opposition ist dagegen \n"
        " Die Fraktion der Opposition stimmte geschlossen gegen den Plan der Verwaltung.\n"
        "Was jetzt kommt\n"
        " Die Kämmerin will die Gewerbesteuer im kommenden Jahr nicht erhöhen.\n"
        "Wer bezahlt\n"
        " Die Bäder bleiben offen, die Eintrittspreise steigen um einen Euro."
    )
    record = {"title": "Rat beschließt Haushalt", "text": text}
    article = parse(json.dumps(record).encode(), filename="page.jsonl")
    headings = [b for b in article.body.split("\n\n") if b.startswith("## ")]
    assert headings == ["## Die Opposition ist dagegen", "## Was jetzt kommt", "## Wer bezahlt"]


def test_flowed_plain_mail_joins_its_soft_breaks() -> None:
    body = (
        "Guten Morgen,\n\n"
        "der Stadtrat von Neustadt hat am Montag den neuen \n"
        "Haushalt beschlossen. Bürgermeisterin Petra Beispiel sprach von \n"
        "einem Kompromiss.\n\n"
        "Die Kämmerin rechnet für das kommende Jahr mit einem Defizit von drei \n"
        "Millionen Euro. Die Gewerbesteuer soll trotzdem nicht steigen, die \n"
        "Eintrittspreise der Bäder aber um einen Euro.\n\n"
        "-- \n"
        "Ihre Redaktion\n"
        "Neustädter Bote, Marktplatz 1, 12345 Neustadt\n"
    )
    mail = (
        "From: Neustadt am Morgen <morgen@example.org>\n"
        "Subject: Rat beschließt Haushalt\n"
        "Date: Mon, 02 Mar 2026 06:00:00 +0100\n"
        "MIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="utf-8"; format=flowed\n'
        "Content-Transfer-Encoding: 8bit\n\n" + body
    )
    article = parse(mail.encode(), filename="morgen.eml")
    assert article.body == (
        "Der Stadtrat von Neustadt hat am Montag den neuen Haushalt beschlossen. "
        "Bürgermeisterin Petra Beispiel sprach von einem Kompromiss.\n\n"
        "Die Kämmerin rechnet für das kommende Jahr mit einem Defizit von drei Millionen "
        "Euro. Die Gewerbesteuer soll trotzdem nicht steigen, die Eintrittspreise der Bäder "
        "aber um einen Euro."
    )


def test_plain_mail_ends_at_its_signature_separator() -> None:
    mail = (
        "From: Neustadt am Morgen <morgen@example.org>\n"
        "Subject: Rat beschließt Haushalt\n"
        'Content-Type: text/plain; charset="utf-8"\n\n'
        "Guten Morgen,\n\n"
        "der Stadtrat von Neustadt hat am Montag den neuen Haushalt beschlossen. Die\n"
        "Bürgermeisterin sprach von einem Kompromiss, der die Schulen schone.\n\n"
        "Die Kämmerin rechnet mit einem Defizit von drei Millionen Euro. Die Steuer\n"
        "soll trotzdem nicht steigen, die Eintrittspreise der Bäder aber schon.\n\n"
        "-- \n"
        "Neustädter Bote, Marktplatz 1, 12345 Neustadt\n"
        "Abbestellen: Antworten Sie mit STOP\n"
    )
    article = parse(mail.encode(), filename="morgen.eml")
    assert article.body.endswith("die Eintrittspreise der Bäder aber schon.")
    assert "Marktplatz" not in article.body and "--" not in article.body




# Two wrapped newsletters: one broken at any word with its rubric in two lines, one whose
# soft breaks a space marks, the rubric line ending on a space too.
_BROKEN_LETTER = (
    "Guten Morgen,\n"
    "der Stadtrat von Neustadt hat am Montag den\n"
    "neuen Haushalt beschlossen, und die Opposition\n"
    "stimmte dagegen. Die Kämmerin rechnet mit\n"
    "einem Defizit von drei Millionen Euro.\n"
    "WAS\n"
    "HEUTE WICHTIG IST\n"
    "- Die Bäder der\n"
    "Stadt öffnen wieder am Samstag\n"
    "- Kultursenatorin\n"
    "Erika Muster wurde zur Präsidentin des Bühnenvereins gewählt\n"
)
_SOFT_LETTER = (
    "Guten Morgen,\n\n"
    "der Stadtrat von Neustadt hat am Montag den neuen \n"
    "Haushalt beschlossen, und die Opposition stimmte \n"
    "dagegen. Die Kämmerin rechnet mit einem Defizit von \n"
    "drei Millionen Euro.\n\n"
    "In aller Kürze \n"
    "- Die Bäder der Stadt öffnen wieder am Samstag\n"
    "- Kultursenatorin Erika Muster wurde zur Präsidentin des Bühnenvereins gewählt\n"
)


@pytest.mark.parametrize("text", [_BROKEN_LETTER, _SOFT_LETTER], ids=["broken", "soft"])
def test_wrapped_newsletter_keeps_its_rubric_and_whole_items(text: str) -> None:
    article = parse(text.encode(), filename="morgen.txt")
    assert [item.text for item in article.items] == [
        "Die Bäder der Stadt öffnen wieder am Samstag",
        "Kultursenatorin Erika Muster wurde zur Präsidentin des Bühnenvereins gewählt",
    ]
    assert article.body == (
        "Der Stadtrat von Neustadt hat am Montag den neuen Haushalt beschlossen, und die "
        "Opposition stimmte dagegen. Die Kämmerin rechnet mit einem Defizit von drei "
        "Millionen Euro."
    )


def test_a_markdown_heading_in_a_wrapped_text_stays_a_heading() -> None:
    text = _WRAPPED.replace(" \n", "\n").replace(
        "Haushalt der verpassten Chancen.\n", "Haushalt der verpassten\n## Wie es weitergeht\n"
    )
    record = {"title": "Rat beschließt Haushalt", "text": text}
    article = parse(json.dumps(record).encode(), filename="scrape.jsonl")
    assert "von einem Haushalt der verpassten\n\n## Wie es weitergeht\n\nDie Kämmerin" in (
        article.body
    )
