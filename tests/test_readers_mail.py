"""Mail details: subjects, recipients, flowed text, signatures, the part chosen."""

from __future__ import annotations

from digest.models import Article, Recipient
from digest.parse import parse_articles
from digest.parse.newsletter import read_newsletter
from digest.readers.mail import read, unflow
from digest.readers.mailheaders import clean_subject, decode_header, raw_headers
from tests.newsletter_files import NEWSLETTERS


def _articles(mail: bytes) -> list[Article]:
    (document,) = read(mail, "k.eml")
    return parse_articles(document)


def _part(mail: bytes) -> str:
    (document,) = read(mail, "k.eml")
    return read_newsletter(document).part


def _mail(headers: bytes, body: bytes, content_type: bytes = b"text/plain; charset=utf-8") -> bytes:
    return (
        b"From: Kreisblatt <info@kreisblatt.example>\r\nTo: leser@example.org\r\n" + headers
        + b"\r\nMIME-Version: 1.0\r\nContent-Type: " + content_type + b"\r\n\r\n" + body
    )  # fmt: skip


LETTER = (
    "Der Kreistag hat am Abend den Neubau der Berufsschule beschlossen. Die Schule soll "
    "bis 2029 fertig sein und achthundert Plätze bieten. Die Kosten trägt zu einem Drittel "
    "das Land, den Rest teilen sich Kreis und Stadt."
)


def test_malformed_rfc2047_subject_is_decoded() -> None:
    # Spaces and raw UTF-8 inside the encoded word, and "?" right before "?=".
    raw = "=?UTF-8?Q?FWD: Ärger über lange Wartezeiten??=".encode()
    assert decode_header(raw) == "FWD: Ärger über lange Wartezeiten?"
    recipient = Recipient(frozenset(), frozenset())
    assert clean_subject(decode_header(raw), recipient) == "Ärger über lange Wartezeiten?"


def test_adjacent_encoded_words_join_without_the_blank_between() -> None:
    raw = b"=?iso-8859-1?Q?N=E4chste_Woche:?= =?utf-8?B?IFRyZWZmZW4=?="
    assert decode_header(raw) == "Nächste Woche: Treffen"


def test_raw_cp1252_subject_never_shows_a_replacement_character() -> None:
    raw = "Höchstgeschwindigkeit – neue Regeln".encode("cp1252")
    assert decode_header(raw) == "Höchstgeschwindigkeit – neue Regeln"
    mail = _mail(b"Subject: " + raw, LETTER.encode("cp1252"), b"text/plain; charset=windows-1252")
    article = _articles(mail)[0]
    assert article.title == "Höchstgeschwindigkeit – neue Regeln"
    assert "\ufffd" not in article.title + article.body


def test_format_flowed_is_rejoined_into_paragraphs() -> None:
    flowed = "Der Kreistag hat am Abend den \r\nNeubau beschlossen.\r\n\r\n-- \r\nGruß"
    assert unflow(flowed) == "Der Kreistag hat am Abend den Neubau beschlossen.\n\n-- \nGruß"
    words = LETTER.split()
    body = " \r\n".join(" ".join(words[i : i + 6]) for i in range(0, len(words), 6)).encode()
    mail = _mail(b"Subject: Berufsschule kommt", body, b"text/plain; charset=utf-8; format=flowed")
    article = _articles(mail)[0]
    assert article.body == LETTER


def test_crlf_signature_is_cut() -> None:
    body = (
        LETTER + "\r\n\r\n-- \r\nKreisblatt GmbH, Am Markt 1\r\nAbmelden: https://k.example/ab\r\n"
    )
    mail = _mail(b"Subject: Berufsschule kommt", body.encode())
    article = _articles(mail)[0]
    assert article.body == LETTER


def test_subject_is_the_title_unless_generic() -> None:
    mail = _mail(b"Subject: Berufsschule kommt", LETTER.encode())
    assert _articles(mail)[0].title == "Berufsschule kommt"
    generic = _mail(b"Subject: Newsletter 12/2026", ("Neubau beschlossen\n\n" + LETTER).encode())
    assert _articles(generic)[0].title == "Neubau beschlossen"


def test_recipient_name_leaves_the_subject_and_address_the_text() -> None:
    body = "Hallo Fritz Meier,\n\n" + LETTER + " Ihre Adresse: leser@example.org."
    mail = _mail(b"Subject: Fritz Meier: Berufsschule kommt", body.encode())
    article = _articles(mail)[0]
    assert article.title == "Berufsschule kommt"
    assert "leser@example.org" not in article.body and "Fritz" not in article.body


def test_html_part_wins_over_a_stub_and_plain_over_a_wrapper() -> None:
    html = f"<html><body><h2>Neubau beschlossen</h2><p>{LETTER}</p></body></html>"
    alternative = (
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n"
        b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode() + b"\r\n--b--\r\n"
    )
    ctype = b'multipart/alternative; boundary="b"'
    stub = alternative.replace(b"{plain}", b"Bitte im Browser lesen: https://k.example/nl")
    assert _part(_mail(b"Subject: Kreisblatt", stub, ctype)) == "html"
    same = alternative.replace(b"{plain}", ("Neubau beschlossen\n\n" + LETTER).encode())
    assert _part(_mail(b"Subject: Kreisblatt", same, ctype)) == "plain"


def test_headers_are_unfolded() -> None:
    headers = raw_headers(b"Subject: Erste Zeile\r\n zweite Zeile\r\nTo: a@b.example\r\n\r\nText")
    assert headers["subject"] == [b"Erste Zeile zweite Zeile"]


def test_hard_wrapped_72_column_mail_keeps_headings_and_every_sentence() -> None:
    body = (NEWSLETTERS / "plain_72.txt").read_text("utf-8")
    assert max(len(line) for line in body.splitlines()) <= 72
    articles = _articles(_mail(b"Subject: Neust\xc3\xa4dter Wochenbrief", body.encode()))
    assert [a.title for a in articles] == [
        "Neues Radwegenetz für die Innenstadt", "Streit um die Grundschule am Hang",
    ]  # fmt: skip
    # No wrapped line became a heading, and no section lost a sentence with it.
    assert "##" not in articles[0].body and articles[0].body.endswith("Bedenken angemeldet.")
    assert articles[1].body.startswith("Eltern der Grundschule am Hang wehren sich gegen die")
    assert len(articles[0].items) == 4
