"""Newsletters through the whole build: the issue a subscriber receives never shows the
recipient's address, and ``api.parse`` and ``api.load`` read a mail the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from digest import api
from digest.errors import NotNews
from tests.conftest import CORPUS
from tests.newsletter_files import NEWSLETTERS

ANNA = "anna.beispiel@example.org"
# A mail to a list address: the subscriber's own address shows only in its footer.
BCC_MAIL = """\
From: Kreisblatt <redaktion@kreisblatt.example>
To: verteiler@kreisblatt.example
Subject: Kreistag beschließt Berufsschule
Date: Tue, 01 Dec 2026 06:30:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Guten Morgen,

der Kreistag hat am Abend den Neubau der Berufsschule beschlossen. Die Schule soll bis
2029 fertig sein und achthundert Plätze bieten. Die Kosten trägt zu einem Drittel das
Land, den Rest teilen sich Kreis und Stadt.

Der Landrat sprach von einer Investition in die Zukunft der Region. Die Opposition
stimmte zu, verlangte aber einen Zeitplan für die Sanierung der alten Gebäude.

Viele Grüße
Ihre Redaktion

Diese E-Mail wurde an lena.muster@example.net verschickt.
Abmelden: https://kreisblatt.example/ab?e=lena.muster%40example.net
"""


def _issue_files(folder: Path) -> str:
    """Return the rendered issue as the subscriber gets it: HTML, plaintext and JSON."""
    (day,) = [p for p in folder.iterdir() if p.is_dir() and p.name[:4].isdigit()]
    names = ("issue.html", "issue.txt", "issue.json")
    return "\n".join((day / name).read_text("utf-8") for name in names)


@pytest.mark.parametrize(
    ("name", "text", "addresses"),
    [
        ("table_newsletter.eml", None, [ANNA]),
        ("kreisblatt.eml", BCC_MAIL, ["lena.muster@example.net"]),
    ],
)
def test_no_address_of_the_recipient_reaches_the_rendered_issue(
    tmp_path: Path, invoke: Callable[..., Result], name: str, text: str | None,
    addresses: list[str],
) -> None:  # fmt: skip
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    if text is None:
        (inbox / name).write_bytes((NEWSLETTERS / name).read_bytes())
    else:
        (inbox / name).write_text(text, "utf-8")
    out = tmp_path / "out"
    result = invoke("build", "-i", inbox, "-o", out, "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    issue = _issue_files(out)
    assert "Berufsschule" in issue or "Fußgängerbrücke" in issue  # the news is there
    for address in addresses:
        local, _, domain = address.partition("@")
        assert address not in issue and f"{local}%40{domain}" not in issue
        assert local not in issue


def _newsletters() -> list[Path]:
    real = CORPUS / "real-inputs-dev"
    found = sorted(NEWSLETTERS.glob("*.*")) + sorted((NEWSLETTERS / "heldout").glob("*.*"))
    found += sorted((real / "eml").glob("*.eml")) + sorted((real / "text").glob("*.*"))
    return [p for p in found if p.suffix != ".json"]


@pytest.mark.parametrize("path", _newsletters(), ids=lambda p: p.name)
def test_parse_and_load_give_the_same_title(path: Path) -> None:
    loaded = api.load(path)
    if not loaded:  # an advertisement: both say it holds no news
        with pytest.raises(NotNews):
            api.parse(path.read_bytes(), filename=path.name)
        return
    parsed = api.parse(path.read_bytes(), filename=path.name)
    first = loaded[0]
    assert (parsed.title, parsed.kicker, parsed.body) == (first.title, first.kicker, first.body)
    assert parsed.items == first.items


MARKDOWN_ARTICLE = """\
# Neue Radwege für die Altstadt

Die Stadt baut bis zum Sommer **drei neue Radwege** durch die Altstadt. Die Pläne stellte
die Verwaltung am Donnerstag im [Bauausschuss](https://stadt.example/ausschuss) vor, die
Kosten liegen bei *zwei Millionen Euro*.

Autos dürfen die Hauptstraße künftig nur noch in eine Richtung befahren, sagte die
Baudezernentin. Der Einzelhandel sieht das mit `gemischten Gefühlen`.
"""


def test_markdown_never_reaches_a_summary_or_the_plaintext(
    tmp_path: Path, invoke: Callable[..., Result]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "radwege.md").write_text(MARKDOWN_ARTICLE, "utf-8")
    (inbox / "abend.md").write_bytes((NEWSLETTERS / "bold_leads.md").read_bytes())
    out = tmp_path / "out"
    result = invoke("build", "-i", inbox, "-o", out, "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    issue = _issue_files(out)
    assert "drei neue Radwege" in issue and "Landtag beschließt Schulgesetz" in issue
    for mark in ("**", "](", "`", "*zwei"):
        assert mark not in issue
