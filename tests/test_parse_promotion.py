"""Advertisements in the mailbox: left out as no news, quietly (our own German text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from digest import api
from digest.errors import NotNews
from digest.models import Article, Source
from digest.parse.promotion import is_promotion

SHOP_MAIL = """\
From: Versandhaus Beispiel <angebote@versand.example>
To: leser@example.org
Subject: Nur heute: Winterjacken
Date: Tue, 01 Dec 2026 07:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Nur heute: Winterjacken für die ganze Familie bis zu 40 % günstiger.

Sichern Sie sich Ihr Lieblingsstück, bevor die Größen vergriffen sind. Bestellen Sie bis
Mitternacht, und wir liefern Ihnen versandkostenfrei ab 29 Euro Bestellwert.
"""

NEWS_MAIL = """\
From: Westrieder Bote <newsletter@bote.example>
To: leser@example.org
Subject: Stadtrat beschließt Hallenbad
Date: Tue, 01 Dec 2026 07:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Der Stadtrat von Westried hat am Montagabend den Bau eines neuen Hallenbads beschlossen.
Die Kosten liegen bei 14,5 Millionen Euro, der Eintritt soll 4 Euro kosten. Der
Bürgermeister sprach von einem guten Tag für die Schwimmvereine der Stadt.

Die Opposition kritisierte die Finanzierung. Baubeginn ist im Frühjahr 2027.
"""


def _article(title: str, body: str) -> Article:
    return Article(title=title, body=body, source=Source("Test", "test.txt"))


def test_an_offer_that_speaks_to_the_reader_is_a_promotion() -> None:
    offer = _article("Alles für den Garten", "Alles für den Garten: Werkzeug bis zu 30 % "
                     "reduziert. Greifen Sie zu, solange der Vorrat reicht.")  # fmt: skip
    assert is_promotion(offer)
    informal = _article("Dein Abo", "Hol dir jetzt dein Abo für 9,99 € im Monat. Du kannst "
                        "jederzeit kündigen.")  # fmt: skip
    assert is_promotion(informal)


def test_news_with_prices_or_a_closing_call_to_read_is_no_promotion() -> None:
    report = _article("Hallenbad kommt", "Der Stadtrat hat den Bau beschlossen. Der Eintritt "
                      "soll 4 Euro kosten. Die Opposition stimmte dagegen.")  # fmt: skip
    assert not is_promotion(report)
    tested = _article("Fahrradhelme im Test", "Zwölf Helme hat die Prüfstelle getestet. Drei "
                      "fielen durch, der beste kostet 80 Euro. Alle Ergebnisse lesen Sie "
                      "auf der Seite der Prüfstelle.")  # fmt: skip
    assert not is_promotion(tested)
    advice = _article("So sparen Sie Strom", "Wer den Kühlschrank richtig einstellt, spart "
                      "Strom. Sieben Grad reichen, sagen Fachleute.")  # no price named
    assert not is_promotion(advice)


def test_api_parse_says_an_ad_mail_holds_no_news() -> None:
    with pytest.raises(NotNews, match=r"^an advertisement, no news \(it speaks to the reader"):
        api.parse(SHOP_MAIL, filename="angebot.eml")


def test_a_build_leaves_the_ad_out_without_a_warning(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "angebot.eml").write_text(SHOP_MAIL, "utf-8")
    (inbox / "bote.eml").write_text(NEWS_MAIL, "utf-8")
    out = tmp_path / "out"
    result = invoke("build", "--strict", "-i", inbox, "-o", out, "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and "angebot.eml" not in result.output
    text = (out / "2026-12-01" / "issue.txt").read_text("utf-8")
    assert "Hallenbad" in text
    assert "Winterjacken" not in text and "versandkostenfrei" not in text
    verbose = invoke("build", "-v", "-i", inbox, "-o", out, "--date", "2026-12-01")
    assert "angebot.eml': an advertisement, no news" in verbose.output
