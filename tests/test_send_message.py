"""The MIME message: structure, encodings, line lengths, list headers, no header injection."""

from __future__ import annotations

import datetime as dt
import email
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from digest.config import MailConfig
from digest.models import Issue
from digest.send.message import (
    BuiltIssue,
    HeaderError,
    build_message,
    message_bytes,
    parse_recipient,
)

NOW = dt.datetime(2025, 12, 3, 6, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
MAIL = MailConfig(sender="Der Digest <digest@lindenauer-digest.de>")
TEXT = "Der Digest\n\nDie Brücke über die Saale ist wieder frei.\n"
HTML = '<html lang="de"><body class="x"><p>Die Brücke über die Saale.</p></body></html>'


def built(title: str = "Der Digest", html: str = HTML, text: str = TEXT) -> BuiltIssue:
    issue = Issue(date=dt.date(2025, 12, 3), locale="de_DE", title=title, stories=[])
    return BuiltIssue(folder=Path("."), issue=issue, html=html, text=text)


def wire(msg: EmailMessage) -> tuple[bytes, EmailMessage]:
    raw = message_bytes(msg)
    parsed = email.message_from_bytes(raw, policy=default)
    assert isinstance(parsed, EmailMessage)
    return raw, parsed


def test_structure_and_encoding() -> None:
    raw, msg = wire(build_message(built(), parse_recipient("Jörg Müller <jm@example.org>"), MAIL,
                                  now=NOW))  # fmt: skip
    assert msg["Subject"] == "Der Digest – Mittwoch, 3. Dezember 2025"
    assert msg["To"] == "Jörg Müller <jm@example.org>"
    assert msg["Date"] == "Wed, 03 Dec 2025 06:30:00 +0100"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in msg.iter_parts())
    assert raw.isascii() and b"Br=C3=BCcke" in raw
    assert "List-Unsubscribe" not in msg  # nothing configured, nothing invented


def test_no_line_over_78_even_for_a_huge_html_line() -> None:
    html = "<html><body>" + "<td>Straße</td>" * 2000 + "</body></html>"
    big = built(html=html)
    raw, msg = wire(build_message(big, parse_recipient("a@example.org"), MAIL, now=NOW))
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    assert msg.get_body(("html",)).get_content().rstrip() == html  # type: ignore[union-attr]


def test_line_breaks_in_a_title_cannot_add_a_header() -> None:
    evil = built(title="Der Digest\r\nBcc: alle@example.org\nX-Evil: 1")
    _, msg = wire(build_message(evil, parse_recipient("a@example.org"), MAIL, now=NOW))
    assert "Bcc" not in msg and "X-Evil" not in msg
    assert msg["Subject"].startswith("Der Digest Bcc: alle@example.org X-Evil: 1 – Mittwoch")


@pytest.mark.parametrize("value", [
    "a@example.org\r\nBcc: b@example.org", "keine-adresse", "a@b", "a b@example.org",
    "<a@example.org>, b@example.org", "bernd\x07@example.org",
])  # fmt: skip
def test_bad_recipients_are_rejected(value: str) -> None:
    with pytest.raises(ValueError):
        parse_recipient(value)


def test_a_bad_sender_is_an_error_naming_the_key() -> None:
    mail = MailConfig(sender="x@example.org\nBcc: y@example.org")
    with pytest.raises(HeaderError, match=r"^mail\.from: "):
        build_message(built(), parse_recipient("a@example.org"), mail, now=NOW)


def test_message_id_is_stable_per_issue_and_recipient() -> None:
    def mid(addr: str) -> str:
        return str(build_message(built(), parse_recipient(addr), MAIL, now=NOW)["Message-ID"])

    assert mid("Anna@Example.org") == mid("anna@example.org") != mid("bernd@example.org")
    assert mid("anna@example.org").endswith("@lindenauer-digest.de>")


def test_list_headers_keep_long_urls_intact() -> None:
    url = "https://lindenauer-digest.de/abmelden?liste=digest&token=" + "a1b2c3" * 20
    mail = MailConfig(sender=MAIL.sender, list_unsubscribe=url,
                      list_unsubscribe_mailto="mailto:abmelden@lindenauer-digest.de")  # fmt: skip
    raw, msg = wire(build_message(built(), parse_recipient("a@example.org"), mail, now=NOW))
    assert msg["List-Unsubscribe"] == f"<{url}>, <mailto:abmelden@lindenauer-digest.de>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["List-Id"] == "<digest.lindenauer-digest.de>"
    assert b"=?" not in raw.split(b"\r\n\r\n")[0].split(b"List-Unsubscribe:")[1]


def test_mailto_only_has_no_one_click() -> None:
    mail = MailConfig(sender=MAIL.sender, list_unsubscribe="mailto:ab@lindenauer-digest.de",
                      list_id="Digest für Lindenau <digest.lindenauer-digest.de>")  # fmt: skip
    _, msg = wire(build_message(built(), parse_recipient("a@example.org"), mail, now=NOW))
    assert msg["List-Unsubscribe"] == "<mailto:ab@lindenauer-digest.de>"
    assert "List-Unsubscribe-Post" not in msg
    assert msg["List-Id"] == "Digest für Lindenau <digest.lindenauer-digest.de>"


def test_test_copy_has_prefix_banner_and_its_own_message_id() -> None:
    rcpt = parse_recipient("pruefer@example.org")
    real = build_message(built(), rcpt, MAIL, now=NOW)
    _, msg = wire(build_message(built(), rcpt, MAIL, now=NOW, test=True))
    assert msg["Subject"] == "[TEST] Der Digest – Mittwoch, 3. Dezember 2025"
    assert msg["Message-ID"] != real["Message-ID"]
    plain, html = (p.get_content() for p in msg.iter_parts())
    assert "TEST – diese Ausgabe ging nur an pruefer@example.org" in plain.splitlines()[1]
    assert html.startswith('<html lang="de"><body class="x"><div style=')
