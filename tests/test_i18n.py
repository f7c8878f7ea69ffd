"""Catalogues: complete German translations, compiled at build time or on the fly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from test_dedup_fixtures import BRIDGE_A, BRIDGE_B

from digest.api import Config, build_issue
from digest.i18n import LOCALE_DIR, long_date, number, translations


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_every_template_message_has_a_german_and_english_translation() -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        template = read_po(f)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for lang in ("de", "en"):
        translated = {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog(lang)
            if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
        }
        assert ids <= translated, (lang, ids - translated)


def test_translations_use_the_catalogue() -> None:
    assert translations("de_DE").gettext("More news") == "Weitere Meldungen"
    assert translations("de_AT").gettext("Unsubscribe") == "Abbestellen"
    assert translations("en_US").gettext("More news") == "More news"


def test_dates_and_numbers_follow_the_locale() -> None:
    assert long_date(dt.date(2025, 12, 3), "de_DE") == "Mittwoch, 3. Dezember 2025"
    assert long_date(dt.date(2025, 12, 3), "de_AT") == "Mittwoch, 3. Dezember 2025"
    assert long_date(dt.date(2026, 1, 5), "de_AT") == "Montag, 5. Jänner 2026"
    assert number(120000, "de_DE") == "120.000"
    # Swiss grouping is an apostrophe: Babel 2.19's CLDR data writes ', older releases ’.
    assert number(120000, "de_CH") in {"120’000", "120'000"}
    assert number(120000, "en_US") == "120,000"


@pytest.mark.parametrize(
    ("outlet", "german", "english"),
    [
        ("Tagesblatt", "**Laut Tagesblatt:** ", "**According to Tagesblatt:** "),
        # German declines a name whose adjectives decline after "laut"; English keeps it.
        ("Neue Rheinische Zeitung", "**Laut Neuer Rheinischer Zeitung:** ",
         "**According to Neue Rheinische Zeitung:** "),
    ],
)
def test_source_credit_in_a_merged_story_follows_the_locale(
    tmp_path: Path, outlet: str, german: str, english: str
) -> None:
    names = {BRIDGE_A.source.name: outlet, BRIDGE_B.source.name: "Rheinpost"}
    for article in (BRIDGE_A, BRIDGE_B):
        text = (f"---\nsource: {names[article.source.name]}\n---\n"
                f"{article.title}\n\n{article.body}\n")  # fmt: skip
        (tmp_path / f"{article.source.name}.txt").write_text(text, encoding="utf-8")
    inputs = sorted(tmp_path.glob("*.txt"))
    for locale, label in (("de_DE", german), ("en_US", english)):
        issue = build_issue(Config(locale=locale), inputs=inputs)
        assert len(issue.stories) == 1
        assert label in issue.stories[0].body
